"""Serving a device the events of its scope after a cursor, up to the watermark."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sync.protocol import PULL_PAGE, checksum
from sync.server.models import Event, OrgUnit
from sync.server.services import eventlog, orgunits
from sync.server.services.devices import AuthDevice

_FIELDS = (
    Event.server_seq,
    Event.id,
    Event.device_id,
    Event.device_seq,
    Event.hlc,
    Event.case_id,
    Event.org_unit_code,
    Event.author_id,
    Event.author_name,
    Event.type,
    Event.schema_version,
    Event.recorded_at,
    Event.received_at,
    Event.prev_hash,
    Event.payload,
)


def _in_scope(session: Session, device: AuthDevice) -> ColumnElement[bool] | None:
    """The filter of the device's scope; None when the scope is the whole tree."""
    codes = orgunits.scope_codes(session, device.org_unit_code)
    if len(codes) == session.scalar(select(func.count()).select_from(OrgUnit)):
        return None
    return Event.org_unit_code.in_(sorted(codes))


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _event_json(fields: dict[str, Any]) -> str:
    payload = fields.pop("payload")
    fields["received_at"] = _utc_text(fields["received_at"])
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    # The payload goes out as the very text that was hashed on arrival, unparsed.
    return f'{head[:-1]},"payload":{payload}}}'


def _answer(events: list[str], rest: dict[str, Any]) -> bytes:
    tail = json.dumps(rest, separators=(",", ":"))
    return f'{{"events":[{",".join(events)}],{tail[1:]}'.encode()


def pull(
    session: Session, *, device: AuthDevice, cursor: int, limit: int, server_hlc: str
) -> bytes:
    """The PullResponse JSON for one page: built by hand, since a page is the hot path."""
    top = eventlog.watermark(session)
    if cursor < 0 or cursor > top:
        # The store was restored or replaced, or the client is confused: start over.
        rest = {"next_cursor": 0, "more": True, "checksum": checksum(0, 0)}
        return _answer([], {**rest, "server_hlc": server_hlc, "cursor_expired": True})
    limit = max(1, min(limit, PULL_PAGE))
    scope = _in_scope(session, device)
    query = select(*_FIELDS).where(Event.server_seq > cursor, Event.server_seq <= top)
    if scope is not None:
        query = query.where(scope)
    rows = session.execute(query.order_by(Event.server_seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    # A last page ends at the watermark: the seqs of other units are skipped for good.
    next_cursor = rows[-1].server_seq if more else top
    total = select(func.count(), func.coalesce(func.sum(Event.server_seq), 0)).where(
        Event.server_seq <= next_cursor
    )
    count, seq_sum = session.execute(total if scope is None else total.where(scope)).one()
    rest = {
        "next_cursor": next_cursor,
        "more": more,
        "checksum": checksum(int(count), int(seq_sum)),
        "server_hlc": server_hlc,
        "cursor_expired": False,
    }
    return _answer([_event_json(row._asdict()) for row in rows], rest)
