"""The reads a screen needs first (who is working, the case list, counts) in plain SQL.

They run on a read-only sqlite3 connection, so the app can show a village's cases
before SQLAlchemy has even loaded; the ORM session reuses the same functions on its
own connection, so there is one query for each read, not two.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from casework import cipher, search
from casework.rows import CaseFilter, CasePage, CaseRow, CaseSort, Identity
from casework.status import OPEN_STATUSES

# Whitelisted ORDER BY expressions: a sort key never reaches SQL as text from outside.
_ORDER = {
    CaseSort.NUMBER: "c.number",
    CaseSort.CREATED_AT: "c.created_at",
    CaseSort.FIRST_PARTY: "(SELECT name FROM parties WHERE case_id = c.id AND position = 0)",
    CaseSort.DISPUTE_TYPE: "c.dispute_type",
    CaseSort.STATUS: "c.status",
    CaseSort.PRIORITY: "c.priority",
    CaseSort.DUE_ON: "c.due_on",
}

_PAGE = """
SELECT c.id, c.number, c.created_at,
       (SELECT group_concat(name, '、')
          FROM (SELECT name FROM parties WHERE case_id = c.id ORDER BY position)),
       c.dispute_type, c.status, c.priority, c.due_on
  FROM cases c
 {where}
 ORDER BY {order} {direction}, c.id {direction}
 LIMIT ? OFFSET ?
"""
_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))

_IDENTITY = """
SELECT w.id, w.name, d.id, u.code, u.name, u.level
  FROM devices d
  JOIN workers w ON w.id = d.current_worker_id
  JOIN org_units u ON u.code = d.org_unit_code
"""

_VILLAGES = """
SELECT v.code, v.name, t.name
  FROM org_units v JOIN org_units t ON t.code = v.parent_code
 WHERE v.level = 'village'
UNION ALL
SELECT u.code, '', u.name FROM org_units u WHERE u.level IN ('town', 'district')
 ORDER BY 1
"""


class Reader(cipher.driver.Connection):  # type: ignore[misc]  # the driver is untyped
    """A connection that only reads. It remembers how many cases the last search
    matched until the store changes, so a page of results, its count and the pages
    scrolled to after it ask the search indexes once."""

    last_search: tuple[tuple[object, ...], int] | None = None


def connect_reader(path: Path, key: bytes | None = None) -> Reader:
    """A connection that can only read: the writer stays the ORM session's alone."""
    connection = cipher.connect(path, key, check_same_thread=False, factory=Reader)
    assert isinstance(connection, Reader)
    connection.execute("PRAGMA query_only = ON")
    # 16 MiB of pages (SQLite's default is 2): a search walking the list looks each case
    # up in search_text's index of case ids (4.5 MB with 100,000 cases); kept in memory,
    # those walks take a tenth less time. An encrypted store keeps 64 MiB: a page read
    # again from the OS's cache is decrypted again, and with 16 MiB a search of 100,000
    # cases took 1.7 times as long as on a plain store; with 64 MiB, as long.
    connection.execute(f"PRAGMA cache_size = {-65536 if key is not None else -16384}")
    return connection


def _utc(stored: str) -> dt.datetime:
    # Written by the ORM's UTCDateTime as naive UTC text.
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)


def _stored_utc(day: dt.date) -> str:
    # Local midnight of ``day`` as the ORM stores times (naive UTC text), for comparing.
    midnight = dt.datetime.combine(day, dt.time()).astimezone()
    return midnight.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


_Clause = tuple[str, list[object]]  # SQL and its parameters


def _in(column: str, values: tuple[str, ...]) -> _Clause:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def _filters(narrow: CaseFilter, today: dt.date) -> list[_Clause]:
    """The conditions of a filter but its text, with their parameters (values never
    become SQL text)."""
    clauses: list[_Clause] = [
        _in(column, values)
        for column, values in (
            ("c.status", narrow.statuses),
            ("c.dispute_type", narrow.dispute_types),
            ("c.priority", narrow.priorities),
            ("c.level", narrow.levels),
        )
        if values
    ]
    if narrow.overdue:
        clauses.append((f"c.status IN ({_OPEN}) AND c.due_on < ?", [today.isoformat()]))
    if narrow.received_from is not None:
        clauses.append(("c.created_at >= ?", [_stored_utc(narrow.received_from)]))
    if narrow.received_to is not None:
        next_day = narrow.received_to + dt.timedelta(days=1)
        clauses.append(("c.created_at < ?", [_stored_utc(next_day)]))
    return clauses


def _where(clauses: list[_Clause]) -> _Clause:
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(f"({sql})" for sql, _ in clauses), [
        p for _, params in clauses for p in params
    ]


# Two ways to the cases whose text matches. Few matches: fetch each one by its id.
# Many: walk the list in the order of an index and keep the cases whose text is among
# the matches, which fills a page long before the walk ends (王 matches one case in
# four: 800 steps fill a page, where fetching all 27,000 matches and sorting them takes
# twenty times as long).
_FETCH = "c.id IN (SELECT case_id FROM search_text WHERE id IN ({matching}))"
_WALK = "EXISTS (SELECT 1 FROM search_text s WHERE s.case_id = c.id AND s.id IN ({matching}))"
# A step of the walk costs about 0.3 of fetching a match (measured with 100,000 cases).
_WALK_COST = 0.3
# Sorts an index serves: a walk in their order can stop once the page is full.
_INDEXED = frozenset({CaseSort.NUMBER, CaseSort.CREATED_AT, CaseSort.STATUS})


def _text(matching: tuple[str, list[str]], walk: bool) -> _Clause:
    sql, params = matching
    return (_WALK if walk else _FETCH).format(matching=sql), list(params)


def _matches(connection: sqlite3.Connection, text: str) -> int:
    """How many cases hold every word of ``text``; remembered by a Reader."""
    if not isinstance(connection, Reader):
        return search.count(connection, text)
    # data_version moves when another connection (the writer) commits.
    version = connection.execute("PRAGMA data_version").fetchone()[0]
    key = (search.matching(text), version, connection.total_changes)
    if connection.last_search is not None and connection.last_search[0] == key:
        return connection.last_search[1]
    found = search.count(connection, text)
    connection.last_search = (key, found)
    return found


def _held(connection: sqlite3.Connection) -> int:
    # About how many cases the store holds, at once (cases are never deleted).
    return int(connection.execute("SELECT max(rowid) FROM cases").fetchone()[0] or 0)


def _walk_for_page(connection: sqlite3.Connection, page: CasePage, text: str) -> bool:
    """Whether walking the list finds the page sooner than fetching every match: with
    ``m`` matches among ``n`` cases, a walk takes about (offset + limit) * n / m steps."""
    if page.sort not in _INDEXED:
        return False
    matches = _matches(connection, text)
    return matches * matches > _WALK_COST * (page.offset + page.limit) * _held(connection)


def case_page(
    connection: sqlite3.Connection,
    page: CasePage,
    narrow: CaseFilter = CaseFilter(),  # noqa: B008 - frozen, never changed
    today: dt.date | None = None,
) -> list[CaseRow]:
    """One page of the case list, narrowed and sorted in the database."""
    today = today or dt.date.today()
    direction = "DESC" if page.descending else "ASC"
    clauses = _filters(narrow, today)
    if matching := search.matching(narrow.text):
        clauses.append(_text(matching, _walk_for_page(connection, page, narrow.text)))
    where, params = _where(clauses)
    sql = _PAGE.format(where=where, order=_ORDER[page.sort], direction=direction)
    rows = []
    for row in connection.execute(sql, [*params, page.limit, page.offset]):
        due_on = dt.date.fromisoformat(row[7]) if row[7] else None
        rows.append(
            CaseRow(
                id=row[0], number=row[1], created_at=_utc(row[2]), parties=row[3] or "",
                dispute_type=row[4], status=row[5], priority=row[6], due_on=due_on,
                overdue=due_on is not None and due_on < today and row[5] in OPEN_STATUSES,
            )
        )  # fmt: skip
    return rows


def count_cases(
    connection: sqlite3.Connection,
    narrow: CaseFilter = CaseFilter(),  # noqa: B008 - frozen, never changed
    today: dt.date | None = None,
) -> int:
    """How many cases the store holds (that pass ``narrow``)."""
    clauses = _filters(narrow, today or dt.date.today())
    if matching := search.matching(narrow.text):
        matches = _matches(connection, narrow.text)
        if not clauses:
            return matches  # the text alone: the indexes know
        # Every match is checked against the other conditions: fetch the few, or walk
        # all cases when fetching the matches would cost more.
        clauses.append(_text(matching, walk=matches > _WALK_COST * _held(connection)))
    where, params = _where(clauses)
    return int(connection.execute(f"SELECT count(*) FROM cases c {where}", params).fetchone()[0])


def pending_outbox(connection: sqlite3.Connection) -> int:
    """How many events still wait for the town server."""
    return int(connection.execute("SELECT count(*) FROM outbox").fetchone()[0])


def identity(connection: sqlite3.Connection) -> Identity | None:
    """The worker and village this laptop is set up for, or None before first run."""
    row = connection.execute(_IDENTITY).fetchone()
    return None if row is None else Identity(*row)


def villages(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(code, village name, town name) for the first-run picker; a town's or the
    district's own desk comes as (its code, "", its name)."""
    return [(code, village, town) for code, village, town in connection.execute(_VILLAGES)]


def unit_names(connection: sqlite3.Connection) -> dict[str, str]:
    """Every org unit's name by its code."""
    return dict(connection.execute("SELECT code, name FROM org_units"))


def org_unit_codes(connection: sqlite3.Connection) -> set[str]:
    """Codes of every org unit the store knows."""
    return {code for (code,) in connection.execute("SELECT code FROM org_units")}


def narrowing(
    connection: sqlite3.Connection,
    narrow: CaseFilter,
    today: dt.date | None = None,
) -> tuple[str, list[object]]:
    """The WHERE clause (cases as ``c``) and its parameters for reads that go through
    every case passing ``narrow``, such as the ledger: the same cases as the list shows."""
    clauses = _filters(narrow, today or dt.date.today())
    if matching := search.matching(narrow.text):
        # All the matches are read: fetch them, unless walking the cases costs less.
        walk = _matches(connection, narrow.text) > _WALK_COST * _held(connection)
        clauses.append(_text(matching, walk))
    return _where(clauses)
