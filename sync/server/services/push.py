"""Storing a device's pushed events: one answer per event, all in one transaction, the
device's hash chain checked on the way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

from pydantic_core import to_json
from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.escalation import DESK_ACTS
from casework.events import EventType
from sync.protocol import DeviceRole, Outcome, PushResponse, PushResult, WireEvent
from sync.server.clock import ServerClock
from sync.server.models import Conflict, Event
from sync.server.services import chain, eventlog, orgunits
from sync.server.services.devices import AuthDevice

log = logging.getLogger("outpost.server.push")


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A pushed item that is not a valid event: refused on its own, the batch goes on."""

    id: str
    reason: str


PushItem = WireEvent | Unreadable


# json.dumps with these settings, without building an encoder for every call.
_PAYLOAD_JSON = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
# The head's fields in sorted order. They are strings, integers and None, which
# pydantic's encoder writes byte for byte as json.dumps(sort_keys=True, ensure_ascii=False,
# separators=(",", ":")) does, in a fraction of the time. (The payload may hold floats,
# which the two format differently: it keeps json's encoder.)
_HEAD_FIELDS = tuple(sorted(name for name in WireEvent.model_fields if name != "payload"))


def fingerprint(event: WireEvent) -> tuple[str, dict[str, Any]]:
    """The content hash that tells a duplicate from a conflict, and the event as JSON
    (its payload already as the canonical text that is stored, under ``payload_text``).

    An event without a ``prev_hash`` (made before the hash chain) is hashed without it,
    as it was when it was first stored: its resend stays a duplicate."""
    fields = {name: getattr(event, name) for name in _HEAD_FIELDS}
    if fields["prev_hash"] is None:
        del fields["prev_hash"]
    head = to_json(fields).decode()
    # The payload, most of the event, is serialised once, for the hash and for storing,
    # in the order its author wrote it (replicas keep it byte for byte; an author resends
    # its events from its own store, in the same order, so a resend hashes the same).
    payload = _PAYLOAD_JSON(event.payload)
    digest = hashlib.sha256(f"{head}\n{payload}".encode()).hexdigest()
    fields["recorded_at"] = to_json(event.recorded_at).decode()[1:-1]  # as in the head
    data = {**fields, "payload": event.payload, "payload_text": payload}
    return digest, data


def _refusal(item: PushItem, device: AuthDevice, scope: set[str], training_refused: bool) -> str:
    if isinstance(item, Unreadable):
        return item.reason
    if training_refused:
        return "training data is never stored on a production server"
    if item.device_id != device.id:
        return f"the event was made by device {item.device_id}, not by the one pushing it"
    if item.org_unit_code not in scope:
        return f"org unit {item.org_unit_code} is outside this device's unit {device.org_unit_code}"
    if item.type == EventType.DIRECTORY_SET:
        return "the directory is written on the server, not pushed by a device"
    if item.type in DESK_ACTS and device.role is DeviceRole.VILLAGE:
        return f"{item.type} is a town's or district's act; a village's device may not push it"
    return ""


def _row(seq: int, digest: str, data: dict[str, Any], chain_hash: str | None) -> dict[str, Any]:
    row = {c: data.get(c) for c in eventlog.COLUMNS}
    row.update(
        server_seq=seq, payload=data["payload_text"], content_hash=digest, chain_hash=chain_hash
    )
    return row


@dataclasses.dataclass
class _Batch:
    """What one push decides, built up item by item."""

    held: dict[str, tuple[str, int]]  # event id → (content hash, server_seq)
    seqs_taken: dict[int, str]  # this device's device_seq → event id
    # This device's stored events at the batch's seqs and next to them: for its chain.
    links: dict[int, chain.Link]
    known_conflicts: set[tuple[str, str]]
    next_seq: int
    rows: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    conflicts: list[Conflict] = dataclasses.field(default_factory=list)


def _load(session: Session, device_id: str, events: list[WireEvent], next_seq: int) -> _Batch:
    ids = [e.id for e in events]
    held = session.execute(
        select(Event.id, Event.content_hash, Event.server_seq).where(Event.id.in_(ids))
    )
    seqs = {e.device_seq for e in events}
    # The seqs taken, and the events either side of the batch's (their chain links), in
    # one query: for a batch in order that is two more numbers.
    around = seqs | {s - 1 for s in seqs} | {s + 1 for s in seqs}
    stored = session.execute(
        select(Event.device_seq, Event.id, Event.prev_hash, Event.chain_hash).where(
            Event.device_id == device_id, Event.device_seq.in_(sorted(around))
        )
    )
    links = {seq: chain.Link(event_id, prev, own) for seq, event_id, prev, own in stored}
    conflicts = session.execute(
        select(Conflict.event_id, Conflict.content_hash).where(Conflict.event_id.in_(ids))
    )
    return _Batch(
        held={i: (h, s) for i, h, s in held},
        seqs_taken={seq: link.event_id for seq, link in links.items() if seq in seqs},
        links=links,
        known_conflicts={(event_id, digest) for event_id, digest in conflicts},
        next_seq=next_seq,
    )


def _decide(batch: _Batch, event: WireEvent, received_at: dt.datetime) -> PushResult:
    digest, data = fingerprint(event)
    if event.id in batch.held:
        held_digest, seq = batch.held[event.id]
        if held_digest == digest:
            return PushResult(id=event.id, outcome=Outcome.DUPLICATE, server_seq=seq)
        if (event.id, digest) not in batch.known_conflicts:
            batch.known_conflicts.add((event.id, digest))
            content = json.dumps(
                {k: v for k, v in data.items() if k != "payload_text"}, ensure_ascii=False
            )
            batch.conflicts.append(
                Conflict(
                    event_id=event.id,
                    device_id=event.device_id,
                    content_hash=digest,
                    content=content,
                    received_at=received_at,
                )
            )
        return PushResult(
            id=event.id, outcome=Outcome.CONFLICT, reason="this id is stored with other content"
        )
    if event.device_seq in batch.seqs_taken:
        other = batch.seqs_taken[event.device_seq]
        reason = f"device_seq {event.device_seq} already numbers event {other}"
        return PushResult(id=event.id, outcome=Outcome.REJECTED, reason=reason)
    batch.next_seq += 1
    batch.held[event.id] = (digest, batch.next_seq)
    batch.seqs_taken[event.device_seq] = event.id
    chain_hash = chain.link_of(event, data["payload_text"])
    batch.rows.append(_row(batch.next_seq, digest, data, chain_hash))
    return PushResult(id=event.id, outcome=Outcome.APPLIED, server_seq=batch.next_seq)


def push(
    session: Session,
    *,
    device: AuthDevice,
    items: Sequence[PushItem],
    training_refused: bool,
    clock: ServerClock,
) -> PushResponse:
    """Store what may be stored and answer each item; the caller commits. The device's
    hash chain is checked on the way (sync.server.services.chain): a break is recorded,
    never a reason to refuse.

    ``training_refused``: the push is training data and this is a production server.
    """
    scope = orgunits.scope_codes(session, device.org_unit_code)
    refusals = [_refusal(item, device, scope, training_refused) for item in items]
    accepted = [i for i, r in zip(items, refusals, strict=True) if not r]
    events = [i for i in accepted if isinstance(i, WireEvent)]
    state = eventlog.lock_state(session)  # held to commit: seqs are given out in order
    batch = _load(session, device.id, events, state.last_seq)
    received_at = dt.datetime.now(dt.UTC)
    results = []
    for item, refusal in zip(items, refusals, strict=True):
        if refusal or not isinstance(item, WireEvent):
            results.append(PushResult(id=item.id, outcome=Outcome.REJECTED, reason=refusal))
        else:
            results.append(_decide(batch, item, received_at))
    eventlog.insert_events(session, batch.rows, received_at=received_at)
    session.add_all(batch.conflicts)
    # Flagged, never refused: the events are stored and answered as applied.
    chain.check(session, device=device, rows=batch.rows, stored=batch.links, now=received_at)
    state.last_seq = batch.next_seq
    suspect = clock.observe_all(row["hlc"] for row in batch.rows)
    if suspect:
        log.warning("device %s: %d events with a clock far ahead or unreadable", device.id, suspect)
    state.last_hlc = clock.now()
    return PushResponse(results=results, server_hlc=state.last_hlc)
