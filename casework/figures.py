"""The figures the centres report 统计: for a period, over every case this store holds.

A village laptop holds its village's cases, a town desk its villages', the district
everything, so the scope is the store. Moments come from the event log where it matters
(the first outcome of a case, the desk that closed it), read in a handful of queries on
the plain sqlite3 connection and folded here: no ORM object is loaded, so a store of
100,000 cases takes about a second (1.3 s for its whole history).

Every figure has a one-line definition a clerk can read (``DEFINITIONS``); the UI shows
it translated beside the figure.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import sqlite3
import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from casework.domain import Level
from casework.status import CaseStatus

if TYPE_CHECKING:
    from casework.casebook import Casebook

OUTCOMES = (CaseStatus.AGREEMENT.value, CaseStatus.TERMINATED.value)
SURVEY = ("attitude", "procedure", "effect")  # 调处态度, 调处规范, 调处效果
ANSWERS = ("satisfied", "basically_satisfied", "unsatisfied")
LEVELS = (Level.VILLAGE.value, Level.TOWN.value, Level.DISTRICT.value)

# One line each, in English: the UI translates them (context "Figures").
DEFINITIONS: dict[str, str] = {
    "received": "Cases received = cases recorded in the period",
    "accepted": "Cases accepted = cases accepted in the period (by the village, or by the desk "
    "when escalated first)",
    "closed": "Cases closed = cases first reaching an agreement or a termination in the period "
    "(refusals at intake excluded)",
    "closure_rate": "Closure rate = cases closed / cases accepted in the period",
    "success_rate": "Mediation success rate = agreements / (agreements + terminations) of the "
    "cases closed in the period",
    "handling_time": "Handling time = days from acceptance to closure of the cases closed in "
    "the period (median and mean)",
    "levels": "Resolved at each level = share of the cases closed in the period, each counted "
    "at the level that closed it",
    "overdue": "Overdue = cases open past their deadline at the end of the period + cases "
    "closed in the period after their deadline",
    "survey": "Follow-up survey = answers given at the follow-up visits made in the period",
}


@dataclasses.dataclass(frozen=True)
class Period:
    """Local calendar dates, both included."""

    start: dt.date
    end: dt.date

    @classmethod
    def this_month(cls, today: dt.date) -> Period:
        """From the first of ``today``'s month to its last day."""
        return cls(today.replace(day=1), _month_end(today.year, today.month))

    @classmethod
    def last_month(cls, today: dt.date) -> Period:
        """The whole month before ``today``'s."""
        last = today.replace(day=1) - dt.timedelta(days=1)
        return cls(last.replace(day=1), last)

    @classmethod
    def this_year(cls, today: dt.date) -> Period:
        """1 January to 31 December of ``today``'s year."""
        return cls(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))

    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM", in order."""
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Tally:
    """The counts of one line of a breakdown (a type, a month, a village)."""

    received: int = 0
    accepted: int = 0
    closed: int = 0
    agreements: int = 0


@dataclasses.dataclass(frozen=True)
class Survey:
    """The follow-up survey: how many visits, and each question's answers counted."""

    visits: int
    answers: Mapping[str, Mapping[str, int]]  # question -> answer -> visits


@dataclasses.dataclass(frozen=True)
class Figures:
    """What the 统计 page shows for one period."""

    period: Period
    scope_code: str  # the device's unit: a village, a town or the district
    scope_name: str
    scope_level: str
    received: int
    accepted: int
    closed: int
    agreements: int
    terminations: int
    handling_days_median: float | None  # None: nothing closed with a known acceptance
    handling_days_mean: float | None
    by_level: Mapping[str, int]  # village / town / district -> cases closed there
    overdue_open: int
    closed_late: int
    by_type: Mapping[str, Tally]  # dispute type -> tally, types with any figure
    by_month: Mapping[str, Tally]  # "YYYY-MM" -> tally, every month of the period
    by_village: Mapping[str, Tally]  # village code -> tally; empty for one village
    village_names: Mapping[str, str]
    survey: Survey

    @property
    def closure_rate(self) -> float | None:
        """办结率: closed / accepted (None when nothing was accepted)."""
        return self.closed / self.accepted if self.accepted else None

    @property
    def success_rate(self) -> float | None:
        """调解成功率: agreements / (agreements + terminations) of the cases closed."""
        return self.agreements / self.closed if self.closed else None

    @property
    def overdue(self) -> int:
        """Open past the deadline at the period's end, plus closed late in the period."""
        return self.overdue_open + self.closed_late

    def level_share(self, level: str) -> float | None:
        """The share of the closed cases closed at ``level``."""
        return self.by_level.get(level, 0) / self.closed if self.closed else None


# --- reading -------------------------------------------------------------------------------

# Every case received before the period ends: those received in it are counted, the
# older ones may be accepted, closed or overdue in it.
_CASES = """
SELECT id, org_unit_code, dispute_type, created_at, accepted_at, due_on
  FROM cases WHERE created_at < ?
"""
# Each move to an outcome before the period ends; the first per case is its closure. The
# payload is JSON with ASCII escapes, so looking for the quoted word first skips parsing
# the other moves (a third faster with 100,000 cases); json_extract then decides.
_OUTCOME_MOVES = """
SELECT case_id, recorded_at, json_extract(payload, '$.from'), json_extract(payload, '$.to')
  FROM case_events
 WHERE type = 'case.status_changed' AND recorded_at < ?
   AND (instr(payload, '"agreement"') OR instr(payload, '"terminated"'))
   AND json_extract(payload, '$.to') IN ('agreement', 'terminated')
"""
# Desk acts before the period ends, in clock order. The range repeats the partial index's
# own condition so that SQLite reads only the escalation acts.
_DESK_ACTS = """
SELECT case_id, type, recorded_at, json_extract(payload, '$.unit')
  FROM case_events
 WHERE type >= 'escalation.' AND type < 'escalation/'
   AND type IN ('escalation.accepted', 'escalation.closed') AND recorded_at < ?
 ORDER BY hlc, device_id, device_seq
"""
_SURVEY = """
SELECT attitude, procedure, effect, count(*) FROM visits
 WHERE kind = 'follow_up' AND visited_on BETWEEN ? AND ?
 GROUP BY attitude, procedure, effect
"""
_UNITS = "SELECT code, name, level, parent_code FROM org_units"
_SCOPE = """
SELECT u.code, u.name, u.level FROM devices d JOIN org_units u ON u.code = d.org_unit_code
"""


def _stored(day: dt.date) -> str:
    """Local midnight of a day as the store writes times (naive UTC text): moments are
    compared as that text, without parsing 100,000 of them."""
    midnight = dt.datetime.combine(day, dt.time()).astimezone()
    return midnight.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _utc(stored: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class _Unit:
    name: str
    level: str
    parent: str | None


@dataclasses.dataclass
class _Log:
    """What the event log says of each case, as stored text."""

    closed: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)  # at, outcome
    refused: dict[str, str] = dataclasses.field(default_factory=dict)  # 不予受理
    desk_accepted: dict[str, str] = dataclasses.field(default_factory=dict)  # first 接单
    closed_by: dict[str, str] = dataclasses.field(default_factory=dict)  # last 结单's unit


def _read_log(connection: sqlite3.Connection, before: str) -> _Log:
    log = _Log()
    for case_id, at, source, target in connection.execute(_OUTCOME_MOVES, (before,)):
        if source == CaseStatus.REGISTERED.value:  # refused at intake: never mediated
            if at < log.refused.get(case_id, "~"):
                log.refused[case_id] = at
        elif case_id not in log.closed or at < log.closed[case_id][0]:
            log.closed[case_id] = (at, target)
    for case_id, kind, at, unit in connection.execute(_DESK_ACTS, (before,)):
        if kind == "escalation.closed":
            log.closed_by[case_id] = unit or ""  # in clock order: the last one stands
        elif at < log.desk_accepted.get(case_id, "~"):
            log.desk_accepted[case_id] = at
    return log


# --- counting ------------------------------------------------------------------------------

_RECEIVED, _ACCEPTED, _CLOSED, _AGREED = range(4)  # the places of a line's counts


def _tally(counts: list[int]) -> Tally:
    return Tally(*counts)


class _Lines:
    """The period as stored text, and the breakdowns' lines: each a list of four counts."""

    def __init__(self, period: Period, units: Mapping[str, _Unit]) -> None:
        self.period = period
        self.start = _stored(period.start)
        self.end = _stored(period.end + dt.timedelta(days=1))
        self.months = period.months()
        self.month_starts = [_stored(dt.date(int(m[:4]), int(m[5:]), 1)) for m in self.months]
        # A grid's cases count for its village.
        self.village = {c: u.parent if u.level == "grid" and u.parent else c
                        for c, u in units.items()}  # fmt: skip
        self.by_type: dict[str, list[int]] = {}
        self.by_month = [[0] * 4 for _ in self.months]
        self.by_village: dict[str, list[int]] = {}

    def holds(self, stored: str | None) -> bool:
        return stored is not None and self.start <= stored < self.end

    def add(self, kind: str, unit: str, stored: str, place: int) -> None:
        """Count a moment of a case of ``kind`` and ``unit`` at ``place`` of its lines."""
        self.by_type.setdefault(kind, [0] * 4)[place] += 1
        self.by_month[bisect.bisect_right(self.month_starts, stored) - 1][place] += 1
        self.by_village.setdefault(self.village.get(unit, unit), [0] * 4)[place] += 1


@dataclasses.dataclass
class _Totals:
    received: int = 0
    accepted: int = 0
    closed: int = 0
    agreements: int = 0
    overdue_open: int = 0
    closed_late: int = 0
    days: list[float] = dataclasses.field(default_factory=list)
    by_level: dict[str, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(LEVELS, 0))


def _level_closed(closed_by: str | None, units: Mapping[str, _Unit]) -> str:
    # The unit of the desk's last 结单; a case no desk closed was closed in its village.
    if not closed_by:
        return Level.VILLAGE.value
    unit = units.get(closed_by)
    return unit.level if unit is not None and unit.level in LEVELS else Level.TOWN.value


class _Row(NamedTuple):
    """A case as read, with its acceptance from the log when the village never made one."""

    id: str
    unit: str
    kind: str
    received: str
    accepted: str | None
    due_on: str | None


class _Count:
    """One pass over the cases, adding each to the totals and lines it belongs to."""

    def __init__(self, lines: _Lines, log: _Log, units: Mapping[str, _Unit]) -> None:
        self.lines, self.log, self.units = lines, log, units
        self.totals = _Totals()
        self.last_day = lines.period.end.isoformat()

    def case(self, row: _Row) -> None:
        lines, totals = self.lines, self.totals
        if lines.holds(row.received):
            totals.received += 1
            lines.add(row.kind, row.unit, row.received, _RECEIVED)
        if row.accepted is not None and lines.holds(row.accepted):
            totals.accepted += 1
            lines.add(row.kind, row.unit, row.accepted, _ACCEPTED)
        closed = self.log.closed.get(row.id)
        if closed is not None and lines.holds(closed[0]):
            self.closed(row, *closed)
        totals.overdue_open += self.open_late(row, closed)

    def closed(self, row: _Row, at: str, outcome: str) -> None:
        totals, agreed = self.totals, outcome == CaseStatus.AGREEMENT.value
        totals.closed += 1
        totals.agreements += agreed
        totals.by_level[_level_closed(self.log.closed_by.get(row.id), self.units)] += 1
        if row.accepted is not None:  # both naive UTC: their difference is the span
            span = dt.datetime.fromisoformat(at) - dt.datetime.fromisoformat(row.accepted)
            totals.days.append(span.total_seconds() / 86400)
        closed_on = _utc(at).astimezone().date().isoformat()
        totals.closed_late += row.due_on is not None and closed_on > row.due_on
        self.lines.add(row.kind, row.unit, at, _CLOSED)
        if agreed:
            self.lines.add(row.kind, row.unit, at, _AGREED)

    def open_late(self, row: _Row, closed: tuple[str, str] | None) -> bool:
        """Still open when the period ends (neither closed nor refused by then; both are
        read only up to its end) and past its deadline on its last day."""
        ended = closed is not None or row.id in self.log.refused
        return not ended and row.due_on is not None and row.due_on < self.last_day


def _survey(connection: sqlite3.Connection, period: Period) -> Survey:
    answers = {question: dict.fromkeys(ANSWERS, 0) for question in SURVEY}
    visits = 0
    span = (period.start.isoformat(), period.end.isoformat())
    for *given, count in connection.execute(_SURVEY, span):
        visits += count
        for question, answer in zip(SURVEY, given, strict=True):
            if answer is not None:
                answers[question][answer] = answers[question].get(answer, 0) + count
    return Survey(visits, answers)


def _scope_villages(scope: tuple[str, str, str], units: Mapping[str, _Unit]) -> list[str]:
    """The villages a device's scope covers: its own, a town's, or the district's all."""
    code, _name, level = scope
    villages = sorted(c for c, u in units.items() if u.level == "village")
    if level == "town":
        return [c for c in villages if units[c].parent == code]
    if level == "district":
        return villages
    return [code]


def _by_village(lines: _Lines, scope: tuple[str, str, str], units: Mapping[str, _Unit]
                ) -> dict[str, Tally]:  # fmt: skip
    villages = _scope_villages(scope, units)
    villages += sorted(set(lines.by_village) - set(villages))  # held, though outside
    if len(villages) < 2:
        return {}
    return {v: _tally(lines.by_village.get(v, [0] * 4)) for v in villages}


# --- the entry points ----------------------------------------------------------------------


def figures_of(connection: sqlite3.Connection, period: Period) -> Figures:
    """The figures of ``period`` over every case the store behind ``connection`` holds."""
    units = {row[0]: _Unit(row[1], row[2], row[3]) for row in connection.execute(_UNITS)}
    scope = connection.execute(_SCOPE).fetchone() or ("", "", "village")
    lines = _Lines(period, units)
    log = _read_log(connection, lines.end)
    count = _Count(lines, log, units)
    for found in connection.execute(_CASES, (lines.end,)):
        row = _Row._make(found)
        if row.accepted is None and row.id in log.desk_accepted:  # escalated before accepted
            row = row._replace(accepted=log.desk_accepted[row.id])
        count.case(row)
    totals = count.totals
    by_type = sorted(lines.by_type.items(), key=lambda item: -item[1][_RECEIVED])
    return Figures(
        period=period, scope_code=scope[0], scope_name=scope[1], scope_level=scope[2],
        received=totals.received, accepted=totals.accepted, closed=totals.closed,
        agreements=totals.agreements, terminations=totals.closed - totals.agreements,
        handling_days_median=statistics.median(totals.days) if totals.days else None,
        handling_days_mean=statistics.fmean(totals.days) if totals.days else None,
        by_level=totals.by_level, overdue_open=totals.overdue_open,
        closed_late=totals.closed_late,
        by_type={kind: _tally(counts) for kind, counts in by_type},
        by_month={m: _tally(c) for m, c in zip(lines.months, lines.by_month, strict=True)},
        by_village=_by_village(lines, scope, units),
        village_names={code: unit.name for code, unit in units.items()},
        survey=_survey(connection, period),
    )  # fmt: skip


def compute(book: Casebook, period: Period) -> Figures:
    """The figures of ``period`` over this device's scope (every case its store holds)."""
    return figures_of(book._reader, period)
