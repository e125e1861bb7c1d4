"""Where Outpost keeps its data: the per-user data directory, or one chosen by flag or env."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

DATA_DIR_ENV = "OUTPOST_DATA_DIR"
DATABASE_NAME = "outpost.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``override`` (a --data-dir flag), else $OUTPOST_DATA_DIR,
    else the OS's per-user data directory. The directory is created if missing."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        path = Path(chosen).expanduser()
    else:
        import platformdirs  # deferred: only the default path needs it

        path = Path(platformdirs.user_data_dir("Outpost", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(directory: Path) -> Path:
    """The local case store inside a data directory."""
    return directory / DATABASE_NAME


def backups_dir(directory: Path) -> Path:
    """Where copies of the database are kept before each migration."""
    path = directory / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir(directory: Path) -> Path:
    """Where the rotating log files are written."""
    path = directory / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def move_aside(path: Path, label: str) -> Path:
    """Move a database file and its WAL beside it as ``<name>.<label>-<UTC stamp>``,
    never deleting anything; returns the new path of the file."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        held = Path(f"{path}{suffix}")
        if held.exists():
            os.replace(held, Path(f"{aside}{suffix}"))
    return aside
