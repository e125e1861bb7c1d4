"""What start-up must do before the store can open: the data folder's key state.

Read without the ORM and without any key: the keyring's presence and the store's first
bytes (an encrypted file has no readable header).
"""

from __future__ import annotations

import contextlib
import enum
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework import cipher, vault
from casework.paths import database_path, move_aside


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
    # The login waits beside the store until the store itself holds it (written when it
    # first opens with the key), sealed with that key: it must never lie there readable.
    # Written before keys.json: a crash between the two leaves no key anyone can use, and
    # the next start asks again; the other way round, a login whose account the store
    # never received.
    text = f"{worker_id}\n{login.strip()}\n{password_hash}\n".encode()
    nonce = secrets.token_bytes(12)
    _pending_login(data_dir).write_bytes(nonce + _pending_cipher(key).encrypt(nonce, text, None))
    keyring = vault.Keyring.load(data_dir)
    keyring.admit_all([vault.Account(worker_id, login.strip(), name, password_hash)], key)
    return vault.Unlocked(key, worker_id)


def _pending_login(data_dir: Path) -> Path:
    return data_dir / "login-pending.bin"


def _pending_cipher(key: bytes) -> AESGCM:
    return vault.sealer(key, b"pending login")


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
    """Move an unopenable store (and its WAL) aside, and a keys.json that cannot be read
    with it, never deleting anything; returns where the store went."""
    aside = move_aside(database_path(data_dir), "unopenable")
    try:
        vault.Keyring.load(data_dir)
    except vault.KeyringDamaged:
        keys = data_dir / vault.KEYRING_NAME
        keys.replace(aside.with_name(f"{aside.name}.{vault.KEYRING_NAME}"))
    return aside
