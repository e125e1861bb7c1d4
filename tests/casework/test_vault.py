"""The keyring: the database key sealed per worker, wrong passwords counted and locked."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from casework import vault


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _account(worker_id: str, login: str, password: str) -> vault.Account:
    return vault.Account(worker_id, login, f"worker {login}", vault.hash_password(password))


@pytest.fixture
def key() -> bytes:
    return vault.new_database_key()


def test_each_worker_opens_the_same_key_with_their_own_password(tmp_path: Path, key: bytes) -> None:
    keyring = vault.Keyring.load(tmp_path)
    keyring.admit_all([_account("w1", "zhang", "password-1"), _account("w2", "li", "password-2")],
                      key)  # fmt: skip

    again = vault.Keyring.load(tmp_path)
    assert again.unlock("zhang", "password-1") == vault.Unlocked(key, "w1")
    assert again.unlock("LI ", "password-2") == vault.Unlocked(key, "w2")  # as typed
    with pytest.raises(vault.WrongPassword):
        again.unlock("zhang", "password-2")  # another worker's password opens nothing here
    with pytest.raises(vault.UnknownLogin):
        again.unlock("wang", "password-1")


def test_keys_json_holds_neither_the_key_nor_the_password_nor_its_hash(
    tmp_path: Path, key: bytes
) -> None:
    account = _account("w1", "zhang", "password-1")
    vault.Keyring.load(tmp_path).admit_all([account], key)

    text = (tmp_path / vault.KEYRING_NAME).read_text()
    assert key.hex() not in text and vault._b64(key) not in text
    assert "password-1" not in text
    assert account.password_hash.rsplit("$", 1)[1] not in text  # the argon2id output


def test_a_hash_made_elsewhere_opens_the_key_with_its_password(tmp_path: Path, key: bytes) -> None:
    # The town server hashes with a PasswordHasher of its own: only the PHC string travels.
    from argon2 import PasswordHasher

    town_hash = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=1).hash("town-pass1")
    keyring = vault.Keyring.load(tmp_path)
    keyring.admit_all([vault.Account("w9", "zhao", "赵六", town_hash)], key)

    assert vault.Keyring.load(tmp_path).unlock("zhao", "town-pass1").key == key


def test_after_the_first_login_the_hash_alone_no_longer_opens_the_copy(
    tmp_path: Path, key: bytes
) -> None:
    account = _account("w1", "zhang", "password-1")
    vault.Keyring.load(tmp_path).admit_all([account], key)
    output = vault._parse_phc(account.password_hash)[1]  # what the town server holds

    def opens_with_the_hash() -> bool:
        [entry] = vault._read(tmp_path / vault.KEYRING_NAME)
        try:
            vault._sealing_key(output).decrypt(entry.nonce, entry.sealed, b"w1")
        except InvalidTag:
            return False
        return True

    assert opens_with_the_hash()  # sealed from the synced hash: nobody has logged in yet
    vault.Keyring.load(tmp_path).unlock("zhang", "password-1")
    assert not opens_with_the_hash()
    assert vault.Keyring.load(tmp_path).unlock("zhang", "password-1").key == key
    # The same hash synced again leaves the laptop's own copy alone.
    vault.Keyring.load(tmp_path).admit_all([account], key)
    assert not opens_with_the_hash()


def test_a_weak_or_malformed_hash_seals_nothing_and_spoils_nothing(
    tmp_path: Path, key: bytes
) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("weak-pass1")
    good = _account("w1", "zhang", "password-1")
    vault.Keyring.load(tmp_path).admit_all(
        [vault.Account("w2", "weak", "弱", weak), vault.Account("w3", "bad", "坏", "$argon2id$x"),
         good], key,
    )  # fmt: skip

    keyring = vault.Keyring.load(tmp_path)
    assert [login.login for login in keyring.logins()] == ["zhang"]
    assert keyring.unlock("zhang", "password-1").key == key


def test_keys_json_stays_whole_under_writers_on_several_threads(tmp_path: Path, key: bytes) -> None:
    accounts = [_account(f"w{i}", f"worker{i}", f"password-{i}") for i in range(3)]
    vault.Keyring.load(tmp_path).admit_all(accounts, key)
    problems: list[BaseException] = []

    def keep_writing(index: int) -> None:
        try:
            for _ in range(3):
                keyring = vault.Keyring.load(tmp_path)
                keyring.admit_all(accounts, key)
                keyring.unlock(f"worker{index}", f"password-{index}")
        except BaseException as exc:  # reported below
            problems.append(exc)

    threads = [threading.Thread(target=keep_writing, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert problems == []
    final = vault.Keyring.load(tmp_path)
    for index in range(3):
        assert final.unlock(f"worker{index}", f"password-{index}").key == key
    assert not list(tmp_path.glob("*.new"))


def test_a_password_change_reseals_only_that_workers_copy(tmp_path: Path, key: bytes) -> None:
    zhang, li = _account("w1", "zhang", "password-1"), _account("w2", "li", "password-2")
    keyring = vault.Keyring.load(tmp_path)
    keyring.admit_all([zhang, li], key)
    before = json.loads((tmp_path / vault.KEYRING_NAME).read_text())["workers"]

    changed = vault.Account("w1", "zhang", zhang.name, vault.hash_password("new-password"))
    vault.Keyring.load(tmp_path).admit_all([changed, li], key)

    after = json.loads((tmp_path / vault.KEYRING_NAME).read_text())["workers"]
    by_id = {entry["worker_id"]: entry for entry in after}
    assert by_id["w2"] == next(e for e in before if e["worker_id"] == "w2")  # untouched
    assert by_id["w1"]["sealed"] != next(e for e in before if e["worker_id"] == "w1")["sealed"]
    opened = vault.Keyring.load(tmp_path)
    assert opened.unlock("zhang", "new-password").key == key
    with pytest.raises(vault.WrongPassword):
        opened.unlock("zhang", "password-1")
    assert opened.unlock("li", "password-2").key == key


def test_a_disabled_account_loses_its_copy(tmp_path: Path, key: bytes) -> None:
    zhang = _account("w1", "zhang", "password-1")
    vault.Keyring.load(tmp_path).admit_all([zhang], key)
    gone = vault.Account("w1", "zhang", zhang.name, zhang.password_hash, disabled=True)
    vault.Keyring.load(tmp_path).admit_all([gone], key)

    with pytest.raises(vault.UnknownLogin):
        vault.Keyring.load(tmp_path).unlock("zhang", "password-1")


def test_five_wrong_passwords_lock_the_login_for_a_growing_delay(
    tmp_path: Path, key: bytes
) -> None:
    clock = Clock()
    vault.Keyring.load(tmp_path).admit_all([_account("w1", "zhang", "password-1")], key)
    keyring = vault.Keyring.load(tmp_path, clock)

    lefts = []
    for _ in range(4):
        with pytest.raises(vault.WrongPassword) as wrong:
            keyring.unlock("zhang", "guess")
        lefts.append(wrong.value.left)
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(vault.LoginLocked) as locked:
        keyring.unlock("zhang", "guess")
    assert locked.value.until == clock.now + vault.FIRST_LOCK
    # Locked: even the right password waits, and the lock survives a restart.
    with pytest.raises(vault.LoginLocked):
        vault.Keyring.load(tmp_path, clock).unlock("zhang", "password-1")
    assert vault.Keyring.load(tmp_path, clock).logins()[0].locked_until == locked.value.until

    clock.now += vault.FIRST_LOCK
    with pytest.raises(vault.LoginLocked) as longer:
        keyring.unlock("zhang", "another guess")  # the sixth miss: twice as long
    assert longer.value.until == clock.now + 2 * vault.FIRST_LOCK

    clock.now += 2 * vault.FIRST_LOCK
    assert keyring.unlock("zhang", "password-1").key == key
    with pytest.raises(vault.WrongPassword) as fresh:
        keyring.unlock("zhang", "guess")
    assert fresh.value.left == 4  # a right password ends the run


def test_a_lock_never_lasts_more_than_the_longest(tmp_path: Path, key: bytes) -> None:
    clock = Clock()
    vault.Keyring.load(tmp_path).admit_all([_account("w1", "zhang", "password-1")], key)
    keyring = vault.Keyring.load(tmp_path, clock)
    for _ in range(10):  # each miss after its lock ran out (the sixth reaches the hour)
        with pytest.raises(vault.VaultError):
            keyring.unlock("zhang", "guess")
        clock.now = keyring.logins()[0].locked_until or clock.now
    with pytest.raises(vault.LoginLocked) as locked:
        keyring.unlock("zhang", "guess")
    assert locked.value.until - clock.now == vault.LONGEST_LOCK


def test_a_short_password_is_refused() -> None:
    with pytest.raises(vault.PasswordTooShort):
        vault.hash_password("short")


def test_a_damaged_keys_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / vault.KEYRING_NAME).write_text("{not json")
    with pytest.raises(vault.KeyringDamaged):
        vault.Keyring.load(tmp_path)
