"""The reads a screen needs first (who is working, the case list, counts) in plain SQL.

They run on a read-only sqlite3 connection, so the app can show a village's cases
before SQLAlchemy has even loaded; the ORM session reuses the same functions on its
own connection, so there is one query for each read, not two.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from casework.rows import CasePage, CaseRow, CaseSort, Identity

# Whitelisted ORDER BY expressions: a sort key never reaches SQL as text from outside.
_ORDER = {
    CaseSort.NUMBER: "c.number",
    CaseSort.CREATED_AT: "c.created_at",
    CaseSort.FIRST_PARTY: "(SELECT name FROM parties WHERE case_id = c.id AND position = 0)",
    CaseSort.DISPUTE_TYPE: "c.dispute_type",
    CaseSort.STATUS: "c.status",
    CaseSort.PRIORITY: "c.priority",
}

_PAGE = """
SELECT c.id, c.number, c.created_at,
       (SELECT group_concat(name, '、')
          FROM (SELECT name FROM parties WHERE case_id = c.id ORDER BY position)),
       c.dispute_type, c.status, c.priority
  FROM cases c
 ORDER BY {order} {direction}, c.id {direction}
 LIMIT ? OFFSET ?
"""

_IDENTITY = """
SELECT w.id, w.name, d.id, u.code, u.name
  FROM devices d
  JOIN workers w ON w.id = d.current_worker_id
  JOIN org_units u ON u.code = d.org_unit_code
"""

_VILLAGES = """
SELECT v.code, v.name, t.name
  FROM org_units v JOIN org_units t ON t.code = v.parent_code
 WHERE v.level = 'village'
 ORDER BY v.code
"""


def connect_reader(path: Path) -> sqlite3.Connection:
    """A connection that can only read: the writer stays the ORM session's alone."""
    connection = sqlite3.connect(path, check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    return connection


def _utc(stored: str) -> dt.datetime:
    # Written by the ORM's UTCDateTime as naive UTC text.
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)


def case_page(connection: sqlite3.Connection, page: CasePage) -> list[CaseRow]:
    """One page of the case list, sorted in the database."""
    direction = "DESC" if page.descending else "ASC"
    sql = _PAGE.format(order=_ORDER[page.sort], direction=direction)
    return [
        CaseRow(
            id=row[0],
            number=row[1],
            created_at=_utc(row[2]),
            parties=row[3] or "",
            dispute_type=row[4],
            status=row[5],
            priority=row[6],
        )
        for row in connection.execute(sql, (page.limit, page.offset))
    ]


def count_cases(connection: sqlite3.Connection) -> int:
    """How many cases the store holds."""
    return int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])


def pending_outbox(connection: sqlite3.Connection) -> int:
    """How many events still wait for the town server."""
    return int(connection.execute("SELECT count(*) FROM outbox").fetchone()[0])


def identity(connection: sqlite3.Connection) -> Identity | None:
    """The worker and village this laptop is set up for, or None before first run."""
    row = connection.execute(_IDENTITY).fetchone()
    return None if row is None else Identity(*row)


def villages(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(code, village name, town name) for the first-run village picker."""
    return [(code, village, town) for code, village, town in connection.execute(_VILLAGES)]


def org_unit_codes(connection: sqlite3.Connection) -> set[str]:
    """Codes of every org unit the store knows."""
    return {code for (code,) in connection.execute("SELECT code FROM org_units")}
