"""One Outpost per data folder: a lock file, so two copies never write the same store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "outpost.lock"


def acquire(directory: Path) -> QLockFile | None:
    """Lock ``directory`` for this process; None if another live Outpost holds it.

    A lock left by a crashed copy is recognised as stale (its process is gone) and taken.
    """
    lock = QLockFile(str(directory / LOCK_NAME))
    return lock if lock.tryLock(200) else None
