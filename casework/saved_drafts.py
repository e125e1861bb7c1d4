"""Drafts of new cases, saved at every step of the intake wizard so that a crash or a
power cut loses nothing. They stay on the laptop: a draft is not a case and never syncs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Any

from sqlalchemy.orm import Session

from casework.drafts import CaseDraft, PartyDraft
from casework.intake import Answer
from casework.models import Draft


@dataclasses.dataclass
class WizardDraft:
    """Everything the wizard holds: the case as typed, the intake answers, where it was."""

    case: CaseDraft
    answers: dict[str, Answer] = dataclasses.field(default_factory=dict)
    step: int = 0
    visit_id: str | None = None  # the patrol the case comes from, if any

    def title(self) -> str:
        """A line that tells drafts apart: the parties' names and the start of the facts."""
        names = "、".join(p.name.strip() for p in self.case.parties if p.name.strip())
        facts = " ".join(self.case.facts.split())[:30]
        return " · ".join(part for part in (names, facts) if part)[:200]


def to_payload(draft: WizardDraft) -> dict[str, Any]:
    """The draft as JSON-ready data."""
    return {
        "case": dataclasses.asdict(draft.case),
        "answers": {code: [a.value, a.note] for code, a in draft.answers.items()},
        "visit_id": draft.visit_id,
    }


def from_payload(payload: dict[str, Any], step: int) -> WizardDraft:
    """A draft back from its stored data (fields unknown to this version are ignored)."""
    case = dict(payload.get("case", {}))
    parties = [PartyDraft(**p) for p in case.pop("parties", [])]
    known = {f.name for f in dataclasses.fields(CaseDraft)}
    return WizardDraft(
        case=CaseDraft(**{k: v for k, v in case.items() if k in known}, parties=parties),
        answers={code: Answer(*pair) for code, pair in payload.get("answers", {}).items()},
        step=step,
        visit_id=payload.get("visit_id"),
    )


def save(session: Session, draft: WizardDraft, draft_id: str | None = None) -> str:
    """Store the draft (new, or over the one with ``draft_id``); returns its id. A draft
    already recorded or discarded stays closed: a late save never brings it back."""
    row = session.get(Draft, draft_id) if draft_id else None
    if row is not None and row.closed_at is not None:
        return row.id
    if row is None:
        row = Draft(id=draft_id or str(uuid.uuid4()))
        session.add(row)
    row.step = draft.step
    row.title = draft.title()
    row.payload = to_payload(draft)
    row.updated_at = dt.datetime.now(dt.UTC)
    return row.id


def load(session: Session, draft_id: str) -> WizardDraft:
    """The draft with that id; LookupError once it is gone (recorded or discarded)."""
    row = session.get(Draft, draft_id)
    if row is None or row.closed_at is not None:
        raise LookupError(f"no draft {draft_id!r}")
    return from_payload(dict(row.payload), row.step)


def discard(session: Session, draft_id: str) -> None:
    """Close the draft (its case was recorded, or the worker dropped it): what was typed
    is forgotten, the id is kept so that no later save can reopen it."""
    row = session.get(Draft, draft_id)
    now = dt.datetime.now(dt.UTC)
    if row is None:
        row = Draft(id=draft_id, step=0, title="", updated_at=now)
        session.add(row)
    row.payload, row.title, row.closed_at = {}, "", now
