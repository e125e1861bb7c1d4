"""Workers' accounts over the real server: made by the town administrator, synced down
to an encrypted laptop where they open the store offline; a worker's own password change
travels up; a disabled account stops opening the laptop. And an encrypted laptop restored
from its copy after damage syncs on."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

import resources
from casework import keystate, vault
from casework.casebook import Casebook, open_casebook
from sync import session as sync_session
from sync.client import TownServer
from sync.server.models import Account
from sync.server.services import accounts as server_accounts
from sync.server.services import audit
from tests.server.harness import RunningServer
from tests.sync.test_end_to_end import VILLAGE


@pytest.fixture
def laptop(tmp_path: Path, outpost_server: RunningServer) -> Iterator[tuple[Casebook, TownServer]]:
    """An encrypted village laptop (first worker 王芳), enrolled with the real server."""
    book = open_casebook(tmp_path / "laptop", resources.sample_org_tree(),
                         key=keystate.fresh_key())  # fmt: skip
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE, login="wangfang",
                password="wangfang-pass")  # fmt: skip
    server = TownServer(outpost_server.url)
    sync_session.enroll(book, server, outpost_server.enrollment_code(VILLAGE))
    yield book, server
    book.close()
    server.close()


def _make(server: RunningServer, login: str, name: str, password: str, unit: str = VILLAGE
          ) -> str:  # fmt: skip
    with server.runtime.store.unit_of_work() as session:
        made = server_accounts.create(session, login=login, name=name, org_unit_code=unit,
                                      password=password, actor="admin")  # fmt: skip
        return made.id


def _stored_hash(server: RunningServer, account_id: str) -> str:
    with server.runtime.store.reading() as session:
        account = session.get(Account, account_id)
        assert account is not None
        return account.password_hash


def test_a_town_account_opens_the_laptop_offline_and_names_its_events(
    laptop: tuple[Casebook, TownServer], outpost_server: RunningServer
) -> None:
    book, server = laptop
    li = _make(outpost_server, "lisi", "李四", "lisi-password")
    _make(outpost_server, "other", "邻村的人", "other-password", unit="320509003002")

    report = sync_session.synchronise(book, server)

    assert report.accounts == 1  # the neighbouring village's worker never reaches here
    keyring = vault.Keyring.load(book.path.parent)
    assert {login.login for login in keyring.logins()} == {"wangfang", "lisi"}
    server.close()  # no link from here on: the login is the laptop's alone
    opened = keyring.unlock("lisi", "lisi-password")
    assert opened == vault.Unlocked(book.key or b"", li)
    book.log_in(opened.worker_id)
    identity = book.identity()
    assert identity is not None and identity.worker_name == "李四"


def test_a_password_changed_on_the_laptop_reaches_the_town(
    laptop: tuple[Casebook, TownServer], outpost_server: RunningServer
) -> None:
    book, server = laptop
    li = _make(outpost_server, "lisi", "李四", "lisi-password")
    sync_session.synchronise(book, server)
    book.log_in(book.check_password("lisi", "lisi-password"))

    book.change_password("lisi-password", "lisi-new-pass")  # offline: waits for the sync
    assert PasswordHasher().verify(_stored_hash(outpost_server, li), "lisi-password")
    sync_session.synchronise(book, server)

    assert PasswordHasher().verify(_stored_hash(outpost_server, li), "lisi-new-pass")
    assert book.password_changes() == []
    with outpost_server.runtime.store.reading() as session:
        actions = [entry.action for entry in audit.entries(session)]
    assert "password_changed" in actions and "account_created" in actions


def test_a_disabled_account_no_longer_opens_the_laptop(
    laptop: tuple[Casebook, TownServer], outpost_server: RunningServer
) -> None:
    book, server = laptop
    _make(outpost_server, "lisi", "李四", "lisi-password")
    sync_session.synchronise(book, server)
    assert vault.Keyring.load(book.path.parent).unlock("lisi", "lisi-password")

    with outpost_server.runtime.store.unit_of_work() as session:
        server_accounts.disable(session, login="lisi", actor="admin")
    sync_session.synchronise(book, server)

    with pytest.raises(vault.UnknownLogin):
        vault.Keyring.load(book.path.parent).unlock("lisi", "lisi-password")
    assert vault.Keyring.load(book.path.parent).unlock("wangfang", "wangfang-pass")


def test_a_laptop_restored_from_its_copy_syncs_on_and_the_town_sees_the_restart(
    laptop: tuple[Casebook, TownServer], outpost_server: RunningServer
) -> None:
    book, server = laptop
    from casework import backups, cipher
    from casework.paths import database_path
    from sync.server.services import chain
    from tests.conftest import neighbour_dispute

    book.record_case(neighbour_dispute("备份之前的纠纷。"))
    sync_session.synchronise(book, server)
    book.keep_daily_backup()
    book.record_case(neighbour_dispute("备份之后、已上报的纠纷。"))
    sync_session.synchronise(book, server)  # the server holds numbers the copy lacks
    key, folder = book.key, book.path.parent
    book.close()
    with open(database_path(folder), "r+b") as damaged:
        damaged.truncate(damaged.seek(0, 2) // 2)
    with pytest.raises(backups.StoreDamaged) as found:
        open_casebook(folder, resources.sample_org_tree(), key=key)
    backups.restore(folder, found.value.backups[0])

    again = open_casebook(folder, resources.sample_org_tree(), key=key)
    try:
        again.record_case(neighbour_dispute("恢复之后的纠纷。"))
        report = sync_session.synchronise(again, server)
        assert report.refused == [] and again.counts()[1] == 0  # nothing stuck in the outbox
        assert again.counts()[0] == 3  # the case sent before the damage came back
        with contextlib.closing(cipher.connect(again.path, key)) as connection:
            [(last_seq,)] = connection.execute("SELECT last_seq FROM devices").fetchall()
        assert last_seq > backups.RESTORE_SEQ_JUMP
    finally:
        again.close()
    with outpost_server.runtime.store.reading() as session:
        kinds = {found.kind for found in chain.breaks(session)}
    assert "restart" in kinds or "gap" in kinds  # the town sees the laptop went back
