"""What start-up must do before the store can open: the data folder's key state.

Read without the ORM and without any key: the keyring's presence and the store's first
bytes (an encrypted file has no readable header).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from casework import cipher, vault
from casework.paths import database_path


class StartState(enum.Enum):
    """How the next start opens the store."""

    NEW = "new"  # no store, no keys: first run makes both
    PROTECT = "protect"  # a store of an older Outpost, not encrypted: its worker sets a password
    LOGIN = "login"  # keys exist: a worker's password opens the store
    UNOPENABLE = "unopenable"  # an encrypted store whose keys.json is gone
    DAMAGED_KEYRING = "damaged_keyring"  # keys.json cannot be read


def start_state(data_dir: Path) -> StartState:
    """The data folder's state, cheaply (no key derivation, no ORM)."""
    path = database_path(data_dir)
    try:
        keyring = vault.Keyring.load(data_dir)
    except vault.KeyringDamaged:
        return StartState.DAMAGED_KEYRING
    if keyring.exists():
        return StartState.LOGIN
    if not path.exists() or path.stat().st_size == 0:
        return StartState.NEW
    if cipher.is_plain(path):
        return StartState.PROTECT if plain_worker(data_dir) else StartState.NEW
    return StartState.UNOPENABLE


def plain_worker(data_dir: Path) -> tuple[str, str] | None:
    """(worker id, name) of the worker a plain store was set up for, if any."""
    path = database_path(data_dir)
    with contextlib.closing(cipher.connect(path, None)) as connection:
        try:
            row = connection.execute(
                "SELECT w.id, w.name FROM devices d JOIN workers w ON w.id = d.current_worker_id"
            ).fetchone()
        except cipher.OperationalError:  # a store from before the first run finished
            return None
    return (str(row[0]), str(row[1])) if row else None


def fresh_key() -> bytes:
    """The key a new store is made with (sealed for its first worker at set-up)."""
    return vault.new_database_key()


def protect(data_dir: Path, worker_id: str, login: str, password: str) -> vault.Unlocked:
    """Seal a new key for the worker of a plain store; the store, its copies and its
    attachments are encrypted with it when next opened (casework.casebook)."""
    password_hash = vault.hash_password(password)
    name = dict([plain_worker(data_dir) or ("", "")]).get(worker_id, "")
    if not name:
        raise vault.VaultError(f"{worker_id} is not the worker of this store")
    key = vault.new_database_key()
    keyring = vault.Keyring.load(data_dir)
    keyring.admit_all([vault.Account(worker_id, login.strip(), name, password_hash)], key)
    # Until the store itself holds the login (written when it first opens with the key),
    # the hash waits beside it, sealed with that key: it must never lie there readable.
    text = f"{worker_id}\n{login.strip()}\n{password_hash}\n".encode()
    nonce = secrets.token_bytes(12)
    _pending_login(data_dir).write_bytes(nonce + _pending_cipher(key).encrypt(nonce, text, None))
    return vault.Unlocked(key, worker_id)


def _pending_login(data_dir: Path) -> Path:
    return data_dir / "login-pending.bin"


def _pending_cipher(key: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"outpost pending login")
    return AESGCM(hkdf.derive(key))


def take_pending_login(data_dir: Path, key: bytes) -> tuple[str, str, str] | None:
    """(worker id, login, hash) set by ``protect`` and not yet written into the store."""
    held = _pending_login(data_dir)
    if not held.exists():
        return None
    data = held.read_bytes()
    text = _pending_cipher(key).decrypt(data[:12], data[12:], None).decode()
    worker_id, login, password_hash = text.splitlines()[:3]
    return worker_id, login, password_hash


def forget_pending_login(data_dir: Path) -> None:
    """The store holds the login now."""
    _pending_login(data_dir).unlink(missing_ok=True)


def set_aside(data_dir: Path) -> Path:
    """Move an unopenable store (and its WAL) aside, never deleting it; returns where."""
    path = database_path(data_dir)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.unopenable-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        held = Path(f"{path}{suffix}")
        if held.exists():
            os.replace(held, Path(f"{aside}{suffix}"))
    return aside
