"""Tamper evidence end to end: a laptop's event changed in its store between recording
and sync is flagged by the town server, and the sync completes with nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from casework.models import CaseEvent
from sync.server.models import AuditEntry, Event
from sync.server.services import chain
from tests.conftest import VILLAGE
from tests.server.harness import RunningServer
from tests.sync.test_end_to_end import TOWN, Laptop


@pytest.fixture
def village_and_town(
    outpost_server: RunningServer, tmp_path: Path
) -> Iterator[tuple[Laptop, Laptop]]:
    village = Laptop(tmp_path / "village", VILLAGE, "王芳")
    town = Laptop(tmp_path / "town", TOWN, "陈主任")
    for laptop in (village, town):
        laptop.enroll(outpost_server)
    yield village, town
    village.close()
    town.close()


def _tamper(laptop: Laptop, case_id: str) -> tuple[str, int]:
    """Rewrite the facts in a case's case.recorded event, as someone holding the
    laptop's database file could; returns the event's id and device_seq."""
    with laptop.book.store.unit_of_work() as session:
        event_id, seq = session.execute(
            sa.select(CaseEvent.id, CaseEvent.device_seq).where(
                CaseEvent.case_id == case_id, CaseEvent.type == "case.recorded"
            )
        ).one()
        session.execute(sa.text("DROP TRIGGER case_events_no_update"))
        session.execute(
            sa.text("UPDATE case_events SET payload = json_set(payload, '$.facts', :facts)"
                    " WHERE id = :id"), {"facts": "双方已和解，无需调解", "id": event_id},
        )  # fmt: skip
    return str(event_id), int(seq)


def test_an_event_tampered_with_before_sync_is_flagged_and_nothing_is_lost(
    outpost_server: RunningServer, village_and_town: tuple[Laptop, Laptop]
) -> None:
    village, town = village_and_town
    village.take_in("开弦弓村的第一件纠纷")
    second = village.take_in("开弦弓村的第二件纠纷")
    village.take_in("开弦弓村的第三件纠纷")
    tampered, seq = _tamper(village, second)
    report = village.sync()
    assert report.refused == [] and report.acknowledged == report.pushed > seq
    assert village.waiting() == 0  # the sync completed: the server took every event
    who = village.book.identity()
    assert who is not None
    with outpost_server.runtime.store.reading() as session:
        breaks = [b for b in chain.breaks(session) if b.device_id == who.device_id]
        audit = session.scalars(
            sa.select(AuditEntry.detail).where(
                AuditEntry.action == "chain_break", AuditEntry.device_id == who.device_id
            )
        ).all()
        held = session.scalar(
            sa.select(sa.func.count()).select_from(Event).where(Event.device_id == who.device_id)
        )
    assert [(b.kind, b.device_seq) for b in breaks] == [("altered", seq + 1)]
    assert f"event {seq} ({tampered}) as received" in breaks[0].detail
    assert audit == [f"altered: {breaks[0].detail}"]
    assert held == report.pushed
    town.sync()  # the town holds every event, the altered one as it arrived
    town_ids = {str(r[0]) for r in town.rows("case_events")}
    village_ids = {str(r[0]) for r in village.rows("case_events")}
    assert village_ids <= town_ids
    with town.book.store.reading() as session:
        arrived = session.get(CaseEvent, tampered)
        assert arrived is not None and arrived.payload["facts"] == "双方已和解，无需调解"
        assert arrived.prev_hash is not None  # its link came down with it


def test_an_honest_laptop_syncs_without_flags(
    outpost_server: RunningServer, village_and_town: tuple[Laptop, Laptop]
) -> None:
    village, town = village_and_town
    first = village.take_in("开弦弓村的纠纷")
    village.book.complete_step(first, "investigate", {"findings": "已查看现场"})
    village.sync()
    village.take_in("又一件纠纷")  # the chain goes on across sync sessions
    village.sync()
    town.sync()
    assert village.waiting() == 0
    with outpost_server.runtime.store.reading() as session:
        assert chain.breaks(session) == []
