"""Exporting the ledger from the case list: progress, the message at the end, cancel, errors."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from bench import bulkdata
from casework import ledger
from casework.domain import DisputeType, Level, Priority
from casework.rows import CaseFilter
from casework.status import CaseStatus
from desktop import labels
from desktop.backend import Backend
from desktop.ledgerexport import LedgerExport
from tests.conftest import ID_WITH_X, neighbour_dispute
from tests.desktop.conftest import answer_message_box

CASES = 60


@pytest.fixture
def set_up_data_dir(set_up_data_dir: Path) -> Path:
    """The set-up laptop's store, holding CASES cases."""
    bulkdata.build(set_up_data_dir, CASES, seed=3)
    return set_up_data_dir


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    """A shown window for the dialogs to sit on, as the case list is."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder the ledgers are saved in."""
    path = tmp_path / "ledgers"
    path.mkdir()
    return path


@pytest.fixture
def held(backend: Backend) -> Iterator[threading.Event]:
    """The worker kept busy (as by a save before the export) until the event is set."""
    gate = threading.Event()
    backend.submit(lambda _book: gate.wait(20))
    yield gate
    gate.set()


def test_an_export_shows_progress_then_says_how_many_cases_went_where(
    qtbot: QtBot, backend: Backend, window: QWidget, held: threading.Event, folder: Path
) -> None:
    export = LedgerExport(backend, window)
    seen_progress: list[tuple[int, int]] = []
    export.progressed.connect(lambda done, total: seen_progress.append((done, total)))
    path = folder / "台账.xlsx"
    export.start(window, CaseFilter(), path)
    dialog = export.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)  # shown while the worker is busy
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(export.finished, timeout=20_000) as finished:
        held.set()
    assert finished.args == [CASES, path]
    qtbot.waitUntil(lambda: bool(said))
    assert f"{CASES}" in said[0] and str(path) in said[0]
    assert seen_progress[0] == (0, CASES) and seen_progress[-1] == (CASES, CASES)
    assert export.dialog is None and not dialog.isVisible()
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None and sheet.max_row == CASES + 1


def test_cancel_stops_the_export_and_writes_nothing(
    qtbot: QtBot, backend: Backend, window: QWidget, held: threading.Event, folder: Path
) -> None:
    export = LedgerExport(backend, window)
    export.start(window, CaseFilter(), folder / "台账.xlsx")
    dialog = export.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    with qtbot.waitSignal(export.cancelled, timeout=20_000):
        dialog.findChild(QPushButton).click()  # 取消
        assert not dialog.isVisible()
        held.set()
    assert list(folder.iterdir()) == []
    assert QApplication.activeModalWidget() is None  # nothing to acknowledge
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(export.finished, timeout=20_000):  # and the next one goes through
        export.start(window, CaseFilter(statuses=("archived",)), folder / "台账.csv")
    qtbot.waitUntil(lambda: bool(said))
    assert [p.name for p in folder.iterdir()] == ["台账.csv"]


def test_a_folder_that_is_gone_is_named_in_the_message(
    qtbot: QtBot, backend: Backend, window: QWidget, folder: Path
) -> None:
    export = LedgerExport(backend, window)
    gone = folder / "U盘"  # the USB drive was pulled out after the folder was chosen
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(export.failed, timeout=20_000) as failed:
        export.start(window, CaseFilter(), gone / "台账.xlsx")
    qtbot.waitUntil(lambda: bool(said))
    assert said == failed.args and str(gone) in said[0]
    assert export.dialog is None and list(folder.iterdir()) == []


def test_the_file_dialog_offers_a_dated_workbook_and_takes_a_csv(
    qtbot: QtBot, backend: Backend, window: QWidget, folder: Path
) -> None:
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        offered.extend(Path(f).name for f in dialog.selectedFiles())
        dialog.setDirectory(str(folder))
        dialog.selectNameFilter(dialog.nameFilters()[1])  # CSV
        dialog.selectFile("本月台账")  # no extension typed: the format chosen gives it
        dialog.accept()

    export = LedgerExport(backend, window)
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(export.finished, timeout=20_000) as finished:
        export.start(window, CaseFilter())
    qtbot.waitUntil(lambda: bool(said))
    assert offered == [f"台账-{dt.date.today():%Y%m%d}.xlsx"]
    assert finished.args == [CASES, folder / "本月台账.csv"]
    assert (folder / "本月台账.csv").read_bytes().startswith("\ufeff案件编号".encode())


@pytest.mark.usefixtures("chinese")
def test_the_ledger_says_each_code_as_the_app_does_in_chinese() -> None:
    for codes, shown, written in (
        (CaseStatus, labels.status, ledger.STATUS_ZH),
        (DisputeType, labels.dispute_type, ledger.DISPUTE_TYPE_ZH),
        (Priority, labels.priority, ledger.PRIORITY_ZH),
        (Level, labels.level, ledger.LEVEL_ZH),
    ):
        assert {c: shown(c) for c in codes} == written


def test_an_id_number_and_phone_typed_into_the_facts_leave_only_masked(
    qtbot: QtBot, backend: Backend, window: QWidget, folder: Path
) -> None:
    facts = f"申请人张建国，身份证{ID_WITH_X}，手机13812345678，要求赔偿 500 元。"
    with qtbot.waitCallback(timeout=10_000) as recorded:
        backend.submit(lambda book: book.record_case(neighbour_dispute(facts)), recorded)
    export = LedgerExport(backend, window)
    path = folder / "台账.csv"
    said = answer_message_box(qtbot, QMessageBox.StandardButton.Ok)
    with qtbot.waitSignal(export.finished, timeout=20_000):
        export.start(window, CaseFilter(text="张建国"), path)
    qtbot.waitUntil(lambda: bool(said))
    assert "masked" in said[0]
    written = path.read_text(encoding="utf-8-sig")
    assert "申请人张建国，身份证110***********002X，手机138****5678，要求赔偿 500 元。" in written
    assert ID_WITH_X not in written and "13812345678" not in written
