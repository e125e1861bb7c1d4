"""First run: the worker's name, login and password, and the village this laptop serves."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
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

from desktop.login import NewPassword
from desktop.style import make_error


def _tr(text: str) -> str:
    # The shared texts keep FirstRunDialog's translations (the same in both first runs).
    return QCoreApplication.translate("FirstRunDialog", text)


class _SetUpDialog(QDialog):
    """What both first runs share: the worker's name, login and password, the error line,
    and Start / Quit. Subclasses add their rows between the name and the login.

    Signals:
        quit_requested(): the worker chose to leave Outpost instead.
    """

    quit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Welcome to Outpost"))
        intro = QLabel(self._intro_text(), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_tr("Your full name"))
        self.error = make_error(QLabel(self))
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(_tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(
            _tr("Quit Outpost"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.quit_requested)
        self.form = QFormLayout()
        self.form.addRow(_tr("Grid worker"), self.name)
        self._add_rows(self.form)
        # The worker's own account: it opens this laptop (and its encrypted store).
        self.account = NewPassword(self.form, self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _intro_text(self) -> str:
        """What this first run is for, above the form."""
        raise NotImplementedError

    def _add_rows(self, form: QFormLayout) -> None:
        """The rows of this kind of first run, below the worker's name."""

    def _problem(self) -> str | None:
        """What else is missing in this kind of first run, or None."""
        return None

    def worker_name(self) -> str:
        """The name as typed, trimmed."""
        return self.name.text().strip()

    def login_name(self) -> str:
        """The login name chosen, trimmed."""
        return self.account.values()[0]

    def password(self) -> str:
        """The password chosen (typed the same twice)."""
        return self.account.values()[1]

    def reject(self) -> None:
        """Esc does not dismiss the setup: without it no case can be recorded."""

    def accept(self) -> None:
        """Close only once everything is given."""
        if not self.worker_name():
            problem: str | None = _tr("Please enter your name.")
        else:
            problem = self._problem() or self.account.problem()
        if problem is None:
            super().accept()
            return
        self.error.setText(problem)
        self.error.show()


class FirstRunDialog(_SetUpDialog):
    """Asks who works on this laptop, their login and password, and for which village."""

    def __init__(self, villages: list[tuple[str, str, str]], parent: QWidget | None = None):
        self._villages = villages
        super().__init__(parent)

    def _intro_text(self) -> str:
        return self.tr(
            "Before the first case, tell Outpost who works on this laptop and which "
            "village or community it serves. Cases recorded here belong to that village. "
            "Your login name and password open Outpost from now on."
        )

    def _add_rows(self, form: QFormLayout) -> None:
        self.town = QComboBox(self)
        self.village = QComboBox(self)
        # Towns with villages first; the district's desk last.
        towns = [t for _, v, t in self._villages if v] + [t for _, v, t in self._villages if not v]
        for town in dict.fromkeys(towns):
            self.town.addItem(town)
        self.town.currentTextChanged.connect(self._fill_villages)
        self._fill_villages(self.town.currentText())
        form.addRow(self.tr("Town / subdistrict"), self.town)
        form.addRow(self.tr("Village / community"), self.village)

    def _fill_villages(self, town: str) -> None:
        self.village.clear()
        for code, village, in_town in self._villages:
            if in_town == town and village:
                self.village.addItem(village, code)
        for code, village, in_town in self._villages:
            if in_town == town and not village:  # the town's (or district's) own desk
                self.village.addItem(self.tr("Mediation centre desk (town or district)"), code)

    def village_code(self) -> str:
        """The chosen village's org code."""
        return str(self.village.currentData() or "")

    def _problem(self) -> str | None:
        if not self.village_code():
            return self.tr("Please choose your village or community.")
        return None


class ProvisionedFirstRunDialog(_SetUpDialog):
    """First run of a provisioned build: the village or town and the town server are
    fixed by the trainer's file, so only the worker's name, login and password and the
    one-time enrollment code are asked."""

    def __init__(self, unit_name: str, server_url: str, parent: QWidget | None = None):
        self._unit_name, self._server_url = unit_name, server_url
        super().__init__(parent)

    def _intro_text(self) -> str:
        return self.tr(
            "This laptop is prepared for %1. Enter your name and the one-time enrollment "
            "code from the town administrator; the laptop then connects to the town "
            "server. Without a code, leave it empty: work offline and enroll later in "
            "Settings."
        ).replace("%1", self._unit_name)

    def _add_rows(self, form: QFormLayout) -> None:
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("One-time code from the town administrator"))
        self.unit = QLabel(self._unit_name, self)
        self.server = QLabel(self._server_url, self)
        form.addRow(self.tr("Enrollment code"), self.code)
        form.addRow(self.tr("Village / community"), self.unit)
        form.addRow(self.tr("Server address"), self.server)

    def enrollment_code(self) -> str:
        """The one-time code as typed, trimmed (may be empty: enroll later)."""
        return self.code.text().strip()
