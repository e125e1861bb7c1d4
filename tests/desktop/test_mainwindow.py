"""The app shell: first run, navigation, the case list, the case page, start-up failures."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

import resources
from casework import migrate, migrations
from casework.casebook import open_casebook
from casework.intake import clean_answers
from casework.migrate import current_revision
from casework.paths import database_path
from desktop.firstrun import FirstRunDialog
from desktop.mainwindow import MainWindow
from tests.casework.test_migrate import scripts_with_failing_revision
from tests.conftest import VILLAGE, neighbour_dispute
from tests.desktop.conftest import Launch, answer_message_box, type_text


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None)
    return window


def test_first_run_asks_for_the_worker_and_village_then_remembers_them(
    qtbot: QtBot, launch: Launch, data_dir: Path
) -> None:
    window = launch()
    qtbot.waitUntil(lambda: window.first_run is not None)
    dialog = window.first_run
    assert isinstance(dialog, FirstRunDialog)
    assert not window.cases.record_button.isEnabled()
    dialog.reject()  # Esc: setup cannot be skipped, or no case could be recorded
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no name: refused
    assert dialog.isVisible() and dialog.error.text() == "Please enter your name."
    type_text(qtbot, dialog.name, "王芳")
    dialog.town.setCurrentText("七都镇")
    dialog.village.setCurrentIndex(dialog.village.findData(VILLAGE))
    assert dialog.village.currentText() == "开弦弓村"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no login: refused
    assert dialog.isVisible() and dialog.error.text() == "Please choose a login name."
    qtbot.keyClicks(dialog.account.login, "wangfang")
    qtbot.keyClicks(dialog.account.password, "kaixiangong-1")
    qtbot.keyClicks(dialog.account.again, "kaixiangong-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identity is not None)
    assert window.identity is not None and window.identity.org_unit_name == "开弦弓村"
    assert window.cases.record_button.isEnabled()
    assert window.who.text() == "王芳 · 开弦弓村"
    window.close()

    again = launch()
    qtbot.waitUntil(lambda: again.identity is not None)
    assert again.first_run is None and again.identity.worker_name == "王芳"


def test_navigation_has_the_six_areas(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["工作台", "案件", "走访", "上报", "统计", "设置"]
    assert window.stack.currentWidget() is window.cases
    window.nav.setCurrentRow(0)
    assert window.stack.currentWidget().findChild(type(window.worklist)) is window.worklist
    window.nav.setCurrentRow(2)
    assert window.stack.currentWidget().findChild(type(window.visits)) is window.visits
    window.nav.setCurrentRow(3)  # what the village escalated, and the answers
    assert window.stack.currentWidget().findChild(type(window.desk)) is window.desk
    window.nav.setCurrentRow(4)  # 统计, computed for this laptop's village
    assert window.stack.currentWidget().findChild(type(window.statistics)) is window.statistics


def test_the_case_list_fetches_in_pages_and_sorts_in_the_store(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    ids = [book.record_case(neighbour_dispute(f"第{i}件")) for i in range(450)]
    book.close()
    window = _ready(qtbot, launch)
    model = window.cases.model
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    assert window.cases.count_label.text() == "450 case(s) found"  # all, not the page
    assert model.case_id(0) == ids[-1]  # newest first
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 400)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 450)
    assert not model.canFetchMore()
    window.cases.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by case number
    qtbot.waitUntil(lambda: model.rowCount() == 200 and model.case_id(0) == ids[0])
    assert model.index(0, 0).data().endswith("-00001")


def test_the_case_page_shows_the_history_and_moves_the_case_on(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    case_id = book.record_case(neighbour_dispute())
    book.close()
    window = _ready(qtbot, launch)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    window.cases.table.doubleClicked.emit(window.cases.model.index(0, 0))
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None)
    assert "状态：已登记" in page.summary.text() and "类型：邻里" in page.summary.text()
    assert page.parties.item(0, 1).text() == "张建国"
    # The phone is masked on the page until shown on purpose (an audited event).
    assert page.parties.item(1, 3).text().replace(" ", "") in {"0512-****1234", "0512****1234"}
    options = [page.next_status.itemText(i) for i in range(page.next_status.count())]
    assert options == ["调解终止"]  # acceptance: the intake tab; escalation: its own form
    assert page.escalate_button.isVisible()
    assert not page.intake.accept_button.isEnabled()  # nothing answered yet
    for code, answer in clean_answers(book.checklists.intake).items():
        page.intake.rows[code].choose(answer.value)
        page.intake.rows[code].note.setText(answer.note)
    qtbot.mouseClick(page.intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "状态：已受理" in page.summary.text())
    last = page.history.topLevelItem(page.history.topLevelItemCount() - 1)
    assert last.text(2) == "状态：已登记 → 已受理" and last.text(1) == "王芳"
    qtbot.waitUntil(lambda: window.cases.model.index(0, 4).data() == "已受理")
    # recorded, six answers, accepted: every one waits for the town server
    qtbot.waitUntil(lambda: window.waiting.text() == "共 1 件案件 · 8 条记录待同步")
    del case_id


def test_a_store_from_a_newer_release_is_refused_in_chinese_and_left_alone(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    path = database_path(set_up_data_dir)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window = launch()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "更新版本" in shown[0] and "没有任何改动" in shown[0]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert current_revision(path) == "9999_future"


def test_a_failed_upgrade_restores_the_store_and_says_nothing_is_lost(
    qtbot: QtBot,
    launch: Launch,
    set_up_data_dir: Path,
    chinese: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    book.record_case(neighbour_dispute())
    book.close()
    path = database_path(set_up_data_dir)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        before = list(conn.iterdump())
    # This release ships one more revision, and it fails half way.
    monkeypatch.setattr(migrate, "SCRIPTS", scripts_with_failing_revision(tmp_path))
    monkeypatch.setattr(migrations, "HEAD", "0003_broken")
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    window = launch()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "您的案件没有丢失" in shown[0] and "备份" in shown[0]
    qtbot.waitUntil(lambda: not window.isVisible())
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert list(conn.iterdump()) == before


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_language_setting_is_kept_for_the_next_start(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, language: str
) -> None:
    window = _ready(qtbot, launch)
    window.nav.setCurrentRow(5)
    combo = window.settings_page.language
    combo.setCurrentIndex(combo.findData("en" if language == "zh_CN" else "zh_CN"))
    combo.setCurrentIndex(combo.findData(language))
    assert window.settings_page.notice.isVisible()
    from desktop import options

    assert options.Options(set_up_data_dir).get(options.LANGUAGE) == language


def test_final_steps_are_confirmed_first(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    book.record_case(neighbour_dispute())
    book.close()
    window = _ready(qtbot, launch)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    window.cases.open_case(window.cases.model.case_id(0))
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None)
    page.next_status.setCurrentIndex(page.next_status.findData("terminated"))
    page.note.setText("申请人撤回申请，已告知其他法律途径")
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.change, Qt.MouseButton.LeftButton)
    assert asked == ["确定将案件变更为“调解终止”吗？此步骤不能撤销。"]
    assert page.change.isEnabled()  # nothing was sent
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.change, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.status == "terminated")


def test_escalating_takes_a_reason_and_leaves_the_outcome_to_the_town(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    book.record_case(neighbour_dispute())
    book.close()
    window = _ready(qtbot, launch)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    window.cases.open_case(window.cases.model.case_id(0))
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None)
    qtbot.mouseClick(page.escalate_button, Qt.MouseButton.LeftButton)
    form = page.open_form
    assert form is not None and form.windowTitle() == "上报镇（街道）"
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert form.error.text() == "请填写上报原因。"
    form.reason.setPlainText("涉及多户村民，村里无法协调")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.status == "escalated")
    # Escalated: the outcome is now the town's to decide, not this laptop's.
    assert page.next_status.count() == 0 and not page.change.isEnabled()
    assert not page.escalate_button.isVisible()
    story = page.escalation_view.toPlainText()
    assert "已上报，待签收" in story and "涉及多户村民，村里无法协调" in story


def test_the_worker_may_quit_from_first_run_setup(qtbot: QtBot, launch: Launch) -> None:
    window = launch()
    qtbot.waitUntil(lambda: window.first_run is not None)
    assert window.first_run is not None
    qtbot.mouseClick(window.first_run.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_malformed_checklist_is_named_and_the_app_goes_on_with_the_last_good_one(
    qtbot: QtBot, set_up_data_dir: Path, tmp_path: Path, chinese: None
) -> None:
    import shutil

    from desktop.backend import Backend
    from desktop.options import Options

    source = tmp_path / "checklists"
    shutil.copytree(resources.checklists_dir(), source)
    windows = []

    def start() -> MainWindow:
        backend = Backend(set_up_data_dir, on_error=pytest.fail, checklists_source=source)
        window = MainWindow(backend, Options(set_up_data_dir))
        window.show()
        backend.open()
        windows.append(window)
        return window

    first = start()  # a good start keeps the last good copy
    qtbot.waitUntil(lambda: first.checklist_problems == [], timeout=10_000)
    first.close()
    items = source / "items.toml"
    items.write_text(
        items.read_text(encoding="utf-8").replace("deadline_days = 15", "deadline_days = 0", 1),
        encoding="utf-8",
    )
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    second = start()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "清单文件有误" in shown[0] and "上次可用的版本" in shown[0]
    # The file, the entry and the fault, the fault in Chinese.
    assert "items.toml：item 'neighbour' deadline_days：必须大于 0" in shown[0]
    assert second.isVisible() and second.cases.record_button.isEnabled()
    for window in windows:
        window.close()


def test_a_broken_checklist_on_a_fresh_install_is_explained_and_the_app_still_runs(
    qtbot: QtBot, set_up_data_dir: Path, tmp_path: Path, chinese: None
) -> None:
    import shutil

    from desktop.backend import Backend
    from desktop.options import Options

    source = tmp_path / "checklists"
    shutil.copytree(resources.checklists_dir(), source)
    items = source / "items.toml"
    items.write_text(items.read_text(encoding="utf-8") + "\n[oops", encoding="utf-8")
    shown = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    backend = Backend(set_up_data_dir, on_error=pytest.fail, checklists_source=source)
    window = MainWindow(backend, Options(set_up_data_dir))
    window.show()
    backend.open()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert (
        "没有可用的旧版本" in shown[0]
        and "items.toml：整个文件：文件无法按 TOML 格式读取" in shown[0]
    )
    assert window.isVisible() and window.cases.record_button.isEnabled()
    window.close()


def test_the_ledger_exports_the_cases_the_list_shows(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, tmp_path: Path, chinese: None
) -> None:
    import openpyxl

    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    book.record_case(neighbour_dispute("空调外机滴水"))
    book.record_case(neighbour_dispute("宅基地边界争议"))
    book.close()
    window = _ready(qtbot, launch)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 2)
    qtbot.waitUntil(lambda: window.cases.filters is not None)
    filters = window.cases.filters
    assert filters is not None and window.cases.export_button.isEnabled()
    filters.search.setText("宅基地")
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1, timeout=5000)
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    path = tmp_path / "台账.xlsx"
    export = window.cases.export_ledger(path)
    with qtbot.waitSignal(export.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(said))
    assert "1" in said[0] and str(path) in said[0]
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "案件编号" and len(rows) == 2
    assert any("宅基地" in str(value) for value in rows[1])
