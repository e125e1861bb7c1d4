"""The local case store: one SQLite file, WAL, foreign keys on, synchronous=FULL.

The file is encrypted by SQLCipher with the laptop's database key (casework.vault): every
connection, the ORM's and the plain readers', goes through the sqlcipher3 driver and
gives the key first. Without a key (tests, the benchmark's baseline) the same driver
reads and writes a plain SQLite file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from casework.cipher import _quiet, driver


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own transaction handling starts transactions late (deferred) and
    # lets reads run outside them; SQLAlchemy's "begin" below takes over instead.
    dbapi_connection.isolation_level = None
    # Pragmas are per connection, so they are set on every new one.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=15000")  # sync writes beside the writer
    cursor.close()


READ_ONLY = "outpost_read_only"  # execution option: a transaction that only reads


def _on_begin(connection: Connection) -> None:
    # Take the write lock when the transaction starts, not at its first write: the
    # reads that decide a case number or a sequence number then see the final state,
    # and a second writer waits (busy_timeout) instead of failing half way. Reads
    # need no lock: in WAL they never wait for a writer.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """An engine on the SQLite file at ``path`` with Outpost's pragmas, through SQLCipher
    (SQLAlchemy's sqlite+pysqlcipher dialect) with ``key``, or plain without one."""
    # Built, not parsed: no %-decoding of the folder name. The dialect gives the key as
    # its first statement on every new connection; a pool of connections (not the
    # dialect's default of one per thread) as for any file database.
    _quiet()
    if key is None:
        url = URL.create("sqlite", database=str(path))
        engine = create_engine(url, module=driver, poolclass=QueuePool,
                               connect_args={"check_same_thread": False})  # fmt: skip
    else:
        url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
        engine = create_engine(url, poolclass=QueuePool,
                               connect_args={"check_same_thread": False})  # fmt: skip
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Store:
    """The open local store. A caller opens one unit of work per user action."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.engine = make_engine(path, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing it does is committed, no lock is taken."""
        with self._sessions() as session:
            session.connection(execution_options={READ_ONLY: True})
            yield session

    def close(self) -> None:
        """Release every connection (and with them the WAL's file handles)."""
        self.engine.dispose()
