"""The laptop's keys: one random database key, wrapped once for each worker.

The case store, its backups and its attachments are encrypted with a random 32-byte
database key. The key is never stored in the clear: ``keys.json`` in the data folder
holds one copy per worker, sealed (AES-GCM) with a key derived from that worker's
password, so any of the village's workers can open the laptop and a password change
re-seals only that worker's copy.

The derivation is argon2id, with the salt and costs of the worker's password hash (a
PHC string, ``$argon2id$v=19$m=…,t=…,p=…$salt$hash``): the raw argon2id output *is* the
hash's last field, so a laptop that holds only a worker's hash (synced down from the
town server, where the administrator made the account) can seal the database key for
that worker, and the worker's password opens it. The hashes themselves live inside the
encrypted store, never in ``keys.json``. Whoever holds a worker's hash (the town server)
could open such a copy without the password, so at the worker's first login on this
laptop their copy is sealed again under a salt of this laptop's own, which no hash made
elsewhere can open.

``keys.json`` also counts wrong passwords: five in a row lock that login for a delay
that doubles with each further miss. (Whoever can edit the file can reset the count; the
protection against guessing on a stolen laptop is the argon2id cost, the count is
against a colleague trying passwords at the screen.)
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import threading
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.low_level import hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEYRING_NAME = "keys.json"
KEY_BYTES = 32
MIN_PASSWORD = 8
# argon2id at 64 MiB and 3 passes: about 0.15 s on a village laptop, per guess. The same
# costs as the town server's (sync/server/services/accounts.py), so a hash made on either
# side works on both.
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1, hash_len=32, salt_len=16,
                        type=Type.ID)  # fmt: skip
log = logging.getLogger("outpost.vault")
# keys.json is read, changed and written by the GUI thread (login), the store's worker
# (password changes) and the sync thread (the town's accounts): one at a time, each on
# the file as it is then (another process cannot share the data folder: desktop.instance).
_WRITING = threading.RLock()
FREE_ATTEMPTS = 5
FIRST_LOCK = dt.timedelta(minutes=1)
LONGEST_LOCK = dt.timedelta(hours=1)

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class VaultError(Exception):
    """A login or key problem the worker is told about; the message is for the log."""


class UnknownLogin(VaultError):
    """No worker with that login name on this laptop."""


class WrongPassword(VaultError):
    """The password did not open the key; ``left``: tries before the login locks."""

    def __init__(self, left: int) -> None:
        super().__init__(f"wrong password, {left} tries left before a lock")
        self.left = left


class LoginLocked(VaultError):
    """Too many wrong passwords in a row: the login is locked until ``until``."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


class PasswordTooShort(VaultError):
    """A new password shorter than MIN_PASSWORD."""


class NotAnAccount(LookupError):
    """No worker who can log in has that id (unknown, disabled, or known by name only)."""


class KeyringDamaged(VaultError):
    """keys.json exists but cannot be read: nothing on the laptop can be opened."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    # PHC strings leave the base64 padding out.
    return base64.b64decode(text + "=" * (-len(text) % 4))


@dataclasses.dataclass(frozen=True)
class _Costs:
    """The argon2id parameters and salt of one password hash."""

    memory_kib: int
    passes: int
    lanes: int
    salt: bytes

    def derive(self, password: str) -> bytes:
        """The raw argon2id output of ``password`` under these costs."""
        return hash_secret_raw(password.encode("utf-8"), self.salt, time_cost=self.passes,
                               memory_cost=self.memory_kib, parallelism=self.lanes,
                               hash_len=KEY_BYTES, type=Type.ID)  # fmt: skip


def _parse_phc(password_hash: str) -> tuple[_Costs, bytes]:
    """The costs and the raw output of an argon2id PHC string."""
    parts = password_hash.split("$")
    # ['', 'argon2id', 'v=19', 'm=65536,t=3,p=1', salt, hash]
    if len(parts) != 6 or parts[1] != "argon2id":
        raise VaultError("not an argon2id password hash")
    try:
        costs = dict(item.split("=", 1) for item in parts[3].split(","))
        parsed = _Costs(int(costs["m"]), int(costs["t"]), int(costs["p"]), _unb64(parts[4]))
        output = _unb64(parts[5])
    except (KeyError, ValueError) as exc:
        raise VaultError(f"malformed argon2id hash: {exc}") from exc
    if len(output) != KEY_BYTES or len(parsed.salt) < 16:
        raise VaultError("an argon2id hash with a short salt or not 32 bytes long")
    if parsed.memory_kib < HASHER.memory_cost or parsed.passes < HASHER.time_cost:
        # A cheap hash would make the key cheap to guess at: never seal with one.
        raise VaultError(
            f"an argon2id hash weaker than m={HASHER.memory_cost},t={HASHER.time_cost}"
        )
    return parsed, output


def hash_password(password: str) -> str:
    """A new argon2id PHC hash of ``password``; refuses one too short."""
    if len(password) < MIN_PASSWORD:
        raise PasswordTooShort(f"a password needs at least {MIN_PASSWORD} characters")
    return HASHER.hash(password)


def new_database_key() -> bytes:
    """A fresh random database key."""
    return secrets.token_bytes(KEY_BYTES)


def sealer(secret: bytes, purpose: bytes) -> AESGCM:
    """AES-GCM under a key derived (HKDF-SHA256) from ``secret`` for one ``purpose`` alone,
    so one secret never serves two purposes as it is (keys.json, attachments, …)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"outpost " + purpose)
    return AESGCM(hkdf.derive(secret))


def _sealing_key(argon_output: bytes) -> AESGCM:
    return sealer(argon_output, b"keyring seal")


def hash_tag(password_hash: str) -> str:
    """A short fingerprint of a password hash: tells whether a sealed copy is current."""
    return hashlib.sha256(password_hash.encode("ascii")).hexdigest()[:16]


@dataclasses.dataclass
class _Sealed:
    """One worker's sealed copy of the database key, and their run of wrong passwords."""

    worker_id: str
    login: str
    name: str
    costs: _Costs
    nonce: bytes
    sealed: bytes
    hash_tag: str
    failures: int = 0
    locked_until: dt.datetime | None = None
    local: bool = False  # sealed under this laptop's own salt (after a login here)

    def to_json(self) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id, "login": self.login, "name": self.name,
            "m": self.costs.memory_kib, "t": self.costs.passes, "p": self.costs.lanes,
            "salt": _b64(self.costs.salt), "nonce": _b64(self.nonce),
            "sealed": _b64(self.sealed), "hash_tag": self.hash_tag,
            "failures": self.failures,
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
            "local": self.local,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Sealed:
        until = data.get("locked_until")
        costs = _Costs(int(data["m"]), int(data["t"]), int(data["p"]), _unb64(data["salt"]))
        return cls(
            str(data["worker_id"]), str(data["login"]), str(data["name"]), costs,
            _unb64(data["nonce"]), _unb64(data["sealed"]), str(data["hash_tag"]),
            int(data.get("failures", 0)), dt.datetime.fromisoformat(until) if until else None,
            bool(data.get("local", False)),
        )  # fmt: skip


def _seal(worker_id: str, login: str, name: str, password_hash: str, key: bytes) -> _Sealed:
    costs, output = _parse_phc(password_hash)
    nonce = secrets.token_bytes(12)
    # The worker id is bound in: a sealed copy moved to another entry does not open.
    sealed = _sealing_key(output).encrypt(nonce, key, worker_id.encode())
    return _Sealed(worker_id, login, name, costs, nonce, sealed, hash_tag(password_hash))


def _seal_locally(entry: _Sealed, password: str, key: bytes) -> None:
    # A fresh salt no hash made elsewhere has: only the password opens this copy now.
    costs = _Costs(HASHER.memory_cost, HASHER.time_cost, HASHER.parallelism,
                   secrets.token_bytes(16))  # fmt: skip
    entry.nonce = secrets.token_bytes(12)
    entry.sealed = _sealing_key(costs.derive(password)).encrypt(
        entry.nonce, key, entry.worker_id.encode()
    )
    entry.costs, entry.local = costs, True


@dataclasses.dataclass(frozen=True)
class Login:
    """A worker who can open this laptop, as the login screen lists them."""

    worker_id: str
    login: str
    name: str
    locked_until: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class Unlocked:
    """What a right password gives: the database key and who opened it."""

    key: bytes
    worker_id: str


@dataclasses.dataclass(frozen=True)
class Account:
    """A worker's account as the store knows it (synced from the town, or made here)."""

    worker_id: str
    login: str
    name: str
    password_hash: str
    disabled: bool = False


class Keyring:
    """``keys.json``: the sealed copies of the database key, one per worker."""

    def __init__(self, path: Path, entries: Iterable[_Sealed] = (), clock: Clock = _now) -> None:
        self.path = path
        self._entries = {entry.worker_id: entry for entry in entries}
        self._clock = clock

    @classmethod
    def load(cls, data_dir: Path, clock: Clock = _now) -> Keyring:
        """The keyring of a data folder (empty if the folder has none yet)."""
        path = data_dir / KEYRING_NAME
        return cls(path, _read(path), clock)

    def _reload(self) -> None:
        # Every change starts from the file as it is now (another thread may have written).
        self._entries = {entry.worker_id: entry for entry in _read(self.path)}

    def exists(self) -> bool:
        """Whether any worker can open this laptop yet."""
        return bool(self._entries)

    def logins(self) -> list[Login]:
        """The workers who can open this laptop, by name."""
        return sorted(
            (Login(e.worker_id, e.login, e.name, self._lock_of(e)) for e in self._entries.values()),
            key=lambda login: login.name,
        )

    def _lock_of(self, entry: _Sealed) -> dt.datetime | None:
        until = entry.locked_until
        return until if until is not None and until > self._clock() else None

    def _entry(self, login: str) -> _Sealed:
        wanted = login.strip().casefold()
        for entry in self._entries.values():
            if entry.login.casefold() == wanted:
                return entry
        raise UnknownLogin(f"no worker {login!r} on this laptop")

    def unlock(self, login: str, password: str) -> Unlocked:
        """The database key, if ``password`` is the login's; counts and locks wrong ones.
        A first login here seals the worker's copy under this laptop's own salt."""
        with _WRITING:
            self._reload()
            entry = self._entry(login)
            if (until := self._lock_of(entry)) is not None:
                raise LoginLocked(until)
            try:
                key = _sealing_key(entry.costs.derive(password)).decrypt(
                    entry.nonce, entry.sealed, entry.worker_id.encode()
                )
            except InvalidTag:
                self._missed(entry)
                raise self._refusal(entry) from None
            entry.failures, entry.locked_until = 0, None
            if not entry.local:
                _seal_locally(entry, password, key)
            self.save()
        return Unlocked(key, entry.worker_id)

    def _missed(self, entry: _Sealed) -> None:
        entry.failures += 1
        if entry.failures >= FREE_ATTEMPTS:
            doublings = entry.failures - FREE_ATTEMPTS
            delay = min(FIRST_LOCK * 2 ** min(doublings, 16), LONGEST_LOCK)
            entry.locked_until = self._clock() + delay
        self.save()

    def _refusal(self, entry: _Sealed) -> VaultError:
        if entry.locked_until is not None and entry.locked_until > self._clock():
            return LoginLocked(entry.locked_until)
        return WrongPassword(max(FREE_ATTEMPTS - entry.failures, 0))

    def _admit(self, account: Account, key: bytes) -> None:
        """Seal ``key`` for the account (new, or its password changed); a disabled
        account loses its copy."""
        if account.disabled:
            self._entries.pop(account.worker_id, None)
            return
        held = self._entries.get(account.worker_id)
        if held is not None and held.hash_tag == hash_tag(account.password_hash):
            held.login, held.name = account.login, account.name
            return
        self._entries[account.worker_id] = _seal(
            account.worker_id, account.login, account.name, account.password_hash, key
        )

    def admit_all(self, accounts: Iterable[Account], key: bytes) -> None:
        """Bring every account's copy up to date with the store's accounts, and save. An
        account whose hash cannot seal (malformed, or weaker than ours) is left out and
        logged: the others still get their copies."""
        with _WRITING:
            self._reload()
            for account in accounts:
                try:
                    self._admit(account, key)
                except VaultError as refused:
                    log.warning("no key sealed for %s: %s", account.login, refused)
            self.save()

    def save(self) -> None:
        """Write keys.json atomically (a crash leaves the old file or the new one)."""
        data = {"version": 1, "workers": [e.to_json() for e in self._entries.values()]}
        staging = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex}.new")
        with _WRITING:
            try:
                with staging.open("w", encoding="utf-8") as out:
                    json.dump(data, out, ensure_ascii=False, indent=1)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(staging, self.path)
            finally:
                staging.unlink(missing_ok=True)


def _read(path: Path) -> list[_Sealed]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [_Sealed.from_json(item) for item in data["workers"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyringDamaged(f"{path.name} cannot be read: {exc}") from exc
