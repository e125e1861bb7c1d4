"""Bring the local database to the current schema, safely.

Before any upgrade the file is copied aside with SQLite's online backup; if the upgrade
fails, the copy is put back, so the worker's cases are exactly as they were.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from casework import cipher, migrations
from casework.paths import backups_dir

log = logging.getLogger("outpost.migrate")

SCRIPTS = Path(migrations.__file__).resolve().parent


@dataclasses.dataclass(frozen=True)
class MigrationReport:
    """What start-up did to the database."""

    before: str | None  # revision found, None for a new or empty file
    after: str
    backup: Path | None  # the copy taken before upgrading, if one was needed


class MigrationFailed(RuntimeError):
    """The upgrade failed and the original file was restored from ``backup``."""

    def __init__(self, revision: str | None, backup: Path | None, cause: BaseException) -> None:
        self.revision = revision
        self.backup = backup
        self.cause = cause
        super().__init__(f"upgrade from {revision or 'an empty database'} failed: {cause!r}")


class StoreTooNew(RuntimeError):
    """The file was made by a newer Outpost: this one does not know its revision.

    Nothing is attempted and no copy is made; installing the newer release opens it.
    """

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"the store is at revision {revision!r}, unknown to this release")


def current_revision(path: Path, key: bytes | None = None) -> str | None:
    """The revision stamped in the file, read without the ORM (cheap at start-up);
    raises cipher.WrongKey if ``key`` does not open the file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"  # as_uri escapes '#', '?' and '%' in folders
    with contextlib.closing(cipher.connect(uri, key, uri=True)) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except cipher.OperationalError:  # no alembic_version table: never migrated
            return None
    return None if row is None else str(row[0])


KEEP_BACKUPS = 10


def backup(path: Path, reason: str, key: bytes | None = None) -> Path:
    """A consistent copy of the live database (WAL included) in the backups folder,
    as one self-contained file, encrypted with the same key; only the newest
    KEEP_BACKUPS copies are kept."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups_dir(path.parent) / f"{path.stem}-{reason}-{stamp}.sqlite3"
    # SQLite's online backup copies pages as they are; SQLCipher needs both ends keyed
    # alike, so the copy is as unreadable without the key as the store.
    with (
        contextlib.closing(cipher.connect(path, key)) as source,
        contextlib.closing(cipher.connect(target, key)) as copy,
    ):
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # no -wal beside it to lose when copied
    _prune(target.parent)
    return target


def _taken_at(copy: Path) -> str:
    # The UTC stamp that ends every copy's name (file times are too coarse to order by).
    return copy.stem.rsplit("-", 1)[-1]


def _prune(folder: Path) -> None:
    copies = sorted(folder.glob("*.sqlite3"), key=_taken_at, reverse=True)
    for old in copies[KEEP_BACKUPS:]:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{old}{suffix}").unlink(missing_ok=True)


def _restore(path: Path, copy: Path) -> None:
    # A new file put in place by rename: a handle still open on the failed file can then
    # never write stale pages into the restored one.
    staging = path.with_name(path.name + ".restoring")
    shutil.copyfile(copy, staging)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(staging, path)


def _run_alembic(path: Path, scripts: Path, target: str, key: bytes | None) -> None:
    from alembic import command
    from alembic.config import Config

    from casework.store import make_engine

    config = Config()
    config.set_main_option("script_location", str(scripts))
    engine = make_engine(path, key)
    try:
        with engine.connect() as connection:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on,
            # the drop would fail (or cascade into child rows). SQLite ignores this pragma
            # inside a transaction, so it is set before the upgrade's transaction begins,
            # and the keys are checked before it commits instead.
            driver = connection.connection.driver_connection
            assert isinstance(driver, cipher.driver.Connection)
            driver.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the upgrade broke foreign keys: {broken[:5]}")
    finally:
        engine.dispose()


def _known_revisions(scripts: Path) -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(scripts))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def upgrade(
    path: Path,
    *,
    scripts: Path | None = None,
    head: str | None = "",
    target: str = "head",
    key: bytes | None = None,
) -> MigrationReport:
    """Upgrade the database at ``path`` to ``target``, creating it if absent.

    ``scripts`` (default: Outpost's own), ``head`` (default: ``migrations.HEAD``; None
    means always run Alembic) and ``target`` exist for tests that bring their own
    revisions or build an old database. Raises StoreTooNew for a newer release's file.
    """
    scripts = scripts or SCRIPTS
    head = migrations.HEAD if head == "" else head
    before = current_revision(path, key)
    if head is not None and target == "head" and before == head:
        return MigrationReport(before, before, None)
    if before is not None and before not in _known_revisions(scripts):
        raise StoreTooNew(before)
    existed = path.exists() and path.stat().st_size > 0
    copy = backup(path, f"before-{before or 'unversioned'}", key) if existed else None
    try:
        _run_alembic(path, scripts, target, key)
    except Exception as exc:
        log.exception("migration from %s failed", before)
        if copy is not None:
            _restore(path, copy)
        else:  # the file was made by this very attempt; leave no half-built store
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise MigrationFailed(before, copy, exc) from exc
    after = current_revision(path, key) or ""
    log.info("database upgraded from %s to %s (backup %s)", before, after, copy)
    return MigrationReport(before, after, copy)
