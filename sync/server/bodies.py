"""Request bodies: read with a cap, gunzipped with a cap, parsed without a 500."""

from __future__ import annotations

import json
import zlib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect, Request

from sync.protocol import MAX_EVENTS_PER_PUSH, ErrorCode, PushRequest, WireEvent
from sync.server.errors import ApiError, bad_request, too_large
from sync.server.services.push import PushItem, Unreadable

Model = TypeVar("Model", bound=BaseModel)

# An oversized body is still read (and dropped) up to this much, so the client sees the
# 413 instead of a connection torn down under its upload; past it, the answer goes anyway.
DRAIN_LIMIT = 64 * 1024 * 1024


async def _raw(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_LIMIT:
        raise too_large("The request body is larger than the server accepts.", cap)
    parts: list[bytes] = []
    size = 0
    try:
        async for part in request.stream():
            size += len(part)
            if size > DRAIN_LIMIT:
                break
            if size <= cap:
                parts.append(part)
    except ClientDisconnect:
        # A link cut mid-upload is normal out there: nothing was applied, the client
        # sends again. No one is left to read this answer; it only ends the request.
        raise bad_request("The connection closed before the body was complete.") from None
    if size > cap:
        raise too_large("The request body is larger than the server accepts.", cap)
    return b"".join(parts)


def _gunzip(data: bytes, cap: int) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, cap + 1)
    except zlib.error as exc:
        raise bad_request(f"The body is not valid gzip: {exc}.") from None
    if len(out) > cap or inflater.unconsumed_tail:
        raise too_large("The request body decompresses to more than the server accepts.", cap)
    if not inflater.eof or inflater.unused_data:
        raise bad_request("The gzip body is cut short or has bytes after its end.")
    return out


async def read_body(request: Request, cap: int) -> bytes:
    """The body's bytes, decompressed if sent gzip; 413 past ``cap``, 400 if broken."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise bad_request(f"Content-Encoding {encoding!r} is not accepted; use gzip.")
    data = await _raw(request, cap)
    return _gunzip(data, cap) if encoding == "gzip" else data


def _problems(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": [str(p) for p in err["loc"]], "msg": err["msg"]}
        for err in exc.errors(include_url=False, include_input=False)[:10]
    ]


def parse(model: type[Model], data: bytes) -> Model:
    """The body as ``model``; 400 with the first problems when it is not."""
    try:
        return model.model_validate_json(data)
    except ValidationError as exc:
        problems = _problems(exc)
        raise bad_request("The body is not what this endpoint takes.", problems=problems) from None


def push_items(data: bytes) -> list[PushItem]:
    """A push body's events; an item that is not a valid event is kept as Unreadable,
    so one bad event is refused on its own instead of blocking the outbox behind it."""
    try:
        return list(PushRequest.model_validate_json(data).events)
    except ValidationError:
        pass
    try:
        envelope = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise bad_request("The body is not valid JSON.") from None
    items = envelope.get("events") if isinstance(envelope, dict) else None
    if not isinstance(items, list):
        raise bad_request("A push body is an object with a list of events.")
    if len(items) > MAX_EVENTS_PER_PUSH:
        raise ApiError(
            413,
            ErrorCode.TOO_LARGE,
            f"A push carries at most {MAX_EVENTS_PER_PUSH} events.",
            {"limit": MAX_EVENTS_PER_PUSH},
        )
    return [_item(raw) for raw in items]


def _item(raw: Any) -> PushItem:
    try:
        return WireEvent.model_validate(raw)
    except ValidationError as exc:
        given = raw.get("id") if isinstance(raw, dict) else None
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        return Unreadable(str(given or ""), f"not a valid event: {where}: {first['msg']}")
