"""The laptop's side of sync, in the store: enrollment, what waits in the outbox, the
pull cursor, the scope checksum and the sync log. Each function works in the caller's
session; the sync session (sync.session) opens one unit of work per step, so a page and
its cursor, or an answer and its outbox rows, commit together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import delete, func, literal_column, select
from sqlalchemy.orm import Session

from casework import events
from casework.models import (
    Attachment,
    Case,
    CaseEvent,
    OutboxEntry,
    Pulled,
    SyncLogEntry,
    SyncState,
    Upload,
)


@dataclasses.dataclass(frozen=True)
class Enrollment:
    """Where this laptop syncs, with which token, as what."""

    server_url: str
    token: str
    role: str
    cursor: int
    last_sync_at: dt.datetime | None
    last_error: str


def enrollment(session: Session) -> Enrollment | None:
    """The laptop's enrollment, or None before it is enrolled."""
    state = session.get(SyncState, 1)
    if state is None:
        return None
    return Enrollment(
        state.server_url, state.device_token, state.role, state.cursor, state.last_sync_at,
        state.last_error,
    )  # fmt: skip


def enroll(session: Session, *, server_url: str, token: str, role: str, now: dt.datetime) -> None:
    """Keep a new enrollment; pulls start again from the beginning of the scope."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1)
        session.add(state)
    state.server_url, state.device_token, state.role = server_url, token, role
    state.enrolled_at, state.cursor, state.last_sync_at, state.last_error = now, 0, None, ""
    session.execute(delete(Pulled))


WIRE_FIELDS = (
    "id", "device_id", "device_seq", "hlc", "case_id", "org_unit_code", "author_id",
    "author_name", "type", "payload", "schema_version", "recorded_at", "prev_hash",
)  # fmt: skip
_COLUMNS = (
    CaseEvent.id, CaseEvent.device_id, CaseEvent.device_seq, CaseEvent.hlc, CaseEvent.case_id,
    Case.org_unit_code, CaseEvent.author_id, CaseEvent.author_name, CaseEvent.type,
    CaseEvent.payload, CaseEvent.schema_version, CaseEvent.recorded_at, CaseEvent.prev_hash,
)  # fmt: skip


def pending(
    session: Session, limit: int, skip: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """The oldest events still waiting for the server, as wire dicts (WireEvent fields);
    ``skip``: ids the server refused in this session (they wait for the next one)."""
    # In outbox order (the order events were made): read from the outbox's own end, not
    # by sorting every event the laptop ever recorded.
    query = (
        select(*_COLUMNS)
        .select_from(OutboxEntry)
        .join(CaseEvent, CaseEvent.id == OutboxEntry.event_id)
        .outerjoin(Case, Case.id == CaseEvent.case_id)
        .order_by(literal_column("outbox.rowid"))
        .limit(limit)
    )
    if skip:
        query = query.where(CaseEvent.id.not_in(skip))
    return [_wire(row) for row in session.execute(query)]


def _wire(row: Any) -> dict[str, Any]:
    # A visit without a case belongs to the unit it was made in (its payload says which).
    wire = dict(zip(WIRE_FIELDS, row, strict=True))
    wire["org_unit_code"] = wire["org_unit_code"] or str(wire["payload"].get("org_unit_code") or "")
    return wire


def waiting(session: Session) -> int:
    """How many events wait for the server."""
    return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def acknowledge(session: Session, event_ids: list[str]) -> None:
    """The server answered for these events: they leave the outbox (never before)."""
    if event_ids:
        session.execute(delete(OutboxEntry).where(OutboxEntry.event_id.in_(event_ids)))


def set_cursor(session: Session, cursor: int) -> None:
    """Where the next pull starts; stored in the transaction that applied the page."""
    state = session.get(SyncState, 1)
    if state is None:
        raise LookupError("this laptop is not enrolled")
    state.cursor = cursor


def local_checksum(session: Session, up_to: int) -> tuple[int, int]:
    """(count, sum of server_seq) of what was pulled up to ``up_to``: the server's
    checksum of the scope must say the same."""
    count, total = session.execute(
        select(func.count(), func.coalesce(func.sum(Pulled.server_seq), 0)).where(
            Pulled.server_seq <= up_to
        )
    ).one()
    return int(count), int(total)


def forget_pulls(session: Session) -> None:
    """Diverged from the server: pull the whole scope again. The outbox is untouched and
    events already held are recognised by id, so nothing is lost or doubled."""
    session.execute(delete(Pulled))
    set_cursor(session, 0)


def finish(
    session: Session,
    *,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    counts: tuple[int, int, int],
    outcome: str,
    message: str = "",
) -> None:
    """Write the sync log entry and, when it went well, the time of the last good sync."""
    pushed, acknowledged, pulled = counts
    session.add(
        SyncLogEntry(
            started_at=started_at, finished_at=finished_at, pushed=pushed,
            acknowledged=acknowledged, pulled=pulled, outcome=outcome, message=message,
        )
    )  # fmt: skip
    state = session.get(SyncState, 1)
    if state is not None:
        state.last_error = "" if outcome == "ok" else message
        if outcome == "ok":
            state.last_sync_at = finished_at


@dataclasses.dataclass(frozen=True)
class LogLine:
    """One sync session, for the sync log a person reads."""

    started_at: dt.datetime
    finished_at: dt.datetime | None
    pushed: int
    acknowledged: int
    pulled: int
    outcome: str
    message: str


def log_lines(session: Session, limit: int = 50) -> list[LogLine]:
    """The latest sync sessions, newest first."""
    rows = session.scalars(select(SyncLogEntry).order_by(SyncLogEntry.id.desc()).limit(limit))
    return [
        LogLine(r.started_at, r.finished_at, r.pushed, r.acknowledged, r.pulled, r.outcome,
                r.message)
        for r in rows
    ]  # fmt: skip


def observe_clock(session: Session, remote: str) -> None:
    """Advance this laptop's hybrid clock past the server's: a laptop whose wall clock
    is a year slow still orders its next events after what it has seen."""
    events.observe(session, [remote])


def files_to_upload(session: Session) -> list[str]:
    """sha256 of the attachments the server does not hold whole yet."""
    uploaded = select(Upload.sha256)
    return list(
        session.scalars(
            select(Attachment.sha256).where(Attachment.sha256.not_in(uploaded)).distinct()
        )
    )


def uploaded(session: Session, sha256: str, now: dt.datetime) -> None:
    """The server holds this file whole: it is not sent again."""
    if session.get(Upload, sha256) is None:
        session.add(Upload(sha256=sha256, uploaded_at=now))
