"""Each device's events form a hash chain: every event carries the link of the device's
previous event (``prev_hash``), so that the town server can tell a gap, an altered or a
replaced event from an intact log. This module is the one definition of a link, used
by the laptop when it appends and by the server when it checks a push.

A link is the lowercase hex SHA-256 of the UTF-8 bytes of::

    HEAD + "\\n" + payload_text

where HEAD is the compact JSON array (``json.dumps(..., separators=(",", ":"),
ensure_ascii=False)``) of, in this order::

    ["outpost-chain/1", prev_hash, id, device_id, device_seq, hlc, case_id,
     author_id, author_name, type, schema_version, recorded_at]

- ``prev_hash``: the previous event's link, "" where the device's chain starts;
- ``case_id``: a string, or JSON null for an event without a case;
- ``device_seq`` and ``schema_version``: JSON integers;
- ``recorded_at``: the instant in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six
  digits of microseconds; a naive time is taken as UTC, as the wire's are);
- ``payload_text``: the payload as ``json.dumps(payload, separators=(",", ":"),
  ensure_ascii=False)`` in its author's key order (``payload_text`` here).

JSON escapes every control character inside its strings, so the first newline ends
HEAD and no two different events encode alike. The org unit is routing, not content
(a case moves between units by events, not by rewriting them): it is left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pydantic_core import to_json

CHAIN_VERSION = "outpost-chain/1"
START = ""  # the prev_hash of the first event of a device's chain

# json.dumps with these settings, without building an encoder for every call.
_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def payload_text(payload: dict[str, Any]) -> str:
    """The payload as a link hashes it (and the server stores it)."""
    return _COMPACT(payload)


def instant(moment: dt.datetime) -> str:
    """``moment`` as a link writes it: UTC, microseconds, a Z (naive means UTC).

    Raises OverflowError for a time whose UTC instant falls outside years 1–9999."""
    offset = moment.utcoffset()
    if offset:
        moment -= offset
    # Field by field, %-formatted: half the time of isoformat on the server's aware
    # times, or of an f-string (the server computes one for every event it receives).
    m = moment
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031
        m.year, m.month, m.day, m.hour, m.minute, m.second, m.microsecond,
    )  # fmt: skip


def link(
    prev_hash: str,
    *,
    id: str,
    device_id: str,
    device_seq: int,
    hlc: str,
    case_id: str | None,
    author_id: str,
    author_name: str,
    type: str,
    schema_version: int,
    recorded_at: dt.datetime,
    payload_text: str,
) -> str:
    """The link of one event that follows ``prev_hash`` in its device's chain."""
    # The head holds strings, integers and None only, which pydantic's encoder writes
    # byte for byte as the compact json.dumps does, in a fraction of the time (the
    # server computes a link for every event it receives).
    head = to_json(
        [
            CHAIN_VERSION, prev_hash, id, device_id, device_seq, hlc, case_id, author_id,
            author_name, type, schema_version, instant(recorded_at),
        ]
    )  # fmt: skip
    return hashlib.sha256(head + b"\n" + payload_text.encode()).hexdigest()
