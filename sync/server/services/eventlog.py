"""Writing events to the store in batches, and the watermark they are numbered under."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from sync.server.models import Event, ServerState

COLUMNS = (
    "server_seq",
    "id",
    "device_id",
    "device_seq",
    "hlc",
    "case_id",
    "org_unit_code",
    "author_id",
    "author_name",
    "type",
    "payload",
    "schema_version",
    "recorded_at",
    "content_hash",
    "prev_hash",
    "chain_hash",
)
_PG_TYPES = {"server_seq": "bigint", "device_seq": "bigint", "schema_version": "integer"}

# One statement for a whole batch on PostgreSQL: a column array per field, unnested.
_UNNEST = text(
    f"INSERT INTO events ({', '.join(COLUMNS)}, received_at) "
    f"SELECT {', '.join('t.' + c for c in COLUMNS)}, :received_at FROM unnest("
    + ", ".join(f"CAST(:{c} AS {_PG_TYPES.get(c, 'text')}[])" for c in COLUMNS)
    + f") AS t({', '.join(COLUMNS)})"
)


def lock_state(session: Session) -> ServerState:
    """The state row, locked until commit: pushes take their numbers one after another."""
    state = session.get(ServerState, 1, with_for_update=True)
    if state is None:
        raise RuntimeError("the server store has no state row: run `outpost-server init`")
    return state


def watermark(session: Session) -> int:
    """The highest committed ``server_seq``: every event at or below it is visible."""
    return int(session.scalar(select(ServerState.last_seq).where(ServerState.id == 1)) or 0)


def insert_events(
    session: Session, rows: Sequence[dict[str, Any]], *, received_at: dt.datetime
) -> None:
    """Insert numbered event rows (dicts of COLUMNS) in one round trip per batch."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        params: dict[str, Any] = {c: [row[c] for row in rows] for c in COLUMNS}
        params["received_at"] = received_at.astimezone(dt.UTC).replace(tzinfo=None)
        session.execute(_UNNEST, params)
    else:  # the driver's executemany: one prepared statement, many parameter sets
        session.execute(insert(Event), [{**row, "received_at": received_at} for row in rows])
