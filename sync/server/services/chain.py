"""Checking each device's hash chain (casework.chain) as its events arrive.

Every chained event carries the link of its device's previous event. On push, each newly
stored event is compared with the event before it (in the same batch or stored), and a
late event with the one after it. What does not fit is recorded as a ChainBreak and in
the audit log, and logged; the events are stored and answered all the same, so nothing
is lost and the town sees the flag instead of a silent accept:

- ``gap``: the event before is missing (deleted on the laptop, or not pushed yet). The
  gap closes (``resolved_at``) when the missing event arrives and links up on both sides.
- ``altered``: the event's ``prev_hash`` is not the link of the event before as it was
  received: that one (or this link) was altered or replaced after it was made.
- ``restart``: the event starts a new chain although the event before was chained (the
  laptop's store was replaced, or restored from an older copy).

Events without a ``prev_hash`` (clients older than the chain) are stored unchecked; the
first chained event after them starts the chain with "".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import chain
from sync.protocol import WireEvent
from sync.server.models import ChainBreak
from sync.server.services import audit
from sync.server.services.devices import AuthDevice

log = logging.getLogger("outpost.server.chain")


class Kind(enum.StrEnum):
    """What is wrong at one place of a device's chain."""

    GAP = "gap"
    ALTERED = "altered"
    RESTART = "restart"


@dataclasses.dataclass(frozen=True, slots=True)
class Link:
    """An event's place in its device's chain: the link it carries and its own."""

    event_id: str
    prev_hash: str | None
    chain_hash: str | None


def link_of(event: WireEvent, payload_text: str) -> str | None:
    """The event's own link; None for an event older than the chain (or one whose time
    is no instant in UTC: nothing can link to it, and the event after it is flagged)."""
    if event.prev_hash is None:
        return None
    try:
        return chain.link(
            event.prev_hash, id=event.id, device_id=event.device_id,
            device_seq=event.device_seq, hlc=event.hlc, case_id=event.case_id,
            author_id=event.author_id, author_name=event.author_name, type=event.type,
            schema_version=event.schema_version, recorded_at=event.recorded_at,
            payload_text=payload_text,
        )  # fmt: skip
    except OverflowError:  # a year-1 time with an offset, say: not a real laptop's
        return None


def _flaw(before: Link | None, seq: int, prev_hash: str) -> tuple[Kind, str] | None:
    """What is wrong between event ``seq`` (carrying ``prev_hash``) and ``before``, the
    device's event ``seq - 1`` (None: not held); None when they link up."""
    if seq == 1:  # a device's first event has nothing before it
        if prev_hash == chain.START:
            return None
        return Kind.ALTERED, "event 1 is the device's first but links to an earlier event"
    if before is None:
        return Kind.GAP, (
            f"event {seq - 1} is missing before event {seq}: deleted on the laptop, or "
            "not pushed yet"
        )
    if prev_hash == before.chain_hash:
        return None
    if prev_hash == chain.START:
        if before.chain_hash is None:  # the chain starts after events older than it
            return None
        return Kind.RESTART, (
            f"event {seq} starts a new chain after the chained event {seq - 1}: the "
            "laptop's store may have been replaced or restored from an older copy"
        )
    return Kind.ALTERED, (
        f"event {seq} does not link to event {seq - 1} ({before.event_id}) as received: "
        f"event {seq - 1} looks altered or replaced since it was made"
    )


@dataclasses.dataclass
class _Findings:
    """What one push found in a device's chain."""

    breaks: list[tuple[int, Link, Kind, str]] = dataclasses.field(default_factory=list)
    healed: list[int] = dataclasses.field(default_factory=list)  # seqs whose gap closes


def _find(new: Mapping[int, Link], stored: Mapping[int, Link]) -> _Findings:
    found = _Findings()
    for seq, event in new.items():
        own = None
        if event.prev_hash is not None:
            before = new.get(seq - 1) or stored.get(seq - 1)
            own = _flaw(before, seq, event.prev_hash)
            if own is not None:
                found.breaks.append((seq, event, *own))
        # A late event: the one after it came before it (it is in this batch: checked above).
        after = stored.get(seq + 1)
        if after is None or after.prev_hash is None:
            continue
        late = _flaw(event, seq + 1, after.prev_hash)
        if late is not None:
            found.breaks.append((seq + 1, after, *late))
        elif own is None or own[0] is Kind.GAP:  # a gap before it is its own, closed in turn
            found.healed.append(seq + 1)
    return found


def check(
    session: Session,
    *,
    device: AuthDevice,
    rows: Iterable[Mapping[str, Any]],
    stored: Mapping[int, Link],
    now: dt.datetime,
) -> int:
    """Check the device's newly stored event ``rows`` (events table rows) against
    ``stored``, the device's events held before this push with a device_seq next to or
    among theirs; record what does not fit, close the gaps the rows fill. In the
    caller's transaction; returns how many breaks were found."""
    new = {r["device_seq"]: Link(r["id"], r["prev_hash"], r["chain_hash"]) for r in rows}
    found = _find(new, stored)
    for seq, event, kind, detail in found.breaks:
        _record(session, device, seq, event, kind, detail, now)
    if found.healed:
        _close_gaps(session, device, found.healed, now)
    return len(found.breaks)


def _record(
    session: Session,
    device: AuthDevice,
    seq: int,
    event: Link,
    kind: Kind,
    detail: str,
    now: dt.datetime,
) -> None:
    session.add(
        ChainBreak(
            device_id=device.id, event_id=event.event_id, device_seq=seq, kind=kind.value,
            detail=detail, found_at=now,
        )
    )  # fmt: skip
    audit.record(
        session, action="chain_break", actor=f"device {device.id}", device_id=device.id,
        org_unit_code=device.org_unit_code, detail=f"{kind.value}: {detail}",
    )  # fmt: skip
    log.warning("device %s: chain %s at event %d (%s): %s", device.id, kind.value, seq,
                event.event_id, detail)  # fmt: skip


def _close_gaps(session: Session, device: AuthDevice, seqs: list[int], now: dt.datetime) -> None:
    open_gaps = session.scalars(
        select(ChainBreak).where(
            ChainBreak.device_id == device.id,
            ChainBreak.kind == Kind.GAP.value,
            ChainBreak.resolved_at.is_(None),
            ChainBreak.device_seq.in_(seqs),
        )
    )
    for gap in open_gaps:
        gap.resolved_at = now
        detail = f"gap before event {gap.device_seq} closed: the missing event arrived and links up"
        audit.record(
            session, action="chain_gap_closed", actor=f"device {device.id}",
            device_id=device.id, org_unit_code=device.org_unit_code, detail=detail,
        )  # fmt: skip
        log.info("device %s: %s", device.id, detail)


def breaks(session: Session, *, limit: int = 100) -> list[ChainBreak]:
    """The chain breaks found, newest first."""
    return list(session.scalars(select(ChainBreak).order_by(ChainBreak.id.desc()).limit(limit)))
