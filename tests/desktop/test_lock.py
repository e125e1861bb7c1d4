"""The lock screen: the app locks itself after the idle time (a controlled clock), hides
every record, and opens again with the password; switch user; change password."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from casework.saved_drafts import WizardDraft
from desktop import lock, options
from desktop.lock import CURTAIN_NAME
from desktop.login import LoginDialog
from desktop.mainwindow import MainWindow
from tests.conftest import neighbour_dispute
from tests.desktop.conftest import LI, WANG, Launch, log_in


class Ticks:
    """A monotonic clock the test moves on, in seconds."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def quick_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The idle watch looks at its clock every few milliseconds instead of seconds."""
    monkeypatch.setattr(lock, "TICK_MS", 10)


def _logged_in(qtbot: QtBot, launch: Launch, ticks: Ticks) -> MainWindow:
    window = launch(gate=True, idle_clock=ticks)
    log_in(qtbot, window, WANG)
    qtbot.waitUntil(lambda: window.idle is not None)
    return window


def _lock_dialog(qtbot: QtBot, window: MainWindow) -> LoginDialog:
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible())
    assert window.lock_dialog is not None
    return window.lock_dialog


def _unlock(qtbot: QtBot, window: MainWindow, dialog: LoginDialog, password: str) -> None:
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    # Refused: the button says 登录 again; admitted: the lock screen is gone.
    qtbot.waitUntil(lambda: not window.locked or dialog.login_button.text() == "Log in")


def _move_mouse(widget: QWidget) -> None:
    point = QPointF(5, 5)
    event = QMouseEvent(QEvent.Type.MouseMove, point, widget.mapToGlobal(point),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_app_locks_after_the_idle_time_hides_the_records_and_opens_with_the_password(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    ticks = Ticks()
    window = _logged_in(qtbot, launch, ticks)
    assert window.idle is not None and window.idle.minutes == 10  # the default
    window.cases.record()  # a form with a dispute being typed stays open
    qtbot.waitUntil(lambda: window.cases.open_form is not None)
    form = window.cases.open_form
    assert form is not None
    qtbot.waitUntil(form.isVisible)
    ticks.now += 9 * 60
    _move_mouse(window.cases.table.viewport())  # the worker is still there
    ticks.now += 9 * 60
    qtbot.wait(50)  # several ticks of the watch
    assert not window.locked
    ticks.now += 60
    dialog = _lock_dialog(qtbot, window)
    assert window.locked and dialog.heading.text() == "Locked"
    assert not window.cases.isVisible() and not window.nav.isVisible()  # no record behind it
    curtain = form.findChild(QWidget, CURTAIN_NAME)
    assert curtain is not None and curtain.isVisible() and curtain.geometry() == form.rect()
    assert dialog.chosen_login() == WANG[1] and not dialog.login.isEnabled()
    assert dialog.isModal() and QApplication.activeModalWidget() is dialog
    _unlock(qtbot, window, dialog, "not-the-password")
    assert window.locked and dialog.error.text().startswith("Wrong password.")
    _unlock(qtbot, window, dialog, WANG[2])
    qtbot.waitUntil(lambda: not window.locked)
    assert window.cases.isVisible() and form.findChild(QWidget, CURTAIN_NAME) is None
    assert window.identity is not None and window.identity.worker_name == "王芳"
    ticks.now += 10 * 60  # counted again from the unlock
    _lock_dialog(qtbot, window)
    form.keep_and_close()


def test_the_idle_time_is_a_setting(qtbot: QtBot, launch: Launch, protected_data_dir: Path) -> None:
    ticks = Ticks()
    window = _logged_in(qtbot, launch, ticks)
    window.nav.setCurrentRow(5)
    window.settings_page.idle_minutes.setValue(3)
    assert options.Options(protected_data_dir).get(options.IDLE_LOCK_MINUTES) == 3
    ticks.now += 3 * 60
    _lock_dialog(qtbot, window)


def test_after_switching_user_the_cases_recorded_name_the_new_worker(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    window = _logged_in(qtbot, launch, Ticks())
    window.switch_user_action.trigger()
    dialog = _lock_dialog(qtbot, window)
    assert dialog.login.isEnabled() and not window.cases.isVisible()
    dialog.choose(LI[1])
    _unlock(qtbot, window, dialog, WANG[2])  # 王芳's password does not open 李强's login
    assert window.locked and dialog.error.text().startswith("Wrong password.")
    _unlock(qtbot, window, dialog, LI[2])
    qtbot.waitUntil(lambda: window.who.text() == "李强 · 开弦弓村")
    assert window.identity is not None and window.identity.worker_name == "李强"
    got: list[str] = []
    window._backend.submit_change(
        lambda book: book.take_in(WizardDraft(neighbour_dispute(), {})), got.append
    )
    qtbot.waitUntil(lambda: bool(got))
    window.cases.open_case(got[0])
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None)
    assert page.detail is not None
    assert {event.author_name for event in page.detail.history} == {"李强"}
    assert page.history.topLevelItem(0).text(1) == "李强"


def test_a_worker_changes_the_password_and_the_lock_screen_takes_the_new_one(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    window = _logged_in(qtbot, launch, Ticks())
    window.change_password_action.trigger()
    dialog = window.password_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.old, "not-the-password")
    qtbot.keyClicks(dialog.new, "a-new-password")
    qtbot.keyClicks(dialog.again, "a-new-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "The current password is wrong. Nothing was changed."
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, WANG[2])
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Password changed.")
    window.lock_action.trigger()
    lock_screen = _lock_dialog(qtbot, window)
    _unlock(qtbot, window, lock_screen, WANG[2])
    assert window.locked and lock_screen.error.text().startswith("Wrong password.")
    _unlock(qtbot, window, lock_screen, "a-new-password")
    qtbot.waitUntil(lambda: not window.locked)


def test_a_laptop_opened_without_a_password_has_nothing_to_lock(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = launch()  # the plain store tests make: no keys, no login
    qtbot.waitUntil(lambda: window.identity is not None)
    assert window.idle is None and not window.lock_action.isEnabled()
    window.lock()
    assert not window.locked and window.cases.isVisible()


def test_details_shown_in_full_are_masked_again_after_the_lock(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.casepage import REVEAL_COLUMN
    from tests.conftest import ID_WITH_X
    from tests.desktop.conftest import answer_message_box, open_protected

    book = open_protected(protected_data_dir)
    case_id = book.record_case(neighbour_dispute())
    book.close()
    ticks = Ticks()
    window = _logged_in(qtbot, launch, ticks)
    window.open_case(case_id)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    button = page.parties.cellWidget(0, REVEAL_COLUMN)
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.parties.item(0, 2).text() == ID_WITH_X)

    window.lock()
    dialog = _lock_dialog(qtbot, window)
    _unlock(qtbot, window, dialog, WANG[2])
    qtbot.waitUntil(lambda: not window.locked)

    qtbot.waitUntil(lambda: page.parties.item(0, 2).text() == "110***********002X")
