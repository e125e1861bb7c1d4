"""What the record form checks before anything is saved."""

from __future__ import annotations

from casework.drafts import FieldProblem, PartyDraft, Problem, validate
from tests.conftest import neighbour_dispute


def test_a_complete_draft_has_no_problems() -> None:
    assert validate(neighbour_dispute()) == []


def test_each_problem_names_its_field() -> None:
    draft = neighbour_dispute(facts="   ")
    draft.dispute_type = ""
    draft.parties[0].id_number = "110105194912310021"
    draft.parties[1].phone = "12345"
    draft.parties[1].name = ""
    assert validate(draft) == [
        FieldProblem("parties.0.id_number", Problem.ID_CHECKSUM),
        FieldProblem("parties.1.name", Problem.REQUIRED),
        FieldProblem("parties.1.phone", Problem.PHONE_INVALID),
        FieldProblem("dispute_type", Problem.REQUIRED),
        FieldProblem("facts", Problem.REQUIRED),
    ]


def test_a_dispute_needs_an_applicant() -> None:
    draft = neighbour_dispute()
    draft.parties = [PartyDraft("李秀英", "respondent")]
    assert FieldProblem("parties", Problem.NO_APPLICANT) in validate(draft)


def test_id_number_and_phone_are_optional_but_checked_when_given() -> None:
    draft = neighbour_dispute()
    draft.parties[0].id_number = ""
    draft.parties[0].phone = ""
    assert validate(draft) == []


def test_unknown_codes_and_overlong_text_are_refused() -> None:
    draft = neighbour_dispute(facts="纠" * 5001)
    draft.dispute_type = "feud"
    draft.parties[1].role = "judge"
    assert validate(draft) == [
        FieldProblem("parties.1.role", Problem.UNKNOWN_CHOICE),
        FieldProblem("dispute_type", Problem.UNKNOWN_CHOICE),
        FieldProblem("facts", Problem.TOO_LONG),
    ]
