"""The Chinese translation is complete, compiled, and covers every string in the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import resources

TS = resources.translations_dir() / "outpost_zh_CN.ts"
QM = TS.with_suffix(".qm")
DESKTOP = Path(__file__).resolve().parent.parent / "desktop"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is installed with PySide6"
    return found


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("message"))


def test_every_message_is_translated() -> None:
    untranslated = [
        m.findtext("source")
        for m in _messages(TS)
        if m.find("translation").get("type") in {"unfinished", "obsolete", "vanished"}  # type: ignore[union-attr]
        or not "".join(m.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_lupdate_finds_no_string_missing_from_the_ts_file(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in DESKTOP.glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(copy)], check=True,
                   capture_output=True)  # fmt: skip
    fresh = [
        m.findtext("source")
        for m in _messages(copy)
        if m.find("translation").get("type") == "unfinished"
    ]  # type: ignore[union-attr]
    assert fresh == [], "run pyside6-lupdate and translate the new strings"


def test_the_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    built = tmp_path / QM.name
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True,
                   capture_output=True)  # fmt: skip
    assert built.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts file"
