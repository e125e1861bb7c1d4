"""Qt fixtures: the real main window on a real store in a scratch data directory."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import Casebook, open_casebook
from desktop import i18n, options
from desktop.backend import Backend
from desktop.mainwindow import MainWindow
from tests.conftest import VILLAGE

Launch = Callable[..., MainWindow]

# The workers of the protected laptop (the ``protected_data_dir`` fixture).
WANG = ("王芳", "wangfang", "kaixiangong-1")  # made at first run on the laptop
LI = ("李强", "liqiang", "qidu-town-22")  # made by the town administrator, synced down


class BackgroundErrors(list[BaseException]):
    """Errors that reached the default handler; a test fails if any are left."""


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The UI in Simplified Chinese, as workers see it."""
    translators = i18n.install(qapp, "zh_CN")
    assert i18n.names(translators) == ["outpost_zh_CN", "qtbase_zh_CN"]
    yield
    i18n.uninstall(qapp, translators)


@pytest.fixture
def set_up_data_dir(data_dir: Path) -> Path:
    """A data directory whose laptop is already set up for 开弦弓村."""
    book = open_casebook(data_dir, resources.sample_org_tree())
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    book.close()
    return data_dir


def open_protected(data_dir: Path, login: str = WANG[1], password: str = WANG[2]) -> Casebook:
    """The casebook of a protected laptop, opened with a worker's password."""
    from casework.vault import Keyring

    opened = Keyring.load(data_dir).unlock(login, password)
    book = open_casebook(data_dir, resources.sample_org_tree(), key=opened.key)
    book.log_in(opened.worker_id)
    return book


@pytest.fixture
def protected_data_dir(data_dir: Path) -> Path:
    """A laptop for 开弦弓村 as this release leaves it: the store encrypted, two workers
    who can log in (WANG, made at first run; LI, synced down from the town), a daily
    backup taken."""
    from casework.accounts import ServerAccount
    from casework.keystate import fresh_key
    from casework.vault import hash_password

    book = open_casebook(data_dir, resources.sample_org_tree(), key=fresh_key())
    name, login, password = WANG
    book.set_up(worker_name=name, org_unit_code=VILLAGE, login=login, password=password)
    name, login, password = LI
    town_made = ServerAccount(str(uuid.uuid4()), login, name, VILLAGE, hash_password(password),
                              False, dt.datetime.now(dt.UTC))  # fmt: skip
    book.take_accounts([town_made])
    book.keep_daily_backup()
    book.close()
    return data_dir


@pytest.fixture
def launch(qtbot: QtBot, data_dir: Path) -> Iterator[Launch]:
    """Start the app's main window on ``data_dir``.

    By default the backend opens the store at once, without a key: the plain stores the
    tests make (``set_up_data_dir``). ``gate=True`` starts it the way ``outpost`` does,
    through the key state's questions (login, first run, protect); ``clock``: the
    keyring's clock (aware UTC), ``idle_clock``: the idle lock's (monotonic seconds).
    """
    errors = BackgroundErrors()
    windows: list[MainWindow] = []

    def start(*, gate: bool = False, clock: Any = None, idle_clock: Any = None) -> MainWindow:
        backend = Backend(data_dir, on_error=errors.append)
        extra = {"idle_clock": idle_clock} if idle_clock is not None else {}
        window = MainWindow(backend, options.Options(data_dir), **extra)
        # Not qtbot.addWidget: pytest-qt closes those before fixtures end, and closing a
        # window with a typed form would stop on the discard question.
        window.show()
        if gate:
            window.start(clock=clock)
        else:
            backend.open()
        windows.append(window)
        return window

    yield start
    for window in windows:
        visits = window._visits  # built only if a test went there
        visit = visits.open_form if visits is not None else None
        if visit is not None and not visit.saving:
            visit.done(0)  # a test's unsaved visit: drop it without the discard question
        window.close()
        window.deleteLater()
    assert not errors, errors


@pytest.fixture
def backend(qtbot: QtBot, set_up_data_dir: Path) -> Iterator[Backend]:
    """The writer on a store set up for 开弦弓村, open; no background error may be left."""
    errors: list[BaseException] = []
    writer = Backend(set_up_data_dir, on_error=errors.append)
    with qtbot.waitSignal(writer.opened, timeout=10_000):
        writer.open()
    yield writer
    writer.shutdown()
    QApplication.processEvents()  # answers still on their way reach their screens now
    assert not errors, errors


def answer_message_box(qtbot: QtBot, button: QMessageBox.StandardButton) -> list[str]:
    """Press ``button`` on the next modal message box; the list receives its text."""
    seen: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type into ``widget`` as a worker does: ASCII by key presses, Chinese as an input
    method commits it (QTest cannot press keys for characters outside ASCII)."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def log_in(qtbot: QtBot, window: MainWindow, who: tuple[str, str, str] = WANG) -> None:
    """Answer the start-up login as a worker does: choose the name, type the password."""
    from desktop.login import LoginDialog

    qtbot.waitUntil(lambda: window.gate is not None and window.gate.dialog is not None)
    assert window.gate is not None
    dialog = window.gate.dialog
    assert isinstance(dialog, LoginDialog)
    dialog.choose(who[1])
    qtbot.keyClicks(dialog.password, who[2])
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.identity is not None, timeout=15_000)


def answer_boxes(qtbot: QtBot, *buttons: str) -> list[str]:
    """Press, on each of the next message boxes in turn, the button with that text (a
    box's own or a standard one); the list receives their texts."""
    seen: list[str] = []
    # The boxes themselves, not their id(): a box answered and gone may leave its id to
    # the next one, which would then never be answered (and the test would hang).
    answered: list[QMessageBox] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        fresh = isinstance(box, QMessageBox) and all(box is not old for old in answered)
        if fresh and isinstance(box, QMessageBox) and box.isVisible():
            wanted = buttons[len(seen)]
            found = [b for b in box.buttons() if b.text().replace("&", "") == wanted]
            assert found, f"no button {wanted!r} on {box.text()!r}"
            answered.append(box)
            seen.append(box.text())
            found[0].click()
        if len(seen) < len(buttons):
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen
