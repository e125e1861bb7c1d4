"""Visits 走访: patrols, home visits, appointments, joint consultations and follow-ups.

A visit may belong to a case or stand alone (a patrol that found nothing to record).
A follow-up 回访 carries the satisfaction survey and, when its case is ready for it,
completes the case's 回访 step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from casework import events
from casework.drafts import MAX_TEXT, DraftInvalid, FieldProblem, Problem, text_problem
from casework.events import EventType
from casework.models import Case, Visit

if TYPE_CHECKING:
    from casework.checklists import Checklists


class VisitKind(enum.StrEnum):
    """The kinds of visit of the Wujiang model."""

    PATROL = "patrol"  # 网格巡查
    HOME_VISIT = "home_visit"  # 上门听诊
    APPOINTMENT = "appointment"  # 预约接诊
    JOINT_CONSULTATION = "joint_consultation"  # 联合会诊
    FOLLOW_UP = "follow_up"  # 回访


class Satisfaction(enum.StrEnum):
    """An answer of the follow-up survey."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY = "basically_satisfied"  # 基本满意
    UNSATISFIED = "unsatisfied"  # 不满意


SURVEY = ("attitude", "procedure", "effect")  # 调处态度, 调处规范, 调处效果


@dataclasses.dataclass
class VisitDraft:
    """A visit as typed into the form."""

    kind: str = VisitKind.PATROL.value
    visited_on: dt.date = dataclasses.field(default_factory=dt.date.today)
    place: str = ""
    people: str = ""
    notes: str = ""
    outcome: str = ""
    next_visit_on: dt.date | None = None
    case_id: str | None = None
    attitude: str = ""
    procedure: str = ""
    effect: str = ""
    comment: str = ""


def validate(draft: VisitDraft, today: dt.date | None = None) -> list[FieldProblem]:
    """Every problem of the visit, in form order; empty when it may be saved."""
    today = today or dt.date.today()
    found: list[FieldProblem] = []
    if draft.kind not in {k.value for k in VisitKind}:
        found.append(FieldProblem("kind", Problem.UNKNOWN_CHOICE))
    if draft.visited_on > today:
        found.append(FieldProblem("visited_on", Problem.DATE_IN_FUTURE))
    for name, required, limit in (("place", False, 200), ("people", False, 1000),
                                  ("notes", True, MAX_TEXT), ("outcome", False, MAX_TEXT),
                                  ("comment", False, MAX_TEXT)):  # fmt: skip
        if problem := text_problem(getattr(draft, name), required=required, limit=limit):
            found.append(FieldProblem(name, problem))
    if draft.next_visit_on is not None and draft.next_visit_on <= draft.visited_on:
        found.append(FieldProblem("next_visit_on", Problem.NOT_AFTER_VISIT))
    if draft.kind == VisitKind.FOLLOW_UP.value:
        if draft.case_id is None:
            found.append(FieldProblem("case_id", Problem.CASE_REQUIRED))
        for name in SURVEY:
            value = getattr(draft, name)
            if value not in {s.value for s in Satisfaction}:
                problem = Problem.REQUIRED if not value else Problem.UNKNOWN_CHOICE
                found.append(FieldProblem(name, problem))
    return found


def _snapshot(visit: Visit) -> dict[str, Any]:
    return {
        "id": visit.id, "case_id": visit.case_id, "org_unit_code": visit.org_unit_code,
        "kind": visit.kind, "visited_on": visit.visited_on.isoformat(), "place": visit.place,
        "people": visit.people, "notes": visit.notes, "outcome": visit.outcome,
        "next_visit_on": visit.next_visit_on.isoformat() if visit.next_visit_on else None,
        "attitude": visit.attitude, "procedure": visit.procedure, "effect": visit.effect,
        "comment": visit.comment,
    }  # fmt: skip


def _complete_follow_up(
    session: Session, visit: Visit, checklists: Checklists | None, at: dt.datetime
) -> None:
    # The follow-up visit is the 回访 step's record, when the case has reached it; an
    # early follow-up (mediation still going on) is kept as a visit only.
    if checklists is None or visit.case_id is None:
        return
    from casework.handling import complete_step, may_complete

    steps = [s.code for s in checklists.process.step if s.by_visit == visit.kind]
    fields = {"visit": visit.id, "visited_on": visit.visited_on.isoformat()}
    for code in steps:
        if may_complete(session, visit.case_id, code, fields, checklists, visit=visit.kind):
            complete_step(session, visit.case_id, code, fields, checklists, at=at, visit=visit.kind)


def log_visit(
    session: Session,
    draft: VisitDraft,
    *,
    checklists: Checklists | None = None,
    at: dt.datetime | None = None,
) -> str:
    """Record a visit (an event, on the case when it has one); returns its id.

    Raises DraftInvalid, with nothing written, when the visit has problems.
    """
    if problems := validate(draft):
        raise DraftInvalid(problems)
    who = events.current_identity(session)
    if draft.case_id is not None and session.get(Case, draft.case_id) is None:
        raise DraftInvalid([FieldProblem("case_id", Problem.UNKNOWN_CHOICE)])
    now = at or dt.datetime.now(dt.UTC)
    survey = draft.kind == VisitKind.FOLLOW_UP.value
    visit = Visit(
        id=str(uuid.uuid4()), case_id=draft.case_id, org_unit_code=who.org_unit_code,
        kind=draft.kind, visited_on=draft.visited_on, place=draft.place.strip(),
        people=draft.people.strip(), notes=draft.notes.strip(), outcome=draft.outcome.strip(),
        next_visit_on=draft.next_visit_on,
        attitude=draft.attitude if survey else None,
        procedure=draft.procedure if survey else None,
        effect=draft.effect if survey else None,
        comment=draft.comment.strip() if survey else "",
        recorded_by=who.worker_id, recorded_at=now,
    )  # fmt: skip
    session.add(visit)
    session.flush()
    events.append(
        session, case_id=visit.case_id, type=EventType.VISIT_LOGGED, payload=_snapshot(visit),
        at=now,
    )  # fmt: skip
    if survey:
        _complete_follow_up(session, visit, checklists, now)
    return visit.id


def link_visit(session: Session, visit_id: str, case_id: str) -> None:
    """Tie a standalone visit (a patrol) to the case recorded from what it found."""
    visit = session.get(Visit, visit_id)
    if visit is None or session.get(Case, case_id) is None:
        raise LookupError(f"no visit {visit_id!r} or no case {case_id!r}")
    if visit.case_id == case_id:
        return
    if visit.case_id is not None:
        raise ValueError("the visit already belongs to another case")
    visit.case_id = case_id
    events.append(
        session, case_id=case_id, type=EventType.VISIT_LINKED,
        payload={"visit_id": visit_id, "case_id": case_id},
    )  # fmt: skip
