"""The wire protocol between a village or town laptop and the town server: one schema
module for both ends (DESIGN.md §4).

Every request carries the protocol version in the ``Outpost-Protocol`` header; every
event carries the schema version it was written under. Bodies are JSON, sent
gzip-compressed (``Content-Encoding: gzip``) when large; the server caps what a body may
decompress to and answers 413 above it. Errors are JSON ``ErrorBody`` with a code a
client can act on, never a bare status.

Endpoints (all under ``/v1``):

- ``POST /v1/enroll`` (no token): EnrollRequest → EnrollResponse. The one-time code is
  consumed; the token is shown once and kept only as a hash on the server.
- ``POST /v1/push`` (token): PushRequest → PushResponse, one answer per event.
- ``GET /v1/pull?cursor=N&limit=M`` (token): PullResponse, the events of the device's
  scope with ``server_seq`` > N, up to the committed watermark, in ``server_seq`` order.
- ``GET /v1/ping`` (no token): Ping, for the link probe.
- Attachments: ``PUT /v1/attachments/{sha256}?offset=N&total=T`` (token) appends a chunk
  and answers AttachmentStatus; ``GET /v1/attachments/{sha256}`` answers how much the server
  holds, so an upload cut at any byte resumes where it stopped. ``total`` (optional: the
  whole file's size) lets the server tell a file whose bytes hash to something else once
  they are all in (422 hash_mismatch, the partial file discarded); without it a file is
  complete as soon as its bytes hash to its name.
- ``GET /v1/accounts`` (token): AccountsResponse, the workers' accounts of the device's
  unit and the units below it, each with its argon2id hash (never a password).
- ``POST /v1/accounts/{id}/password`` (token): PasswordChange → AccountWire, a worker's own
  change made on a laptop; 409 when the administrator set a newer password since, 403
  for a disabled account, 404 for one outside the device's scope.

Each device's events form a hash chain (``prev_hash``, casework.chain); the server
checks it on push and records a gap or an altered event for the town to see. Requests
over a device's rate get 429 with ``Retry-After``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
# The server serves the current client and the one before it; older ones are told in
# words to update (error ``client_too_old``), never served wrongly.
OLDEST_SUPPORTED_VERSION = 1
PROTOCOL_HEADER = "Outpost-Protocol"
TRAINING_HEADER = "Outpost-Training"

MAX_EVENTS_PER_PUSH = 500
MAX_BODY_BYTES = 8 * 1024 * 1024  # decompressed; larger bodies get 413
PULL_PAGE = 1000
MAX_CHUNK_BYTES = 1024 * 1024

_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_SHA256 = r"^[0-9a-f]{64}$"


class _Wire(BaseModel):
    # Unknown fields from a newer peer are kept, not refused: a server stores event
    # kinds it does not know rather than dropping them.
    model_config = ConfigDict(extra="ignore", frozen=True)


class WireEvent(_Wire):
    """One immutable event as it travels (casework.models.CaseEvent plus its unit)."""

    id: str = Field(pattern=_ID)
    device_id: str = Field(pattern=_ID)
    device_seq: int = Field(ge=1)
    hlc: str = Field(min_length=1, max_length=32)
    case_id: str | None = Field(default=None, pattern=_ID)
    # The org unit the event belongs to: the case's village (a standalone visit's own).
    org_unit_code: str = Field(min_length=1, max_length=32)
    author_id: str = Field(min_length=1, max_length=36)
    author_name: str = Field(max_length=50)
    type: str = Field(min_length=1, max_length=40)
    payload: dict[str, Any]
    schema_version: int = Field(ge=1)
    recorded_at: dt.datetime
    # The link of the device's previous event in its hash chain (casework.chain); ""
    # where the chain starts, None from a client older than the chain.
    prev_hash: str | None = Field(default=None, max_length=64)


class PulledEvent(WireEvent):
    """An event as the server holds it: numbered, and stamped when it arrived."""

    server_seq: int = Field(ge=1)
    received_at: dt.datetime


class Outcome(enum.StrEnum):
    """The server's answer for one pushed event."""

    APPLIED = "applied"  # new, stored
    DUPLICATE = "duplicate"  # the same id with the same content was stored before
    CONFLICT = "conflict"  # the same id with other content: kept out, shown to a person
    REJECTED = "rejected"  # not this device's to send (another unit, another author)


class PushRequest(_Wire):
    """Events from the outbox, oldest first."""

    events: list[WireEvent] = Field(max_length=MAX_EVENTS_PER_PUSH)


class PushResult(_Wire):
    """The answer for one event; the client drops its outbox row only on one of these."""

    id: str
    outcome: Outcome
    server_seq: int | None = None
    reason: str = ""


class PushResponse(_Wire):
    """One result per pushed event, in the order sent, and the server's clock."""

    results: list[PushResult]
    server_hlc: str


class PullResponse(_Wire):
    """A page of the device's scope after ``cursor``.

    ``next_cursor`` is where the next pull starts (store it with the page, in one
    transaction). ``more`` says whether another page waits. ``checksum`` covers every
    event of the scope up to ``next_cursor``: "count:sum of server_seq"; a client that
    holds something else has diverged and pulls again from 0, keeping its outbox.
    ``cursor_expired`` asks for that full re-pull outright.
    """

    events: list[PulledEvent]
    next_cursor: int = Field(ge=0)
    more: bool
    checksum: str
    server_hlc: str
    cursor_expired: bool = False


class DeviceRole(enum.StrEnum):
    """What a device is enrolled as, from the level of its org unit."""

    VILLAGE = "village"
    TOWN = "town"
    DISTRICT = "district"


class EnrollRequest(_Wire):
    """A laptop enrolling with the one-time code a trainer or administrator gave it."""

    code: str = Field(min_length=4, max_length=64)
    device_id: str = Field(pattern=_ID)
    device_name: str = Field(default="", max_length=100)
    training: bool = False


class OrgUnitWire(_Wire):
    """An org unit of the device's scope, so a fresh laptop knows its tree."""

    code: str
    name: str
    level: str
    parent_code: str | None = None


class EnrollResponse(_Wire):
    """The device's token (shown once) and where it belongs."""

    token: str
    device_id: str
    org_unit_code: str
    org_unit_name: str
    role: DeviceRole
    units: list[OrgUnitWire]
    server_hlc: str


class AccountWire(_Wire):
    """A worker's account as a laptop of its unit receives it (argon2id PHC hash only)."""

    id: str = Field(pattern=_ID)
    login: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=50)
    org_unit_code: str = Field(min_length=1, max_length=32)
    password_hash: str = Field(min_length=1, max_length=200)
    disabled: bool
    password_changed_at: dt.datetime


class AccountsResponse(_Wire):
    """Every account of the device's unit (and the units below it)."""

    accounts: list[AccountWire]


class PasswordChange(_Wire):
    """A worker's own password change, made on a laptop (perhaps offline, days ago)."""

    password_hash: str = Field(min_length=1, max_length=200, pattern=r"^\$argon2id\$")
    changed_at: dt.datetime


class Ping(_Wire):
    """The probe's answer: the server is there, and which protocol it speaks."""

    protocol: int = PROTOCOL_VERSION
    oldest_supported: int = OLDEST_SUPPORTED_VERSION
    server_time: dt.datetime


class AttachmentStatus(_Wire):
    """How much of a file the server holds, and whether it is whole and checked."""

    sha256: str = Field(pattern=_SHA256)
    received: int = Field(ge=0)
    complete: bool


class ErrorCode(enum.StrEnum):
    """What went wrong, for the client to act on (and word in Chinese)."""

    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"  # no token, an unknown one, or a revoked one
    CLIENT_TOO_OLD = "client_too_old"
    BAD_CODE = "bad_enrollment_code"  # unknown, used or expired
    TOO_LARGE = "too_large"
    TRAINING_REFUSED = "training_refused"
    HASH_MISMATCH = "hash_mismatch"
    OFFSET_MISMATCH = "offset_mismatch"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"


class ErrorBody(_Wire):
    """Every 4xx answer: a code and an English sentence for the log."""

    error: ErrorCode
    message: str
    detail: dict[str, Any] = Field(default_factory=dict)


def checksum(count: int, seq_sum: int) -> str:
    """The scope checksum both ends compute: how many events, and the sum of their
    numbers (a skipped row changes it even when another was received twice)."""
    return f"{count}:{seq_sum}"
