"""Workers' accounts: made by the town administrator, synced down to the laptops of the
worker's unit with an argon2id hash of the password (the laptops check logins offline
against it); a worker's own password change comes back up from a laptop."""

from __future__ import annotations

import datetime as dt
import uuid

import argon2
from argon2.exceptions import InvalidHashError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import AccountsResponse, AccountWire, ErrorCode, PasswordChange
from sync.server.errors import ApiError, bad_request, not_found
from sync.server.models import Account
from sync.server.services import audit, orgunits
from sync.server.services.devices import AdminError, AuthDevice

# argon2id, RFC 9106's second recommended choice (64 MiB, 3 passes, one lane): about a
# tenth of a second on a village laptop, which checks each login offline against this
# hash, and costly enough for someone who copied a laptop's store to guess with. Declared
# once here, so every hash the server makes says the same in its PHC string.
HASHER = argon2.PasswordHasher(
    time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16, type=argon2.Type.ID
)
# What a worker's own change must be hashed with (the laptops hash with the same costs).
HASHER_PARAMETERS = argon2.Parameters(
    type=argon2.Type.ID, version=19, salt_len=HASHER.salt_len, hash_len=HASHER.hash_len,
    time_cost=HASHER.time_cost, memory_cost=HASHER.memory_cost, parallelism=HASHER.parallelism,
)  # fmt: skip
MIN_PASSWORD_LENGTH = 8
MAX_LOGIN_LENGTH = MAX_NAME_LENGTH = 50
# A laptop's clock may be off by hours; a change stamped further ahead than this is a
# broken clock, and taking it would shut out every later change by the administrator.
FUTURE_SLACK = dt.timedelta(days=1)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def _check_names(login: str, name: str) -> None:
    if not login or len(login) > MAX_LOGIN_LENGTH or any(ch.isspace() for ch in login):
        raise AdminError(f"a login is 1 to {MAX_LOGIN_LENGTH} characters without spaces")
    if not name or len(name) > MAX_NAME_LENGTH:
        raise AdminError(f"a name is 1 to {MAX_NAME_LENGTH} characters")


def _by_login(session: Session, login: str) -> Account:
    account = session.scalars(select(Account).where(Account.login == login)).one_or_none()
    if account is None:
        raise AdminError(f"no account with the login {login!r}")
    return account


def create(
    session: Session, *, login: str, name: str, org_unit_code: str, password: str, actor: str
) -> Account:
    """A new account for a worker of a village, town or district (where devices enroll)."""
    login, name = login.strip(), name.strip()
    _check_names(login, name)
    _check_password(password)
    unit = orgunits.get(session, org_unit_code)
    if unit is None:
        raise AdminError(f"no org unit {org_unit_code!r}: import the org tree first")
    if orgunits.role_of(unit) is None:
        raise AdminError(f"{unit.name} ({unit.code}) is a {unit.level}: give its village")
    if session.scalars(select(Account.id).where(Account.login == login)).first() is not None:
        raise AdminError(f"the login {login!r} is taken")
    now = _now()
    account = Account(
        id=str(uuid.uuid4()), login=login, name=name, org_unit_code=unit.code,
        password_hash=HASHER.hash(password), disabled=False, created_at=now,
        password_changed_at=now, updated_at=now,
    )  # fmt: skip
    session.add(account)
    _audit(session, "account_created", actor, account, name)
    return account


def set_password(session: Session, *, login: str, password: str, actor: str) -> Account:
    """The administrator sets a new password (a worker forgot theirs); it stands against
    any change a laptop made before now."""
    _check_password(password)
    account = _by_login(session, login)
    account.password_hash = HASHER.hash(password)
    account.password_changed_at = account.updated_at = _now()
    _audit(session, "password_set", actor, account)
    return account


def disable(session: Session, *, login: str, actor: str) -> Account:
    """The worker can no longer log in on any laptop once it has synced."""
    return _set_disabled(session, login, True, actor)


def enable(session: Session, *, login: str, actor: str) -> Account:
    """A disabled account may log in again."""
    return _set_disabled(session, login, False, actor)


def _set_disabled(session: Session, login: str, disabled: bool, actor: str) -> Account:
    account = _by_login(session, login)
    if account.disabled != disabled:
        account.disabled, account.updated_at = disabled, _now()
        _audit(session, "account_disabled" if disabled else "account_enabled", actor, account)
    return account


def _audit(
    session: Session,
    action: str,
    actor: str,
    account: Account,
    detail: str = "",
    device_id: str | None = None,
) -> None:
    audit.record(
        session, action=action, actor=actor, org_unit_code=account.org_unit_code,
        device_id=device_id, detail=" ".join(x for x in (account.login, detail) if x),
    )  # fmt: skip


def all_accounts(session: Session, *, unit_code: str | None = None) -> list[Account]:
    """Every account (or those of one unit and the units below it), by unit and login."""
    query = select(Account).order_by(Account.org_unit_code, Account.login)
    if unit_code is not None:
        query = query.where(Account.org_unit_code.in_(orgunits.scope_codes(session, unit_code)))
    return list(session.scalars(query))


def wire(account: Account) -> AccountWire:
    """An account as a laptop receives it."""
    return AccountWire(
        id=account.id, login=account.login, name=account.name,
        org_unit_code=account.org_unit_code, password_hash=account.password_hash,
        disabled=account.disabled, password_changed_at=account.password_changed_at,
    )  # fmt: skip


def accounts_for_device(session: Session, device: AuthDevice) -> AccountsResponse:
    """The accounts of the device's own unit: a village's workers open the village's
    laptops, never the town desk's (which holds every village's escalations). The hash
    is what a laptop seals its key with until the worker's first login there."""
    query = select(Account).where(Account.org_unit_code == device.org_unit_code)
    held = session.scalars(query.order_by(Account.login))
    return AccountsResponse(accounts=[wire(a) for a in held])


def change_password_from_device(
    session: Session, device: AuthDevice, account_id: str, change: PasswordChange
) -> AccountWire:
    """A worker's own change, made on a laptop perhaps days ago: taken only if newer
    than the password the server holds (the administrator's later reset stands)."""
    changed_at = _changed_at(change)
    account = session.get(Account, account_id, with_for_update=True)
    # Only a laptop of the worker's own unit (where the worker logs in) may change it.
    if account is None or account.org_unit_code != device.org_unit_code:
        raise not_found("No such account among this device's unit's workers.")
    if account.disabled:
        raise ApiError(
            403, ErrorCode.BAD_REQUEST,
            "This account is disabled: its password cannot be changed.",
            {"reason": "account_disabled"},
        )  # fmt: skip
    if (changed_at, change.password_hash) == (account.password_changed_at, account.password_hash):
        return wire(account)  # the same change sent again (its answer was lost)
    if changed_at <= account.password_changed_at:
        raise ApiError(
            409, ErrorCode.BAD_REQUEST,
            "The password was set again on the server after this change was made; the "
            "administrator's newer password stands.",
            {"reason": "stale", "password_changed_at": account.password_changed_at.isoformat()},
        )  # fmt: skip
    account.password_hash = change.password_hash
    account.password_changed_at, account.updated_at = changed_at, _now()
    _audit(session, "password_changed", f"device {device.id}", account, device_id=device.id)
    return wire(account)


def _changed_at(change: PasswordChange) -> dt.datetime:
    if change.changed_at.tzinfo is None:
        raise bad_request("changed_at needs a time zone (e.g. +08:00 or Z).")
    try:
        changed_at = change.changed_at.astimezone(dt.UTC)
    except OverflowError:  # year 1 at +08:00
        raise bad_request("changed_at is not a time this server can hold.") from None
    if changed_at > _now() + FUTURE_SLACK:
        raise bad_request("changed_at is more than a day ahead of the server's clock.")
    try:
        parameters = argon2.extract_parameters(change.password_hash)
    except InvalidHashError:
        parameters = None
    if parameters is None or parameters.type is not argon2.Type.ID:
        raise bad_request("password_hash is not an argon2id hash in PHC form.")
    if parameters != HASHER_PARAMETERS:
        # A cheaper hash would make the password (and the laptops' keys sealed with it)
        # cheap to guess; another length would not seal at all.
        raise bad_request(
            "password_hash must be argon2id with this server's costs "
            f"(m={HASHER.memory_cost}, t={HASHER.time_cost}, p={HASHER.parallelism}, "
            f"{HASHER.hash_len}-byte hash, {HASHER.salt_len}-byte salt)."
        )
    return changed_at
