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


def test_another_process_holding_the_folder_is_respected(data_dir: Path) -> None:
    import subprocess
    import sys

    holder = (
        "import sys; from pathlib import Path; from desktop import instance;"
        f"lock = instance.acquire(Path({str(data_dir)!r})); print('locked', flush=True);"
        "sys.stdin.readline(); lock.unlock()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert instance.acquire(data_dir) is None
    finally:
        child.communicate("done\n", timeout=30)
    after = instance.acquire(data_dir)
    assert after is not None
    after.unlock()
