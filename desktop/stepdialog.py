"""The form to record one process step: the fields the process checklist asks for."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casework.rows import StepRow
from desktop.style import make_error


class StepDialog(QDialog):
    """记录流程步骤: one input per field of the step; all are required."""

    def __init__(self, step: StepRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setWindowTitle(self.tr("Record the step “%1”").replace("%1", step.name))
        self.inputs: dict[str, QPlainTextEdit | QDateEdit | QCheckBox] = {}
        form = QFormLayout()
        for field in step.fields:
            widget: QPlainTextEdit | QDateEdit | QCheckBox
            if field.kind == "date":
                widget = QDateEdit(QDate.currentDate(), self)
                widget.setCalendarPopup(True)
            elif field.kind == "confirm":
                widget = QCheckBox(self.tr("Done"), self)
            else:
                widget = QPlainTextEdit(self)
                widget.setMinimumHeight(80)
            label = QLabel(field.label, self)
            label.setWordWrap(True)
            form.addRow(label, widget)
            self.inputs[field.code] = widget
        if not step.fields:
            form.addRow(QLabel(self.tr("This step needs nothing more: record it as done."), self))
        self.error = make_error(QLabel(self))
        self.error.hide()
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict[str, str]:
        """What was entered, as text (dates as ISO dates, ticks as yes or '')."""
        found = {}
        for code, widget in self.inputs.items():
            if isinstance(widget, QDateEdit):
                day = widget.date()
                found[code] = dt.date(day.year(), day.month(), day.day()).isoformat()
            elif isinstance(widget, QCheckBox):
                found[code] = "yes" if widget.isChecked() else ""
            else:
                found[code] = widget.toPlainText().strip()
        return found

    def show_problem(self, text: str | None) -> None:
        """Say what is missing or why the step cannot be recorded."""
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def missing(self) -> list[str]:
        """Labels of the fields left empty."""
        values = self.values()
        return [f.label for f in self.step.fields if not values.get(f.code)]

    def _check(self) -> None:
        if missing := self.missing():
            self.show_problem(self.tr("Please fill in: %1").replace("%1", "、".join(missing)))
            return
        self.accept()
