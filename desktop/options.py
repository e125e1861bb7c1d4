"""Every setting declared once, with type, default and a translatable title.

Settings live in ``settings.json`` in the data directory, next to the database, so a
trainer's or a test's ``--data-dir`` carries them too. The file has a version; older
files are upgraded step by step when read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from casework.provisioning import Provisioning

log = logging.getLogger("outpost.options")

VERSION = 1
FILE_NAME = "settings.json"


class Option(NamedTuple):
    """One declared setting; ``choices`` maps stored values to translatable labels."""

    key: str
    type: type
    default: Any
    title: object  # a QT_TRANSLATE_NOOP("Options", ...) source string
    choices: dict[str, str] | None = None


LANGUAGE = Option(
    "language",
    str,
    "zh_CN",
    QT_TRANSLATE_NOOP("Options", "Language (takes effect after restart)"),
    {"zh_CN": "简体中文", "en": "English"},
)
CASE_PAGE_SIZE = Option(
    "case_page_size", int, 200, QT_TRANSLATE_NOOP("Options", "Cases fetched per page")
)

SERVER_URL = Option("server_url", str, "", QT_TRANSLATE_NOOP("Options", "Town server address"))
SERVER_CA = Option(
    "server_ca", str, "",
    QT_TRANSLATE_NOOP("Options", "CA certificate of the town server (if it has its own)"),
)  # fmt: skip

IDLE_LOCK_MINUTES = Option(
    "idle_lock_minutes", int, 10,
    QT_TRANSLATE_NOOP("Options", "Lock after this many minutes without use"),
)  # fmt: skip
IDLE_LOCK_RANGE = (1, 120)  # minutes: never off, since the records are personal data

DECLARED = [LANGUAGE, CASE_PAGE_SIZE, SERVER_URL, SERVER_CA, IDLE_LOCK_MINUTES]

# Upgrades from version N to N+1, applied in order to older files.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class Options:
    """The settings of one data directory."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILE_NAME
        self._values = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            # A damaged settings file must not stop the app; the defaults are safe.
            log.warning("settings file %s unreadable; using defaults", self.path)
            return {}
        version = int(data.get("version", 1)) if isinstance(data, dict) else VERSION
        values = dict(data.get("values", {})) if isinstance(data, dict) else {}
        for step in range(version, VERSION):
            values = _UPGRADES[step](values)
        return values

    def get(self, option: Option) -> Any:
        """The stored value, or the default if absent or of the wrong type or choice."""
        value = self._values.get(option.key, option.default)
        if not isinstance(value, option.type):
            return option.default
        if option.choices is not None and value not in option.choices:
            return option.default
        return value

    def set(self, option: Option, value: Any) -> None:
        """Store and save at once (settings are tiny; no batching needed)."""
        if not isinstance(value, option.type):
            raise TypeError(f"{option.key} takes {option.type.__name__}")
        self._values[option.key] = value
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"version": VERSION, "values": self._values}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        tmp.replace(self.path)


def apply_provisioning(settings: Options, provisioning: Provisioning, data_dir: Path) -> None:
    """Take the town server's address and CA certificate from a trainer's provisioning
    file (the certificate is written into the data folder; the setting names it)."""
    from casework.provisioning import install_ca

    settings.set(SERVER_URL, provisioning.server_url)
    ca = install_ca(provisioning, data_dir)
    settings.set(SERVER_CA, str(ca) if ca is not None else "")
