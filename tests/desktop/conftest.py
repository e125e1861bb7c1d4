"""Qt fixtures: the real main window on a real store in a scratch data directory."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from desktop import i18n, options
from desktop.backend import Backend
from desktop.mainwindow import MainWindow
from tests.conftest import VILLAGE

Launch = Callable[[], MainWindow]


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


@pytest.fixture
def launch(qtbot: QtBot, data_dir: Path) -> Iterator[Launch]:
    """Start the app's main window on ``data_dir`` the way ``outpost`` does."""
    errors = BackgroundErrors()
    windows: list[MainWindow] = []

    def start() -> MainWindow:
        backend = Backend(data_dir, on_error=errors.append)
        window = MainWindow(backend, options.Options(data_dir))
        # Not qtbot.addWidget: pytest-qt closes those before fixtures end, and closing a
        # window with a typed form would stop on the discard question.
        window.show()
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
