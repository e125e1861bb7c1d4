"""Workers' accounts: made on the server, synced down to the laptops of their unit with
argon2id hashes, changed by the worker on a laptop (the administrator's newer reset
stands), every administrative action in the audit log."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import argon2
import pytest

from casework import vault
from sync.client import SyncRefused, TownServer
from sync.protocol import AccountWire, ErrorCode, PasswordChange
from sync.server.services import accounts, audit
from sync.server.services.devices import AdminError
from tests.server.harness import PASSWORD, RunningServer, Tree

LAPTOP_HASHER = vault.HASHER  # as a laptop hashes a worker's new password


def _login(tree: Tree, who: str) -> str:
    return f"{who}-{tree.village_a1}"  # logins are unique on the whole (shared) server


@pytest.fixture
def laptop(shared_server: RunningServer, tree: Tree) -> Iterator[TownServer]:
    """The sync client of a laptop enrolled for village A1."""
    device = shared_server.enroll(tree.village_a1)
    client = TownServer(shared_server.url, device.token)
    yield client
    client.close()


def _change(password: str, at: dt.datetime | None = None) -> PasswordChange:
    at = at or dt.datetime.now(dt.UTC)
    return PasswordChange(password_hash=LAPTOP_HASHER.hash(password), changed_at=at)


def _stored(server: RunningServer, login: str) -> AccountWire:
    with server.runtime.store.reading() as session:
        [account] = [a for a in accounts.all_accounts(session) if a.login == login]
        return accounts.wire(account)


def _actions(server: RunningServer, unit: str) -> list[tuple[str, str]]:
    with server.runtime.store.reading() as session:
        found = audit.entries(session, limit=1000)
    return [(e.action, e.detail) for e in reversed(found) if e.org_unit_code == unit]


def test_a_village_laptop_receives_its_own_workers_with_argon2id_hashes(
    shared_server: RunningServer, tree: Tree, laptop: TownServer
) -> None:
    wang = shared_server.add_account(tree.village_a1, _login(tree, "wang"), name="王芳")
    shared_server.add_account(tree.village_a2, _login(tree, "li"), name="李明")
    shared_server.add_account(tree.town_a, _login(tree, "chen"), name="陈主任")

    [got] = laptop.accounts().accounts
    assert (got.id, got.login, got.name) == (wang, _login(tree, "wang"), "王芳")
    assert got.org_unit_code == tree.village_a1 and not got.disabled
    # The laptop checks a login offline against the hash; the password itself never travels.
    assert LAPTOP_HASHER.verify(got.password_hash, PASSWORD)
    assert PASSWORD not in got.model_dump_json()
    parameters = argon2.extract_parameters(got.password_hash)
    assert parameters.type is argon2.Type.ID
    assert (parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (3, 65536, 1)
    assert (parameters.hash_len, parameters.salt_len) == (32, 16)


def test_a_town_laptop_receives_only_the_towns_own_workers(
    shared_server: RunningServer, tree: Tree
) -> None:
    # A village worker does not open the town desk's laptop, which holds every village's
    # escalations; and no laptop receives another town's workers.
    for unit, who in ((tree.town_a, "chen"), (tree.village_a1, "wang"), (tree.village_a2, "li"),
                      (tree.village_b1, "zhao")):  # fmt: skip
        shared_server.add_account(unit, _login(tree, who))
    device = shared_server.enroll(tree.town_a)
    town = TownServer(shared_server.url, device.token)
    try:
        logins = {a.login for a in town.accounts().accounts}
    finally:
        town.close()
    assert logins == {_login(tree, "chen")}


def test_a_town_laptop_cannot_change_a_village_workers_password(
    shared_server: RunningServer, tree: Tree
) -> None:
    wang = shared_server.add_account(tree.village_a1, _login(tree, "wang"))
    device = shared_server.enroll(tree.town_a)
    town = TownServer(shared_server.url, device.token)
    change = PasswordChange(password_hash=LAPTOP_HASHER.hash("taken-over"),
                            changed_at=dt.datetime.now(dt.UTC))  # fmt: skip
    try:
        with pytest.raises(SyncRefused) as refused:
            town.change_password(wang, change)
    finally:
        town.close()
    assert refused.value.status == 404


def test_a_workers_own_change_is_taken_and_audited(
    shared_server: RunningServer, tree: Tree, laptop: TownServer
) -> None:
    login = _login(tree, "wang")
    account = shared_server.add_account(tree.village_a1, login)
    change = _change("new-secret-2026")
    stored = laptop.change_password(account, change)
    assert stored.password_hash == change.password_hash
    assert stored.password_changed_at == change.changed_at
    # Another laptop of the village receives the new hash with its next sync.
    [synced] = laptop.accounts().accounts
    assert LAPTOP_HASHER.verify(synced.password_hash, "new-secret-2026")
    # The same change sent again (its answer was lost on the way) is answered the same.
    assert laptop.change_password(account, change) == stored
    assert _actions(shared_server, tree.village_a1)[-1] == ("password_changed", login)


def test_a_change_older_than_the_administrators_reset_is_refused(
    shared_server: RunningServer, tree: Tree, laptop: TownServer
) -> None:
    login = _login(tree, "wang")
    account = shared_server.add_account(tree.village_a1, login)
    made_offline = _change("changed-on-laptop", dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    with shared_server.runtime.store.unit_of_work() as session:
        accounts.set_password(session, login=login, password="reset-by-admin", actor="test")
    with pytest.raises(SyncRefused) as refused:
        laptop.change_password(account, made_offline)
    assert refused.value.status == 409
    assert "administrator's newer password stands" in str(refused.value)
    assert LAPTOP_HASHER.verify(_stored(shared_server, login).password_hash, "reset-by-admin")


@pytest.mark.parametrize(
    ("case", "status", "code", "words"),
    [
        ("disabled", 403, ErrorCode.BAD_REQUEST, "disabled"),
        ("other village", 404, ErrorCode.NOT_FOUND, "No such account"),
        ("unknown", 404, ErrorCode.NOT_FOUND, "No such account"),
        ("a day ahead", 400, ErrorCode.BAD_REQUEST, "more than a day ahead"),
        ("not argon2id", 400, ErrorCode.BAD_REQUEST, "not an argon2id hash"),
        ("cheaper hash", 400, ErrorCode.BAD_REQUEST, "this server's costs"),
    ],
)
def test_a_change_the_server_cannot_take_is_refused_and_changes_nothing(
    shared_server: RunningServer,
    tree: Tree,
    laptop: TownServer,
    case: str,
    status: int,
    code: ErrorCode,
    words: str,
) -> None:
    unit = tree.village_a2 if case == "other village" else tree.village_a1
    login = _login(tree, "wang")
    account = shared_server.add_account(unit, login)
    change = _change("new-secret-2026")
    if case == "disabled":
        with shared_server.runtime.store.unit_of_work() as session:
            accounts.disable(session, login=login, actor="test")
    elif case == "unknown":
        account = str(uuid.uuid4())
    elif case == "a day ahead":
        change = _change("new-secret-2026", dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
    elif case == "not argon2id":
        change = PasswordChange(password_hash="$argon2id$broken", changed_at=change.changed_at)
    elif case == "cheaper hash":
        cheap = argon2.PasswordHasher(time_cost=1, memory_cost=1024).hash("new-secret-2026")
        change = PasswordChange(password_hash=cheap, changed_at=change.changed_at)
    before = _stored(shared_server, login)
    with pytest.raises(SyncRefused) as refused:
        laptop.change_password(account, change)
    assert (refused.value.status, refused.value.code) == (status, code)
    assert words in str(refused.value)
    assert _stored(shared_server, login) == before


def test_every_administrative_action_on_an_account_is_audited(
    shared_server: RunningServer, tree: Tree
) -> None:
    login = _login(tree, "wang")
    shared_server.add_account(tree.village_a1, login, name="王芳")
    with shared_server.runtime.store.unit_of_work() as session:
        accounts.set_password(session, login=login, password="reset-by-admin", actor="test")
        accounts.disable(session, login=login, actor="test")
        accounts.disable(session, login=login, actor="test")  # no change: no entry
        accounts.enable(session, login=login, actor="test")
    assert _actions(shared_server, tree.village_a1) == [
        ("account_created", f"{login} 王芳"),
        ("password_set", login),
        ("account_disabled", login),
        ("account_enabled", login),
    ]


@pytest.mark.parametrize(
    ("unit", "login", "password", "words"),
    [
        ("village_a1", "wang", "short", "at least 8 characters"),
        ("grid_a1", "wang", PASSWORD, "is a grid"),
        ("nowhere", "wang", PASSWORD, "no org unit"),
        ("village_a1", "wang fang", PASSWORD, "without spaces"),
        ("village_a1", "taken", PASSWORD, "is taken"),
    ],
)
def test_an_account_that_cannot_be_made_is_refused_in_words(
    shared_server: RunningServer, tree: Tree, unit: str, login: str, password: str, words: str
) -> None:
    shared_server.add_account(tree.village_a1, _login(tree, "taken"))
    code = getattr(tree, unit, "NOWHERE")
    with pytest.raises(AdminError, match=words):
        shared_server.add_account(code, _login(tree, login), password=password)
    with (
        pytest.raises(AdminError, match="no account"),
        shared_server.runtime.store.unit_of_work() as session,
    ):
        accounts.set_password(session, login=_login(tree, "nobody"), password=PASSWORD, actor="t")
