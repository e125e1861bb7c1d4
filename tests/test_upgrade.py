"""An upgrade keeps every record: a store and a town server store made by an earlier
revision (tests/data/README) open in this one, and the unsynced rows go up once."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

import resources
from casework import cipher, migrations, syncstate
from casework.casebook import Casebook, open_casebook
from casework.migrate import current_revision
from casework.paths import database_path
from casework.rows import CasePage
from sync import session as sync_session
from sync.client import TownServer
from sync.server.settings import DATABASE_NAME, ServerSettings
from tests.server.harness import RunningServer

DATA = Path(__file__).parent / "data"
OLD_STORE = DATA / "store-0004.sqlite3"
OLD_SERVER = DATA / "server-0004.sqlite3"


def _ids(path: Path, query: str) -> list[str]:
    with contextlib.closing(cipher.connect(path, None)) as connection:
        return sorted(str(row[0]) for row in connection.execute(query))


def _held(path: Path) -> dict[str, list[str]]:
    """What the file holds that no upgrade may lose."""
    return {
        "cases": _ids(path, "SELECT id FROM cases"),
        "events": _ids(path, "SELECT id FROM case_events"),
        "outbox": _ids(path, "SELECT event_id FROM outbox"),
        "visits": _ids(path, "SELECT id FROM visits"),
    }


@pytest.fixture
def old_laptop(data_dir: Path) -> Path:
    """The earlier revision's store, copied into a data folder as an installer leaves it."""
    shutil.copyfile(OLD_STORE, database_path(data_dir))
    return data_dir


@pytest.fixture
def upgraded(old_laptop: Path) -> Iterator[Casebook]:
    """The old store opened by this revision (migrated at start, as the app does)."""
    book = open_casebook(old_laptop, resources.sample_org_tree())
    yield book
    book.close()


@pytest.fixture
def old_town_server(tmp_path: Path) -> Iterator[RunningServer]:
    """The town server of this revision on the earlier revision's server store."""
    folder = tmp_path / "server"
    folder.mkdir()
    shutil.copyfile(OLD_SERVER, folder / DATABASE_NAME)
    server = RunningServer(ServerSettings(data_dir=folder))
    server.start()
    yield server
    server.stop()


def test_the_files_were_made_by_an_earlier_revision() -> None:
    assert current_revision(OLD_STORE) == "0004_sync" != migrations.HEAD
    held = _held(OLD_STORE)
    assert len(held["cases"]) == 6 and len(held["outbox"]) == 19
    assert set(held["outbox"]) < set(held["events"])  # some were synced, some wait


def test_the_old_store_migrates_after_a_backup_and_keeps_everything(
    upgraded: Casebook,
) -> None:
    before = _held(OLD_STORE)
    report = upgraded.migration
    assert (report.before, report.after) == ("0004_sync", migrations.HEAD)
    assert report.backup is not None and report.backup.exists()
    assert current_revision(report.backup) == "0004_sync"
    assert _held(report.backup) == before  # the copy is the old file, whole
    assert _held(upgraded.path) == before
    assert upgraded.counts() == (6, 19)
    rows, total = upgraded.case_page(CasePage())
    assert total == 6 and {row.id for row in rows} == set(before["cases"])
    who = upgraded.identity()
    assert who is not None and who.worker_name == "王芳"


def test_the_unsynced_rows_of_an_old_store_are_sent_and_stored_once(
    upgraded: Casebook, old_town_server: RunningServer
) -> None:
    waiting = set(_held(OLD_STORE)["outbox"])
    with upgraded.store.reading() as session:
        state = syncstate.enrollment(session)
    assert state is not None and state.cursor > 0  # enrolled and synced before the upgrade
    # The same token, the town server upgraded too, at its new address.
    link = TownServer(old_town_server.url, state.token)
    try:
        report = sync_session.synchronise(upgraded, link)
        again = sync_session.synchronise(upgraded, link)
    finally:
        link.close()
    assert (report.acknowledged, report.refused) == (len(waiting), [])
    assert again.pushed == 0 and upgraded.counts()[1] == 0
    with old_town_server.runtime.store.engine.connect() as connection:
        stored = [str(r[0]) for r in connection.execute(text("SELECT id FROM events"))]
    assert len(stored) == len(set(stored))  # each once
    assert set(stored) == set(_held(upgraded.path)["events"])
    assert waiting <= set(stored)
