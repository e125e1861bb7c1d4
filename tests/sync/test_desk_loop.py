"""The whole loop 受理 → 流转 → 办理 → 反馈 over the real server: a village escalates
offline, the town takes it and dispatches it from the directory the server sent down,
resolves one case and sends another to the district, which closes it; the village sees
every step, and every replica holds the same history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from casework import directory
from casework.escalation import State
from casework.status import CaseStatus
from sync.server.services import directory as server_directory
from tests.server.harness import RunningServer
from tests.sync.test_end_to_end import TOWN, VILLAGE, Laptop

DISTRICT = "320509"


@pytest.fixture
def desks(tmp_path: Path, outpost_server: RunningServer) -> Iterator[dict[str, Laptop]]:
    """A village laptop, a second one of the same village, the town desk and the
    district desk, all enrolled; the server holds the sample directory."""
    with outpost_server.runtime.store.unit_of_work() as session:
        server_directory.import_csv(session, resources.sample_directory(), actor="test")
    made = {
        "village": Laptop(tmp_path / "village", VILLAGE, "王芳"),
        "village2": Laptop(tmp_path / "village2", VILLAGE, "李强"),
        "town": Laptop(tmp_path / "town", TOWN, "陈主任"),
        "district": Laptop(tmp_path / "district", DISTRICT, "孙科长"),
    }
    for laptop in made.values():
        laptop.enroll(outpost_server)
    yield made
    for laptop in made.values():
        laptop.close()


def _history(laptop: Laptop, case_ids: set[str]) -> list[tuple[object, ...]]:
    return laptop.rows("case_events", case_ids)


def test_escalated_offline_handled_by_town_and_district_and_seen_by_the_village(
    desks: dict[str, Laptop],
) -> None:
    village, town, district = desks["village"], desks["town"], desks["district"]
    settled_here = village.take_in("两户因宅基地界址发生争执")
    for_district = village.take_in("多户村民与企业因污染补偿发生纠纷")
    # Offline: both escalations wait in the outbox like any other change.
    first = village.book.escalate(settled_here, reason="界址需镇自然资源所认定", urgency="routine",
                                  tried="组织双方现场查看")  # fmt: skip
    second = village.book.escalate(for_district, reason="涉及企业与多户村民", urgency="urgent")
    assert village.waiting() > 0
    assert {e.state for e in village.book.sent_escalations()} == {State.SENT}
    village.sync()
    town.sync()  # pulls them and sends the desk's receipts back in the same session
    village.sync()
    assert {e.state for e in village.book.sent_escalations()} == {State.RECEIVED}

    assert {e.id for e in town.book.inbox()} == {first, second}
    entries = town.book.directory()
    assert {e.name for e in entries} >= {"七都镇自然资源所", "专业调解队伍", "姚建平"}
    land_office = next(e for e in entries if e.name == "七都镇自然资源所")
    mediator = next(e for e in entries if e.kind is directory.EntryKind.MEDIATOR)
    town.book.accept_escalation(first)
    town.book.dispatch_escalation(first, land_office, "五个工作日内完成界址认定")
    present = ["双方当事人", "七都镇自然资源所", "七都镇司法所"]
    town.book.note_escalation(first, "联合会诊，界址以1998年确权图为准", present)
    town.book.close_escalation(first, "agreement", "双方认可确权图，签订调解协议")
    town.book.accept_escalation(second)
    town.book.dispatch_escalation(second, mediator)
    forwarded = town.book.escalate(for_district, reason="涉及环保执法，需区级协调",
                                   urgency="urgent")  # fmt: skip
    town.sync()
    district.sync()
    (arrived,) = district.book.inbox()
    assert arrived.id == forwarded and arrived.from_unit == TOWN
    district.book.accept_escalation(forwarded)
    district.book.close_escalation(forwarded, "terminated", "告知当事人通过诉讼途径解决")
    district.sync()
    for laptop in (town, village, district, town):
        laptop.sync()

    mine = {e.id: e for e in village.book.sent_escalations()}
    done = mine[first]
    assert done.state is State.CLOSED and done.outcome == "agreement"
    assert [(a.kind, a.by, a.unit) for a in done.acts] == [
        ("escalation.raised", "王芳", VILLAGE),
        ("escalation.received", "陈主任", TOWN),
        ("escalation.accepted", "陈主任", TOWN),
        ("escalation.dispatched", "陈主任", TOWN),
        ("escalation.noted", "陈主任", TOWN),
        ("escalation.closed", "陈主任", TOWN),
    ]
    assert [a.at for a in done.acts] == sorted(a.at for a in done.acts)
    assert mine[second].state is State.FORWARDED
    via_district = village.book.escalations(for_district)
    assert [e.state for e in via_district] == [State.FORWARDED, State.CLOSED]
    assert via_district[1].acts[-1].by == "孙科长"
    assert village.book.case_detail(settled_here).status == CaseStatus.AGREEMENT
    assert village.book.case_detail(for_district).status == CaseStatus.TERMINATED
    both = {settled_here, for_district}
    assert _history(village, both) == _history(town, both) == _history(district, both)
    for case_id in both:
        assert (
            village.book.escalations(case_id)
            == town.book.escalations(case_id)
            == district.book.escalations(case_id)
        )
    assert village.waiting() == town.waiting() == district.waiting() == 0


def test_the_village_closing_while_the_town_accepts_is_a_conflict_on_both_desks(
    desks: dict[str, Laptop],
) -> None:
    village, village2, town = desks["village"], desks["village2"], desks["town"]
    case_id = village.take_in("邻里排水纠纷")
    village.sync()
    village2.sync()
    escalation_id = village.book.escalate(case_id, reason="需镇里协调", urgency="routine")
    # Meanwhile, on the other laptop of the village, the case is closed there.
    village2.book.change_status(case_id, CaseStatus.TERMINATED, "双方自行和解，告知其他途径")
    village.sync()
    town.sync()
    town.book.accept_escalation(escalation_id)
    for laptop in (town, village2, village, town, village2):
        laptop.sync()
    for laptop in (village, village2, town):
        detail = laptop.book.case_detail(case_id)
        assert detail.status == CaseStatus.ESCALATED  # the earlier change stands
        assert [(c.kept_value, c.other_value) for c in detail.conflicts] == [
            ("escalated", "terminated")
        ]
    # The inboxes flag it too: the town's desk, and the village's list of what it sent.
    assert [e.conflicted for e in town.book.inbox()] == [True]
    assert [e.conflicted for e in village.book.sent_escalations()] == [True]
    # The town settles it, once; every replica then shows it settled.
    (conflict,) = town.book.case_detail(case_id).conflicts
    town.book.settle_conflict(conflict.id, take_other=False, note="已由镇受理，继续处理")
    for laptop in (town, village, village2):
        laptop.sync()
    for laptop in (village, village2, town):
        assert laptop.book.case_detail(case_id).conflicts == []
    assert [e.conflicted for e in town.book.inbox()] == [False]
    settled = [r for r in _history(town, {case_id}) if r[4] == "case.conflict_settled"]
    assert len(settled) == 1
