"""Where data lives: the per-user directory unless a flag or $OUTPOST_DATA_DIR says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.paths import DATA_DIR_ENV, backups_dir, data_dir, database_path, logs_dir


def test_the_flag_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_dir(tmp_path / "from-flag") == tmp_path / "from-flag"
    assert (tmp_path / "from-flag").is_dir()


def test_the_environment_variable_points_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "trainer"))
    assert data_dir() == tmp_path / "trainer"


def test_the_default_is_the_per_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "Outpost"


def test_store_backups_and_logs_sit_inside_the_data_directory(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / "outpost.sqlite3"
    assert backups_dir(tmp_path) == tmp_path / "backups" and (tmp_path / "backups").is_dir()
    assert logs_dir(tmp_path) == tmp_path / "logs" and (tmp_path / "logs").is_dir()
