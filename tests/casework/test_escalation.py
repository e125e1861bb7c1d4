"""Escalation and the desks, across replicas exchanging events (the sync session's
part is tested over the real server in tests/sync): 上报 → 接单 → 派单 → 办理 → 结单 or
退回 or 区级, the deadlines, and every replica showing the same escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework import directory
from casework.casebook import Casebook
from casework.escalation import EscalationRefused, InboxFilter, State
from casework.intake import clean_answers
from casework.status import CaseStatus
from tests.casework.test_replay import TOWN, _book, _Server, _sync
from tests.conftest import neighbour_dispute

DISTRICT = "320509"


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[dict[str, Casebook]]:
    """A village laptop, the town desk and the district desk."""
    made = {
        "village": _book(tmp_path / "village"),
        "town": _book(tmp_path / "town", TOWN, "赵敏"),
        "district": _book(tmp_path / "district", DISTRICT, "孙磊"),
    }
    yield made
    for book in made.values():
        book.close()


def _accepted_case(village: Casebook) -> str:
    case_id = village.record_case(neighbour_dispute())
    village.accept_case(case_id, clean_answers(village.checklists.intake))
    return case_id


def _only(book: Casebook, case_id: str):  # type: ignore[no-untyped-def]
    (found,) = [e for e in book.escalations(case_id) if e.parent_id is None]
    return found


def test_a_village_escalation_offline_reaches_the_town_desk_with_a_receipt(
    desks: dict[str, Casebook],
) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    reason, tried = "涉及宅基地权属，村里无法认定", "两次组织双方协商"
    escalation_id = village.escalate(case_id, reason=reason, urgency="urgent", tried=tried)
    assert village.case_detail(case_id).status == CaseStatus.ESCALATED
    assert _only(village, case_id).state is State.SENT  # queued, not yet on the desk
    _sync(server, village, town)
    (waiting,) = town.inbox()
    assert (waiting.id, waiting.state, waiting.urgency) == (escalation_id, State.SENT, "urgent")
    assert town.acknowledge_received() == 1
    assert town.acknowledge_received() == 0  # one receipt, however often the desk pulls
    _sync(server, village, town)
    mine = _only(village, case_id)
    assert mine.state is State.RECEIVED and mine.received_at is not None


def test_the_town_accepts_dispatches_and_closes_and_the_village_sees_each_step(
    desks: dict[str, Casebook],
) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="村级调解不成", urgency="routine")
    _sync(server, village, town)
    entries = _directory(town)
    mediator = next(e for e in entries if e.kind is directory.EntryKind.MEDIATOR)
    town.accept_escalation(escalation_id)
    town.dispatch_escalation(escalation_id, mediator, "请三日内联系双方")
    town.note_escalation(
        escalation_id, "召集双方及司法所会商", present=["双方当事人", "七都镇司法所"]
    )
    town.close_escalation(escalation_id, "agreement", "双方达成协议，赔偿2000元")
    _sync(server, village, town)
    seen = _only(village, case_id)
    assert seen.state is State.CLOSED and seen.outcome == "agreement"
    assert seen.assignee == mediator.name
    kinds = [a.kind for a in seen.acts]
    assert kinds == [
        "escalation.raised", "escalation.received", "escalation.accepted",
        "escalation.dispatched", "escalation.noted", "escalation.closed",
    ]  # fmt: skip
    assert {a.by for a in seen.acts[1:]} == {"赵敏"} and seen.acts[1].unit == TOWN
    assert village.case_detail(case_id).status == town.case_detail(case_id).status == "agreement"
    assert seen == _only(town, case_id)


def _directory(town: Casebook) -> list[directory.Entry]:
    """The sample directory, as the server would send it down (one directory event each)."""
    import resources

    entries = [e for e in directory.load_csv(resources.sample_directory()) if e.unit == TOWN]
    with town.store.unit_of_work() as session:
        from casework import events

        for entry in entries:  # written here as the server's events would be applied
            events.append(session, case_id=None, type=events.EventType.DIRECTORY_SET,
                          payload=entry.payload())  # fmt: skip
    held = town.directory()
    assert {e.name for e in held} == {e.name for e in entries}
    return held


def test_the_town_returns_a_case_and_the_village_takes_it_up_again(
    desks: dict[str, Casebook],
) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="需要镇里协调", urgency="routine")
    _sync(server, village, town)
    town.return_escalation(escalation_id, "属村级事项，请补充调查后继续调解")
    _sync(server, village, town)
    assert village.case_detail(case_id).status == CaseStatus.RETURNED
    assert _only(village, case_id).instructions == "属村级事项，请补充调查后继续调解"
    village.change_status(case_id, CaseStatus.IN_MEDIATION)  # the village carries on


def test_the_town_escalates_to_the_district_which_closes_it(desks: dict[str, Casebook]) -> None:
    village, town, district = desks["village"], desks["town"], desks["district"]
    server = _Server()
    case_id = _accepted_case(village)
    to_town = village.escalate(case_id, reason="跨村纠纷", urgency="routine")
    _sync(server, village, town, district)
    with pytest.raises(EscalationRefused):  # not the district's to take
        district.accept_escalation(to_town)
    with pytest.raises(EscalationRefused):  # accepted first
        town.escalate(case_id, reason="涉及多个部门", urgency="routine")
    town.accept_escalation(to_town)
    to_district = town.escalate(case_id, reason="涉及多个部门，需区级协调", urgency="urgent")
    _sync(server, village, town, district)
    (arrived,) = district.inbox()
    assert arrived.id == to_district and arrived.level == "district"
    district.accept_escalation(to_district)
    district.close_escalation(to_district, "terminated", "告知当事人通过诉讼解决")
    _sync(server, village, town, district)
    states = {e.id: e.state for e in village.escalations(case_id)}
    assert states == {to_town: State.FORWARDED, to_district: State.CLOSED}
    assert (
        village.escalations(case_id) == town.escalations(case_id) == district.escalations(case_id)
    )
    assert village.case_detail(case_id).status == "terminated"


def test_an_escalation_not_accepted_in_time_is_flagged_on_both_sides(
    desks: dict[str, Casebook],
) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    village.escalate(case_id, reason="紧急", urgency="urgent")
    _sync(server, village, town)
    (waiting,) = town.inbox()
    soon = waiting.raised_at + dt.timedelta(hours=3)
    late = waiting.raised_at + dt.timedelta(hours=5)
    assert not waiting.overdue(soon) and waiting.overdue(late)
    assert town.inbox(InboxFilter(overdue=True), now=soon) == []
    assert [e.id for e in town.inbox(InboxFilter(overdue=True), now=late)] == [waiting.id]
    assert _only(village, case_id).accept_overdue(late)  # the village sees it too


def test_a_village_cannot_act_for_the_town(desks: dict[str, Casebook]) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="需镇里处理", urgency="routine")
    _sync(server, village, town)
    with pytest.raises(EscalationRefused) as refused:
        village.accept_escalation(escalation_id)
    assert refused.value.reason == "not_addressed_here"
    with pytest.raises(EscalationRefused):
        town.close_escalation(escalation_id, "agreement", "未接单不能结单")
    with pytest.raises(EscalationRefused) as blank:
        village.escalate(_accepted_case(village), reason="  ", urgency="routine")
    assert blank.value.reason == "reason_missing"


def test_a_late_act_after_the_close_stays_in_the_history_without_effect(
    desks: dict[str, Casebook], tmp_path: Path
) -> None:
    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="需镇里处理", urgency="routine")
    _sync(server, village, town)
    town2 = _book(tmp_path / "town2", TOWN, "钱进")
    try:
        _sync(server, town2)
        town.accept_escalation(escalation_id)
        town2.accept_escalation(escalation_id)  # two clerks at once: the first by clock
        _sync(server, village, town, town2)
        town.close_escalation(escalation_id, "agreement", "已调解")
        _sync(server, village, town, town2)
        found = _only(town2, case_id)
        assert found.state is State.CLOSED and found.accepted_by in {"赵敏", "钱进"}
        assert found == _only(village, case_id) == _only(town, case_id)
    finally:
        town2.close()


def test_a_stalled_village_case_proposes_escalation(desks: dict[str, Casebook]) -> None:
    village = desks["village"]
    case_id = _accepted_case(village)
    due = village.case_detail(case_id).due_on
    assert due is not None
    assert village.worklist(due).escalate == []
    late = due + dt.timedelta(days=1)
    assert [w.ref for w in village.worklist(late).escalate] == [case_id]
    village.escalate(case_id, reason="逾期未结", urgency="routine")
    assert village.worklist(late).escalate == []


def test_the_desk_reads_its_events_through_the_partial_indexes(casebook: Casebook) -> None:
    """Escalation acts and directory entries are read by kind through indexes that hold
    only them; the indexes' conditions name exactly the kinds the events are written as."""
    import sqlalchemy as sa

    from casework.escalation import ACTS
    from casework.events import EventType
    from casework.models import DIRECTORY_KIND, ESCALATION_KINDS

    with casebook.store.reading() as session:

        def held(condition: str, kind: str) -> bool:
            query = sa.text(f"SELECT {condition} FROM (SELECT :kind AS type)")
            return bool(session.scalar(query, {"kind": kind}))

        assert {k for k in EventType if held(ESCALATION_KINDS, k)} == set(ACTS)
        assert [k for k in EventType if held(DIRECTORY_KIND, k)] == [EventType.DIRECTORY_SET]
        reads = {
            "ix_case_events_escalation": f"WHERE {ESCALATION_KINDS} AND type = 'escalation.raised'",
            "ix_case_events_directory": f"WHERE case_id IS NULL AND {DIRECTORY_KIND}",
        }
        for index, where in reads.items():
            query = sa.text(f"EXPLAIN QUERY PLAN SELECT id FROM case_events {where}")
            plan = " ".join(str(row[-1]) for row in session.execute(query))
            assert index in plan, plan


def test_after_the_towns_outcome_the_village_performs_follows_up_and_evaluates(
    desks: dict[str, Casebook],
) -> None:
    from casework.visits import VisitDraft
    from tests.casework.test_replay import _dump, _rebuild_all

    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="需镇里调解", urgency="routine")
    _sync(server, village, town)
    town.accept_escalation(escalation_id)
    town.close_escalation(escalation_id, "agreement", "赔偿2000元，月底前付清")
    _sync(server, village, town)
    steps = {s.code: s for s in village.case_detail(case_id).steps}
    assert steps["agreement"].entries == [{"terms": "赔偿2000元，月底前付清"}]
    assert steps["performance"].state == "open"  # the village carries on from the outcome
    village.complete_step(case_id, "performance", {"performance": "已按协议付清"})
    village.log_visit(VisitDraft(
        kind="follow_up", visited_on=dt.date.today(), case_id=case_id, place="当事人家中",
        people="双方当事人", notes="回访：双方满意", attitude="satisfied",
        procedure="satisfied", effect="basically_satisfied",
    ))  # fmt: skip
    _sync(server, village, town)
    assert village.case_detail(case_id).status == town.case_detail(case_id).status == "followed_up"
    (visit,) = town.case_detail(case_id).visits
    assert visit.survey == {"attitude": "satisfied", "procedure": "satisfied",
                            "effect": "basically_satisfied"}  # fmt: skip
    assert _dump(village) == _dump(town)
    before = _dump(town)
    _rebuild_all(town)  # the rows the desk wrote are what its events fold to
    assert _dump(town) == before


def test_two_desks_closing_at_once_leave_one_outcome_on_every_replica(
    desks: dict[str, Casebook], tmp_path: Path
) -> None:
    from tests.casework.test_replay import _dump

    village, town = desks["village"], desks["town"]
    server = _Server()
    case_id = _accepted_case(village)
    escalation_id = village.escalate(case_id, reason="需镇里处理", urgency="routine")
    _sync(server, village, town)
    town.accept_escalation(escalation_id)
    town2 = _book(tmp_path / "town2", TOWN, "钱进")
    try:
        _sync(server, village, town, town2)
        town.close_escalation(escalation_id, "agreement", "达成协议")
        town2.close_escalation(escalation_id, "terminated", "终止调解")  # at the same time
        _sync(server, village, town, town2)
        _sync(server, village, town, town2)
        found = _only(village, case_id)
        first = found.outcome
        steps = {s.code: s for s in village.case_detail(case_id).steps}
        recorded = [code for code in ("agreement", "termination") if steps[code].entries]
        assert recorded == ["agreement" if first == "agreement" else "termination"]
        assert _dump(village) == _dump(town) == _dump(town2)
    finally:
        town2.close()
