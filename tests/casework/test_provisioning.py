"""A trainer's provisioning file: read, checked, refused with the reason."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from casework import provisioning
from casework.provisioning import Provisioning, Refused

URL = "https://qidu.example.cn:8443"
VILLAGE = "320509003001"


@pytest.fixture(scope="module")
def ca_pem(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real self-signed CA certificate, as a town makes for its server."""
    folder = tmp_path_factory.mktemp("ca")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
         "-out", "ca.pem", "-days", "30", "-subj", "/CN=七都镇 town CA"],
        cwd=folder, check=True, capture_output=True,
    )  # fmt: skip
    return (folder / "ca.pem").read_text(encoding="utf-8")


def _toml(folder: Path, body: str) -> Path:
    path = folder / "provisioning.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_toml_file_gives_the_server_its_certificate_and_the_unit(
    tmp_path: Path, ca_pem: str
) -> None:
    path = _toml(
        tmp_path,
        f'server_url = "{URL}/"\norg_unit_code = "{VILLAGE}"\n'
        f'training = true\nserver_ca = """\n{ca_pem}"""\n',
    )
    got = provisioning.load(path)
    assert got == Provisioning(URL, VILLAGE, ca_pem.strip() + "\n", True, path)
    written = provisioning.install_ca(got, tmp_path)
    assert written is not None and written.read_text(encoding="utf-8") == got.server_ca


def test_a_json_file_with_a_bom_and_no_certificate(tmp_path: Path) -> None:
    path = tmp_path / "provisioning.json"
    text = json.dumps({"server_url": "http://10.0.0.5:8000", "org_unit_code": VILLAGE})
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    got = provisioning.load(path)
    assert (got.server_url, got.server_ca, got.training) == ("http://10.0.0.5:8000", "", False)
    assert provisioning.install_ca(got, tmp_path) is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (f'org_unit_code = "{VILLAGE}"', "server_url is missing"),
        (f'server_url = "{URL}"', "org_unit_code is missing"),
        (f'server_url = "ftp://x"\norg_unit_code = "{VILLAGE}"',
         "server_url 'ftp://x' is not an http:// or https:// address"),
        (f'server_url = "{URL}"\norg_unit_code = 320509003001',
         "org_unit_code must be text"),
        (f'server_url = "{URL}"\norg_unit_code = "{VILLAGE}"\ntraining = "yes"',
         "training must be true or false"),
        (f'server_url = "{URL}"\norg_unit_code = "{VILLAGE}"\nserver = "x"',
         "unknown setting(s): server"),
        (f'server_url = "{URL}"\norg_unit_code = "{VILLAGE}"\nserver_ca = "not a cert"',
         "server_ca is not a PEM certificate (-----BEGIN CERTIFICATE-----)"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_the_reason(tmp_path: Path, body: str, reason: str) -> None:
    with pytest.raises(Refused) as refused:
        provisioning.load(_toml(tmp_path, body))
    assert refused.value.reason == reason


def test_a_damaged_certificate_or_a_broken_file_is_refused(tmp_path: Path, ca_pem: str) -> None:
    damaged = ca_pem.replace(ca_pem.splitlines()[3], "@@@@")
    path = _toml(
        tmp_path, f'server_url = "{URL}"\norg_unit_code = "{VILLAGE}"\nserver_ca = """{damaged}"""'
    )
    with pytest.raises(Refused, match="server_ca is a damaged PEM certificate"):
        provisioning.load(path)
    with pytest.raises(Refused, match="the file is not valid TOML"):
        provisioning.load(_toml(tmp_path, 'server_url = "'))
    with pytest.raises(Refused, match="the file cannot be read"):
        provisioning.load(tmp_path / "missing.toml")


def test_the_file_given_wins_then_the_data_folder(tmp_path: Path) -> None:
    assert provisioning.find(None, tmp_path) is None
    in_data = _toml(tmp_path, "")
    assert provisioning.find(None, tmp_path) == in_data
    assert provisioning.find("/elsewhere/p.toml", tmp_path) == Path("/elsewhere/p.toml")
