"""Shared fixtures: a scratch data directory, an open casebook, sample drafts.

Qt runs offscreen and pytest-qt owns the one QApplication.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # the server's modules load only for the tests that start one
    from sync.server.settings import ServerSettings
    from tests.server.harness import PostgresDatabase, RunningServer, ServerProcess

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import resources
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft, PartyDraft

VILLAGE = "320509003001"  # 开弦弓村, 七都镇

# Valid resident ID numbers (GB 11643 check digits), one ending in X.
ID_WITH_X = "11010519491231002X"
ID_PLAIN = "320509198503121230"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory, as on a new laptop."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def casebook(data_dir: Path) -> Iterator[Casebook]:
    """A migrated store with the sample org tree and a worker set up for 开弦弓村."""
    book = open_casebook(data_dir, resources.sample_org_tree())
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    yield book
    book.close()


def neighbour_dispute(facts: str = "邻居家空调外机滴水到院子里，多次协商未果。") -> CaseDraft:
    """A well-formed draft of an ordinary neighbour dispute."""
    return CaseDraft(
        dispute_type="neighbour",
        facts=facts,
        claims="要求移走空调外机并赔偿损失 500 元。",
        parties=[
            PartyDraft("张建国", "applicant", ID_WITH_X, "13812345678", "开弦弓村 12 组 3 号"),
            PartyDraft("李秀英", "respondent", "", "0512-63981234", "开弦弓村 12 组 5 号"),
        ],
    )


# --- The town server, for real, on a loopback port (tests/server/harness.py) -----------
# `outpost_server` runs on SQLite unless a test asks for PostgreSQL with
# `@pytest.mark.parametrize("server_database_url", ["sqlite", "postgresql"], indirect=True)`
# (tests/server does so for all its tests). PostgreSQL tests skip when no cluster is
# reachable, and fail instead when OUTPOST_REQUIRE_POSTGRES=1 (CI).


@pytest.fixture(scope="session")
def postgres_test_database() -> Iterator[PostgresDatabase]:
    """A throwaway PostgreSQL database for the session (harness.PostgresDatabase)."""
    from tests.server.harness import REQUIRE_POSTGRES, PostgresDatabase, PostgresUnavailable

    try:
        database = PostgresDatabase()
    except PostgresUnavailable as exc:
        if os.environ.get(REQUIRE_POSTGRES) == "1":
            pytest.fail(f"{REQUIRE_POSTGRES}=1 but PostgreSQL is missing: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL for the server tests: {exc}")
    yield database
    database.drop()


@pytest.fixture
def server_database_url(request: pytest.FixtureRequest) -> str | None:
    """The store of one test's server: None for SQLite in its data folder, or the URL of
    a fresh PostgreSQL schema (param "postgresql")."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return None
    database: PostgresDatabase = request.getfixturevalue("postgres_test_database")
    return database.fresh_url()


@pytest.fixture
def server_settings(tmp_path: Path, server_database_url: str | None) -> ServerSettings:
    """ServerSettings for one test's server: its own data folder and store."""
    from sync.server.settings import ServerSettings

    return ServerSettings(data_dir=tmp_path / "server", database_url=server_database_url)


@pytest.fixture
def outpost_server(server_settings: ServerSettings) -> Iterator[RunningServer]:
    """A running server (harness.RunningServer) with the sample org tree imported.

    ``.url``; ``.enrollment_code(unit_code, hours=24.0) -> str``; ``.revoke(device_id)``;
    ``.enroll(unit_code) -> EnrolledDevice`` (over HTTP); ``.restart()`` (same port and
    store); ``.settings``.
    """
    from tests.server.harness import RunningServer

    server = RunningServer(server_settings)
    server.import_sample_tree()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def outpost_server_process(
    server_settings: ServerSettings, tmp_path: Path
) -> Iterator[ServerProcess]:
    """The server in a child process (harness.ServerProcess), sample tree imported:
    ``.kill()`` sends SIGKILL, ``.start()`` brings it back on the same port and store;
    ``.url``, ``.enrollment_code(...)``, ``.revoke(...)`` as for ``outpost_server``."""
    from tests.server.harness import ServerProcess

    server = ServerProcess(server_settings, tmp_path / "server.log")
    server.import_sample_tree()
    server.start()
    yield server
    server.stop()
