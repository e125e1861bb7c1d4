"""What a worker types to record a dispute, and the checks it must pass before saving."""

from __future__ import annotations

import dataclasses
import enum

from casework.domain import DisputeType, PartyRole
from casework.identity import IdNumberProblem, check_id_number, is_valid_phone

MAX_NAME = 50
MAX_TEXT = 5000


@dataclasses.dataclass
class PartyDraft:
    """One party as typed into the form."""

    name: str = ""
    role: str = PartyRole.APPLICANT.value
    id_number: str = ""
    phone: str = ""
    address: str = ""


@dataclasses.dataclass
class CaseDraft:
    """A dispute as typed into the form, before it becomes a case."""

    dispute_type: str = ""
    facts: str = ""
    claims: str = ""
    parties: list[PartyDraft] = dataclasses.field(default_factory=list)


class Problem(enum.StrEnum):
    """What can be wrong with a field; the UI words each one in Chinese."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    UNKNOWN_CHOICE = "unknown_choice"
    NO_APPLICANT = "no_applicant"
    PHONE_INVALID = "phone_invalid"
    ID_LENGTH = "id_length"
    ID_FORMAT = "id_format"
    ID_REGION = "id_region"
    ID_BIRTH_DATE = "id_birth_date"
    ID_CHECKSUM = "id_checksum"
    DATE_IN_FUTURE = "date_in_future"
    NOT_AFTER_VISIT = "not_after_visit"
    CASE_REQUIRED = "case_required"


_ID_PROBLEMS = {
    IdNumberProblem.LENGTH: Problem.ID_LENGTH,
    IdNumberProblem.FORMAT: Problem.ID_FORMAT,
    IdNumberProblem.REGION: Problem.ID_REGION,
    IdNumberProblem.BIRTH_DATE: Problem.ID_BIRTH_DATE,
    IdNumberProblem.CHECKSUM: Problem.ID_CHECKSUM,
}


@dataclasses.dataclass(frozen=True)
class FieldProblem:
    """A problem tied to one field: ``field`` is e.g. ``facts`` or ``parties.1.phone``."""

    field: str
    problem: Problem


class DraftInvalid(ValueError):
    """Raised when a draft is saved that has problems; nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.problem.value}" for p in problems))


def text_problem(value: str, *, required: bool, limit: int) -> Problem | None:
    if required and not value.strip():
        return Problem.REQUIRED
    if len(value) > limit:
        return Problem.TOO_LONG
    return None


def _party_problems(index: int, party: PartyDraft) -> list[FieldProblem]:
    found: list[FieldProblem] = []
    prefix = f"parties.{index}."
    if problem := text_problem(party.name, required=True, limit=MAX_NAME):
        found.append(FieldProblem(prefix + "name", problem))
    if party.role not in {r.value for r in PartyRole}:
        found.append(FieldProblem(prefix + "role", Problem.UNKNOWN_CHOICE))
    if party.id_number.strip() and (id_problem := check_id_number(party.id_number)):
        found.append(FieldProblem(prefix + "id_number", _ID_PROBLEMS[id_problem]))
    if party.phone.strip() and not is_valid_phone(party.phone):
        found.append(FieldProblem(prefix + "phone", Problem.PHONE_INVALID))
    if problem := text_problem(party.address, required=False, limit=200):
        found.append(FieldProblem(prefix + "address", problem))
    return found


def validate(draft: CaseDraft) -> list[FieldProblem]:
    """Every problem in the draft, in form order; an empty list means it may be saved."""
    found: list[FieldProblem] = []
    for index, party in enumerate(draft.parties):
        found.extend(_party_problems(index, party))
    if not any(p.role == PartyRole.APPLICANT.value for p in draft.parties):
        found.append(FieldProblem("parties", Problem.NO_APPLICANT))
    if draft.dispute_type not in {t.value for t in DisputeType}:
        choice = Problem.REQUIRED if not draft.dispute_type else Problem.UNKNOWN_CHOICE
        found.append(FieldProblem("dispute_type", choice))
    if facts := text_problem(draft.facts, required=True, limit=MAX_TEXT):
        found.append(FieldProblem("facts", facts))
    if claims := text_problem(draft.claims, required=False, limit=MAX_TEXT):
        found.append(FieldProblem("claims", claims))
    return found
