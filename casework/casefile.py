"""Everything the case page shows beyond the case itself: intake, steps, visits, files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import intake, process
from casework.checklists import Checklists
from casework.handling import INTAKE_OPEN, answers_of, known_answers
from casework.models import Attachment, Case, CaseConflict, ProcessStep, Visit, Worker
from casework.rows import (
    AttachmentRow,
    ConflictRow,
    IntakeRow,
    IntakeSummary,
    PartyRow,
    StepField,
    StepRow,
    VisitRow,
)
from casework.status import CaseStatus


@dataclasses.dataclass(frozen=True)
class CaseParty(PartyRow):
    """A party as the case page holds it: with the id a reveal of its personal data names
    (casework.masking). The page shows the ID number and phone masked until asked."""

    party_id: str = ""


def parties_of(case: Case) -> list[CaseParty]:
    """The case's parties in their order, with their ids."""
    return [
        CaseParty(p.role, p.name, p.id_number, p.phone, p.address, party_id=p.id)
        for p in case.parties
    ]


def intake_summary(session: Session, case: Case, checklists: Checklists) -> IntakeSummary:
    """The intake questions, the answers given and what they mean."""
    answers = known_answers(checklists, answers_of(session, case.id))
    item = checklists.items.find(case.dispute_type)
    outcome = intake.evaluate(checklists.intake, item, answers)
    rows = [
        IntakeRow(q.code, q.text, list(q.answers), list(q.note_required_when),
                  answers[q.code].value if q.code in answers else None,
                  answers[q.code].note if q.code in answers else "")
        for q in checklists.intake.question
    ]  # fmt: skip
    return IntakeSummary(
        version=checklists.intake.version, questions=rows,
        blocks=[b.reason for b in outcome.blocks], unanswered=outcome.unanswered,
        notes_missing=outcome.notes_missing, report_to_police=outcome.report_to_police,
        acceptable=outcome.acceptable, open=CaseStatus(case.status) in INTAKE_OPEN,
    )  # fmt: skip


def step_rows(
    session: Session, case: Case, checklists: Checklists, today: dt.date
) -> list[StepRow]:
    """The case's process steps in order, with their states."""
    stored = session.scalars(
        select(ProcessStep).where(ProcessStep.case_id == case.id).order_by(ProcessStep.position)
    ).all()
    done = {row.step: len(row.entries) for row in stored}
    states = process.states(checklists.process, done)
    rows = []
    for row in stored:
        try:
            step = checklists.process.find(row.step)
        except KeyError:  # a step of an older checklist: shown as recorded
            step = None
        state = states.get(
            row.step, process.StepState.DONE if row.entries else process.StepState.OPEN
        )
        rows.append(
            StepRow(
                code=row.step, name=step.name if step else row.step, due_on=row.due_on,
                state=str(state), entries=[dict(e) for e in row.entries],
                fields=[StepField(f.code, f.label, f.kind) for f in step.field] if step else [],
                repeatable=bool(step and step.repeatable),
                by_visit=step.by_visit if step else None,
                overdue=state == process.StepState.OPEN and row.due_on < today,
            )
        )  # fmt: skip
    return rows


def visit_row(visit: Visit, case_number: str, recorded_by: str) -> VisitRow:
    """A visit as screens show it."""
    survey = {k: v for k in ("attitude", "procedure", "effect") if (v := getattr(visit, k))}
    return VisitRow(
        visit.id, visit.case_id, case_number, visit.kind, visit.visited_on, visit.place,
        visit.people, visit.notes, visit.outcome, visit.next_visit_on, survey, visit.comment,
        recorded_by,
    )  # fmt: skip


def visits_of(session: Session, case_id: str | None = None, limit: int = 500) -> list[VisitRow]:
    """Visits of one case (or all, newest first)."""
    query: Any = (
        select(Visit, Case.number, Worker.name)
        .outerjoin(Case, Case.id == Visit.case_id)
        .join(Worker, Worker.id == Visit.recorded_by)
        .order_by(Visit.visited_on.desc(), Visit.recorded_at.desc())
        .limit(limit)
    )
    if case_id is not None:
        query = query.where(Visit.case_id == case_id)
    return [visit_row(v, number or "", name) for v, number, name in session.execute(query)]


def attachments_of(session: Session, case_id: str) -> list[AttachmentRow]:
    """The files of a case, oldest first."""
    rows = session.scalars(
        select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.added_at)
    )
    return [
        AttachmentRow(a.id, a.sha256, a.file_name, a.media_type, a.size, a.added_at) for a in rows
    ]


def conflicts_of(session: Session, case_id: str) -> list[ConflictRow]:
    """The case's conflicts no person has settled yet."""
    rows = session.scalars(
        select(CaseConflict)
        .where(CaseConflict.case_id == case_id, CaseConflict.settled_at.is_(None))
        .order_by(CaseConflict.id)
    )
    return [ConflictRow(c.id, c.field, c.kept_value, c.other_value, c.detected_at) for c in rows]


def extras(
    session: Session, case: Case, checklists: Checklists | None, today: dt.date
) -> dict[str, Any]:
    """The case page's extra fields of casework.rows.CaseDetail."""
    found: dict[str, Any] = {
        "parties": parties_of(case),
        "due_on": case.due_on,
        "proposed_level": case.proposed_level,
        "versions": {"items": case.items_version, "intake": case.intake_version,
                     "process": case.process_version},
        "visits": visits_of(session, case.id),
        "attachments": attachments_of(session, case.id),
        "conflicts": conflicts_of(session, case.id),
    }  # fmt: skip
    if checklists is not None:  # a case from before the checklists gets its intake now
        found["intake"] = intake_summary(session, case, checklists)
        found["steps"] = step_rows(session, case, checklists, today)
    found["accepted"] = case.accepted_at is not None
    return found
