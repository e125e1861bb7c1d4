"""Each device's events form a hash chain: every event carries the link of the one
before it, in the transaction that appends it."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json

import pytest
import sqlalchemy as sa

from casework import chain, services
from casework.casebook import Casebook
from casework.models import CaseEvent, Device
from casework.status import CaseStatus
from tests.conftest import neighbour_dispute


def _link(event: CaseEvent) -> str:
    """The link of a stored event, recomputed from what the store holds now."""
    assert event.prev_hash is not None
    return chain.link(
        event.prev_hash, id=event.id, device_id=event.device_id, device_seq=event.device_seq,
        hlc=event.hlc, case_id=event.case_id, author_id=event.author_id,
        author_name=event.author_name, type=event.type, schema_version=event.schema_version,
        recorded_at=event.recorded_at, payload_text=chain.payload_text(event.payload),
    )  # fmt: skip


def _log(book: Casebook) -> tuple[list[CaseEvent], str]:
    """The device's events in order, and its chain head."""
    with book.store.reading() as session:
        events = list(session.scalars(sa.select(CaseEvent).order_by(CaseEvent.device_seq)))
        head = session.scalars(sa.select(Device.chain_head)).one()
        session.expunge_all()
    return events, head


def test_each_event_carries_the_link_of_the_one_before(casebook: Casebook) -> None:
    first = casebook.record_case(neighbour_dispute())
    casebook.change_status(first, CaseStatus.ESCALATED)
    casebook.record_case(neighbour_dispute("楼上漏水，楼下天花板受损。"))
    events, head = _log(casebook)
    assert len(events) >= 3
    assert events[0].prev_hash == ""  # where the device's chain starts
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == _link(before)
    assert head == _link(events[-1])
    assert len({e.prev_hash for e in events}) == len(events)  # every link differs


def test_a_rolled_back_change_leaves_the_chain_as_it_was(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    _, head_before = _log(casebook)
    with pytest.raises(RuntimeError, match="power cut"), casebook.store.unit_of_work() as session:
        services.change_status(session, case_id, CaseStatus.ESCALATED)
        session.flush()
        assert session.scalars(sa.select(Device.chain_head)).one() != head_before
        raise RuntimeError("power cut")
    events, head = _log(casebook)
    assert head == head_before
    casebook.change_status(case_id, CaseStatus.ESCALATED)
    events, _ = _log(casebook)
    assert events[-1].prev_hash == head_before  # the next event links to the last kept


def test_an_event_edited_in_the_store_no_longer_matches_its_link(casebook: Casebook) -> None:
    casebook.record_case(neighbour_dispute())
    casebook.record_case(neighbour_dispute("楼上漏水，楼下天花板受损。"))
    with casebook.store.unit_of_work() as session:  # as someone holding the file might
        session.execute(sa.text("DROP TRIGGER case_events_no_update"))
        session.execute(
            sa.text("UPDATE case_events SET payload = json_set(payload, '$.facts', '改过的')"
                    " WHERE device_seq = 1")
        )  # fmt: skip
    events, _ = _log(casebook)
    assert events[0].payload["facts"] == "改过的"
    assert events[1].prev_hash != _link(events[0])


def test_the_link_is_sha256_of_the_head_and_the_payload_as_documented() -> None:
    # Hand-computed: printf '%s\n%s' '<head>' '<payload>' | sha256sum
    assert chain.link(
        "", id="6d0f18c3-1696-40a1-9c1e-0d5b7e2c9f11",
        device_id="0a1b2c3d-1696-40a1-9c1e-0d5b7e2c9f11", device_seq=7,
        hlc="001764000000000.000001", case_id=None, author_id="w1", author_name="王芳",
        type="visit.logged", schema_version=1,
        recorded_at=dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        payload_text=chain.payload_text({"z": 1.5, "a": "上门"}),
    ) == "3ef246935f7ea6a01020465a85b91aae1271a38ed1634f8c125f0b8254b49c17"  # fmt: skip
    # A case, a chained predecessor, a quote and a newline in a name (escaped in the
    # head), microseconds, a naive time taken as UTC. The bytes hashed:
    #   ["outpost-chain/1","abab…ab","6d0f…9f11","0a1b…9f11",8,"001764000000000.000002",
    #    "7e57ca5e-…","w1","王\"芳\n","case.recorded",2,"2026-11-28T08:30:00.250000Z"]
    #   {}
    assert chain.link(
        "ab" * 32, id="6d0f18c3-1696-40a1-9c1e-0d5b7e2c9f11",
        device_id="0a1b2c3d-1696-40a1-9c1e-0d5b7e2c9f11", device_seq=8,
        hlc="001764000000000.000002", case_id="7e57ca5e-1696-40a1-9c1e-0d5b7e2c9f11",
        author_id="w1", author_name='王"芳\n', type="case.recorded", schema_version=2,
        recorded_at=dt.datetime(2026, 11, 28, 8, 30, 0, 250_000),
        payload_text=chain.payload_text({}),
    ) == "eddd512ba240158035a5bcb420f763c702286aa2e9a176eec7ce953731190d57"  # fmt: skip


def test_the_stored_time_and_the_wire_time_give_one_text() -> None:
    utc = dt.datetime(2026, 11, 28, 1, 30, 5, 7, tzinfo=dt.UTC)
    beijing = utc.astimezone(dt.timezone(dt.timedelta(hours=8)))
    naive = utc.replace(tzinfo=None)
    assert {chain.instant(t) for t in (utc, beijing, naive)} == {"2026-11-28T01:30:05.000007Z"}


def test_the_head_is_written_as_json_dumps_writes_it() -> None:
    # Every control character, quotes, slashes, separators JavaScript chokes on, emoji.
    awkward = "".join(map(chr, range(0x20))) + '"\\/\x7f\u2028\u2029😀王芳'
    moment = dt.datetime(2026, 11, 28, 9, 30, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    fields = {
        "id": "6d0f18c3-1696-40a1-9c1e-0d5b7e2c9f11", "device_id": awkward,
        "device_seq": 2**40, "hlc": awkward, "case_id": None, "author_id": awkward,
        "author_name": awkward, "type": awkward, "schema_version": 1,
    }  # fmt: skip
    head = json.dumps(
        ["outpost-chain/1", awkward, *fields.values(), "2026-11-28T14:30:00.000001Z"],
        separators=(",", ":"), ensure_ascii=False,
    )  # fmt: skip
    payload = chain.payload_text({"text": awkward, "n": 1.5e-7})
    expected = hashlib.sha256(f"{head}\n{payload}".encode()).hexdigest()
    assert (
        chain.link(
            awkward,
            recorded_at=moment,
            payload_text=payload,
            **fields,  # type: ignore[arg-type]
        )
        == expected
    )
