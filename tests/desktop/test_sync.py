"""Sync from the desktop app, against the real town server on a loopback port."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casework.saved_drafts import WizardDraft
from desktop.mainwindow import MainWindow
from tests.conftest import VILLAGE, neighbour_dispute
from tests.desktop.conftest import Launch
from tests.server.harness import RunningServer


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None and window.sync is not None)
    return window


def _enroll(qtbot: QtBot, window: MainWindow, server: RunningServer) -> None:
    window.nav.setCurrentRow(5)  # 设置
    section = window.sync_settings
    section.address.setText(server.url)
    section.code.setText(server.enrollment_code(VILLAGE))
    qtbot.mouseClick(section.enroll_button, Qt.MouseButton.LeftButton)
    assert window.sync is not None
    qtbot.waitUntil(lambda: window.sync.status.last_sync_at is not None, timeout=15_000)


def test_enrolling_in_settings_then_syncing_from_the_status_bar(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, outpost_server: RunningServer,
    chinese: None,
) -> None:  # fmt: skip
    window = _ready(qtbot, launch)
    indicator = window.sync_indicator
    assert indicator.link.text() == "尚未注册到镇服务器" and not indicator.button.isEnabled()
    _enroll(qtbot, window, outpost_server)
    assert window.sync_settings.state.text().startswith("已注册到开弦弓村")
    assert indicator.link.text() == "在线" and indicator.last.text().startswith("上次同步：")
    draft = WizardDraft(neighbour_dispute(), {})  # recorded, intake still to come
    window._backend.submit_change(lambda book: book.take_in(draft))
    qtbot.waitUntil(lambda: window.waiting.text().endswith("1 条记录待同步"))
    qtbot.mouseClick(indicator.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.waiting.text().endswith("0 条记录待同步"), timeout=15_000)
    # The sync log a person reads: newest first, what went each way.
    log = window.sync_settings.log
    qtbot.waitUntil(lambda: "发送 1 条，接收 1 条" in log.toPlainText().splitlines()[0])


def test_a_server_out_of_reach_is_explained_and_nothing_is_lost(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, outpost_server: RunningServer,
    chinese: None,
) -> None:  # fmt: skip
    window = _ready(qtbot, launch)
    _enroll(qtbot, window, outpost_server)
    outpost_server.stop()
    assert window.sync is not None
    with qtbot.waitSignal(window.sync.failed, timeout=30_000) as failed:
        draft = WizardDraft(neighbour_dispute(), {})
        window._backend.submit_change(lambda book: book.take_in(draft))
        window.sync.sync_now()
    text = failed.args[0]
    assert text.startswith("暂时连不上镇服务器。数据不会丢失")
    assert window.sync_indicator.link.text() == "离线"
    assert window.statusBar().currentMessage() == text
    qtbot.waitUntil(lambda: window.waiting.text().endswith("1 条记录待同步"))


def test_a_status_conflict_is_shown_and_settled_on_the_case_page(
    qtbot: QtBot, launch: Launch, data_dir: Path, tmp_path: Path,
    outpost_server: RunningServer, chinese: None,
) -> None:  # fmt: skip
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from casework.status import CaseStatus
    from tests.sync.test_end_to_end import TOWN, Laptop

    village, town = Laptop(data_dir, VILLAGE, "王芳"), Laptop(tmp_path / "town", TOWN, "陈主任")
    try:
        for laptop in (village, town):
            laptop.enroll(outpost_server)
        case_id = village.take_in("开弦弓村的纠纷")
        village.sync()
        town.sync()
        village.book.complete_step(case_id, "termination", {
            "reason": "一方不愿继续", "other_routes_explained": "yes"})  # fmt: skip
        town.book.change_status(case_id, CaseStatus.ESCALATED, "镇里接手")
        for laptop in (village, town, village):
            laptop.sync()
    finally:
        village.close()
        town.close()
    window = _ready(qtbot, launch)
    window.open_case(case_id)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    assert "两台电脑同时修改了状态" in page.alert.text() and page.settle_button.isVisible()

    def keep_terminated() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, keep_terminated)
            return
        [keep] = [b for b in box.buttons() if b.text() == "保持“调解终止”"]
        keep.click()

    QTimer.singleShot(0, keep_terminated)
    qtbot.mouseClick(page.settle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.conflicts == [])
    assert not page.settle_button.isVisible() and page.detail.status == "terminated"


def test_the_probe_syncs_by_itself_when_the_server_is_there_and_work_waits(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, outpost_server: RunningServer,
    chinese: None,
) -> None:  # fmt: skip
    window = _ready(qtbot, launch)
    _enroll(qtbot, window, outpost_server)
    assert window.sync is not None
    draft = WizardDraft(neighbour_dispute(), {})
    window._backend.submit_change(lambda book: book.take_in(draft))
    qtbot.waitUntil(lambda: window.waiting.text().endswith("1 条记录待同步"))
    with qtbot.waitSignal(window.sync.synced, timeout=15_000):
        window.sync.probe()  # what the timer does every minute
    qtbot.waitUntil(lambda: window.waiting.text().endswith("0 条记录待同步"))
    outpost_server.stop()
    window.sync.probe()
    qtbot.waitUntil(lambda: window.sync_indicator.link.text() == "离线", timeout=15_000)
