"""Devices: one-time enrollment codes, enrollment, tokens, revocation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import DeviceRole, EnrollRequest, EnrollResponse, ErrorCode
from sync.server.errors import ApiError
from sync.server.models import Device, EnrollmentCode
from sync.server.services import audit, orgunits

# No 0/O, 1/I/L: a code is read aloud over the phone and typed by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS, CODE_GROUP_LEN = 3, 4
# A device seen this recently is not written again on every request.
LAST_SEEN_EVERY = dt.timedelta(minutes=1)


class AdminError(ValueError):
    """An administrative command that cannot be done; the message says why."""


@dataclasses.dataclass(frozen=True)
class IssuedCode:
    """A code as shown once to the administrator."""

    code: str
    org_unit_code: str
    org_unit_name: str
    expires_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class AuthDevice:
    """The device a request's token belongs to."""

    id: str
    org_unit_code: str
    role: DeviceRole
    training: bool


def digest(secret: str) -> str:
    """What the store keeps of a token or a code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalize_code(code: str) -> str:
    """A code as typed (any case, spaces or dashes) in the form it was issued."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def issue_code(
    session: Session, *, org_unit_code: str, lifetime: dt.timedelta, actor: str
) -> IssuedCode:
    """A new one-time code for a village, town or district device."""
    unit = orgunits.get(session, org_unit_code)
    if unit is None:
        raise AdminError(f"no org unit {org_unit_code!r}: import the org tree first")
    if orgunits.role_of(unit) is None:
        raise AdminError(f"{unit.name} ({unit.code}) is a {unit.level}: enroll its village")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    now = _now()
    session.add(
        EnrollmentCode(
            code_hash=digest(raw),
            org_unit_code=unit.code,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    audit.record(
        session,
        action="code_issued",
        actor=actor,
        org_unit_code=unit.code,
        detail=f"valid until {(now + lifetime).isoformat()}",
    )
    shown = "-".join(raw[i : i + CODE_GROUP_LEN] for i in range(0, len(raw), CODE_GROUP_LEN))
    return IssuedCode(shown, unit.code, unit.name, now + lifetime)


def _bad_code(message: str) -> ApiError:
    return ApiError(403, ErrorCode.BAD_CODE, message)


def _take_code(session: Session, code: str) -> EnrollmentCode:
    # Locked: two laptops typing the same code at once cannot both have it.
    query = select(EnrollmentCode).where(EnrollmentCode.code_hash == digest(normalize_code(code)))
    held = session.scalars(query.with_for_update()).one_or_none()
    if held is None:
        raise _bad_code("This enrollment code is unknown; ask the administrator for a new one.")
    if held.used_at is not None:
        raise _bad_code("This enrollment code was already used; each code enrolls one device.")
    if held.expires_at <= _now():
        raise _bad_code("This enrollment code has expired; ask the administrator for a new one.")
    return held


def enroll(
    session: Session, *, request: EnrollRequest, server_training: bool, server_hlc: str
) -> EnrollResponse:
    """Consume the code and enroll the device; the token is returned once, never stored."""
    held = _take_code(session, request.code)
    if request.training and not server_training:
        raise ApiError(
            403,
            ErrorCode.TRAINING_REFUSED,
            "This is a production server: a training device cannot enroll here.",
        )
    unit = orgunits.get(session, held.org_unit_code)
    role = orgunits.role_of(unit) if unit is not None else None
    if unit is None or role is None:
        raise _bad_code("This enrollment code's org unit no longer exists.")
    token = secrets.token_urlsafe(32)
    _save_device(session, request=request, unit_code=unit.code, role=role, token=token)
    held.used_at, held.used_by_device = _now(), request.device_id
    audit.record(
        session,
        action="enroll",
        actor=f"device {request.device_id}",
        org_unit_code=unit.code,
        device_id=request.device_id,
        detail=request.device_name,
    )
    units = orgunits.ancestors(session, unit.code) + orgunits.subtree(session, unit.code)
    return EnrollResponse(
        token=token,
        device_id=request.device_id,
        org_unit_code=unit.code,
        org_unit_name=unit.name,
        role=role,
        units=orgunits.wire(units),
        server_hlc=server_hlc,
    )


def _save_device(
    session: Session, *, request: EnrollRequest, unit_code: str, role: DeviceRole, token: str
) -> None:
    device = session.get(Device, request.device_id, with_for_update=True)
    if device is None:
        device = Device(id=request.device_id, created_at=_now(), revoked_at=None)
        session.add(device)
    elif device.revoked_at is not None or device.org_unit_code != unit_code:
        # A revoked laptop comes back only under a new device id (its seqs start again).
        raise ApiError(
            409,
            ErrorCode.BAD_REQUEST,
            "This device id is revoked or belongs to another unit; enroll as a new device.",
        )
    # Enrolling again (a lost token) replaces the token: the old one stops working.
    device.org_unit_code, device.role, device.name = unit_code, role.value, request.device_name
    device.token_hash, device.training = digest(token), request.training


def authenticate(session: Session, token: str) -> AuthDevice | None:
    """The live device of ``token``; None for an unknown or revoked one (read each time)."""
    device = session.scalars(select(Device).where(Device.token_hash == digest(token))).first()
    if device is None or device.revoked_at is not None:
        return None
    return AuthDevice(device.id, device.org_unit_code, DeviceRole(device.role), device.training)


def needs_seen(session: Session, device_id: str) -> bool:
    """Whether the device's last-seen time is stale enough to write again."""
    seen = session.scalar(select(Device.last_seen_at).where(Device.id == device_id))
    return seen is None or _now() - seen >= LAST_SEEN_EVERY


def mark_seen(session: Session, device_id: str) -> None:
    """Record that the device was just heard from."""
    device = session.get(Device, device_id)
    if device is not None:
        device.last_seen_at = _now()


def revoke(session: Session, *, device_id: str, actor: str) -> Device:
    """Refuse the device's token from now on (its stored events stay)."""
    device = session.get(Device, device_id)
    if device is None:
        raise AdminError(f"no device {device_id!r}")
    if device.revoked_at is None:
        device.revoked_at = _now()
        audit.record(
            session,
            action="revoke",
            actor=actor,
            org_unit_code=device.org_unit_code,
            device_id=device.id,
            detail=device.name,
        )
    return device


def all_devices(session: Session) -> list[Device]:
    """Every device ever enrolled, oldest first."""
    return list(session.scalars(select(Device).order_by(Device.created_at, Device.id)))
