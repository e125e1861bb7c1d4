"""First run: the worker's name and the village this laptop serves."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.style import make_error


class FirstRunDialog(QDialog):
    """Asks who works on this laptop and for which village; nothing else is needed.

    Signals:
        quit_requested(): the worker chose to leave Outpost instead.
    """

    quit_requested = Signal()

    def __init__(self, villages: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Outpost"))
        self._villages = villages
        intro = QLabel(
            self.tr(
                "Before the first case, tell Outpost who works on this laptop and which "
                "village or community it serves. Cases recorded here belong to that village."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.town = QComboBox(self)
        self.village = QComboBox(self)
        # Towns with villages first; the district's desk last.
        towns = [t for _, v, t in villages if v] + [t for _, v, t in villages if not v]
        for town in dict.fromkeys(towns):
            self.town.addItem(town)
        self.town.currentTextChanged.connect(self._fill_villages)
        self._fill_villages(self.town.currentText())
        self.error = make_error(QLabel(self))
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(
            self.tr("Quit Outpost"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.quit_requested)
        form = QFormLayout()
        form.addRow(self.tr("Grid worker"), self.name)
        form.addRow(self.tr("Town / subdistrict"), self.town)
        form.addRow(self.tr("Village / community"), self.village)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _fill_villages(self, town: str) -> None:
        self.village.clear()
        for code, village, in_town in self._villages:
            if in_town == town and village:
                self.village.addItem(village, code)
        for code, village, in_town in self._villages:
            if in_town == town and not village:  # the town's (or district's) own desk
                self.village.addItem(self.tr("Mediation centre desk (town or district)"), code)

    def worker_name(self) -> str:
        """The name as typed, trimmed."""
        return self.name.text().strip()

    def village_code(self) -> str:
        """The chosen village's org code."""
        return str(self.village.currentData() or "")

    def reject(self) -> None:
        """Esc does not dismiss the setup: without it no case can be recorded."""

    def accept(self) -> None:
        """Close only once a name and a village are given."""
        if not self.worker_name():
            self.error.setText(self.tr("Please enter your name."))
        elif not self.village_code():
            self.error.setText(self.tr("Please choose your village or community."))
        else:
            super().accept()
            return
        self.error.show()


class ProvisionedFirstRunDialog(QDialog):
    """First run of a provisioned build: the village or town and the town server are
    fixed by the trainer's file, so only the worker's name and the one-time enrollment
    code are asked.

    Signals:
        quit_requested(): the worker chose to leave Outpost instead.
    """

    quit_requested = Signal()

    def __init__(self, unit_name: str, server_url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Outpost"))
        intro = QLabel(
            self.tr(
                "This laptop is prepared for %1. Enter your name and the one-time enrollment "
                "code from the town administrator; the laptop then connects to the town "
                "server. Without a code, leave it empty: work offline and enroll later in "
                "Settings."
            ).replace("%1", unit_name),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Your full name"))
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("One-time code from the town administrator"))
        self.unit = QLabel(unit_name, self)
        self.server = QLabel(server_url, self)
        self.error = make_error(QLabel(self))
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(
            self.tr("Quit Outpost"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.quit_requested)
        form = QFormLayout()
        form.addRow(self.tr("Grid worker"), self.name)
        form.addRow(self.tr("Enrollment code"), self.code)
        form.addRow(self.tr("Village / community"), self.unit)
        form.addRow(self.tr("Server address"), self.server)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def worker_name(self) -> str:
        """The name as typed, trimmed."""
        return self.name.text().strip()

    def enrollment_code(self) -> str:
        """The one-time code as typed, trimmed (may be empty: enroll later)."""
        return self.code.text().strip()

    def reject(self) -> None:
        """Esc does not dismiss the setup: without it no case can be recorded."""

    def accept(self) -> None:
        """Close only once a name is given."""
        if not self.worker_name():
            self.error.setText(self.tr("Please enter your name."))
            self.error.show()
            return
        super().accept()
