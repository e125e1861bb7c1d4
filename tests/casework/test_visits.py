"""Visits 走访: the checks a visit must pass, standalone patrols, follow-ups and links."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from casework.casebook import Casebook
from casework.drafts import DraftInvalid, FieldProblem, Problem
from casework.events import EventType
from casework.intake import clean_answers
from casework.models import CaseEvent, OutboxEntry
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus
from casework.visits import VisitDraft, link_visit, validate
from tests.conftest import neighbour_dispute

TODAY = dt.date(2026, 3, 10)


def _follow_up(case_id: str | None = "c1", **changes: object) -> VisitDraft:
    draft = VisitDraft(
        kind="follow_up", visited_on=TODAY, notes="双方已按协议履行。", case_id=case_id,
        attitude="satisfied", procedure="satisfied", effect="basically_satisfied",
    )  # fmt: skip
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def performing_case(book: Casebook) -> str:
    """A case mediated to an agreement that has been performed: ready for 回访."""
    case_id = book.take_in(WizardDraft(neighbour_dispute(), clean_answers(book.checklists.intake)))
    book.complete_step(case_id, "investigate", {"findings": "属实"})
    book.complete_step(case_id, "mediate", {"held_on": "2026-03-01", "record": "双方让步"})
    book.complete_step(
        case_id, "agreement", {"terms": "移走外机", "performance_deadline": "2026-03-05"}
    )
    book.complete_step(case_id, "performance", {"performance": "已移走"})
    return case_id


def _events(book: Casebook, kind: EventType) -> list[CaseEvent]:
    with book.store.reading() as session:
        found = session.scalars(sa.select(CaseEvent).where(CaseEvent.type == kind.value)).all()
        session.expunge_all()
        return list(found)


def test_a_complete_follow_up_has_no_problems() -> None:
    assert validate(_follow_up(), TODAY) == []


def test_a_visit_cannot_be_dated_in_the_future() -> None:
    draft = VisitDraft(visited_on=TODAY + dt.timedelta(days=1), notes="巡查")
    assert validate(draft, TODAY) == [FieldProblem("visited_on", Problem.DATE_IN_FUTURE)]


def test_notes_are_required() -> None:
    assert validate(VisitDraft(visited_on=TODAY, notes="  "), TODAY) == [
        FieldProblem("notes", Problem.REQUIRED)
    ]


@pytest.mark.parametrize("days", [0, -3])
def test_the_next_visit_must_come_after_this_one(days: int) -> None:
    draft = VisitDraft(visited_on=TODAY, notes="巡查", next_visit_on=TODAY + dt.timedelta(days))
    assert validate(draft, TODAY) == [FieldProblem("next_visit_on", Problem.NOT_AFTER_VISIT)]
    draft.next_visit_on = TODAY + dt.timedelta(days=1)
    assert validate(draft, TODAY) == []


def test_a_follow_up_needs_a_case_and_every_survey_answer() -> None:
    draft = _follow_up(case_id=None, attitude="", effect="delighted")
    assert validate(draft, TODAY) == [
        FieldProblem("case_id", Problem.CASE_REQUIRED),
        FieldProblem("attitude", Problem.REQUIRED),
        FieldProblem("effect", Problem.UNKNOWN_CHOICE),
    ]


def test_other_kinds_need_no_survey_and_an_unknown_kind_is_refused() -> None:
    assert validate(VisitDraft(kind="home_visit", visited_on=TODAY, notes="上门"), TODAY) == []
    assert validate(VisitDraft(kind="party", visited_on=TODAY, notes="-"), TODAY) == [
        FieldProblem("kind", Problem.UNKNOWN_CHOICE)
    ]


def test_a_standalone_patrol_is_an_event_without_a_case_and_is_queued(
    casebook: Casebook,
) -> None:
    visit_id = casebook.log_visit(VisitDraft(place="12 组河边", notes="巡查无异常"))
    [event] = _events(casebook, EventType.VISIT_LOGGED)
    assert event.case_id is None and event.payload["id"] == visit_id
    assert event.payload["kind"] == "patrol" and event.payload["attitude"] is None
    with casebook.store.reading() as session:
        assert session.get(OutboxEntry, event.id) is not None
    [row] = casebook.visits()
    assert (row.id, row.case_id, row.place, row.recorded_by) == (
        visit_id, None, "12 组河边", "王芳"
    )  # fmt: skip


def test_an_invalid_visit_writes_nothing(casebook: Casebook) -> None:
    with pytest.raises(DraftInvalid) as raised:
        casebook.log_visit(VisitDraft(notes=""))
    assert raised.value.problems == [FieldProblem("notes", Problem.REQUIRED)]
    assert casebook.visits() == [] and casebook.counts() == (0, 0)


def test_a_follow_up_of_a_performed_case_keeps_the_survey_and_completes_the_step(
    casebook: Casebook,
) -> None:
    case_id = performing_case(casebook)
    visit_id = casebook.log_visit(_follow_up(case_id, visited_on=dt.date.today(), comment="好"))
    detail = casebook.case_detail(case_id)
    [visit] = detail.visits
    assert visit.id == visit_id and visit.comment == "好"
    assert visit.survey == {
        "attitude": "satisfied", "procedure": "satisfied", "effect": "basically_satisfied"
    }  # fmt: skip
    step = next(s for s in detail.steps if s.code == "follow_up")
    assert step.state == "done" and step.entries[0]["visit"] == visit_id
    assert detail.status == CaseStatus.FOLLOWED_UP


def test_an_early_follow_up_is_kept_as_a_visit_only(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.log_visit(_follow_up(case_id, visited_on=dt.date.today()))
    detail = casebook.case_detail(case_id)
    assert len(detail.visits) == 1 and detail.status == CaseStatus.REGISTERED
    assert next(s for s in detail.steps if s.code == "follow_up").state == "open"


def test_a_patrol_is_linked_to_the_case_recorded_from_it(casebook: Casebook) -> None:
    visit_id = casebook.log_visit(VisitDraft(notes="发现两户因排水起争执"))
    case_id = casebook.record_case(neighbour_dispute())
    with casebook.store.unit_of_work() as session:
        link_visit(session, visit_id, case_id)
    with casebook.store.unit_of_work() as session:
        link_visit(session, visit_id, case_id)  # again: nothing more happens
    [visit] = casebook.visits(case_id)
    assert visit.id == visit_id
    [linked] = _events(casebook, EventType.VISIT_LINKED)
    assert linked.case_id == case_id and linked.payload == {
        "visit_id": visit_id, "case_id": case_id
    }  # fmt: skip


def test_a_linked_visit_cannot_move_to_another_case(casebook: Casebook) -> None:
    first = casebook.record_case(neighbour_dispute())
    other = casebook.record_case(neighbour_dispute())
    visit_id = casebook.log_visit(VisitDraft(kind="home_visit", notes="上门", case_id=first))
    with casebook.store.unit_of_work() as session, pytest.raises(ValueError, match="another"):
        link_visit(session, visit_id, other)
    with casebook.store.unit_of_work() as session, pytest.raises(LookupError):
        link_visit(session, "no-such-visit", other)
    assert [v.id for v in casebook.visits(first)] == [visit_id]


def test_a_visit_to_an_unknown_case_is_refused(casebook: Casebook) -> None:
    with pytest.raises(DraftInvalid) as raised:
        casebook.log_visit(VisitDraft(kind="home_visit", notes="上门", case_id="nope"))
    assert raised.value.problems == [FieldProblem("case_id", Problem.UNKNOWN_CHOICE)]
