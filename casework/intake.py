"""The checklist engine: runs the intake checklist, matches the handling level, dates steps.

Qt-free and pure: it takes a checklist and answers and says what follows; the caller
records each answer as a case event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping

from casework.checklists import IntakeChecklist, Item, ProcessChecklist
from casework.domain import Level, Priority

_RANK = {Level.VILLAGE: 0, Level.TOWN: 1, Level.DISTRICT: 2}


@dataclasses.dataclass(frozen=True)
class Answer:
    """An answer to one intake question, with the note some answers require."""

    value: str
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Block:
    """Why the case cannot be accepted: the question and the checklist's reason."""

    question: str
    reason: str


@dataclasses.dataclass(frozen=True)
class IntakeOutcome:
    """What the intake answers given so far mean for the case."""

    unanswered: list[str]
    notes_missing: list[str]
    blocks: list[Block]
    priority: Priority
    propose_escalation: bool
    report_to_police: bool

    @property
    def acceptable(self) -> bool:
        """Every question answered, every required note given, nothing blocking."""
        return not (self.unanswered or self.notes_missing or self.blocks)


class InvalidAnswer(ValueError):
    """An answer to a question the checklist does not have, or not among its answers."""


def proposed_level(item: Item, here: Level = Level.VILLAGE) -> Level:
    """分级分类匹配: the tier that should handle this type, never below ``here``."""
    return item.level if _RANK[item.level] > _RANK[here] else here


def evaluate(
    checklist: IntakeChecklist,
    item: Item,
    answers: Mapping[str, Answer],
    here: Level = Level.VILLAGE,
) -> IntakeOutcome:
    """Apply the checklist's required, blocking and forcing rules to ``answers``."""
    questions = {q.code: q for q in checklist.question}
    for code, answer in answers.items():
        if code not in questions:
            raise InvalidAnswer(f"no intake question {code!r}")
        if answer.value not in questions[code].answers:
            raise InvalidAnswer(f"{code}: {answer.value!r} is not one of {questions[code].answers}")
    effects = [
        (question.code, rule)
        for question in checklist.question
        if question.code in answers
        for rule in question.rule
        if rule.when == answers[question.code].value
    ]
    kinds = {rule.effect for _, rule in effects}
    return IntakeOutcome(
        unanswered=[q.code for q in checklist.question if q.code not in answers],
        notes_missing=[
            q.code
            for q in checklist.question
            if q.code in answers
            and answers[q.code].value in q.note_required_when
            and not answers[q.code].note.strip()
        ],
        blocks=[Block(code, rule.reason) for code, rule in effects if rule.effect == "block"],
        priority=Priority.URGENT if "urgent" in kinds else item.priority,
        propose_escalation="escalate" in kinds or proposed_level(item, here) != here,
        report_to_police="police" in kinds,
    )


def due_dates(process: ProcessChecklist, item: Item, start: dt.date) -> dict[str, dt.date]:
    """Each process step's due date for a case of ``item`` taken in on ``start``."""
    dates: dict[str, dt.date] = {}
    for step in process.step:
        if step.due_share is not None:
            days = math.ceil(item.deadline_days * step.due_share)
        else:
            days = item.deadline_days + (step.after_close_days or 0)
        dates[step.code] = start + dt.timedelta(days=days)
    return dates


def clean_answers(checklist: IntakeChecklist, note: str = "见卷宗") -> dict[str, Answer]:
    """For each question the first answer that triggers no rule (with a note where one
    is required): what sample data and training cases answer."""
    answers = {}
    for question in checklist.question:
        triggering = {rule.when for rule in question.rule}
        value = next((a for a in question.answers if a not in triggering), question.answers[0])
        needs_note = value in question.note_required_when
        answers[question.code] = Answer(value, note if needs_note else "")
    return answers
