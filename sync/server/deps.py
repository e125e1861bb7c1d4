"""Request dependencies: the runtime, the protocol version, the device, the bodies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from sync.protocol import (
    MAX_BODY_BYTES,
    MAX_CHUNK_BYTES,
    OLDEST_SUPPORTED_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    TRAINING_HEADER,
    EnrollRequest,
    ErrorCode,
    PasswordChange,
)
from sync.server import bodies
from sync.server.errors import ApiError, bad_request, rate_limited, unauthorized
from sync.server.runtime import Runtime
from sync.server.services import devices
from sync.server.services.devices import AuthDevice
from sync.server.services.push import PushItem
from sync.server.services.ratelimit import Limits

# An enrollment or a password change is a few hundred bytes; a small cap keeps a request
# without a token (enroll) from making the server hold megabytes.
SMALL_BODY_BYTES = 64 * 1024


def runtime(request: Request) -> Runtime:
    """The server's open resources."""
    found = request.app.state.runtime
    assert isinstance(found, Runtime)
    return found


RuntimeDep = Annotated[Runtime, Depends(runtime)]


def limits(request: Request) -> Limits:
    """The server's rate limiters."""
    found = request.app.state.limits
    assert isinstance(found, Limits)
    return found


LimitsDep = Annotated[Limits, Depends(limits)]
ProtocolHeader = Annotated[str | None, Header(alias=PROTOCOL_HEADER)]


def _too_old(message: str) -> ApiError:
    detail = {"protocol": PROTOCOL_VERSION, "oldest_supported": OLDEST_SUPPORTED_VERSION}
    return ApiError(426, ErrorCode.CLIENT_TOO_OLD, message, detail, {"Upgrade": "Outpost"})


def check_protocol(value: str | None) -> int:
    """The client's protocol version, if this server serves it; else the words why not."""
    if value is None:
        raise _too_old(
            f"The request does not carry the {PROTOCOL_HEADER} header, so the client is older "
            "than this server supports. Update Outpost on this computer."
        )
    try:
        version = int(value.strip())
    except ValueError:
        raise bad_request(f"The {PROTOCOL_HEADER} header must be a whole number.") from None
    if version < OLDEST_SUPPORTED_VERSION:
        raise _too_old(
            f"This client speaks sync protocol {version}, but the server needs "
            f"{OLDEST_SUPPORTED_VERSION} or newer. Update Outpost on this computer."
        )
    if version > PROTOCOL_VERSION:
        raise bad_request(
            f"This client speaks sync protocol {version}, newer than the server's "
            f"{PROTOCOL_VERSION}. The town server needs updating.",
            protocol=PROTOCOL_VERSION,
        )
    return version


def require_protocol(value: ProtocolHeader = None) -> int:
    """Every request but the probe must say which protocol it speaks."""
    return check_protocol(value)


def current_device(
    runtime: RuntimeDep,
    limits: LimitsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> AuthDevice:
    """The device of the bearer token, looked up on every request (a revocation bites
    at once), within its rate limit."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("This request carries no device token; enroll the device first.")
    with runtime.store.reading() as session:
        device = devices.authenticate(session, token.strip())
        stale = device is not None and devices.needs_seen(session, device.id)
    if device is None:
        raise unauthorized("This device token is unknown or revoked; enroll the device again.")
    wait = limits.device.take(device.id)
    if wait:
        raise rate_limited(
            "This device sent more requests than the server takes in a minute; nothing "
            "was done with this one. Send it again after Retry-After seconds.",
            wait,
        )
    if stale:
        with runtime.store.unit_of_work() as session:
            devices.mark_seen(session, device.id)
    return device


DeviceDep = Annotated[AuthDevice, Depends(current_device)]


def training_header(value: Annotated[str | None, Header(alias=TRAINING_HEADER)] = None) -> bool:
    """Whether the client marks this request as training data."""
    return (value or "").strip().lower() in ("1", "true", "yes")


TrainingDep = Annotated[bool, Depends(training_header)]


def enroll_allowed(request: Request, limits: LimitsDep) -> None:
    """Enrollment attempts per client address (behind a proxy, the address it forwards):
    what stops someone guessing codes."""
    address = request.client.host if request.client else "unknown"
    wait = limits.enroll.take(address)
    if wait:
        raise rate_limited(
            "Too many enrollment attempts from this address; try again after Retry-After seconds.",
            wait,
        )


async def push_body(request: Request) -> list[PushItem]:
    """The pushed events, each either valid or refused on its own."""
    return bodies.push_items(await bodies.read_body(request, MAX_BODY_BYTES))


async def enroll_body(request: Request) -> EnrollRequest:
    """The enrollment request."""
    return bodies.parse(EnrollRequest, await bodies.read_body(request, SMALL_BODY_BYTES))


async def chunk_body(request: Request) -> bytes:
    """One attachment chunk's bytes."""
    return await bodies.read_body(request, MAX_CHUNK_BYTES)


async def password_body(request: Request) -> PasswordChange:
    """A worker's password change."""
    return bodies.parse(PasswordChange, await bodies.read_body(request, SMALL_BODY_BYTES))


PushBody = Annotated[list[PushItem], Depends(push_body)]
EnrollBody = Annotated[EnrollRequest, Depends(enroll_body)]
ChunkBody = Annotated[bytes, Depends(chunk_body)]
PasswordBody = Annotated[PasswordChange, Depends(password_body)]
