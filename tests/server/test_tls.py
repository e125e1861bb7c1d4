"""HTTPS by uvicorn's own TLS: a town without a CA makes a self-signed certificate, the
server is told it by its settings (OUTPOST_SERVER_SSL_CERTFILE / _KEYFILE), and a laptop
given that certificate trusts it; plain HTTP and untrusting clients get nothing."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sync.client import TownServer, Unreachable
from sync.server.cli import main
from sync.server.settings import ServerSettings
from tests.server.harness import ServerProcess


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key (as docs/tls.md's openssl
    command makes one): the certificate file, and the key file."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Outpost test town")])
    now = dt.datetime.now(dt.UTC)
    extensions: list[tuple[x509.ExtensionType, bool]] = [
        (x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False),
        (x509.BasicConstraints(ca=True, path_length=None), True),
        (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), False),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
    )
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    cert_path, key_path = folder / "town.pem", folder / "town.key"
    cert_path.write_bytes(
        builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def https_server(server_settings: ServerSettings, tmp_path: Path) -> Iterator[ServerProcess]:
    """`outpost-server serve` in its own process, with the certificate in its settings."""
    cert, key = self_signed(tmp_path)
    settings = server_settings.model_copy(update={"ssl_certfile": cert, "ssl_keyfile": key})
    server = ServerProcess(settings, tmp_path / "server.log")
    server.start()
    yield server
    server.stop()


def _ping(url: str, ca_cert: Path | None = None) -> int:
    client = TownServer(url, ca_cert=ca_cert)
    try:
        return client.ping().protocol
    finally:
        client.close()


def test_a_laptop_given_the_towns_certificate_syncs_over_https_and_nothing_else_works(
    https_server: ServerProcess,
) -> None:
    assert https_server.url.startswith("https://127.0.0.1:")
    cert = https_server.settings.ssl_certfile
    assert cert is not None
    assert _ping(https_server.url, ca_cert=cert) >= 1
    with pytest.raises(Unreachable, match="CERTIFICATE_VERIFY_FAILED"):
        _ping(https_server.url)  # the system's CAs do not know the town's certificate
    with pytest.raises(Unreachable):
        _ping(https_server.url.replace("https://", "http://"))  # no plain HTTP at all


def test_serve_says_which_certificate_file_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "town.pem"
    argv = ["--data-dir", str(tmp_path), "serve", "--certfile", str(missing), "--keyfile",
            str(tmp_path / "town.key")]  # fmt: skip
    assert main(argv) == 1
    assert f"no such file for HTTPS: {missing}" in capsys.readouterr().err


def test_a_certificate_without_its_key_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OUTPOST_SERVER_SSL_CERTFILE", str(tmp_path / "town.pem"))
    assert main(["--data-dir", str(tmp_path), "serve"]) == 2
    assert "needs both ssl_certfile and ssl_keyfile" in capsys.readouterr().err
