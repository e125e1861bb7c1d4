"""Each device's events form a hash chain that the server checks on push: a gap, an
altered event or a restart is flagged (chain_breaks and the audit log), never refused.

The events are a real laptop's: recorded through its casebook, read from its outbox as
the sync session reads them, and pushed to the real server over HTTP; only their org
unit is moved to the test's own village (routing, not part of a link).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import requests
import sqlalchemy as sa

from casework import chain as links
from casework import syncstate
from casework.casebook import Casebook
from casework.models import Device
from casework.status import CaseStatus
from sync.protocol import EnrollRequest, EnrollResponse, Outcome, WireEvent
from sync.server.models import AuditEntry, ChainBreak, Event
from sync.server.services import chain
from tests.conftest import neighbour_dispute
from tests.server.harness import HEADERS, EnrolledDevice, RunningServer, Tree, event, pull_all, push


def _enroll(server: RunningServer, book: Casebook, unit: str) -> EnrolledDevice:
    """Enroll the laptop's own device id for ``unit``, over HTTP."""
    who = book.identity()
    assert who is not None
    request = EnrollRequest(code=server.enrollment_code(unit), device_id=who.device_id)
    answer = requests.post(
        f"{server.url}/v1/enroll",
        data=request.model_dump_json(),
        headers={**HEADERS, "Content-Type": "application/json"},
        timeout=10,
    )
    answer.raise_for_status()
    return EnrolledDevice(EnrollResponse.model_validate_json(answer.content))


def _outbox(book: Casebook, unit: str) -> list[dict[str, object]]:
    """What waits in the laptop's outbox, as the wire carries it, in ``unit``."""
    with book.store.reading() as session:
        pending = syncstate.pending(session, 10_000)
    wire = [WireEvent.model_validate(e).model_dump(mode="json") for e in pending]
    return [{**e, "org_unit_code": unit} for e in wire]


def _record(book: Casebook, cases: int = 2) -> None:
    """A few ordinary changes: cases recorded, one escalated."""
    first = book.record_case(neighbour_dispute())
    for n in range(1, cases):
        book.record_case(neighbour_dispute(f"第{n}件：楼上漏水，楼下天花板受损。"))
    book.change_status(first, CaseStatus.ESCALATED)


@contextlib.contextmanager
def _tampering(book: Casebook) -> Iterator[sa.orm.Session]:
    """The laptop's store as someone holding its file could change it."""
    with book.store.unit_of_work() as session:
        session.execute(sa.text("DROP TRIGGER IF EXISTS case_events_no_update"))
        yield session


def _alter(book: Casebook, seq: int) -> None:
    with _tampering(book) as session:
        session.execute(
            sa.text("UPDATE case_events SET payload = json_set(payload, '$.facts', '改过的事实')"
                    " WHERE device_seq = :seq"), {"seq": seq},
        )  # fmt: skip


def _breaks(server: RunningServer, device: EnrolledDevice) -> list[ChainBreak]:
    with server.runtime.store.reading() as session:
        found = chain.breaks(session, limit=100_000)
        session.expunge_all()
    return [b for b in found if b.device_id == device.id]


def _audit(server: RunningServer, device: EnrolledDevice) -> list[str]:
    with server.runtime.store.reading() as session:
        rows = session.scalars(
            sa.select(AuditEntry.detail)
            .where(AuditEntry.device_id == device.id, AuditEntry.action == "chain_break")
            .order_by(AuditEntry.id)
        )
        return list(rows)


def _applied(
    server: RunningServer, device: EnrolledDevice, events: list[dict[str, object]]
) -> None:
    answer = push(server.url, device, events)
    assert [r.outcome for r in answer.results] == [Outcome.APPLIED] * len(events)


def test_an_intact_chain_flags_nothing(
    shared_server: RunningServer, tree: Tree, casebook: Casebook
) -> None:
    device = _enroll(shared_server, casebook, tree.village_a1)
    _record(casebook, cases=3)
    sent = _outbox(casebook, tree.village_a1)
    assert sent[0]["prev_hash"] == "" and all(e["prev_hash"] for e in sent[1:])
    _applied(shared_server, device, sent[:2])  # the chain goes on across pushes
    _applied(shared_server, device, sent[2:])
    again = push(shared_server.url, device, sent)
    assert {r.outcome for r in again.results} == {Outcome.DUPLICATE}
    assert _breaks(shared_server, device) == [] and _audit(shared_server, device) == []
    # The server's link of the last event is the laptop's head: both compute the same.
    with shared_server.runtime.store.reading() as session:
        last = session.scalars(sa.select(Event.chain_hash).where(Event.id == sent[-1]["id"])).one()
    with casebook.store.reading() as session:
        assert last == session.scalars(sa.select(Device.chain_head)).one()


def test_a_missing_event_is_a_gap_closed_when_it_arrives(
    shared_server: RunningServer, tree: Tree, casebook: Casebook
) -> None:
    device = _enroll(shared_server, casebook, tree.village_a1)
    _record(casebook, cases=3)
    sent = _outbox(casebook, tree.village_a1)
    missing = sent.pop(1)  # event 2, as if deleted from the laptop's store
    _applied(shared_server, device, sent)
    [gap] = _breaks(shared_server, device)
    assert (gap.kind, gap.device_seq, gap.event_id) == ("gap", 3, sent[1]["id"])
    assert "event 2 is missing before event 3" in gap.detail and gap.resolved_at is None
    [logged] = _audit(shared_server, device)
    assert logged.startswith("gap: event 2 is missing")
    _applied(shared_server, device, [missing])  # it turns up after all, and links up
    [gap] = _breaks(shared_server, device)
    assert gap.resolved_at is not None
    assert len(pull_all(shared_server.url, device)) == len(sent) + 1


def test_an_event_altered_in_the_laptops_store_is_flagged_and_kept(
    shared_server: RunningServer, tree: Tree, casebook: Casebook
) -> None:
    device = _enroll(shared_server, casebook, tree.village_a1)
    _record(casebook, cases=3)
    _alter(casebook, 2)
    sent = _outbox(casebook, tree.village_a1)
    _applied(shared_server, device, sent)
    [altered] = _breaks(shared_server, device)
    assert (altered.kind, altered.device_seq) == ("altered", 3)
    assert f"event 2 ({sent[1]['id']}) as received" in altered.detail
    assert "event 2 looks altered or replaced" in altered.detail
    assert _audit(shared_server, device) == [f"altered: {altered.detail}"]
    held = {e.id: e for e in pull_all(shared_server.url, device)}
    assert len(held) == len(sent)  # nothing lost: stored as it came
    assert held[str(sent[1]["id"])].payload["facts"] == "改过的事实"


def test_a_late_event_that_does_not_fit_its_successor_is_flagged(
    shared_server: RunningServer, tree: Tree, casebook: Casebook
) -> None:
    device = _enroll(shared_server, casebook, tree.village_a1)
    _record(casebook, cases=3)
    sent = _outbox(casebook, tree.village_a1)
    _applied(shared_server, device, sent[:2] + sent[3:])  # event 3 held back
    _alter(casebook, 3)  # and changed before it goes
    late = next(e for e in _outbox(casebook, tree.village_a1) if e["device_seq"] == 3)
    _applied(shared_server, device, [late])
    gap, altered = sorted(_breaks(shared_server, device), key=lambda b: b.id)
    assert (gap.kind, gap.device_seq, gap.resolved_at) == ("gap", 4, None)  # still open
    assert (altered.kind, altered.device_seq, altered.event_id) == ("altered", 4, sent[3]["id"])
    assert "event 3 looks altered" in altered.detail


def test_a_chain_started_again_is_flagged_as_a_restart(
    shared_server: RunningServer, tree: Tree, casebook: Casebook
) -> None:
    device = _enroll(shared_server, casebook, tree.village_a1)
    _record(casebook)
    first = _outbox(casebook, tree.village_a1)
    _applied(shared_server, device, first)
    with _tampering(casebook) as session:  # a store rebuilt with the counter kept
        session.execute(sa.text("UPDATE devices SET chain_head = ''"))
    _record(casebook)
    later = _outbox(casebook, tree.village_a1)[len(first) :]
    assert later[0]["prev_hash"] == ""
    _applied(shared_server, device, later)
    [restart] = _breaks(shared_server, device)
    seq = len(first) + 1
    assert (restart.kind, restart.device_seq, restart.event_id) == ("restart", seq, later[0]["id"])
    assert f"event {seq} starts a new chain" in restart.detail
    with shared_server.runtime.store.reading() as session:
        assert chain.breaks(session, limit=1)[0].id == restart.id  # newest first


def test_events_of_clients_older_than_the_chain_are_taken_unchecked(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    legacy = [event(village_a1) for _ in range(3)]
    del legacy[1]  # even a gap in their numbers: they carry no links to check
    _applied(shared_server, village_a1, legacy)
    assert {r.outcome for r in push(shared_server.url, village_a1, legacy).results} == {
        Outcome.DUPLICATE
    }
    # Updated, the client starts its chain right after them: a proper start.
    start = event(village_a1, prev_hash="")
    _applied(shared_server, village_a1, [start])
    follower = event(village_a1, prev_hash=_link(start))
    _applied(shared_server, village_a1, [follower])
    assert _breaks(shared_server, village_a1) == []
    with shared_server.runtime.store.reading() as session:
        rows = session.execute(
            sa.select(Event.prev_hash, Event.chain_hash)
            .where(Event.device_id == village_a1.id)
            .order_by(Event.device_seq)
        ).all()
    assert [tuple(r) for r in rows] == [
        (None, None), (None, None), ("", _link(start)), (_link(start), _link(follower)),
    ]  # fmt: skip


def test_a_first_event_that_links_to_an_earlier_one_is_flagged(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    first = event(village_a1, prev_hash="5e" * 32)
    _applied(shared_server, village_a1, [first])
    [flaw] = _breaks(shared_server, village_a1)
    assert (flaw.kind, flaw.device_seq) == ("altered", 1)


def test_an_event_whose_time_is_no_utc_instant_is_stored_and_its_successor_flagged(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    # 0001-01-01 at +05:00 is before the first UTC instant: it cannot be linked to.
    odd = event(village_a1, prev_hash="", recorded_at="0001-01-01T00:00:00+05:00")
    after = event(village_a1, prev_hash="5e" * 32)
    _applied(shared_server, village_a1, [odd, after])
    assert [(b.kind, b.device_seq) for b in _breaks(shared_server, village_a1)] == [("altered", 2)]


def _link(wire: dict[str, object]) -> str:
    """The link of a harness event (its recorded_at as ISO text)."""
    payload = wire["payload"]
    assert isinstance(payload, dict)
    return links.link(
        str(wire["prev_hash"]), id=str(wire["id"]), device_id=str(wire["device_id"]),
        device_seq=int(str(wire["device_seq"])), hlc=str(wire["hlc"]),
        case_id=str(wire["case_id"]), author_id=str(wire["author_id"]),
        author_name=str(wire["author_name"]), type=str(wire["type"]),
        schema_version=int(str(wire["schema_version"])),
        recorded_at=dt.datetime.fromisoformat(str(wire["recorded_at"])),
        payload_text=links.payload_text(payload),
    )  # fmt: skip
