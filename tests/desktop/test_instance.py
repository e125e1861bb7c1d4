"""Only one Outpost at a time per data folder."""

from __future__ import annotations

from pathlib import Path

from desktop import instance


def test_a_second_copy_is_refused_until_the_first_lets_go(data_dir: Path) -> None:
    first = instance.acquire(data_dir)
    assert first is not None
    assert instance.acquire(data_dir) is None
    first.unlock()
    again = instance.acquire(data_dir)
    assert again is not None
    again.unlock()


def test_another_data_folder_is_not_affected(data_dir: Path, tmp_path: Path) -> None:
    first = instance.acquire(data_dir)
    other = instance.acquire(tmp_path)
    assert first is not None and other is not None
    first.unlock()
    other.unlock()
