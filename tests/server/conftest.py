"""Server tests run on SQLite and on PostgreSQL: a shared server per database for the
tests that bring their own org tree, a fresh one for those that need a store of their own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sync.server.settings import ServerSettings
from tests.server.harness import EnrolledDevice, PostgresDatabase, RunningServer, Tree

DATABASES = ["sqlite", "postgresql"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "server_database_url" in metafunc.fixturenames:
        metafunc.parametrize("server_database_url", DATABASES, indirect=True)


@pytest.fixture(scope="session", params=DATABASES)
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One running server per database for the session; tests keep apart by `tree`."""
    url = None
    if request.param == "postgresql":
        database: PostgresDatabase = request.getfixturevalue("postgres_test_database")
        url = database.fresh_url()
    # Every test enrolls its own laptops from 127.0.0.1: no limit on enrollment here
    # (test_ratelimit.py has servers with limits of their own).
    settings = ServerSettings(
        data_dir=tmp_path_factory.mktemp("shared"),
        database_url=url,
        enroll_attempts_per_minute=0,
    )
    server = RunningServer(settings).start()
    yield server
    server.stop()


@pytest.fixture
def tree(shared_server: RunningServer) -> Tree:
    """A fresh org tree of this test's own on the shared server."""
    return shared_server.new_tree()


@pytest.fixture
def village_a1(shared_server: RunningServer, tree: Tree) -> EnrolledDevice:
    """A laptop enrolled for village A1 of the test's tree."""
    return shared_server.enroll(tree.village_a1, name="甲一村笔记本")
