"""The towns' and the district's directory on the server, written as events of the unit
so that it syncs down to the unit's desks through the ordinary pull."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework import directory
from casework.events import SCHEMA_VERSION, EventType
from sync.server.clock import ServerClock
from sync.server.models import Event, OrgUnit
from sync.server.services import audit, eventlog
from sync.server.services.push import fingerprint

# The server's own device: the author of the events it writes itself.
SERVER_DEVICE = "00000000-0000-4000-8000-000000000001"
_DESK_LEVELS = {"town", "district"}


def _held(session: Session) -> dict[str, directory.Entry]:
    query = (
        select(Event.payload)
        .where(Event.type == EventType.DIRECTORY_SET.value)
        .order_by(Event.server_seq)
    )
    return directory.fold([json.loads(text) for text in session.scalars(query)])


def _check_units(session: Session, entries: list[directory.Entry]) -> None:
    codes = {e.unit for e in entries}
    units = {u.code: u for u in session.scalars(select(OrgUnit).where(OrgUnit.code.in_(codes)))}
    for code in sorted(codes):
        unit = units.get(code)
        if unit is None:
            raise directory.DirectoryError(f"unknown org unit {code}: import the org tree first")
        if unit.level not in _DESK_LEVELS:
            raise directory.DirectoryError(f"{code} is a {unit.level}: only towns and the "
                                           "district keep a directory")  # fmt: skip


def _event(seq: int, device_seq: int, hlc: str, entry: directory.Entry,
           actor: str) -> dict[str, Any]:  # fmt: skip
    from sync.protocol import WireEvent

    wire = WireEvent(
        id=str(uuid.uuid4()), device_id=SERVER_DEVICE, device_seq=device_seq, hlc=hlc,
        case_id=None, org_unit_code=entry.unit, author_id=SERVER_DEVICE,
        author_name=actor[:50], type=EventType.DIRECTORY_SET.value, payload=entry.payload(),
        schema_version=SCHEMA_VERSION, recorded_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    digest, data = fingerprint(wire)
    row = {c: data.get(c) for c in eventlog.COLUMNS}
    row.update(server_seq=seq, payload=data["payload_text"], content_hash=digest)
    return row


def set_entries(session: Session, entries: list[directory.Entry], *, actor: str) -> int:
    """Write an event for every entry that differs from the one held (a new entry, or a
    changed one); returns how many were written. The caller commits."""
    _check_units(session, entries)
    held = _held(session)
    changed = [e for e in entries if held.get(e.id) != e]
    if not changed:
        return 0
    state = eventlog.lock_state(session)  # numbered in order with the pushes
    clock = ServerClock(state.last_hlc)
    last = session.scalar(
        select(func.max(Event.device_seq)).where(Event.device_id == SERVER_DEVICE)
    )
    rows = [
        _event(state.last_seq + n, int(last or 0) + n, clock.now(), entry, actor)
        for n, entry in enumerate(changed, start=1)
    ]
    eventlog.insert_events(session, rows, received_at=dt.datetime.now(dt.UTC))
    state.last_seq += len(rows)
    state.last_hlc = clock.now()
    audit.record(session, action="directory", actor=actor, detail=f"{len(rows)} entries set")
    return len(rows)


def import_csv(session: Session, path: Path, *, actor: str) -> int:
    """Set the entries of a directory CSV; entries of its units missing from the file are
    set inactive (a department removed from the file leaves the desks' lists)."""
    entries = directory.load_csv(path)
    units = {e.unit for e in entries}
    listed = {e.id for e in entries}
    gone = [
        directory.Entry(e.id, e.unit, e.kind, e.name, e.team, e.phone, active=False)
        for e in _held(session).values()
        if e.unit in units and e.id not in listed and e.active
    ]
    return set_entries(session, entries + gone, actor=actor)


def listing(session: Session) -> list[directory.Entry]:
    """Every active entry, by unit."""
    active = [e for e in _held(session).values() if e.active]
    return sorted(active, key=lambda e: (e.unit, e.kind.value, e.name))
