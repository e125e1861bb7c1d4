"""A town server with its own certificate: the laptop trusts it through the CA
certificate given in settings, and refuses it without."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import TownServer, Unreachable
from sync.server.app import create_app
from sync.server.runner import BackgroundServer, Tls
from sync.server.settings import ServerSettings
from tests.server.harness import RunningServer


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def town_ca(tmp_path: Path) -> tuple[Path, Tls]:
    """A CA of the town's own, and a server certificate for 127.0.0.1 signed by it."""
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Outpost test town CA",
        cwd=tmp_path,
    )
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
             "server.csr", "-subj", "/CN=127.0.0.1", cwd=tmp_path)  # fmt: skip
    (tmp_path / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n", encoding="ascii")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf",
             cwd=tmp_path)  # fmt: skip
    return tmp_path / "ca.pem", Tls(tmp_path / "server.pem", tmp_path / "server.key")


@pytest.fixture
def https_server(
    server_settings: ServerSettings, town_ca: tuple[Path, Tls]
) -> Iterator[tuple[str, Path, RunningServer]]:
    admin = RunningServer(server_settings)
    admin.import_sample_tree()
    background = BackgroundServer(create_app(server_settings, admin.runtime), tls=town_ca[1])
    background.start()
    yield background.url, town_ca[0], admin
    background.stop()
    admin.close()


def test_the_town_ca_from_settings_is_trusted_and_nothing_else_is(
    https_server: tuple[str, Path, RunningServer],
) -> None:
    url, ca, _ = https_server
    assert url.startswith("https://127.0.0.1:")
    trusting = TownServer(url, ca_cert=ca)
    try:
        assert trusting.ping().protocol >= 1
    finally:
        trusting.close()
    stranger = TownServer(url)  # the system's CAs only
    stranger.backoff.attempts = 1
    try:
        with pytest.raises(Unreachable, match="CERTIFICATE_VERIFY_FAILED"):
            stranger.ping()
    finally:
        stranger.close()
