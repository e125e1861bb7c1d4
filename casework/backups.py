"""Keeping the store whole: the check at start, the daily copy, restoring a copy, and
encrypting a store made before encryption.

Copies live in the data folder's ``backups`` (made by casework.migrate.backup, keyed like
the store). A damaged store is never overwritten: restoring moves it aside first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from casework import cipher
from casework.migrate import backup
from casework.paths import backups_dir, database_path, move_aside

log = logging.getLogger("outpost.backups")

DAILY = dt.timedelta(days=1)
PAGE = 4096  # SQLCipher's page size: an encrypted file is whole pages


@dataclasses.dataclass(frozen=True)
class Backup:
    """One copy in the backups folder."""

    path: Path
    taken_at: dt.datetime
    reason: str


class StoreDamaged(Exception):
    """The store is truncated or corrupted; ``backups``: the copies that can replace it,
    newest first (the ones the key opens and that pass the same check)."""

    def __init__(self, path: Path, problem: str, copies: list[Backup]) -> None:
        super().__init__(f"{path.name} is damaged: {problem}")
        self.path = path
        self.problem = problem
        self.backups = copies


def _backup_of(path: Path) -> Backup | None:
    # Names are <stem>-<reason>-<UTC stamp>.sqlite3 (casework.migrate.backup).
    stem, _, stamp = path.stem.rpartition("-")
    try:
        taken = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return Backup(path, taken, stem.partition("-")[2])


def all_backups(data_dir: Path) -> list[Backup]:
    """Every copy in the backups folder, newest first."""
    found = (_backup_of(path) for path in backups_dir(data_dir).glob("*.sqlite3"))
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def problem_of(path: Path, key: bytes | None, *, thorough: bool = False) -> str | None:
    """What is wrong with the database file, or None when it opens and checks whole.

    The quick check, at every start, costs milliseconds on any size of store: whole
    pages, the key opens the first page (SQLCipher checks each page's HMAC), and the
    schema reads (SQLite refuses a file shorter than its header says). ``thorough`` adds
    SQLite's quick_check of every page: seconds on a large store, so not at start. A
    missing or empty file is not damaged (it is a new store)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    size = path.stat().st_size
    if key is not None and not cipher.is_plain(path) and size % PAGE:
        return f"truncated: {size} bytes is not a whole number of pages"
    try:
        with contextlib.closing(cipher.connect(path, key)) as connection:
            verdict = [("ok",)]  # connect read the schema
            if thorough:
                verdict = connection.execute("PRAGMA quick_check(5)").fetchall()
    except cipher.WrongKey as exc:
        return str(exc)
    except cipher.DriverError as exc:
        return f"{type(exc).__name__}: {exc}"
    if [row[0] for row in verdict] != ["ok"]:
        return "; ".join(str(row[0]) for row in verdict)
    return None


def check(path: Path, key: bytes | None) -> None:
    """Raise StoreDamaged, with the usable copies, if the store is damaged."""
    problem = problem_of(path, key)
    if problem is None:
        return
    usable = [b for b in all_backups(path.parent) if problem_of(b.path, key) is None]
    if not usable and _opens_nothing(path, key):
        # Neither the store nor any copy opens: the key is another store's (keys.json
        # copied from another laptop), not a damaged file.
        raise cipher.WrongKey(problem)
    log.error("the store %s is damaged: %s", path, problem)
    raise StoreDamaged(path, problem, usable)


def _opens_nothing(path: Path, key: bytes | None) -> bool:
    if path.stat().st_size % PAGE:
        return False  # part of a page missing: damage, whatever the key
    try:
        cipher.connect(path, key).close()
    except cipher.WrongKey:
        return True
    except cipher.DriverError:
        return False
    return False


def restore(data_dir: Path, copy: Backup) -> Path:
    """Put ``copy`` in place of the store; the damaged file (and its WAL) is moved aside,
    never deleted. Returns where the damaged file now is."""
    path = database_path(data_dir)
    staging = path.with_name(path.name + ".restoring")
    shutil.copyfile(copy.path, staging)
    aside = move_aside(path, "damaged")
    os.replace(staging, path)
    # The copy's device numbers and hash chain are behind what the server holds: the
    # next open moves them on (see renumber_after_restore).
    _restored_marker(data_dir).write_text(copy.path.name, encoding="utf-8")
    log.warning("store restored from %s; the damaged file is %s", copy.path, aside)
    return aside


# Far past any events (and cases) a laptop makes between its daily copy and the day it
# is damaged.
RESTORE_SEQ_JUMP = 1_000_000
RESTORE_NUMBER_JUMP = 1000


def _restored_marker(data_dir: Path) -> Path:
    return data_dir / "restored-from-copy.txt"


def renumber_after_restore(data_dir: Path, key: bytes | None) -> bool:
    """After a restore, number the laptop's next events and cases past any it made before
    the damage (the server holds some of them: reused numbers would be refused for ever,
    and a case number taken twice would stop the town's copy coming back) and
    start its hash chain again (the server records the restart: the town sees that this
    laptop went back to a copy). Returns whether there was a restore to finish."""
    marker = _restored_marker(data_dir)
    if not marker.exists():
        return False
    with contextlib.closing(cipher.connect(database_path(data_dir), key)) as connection, connection:
        # Case numbers end in a five-digit running number (casework.services).
        numbers = connection.execute("SELECT number FROM cases").fetchall()
        highest = max((int(n.rsplit("-", 1)[1]) for (n,) in numbers if n[-5:].isdigit()),
                      default=0)  # fmt: skip
        connection.execute(
            "UPDATE devices SET last_seq = last_seq + ?, chain_head = '', number_floor = ?",
            (RESTORE_SEQ_JUMP, highest + RESTORE_NUMBER_JUMP),
        )
    marker.unlink()
    log.warning("after the restore, device numbers moved on by %d", RESTORE_SEQ_JUMP)
    return True


def keep_daily(path: Path, key: bytes | None, now: dt.datetime | None = None) -> Path | None:
    """Copy the store aside if the newest copy is a day old or more (or there is none)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    copies = all_backups(path.parent)
    now = now or dt.datetime.now(dt.UTC)
    if copies and now - copies[0].taken_at < DAILY:
        return None
    return backup(path, "daily", key)


def _encrypt_file(source: Path, key: bytes) -> None:
    # SQLCipher's own way: attach an empty keyed file and export everything into it,
    # then put it in place by rename (a crash leaves the plain file, still whole).
    staging = source.with_name(source.name + ".encrypting")
    staging.unlink(missing_ok=True)
    with contextlib.closing(cipher.connect(source, None)) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute(f"ATTACH DATABASE ? AS sealed KEY \"x'{key.hex()}'\"", (str(staging),))
        plain.execute("SELECT sqlcipher_export('sealed')")
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"PRAGMA sealed.user_version = {int(version)}")
        plain.execute("DETACH DATABASE sealed")
    with staging.open("rb+") as written:
        os.fsync(written.fileno())
    for suffix in ("-wal", "-shm"):
        Path(f"{source}{suffix}").unlink(missing_ok=True)
    os.replace(staging, source)


def encrypt_plain_store(data_dir: Path, key: bytes) -> bool:
    """Encrypt a store made before encryption, its copies and its attachments, with
    ``key``. Returns False when there was nothing plain to encrypt.

    A marker stands while the work is under way: a start after a crash half way finishes
    the copies and attachments though the store itself is encrypted already."""
    path = database_path(data_dir)
    marker = data_dir / "encrypting.txt"
    if not cipher.is_plain(path) and not marker.exists():
        return False
    marker.write_text("the store, its copies and attachments are being encrypted\n")
    if cipher.is_plain(path):
        _encrypt_file(path, key)
    for copy in all_backups(data_dir):
        if cipher.is_plain(copy.path):
            _encrypt_file(copy.path, key)
    from casework import attachments  # with the ORM: only when there is work to do

    sealed = attachments.seal_folder(attachments.folder_of(data_dir), key)
    marker.unlink()
    log.info("store, copies and %d attachments encrypted", sealed)
    return True
