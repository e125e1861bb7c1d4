"""Training mode and provisioning on screen: the training strip on every top-level
window, the trainer's reset, a training laptop refused by a production server, and a
provisioned first start that asks only for the name and the enrollment code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import resources
from casework import training as sandbox
from casework.casebook import open_casebook
from casework.intake import clean_answers
from casework.provisioning import Provisioning
from casework.rows import CasePage
from casework.saved_drafts import WizardDraft
from desktop import options
from desktop.backend import Backend
from desktop.firstrun import ProvisionedFirstRunDialog
from desktop.mainwindow import MainWindow
from desktop.stepdialog import StepDialog
from desktop.synccontrol import sync_error_text
from desktop.training import banner_of
from sync.client import SyncRefused
from sync.protocol import ErrorCode
from tests.conftest import VILLAGE, neighbour_dispute
from tests.desktop.conftest import answer_message_box, type_text
from tests.server.harness import RunningServer

Start = Callable[..., MainWindow]


@pytest.fixture
def start(qtbot: QtBot, data_dir: Path) -> Iterator[Start]:
    """Start the main window as ``outpost [--training] [--provision FILE]`` does."""
    errors: list[BaseException] = []
    windows: list[MainWindow] = []

    def make(
        *, training: bool = False, provisioning: Provisioning | None = None, gate: bool = False
    ) -> MainWindow:
        folder = sandbox.profile_dir(data_dir) if training else data_dir
        backend = Backend(folder, on_error=errors.append)
        window = MainWindow(
            backend, options.Options(folder), training=training, provisioning=provisioning
        )
        window.show()
        if gate:  # as ``outpost`` starts: through the key state's questions
            window.start()
        else:
            backend.open()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
    assert not errors, errors


def _ready(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.identity is not None, timeout=30_000)


def _ask(qtbot: QtBot, window: MainWindow, work: Callable[[Any], Any]) -> Any:
    """Run ``work(casebook)`` on the window's writer and wait for the result."""
    got: list[Any] = []
    window._backend.submit(work, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=30_000)
    return got[0]


def _marked(window: QWidget) -> bool:
    banner = banner_of(window)
    return (
        banner is not None
        and banner.isVisible()
        and banner.y() == 0
        and banner.width() == window.width()
        and window.windowTitle().startswith("[Training]")
    )


def test_the_training_strip_is_on_every_top_level_window(qtbot: QtBot, start: Start) -> None:
    window = start(training=True)
    _ready(qtbot, window)
    assert window.training_banner is not None and window.training_banner.isVisible()
    assert window.windowTitle().startswith("[Training]")
    assert window.training_banner.label.text() == "Training mode — data is never reported"
    # The wizard.
    window.cases.record()
    qtbot.waitUntil(lambda: window.cases.open_form is not None)
    wizard = window.cases.open_form
    assert wizard is not None
    qtbot.waitUntil(lambda: _marked(wizard))
    wizard.keep_and_close()
    # The visit form.
    window.nav.setCurrentRow(2)
    visit = window.visits.log_visit()
    qtbot.waitUntil(lambda: _marked(visit))
    visit.done(0)
    # The step dialog, on an accepted case of the sample data.
    rows, _ = _ask(qtbot, window, lambda book: book.case_page(CasePage(0, 500)))
    accepted = next(r.id for r in rows if r.status == "accepted")
    window.open_case(accepted)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == accepted)
    page.tabs.setCurrentWidget(page.steps)
    qtbot.mouseClick(page.steps.record_button, Qt.MouseButton.LeftButton)
    dialog = page.step_dialog
    assert isinstance(dialog, StepDialog)
    qtbot.waitUntil(lambda: _marked(dialog))
    dialog.done(0)
    # A message box as well: the reset's question, answered "Cancel".
    assert window.training_banner.reset_button is not None
    window.training_banner.reset_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(lambda: _marked(box))
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_the_sample_data_has_every_type_and_the_reset_refills_it(
    qtbot: QtBot, start: Start
) -> None:
    window = start(training=True)
    _ready(qtbot, window)
    assert window.identity is not None and window.identity.worker_name == sandbox.TRAINEE
    rows, total = _ask(qtbot, window, lambda book: book.case_page(CasePage(0, 500)))
    assert total == sandbox.CASES
    assert len({r.dispute_type for r in rows}) == 15
    assert len({r.status for r in rows}) >= 6
    # The trainee practises: a case of their own.
    lists = _ask(qtbot, window, lambda book: book.checklists)
    mine = _ask(
        qtbot,
        window,
        lambda book: book.take_in(
            WizardDraft(neighbour_dispute("学员练习"), clean_answers(lists.intake))
        ),
    )
    assert _ask(qtbot, window, lambda book: book.counts())[0] == sandbox.CASES + 1
    answer_message_box(qtbot, QMessageBox.StandardButton.Reset)
    assert window.training_banner is not None and window.training_banner.reset_button
    window.training_banner.reset_button.click()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage() == "Training data reset.", timeout=30_000
    )
    again, total = _ask(qtbot, window, lambda book: book.case_page(CasePage(0, 500)))
    assert total == sandbox.CASES and mine not in {r.id for r in again}
    assert sorted(r.number for r in again) == sorted(r.number for r in rows)
    qtbot.waitUntil(lambda: window.cases.model.total == sandbox.CASES)


def test_a_reset_never_touches_a_real_store(data_dir: Path) -> None:
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
        book.record_case(neighbour_dispute())
        with pytest.raises(sandbox.NotTraining):
            sandbox.reset(book)
        assert book.counts()[0] == 1
    finally:
        book.close()


def test_a_training_laptop_cannot_enroll_with_a_production_server(
    qtbot: QtBot, start: Start, outpost_server: RunningServer
) -> None:
    window = start(training=True)
    _ready(qtbot, window)
    assert window.sync is not None and window.sync.training
    with qtbot.waitSignal(window.sync.failed, timeout=20_000) as failed:
        window.sync.enroll(outpost_server.url, outpost_server.enrollment_code(VILLAGE))
    refusal = SyncRefused(403, ErrorCode.TRAINING_REFUSED, "")
    assert failed.args == [sync_error_text(refusal)]
    assert failed.args[0] == "A training laptop cannot sync with a real town server."
    assert not window.sync.status.enrolled
    from sqlalchemy import text

    with outpost_server.runtime.store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM devices")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM events")).scalar() == 0


def test_a_provisioned_first_start_asks_only_the_name_and_the_code_and_enrolls(
    qtbot: QtBot, start: Start, data_dir: Path, outpost_server: RunningServer
) -> None:
    pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    provisioned = Provisioning(outpost_server.url, VILLAGE, pem, False, None)
    window = start(provisioning=provisioned, gate=True)  # a new laptop: an encrypted store
    qtbot.waitUntil(lambda: isinstance(window.first_run, ProvisionedFirstRunDialog))
    dialog = window.first_run
    assert isinstance(dialog, ProvisionedFirstRunDialog)
    assert dialog.unit.text() == "七都镇 开弦弓村" and dialog.server.text() == outpost_server.url
    type_text(qtbot, dialog.name, "陆海燕")
    dialog.code.setText(outpost_server.enrollment_code(VILLAGE))
    qtbot.keyClicks(dialog.account.login, "luhaiyan")
    qtbot.keyClicks(dialog.account.password, "haiyan-2026")
    qtbot.keyClicks(dialog.account.again, "haiyan-2026")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _ready(qtbot, window)
    assert window.identity is not None
    assert (window.identity.worker_name, window.identity.org_unit_code) == ("陆海燕", VILLAGE)
    settings = options.Options(data_dir)
    assert settings.get(options.SERVER_URL) == outpost_server.url
    ca = Path(settings.get(options.SERVER_CA))
    assert ca.parent == data_dir and ca.read_text(encoding="utf-8") == pem
    assert window.sync is not None
    qtbot.waitUntil(lambda: window.sync is not None and window.sync.status.enrolled, timeout=20_000)


def test_a_training_profile_is_encrypted_and_its_login_screen_names_the_trainee_account(
    qtbot: QtBot, start: Start, data_dir: Path
) -> None:
    import contextlib
    import sqlite3

    from casework.paths import database_path
    from desktop.login import LoginDialog

    first = start(training=True, gate=True)
    _ready(qtbot, first)
    assert first.identity is not None and first.identity.worker_name == sandbox.TRAINEE
    first.close()
    store = database_path(sandbox.profile_dir(data_dir))
    with contextlib.closing(sqlite3.connect(store)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    again = start(training=True, gate=True)
    qtbot.waitUntil(lambda: again.gate is not None and again.gate.dialog is not None)
    assert again.gate is not None
    dialog = again.gate.dialog
    assert isinstance(dialog, LoginDialog)
    hint = f"log in as {sandbox.TRAINEE_LOGIN} with the password {sandbox.TRAINEE_PASSWORD}"
    assert hint in dialog.intro.text()
    dialog.choose(sandbox.TRAINEE_LOGIN)
    qtbot.keyClicks(dialog.password, sandbox.TRAINEE_PASSWORD)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    _ready(qtbot, again)
