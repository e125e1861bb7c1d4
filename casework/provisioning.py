"""The provisioning file a trainer makes for a build: which town server the laptop
talks to (its address and, if it has its own, its CA certificate), which village or
town the laptop serves, and whether it is a training build.

TOML (``provisioning.toml``) or JSON (``provisioning.json``)::

    server_url = "https://qidu.example.cn:8443"
    org_unit_code = "320509003001"
    training = false
    server_ca = \"\"\"
    -----BEGIN CERTIFICATE-----
    ...
    -----END CERTIFICATE-----
    \"\"\"

Every problem is refused with a sentence saying which field and why (``Refused``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FILE_NAMES = ("provisioning.toml", "provisioning.json")
CA_FILE_NAME = "town-server-ca.pem"
_FIELDS = {"server_url", "server_ca", "org_unit_code", "training"}


@dataclasses.dataclass(frozen=True)
class Provisioning:
    """What a provisioning file fixes for a laptop."""

    server_url: str
    org_unit_code: str
    server_ca: str = ""  # PEM text; empty: the server's certificate is publicly trusted
    training: bool = False
    source: Path | None = None


class Refused(ValueError):
    """The file cannot be used; ``reason`` says why, for the trainer."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def _parse(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Refused(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows Notepad is fine
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise Refused(path, "the file is not UTF-8 text") from exc
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise Refused(path, f"the file is not valid {kind}: {exc}") from exc
    if not isinstance(data, dict):
        raise Refused(path, "the file must hold a table of settings")
    return data


def _text(path: Path, data: dict[str, Any], key: str, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise Refused(path, f"{key} must be text")
    if required and not value.strip():
        raise Refused(path, f"{key} is missing")
    return value.strip()


def _check_url(path: Path, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(path, f"server_url {url!r} is not an http:// or https:// address")
    return url.rstrip("/")


def _check_ca(path: Path, pem: str) -> str:
    if not pem:
        return ""
    if "-----BEGIN CERTIFICATE-----" not in pem:
        raise Refused(path, "server_ca is not a PEM certificate (-----BEGIN CERTIFICATE-----)")
    import ssl  # here: most starts have no provisioning file, and the import costs 10 ms

    try:  # OpenSSL itself reads it, as the laptop will when it connects
        ssl.create_default_context(cadata=pem)
    except (ssl.SSLError, ValueError) as exc:
        raise Refused(path, f"server_ca is a damaged PEM certificate ({exc})") from exc
    return pem + "\n"


def load(path: Path) -> Provisioning:
    """Read and check a provisioning file; raises Refused with the reason."""
    data = _parse(path)
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise Refused(path, f"unknown setting(s): {', '.join(unknown)}")
    training = data.get("training", False)
    if not isinstance(training, bool):
        raise Refused(path, "training must be true or false")
    return Provisioning(
        server_url=_check_url(path, _text(path, data, "server_url", True)),
        org_unit_code=_text(path, data, "org_unit_code", True),
        server_ca=_check_ca(path, _text(path, data, "server_ca", False)),
        training=training,
        source=path,
    )


def find(given: str | Path | None, data_dir: Path) -> Path | None:
    """The provisioning file to use: ``given`` (``--provision``), else one beside the
    program (a trainer's build), else one in the data folder; None if there is none."""
    if given:
        return Path(given)
    program = Path(sys.executable if getattr(sys, "frozen", False) else sys.argv[0]).parent
    for folder in (program, data_dir):
        for name in FILE_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def install_ca(provisioning: Provisioning, data_dir: Path) -> Path | None:
    """Write the CA certificate into the data folder (the setting names a file); None
    when the file gives none."""
    if not provisioning.server_ca:
        return None
    target = data_dir / CA_FILE_NAME
    target.write_text(provisioning.server_ca, encoding="utf-8")
    return target
