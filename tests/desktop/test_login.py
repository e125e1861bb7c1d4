"""Getting in at start-up: login offline, wrong passwords and the lock they lead to, the
first run's account, an older store protected, a damaged store put back from a backup."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casework.paths import database_path
from desktop.firstrun import FirstRunDialog
from desktop.login import LoginDialog, ProtectDialog
from desktop.mainwindow import MainWindow
from tests.conftest import VILLAGE, neighbour_dispute
from tests.desktop.conftest import LI, WANG, Launch, answer_boxes, log_in, open_protected

OLD_STORE = Path(__file__).parents[1] / "data" / "store-0004.sqlite3"


class Clock:
    """A wall clock the test moves on (aware UTC)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def _login_dialog(qtbot: QtBot, window: MainWindow) -> LoginDialog:
    qtbot.waitUntil(lambda: window.gate is not None and window.gate.dialog is not None)
    assert window.gate is not None and isinstance(window.gate.dialog, LoginDialog)
    return window.gate.dialog


def _try(qtbot: QtBot, dialog: LoginDialog, password: str) -> None:
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.login_button.text() == "Log in" or not dialog.isVisible())


def _unreadable_without_key(path: Path) -> bool:
    with contextlib.closing(sqlite3.connect(path)) as plain:
        try:
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            return True
    return False


def test_a_worker_logs_in_offline_and_the_store_opens_for_them(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    book = open_protected(protected_data_dir)
    book.record_case(neighbour_dispute())
    book.close()
    window = launch(gate=True)  # no town server anywhere: the laptop alone decides
    dialog = _login_dialog(qtbot, window)
    assert dialog.windowTitle() == "Log in" and dialog.heading.text() == "Log in to Outpost"
    names = [dialog.login.itemText(i) for i in range(dialog.login.count())]
    assert names == ["李强 (liqiang)", "王芳 (wangfang)"]
    assert not window.cases.record_button.isEnabled()  # nothing opens before the login
    dialog.choose(WANG[1])
    _try(qtbot, dialog, WANG[2])
    qtbot.waitUntil(lambda: window.identity is not None, timeout=15_000)
    assert window.identity is not None and window.identity.worker_name == "王芳"
    assert window.who.text() == "王芳 · 开弦弓村"
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)


def test_a_login_name_may_be_typed_and_an_unknown_one_is_explained(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    window = launch(gate=True)
    dialog = _login_dialog(qtbot, window)
    dialog.login.setEditText("")
    qtbot.keyClicks(dialog.login.lineEdit(), "nobody")
    _try(qtbot, dialog, "whatever-1")
    assert dialog.isVisible()
    assert dialog.error.text().startswith("There is no worker with this login name")
    dialog.login.setEditText("")
    qtbot.keyClicks(dialog.login.lineEdit(), LI[1])  # typed, not chosen
    _try(qtbot, dialog, LI[2])
    qtbot.waitUntil(lambda: window.identity is not None, timeout=15_000)
    assert window.identity is not None and window.identity.worker_name == "李强"


def test_five_wrong_passwords_lock_the_login_until_the_delay_has_passed(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    clock = Clock()
    window = launch(gate=True, clock=clock)
    dialog = _login_dialog(qtbot, window)
    dialog.choose(WANG[1])
    for left in (4, 3, 2, 1):
        _try(qtbot, dialog, "not-the-password")
        assert dialog.error.text() == (
            f"Wrong password. After {left} more wrong try(s) this login is locked for a while."
        )
    _try(qtbot, dialog, "not-the-password")
    local = (clock.now + dt.timedelta(minutes=1)).astimezone().strftime("%H:%M:%S")
    assert dialog.error.text().startswith(
        f"Too many wrong passwords: this login is locked until {local} (1:00 left)."
    )
    assert not dialog.login_button.isEnabled()
    # Another worker may log in meanwhile; back to the locked one, the lock still holds.
    dialog.choose(LI[1])
    assert dialog.login_button.isEnabled() and not dialog.error.isVisible()
    dialog.choose(WANG[1])
    assert not dialog.login_button.isEnabled()
    clock.now += dt.timedelta(seconds=30)
    qtbot.waitUntil(lambda: "(0:30 left)" in dialog.error.text(), timeout=3000)
    clock.now += dt.timedelta(seconds=31)
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=3000)
    _try(qtbot, dialog, WANG[2])
    qtbot.waitUntil(lambda: window.identity is not None, timeout=15_000)
    assert window.identity is not None and window.identity.worker_name == "王芳"


def test_the_lock_holds_across_a_restart(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    clock = Clock()
    first = launch(gate=True, clock=clock)
    dialog = _login_dialog(qtbot, first)
    dialog.choose(WANG[1])
    for _ in range(5):
        _try(qtbot, dialog, "not-the-password")
    first.close()
    again = launch(gate=True, clock=clock)
    dialog = _login_dialog(qtbot, again)
    dialog.choose(WANG[1])
    assert not dialog.login_button.isEnabled() and "locked until" in dialog.error.text()


def test_first_run_on_a_new_laptop_sets_a_password_and_the_next_start_asks_for_it(
    qtbot: QtBot, launch: Launch, data_dir: Path
) -> None:
    window = launch(gate=True)
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=15_000)
    dialog = window.first_run
    assert isinstance(dialog, FirstRunDialog)
    dialog.name.setText("王芳")
    dialog.town.setCurrentText("七都镇")
    dialog.village.setCurrentIndex(dialog.village.findData(VILLAGE))
    qtbot.keyClicks(dialog.account.login, "wangfang")
    qtbot.keyClicks(dialog.account.password, "short")
    qtbot.keyClicks(dialog.account.again, "short")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "The password needs at least 8 characters."
    for field in (dialog.account.password, dialog.account.again):
        field.clear()
    qtbot.keyClicks(dialog.account.password, "kaixiangong-1")
    qtbot.keyClicks(dialog.account.again, "kaixiangong-2")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text().startswith("The two passwords differ.")
    dialog.account.again.clear()
    qtbot.keyClicks(dialog.account.again, "kaixiangong-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identity is not None, timeout=15_000)
    window.close()
    assert _unreadable_without_key(database_path(data_dir))

    again = launch(gate=True)
    log_in(qtbot, again, WANG)
    assert again.first_run is None
    assert again.identity is not None and again.identity.worker_name == "王芳"


def test_quitting_the_first_run_leaves_no_store_that_no_one_could_open(
    qtbot: QtBot, launch: Launch, data_dir: Path
) -> None:
    window = launch(gate=True)
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=15_000)
    assert window.first_run is not None
    qtbot.mouseClick(window.first_run.quit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())
    again = launch(gate=True)  # a first run again, not "the keys are missing"
    qtbot.waitUntil(lambda: again.first_run is not None, timeout=15_000)


def test_a_store_of_an_older_release_is_protected_with_the_workers_password(
    qtbot: QtBot, launch: Launch, data_dir: Path
) -> None:
    shutil.copyfile(OLD_STORE, database_path(data_dir))
    window = launch(gate=True)
    qtbot.waitUntil(lambda: window.gate is not None and window.gate.dialog is not None)
    assert window.gate is not None
    dialog = window.gate.dialog
    assert isinstance(dialog, ProtectDialog)
    assert dialog.windowTitle() == "Protect the records with a password"
    assert "王芳, choose your login name and password" in dialog.intro.text()
    qtbot.keyClicks(dialog.fields.login, "wangfang")
    qtbot.keyClicks(dialog.fields.password, "kaixiangong-1")
    qtbot.keyClicks(dialog.fields.again, "kaixiangong-1")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identity is not None, timeout=30_000)
    assert window.identity is not None and window.identity.worker_name == "王芳"
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 6, timeout=10_000)
    window.close()
    assert _unreadable_without_key(database_path(data_dir))

    again = launch(gate=True)
    log_in(qtbot, again, ("王芳", "wangfang", "kaixiangong-1"))
    qtbot.waitUntil(lambda: again.cases.model.rowCount() == 6, timeout=10_000)


def test_a_damaged_store_offers_the_newest_backup_and_opens_it(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    path = database_path(protected_data_dir)
    with path.open("r+b") as store:
        store.truncate(path.stat().st_size // 2 + 100)  # cut short, as by a power cut
    said = answer_boxes(qtbot, "Put the backup back")
    window = launch(gate=True)
    dialog = _login_dialog(qtbot, window)
    dialog.choose(WANG[1])
    _try(qtbot, dialog, WANG[2])
    qtbot.waitUntil(lambda: window.identity is not None, timeout=30_000)
    assert said[0].startswith("The case store on this laptop is damaged")
    assert "The newest good backup was taken on " in said[0]
    assert "not yet sent to the town server is not in the backup" in said[0]
    assert window.identity is not None and window.identity.worker_name == "王芳"
    assert list(protected_data_dir.glob("*.damaged-*"))  # kept aside, not deleted


def test_an_encrypted_store_without_its_keys_can_be_set_aside_to_start_afresh(
    qtbot: QtBot, launch: Launch, protected_data_dir: Path
) -> None:
    (protected_data_dir / "keys.json").unlink()
    said = answer_boxes(qtbot, "Set aside and start afresh", "OK")
    window = launch(gate=True)
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=15_000)
    assert said[0].startswith("The key file of this laptop (keys.json) is missing.")
    assert said[1].startswith("The old store was set aside at ")
    assert list(protected_data_dir.glob("*.unopenable-*"))
