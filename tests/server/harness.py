"""Real town servers for tests: on a thread or in a process, on a free loopback port,
over SQLite or a throwaway PostgreSQL database, with the administrator's commands."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
from sqlalchemy.engine import URL

import resources
from casework.domain import OrgLevel
from casework.orgtree import OrgNode
from sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    EnrollRequest,
    EnrollResponse,
    PulledEvent,
    PullResponse,
    PushResponse,
    checksum,
)
from sync.server.app import create_app
from sync.server.runner import BackgroundServer
from sync.server.runtime import Runtime
from sync.server.services import accounts, devices, orgunits
from sync.server.settings import ServerSettings

HEADERS = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
REQUIRE_POSTGRES = "OUTPOST_REQUIRE_POSTGRES"
POSTGRES_DSN = "OUTPOST_TEST_POSTGRES_DSN"  # libpq conninfo of a role that may CREATE DATABASE
PASSWORD = "qidu-2026-spring"  # a worker's password the tests give accounts


@dataclasses.dataclass(frozen=True)
class Tree:
    """A small org tree of its own for one test, so tests can share a server:
    district → towns A and B; A has villages A1 and A2 (A1 with a grid), B has B1."""

    district: str
    town_a: str
    village_a1: str
    grid_a1: str
    village_a2: str
    town_b: str
    village_b1: str

    @classmethod
    def make(cls) -> Tree:
        """Fresh codes, unused on any server."""
        p = f"T{uuid.uuid4().hex[:10]}"
        return cls(p, f"{p}A", f"{p}A1", f"{p}A1G", f"{p}A2", f"{p}B", f"{p}B1")

    def nodes(self) -> list[OrgNode]:
        """The tree as the org tree loader would read it."""
        return [
            OrgNode(self.district, "测试区", OrgLevel.DISTRICT, None),
            OrgNode(self.town_a, "甲镇", OrgLevel.TOWN, self.district),
            OrgNode(self.village_a1, "甲一村", OrgLevel.VILLAGE, self.town_a),
            OrgNode(self.grid_a1, "甲一村第一网格", OrgLevel.GRID, self.village_a1),
            OrgNode(self.village_a2, "甲二村", OrgLevel.VILLAGE, self.town_a),
            OrgNode(self.town_b, "乙镇", OrgLevel.TOWN, self.district),
            OrgNode(self.village_b1, "乙一村", OrgLevel.VILLAGE, self.town_b),
        ]


class Administrator:
    """What `outpost-server` does at the console, done on the server's store directly."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        self._runtime: Runtime | None = None

    @property
    def runtime(self) -> Runtime:
        """The store (opened and migrated on first use) and the server's resources."""
        if self._runtime is None:
            self._runtime = Runtime.open(self.settings)
        return self._runtime

    def close(self) -> None:
        """Close the administrator's connections."""
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None

    def import_sample_tree(self) -> None:
        """Import resources' sample org tree (district 吴江区, towns, villages, grids)."""
        with self.runtime.store.unit_of_work() as session:
            orgunits.import_tree(session, csv_path=resources.sample_org_tree(), actor="test")

    def new_tree(self) -> Tree:
        """Import a fresh small tree of unique codes and return it."""
        tree = Tree.make()
        with self.runtime.store.unit_of_work() as session:
            orgunits.import_nodes(session, nodes=tree.nodes(), actor="test")
        return tree

    def enrollment_code(self, unit_code: str, *, hours: float = 24.0) -> str:
        """A fresh one-time code for a village, town or district device."""
        with self.runtime.store.unit_of_work() as session:
            issued = devices.issue_code(
                session,
                org_unit_code=unit_code,
                lifetime=dt.timedelta(hours=hours),
                actor="test",
            )
        return issued.code

    def revoke(self, device_id: str) -> None:
        """Revoke a device's token."""
        with self.runtime.store.unit_of_work() as session:
            devices.revoke(session, device_id=device_id, actor="test")

    def add_account(
        self, unit_code: str, login: str, *, name: str = "王芳", password: str = PASSWORD
    ) -> str:
        """Create a worker's account as `outpost-server add-account` does; its id."""
        with self.runtime.store.unit_of_work() as session:
            account = accounts.create(
                session, login=login, name=name, org_unit_code=unit_code, password=password,
                actor="test",
            )  # fmt: skip
            return account.id

    @property
    def url(self) -> str:
        """The base URL of the server (paths start with /v1)."""
        raise NotImplementedError

    def enroll(self, unit_code: str, *, name: str = "test laptop") -> EnrolledDevice:
        """Enroll a new device of ``unit_code`` over HTTP, as a laptop does."""
        code = self.enrollment_code(unit_code)
        request = EnrollRequest(code=code, device_id=str(uuid.uuid4()), device_name=name)
        answer = requests.post(
            f"{self.url}/v1/enroll",
            data=request.model_dump_json(),
            headers={**HEADERS, "Content-Type": "application/json"},
            timeout=10,
        )
        answer.raise_for_status()
        return EnrolledDevice(EnrollResponse.model_validate_json(answer.content))


class RunningServer(Administrator):
    """A server app on a background thread; ``restart`` keeps the port and the store."""

    def __init__(self, settings: ServerSettings) -> None:
        super().__init__(settings)
        self._background: BackgroundServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The base URL, e.g. http://127.0.0.1:40123 (paths start with /v1)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RunningServer:
        """Serve on the port (a free one at first), on the administrator's store."""
        app = create_app(self.settings, self.runtime)
        self._background = BackgroundServer(app, port=self.port).start()
        self.port = self._background.port
        return self

    def stop(self) -> None:
        """Stop serving and close the store."""
        if self._background is not None:
            self._background.stop()
            self._background = None
        self.close()

    def restart(self) -> None:
        """Stop and start again on the same port."""
        self.stop()
        self.start()


class EnrolledDevice:
    """A device's identity and token, with the headers its requests carry."""

    def __init__(self, enrollment: EnrollResponse) -> None:
        self.enrollment = enrollment
        self.id = enrollment.device_id
        self.unit = enrollment.org_unit_code
        self.token = enrollment.token
        self.headers = {**HEADERS, "Authorization": f"Bearer {enrollment.token}"}
        self._seq = itertools.count(1)

    def next_seq(self) -> int:
        """The next device_seq this device numbers an event with."""
        return next(self._seq)


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess(Administrator):
    """`python -m sync.server serve` in a child process: it can be SIGKILLed and
    started again on the same port and store."""

    def __init__(self, settings: ServerSettings, log_path: Path) -> None:
        super().__init__(settings)
        self.port = free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL (https when the settings name a certificate)."""
        scheme = "https" if self.settings.ssl_certfile else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def _environment(self) -> dict[str, str]:
        # The certificate as an administrator sets it: OUTPOST_SERVER_* variables.
        env = dict(os.environ)
        for name in ("ssl_certfile", "ssl_keyfile"):
            value = getattr(self.settings, name)
            if value is not None:
                env[f"OUTPOST_SERVER_{name.upper()}"] = str(value)
        return env

    def start(self, timeout_s: float = 20.0) -> ServerProcess:
        """Start the process and wait until it answers a ping."""
        argv = [sys.executable, "-m", "sync.server", "--data-dir", str(self.settings.data_dir)]
        if self.settings.database_url:
            argv += ["--database-url", self.settings.database_url]
        argv += ["serve", "--port", str(self.port)]
        if self.settings.training:
            argv.append("--training")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                argv, stdout=log, stderr=subprocess.STDOUT, env=self._environment()
            )
        cert = self.settings.ssl_certfile
        trust: str | bool = str(cert) if cert else True  # a self-signed certificate
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited; see {self.log_path}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{self.url}/v1/ping", timeout=1, verify=trust).ok:
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer in {timeout_s} s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, whatever it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """A clean stop (SIGTERM), waited for; the administrator's store is closed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.close()


# --- PostgreSQL: one throwaway database per test session, one schema per test --------


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL cluster could be reached to make a test database."""


class PostgresDatabase:
    """A database made for this test session, dropped at its end."""

    def __init__(self) -> None:
        import psycopg

        dsn = os.environ.get(POSTGRES_DSN, "dbname=postgres")
        self.name = f"outpost_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        try:
            self._admin = psycopg.connect(dsn, autocommit=True, connect_timeout=5)
            self._admin.execute(f'CREATE DATABASE "{self.name}"')
        except psycopg.Error as exc:
            raise PostgresUnavailable(f"cannot make a database with {dsn!r}: {exc}") from exc
        info = self._admin.info
        query = {"host": info.host, "port": str(info.port)}
        self._base = URL.create(
            "postgresql+psycopg",
            username=info.user,
            password=info.password or None,
            database=self.name,
            query=query,
        )
        self._schemas = itertools.count(1)

    def fresh_url(self) -> str:
        """The URL of a new, empty schema: a store of its own for one test."""
        import psycopg

        schema = f"t{next(self._schemas)}"
        url = self._base.update_query_dict({"options": f"-csearch_path={schema}"})
        with psycopg.connect(self._base.set(drivername="postgresql").render_as_string(False)) as c:
            c.execute(f"CREATE SCHEMA {schema}")
        return url.render_as_string(hide_password=False)

    def drop(self) -> None:
        """Drop the database, whoever is still connected."""
        self._admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._admin.close()


@contextlib.contextmanager
def postgres_database() -> Iterator[PostgresDatabase]:
    """A throwaway database for the session."""
    database = PostgresDatabase()
    try:
        yield database
    finally:
        database.drop()


def event(
    device: EnrolledDevice,
    *,
    unit: str | None = None,
    type: str = "case_opened",
    payload: dict[str, object] | None = None,
    **fields: object,
) -> dict[str, object]:
    """A well-formed wire event of ``device``'s (its next device_seq), as JSON."""
    body: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "device_id": device.id,
        "device_seq": device.next_seq(),
        "hlc": f"{int(time.time() * 1000):015d}.000000",
        "case_id": str(uuid.uuid4()),
        "org_unit_code": unit or device.unit,
        "author_id": "worker-1",
        "author_name": "王芳",
        "type": type,
        "payload": {"facts": "邻居家空调外机滴水", "amount": 500} if payload is None else payload,
        "schema_version": 1,
        "recorded_at": "2026-11-28T09:30:00+08:00",
    }
    body.update(fields)
    return body


def push(url: str, device: EnrolledDevice, events: list[dict[str, object]]) -> PushResponse:
    """Push ``events`` as ``device``; the answer must be a 200."""
    answer = requests.post(
        f"{url}/v1/push", json={"events": events}, headers=device.headers, timeout=30
    )
    assert answer.status_code == 200, answer.text
    return PushResponse.model_validate_json(answer.content)


def pull(url: str, device: EnrolledDevice, cursor: int = 0, limit: int = 500) -> PullResponse:
    """One page of ``device``'s scope after ``cursor``."""
    answer = requests.get(
        f"{url}/v1/pull",
        params={"cursor": cursor, "limit": limit},
        headers=device.headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return PullResponse.model_validate_json(answer.content)


def pull_all(url: str, device: EnrolledDevice, limit: int = 500) -> list[PulledEvent]:
    """Every event of the scope, page by page, checking each page's checksum as a
    client does (count and sum of the seqs it holds up to the cursor)."""
    held: list[PulledEvent] = []
    cursor = 0
    while True:
        page = pull(url, device, cursor, limit)
        assert not page.cursor_expired
        held.extend(page.events)
        assert page.checksum == checksum(len(held), sum(e.server_seq for e in held))
        cursor = page.next_cursor
        if not page.more:
            return held
