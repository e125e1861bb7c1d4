"""The HTTP client of the town server (requests, no Qt): enrollment, push, pull, ping and
attachment upload, with timeouts, retries and the errors people are shown.

A timeout means "outcome unknown": the request is repeated with the same event ids,
which the server answers idempotently. A 429 (too many requests) is waited out as the
server's Retry-After says (capped) and retried within the same attempts: the server
refused before doing anything, and the outbox keeps every change meanwhile.
401/403/409/413/426 and other refusals are not retried; they raise SyncRefused carrying
the server's error code.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from sync import protocol
from sync.protocol import (
    AccountsResponse,
    AccountWire,
    AttachmentStatus,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ErrorCode,
    PasswordChange,
    Ping,
    PullResponse,
    PushRequest,
    PushResponse,
    WireEvent,
)

log = logging.getLogger("outpost.sync")

CONNECT_TIMEOUT_S = 3.05  # a link that is there answers fast
READ_TIMEOUT_S = 30.0  # a slow link may take long to carry a batch
GZIP_ABOVE_BYTES = 1024
# The longest a 429's Retry-After is obeyed for before trying again: a sync runs in the
# background, but a person may be waiting on its result.
RETRY_AFTER_CAP_S = 30.0
_Answer = TypeVar("_Answer", bound=BaseModel)


class SyncError(Exception):
    """Sync could not be done now; nothing is lost (the outbox keeps every change)."""


class Unreachable(SyncError):
    """No answer from the server (no link, DNS, TLS, timeouts after every retry)."""


class SyncRefused(SyncError):
    """The server answered with a refusal; ``code`` says which."""

    def __init__(self, status: int, code: ErrorCode | None, message: str) -> None:
        self.status = status
        self.code = code
        super().__init__(f"{status} {code.value if code else 'unknown'}: {message}")


class _Garbled(SyncError):
    """An answer that arrived cut or mangled (retried like a timeout)."""


class Backoff:
    """Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … up to ``cap``."""

    def __init__(self, attempts: int = 4, base_s: float = 0.5, cap_s: float = 8.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:  # fmt: skip
        self.attempts = attempts
        self.base_s = base_s
        self.cap_s = cap_s
        self._sleep = sleep

    def wait(self, attempt: int) -> None:
        """Sleep before retry number ``attempt`` (1 for the first retry)."""
        self._sleep(random.uniform(0, min(self.cap_s, self.base_s * 2 ** (attempt - 1))))

    def wait_as_told(self, retry_after_s: float | None, attempt: int) -> None:
        """Sleep as long as the server asked (capped), plus a little jitter so laptops
        told the same do not come back at the same instant; as ``wait`` if it did not say."""
        if retry_after_s is None:
            self.wait(attempt)
            return
        told = min(max(retry_after_s, 0.0), RETRY_AFTER_CAP_S)
        self._sleep(told + random.uniform(0, self.base_s / 2))


def _body(model: BaseModel) -> tuple[bytes, dict[str, str]]:
    raw = model.model_dump_json().encode("utf-8")
    if len(raw) <= GZIP_ABOVE_BYTES:
        return raw, {"Content-Type": "application/json"}
    return gzip.compress(raw, compresslevel=5), {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
    }


class PushBody:
    """Events checked and encoded for one push, ready to send: a sync session encodes the
    next batch while the one before it is on its way. An event that is not valid fails
    the push that would carry it, as if it were checked then."""

    def __init__(self, events: list[dict[str, Any]]) -> None:
        self._error: ValidationError | None = None
        self._encoded: tuple[bytes, dict[str, str]] = (b"", {})
        try:
            # Each event checked here; how many fit in one push is the server's to say (413).
            checked = [WireEvent.model_validate(e) for e in events]
        except ValidationError as error:
            self._error = error
        else:
            self._encoded = _body(PushRequest.model_construct(events=checked))

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        """The body and its headers; raises the ValidationError of an invalid event."""
        if self._error is not None:
            raise self._error
        data, headers = self._encoded
        return data, dict(headers)


class TownServer:
    """One town server, at ``base_url``; ``token`` once the laptop is enrolled.

    ``ca_cert``: a CA certificate file for a town server with its own certificate.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_cert: Path | None = None,
        training: bool = False,
        backoff: Backoff | None = None,
        http: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.backoff = backoff or Backoff()
        self.requests = 0  # how many HTTP requests this client made (for the log, bench)
        self._http = http or requests.Session()
        self._http.headers[protocol.PROTOCOL_HEADER] = str(protocol.PROTOCOL_VERSION)
        self._http.headers["Accept-Encoding"] = "gzip"
        if training:
            self._http.headers[protocol.TRAINING_HEADER] = "1"
        # Given on every request: a session-wide setting loses to REQUESTS_CA_BUNDLE.
        self._verify: str | bool = str(ca_cert) if ca_cert is not None else True

    def close(self) -> None:
        """Release the connections."""
        self._http.close()

    # -- the endpoints ---------------------------------------------------------------

    def ping(self) -> Ping:
        """Is the server there (one quick try: the probe runs again soon anyway)?"""
        return self._call("GET", "/v1/ping", Ping, retries=False)

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        """Enroll with a one-time code; the answer's token is kept by the caller."""
        return self._call("POST", "/v1/enroll", EnrollResponse, body=request)

    def push_body(self, events: list[dict[str, Any]]) -> PushBody:
        """Events (WireEvent fields) checked and encoded for ``push``."""
        return PushBody(events)

    def push(self, events: list[dict[str, Any]] | PushBody) -> PushResponse:
        """Send events (WireEvent fields, or encoded by ``push_body``); raises
        SyncRefused(413) when too large."""
        body = events if isinstance(events, PushBody) else self.push_body(events)
        return self._call("POST", "/v1/push", PushResponse, encoded=body.encoded())

    def pull(self, cursor: int, limit: int = protocol.PULL_PAGE) -> PullResponse:
        """The next page of the scope after ``cursor``."""
        return self._call(
            "GET", "/v1/pull", PullResponse, params={"cursor": cursor, "limit": limit}
        )

    def accounts(self) -> AccountsResponse:
        """The workers' accounts of this laptop's unit (and the units below it)."""
        return self._call("GET", "/v1/accounts", AccountsResponse)

    def change_password(self, account_id: str, change: PasswordChange) -> AccountWire:
        """Send a worker's own password change; answers the account as the server now
        holds it. SyncRefused 409 when the administrator set a newer password."""
        return self._call("POST", f"/v1/accounts/{account_id}/password", AccountWire, body=change)

    def attachment_status(self, sha256: str) -> AttachmentStatus:
        """How much of a file the server holds."""
        return self._call("GET", f"/v1/attachments/{sha256}", AttachmentStatus)

    def upload_attachment(self, sha256: str, path: Path) -> AttachmentStatus:
        """Send the file in chunks from what the server already holds (resumable)."""
        status = self.attachment_status(sha256)
        total = path.stat().st_size
        with path.open("rb") as source:
            while not status.complete:
                source.seek(status.received)
                chunk = source.read(protocol.MAX_CHUNK_BYTES)
                try:
                    status = self._call(
                        "PUT", f"/v1/attachments/{sha256}", AttachmentStatus, raw=chunk,
                        params={"offset": status.received, "total": total},
                    )  # fmt: skip
                except SyncRefused as refusal:
                    # A cut upload may have left part of a chunk there: ask how much.
                    if refusal.code is not ErrorCode.OFFSET_MISMATCH:
                        raise
                    status = self.attachment_status(sha256)
                    continue
                if not chunk and not status.complete:
                    raise SyncError(f"attachment {sha256} ended before the server had it all")
        return status

    # -- the plumbing ----------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        answer: type[_Answer],
        *,
        body: BaseModel | None = None,
        encoded: tuple[bytes, dict[str, str]] | None = None,
        raw: bytes | None = None,
        params: dict[str, Any] | None = None,
        retries: bool = True,
    ) -> _Answer:
        data, headers = _body(body) if body is not None else (raw, {})
        if encoded is not None:
            data, headers = encoded
        if raw is not None:
            headers = {"Content-Type": "application/octet-stream"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        attempts = self.backoff.attempts if retries else 1
        for attempt in range(1, attempts + 1):
            try:
                self.requests += 1
                response = self._http.request(
                    method, self.base_url + path, data=data, headers=headers, params=params,
                    timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S), verify=self._verify,
                )  # fmt: skip
            except requests.RequestException as exc:
                log.info("%s %s: no answer (%s), try %d of %d", method, path, exc, attempt,
                         attempts)  # fmt: skip
                if attempt == attempts:
                    raise Unreachable(str(exc)) from exc
                self.backoff.wait(attempt)
                continue
            if response.status_code == 429 and attempt < attempts:
                told = _retry_after(response)
                log.info("%s %s: rate limited, waiting %s s", method, path, told)
                self.backoff.wait_as_told(told, attempt)
                continue
            if response.status_code >= 500 and attempt < attempts:
                log.info("%s %s: server error %d, retrying", method, path, response.status_code)
                self.backoff.wait(attempt)
                continue
            try:
                return self._read(response, answer)
            except _Garbled as garbled:
                # A cut link can leave half an answer: the outcome is unknown, as after a
                # timeout; asking again is safe (the server answers by event id).
                log.info("%s %s: unreadable answer (%s), try %d of %d", method, path, garbled,
                         attempt, attempts)  # fmt: skip
                if attempt == attempts:
                    raise Unreachable(str(garbled)) from garbled
                self.backoff.wait(attempt)
        raise Unreachable(f"{method} {path}: no answer")  # not reached

    @staticmethod
    def _read(response: requests.Response, answer: type[_Answer]) -> _Answer:
        if response.status_code >= 400:
            raise _refusal(response)
        try:
            # Parsed and checked in one pass (a pull page is the hot path): no dicts first.
            return answer.model_validate_json(response.content)
        except (ValueError, ValidationError) as exc:
            raise _Garbled(f"the server's answer could not be read: {exc}") from exc


def _retry_after(response: requests.Response) -> float | None:
    """The seconds of a Retry-After header (this server sends seconds, never a date)."""
    try:
        seconds = float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) else None


def _refusal(response: requests.Response) -> SyncRefused:
    try:
        error = ErrorBody.model_validate(json.loads(response.content))
    except (ValueError, ValidationError):
        text = response.text[:200]
        return SyncRefused(response.status_code, None, text or response.reason or "")
    return SyncRefused(response.status_code, error.error, error.message)
