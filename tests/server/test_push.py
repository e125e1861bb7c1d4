"""Push: one answer per event (applied, duplicate, conflict, rejected), all or nothing."""

from __future__ import annotations

import requests
from sqlalchemy import select

from sync.protocol import TRAINING_HEADER, Outcome, PushResponse
from sync.server.models import Conflict
from tests.server.harness import EnrolledDevice, RunningServer, Tree, event, pull_all, push


def _outcomes(answer: PushResponse) -> list[Outcome]:
    return [r.outcome for r in answer.results]


def test_new_events_are_applied_and_numbered_in_order(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    events = [event(village_a1) for _ in range(5)]
    answer = push(shared_server.url, village_a1, events)
    assert _outcomes(answer) == [Outcome.APPLIED] * 5
    assert [r.id for r in answer.results] == [e["id"] for e in events]
    seqs = [r.server_seq for r in answer.results]
    assert all(s is not None for s in seqs)
    assert seqs == sorted(seqs) and len(set(seqs)) == 5
    assert answer.server_hlc


def test_a_repeated_push_is_a_duplicate_with_the_same_numbers(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    events = [event(village_a1) for _ in range(3)]
    first = push(shared_server.url, village_a1, events)
    again = push(shared_server.url, village_a1, events)
    assert _outcomes(again) == [Outcome.DUPLICATE] * 3
    assert [r.server_seq for r in again.results] == [r.server_seq for r in first.results]
    assert len(pull_all(shared_server.url, village_a1)) == 3


def test_the_same_id_with_other_content_is_a_conflict_kept_aside(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    original = event(village_a1)
    push(shared_server.url, village_a1, [original])
    changed = {**original, "payload": {"facts": "改过的事实"}}
    answer = push(shared_server.url, village_a1, [changed])
    assert _outcomes(answer) == [Outcome.CONFLICT]
    assert answer.results[0].server_seq is None
    [held] = pull_all(shared_server.url, village_a1)
    assert held.payload == original["payload"]  # the stored version stays
    with shared_server.runtime.store.reading() as session:
        kept = session.scalars(select(Conflict).where(Conflict.event_id == original["id"])).all()
    assert len(kept) == 1 and "改过的事实" in kept[0].content


def test_events_for_another_unit_or_device_are_rejected(
    shared_server: RunningServer, tree: Tree, village_a1: EnrolledDevice
) -> None:
    other = shared_server.enroll(tree.village_a2)
    events = [
        event(village_a1),
        event(village_a1, unit=tree.village_a2),  # a neighbouring village
        event(village_a1, unit=tree.town_a),  # its own town
        event(village_a1, unit=tree.grid_a1),  # a grid of its own village: fine
        event(other),  # authored by another laptop, forwarded
        event(village_a1, unit="NOWHERE"),
    ]
    answer = push(shared_server.url, village_a1, events)
    assert _outcomes(answer) == [
        Outcome.APPLIED,
        Outcome.REJECTED,
        Outcome.REJECTED,
        Outcome.APPLIED,
        Outcome.REJECTED,
        Outcome.REJECTED,
    ]
    assert "outside" in answer.results[1].reason
    assert "another" in answer.results[4].reason or "not by" in answer.results[4].reason
    assert all(r.server_seq is None for r in answer.results if r.outcome is Outcome.REJECTED)
    assert {e.id for e in pull_all(shared_server.url, other)} == set()


def test_a_town_pushes_for_itself_and_its_villages_only(
    shared_server: RunningServer, tree: Tree
) -> None:
    town = shared_server.enroll(tree.town_a)
    units = [tree.town_a, tree.village_a1, tree.village_a2, tree.town_b, tree.village_b1]
    answer = push(shared_server.url, town, [event(town, unit=u) for u in units])
    assert _outcomes(answer) == [Outcome.APPLIED] * 3 + [Outcome.REJECTED] * 2


def test_desk_acts_come_from_desks_and_the_directory_from_the_server_only(
    shared_server: RunningServer, tree: Tree, village_a1: EnrolledDevice
) -> None:
    town = shared_server.enroll(tree.town_a)
    village = village_a1.unit
    forged = [
        event(village_a1, type="escalation.accepted"),  # a village taking its own case on
        event(village_a1, type="escalation.closed"),
        event(village_a1, type="directory.entry_set", case_id=None),
    ]
    answer = push(shared_server.url, village_a1, forged)
    assert _outcomes(answer) == [Outcome.REJECTED] * 3
    assert "town's or district's act" in (answer.results[0].reason or "")
    raised = push(shared_server.url, village_a1, [event(village_a1, type="escalation.raised")])
    assert _outcomes(raised) == [Outcome.APPLIED]
    acts = [
        event(town, unit=village, type=t) for t in ("escalation.received", "escalation.accepted")
    ]
    directory = event(town, unit=tree.town_a, type="directory.entry_set", case_id=None)
    answer = push(shared_server.url, town, [*acts, directory])
    assert _outcomes(answer) == [Outcome.APPLIED] * 2 + [Outcome.REJECTED]


def test_training_data_never_reaches_a_production_server(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    answer = requests.post(
        f"{shared_server.url}/v1/push",
        json={"events": [event(village_a1)]},
        headers={**village_a1.headers, TRAINING_HEADER: "1"},
        timeout=10,
    )
    result = answer.json()["results"][0]
    assert (result["outcome"], "training" in result["reason"]) == ("rejected", True)
    assert pull_all(shared_server.url, village_a1) == []


def test_unknown_event_types_and_newer_schemas_are_stored(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    unknown = event(village_a1, type="from_a_future_release", schema_version=9)
    unknown["payload"] = {"nested": {"list": [1, 2.5, None, "文"]}, "z": 1, "a": 2}
    assert _outcomes(push(shared_server.url, village_a1, [unknown])) == [Outcome.APPLIED]
    [held] = pull_all(shared_server.url, village_a1)
    assert (held.type, held.schema_version) == ("from_a_future_release", 9)
    assert held.payload == unknown["payload"]
    assert list(held.payload) == ["nested", "z", "a"]  # as sent, not re-sorted
    assert held.recorded_at.isoformat() == "2026-11-28T09:30:00+08:00"


def test_a_malformed_event_is_refused_alone(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    good = event(village_a1)
    bad = event(village_a1, device_seq=0)
    answer = push(shared_server.url, village_a1, [bad, good, {"no": "id"}])
    assert _outcomes(answer) == [Outcome.REJECTED, Outcome.APPLIED, Outcome.REJECTED]
    assert answer.results[0].id == bad["id"] and "device_seq" in answer.results[0].reason
    assert answer.results[2].id == ""


def test_one_id_twice_in_a_batch_and_a_reused_device_seq(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    first = event(village_a1)
    reused_seq = event(village_a1, device_seq=first["device_seq"])
    answer = push(shared_server.url, village_a1, [first, first, reused_seq])
    assert _outcomes(answer) == [Outcome.APPLIED, Outcome.DUPLICATE, Outcome.REJECTED]
    assert "device_seq" in answer.results[2].reason


def test_a_town_receives_the_server_clock_past_its_villages(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    first = push(shared_server.url, village_a1, [event(village_a1)]).server_hlc
    second = push(shared_server.url, village_a1, [event(village_a1)]).server_hlc
    assert first < second  # fixed-width text: text order is clock order
    # A laptop a year fast does not drag the server's clock (and everyone's) along.
    far = f"{int(first.split('.')[0]) + 365 * 86_400_000:015d}.000000"
    ahead = push(shared_server.url, village_a1, [event(village_a1, hlc=far)])
    assert ahead.results[0].outcome is Outcome.APPLIED
    assert ahead.server_hlc < far


def test_the_content_hash_is_the_one_stored_events_were_hashed_with() -> None:
    """The hash tells a resend (duplicate) from other content (conflict) for events
    stored by earlier releases too: it stays sha256 of the head as json.dumps writes it
    (sorted, compact, unescaped) and the payload in its author's order. An event made
    before the hash chain (no prev_hash) is hashed as it was then, without the field; a
    chained one with its prev_hash in the head."""
    import datetime as dt
    import hashlib
    import json

    from sync.protocol import WireEvent
    from sync.server.services.push import fingerprint

    made = WireEvent(
        id="6d0f18c3-1696-40a1-9c1e-0d5b7e2c9f11", device_id="0a1b2c3d-1696-40a1-9c1e-0d5b7e2c9f11",
        device_seq=7, hlc="001764000000000.000001", case_id=None, org_unit_code="320509003001",
        author_id="w1", author_name='王"芳\\\x01\u2028😀', type="visit.logged",
        payload={"z": 1.5e-7, "a": "上门\n", "n": None, "l": [1, {"k": True}]},
        schema_version=1, recorded_at=dt.datetime(2026, 11, 28, 8, 30, tzinfo=dt.UTC),
    )  # fmt: skip
    compact = {"separators": (",", ":"), "ensure_ascii": False}

    def expected(event: WireEvent, leave_out: set[str]) -> str:
        data = event.model_dump(mode="json")
        head = {k: v for k, v in data.items() if k not in {"payload", *leave_out}}
        payload = json.dumps(data["payload"], **compact)  # type: ignore[arg-type]
        text = f"{json.dumps(head, sort_keys=True, **compact)}\n{payload}"  # type: ignore[arg-type]
        return hashlib.sha256(text.encode()).hexdigest()

    digest, stored = fingerprint(made)
    assert digest == expected(made, {"prev_hash"})
    assert stored["payload_text"] == json.dumps(made.payload, **compact)  # type: ignore[arg-type]
    assert "prev_hash" not in stored
    # Frozen from the release before the chain: an old event's resend is a duplicate.
    assert digest == "04c072d8c354b6b93f29bb3b9d14756e7fd734b087cee0a2c81e0486a789c160"
    for prev_hash in ("", "ab" * 32):
        chained = made.model_copy(update={"prev_hash": prev_hash})
        chained_digest, chained_stored = fingerprint(chained)
        assert chained_digest == expected(chained, set()) != digest
        assert chained_stored["prev_hash"] == prev_hash
