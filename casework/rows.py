"""Plain rows handed to screens: no ORM objects ever leave the data layer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from casework.domain import Role, role_of_level

if TYPE_CHECKING:
    from casework.escalation import Escalation


class CaseSort(enum.StrEnum):
    """Columns a case list may be sorted by."""

    NUMBER = "number"
    CREATED_AT = "created_at"
    FIRST_PARTY = "first_party"
    DISPUTE_TYPE = "dispute_type"
    STATUS = "status"
    PRIORITY = "priority"
    DUE_ON = "due_on"


@dataclasses.dataclass(frozen=True)
class CasePage:
    """Which slice of the case list to fetch."""

    offset: int = 0
    limit: int = 200
    sort: CaseSort = CaseSort.CREATED_AT
    descending: bool = True


@dataclasses.dataclass(frozen=True)
class CaseFilter:
    """What the case list is narrowed to; empty fields do not narrow it."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    dispute_types: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    overdue: bool = False
    received_from: dt.date | None = None  # local dates, both ends included
    received_to: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: str
    number: str
    created_at: dt.datetime
    parties: str
    dispute_type: str
    status: str
    priority: str
    due_on: dt.date | None = None
    overdue: bool = False


@dataclasses.dataclass(frozen=True)
class PartyRow:
    """A party as shown on the case page."""

    role: str
    name: str
    id_number: str
    phone: str
    address: str


@dataclasses.dataclass(frozen=True)
class EventRow:
    """One entry of a case's history."""

    id: str
    type: str
    author_name: str
    recorded_at: dt.datetime
    device_id: str
    device_seq: int
    payload: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class IntakeRow:
    """One intake question of a case, with the answer given so far."""

    code: str
    text: str
    answers: list[str]
    note_required_when: list[str]
    value: str | None
    note: str


@dataclasses.dataclass(frozen=True)
class IntakeSummary:
    """The intake checklist of a case and what its answers mean."""

    version: str
    questions: list[IntakeRow]
    blocks: list[str]  # the checklist's reasons, in its words
    unanswered: list[str]
    notes_missing: list[str]
    report_to_police: bool
    acceptable: bool
    open: bool  # answers may still change (the case is not accepted yet)


@dataclasses.dataclass(frozen=True)
class StepField:
    """A field a step asks for: code, label and kind (text, date, confirm)."""

    code: str
    label: str
    kind: str


@dataclasses.dataclass(frozen=True)
class StepRow:
    """One process step of a case."""

    code: str
    name: str
    due_on: dt.date
    state: str  # casework.process.StepState
    entries: list[dict[str, str]]
    fields: list[StepField]
    repeatable: bool
    overdue: bool
    by_visit: str | None = None  # the kind of visit that records this step (回访)


@dataclasses.dataclass(frozen=True)
class VisitRow:
    """A visit, as lists and the case page show it."""

    id: str
    case_id: str | None
    case_number: str
    kind: str
    visited_on: dt.date
    place: str
    people: str
    notes: str
    outcome: str
    next_visit_on: dt.date | None
    survey: dict[str, str]  # attitude, procedure, effect (follow-ups only)
    comment: str
    recorded_by: str


@dataclasses.dataclass(frozen=True)
class AttachmentRow:
    """A file of a case."""

    id: str
    sha256: str
    file_name: str
    media_type: str
    size: int
    added_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ConflictRow:
    """Two status changes that could not both stand, waiting for a person."""

    id: int
    field: str
    kept_value: str
    other_value: str
    detected_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class CaseDetail:
    """Everything the case page shows."""

    id: str
    number: str
    org_unit_name: str
    dispute_type: str
    facts: str
    claims: str
    priority: str
    level: str
    status: str
    created_at: dt.datetime
    parties: list[PartyRow]
    history: list[EventRow]
    allowed_next: list[str]
    due_on: dt.date | None = None
    proposed_level: str | None = None
    versions: dict[str, str | None] = dataclasses.field(default_factory=dict)
    intake: IntakeSummary | None = None  # None: the checklists cannot be used now
    accepted: bool = False  # the intake let the case in (受理)
    steps: list[StepRow] = dataclasses.field(default_factory=list)
    visits: list[VisitRow] = dataclasses.field(default_factory=list)
    attachments: list[AttachmentRow] = dataclasses.field(default_factory=list)
    conflicts: list[ConflictRow] = dataclasses.field(default_factory=list)  # unsettled
    escalations: list[Escalation] = dataclasses.field(default_factory=list)  # oldest first
    unit_names: dict[str, str] = dataclasses.field(default_factory=dict)  # by code, to name them
    role: Role = Role.VILLAGE  # of this laptop: what it may do with the case


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who is working on this laptop, and for which village."""

    worker_id: str
    worker_name: str
    device_id: str
    org_unit_code: str
    org_unit_name: str
    org_unit_level: str = "village"

    @property
    def role(self) -> Role:
        """Village worker, town clerk or district clerk: what the app shows."""
        return role_of_level(self.org_unit_level)
