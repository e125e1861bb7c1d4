"""``outpost --check``: one line and exit 0 when healthy, the reason and non-zero if not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casework import migrations
from casework.keystate import StartState, start_state
from casework.paths import database_path

pytestmark = pytest.mark.slow


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--check", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_check_passes_on_a_new_data_dir_and_reports_in_one_line(data_dir: Path) -> None:
    result = _check("--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("outpost check ok: new laptop")
    assert f"revision {migrations.HEAD}" in line and "outpost_zh_CN+qtbase_zh_CN" in line
    assert "encryption ok" in line
    # Made, but not encrypted with a key sealed for no one: the first start after an
    # installer's check is still a first run (which encrypts it).
    assert database_path(data_dir).exists()
    assert start_state(data_dir) is StartState.NEW


def test_check_reports_a_protected_laptop_as_locked_and_leaves_it_alone(
    protected_data_dir: Path,
) -> None:
    path = database_path(protected_data_dir)
    before = path.read_bytes()
    result = _check("--data-dir", str(protected_data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "encrypted and locked (2 worker(s) can log in" in result.stdout
    assert path.read_bytes() == before


def test_check_fails_with_the_reason_on_a_damaged_store(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"this is not a database" * 100)
    result = _check("--data-dir", str(data_dir))
    assert result.returncode != 0
    assert "outpost check FAILED" in result.stdout and "cannot be opened" in result.stdout


def test_check_refuses_a_data_folder_that_a_running_outpost_holds(data_dir: Path) -> None:
    from desktop import instance

    lock = instance.acquire(data_dir)
    assert lock is not None
    try:
        result = _check("--data-dir", str(data_dir))
    finally:
        lock.unlock()
    assert result.returncode != 0 and "another Outpost is using the data folder" in result.stdout
