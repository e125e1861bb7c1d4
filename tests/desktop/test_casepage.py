"""The case page's tabs and the case list's search, on the real window and store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from casework.intake import clean_answers
from casework.rows import CaseFilter
from desktop.caselist import BACKGROUND_ROLE, OVERDUE_ROLE
from desktop.casepage import CasePage
from desktop.mainwindow import MainWindow
from desktop.stepdialog import StepDialog
from tests.casework.test_attachments import PNG
from tests.conftest import neighbour_dispute
from tests.desktop.conftest import Launch, answer_message_box, type_text


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None)
    return window


def _record(data_dir: Path, *, accept: bool, facts: str = "邻居家空调外机滴水到院子里。",
            days_ago: int = 0) -> str:  # fmt: skip
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
        case_id = book.record_case(neighbour_dispute(facts), at=at)
        if accept:
            book.accept_case(case_id, clean_answers(book.checklists.intake))
        return case_id
    finally:
        book.close()


def _page(qtbot: QtBot, window: MainWindow, case_id: str) -> CasePage:
    window.open_case(case_id)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    return page


def test_a_process_step_is_recorded_through_its_form(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    case_id = _record(set_up_data_dir, accept=True)
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    page.tabs.setCurrentWidget(page.steps)
    chosen = page.steps.chosen()
    assert chosen is not None and chosen.name == "调查核实"  # the next open step
    qtbot.mouseClick(page.steps.record_button, Qt.MouseButton.LeftButton)
    dialog = page.step_dialog
    assert isinstance(dialog, StepDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "请填写：调查核实的情况"
    findings = dialog.inputs["findings"]
    assert isinstance(findings, QPlainTextEdit)
    type_text(qtbot, findings, "已查看现场，空调外机确实滴水。")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.steps[1].state == "done")
    assert page.steps.tree.topLevelItem(1).text(3) == "已查看现场，空调外机确实滴水。"
    assert page.steps.chosen() is not None and page.steps.chosen().code == "mediate"
    last = page.history.topLevelItem(page.history.topLevelItemCount() - 1)
    assert last.text(2) == "记录流程步骤：调查核实"


def test_a_step_before_acceptance_is_refused_in_words(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    case_id = _record(set_up_data_dir, accept=False)
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    qtbot.mouseClick(page.steps.record_button, Qt.MouseButton.LeftButton)
    dialog = page.step_dialog
    findings = dialog.inputs["findings"]
    assert isinstance(findings, QPlainTextEdit)
    type_text(qtbot, findings, "已查看现场")
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["案件尚未受理：请先完成受理清单。"]
    assert page.detail is not None and page.detail.steps[1].state == "open"


def test_files_are_attached_and_a_wrong_kind_is_refused_beside_the_list(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, tmp_path: Path, chinese: None
) -> None:
    case_id = _record(set_up_data_dir, accept=False)
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    photo = tmp_path / "现场.png"
    photo.write_bytes(PNG)
    page.attach(photo)
    qtbot.waitUntil(lambda: page.files.tree.topLevelItemCount() == 1)
    assert page.files.tree.topLevelItem(0).text(0) == "现场.png"
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ\x90\x00" + bytes(200))
    page.attach(program)
    qtbot.waitUntil(lambda: not page.files.error.isHidden())
    assert page.files.error.text() == "只能添加照片、扫描件（PDF）、文档、录音和短视频。"
    assert page.files.tree.topLevelItemCount() == 1


def test_an_overdue_case_stands_out_in_the_list(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    _record(set_up_data_dir, accept=True, days_ago=20)  # 邻里: 15 days
    _record(set_up_data_dir, accept=True, facts="新近的纠纷")
    window = _ready(qtbot, launch)
    model = window.cases.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    old, new = model.index(1, 6), model.index(0, 6)  # newest first
    assert old.data(OVERDUE_ROLE) is True and old.data(BACKGROUND_ROLE) is not None
    assert "已超期 5 天" in old.data()
    assert new.data(OVERDUE_ROLE) is False and new.data(BACKGROUND_ROLE) is None
    assert "剩余 15 天" in new.data()


def test_search_and_filters_narrow_the_list(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    _record(set_up_data_dir, accept=True, facts="宅基地边界纠纷")
    _record(set_up_data_dir, accept=False, facts="空调外机滴水")
    window = _ready(qtbot, launch)
    model = window.cases.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and window.cases.filters is not None)
    filters = window.cases.filters
    assert filters is not None
    type_text(qtbot, filters.search, "宅基")  # two characters: the one-character index
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert window.cases.count_label.text() == "1 case(s) found"
    filters.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    filters.status.setCurrentIndex(filters.status.findData("registered"))
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert filters.current() == CaseFilter(statuses=("registered",))
    type_text(qtbot, filters.search, "宅基地边界")  # accepted case: nothing passes both
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert window.cases.count_label.text() == "No case matches the search and filters."
    filters.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 2)


def test_the_follow_up_step_opens_the_follow_up_visit_form(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    case_id = _record(set_up_data_dir, accept=True)
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        book.complete_step(case_id, "termination",
                           {"reason": "一方不愿继续", "other_routes_explained": "yes"})  # fmt: skip
    finally:
        book.close()
    window = _ready(qtbot, launch)
    page = _page(qtbot, window, case_id)
    chosen = page.steps.chosen()
    assert chosen is not None and chosen.code == "follow_up"
    assert page.steps.record_button.text() == "登记回访…"
    qtbot.mouseClick(page.steps.record_button, Qt.MouseButton.LeftButton)
    form = page.visit_dialog
    assert form.isVisible() and form.kind.currentData() == "follow_up"
    form.done(0)
