"""Encryption at rest: the store, its copies and its attachments, opened only by a
worker's password; accounts, switch user, an old plain store protected, a damaged store
restored from its copy."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from casework import accounts, backups, cipher, keystate, vault
from casework.casebook import Casebook, open_casebook
from casework.models import Worker
from casework.paths import database_path
from casework.rows import CasePage
from tests.conftest import ID_WITH_X, VILLAGE, neighbour_dispute

DATA = Path(__file__).resolve().parents[1] / "data"
PASSWORD = "kaixiangong-1"


def _open(data_dir: Path, key: bytes) -> Casebook:
    return open_casebook(data_dir, resources.sample_org_tree(), key=key)


@pytest.fixture
def sealed(data_dir: Path) -> Iterator[Casebook]:
    """A new laptop's store, made with a fresh key, its first worker 王芳 (wangfang)."""
    book = _open(data_dir, keystate.fresh_key())
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE, login="wangfang", password=PASSWORD)
    yield book
    book.close()


def _plain_sqlite_reads(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute("SELECT count(*) FROM cases").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def test_the_store_opens_only_with_a_workers_password(sealed: Casebook, data_dir: Path) -> None:
    case_id = sealed.record_case(neighbour_dispute())
    sealed.close()

    assert keystate.start_state(data_dir) is keystate.StartState.LOGIN
    assert not _plain_sqlite_reads(database_path(data_dir))
    assert ID_WITH_X.encode() not in database_path(data_dir).read_bytes()
    with pytest.raises(cipher.WrongKey):
        _open(data_dir, vault.new_database_key())  # another key reads nothing

    opened = vault.Keyring.load(data_dir).unlock("wangfang", PASSWORD)
    book = _open(data_dir, opened.key)
    try:
        assert book.case_detail(case_id).parties[0].id_number == ID_WITH_X
    finally:
        book.close()


def test_copies_and_attachments_are_sealed_with_the_same_key(
    sealed: Casebook, data_dir: Path, tmp_path: Path
) -> None:
    case_id = sealed.record_case(neighbour_dispute())
    scan = tmp_path / "agreement.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + "调解协议 张建国 13812345678".encode() * 50)
    sealed.add_attachment(case_id, scan)
    copy = sealed.keep_daily_backup()

    assert copy is not None and not _plain_sqlite_reads(copy)
    with contextlib.closing(cipher.connect(copy, sealed.key)) as connection:
        assert connection.execute("SELECT count(*) FROM cases").fetchone() == (1,)
    stored = next((data_dir / "attachments").glob("??/*"))
    assert b"13812345678" not in stored.read_bytes()
    shown = sealed.attachment_path(stored.name)  # the plain copy a viewer opens
    assert shown.read_bytes() == scan.read_bytes()
    sealed.close()
    assert not shown.exists()  # removed with the casebook


def test_switching_worker_changes_who_the_next_events_name(sealed: Casebook) -> None:
    town = accounts.ServerAccount(
        "5d1c4c1e-0000-4000-8000-000000000001", "lisi", "李四", VILLAGE,
        vault.hash_password("lisi-password"), False, dt.datetime.now(dt.UTC),
    )  # fmt: skip
    sealed.take_accounts([town])
    first = sealed.record_case(neighbour_dispute())

    who = sealed.check_password("lisi", "lisi-password")
    sealed.log_in(who)
    second = sealed.record_case(neighbour_dispute("另一起纠纷，楼上漏水。"))

    assert {e.author_name for e in sealed.case_detail(first).history} == {"王芳"}
    assert {e.author_name for e in sealed.case_detail(second).history} == {"李四"}
    identity = sealed.identity()
    assert identity is not None and identity.worker_name == "李四"


def test_town_accounts_open_the_laptop_and_a_disabled_one_no_longer_does(
    sealed: Casebook, data_dir: Path
) -> None:
    made_at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    town = accounts.ServerAccount(
        "5d1c4c1e-0000-4000-8000-000000000002", "zhaoliu", "赵六", VILLAGE,
        vault.hash_password("zhaoliu-pass"), False, made_at,
    )  # fmt: skip
    assert sealed.take_accounts([town]) == 1
    assert sealed.take_accounts([town]) == 0  # unchanged: nothing written
    assert vault.Keyring.load(data_dir).unlock("zhaoliu", "zhaoliu-pass").key == sealed.key

    gone = dataclasses.replace(town, disabled=True)
    sealed.take_accounts([gone])
    with pytest.raises(vault.UnknownLogin):
        vault.Keyring.load(data_dir).unlock("zhaoliu", "zhaoliu-pass")


def test_a_password_change_reseals_and_waits_for_the_town(sealed: Casebook, data_dir: Path) -> None:
    old_at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    town = accounts.ServerAccount(
        "5d1c4c1e-0000-4000-8000-000000000003", "sunqi", "孙七", VILLAGE,
        vault.hash_password("sunqi-pass1"), False, old_at,
    )  # fmt: skip
    sealed.take_accounts([town])
    sealed.log_in(sealed.check_password("sunqi", "sunqi-pass1"))

    with pytest.raises(vault.WrongPassword):
        sealed.change_password("not-my-password", "sunqi-pass2")
    sealed.change_password("sunqi-pass1", "sunqi-pass2")

    keyring = vault.Keyring.load(data_dir)
    assert keyring.unlock("sunqi", "sunqi-pass2").key == sealed.key
    with pytest.raises(vault.WrongPassword):
        keyring.unlock("sunqi", "sunqi-pass1")
    assert keyring.unlock("wangfang", PASSWORD).key == sealed.key  # others untouched
    [change] = sealed.password_changes()
    assert change.worker_id == town.id
    # The town's older copy of the account does not undo the change made here...
    sealed.take_accounts([town])
    assert vault.Keyring.load(data_dir).unlock("sunqi", "sunqi-pass2").key == sealed.key
    # ...but the administrator's newer reset wins.
    reset = dataclasses.replace(
        town, password_hash=vault.hash_password("reset-by-town"),
        password_changed_at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1),
    )  # fmt: skip
    sealed.take_accounts([reset])
    assert vault.Keyring.load(data_dir).unlock("sunqi", "reset-by-town").key == sealed.key
    assert sealed.password_changes() == []


def test_an_old_plain_store_is_protected_with_its_workers_password(data_dir: Path) -> None:
    shutil.copy(DATA / "store-0004.sqlite3", database_path(data_dir))
    assert keystate.start_state(data_dir) is keystate.StartState.PROTECT
    worker = keystate.plain_worker(data_dir)
    assert worker is not None
    worker_id, name = worker

    opened = keystate.protect(data_dir, worker_id, "wangfang", PASSWORD)
    book = _open(data_dir, opened.key)
    try:
        assert book.counts() == (6, 19)  # every case and the waiting outbox kept
        identity = book.identity()
        assert identity is not None and identity.worker_name == name
    finally:
        book.close()

    assert keystate.start_state(data_dir) is keystate.StartState.LOGIN
    assert not _plain_sqlite_reads(database_path(data_dir))
    for copy in backups.all_backups(data_dir):
        assert not cipher.is_plain(copy.path), copy.path.name
    assert not list(data_dir.glob("login-pending*"))
    again = vault.Keyring.load(data_dir).unlock("wangfang", PASSWORD)
    assert again == vault.Unlocked(opened.key, worker_id)


def test_a_truncated_store_is_found_at_start_and_its_copy_restored(
    sealed: Casebook, data_dir: Path
) -> None:
    kept = sealed.record_case(neighbour_dispute())
    sealed.keep_daily_backup()
    sealed.record_case(neighbour_dispute("备份之后记录的纠纷。"))
    key = sealed.key
    assert key is not None
    sealed.close()
    path = database_path(data_dir)
    with contextlib.closing(cipher.connect(path, key)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as file:  # cut at a page boundary: the size alone looks fine
        file.truncate(path.stat().st_size - 3 * backups.PAGE)

    with pytest.raises(backups.StoreDamaged) as damaged:
        _open(data_dir, key)
    assert len(damaged.value.backups) == 1
    aside = backups.restore(data_dir, damaged.value.backups[0])

    assert aside.exists()  # the damaged file is kept, never deleted
    book = _open(data_dir, key)
    try:
        rows, count = book.case_page(CasePage())
        assert [row.id for row in rows] == [kept] and count == 1
    finally:
        book.close()


def test_a_store_of_garbage_is_damaged_not_a_crash(data_dir: Path) -> None:
    key = vault.new_database_key()
    database_path(data_dir).write_bytes(b"\x00" * 3 * backups.PAGE + b"half a page")
    with pytest.raises(backups.StoreDamaged) as damaged:
        _open(data_dir, key)
    assert "pages" in damaged.value.problem and damaged.value.backups == []


def test_encryption_cut_short_is_finished_at_the_next_start(data_dir: Path) -> None:
    shutil.copy(DATA / "store-0004.sqlite3", database_path(data_dir))
    worker = keystate.plain_worker(data_dir)
    assert worker is not None
    opened = keystate.protect(data_dir, worker[0], "wangfang", PASSWORD)
    book = open_casebook(data_dir, resources.sample_org_tree())  # plain: a copy is made
    book.keep_daily_backup()
    book.close()
    # The power fails after the store itself is encrypted, before its copies are.
    (data_dir / "encrypting.txt").write_text("under way")
    backups._encrypt_file(database_path(data_dir), opened.key)
    assert any(cipher.is_plain(copy.path) for copy in backups.all_backups(data_dir))

    _open(data_dir, opened.key).close()

    assert not any(cipher.is_plain(copy.path) for copy in backups.all_backups(data_dir))
    assert not (data_dir / "encrypting.txt").exists()


def test_a_key_copy_the_store_no_longer_admits_opens_nothing(sealed: Casebook) -> None:
    town = accounts.ServerAccount(
        "5d1c4c1e-0000-4000-8000-000000000004", "zhouba", "周八", VILLAGE,
        vault.hash_password("zhouba-pass"), False, dt.datetime.now(dt.UTC),
    )  # fmt: skip
    sealed.take_accounts([town])
    with sealed.store.unit_of_work() as session:  # the store refuses it; keys.json not told
        worker = session.get(Worker, town.id)
        assert worker is not None
        worker.disabled = True

    with pytest.raises(vault.UnknownLogin):
        sealed.check_password("zhouba", "zhouba-pass")
    identity = sealed.identity()
    assert identity is not None and identity.worker_name == "王芳"  # still who it was
