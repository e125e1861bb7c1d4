"""工作台: which steps, follow-ups, visits and deadlines are due, and the drafts."""

from __future__ import annotations

import datetime as dt

from casework.casebook import Casebook
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus
from casework.visits import VisitDraft
from tests.conftest import neighbour_dispute

# A neighbour dispute has 15 days: 调查核实 is due on day 5, 调解 on day 12, the case on
# day 15, 回访 on day 30.
TODAY = dt.date.today()


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _accepted(book: Casebook) -> str:
    return book.take_in(WizardDraft(neighbour_dispute(), clean_answers(book.checklists.intake)))


def test_a_step_shows_once_within_the_horizon_and_is_overdue_after_its_day(
    casebook: Casebook,
) -> None:
    case_id = _accepted(casebook)
    assert casebook.worklist(TODAY).steps == []  # due on day 5: beyond the 3 days
    [due] = casebook.worklist(_day(2)).steps
    assert (due.kind, due.ref, due.what, due.due_on, due.overdue) == (
        "step", case_id, "investigate", _day(5), False
    )  # fmt: skip
    assert due.parties == "张建国、李秀英" and due.number.endswith("-00001")
    [late] = casebook.worklist(_day(7)).steps
    assert late.what == "investigate" and late.overdue


def test_only_the_first_open_step_of_a_case_is_listed(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "investigate", {"findings": "属实"})
    [step] = casebook.worklist(_day(20)).steps
    assert step.what == "mediate" and step.overdue


def test_the_case_deadline_runs_while_the_case_is_open(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    assert casebook.worklist(_day(11)).deadlines == []
    [soon] = casebook.worklist(_day(12)).deadlines
    assert (soon.ref, soon.what, soon.due_on, soon.overdue) == (
        case_id, CaseStatus.ACCEPTED.value, _day(15), False
    )  # fmt: skip
    assert casebook.worklist(_day(16)).deadlines[0].overdue


def test_after_termination_the_skipped_steps_are_not_due_and_the_follow_up_is(
    casebook: Casebook,
) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "investigate", {"findings": "属实"})
    casebook.complete_step(case_id, "mediate", {"held_on": "2026-03-01", "record": "未果"})
    casebook.complete_step(
        case_id, "termination", {"reason": "一方不愿继续", "other_routes_explained": "yes"}
    )
    found = casebook.worklist(_day(40))
    assert found.steps == [] and found.deadlines == []  # no 调解 or 履行; the clock stopped
    [follow_up] = found.follow_ups
    assert (follow_up.kind, follow_up.ref, follow_up.what, follow_up.overdue) == (
        "follow_up", case_id, "follow_up", True
    )  # fmt: skip


def test_escalated_and_archived_cases_are_not_the_village_s_work(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.change_status(case_id, CaseStatus.ESCALATED)
    found = casebook.worklist(_day(40))
    assert found.steps == found.follow_ups == found.deadlines == []


def test_a_planned_visit_is_due_until_a_later_visit_to_the_case(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.log_visit(
        VisitDraft(kind="home_visit", visited_on=_day(-5), notes="初次上门", case_id=case_id,
                   next_visit_on=_day(-2))
    )  # fmt: skip
    [due] = casebook.worklist(TODAY).visits
    assert (due.kind, due.ref, due.what, due.due_on, due.overdue) == (
        "visit", case_id, "home_visit", _day(-2), True
    )  # fmt: skip
    casebook.log_visit(
        VisitDraft(kind="home_visit", visited_on=TODAY, notes="再次上门", case_id=case_id)
    )
    assert casebook.worklist(TODAY).visits == []


def test_a_planned_patrol_is_named_by_its_place(casebook: Casebook) -> None:
    casebook.log_visit(
        VisitDraft(visited_on=TODAY, place="12 组河边", notes="巡查", next_visit_on=_day(2))
    )
    [due] = casebook.worklist(TODAY).visits
    assert (due.ref, due.number, due.parties, due.overdue) == ("", "", "12 组河边", False)
    assert casebook.worklist(_day(-2)).visits == []  # day 2 is beyond that horizon


def test_drafts_are_listed_newest_first(casebook: Casebook) -> None:
    first = casebook.save_draft(WizardDraft(neighbour_dispute("第一份草稿")))
    second = casebook.save_draft(WizardDraft(neighbour_dispute("第二份草稿")))
    drafts = casebook.worklist(TODAY).drafts
    assert [d.ref for d in drafts] == [second, first]
    assert drafts[0].kind == "draft" and drafts[0].what == "张建国、李秀英 · 第二份草稿"
    casebook.discard_draft(second)
    assert [d.ref for d in casebook.worklist(TODAY).drafts] == [first]


def test_a_visit_made_before_its_planned_day_clears_the_plan(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.log_visit(
        VisitDraft(kind="home_visit", visited_on=_day(-10), notes="初次上门", case_id=case_id,
                   next_visit_on=_day(-3))
    )  # fmt: skip
    casebook.log_visit(  # went back early, on day -6
        VisitDraft(kind="home_visit", visited_on=_day(-6), notes="提前再访", case_id=case_id)
    )
    assert casebook.worklist(TODAY).visits == []


def test_patrols_without_a_place_do_not_clear_each_other(casebook: Casebook) -> None:
    casebook.log_visit(VisitDraft(visited_on=_day(-4), notes="巡查", next_visit_on=_day(-1)))
    casebook.log_visit(VisitDraft(visited_on=_day(-2), notes="另一处巡查"))
    assert len(casebook.worklist(TODAY).visits) == 1
