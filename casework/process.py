"""The process checklist engine: which steps are done, open or not needed, and whether
a step may be completed now. Pure and Qt-free: the caller records what it allows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping

from casework.checklists import ProcessChecklist, Step


class StepState(enum.StrEnum):
    """Where one step of a case stands."""

    DONE = "done"
    OPEN = "open"
    NOT_NEEDED = "not_needed"  # its alternative was taken, or a step that skips it


class StepRefusal(enum.StrEnum):
    """Why a step cannot be completed now; the UI words each one."""

    NOT_ACCEPTED = "not_accepted"
    EARLIER_OPEN = "earlier_open"
    ALREADY_DONE = "already_done"
    NOT_NEEDED = "not_needed"
    MISSING_FIELDS = "missing_fields"
    UNKNOWN_STEP = "unknown_step"
    BY_VISIT = "by_visit"


class StepRefused(ValueError):
    """A step that cannot be completed now, with the reason and what it concerns."""

    def __init__(self, step: str, reason: StepRefusal, detail: list[str] | None = None):
        self.step = step
        self.reason = reason
        self.detail = detail or []
        super().__init__(f"step {step!r}: {reason.value} {', '.join(self.detail)}".strip())


@dataclasses.dataclass(frozen=True)
class StepProgress:
    """One step of one case, as the case page and the worklist show it."""

    code: str
    name: str
    due_on: dt.date
    state: StepState
    sessions: int  # how many times it was recorded (mediation sessions)


def states(process: ProcessChecklist, done: Mapping[str, int]) -> dict[str, StepState]:
    """Each step's state, given how many entries each done step has."""
    result: dict[str, StepState] = {}
    for step in process.step:
        if done.get(step.code):
            result[step.code] = StepState.DONE
        elif (step.alternative_to and done.get(step.alternative_to)) or (
            step.skipped_after and done.get(step.skipped_after)
        ):
            result[step.code] = StepState.NOT_NEEDED
        else:
            result[step.code] = StepState.OPEN
    # Steps left open before a later step was taken (one taken at any time) are passed.
    done_positions = [i for i, s in enumerate(process.step) if result[s.code] is StepState.DONE]
    for step in process.step[: max(done_positions, default=0)]:
        if result[step.code] is StepState.OPEN:
            result[step.code] = StepState.NOT_NEEDED
    return result


def _missing(step: Step, fields: Mapping[str, str]) -> list[str]:
    return [f.code for f in step.field if not str(fields.get(f.code, "")).strip()]


def check_step(
    process: ProcessChecklist,
    done: Mapping[str, int],
    code: str,
    fields: Mapping[str, str],
    *,
    accepted: bool,
    visit: str | None = None,
) -> Step:
    """The step, if it may be completed with ``fields`` now; raises StepRefused if not.

    A step needs the case accepted (登记 excepted), every earlier step done or not
    needed, and every field given; a repeatable step takes more entries until a later
    step is done. A step done by a visit (``by_visit``) is taken only from a visit of
    that kind (``visit``).
    """
    try:
        step = process.find(code)
    except KeyError:
        raise StepRefused(code, StepRefusal.UNKNOWN_STEP) from None
    now = states(process, done)
    position = process.step.index(step)
    if position > 0 and not accepted:
        raise StepRefused(code, StepRefusal.NOT_ACCEPTED)
    if now[code] is StepState.NOT_NEEDED:
        raise StepRefused(code, StepRefusal.NOT_NEEDED)
    later_done = any(now[s.code] is StepState.DONE for s in process.step[position + 1 :])
    if now[code] is StepState.DONE and (not step.repeatable or later_done):
        raise StepRefused(code, StepRefusal.ALREADY_DONE)
    earlier = [
        s.code
        for s in process.step[:position]
        if now[s.code] is StepState.OPEN and s.alternative_to != code and not step.at_any_time
    ]
    if earlier:
        raise StepRefused(code, StepRefusal.EARLIER_OPEN, earlier)
    if step.by_visit is not None and visit != step.by_visit:
        raise StepRefused(code, StepRefusal.BY_VISIT, [step.by_visit])
    if missing := _missing(step, fields):
        raise StepRefused(code, StepRefusal.MISSING_FIELDS, missing)
    return step


def progress(
    process: ProcessChecklist, done: Mapping[str, int], due: Mapping[str, dt.date]
) -> list[StepProgress]:
    """The steps in order with their due dates and states."""
    now = states(process, done)
    return [
        StepProgress(s.code, s.name, due[s.code], now[s.code], done.get(s.code, 0))
        for s in process.step
        if s.code in due
    ]
