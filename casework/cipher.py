"""SQLCipher, the local store's encryption: the driver, the key, the checks of a file.

Kept apart from casework.store so the plain readers (casework.listing) connect without
loading SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from pathlib import Path
from typing import Any, cast

from sqlcipher3 import dbapi2 as driver

__all__ = ["driver"]  # the one driver of the store, for casework.store and listing

# The driver's errors (not the standard library's sqlite3 ones, which it does not raise).
DatabaseError: type[Exception] = driver.DatabaseError
DriverError: type[Exception] = driver.Error
OperationalError: type[Exception] = driver.OperationalError
PLAIN_HEADER = b"SQLite format 3\x00"


class WrongKey(Exception):
    """The key does not open the file (or the file is not a database at all)."""


def key_pragma(key: bytes) -> str:
    """The SQLCipher statement giving a raw 32-byte key (no passphrase derivation: the
    key is random already, and opening stays as fast as a plain file's)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_plain(path: Path) -> bool:
    """Whether the file is an unencrypted SQLite database (its header is readable)."""
    try:
        with path.open("rb") as file:
            return file.read(16) == PLAIN_HEADER
    except FileNotFoundError:
        return False


@functools.cache
def _quiet() -> None:
    # A wrong key is an answer we handle (WrongKey), not something for SQLCipher to
    # print on stderr; the setting is the library's, once per process.
    with contextlib.closing(driver.connect(":memory:")) as connection:
        connection.execute("PRAGMA cipher_log_level = NONE")


def connect(path: Path | str, key: bytes | None, **options: Any) -> sqlite3.Connection:
    """A driver connection to the file, keyed; raises WrongKey if the key does not open it.

    Typed as the standard library's connection: sqlcipher3's has the same interface."""
    _quiet()
    connection = driver.connect(str(path), **options)
    try:
        if key is not None:
            connection.execute(key_pragma(key))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        connection.close()
        if "not a database" not in str(exc):
            raise  # readable but damaged ("database disk image is malformed")
        raise WrongKey(f"{Path(path).name} does not open with this key: {exc}") from exc
    return cast(sqlite3.Connection, connection)
