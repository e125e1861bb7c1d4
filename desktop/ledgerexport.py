"""The case list's "Export ledger…": choose a file, write the ledger 台账 in the background
with a progress bar and a cancel, then say how many cases went where.

Signals (LedgerExport):
    progressed(int, int): rows written so far and rows in all, on the GUI thread.
    finished(int, object): the ledger is written; carries the number of cases and its Path.
    failed(str): nothing written, for a reason of the disk or the file; the message shown.
    cancelled(): stopped by the person; nothing written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from casework.rows import CaseFilter
from desktop import messages

if TYPE_CHECKING:
    from casework.casebook import Casebook
    from casework.ledger import LedgerNotWritten
    from desktop.backend import Backend

SHOW_AFTER_MS = 400  # a small ledger is written before a progress bar would be seen


@dataclasses.dataclass(eq=False)
class _Run:
    """One export under way: where it goes, its progress bar, and the flag that stops it."""

    path: Path
    parent: QWidget
    dialog: QProgressDialog
    stop: threading.Event = dataclasses.field(default_factory=threading.Event)


class LedgerExport(QObject):
    """Exports the ledger of the cases passing the case list's filters."""

    progressed = Signal(int, int)
    finished = Signal(int, object)
    failed = Signal(str)
    cancelled = Signal()
    _reported = Signal(object, int, int)  # from the worker: the run, done, total

    def __init__(self, backend: Backend, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._folder: Path | None = None  # the last folder chosen, offered again
        self.current: _Run | None = None  # the export whose progress bar is up
        self._reported.connect(self._show_progress)

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress bar of the export under way, if any."""
        return None if self.current is None else self.current.dialog

    def start(self, parent: QWidget, narrow: CaseFilter | None, path: Path | None = None) -> None:
        """Ask where to save (unless ``path`` is given), then export in the background."""
        if self.current is not None and not self.current.stop.is_set():
            self.current.dialog.raise_()  # one at a time: its progress bar is already up
            return
        path = path or self._ask(parent)
        if path is not None:
            self._run(_Run(path, parent, self._progress_dialog(parent)), narrow or CaseFilter())

    def _ask(self, parent: QWidget) -> Path | None:
        folder = self._folder or _documents()
        name = f"台账-{dt.date.today():%Y%m%d}.xlsx"
        workbook, plain = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        chosen, kind = QFileDialog.getSaveFileName(
            parent, self.tr("Export ledger"), str(folder / name), f"{workbook};;{plain}"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in {".xlsx", ".csv"}:
            path = path.with_name(path.name + (".csv" if kind == plain else ".xlsx"))
        self._folder = path.parent
        return path

    def _progress_dialog(self, parent: QWidget) -> QProgressDialog:
        dialog = QProgressDialog(self.tr("Writing the ledger…"), self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(self.tr("Export ledger"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)  # closed when the file is complete, not at the last row
        dialog.setAutoReset(False)
        dialog.setValue(0)  # starts the clock of SHOW_AFTER_MS (else Qt's default, 4 s)
        return dialog

    def _run(self, run: _Run, narrow: CaseFilter) -> None:
        from casework.ledger import LedgerKind

        self.current = run
        run.dialog.canceled.connect(run.stop.set)
        kind = LedgerKind.CSV if run.path.suffix.lower() == ".csv" else LedgerKind.XLSX

        def report(done: int, total: int) -> bool:  # on the worker thread
            if run.stop.is_set():
                return False
            try:
                self._reported.emit(run, done, total)
            except RuntimeError:  # this object is gone (the window closed): stop
                return False
            return True

        def work(book: Casebook) -> int:
            from casework.ledger import export_ledger

            return export_ledger(book, narrow, run.path, kind, report)

        self._backend.submit(
            work, lambda count: self._done(run, count), lambda error: self._failed(run, error)
        )

    @Slot(object, int, int)
    def _show_progress(self, run: _Run, done: int, total: int) -> None:
        if run.stop.is_set():
            return
        run.dialog.setMaximum(max(total, 1))
        run.dialog.setValue(min(done, total))
        run.dialog.setLabelText(
            self.tr("Writing the ledger: %1 of %2 cases…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
        self.progressed.emit(done, total)

    def _finish(self, run: _Run) -> None:
        if self.current is run:
            self.current = None
        run.dialog.reset()
        run.dialog.close()  # emits canceled, which no longer matters: the run is over
        run.dialog.deleteLater()

    def _done(self, run: _Run, count: int) -> None:
        self._finish(run)
        self.finished.emit(count, run.path)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Export ledger"),
            self.tr("The ledger of %1 cases has been saved to:\n%2")
            .replace("%1", str(count))
            .replace("%2", str(run.path))
            + "\n\n"
            # casework.ledger masks them: a ledger leaves the laptop, the case page does not.
            + self.tr(
                "ID numbers and phone numbers in the facts and performance notes are shown masked."
            ),
            QMessageBox.StandardButton.Ok,
            run.parent,
        )
        show = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is show:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(run.path.parent)))

    def _failed(self, run: _Run, error: BaseException) -> None:
        from casework.ledger import LedgerCancelled, LedgerNotWritten

        self._finish(run)
        if isinstance(error, LedgerCancelled):
            self.cancelled.emit()
            return
        if isinstance(error, LedgerNotWritten):
            text = self._fault_text(error)
        elif isinstance(error, OSError):  # the disk's fault, of a kind not named there
            text = (
                self.tr(
                    "The ledger could not be written to %1: %2. The cases are not affected. "
                    "Check the disk or choose another folder, then export again."
                )
                .replace("%1", str(run.path))
                .replace("%2", error.strerror or str(error))
            )
        else:  # the store's fault (in words) or a bug (the crash dialog)
            messages.report(run.parent, error, "exporting the ledger")
            return
        self.failed.emit(text)
        messages.show_error(run.parent, text, log_text=f"ledger not exported: {error!r}")

    def _fault_text(self, error: LedgerNotWritten) -> str:
        from casework.ledger import Fault

        texts = {
            Fault.FOLDER_MISSING: self.tr(
                "The ledger was not written: the folder %1 does not exist (was a USB drive "
                "removed?). The cases are not affected. Choose another folder and export again."
            ),
            Fault.FOLDER_READ_ONLY: self.tr(
                "The ledger was not written: the folder %1 cannot be written to. The cases "
                "are not affected. Choose another folder, such as Documents, and export again."
            ),
            Fault.TARGET_IN_USE: self.tr(
                "The ledger was not written: %1 is open in another program (such as Excel or "
                "WPS). The cases are not affected. Close it there, then export again."
            ),
            Fault.DISK_FULL: self.tr(
                "The ledger was not written: the disk is full. The cases are not affected. "
                "Free some space or choose another drive, then export again."
            ),
        }
        return texts[error.fault].replace("%1", str(error.path))


def _documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()
