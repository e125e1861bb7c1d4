"""Workers' accounts in the store: who may log in, with which password hash.

An account is a worker row with a login and an argon2id hash. It was made here (first
run on a laptop not yet enrolled: ``local``) or by the town administrator and synced down
(``server``). Authors of other laptops' events are workers too (``remote``), known by
name only: they cannot log in here.

The hashes are inside the encrypted store; casework.vault seals the database key with
them (keys.json), so these functions return what the keyring needs to stay in step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.models import OrgUnit, Worker
from casework.vault import Account, NotAnAccount

__all__ = ["NotAnAccount"]  # raised here, defined beside the keys (no ORM to import)

log = logging.getLogger("outpost.accounts")

LOCAL, SERVER, REMOTE = "local", "server", "remote"


@dataclasses.dataclass(frozen=True)
class ServerAccount:
    """An account as the town server sends it (sync.protocol.AccountWire's fields)."""

    id: str
    login: str
    name: str
    org_unit_code: str
    password_hash: str
    disabled: bool
    password_changed_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class PasswordChange:
    """A worker's own password change the town server has not yet taken."""

    worker_id: str
    password_hash: str
    changed_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def accounts(session: Session) -> list[Account]:
    """Every account of this laptop (disabled ones included, so their keys are dropped)."""
    query = select(Worker).where(Worker.login.is_not(None), Worker.password_hash.is_not(None))
    return [
        Account(w.id, w.login or "", w.name, w.password_hash or "", w.disabled)
        for w in session.scalars(query.order_by(Worker.name))
    ]


def make_local(session: Session, worker_id: str, *, login: str, password_hash: str) -> None:
    """Give a worker of this laptop a login and password (first run, or a store made
    before accounts existed)."""
    login = login.strip()
    if not login:
        raise ValueError("a login name is required")
    taken = session.scalars(select(Worker).where(Worker.login == login)).first()
    if taken is not None and taken.id != worker_id:
        raise ValueError(f"the login {login!r} is taken")
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotAnAccount(worker_id)
    worker.login, worker.password_hash, worker.origin = login, password_hash, LOCAL
    worker.password_changed_at, worker.disabled = _now(), False


def change_password(session: Session, worker_id: str, password_hash: str) -> Account:
    """The worker's new password hash, kept to send to the town server."""
    worker = session.get(Worker, worker_id)
    if worker is None or worker.login is None:
        raise NotAnAccount(worker_id)
    worker.password_hash, worker.password_changed_at = password_hash, _now()
    # A local account has no server copy to update; a server account's change travels.
    worker.password_pending = worker.origin == SERVER
    return Account(worker.id, worker.login, worker.name, password_hash, worker.disabled)


def pending_changes(session: Session) -> list[PasswordChange]:
    """Password changes made here that the town server has not yet taken."""
    query = select(Worker).where(Worker.password_pending.is_(True))
    return [
        PasswordChange(w.id, w.password_hash or "", w.password_changed_at or _now())
        for w in session.scalars(query)
    ]


def change_settled(session: Session, change: PasswordChange) -> None:
    """The server answered for a change: it is no longer pending (unless changed again
    here meanwhile)."""
    worker = session.get(Worker, change.worker_id)
    if worker is not None and worker.password_hash == change.password_hash:
        worker.password_pending = False


def take_from_server(session: Session, wired: Iterable[ServerAccount]) -> int:
    """Bring the town's accounts into the store; returns how many rows changed.

    A password changed here and not yet sent stays unless the server's is newer (the
    administrator's reset wins over an older change)."""
    units = set(session.scalars(select(OrgUnit.code)))
    changed = 0
    for account in wired:
        if account.org_unit_code not in units:
            log.warning("account %s of unknown unit %s skipped", account.id, account.org_unit_code)
            continue
        changed += _take(session, account)
    return changed


def _free_login(session: Session, account: ServerAccount) -> None:
    # The town's account keeps its login; a local account that chose the same one (made
    # before enrollment) is renamed, and its worker is told at the next login.
    clash = session.scalars(
        select(Worker).where(Worker.login == account.login, Worker.id != account.id)
    ).first()
    if clash is not None:
        clash.login = f"{account.login}-{clash.id[:4]}"
        log.warning("local login %s renamed to %s (taken by the town)", account.login, clash.login)
        session.flush()


def _take(session: Session, account: ServerAccount) -> int:
    worker = session.get(Worker, account.id)
    if worker is None:
        worker = Worker(id=account.id, name=account.name, org_unit_code=account.org_unit_code,
                        created_at=_now())  # fmt: skip
        session.add(worker)
    elif (
        worker.origin == SERVER
        and worker.login == account.login
        and worker.name == account.name
        and worker.password_hash == account.password_hash
        and worker.disabled == account.disabled
    ):
        return 0
    _free_login(session, account)
    mine_is_newer = (
        worker.password_pending
        and worker.password_changed_at is not None
        and worker.password_changed_at > account.password_changed_at
    )
    if not mine_is_newer:
        worker.password_hash = account.password_hash
        worker.password_changed_at = account.password_changed_at
        worker.password_pending = False
    worker.login, worker.name, worker.origin = account.login, account.name, SERVER
    worker.org_unit_code, worker.disabled = account.org_unit_code, account.disabled
    return 1
