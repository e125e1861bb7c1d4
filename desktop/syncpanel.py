"""What the worker sees of sync: the status bar's link, last sync, progress and 同步
button; and the settings section for the server address, certificate and enrollment.

Signals (SyncIndicator):
    sync_requested(): the worker pressed 同步.
Signals (SyncSettings):
    enroll_requested(str, str): the worker asked to enroll; carries address and code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop import options
from desktop.formatting import short_datetime
from desktop.options import Options
from desktop.synccontrol import SyncStatus

if TYPE_CHECKING:
    from casework.syncstate import LogLine


class SyncIndicator(QWidget):
    """The status bar's part of sync."""

    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = QLabel(self)
        self.last = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(True)
        self.bar.hide()
        self.button = QPushButton(self.tr("Sync"), self)
        self.button.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.link, self.last, self.bar, self.button):
            layout.addWidget(widget)
        self.show_status(SyncStatus(False, None, None, False))

    def show_status(self, status: SyncStatus) -> None:
        """Online or offline, the last good sync, and whether one is running."""
        if not status.enrolled:
            self.link.setText(self.tr("Not enrolled with a town server"))
        elif status.online is None:
            self.link.setText(self.tr("Looking for the town server…"))
        else:
            self.link.setText(self.tr("Online") if status.online else self.tr("Offline"))
        self.last.setText(
            self.tr("Last sync: %1").replace("%1", short_datetime(status.last_sync_at))
            if status.last_sync_at
            else ""
        )
        self.button.setEnabled(status.enrolled and not status.running)
        self.bar.setVisible(status.running)
        if status.running:
            self.bar.setRange(0, 0)  # busy until the first count arrives

    def show_progress(self, phase: str, done: int, of: int) -> None:
        """Sending or receiving, how far."""
        self.bar.setRange(0, max(of, done, 1))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("Sending %v/%m") if phase == "push" else self.tr("Receiving %v"))


class SyncSettings(QGroupBox):
    """服务器与注册: the town server's address, its certificate, enrollment."""

    enroll_requested = Signal(str, str)

    def __init__(self, settings: Options, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Town server"))
        self._settings = settings
        self.address = QLineEdit(settings.get(options.SERVER_URL), self)
        self.address.setPlaceholderText("https://…")
        self.address.editingFinished.connect(
            lambda: settings.set(options.SERVER_URL, self.address.text().strip())
        )
        self.ca = QLineEdit(settings.get(options.SERVER_CA), self)
        self.ca.setReadOnly(True)
        choose = QPushButton(self.tr("Choose…"), self)
        choose.clicked.connect(self._choose_ca)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("One-time code from the town administrator"))
        self.enroll_button = QPushButton(self.tr("Enroll this laptop"), self)
        self.enroll_button.clicked.connect(self._enroll)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setMaximumHeight(140)
        self.log.setPlaceholderText(self.tr("No sync yet."))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(choose)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.enroll_button)
        form = QFormLayout(self)
        form.addRow(self.tr("Server address"), self.address)
        form.addRow(self.tr("CA certificate"), ca_row)
        form.addRow(self.tr("Enrollment code"), code_row)
        form.addRow(self.state)
        form.addRow(self.tr("Sync log"), self.log)

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )
        if path:
            self.ca.setText(path)
            self._settings.set(options.SERVER_CA, path)

    def _enroll(self) -> None:
        address, code = self.address.text().strip(), self.code.text().strip()
        if not address or not code:
            self.state.setText(self.tr("Enter the server address and the enrollment code."))
            return
        self._settings.set(options.SERVER_URL, address)
        self.enroll_button.setEnabled(False)
        self.state.setText(self.tr("Enrolling…"))
        self.enroll_requested.emit(address, code)

    def show_result(self, text: str, ok: bool) -> None:
        """Say how enrollment went; the button is usable again after a failure."""
        self.state.setText(text)
        self.enroll_button.setEnabled(not ok)
        if ok:
            self.code.clear()

    def show_log(self, lines: list[LogLine]) -> None:
        """The latest sync sessions, newest first, one line each."""
        texts = []
        for line in lines:
            when = short_datetime(line.started_at)
            text = (
                self.tr("%1: sent %2, received %3")
                .replace("%1", when)
                .replace("%2", str(line.acknowledged))
                .replace("%3", str(line.pulled))
            )
            if line.outcome != "ok":
                text += " — " + self.tr("did not finish: %1").replace("%1", line.message[:120])
            elif line.message:
                text += f" ({line.message})"
            texts.append(text)
        self.log.setPlainText("\n".join(texts))
