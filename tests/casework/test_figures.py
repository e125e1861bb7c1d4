"""The figures the centres report, on a village's and its town's stores made through the
casework services, with every answer worked out by hand below.

The cases of 开弦弓村 (neighbour disputes: 15 days to settle), all of 2025, at 10:00:

    A  received 3-03, accepted 3-03, agreement 3-10               (7 days, due 3-18)
    B  received 3-05, accepted 3-05, terminated 3-25              (20 days, due 3-20: late)
    C  received 3-25, accepted 3-26, agreement 4-08               (13 days, due 4-09)
    D  received 3-12, a party refuses mediation: terminated 3-12  (refused, never closed)
    E  received 3-15, accepted 3-15, escalated 3-16, the town takes it 3-17
       and closes it with an agreement 4-02                      (18 days, due 3-30: late)
    F  received 3-01, accepted 3-01, nothing since                (due 3-16: overdue)

Follow-up visits: A on 3-20 (satisfied / basically satisfied / satisfied), B on 4-05
(unsatisfied / satisfied / basically satisfied). 庙港社区 has one contract dispute
(30 days): G received 4-10, accepted 4-10, terminated 4-20 (10 days); only the town
holds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from casework import escalation, handling, services, visits
from casework.casebook import Casebook
from casework.figures import DEFINITIONS, Figures, Period, Tally, compute
from casework.intake import Answer, clean_answers
from casework.status import CaseStatus
from casework.visits import VisitDraft
from tests.casework.test_replay import TOWN, _book, _Server, _sync
from tests.conftest import neighbour_dispute

VILLAGE2 = "320509003002"  # 庙港社区, 七都镇
MARCH = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))
APRIL = Period(dt.date(2025, 4, 1), dt.date(2025, 4, 30))
SPRING = Period(dt.date(2025, 3, 1), dt.date(2025, 4, 30))
FEBRUARY = Period(dt.date(2025, 2, 1), dt.date(2025, 2, 28))


def at(month: int, day: int) -> dt.datetime:
    """10:00 local time on a day of 2025, as the services take it (aware)."""
    return dt.datetime(2025, month, day, 10).astimezone().astimezone(dt.UTC)


def _received(book: Casebook, month: int, day: int, kind: str = "neighbour") -> str:
    draft = neighbour_dispute()
    draft.dispute_type = kind
    return book.record_case(draft, at=at(month, day))


def _accept(book: Casebook, case_id: str, month: int, day: int, refuse: bool = False) -> None:
    lists, when = book.checklists, at(month, day)
    answers = clean_answers(lists.intake)
    if refuse:
        answers["consent"] = Answer("refused")
    with book.store.unit_of_work() as session:
        handling.answer_intake(session, case_id, answers, lists, at=when)
        target = CaseStatus.TERMINATED if refuse else CaseStatus.ACCEPTED
        services.change_status(session, case_id, target, at=when, checklists=lists)


_FIELDS = {
    "investigate": {"findings": "已走访双方，事实清楚。"},
    "mediate": {"held_on": "", "record": "组织双方协商。"},
    "agreement": {"terms": "赔偿五百元。", "performance_deadline": "2025-06-30"},
    "termination": {"reason": "双方分歧较大。", "other_routes_explained": "yes"},
}


def _steps(book: Casebook, case_id: str, *steps: tuple[str, int, int]) -> None:
    """Record process steps, each (step, month, day)."""
    with book.store.unit_of_work() as session:
        for code, month, day in steps:
            fields = dict(_FIELDS[code])
            if "held_on" in fields:
                fields["held_on"] = at(month, day).date().isoformat()
            handling.complete_step(session, case_id, code, fields, book.checklists,
                                   at=at(month, day))  # fmt: skip


def _follow_up(book: Casebook, case_id: str, day: dt.date, *survey: str) -> None:
    attitude, procedure, effect = survey
    draft = VisitDraft(kind="follow_up", visited_on=day, case_id=case_id, notes="回访当事人。",
                       attitude=attitude, procedure=procedure, effect=effect)  # fmt: skip
    with book.store.unit_of_work() as session:
        visits.log_visit(session, draft, checklists=book.checklists,
                         at=at(day.month, day.day))  # fmt: skip


def fill_village(book: Casebook) -> dict[str, str]:
    """Cases A, B, C, D and F of the module's table on a laptop of 开弦弓村, E taken to
    just before its escalation; returns the case ids by letter."""
    ids = {}
    ids["A"] = _received(book, 3, 3)
    _accept(book, ids["A"], 3, 3)
    _steps(book, ids["A"], ("investigate", 3, 5), ("mediate", 3, 7), ("agreement", 3, 10))
    ids["B"] = _received(book, 3, 5)
    _accept(book, ids["B"], 3, 5)
    _steps(book, ids["B"], ("termination", 3, 25))
    ids["C"] = _received(book, 3, 25)
    _accept(book, ids["C"], 3, 26)
    _steps(book, ids["C"], ("investigate", 3, 28), ("mediate", 4, 1), ("agreement", 4, 8))
    ids["D"] = _received(book, 3, 12)
    _accept(book, ids["D"], 3, 12, refuse=True)
    ids["E"] = _received(book, 3, 15)
    _accept(book, ids["E"], 3, 15)
    ids["F"] = _received(book, 3, 1)
    _accept(book, ids["F"], 3, 1)
    _follow_up(book, ids["A"], dt.date(2025, 3, 20), "satisfied", "basically_satisfied",
               "satisfied")  # fmt: skip
    _follow_up(book, ids["B"], dt.date(2025, 4, 5), "unsatisfied", "satisfied",
               "basically_satisfied")  # fmt: skip
    return ids


def escalate_and_close_at_town(village: Casebook, town: Casebook, case_id: str,
                               server: _Server) -> None:  # fmt: skip
    """E: escalated 3-16, taken by the town 3-17, closed there with an agreement 4-02."""
    with village.store.unit_of_work() as session:
        raised = escalation.escalate(
            session, case_id, reason="涉及多户，村里调解不成", urgency=escalation.Urgency.ROUTINE,
            tried="两次协商", checklists=village.checklists, at=at(3, 16),
        )  # fmt: skip
    _sync(server, village, town)
    with town.store.unit_of_work() as session:
        escalation.accept(session, raised, at=at(3, 17))
        escalation.close(session, raised, outcome=escalation.Outcome.AGREEMENT,
                         summary="双方达成协议", checklists=town.checklists,
                         at=at(4, 2))  # fmt: skip
    _sync(server, village, town)


def fill_table(village: Casebook, town: Casebook, other: Casebook) -> None:
    """The cases of the module's table: 开弦弓村's on ``village``, one of 庙港社区 on
    ``other``, and 七都镇's desk ``town`` holding both villages' (开弦弓村 never sees
    庙港社区's)."""
    server = _Server()
    ids = fill_village(village)
    escalate_and_close_at_town(village, town, ids["E"], server)
    g = _received(other, 4, 10, "contract")
    _accept(other, g, 4, 10)
    _steps(other, g, ("termination", 4, 20))
    server.push(other)
    _sync(server, town)


@dataclass
class Stores:
    village: Casebook
    town: Casebook


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stores]:
    """开弦弓村's laptop and 七都镇's desk, holding the cases of the module's table."""
    root: Path = tmp_path_factory.mktemp("figures")
    village, town = _book(root / "village"), _book(root / "town", TOWN, "赵敏")
    other = _book(root / "village2", VILLAGE2, "李强")
    fill_table(village, town, other)
    yield Stores(village, town)
    for book in (village, town, other):
        book.close()


def test_march_on_the_village_laptop(stores: Stores) -> None:
    found = compute(stores.village, MARCH)
    assert (found.received, found.accepted, found.closed) == (6, 5, 2)  # A-F; not D; A, B
    assert (found.agreements, found.terminations) == (1, 1)  # A; B (D was refused, not closed)
    assert found.closure_rate == pytest.approx(2 / 5)
    assert found.success_rate == pytest.approx(1 / 2)
    assert found.handling_days_median == pytest.approx(13.5)  # A 7, B 20
    assert found.handling_days_mean == pytest.approx(13.5)
    assert dict(found.by_level) == {"village": 2, "town": 0, "district": 0}
    assert found.level_share("village") == 1.0
    # E (escalated, due 3-30) and F (due 3-16) open at the end; B closed after its deadline.
    assert (found.overdue_open, found.closed_late, found.overdue) == (2, 1, 3)
    assert dict(found.by_month) == {"2025-03": Tally(6, 5, 2, 1)}
    assert dict(found.by_type) == {"neighbour": Tally(6, 5, 2, 1)}
    assert found.by_village == {}  # one village: no breakdown
    assert found.survey.visits == 1
    assert found.survey.answers == {
        "attitude": {"satisfied": 1, "basically_satisfied": 0, "unsatisfied": 0},
        "procedure": {"satisfied": 0, "basically_satisfied": 1, "unsatisfied": 0},
        "effect": {"satisfied": 1, "basically_satisfied": 0, "unsatisfied": 0},
    }
    assert (found.scope_name, found.scope_level) == ("开弦弓村", "village")


def test_april_counts_the_cases_accepted_in_march_and_the_escalated_one_at_the_town(
    stores: Stores,
) -> None:
    found = compute(stores.village, APRIL)
    assert (found.received, found.accepted, found.closed, found.agreements) == (0, 0, 2, 2)
    assert found.closure_rate is None  # nothing accepted in April: no rate, not 0 or ∞
    assert found.success_rate == 1.0
    assert found.handling_days_median == pytest.approx(15.5)  # C 13, E 18
    assert dict(found.by_level) == {"village": 1, "town": 1, "district": 0}  # C; E
    assert found.level_share("town") == 0.5
    assert (found.overdue_open, found.closed_late) == (1, 1)  # F still open; E closed late
    assert dict(found.by_month) == {"2025-04": Tally(0, 0, 2, 2)}
    assert found.survey.visits == 1
    assert found.survey.answers["attitude"]["unsatisfied"] == 1


def test_a_period_of_both_months_counts_each_case_once(stores: Stores) -> None:
    found = compute(stores.village, SPRING)
    assert (found.received, found.accepted, found.closed, found.agreements) == (6, 5, 4, 3)
    assert found.closure_rate == pytest.approx(4 / 5)
    assert found.success_rate == pytest.approx(3 / 4)
    assert found.handling_days_median == pytest.approx(15.5)  # 7, 13, 18, 20
    assert found.handling_days_mean == pytest.approx(14.5)
    assert dict(found.by_level) == {"village": 3, "town": 1, "district": 0}
    assert (found.overdue_open, found.closed_late) == (1, 2)  # F; B and E
    assert dict(found.by_month) == {"2025-03": Tally(6, 5, 2, 1), "2025-04": Tally(0, 0, 2, 2)}


def test_an_empty_period_has_no_rates(stores: Stores) -> None:
    found = compute(stores.village, FEBRUARY)
    assert (found.received, found.accepted, found.closed, found.overdue) == (0, 0, 0, 0)
    assert found.closure_rate is found.success_rate is found.handling_days_median is None
    assert found.level_share("village") is None
    assert dict(found.by_month) == {"2025-02": Tally()}
    assert dict(found.by_type) == {}
    assert found.survey.visits == 0
    assert set(found.survey.answers["effect"].values()) == {0}


def test_the_town_desk_sees_its_villages_one_by_one(stores: Stores) -> None:
    found = compute(stores.town, APRIL)
    # C and E of 开弦弓村, G of 庙港社区 (accepted and terminated in April).
    assert (found.received, found.accepted, found.closed, found.agreements) == (1, 1, 3, 2)
    assert found.closure_rate == 3.0  # more closed than accepted: March's cases closed now
    assert found.handling_days_median == pytest.approx(13)  # G 10, C 13, E 18
    assert dict(found.by_level) == {"village": 2, "town": 1, "district": 0}
    assert dict(found.by_village) == {
        "320509003001": Tally(0, 0, 2, 2),
        "320509003002": Tally(1, 1, 1, 0),
        "320509003003": Tally(),  # 吴溇村: nothing, and shown so
    }
    assert found.village_names["320509003002"] == "庙港社区"
    assert dict(found.by_type) == {"contract": Tally(1, 1, 1, 0), "neighbour": Tally(0, 0, 2, 2)}
    assert (found.scope_name, found.scope_level) == ("七都镇", "town")
    march = compute(stores.town, MARCH)  # the same events give the same figures
    assert _headline(march) == _headline(compute(stores.village, MARCH))


def _headline(found: Figures) -> tuple[object, ...]:
    return (found.received, found.accepted, found.closed, found.agreements,
            found.handling_days_mean, found.overdue, dict(found.by_level))  # fmt: skip


def test_periods_a_clerk_picks() -> None:
    today = dt.date(2026, 1, 15)
    assert Period.this_month(today) == Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert Period.last_month(today) == Period(dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert Period.this_year(today) == Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert Period.this_month(dt.date(2024, 2, 10)).end == dt.date(2024, 2, 29)
    assert Period(dt.date(2025, 11, 20), dt.date(2026, 2, 3)).months() == [
        "2025-11", "2025-12", "2026-01", "2026-02"
    ]  # fmt: skip


def test_every_figure_has_a_one_line_definition() -> None:
    for name, text in DEFINITIONS.items():
        assert " = " in text and "\n" not in text and len(text) < 140, name
