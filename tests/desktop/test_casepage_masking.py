"""Parties' ID numbers and phones on screen: masked on the case page until the worker asks
and confirms (the history then says so), forgotten when the page closes, and never shown
in full by the case list, even when found by them."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from casework.casefile import CaseParty
from casework.drafts import PartyDraft
from casework.models import CaseEvent
from desktop.casepage import REVEAL_COLUMN, CasePage
from desktop.mainwindow import MainWindow
from tests.conftest import ID_WITH_X, neighbour_dispute
from tests.desktop.conftest import Launch, answer_message_box, type_text

FULL = (ID_WITH_X, "13812345678", "138 1234 5678", "63981234", "6398 1234")


def _record(data_dir: Path, company: str = "") -> str:
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        draft = neighbour_dispute()
        if company:
            draft.parties.append(PartyDraft(company, "respondent", "", "", "七都镇工业园"))
        return book.record_case(draft)
    finally:
        book.close()


def _reveals(data_dir: Path) -> list[dict[str, object]]:
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        with book.store.reading() as session:
            return list(
                session.scalars(
                    sa.select(CaseEvent.payload).where(CaseEvent.type == "case.personal_data_shown")
                )
            )
    finally:
        book.close()


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None)
    return window


def _page(qtbot: QtBot, window: MainWindow, case_id: str) -> CasePage:
    window.open_case(case_id)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    return page


def _row(page: CasePage, row: int) -> list[str]:
    return [page.parties.item(row, column).text() for column in range(REVEAL_COLUMN)]


def _button(page: CasePage, row: int) -> QPushButton | None:
    widget = page.parties.cellWidget(row, REVEAL_COLUMN)
    return widget if isinstance(widget, QPushButton) else None


def _last_history_line(page: CasePage) -> tuple[str, str]:
    item = page.history.topLevelItem(page.history.topLevelItemCount() - 1)
    return item.text(1), item.text(2)


def test_parties_are_masked_until_shown_with_a_confirmation_that_names_the_record(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    case_id = _record(set_up_data_dir)
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    applicant = page.detail.parties[0] if page.detail else None
    assert isinstance(applicant, CaseParty)
    assert _row(page, 0)[1:4] == ["张建国", "110***********002X", "138****5678"]
    assert _row(page, 1)[1:4] == ["李秀英", "", "0512-****1234"]
    assert not any(full in cell for full in FULL for r in (0, 1) for cell in _row(page, r))
    button = _button(page, 0)
    assert button is not None and button.text() == "Show in full…"

    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "张建国" in asked[0] and "Viewing is recorded" in asked[0]
    qtbot.waitUntil(lambda: _row(page, 0)[2] == ID_WITH_X)
    assert _row(page, 0)[3] == "138 1234 5678"
    assert _row(page, 1)[3] == "0512-****1234"  # only the party asked for
    assert _button(page, 0) is None and _button(page, 1) is not None
    qtbot.waitUntil(lambda: _last_history_line(page)[1].startswith("Viewed"))
    assert _last_history_line(page) == ("王芳", "Viewed the full ID number and phone of 张建国")
    assert _row(page, 0)[2] == ID_WITH_X  # the reload kept what this page was shown

    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    page = _page(qtbot, window, case_id)
    assert _row(page, 0)[2:4] == ["110***********002X", "138****5678"]  # forgotten
    assert _button(page, 0) is not None
    window.close()
    assert _reveals(set_up_data_dir) == [
        {"party_id": applicant.party_id, "party_name": "张建国", "fields": ["id_number", "phone"]}
    ]


def test_declining_the_confirmation_shows_and_records_nothing(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    case_id = _record(set_up_data_dir)
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    button = _button(page, 1)
    assert button is not None
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "李秀英" in asked[0]
    assert _row(page, 1)[3] == "0512-****1234" and _button(page, 1) is not None
    window.close()
    assert _reveals(set_up_data_dir) == []


def test_a_party_with_nothing_to_mask_has_no_button(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    case_id = _record(set_up_data_dir, company="七都某纺织公司")
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    assert _row(page, 2)[1:4] == ["七都某纺织公司", "", ""]
    assert _button(page, 2) is None


def test_the_case_list_never_shows_an_id_number_or_phone_even_when_found_by_one(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    _record(set_up_data_dir, company="七都某纺织公司（电话13912345678）")
    _record(set_up_data_dir)
    window = _ready(qtbot, launch)
    model = window.cases.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and window.cases.filters is not None)
    filters = window.cases.filters
    assert filters is not None
    type_text(qtbot, filters.search, "13912345678")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, 2).data() == "张建国、李秀英、七都某纺织公司（电话139****5678）"
    filters.search.clear()
    type_text(qtbot, filters.search, ID_WITH_X)
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    shown = [model.index(r, c).data() for r in range(2) for c in range(model.columnCount())]
    for full in (*FULL, "13912345678"):
        assert not any(full in cell for cell in shown), full
