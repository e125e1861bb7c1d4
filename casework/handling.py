"""Taking a case through its checklists: intake answers, acceptance, process steps.

Each function works inside the caller's unit of work and records every answer and
every step as a case event beside the current-state rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import events, intake, process
from casework.checklists import Checklists, Step
from casework.domain import Level
from casework.events import EventType
from casework.intake import Answer, IntakeOutcome
from casework.models import Case, IntakeAnswer, ProcessStep
from casework.process import StepRefusal, StepRefused
from casework.services import UnknownCase, change_status, on_village_device, take_checklists
from casework.status import CaseStatus, IllegalTransition, check_transition


class IntakeBlocked(ValueError):
    """The intake checklist does not allow accepting the case; carries the outcome."""

    def __init__(self, outcome: IntakeOutcome) -> None:
        self.outcome = outcome
        reasons = [b.reason for b in outcome.blocks]
        super().__init__(
            "intake does not allow acceptance: "
            + "; ".join(
                reasons
                + [f"unanswered {c}" for c in outcome.unanswered]
                + [f"note missing for {c}" for c in outcome.notes_missing]
            )
        )


class IntakeClosed(ValueError):
    """Intake answers can change only before the case is accepted."""


# Statuses in which the intake may still be answered: before acceptance, or once a
# higher level returned the case for the village to take it in again.
INTAKE_OPEN = frozenset({CaseStatus.REGISTERED, CaseStatus.RETURNED})


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise UnknownCase(case_id)
    return case


def answers_of(session: Session, case_id: str) -> dict[str, Answer]:
    """The current intake answers of a case."""
    rows = session.scalars(select(IntakeAnswer).where(IntakeAnswer.case_id == case_id))
    return {row.question: Answer(row.value, row.note) for row in rows}


def known_answers(checklists: Checklists, answers: dict[str, Answer]) -> dict[str, Answer]:
    """The answers this intake checklist knows: one it does not (a question or answer of
    a version not kept on this laptop) counts as not given, never as an error."""
    questions = {q.code: q.answers for q in checklists.intake.question}
    return {c: a for c, a in answers.items() if a.value in questions.get(c, ())}


def outcome_of(session: Session, case: Case, checklists: Checklists) -> IntakeOutcome:
    """What the case's intake answers mean under its checklists."""
    item = checklists.items.find(case.dispute_type)
    answers = known_answers(checklists, answers_of(session, case.id))
    return intake.evaluate(checklists.intake, item, answers)


def forced(case: Case, outcome: IntakeOutcome, checklists: Checklists) -> tuple[str, str | None]:
    """The priority and proposed level the intake's forcing rules give the case: risk
    makes it urgent and proposes the level above the village."""
    item = checklists.items.find(case.dispute_type)
    level = intake.proposed_level(item)
    if outcome.propose_escalation and level is Level.VILLAGE:
        level = Level.TOWN
    return outcome.priority.value, level.value if outcome.propose_escalation else None


def _apply_outcome(
    session: Session, case: Case, outcome: IntakeOutcome, checklists: Checklists, at: dt.datetime
) -> None:
    priority, proposed = forced(case, outcome, checklists)
    changes: dict[str, Any] = {}
    if case.priority != priority:
        changes["priority"] = {"from": case.priority, "to": priority}
        case.priority = priority
    if case.proposed_level != proposed:
        changes["proposed_level"] = {"from": case.proposed_level, "to": proposed}
        case.proposed_level = proposed
    if changes:
        changes["report_to_police"] = outcome.report_to_police
        events.append(
            session, case_id=case.id, type=EventType.INTAKE_EVALUATED, payload=changes, at=at
        )


def answer_intake(
    session: Session,
    case_id: str,
    answers: Mapping[str, Answer],
    checklists: Checklists,
    *,
    at: dt.datetime | None = None,
) -> IntakeOutcome:
    """Record intake answers (each changed one is an event) and apply the forcing rules.

    Raises InvalidAnswer for an answer the checklist does not have, IntakeClosed once
    the case is accepted; nothing is written in either case.
    """
    case = _case(session, case_id)
    if CaseStatus(case.status) not in INTAKE_OPEN:
        raise IntakeClosed(f"case {case.number} is {case.status}: intake is closed")
    now = at or dt.datetime.now(dt.UTC)
    if case.intake_version is None:  # recorded before the checklists: taken in now
        take_checklists(session, case, checklists)
    known = known_answers(checklists, answers_of(session, case_id))
    item = checklists.items.find(case.dispute_type)
    intake.evaluate(checklists.intake, item, {**known, **answers})  # refuses bad answers
    for code, answer in answers.items():
        answer = Answer(answer.value, answer.note.strip())
        if known.get(code) == answer:
            continue
        session.merge(IntakeAnswer(case_id=case_id, question=code, value=answer.value,
                                   note=answer.note, answered_at=now))  # fmt: skip
        events.append(
            session, case_id=case_id, type=EventType.INTAKE_ANSWERED, at=now,
            payload={"question": code, "value": answer.value, "note": answer.note,
                     "checklist_version": checklists.intake.version},
        )  # fmt: skip
    session.flush()
    outcome = outcome_of(session, case, checklists)
    _apply_outcome(session, case, outcome, checklists, now)
    return outcome


def check_acceptable(session: Session, case: Case, checklists: Checklists) -> None:
    """Raise IntakeBlocked unless the intake allows accepting ``case``."""
    outcome = outcome_of(session, case, checklists)
    if not outcome.acceptable:
        raise IntakeBlocked(outcome)


def _done(session: Session, case_id: str) -> dict[str, ProcessStep]:
    rows = session.scalars(select(ProcessStep).where(ProcessStep.case_id == case_id))
    return {row.step: row for row in rows}


def _checked_step(
    session: Session,
    case: Case,
    code: str,
    fields: Mapping[str, str],
    checklists: Checklists,
    visit: str | None,
) -> tuple[Step, ProcessStep]:
    # Every check before any write, so a refusal leaves nothing behind.
    steps = _done(session, case.id)
    if code not in steps:
        raise StepRefused(code, StepRefusal.UNKNOWN_STEP)
    done = {k: len(v.entries) for k, v in steps.items()}
    current = CaseStatus(case.status)
    # Only a case the intake let in, and not while a higher level holds it.
    accepted = case.accepted_at is not None and current is not CaseStatus.ESCALATED
    step = process.check_step(
        checklists.process, done, code, fields, accepted=accepted, visit=visit
    )
    if step.status is not None and step.status is not current:
        check_transition(current, step.status, by_village=on_village_device(session))
    return step, steps[code]


class StepRecord(Protocol):
    """What recording a step changes: a process_steps row, stored or laid out."""

    entries: list[dict[str, Any]]
    done_at: dt.datetime | None


def settle_passed(
    steps: Mapping[str, StepRecord], checklists: Checklists, now: dt.datetime
) -> None:
    """Settle the steps no longer needed (an alternative taken, or passed by a later
    step), so the workbench's "not settled" index skips them."""
    states = process.states(checklists.process, {k: len(v.entries) for k, v in steps.items()})
    for code, row in steps.items():
        if states.get(code) is process.StepState.NOT_NEEDED and row.done_at is None:
            row.done_at = now


def enter_step(
    steps: Mapping[str, StepRecord],
    code: str,
    fields: dict[str, str],
    checklists: Checklists,
    now: dt.datetime,
) -> None:
    """Add one entry (one more session of a repeatable step) to a case's step and settle
    the steps it passes; ``steps`` are the case's rows by code."""
    row = steps[code]
    row.entries = [*row.entries, fields]
    row.done_at = row.done_at or now
    settle_passed(steps, checklists, now)


def enter_outcome(
    steps: Mapping[str, StepRecord],
    outcome: str,
    summary: str,
    checklists: Checklists,
    now: dt.datetime,
) -> None:
    """The outcome a higher level reached (结单) entered as the case's own outcome step
    (调解协议 or 调解终止), its first field holding what was decided: the steps before
    it are passed, and the village carries on from there (履行, 回访)."""
    for step in checklists.process.step:
        if step.status is not None and step.status.value == outcome and step.code in steps:
            fields = {step.field[0].code: summary} if step.field else {}
            enter_step(steps, step.code, fields, checklists, now)
            return


def steps_of(session: Session, case_id: str) -> dict[str, ProcessStep]:
    """A case's process step rows by code."""
    return _done(session, case_id)


def may_complete(
    session: Session,
    case_id: str,
    code: str,
    fields: Mapping[str, str],
    checklists: Checklists,
    *,
    visit: str | None = None,
) -> bool:
    """Whether ``complete_step`` would accept this step now."""
    try:
        _checked_step(session, _case(session, case_id), code, fields, checklists, visit)
    except (StepRefused, IllegalTransition):
        return False
    return True


def complete_step(
    session: Session,
    case_id: str,
    code: str,
    fields: Mapping[str, str],
    checklists: Checklists,
    *,
    at: dt.datetime | None = None,
    visit: str | None = None,
) -> None:
    """Record a process step (or one more mediation session) and move the status on.
    ``visit``: the kind of visit that records it, for a step done by a visit (回访).

    Raises StepRefused (why) or IllegalTransition (the status cannot follow), with
    nothing written.
    """
    case = _case(session, case_id)
    step, _ = _checked_step(session, case, code, fields, checklists, visit)
    now = at or dt.datetime.now(dt.UTC)
    clean = {k: str(v).strip() for k, v in fields.items()}
    enter_step(_done(session, case.id), code, clean, checklists, now)
    events.append(
        session, case_id=case_id, type=EventType.STEP_COMPLETED, at=now,
        payload={"step": code, "fields": clean, "checklist_version": checklists.process.version},
    )  # fmt: skip
    if step.status is not None and step.status is not CaseStatus(case.status):
        change_status(session, case_id, step.status, at=now, checklists=checklists)


class ConflictSettled(ValueError):
    """The conflict was settled already (here or, by sync, on another laptop)."""


def settle_conflict(
    session: Session,
    conflict_id: int,
    *,
    take_other: bool,
    note: str,
    checklists: Checklists | None,
    at: dt.datetime | None = None,
) -> str:
    """A person settles a status conflict: the status kept stands, or the other one is
    taken (a status change, if the state machine allows it). The decision is an event,
    so every replica shows the conflict settled. Returns the case id."""
    from casework.models import CaseConflict

    conflict = session.get(CaseConflict, conflict_id)
    if conflict is None:
        raise LookupError(f"no conflict {conflict_id}")
    if conflict.settled_at is not None:
        raise ConflictSettled(f"conflict {conflict_id} was settled already")
    now = at or dt.datetime.now(dt.UTC)
    if take_other and conflict.other_value != _case(session, conflict.case_id).status:
        change_status(session, conflict.case_id, CaseStatus(conflict.other_value),
                      note=note, at=now, checklists=checklists)  # fmt: skip
    chosen = conflict.other_value if take_other else conflict.kept_value
    resolution = f"{chosen}: {note.strip()}" if note.strip() else chosen
    event = events.append(
        session, case_id=conflict.case_id, type=EventType.CONFLICT_SETTLED, at=now,
        payload={"kept_event_id": conflict.kept_event_id,
                 "other_event_id": conflict.other_event_id, "resolution": resolution},
    )  # fmt: skip
    conflict.settled_at, conflict.settled_by, conflict.resolution = now, event.author_id, resolution
    return conflict.case_id
