"""工作台: what is due — process steps, follow-ups, visits, case deadlines — and drafts.

Read on the plain sqlite3 connection; the SLA clock is the case's deadline against
the laptop's date, so it keeps running offline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Callable

from casework import process
from casework.checklists import ProcessChecklist
from casework.status import OPEN_STATUSES, CaseStatus

# The process checklist of a version (None: the current one).
ProcessOf = Callable[[str | None], ProcessChecklist]

# Cases the village still has work on: not archived, not with a higher level.
_ACTIVE = f"c.status NOT IN ('{CaseStatus.ARCHIVED.value}', '{CaseStatus.ESCALATED.value}')"
_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
_PARTIES = (
    "(SELECT group_concat(name, '、') FROM "
    "(SELECT name FROM parties WHERE case_id = c.id ORDER BY position))"
)


@dataclasses.dataclass(frozen=True)
class WorkItem:
    """One line of the worklist."""

    kind: str  # "step", "follow_up", "visit", "deadline" or "draft"
    ref: str  # the case id (a draft's id for drafts)
    number: str
    parties: str
    what: str  # the step code, the visit kind, the status, or the draft's title
    due_on: dt.date | None
    overdue: bool


@dataclasses.dataclass(frozen=True)
class Worklist:
    """The worklist's sections."""

    steps: list[WorkItem]
    follow_ups: list[WorkItem]
    visits: list[WorkItem]
    deadlines: list[WorkItem]
    drafts: list[WorkItem]
    # Open cases past their deadline: each proposes escalation 上报, which a person
    # confirms (the village may still settle it; the proposal only asks).
    escalate: list[WorkItem] = dataclasses.field(default_factory=list)


def _next_steps(
    connection: sqlite3.Connection, process_of: ProcessOf, until: dt.date
) -> list[tuple[str, str, str, str, dt.date]]:
    # Per active accepted case, the first step still open (an alternative not taken, or
    # a step passed by a later one, is not open); kept when it is due by ``until``. A case
    # not yet accepted shows under deadlines: its next step is the intake.
    rows = connection.execute(
        f"SELECT c.id, c.number, {_PARTIES}, ps.step, ps.due_on, json_array_length(ps.entries), "
        "c.process_version "
        "FROM process_steps ps JOIN cases c ON c.id = ps.case_id "
        f"WHERE {_ACTIVE} AND c.accepted_at IS NOT NULL AND c.id IN ("
        "SELECT case_id FROM process_steps WHERE done_at IS NULL AND due_on <= ?) "
        "ORDER BY c.id, ps.position",
        (until.isoformat(),),
    ).fetchall()
    by_case: dict[str, list[tuple[str, str, str, str, int]]] = {}
    versions: dict[str, str | None] = {}
    for case_id, number, parties, step, due_on, entries, version in rows:
        by_case.setdefault(case_id, []).append((number, parties or "", step, due_on, entries))
        versions[case_id] = version
    found = []
    for case_id, steps in by_case.items():
        # Each case by the process checklist it was taken in under.
        states = process.states(process_of(versions[case_id]), {s[2]: s[4] for s in steps})
        for number, parties, step, due_on, _ in steps:
            if states.get(step) is process.StepState.OPEN:
                due = dt.date.fromisoformat(due_on)
                if due <= until:
                    found.append((case_id, number, parties, step, due))
                break
    return sorted(found, key=lambda row: row[4])


def _visits_due(connection: sqlite3.Connection, until: dt.date) -> list[WorkItem]:
    # A planned next visit is due until a later visit to the same case (or, without a
    # case, to the same named place) has been logged, whenever it was made.
    rows = connection.execute(
        "SELECT v.id, coalesce(c.number, ''), coalesce(" + _PARTIES + ", v.place), v.kind, "
        "v.next_visit_on, v.case_id FROM visits v LEFT JOIN cases c ON c.id = v.case_id "
        "WHERE v.next_visit_on IS NOT NULL AND v.next_visit_on <= ? AND NOT EXISTS ("
        "SELECT 1 FROM visits w WHERE w.id <> v.id AND (w.visited_on > v.visited_on OR "
        "(w.visited_on = v.visited_on AND w.recorded_at > v.recorded_at)) AND "
        "((v.case_id IS NOT NULL AND w.case_id = v.case_id) OR "
        "(v.case_id IS NULL AND w.case_id IS NULL AND v.place <> '' AND w.place = v.place))) "
        "ORDER BY v.next_visit_on",
        (until.isoformat(),),
    )
    items = []
    for _visit_id, number, who, kind, next_on, case_id in rows:
        due = dt.date.fromisoformat(next_on)
        items.append(WorkItem("visit", case_id or "", number, who or "", kind, due, False))
    return items


def _deadlines(connection: sqlite3.Connection, until: dt.date) -> list[tuple[str, ...]]:
    return connection.execute(
        f"SELECT c.id, c.number, {_PARTIES}, c.status, c.due_on FROM cases c "
        f"WHERE c.status IN ({_OPEN}) "
        "AND c.due_on IS NOT NULL AND c.due_on <= ? ORDER BY c.due_on",
        (until.isoformat(),),
    ).fetchall()


def _drafts(connection: sqlite3.Connection) -> list[WorkItem]:
    rows = connection.execute(
        "SELECT id, title, updated_at FROM drafts WHERE closed_at IS NULL ORDER BY updated_at DESC"
    )
    return [
        WorkItem("draft", draft_id, "", "", title, dt.date.fromisoformat(updated[:10]), False)
        for draft_id, title, updated in rows
    ]


def worklist(
    connection: sqlite3.Connection,
    process_of: ProcessOf,
    today: dt.date,
    horizon_days: int = 3,
) -> Worklist:
    """What is overdue, due today or due within ``horizon_days``, and the drafts."""
    until = today + dt.timedelta(days=horizon_days)
    steps, follow_ups = [], []
    for case_id, number, parties, step, due in _next_steps(connection, process_of, until):
        item = WorkItem("step", case_id, number, parties, step, due, due < today)
        if step == "follow_up":
            follow_ups.append(dataclasses.replace(item, kind="follow_up"))
        else:
            steps.append(item)
    visits = [dataclasses.replace(v, overdue=v.due_on is not None and v.due_on < today)
              for v in _visits_due(connection, until)]  # fmt: skip
    deadlines = []
    for case_id, number, parties, status, due_on in _deadlines(connection, until):
        due = dt.date.fromisoformat(due_on)
        deadlines.append(
            WorkItem("deadline", case_id, number, parties or "", status, due, due < today)
        )
    escalate = [dataclasses.replace(d, kind="escalate") for d in deadlines if d.overdue]
    return Worklist(steps, follow_ups, visits, deadlines, _drafts(connection), escalate)
