"""Appending events: every change to a case is written here, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import chain
from casework.hlc import HybridClock, Timestamp
from casework.models import CaseEvent, Device, OutboxEntry, Worker
from casework.rows import Identity

SCHEMA_VERSION = 1


class EventType(enum.StrEnum):
    """Kinds of case event this version writes."""

    CASE_RECORDED = "case.recorded"
    STATUS_CHANGED = "case.status_changed"
    INTAKE_ANSWERED = "case.intake_answered"
    INTAKE_EVALUATED = "case.intake_evaluated"
    STEP_COMPLETED = "case.step_completed"
    ATTACHMENT_ADDED = "case.attachment_added"
    VISIT_LOGGED = "visit.logged"
    VISIT_LINKED = "visit.linked"
    CONFLICT_SETTLED = "case.conflict_settled"
    ESCALATION_RAISED = "escalation.raised"  # 上报 (a village's, or a town's to the district)
    ESCALATION_RECEIVED = "escalation.received"  # the desk's delivery receipt
    ESCALATION_ACCEPTED = "escalation.accepted"  # 接单
    ESCALATION_DISPATCHED = "escalation.dispatched"  # 派单
    ESCALATION_NOTED = "escalation.noted"  # 办理记录, 联合会诊
    ESCALATION_CLOSED = "escalation.closed"  # 结单
    ESCALATION_RETURNED = "escalation.returned"  # 退回
    DIRECTORY_SET = "directory.entry_set"  # the town's directory, written by the server
    PERSONAL_DATA_SHOWN = "case.personal_data_shown"  # a worker unmasked an ID number or phone


class NoIdentity(RuntimeError):
    """The laptop has no device or worker yet: first-run setup has not been done."""


def _device_and_worker(session: Session) -> tuple[Device, Worker]:
    device = session.query(Device).one_or_none()
    if device is None or device.current_worker_id is None:
        raise NoIdentity("this laptop has not been set up with a worker and a village")
    worker = session.get(Worker, device.current_worker_id)
    if worker is None:
        raise NoIdentity("the current worker is missing")
    return device, worker


def current_identity(session: Session) -> Identity:
    """Who is working now, for rows that name their author and village."""
    device, worker = _device_and_worker(session)
    return Identity(worker.id, worker.name, device.id, device.org_unit_code, "")


def append(
    session: Session,
    *,
    case_id: str | None,
    type: EventType,
    payload: dict[str, Any],
    at: dt.datetime | None = None,
) -> CaseEvent:
    """Append one event by this device's current worker, and queue it for the server.

    The device's sequence number, clock and hash chain (casework.chain: the event
    carries the link of the device's previous event, and its own link becomes the
    device's ``chain_head``) advance in the same transaction, so a rolled-back change
    leaves no gap, no orphan event and the chain as it was. ``at`` is the wall time shown
    to people (default: now); ordering uses the hybrid clock, never ``at``.
    """
    device, worker = _device_and_worker(session)
    clock = HybridClock(Timestamp.decode(device.last_hlc))
    stamp = clock.tick()
    device.last_seq += 1
    device.last_hlc = stamp.encode()
    now = dt.datetime.now(dt.UTC)
    event = CaseEvent(
        id=str(uuid.uuid4()),
        case_id=case_id,
        device_id=device.id,
        device_seq=device.last_seq,
        hlc=stamp.encode(),
        author_id=worker.id,
        author_name=worker.name,
        type=type.value,
        payload=payload,
        schema_version=SCHEMA_VERSION,
        recorded_at=at or now,
        prev_hash=device.chain_head,
    )
    device.chain_head = _link(event)
    session.add(event)
    session.add(OutboxEntry(event_id=event.id, enqueued_at=now))
    return event


def _link(event: CaseEvent) -> str:
    return chain.link(
        event.prev_hash or chain.START, id=event.id, device_id=event.device_id,
        device_seq=event.device_seq, hlc=event.hlc, case_id=event.case_id,
        author_id=event.author_id, author_name=event.author_name, type=event.type,
        schema_version=event.schema_version, recorded_at=event.recorded_at,
        payload_text=chain.payload_text(event.payload),
    )  # fmt: skip


def observe(session: Session, stamps: Iterable[str]) -> None:
    """Advance this device's clock past hybrid clock stamps made elsewhere (pulled events,
    the server's clock), so that the next local event orders after all of them.

    A stamp behind the clock changes nothing, so a page applied twice leaves the clock as
    once; a malformed stamp is skipped (its event still sorts by its text).
    """
    device = session.scalars(select(Device)).one_or_none()
    if device is None:
        return
    seen = []
    for stamp in stamps:
        try:
            seen.append(Timestamp.decode(stamp))
        except ValueError:
            continue
    last = Timestamp.decode(device.last_hlc)
    if seen and max(seen) > last:
        device.last_hlc = HybridClock(last).observe(max(seen)).encode()
