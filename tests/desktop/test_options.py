"""Settings: declared once, kept in the data directory, never fatal when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import options
from desktop.options import Options


def test_defaults_until_something_is_set(data_dir: Path) -> None:
    settings = Options(data_dir)
    assert settings.get(options.LANGUAGE) == "zh_CN"
    settings.set(options.LANGUAGE, "en")
    assert Options(data_dir).get(options.LANGUAGE) == "en"
    stored = json.loads((data_dir / options.FILE_NAME).read_text(encoding="utf-8"))
    assert stored == {"version": options.VERSION, "values": {"language": "en"}}


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"version": 1, "values": {"language": "klingon"}}', '["a list"]', ""],
)
def test_a_damaged_or_odd_settings_file_falls_back_to_defaults(
    data_dir: Path, content: str
) -> None:
    (data_dir / options.FILE_NAME).write_text(content, encoding="utf-8")
    assert Options(data_dir).get(options.LANGUAGE) == "zh_CN"


def test_a_value_of_the_wrong_type_is_refused(data_dir: Path) -> None:
    with pytest.raises(TypeError):
        Options(data_dir).set(options.CASE_PAGE_SIZE, "many")


def test_every_option_has_a_translatable_title() -> None:
    assert all(isinstance(o.title, str) and o.title for o in options.DECLARED)


def test_the_list_roles_match_qts_own_values() -> None:
    from PySide6.QtCore import Qt

    from desktop.caselist import CASE_ID_ROLE, DISPLAY_ROLE

    assert Qt.ItemDataRole.DisplayRole.value == DISPLAY_ROLE
    assert Qt.ItemDataRole.UserRole.value + 1 == CASE_ID_ROLE
