"""Pieces of the forms that take in a dispute: a field with its problem, a party's box."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework.domain import DisputeType, PartyRole
from casework.drafts import CaseDraft, FieldProblem, PartyDraft, validate
from desktop import labels
from desktop.style import make_error


class FieldWithError(QWidget):
    """An input with the sentence that says what is wrong with it, right below."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = make_error(QLabel(self))
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)

    def show_problem(self, text: str | None) -> None:
        """Show ``text`` under the field, or clear it with None."""
        self.error.setText(text or "")
        self.error.setVisible(bool(text))


class PartyEditor(QGroupBox):
    """One party's fields.

    Signals:
        remove_requested(): the worker asked to take this party off the form.
    """

    remove_requested = Signal()

    def __init__(self, number: int, role: PartyRole, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for value in PartyRole:
            self.role.addItem(labels.role(value), value.value)
        self.role.setCurrentIndex(self.role.findData(role.value))
        self.id_number = QLineEdit(self)
        self.id_number.setMaxLength(20)
        self.phone = QLineEdit(self)
        self.address = QLineEdit(self)
        self.remove = QPushButton(self.tr("Remove this party"), self)
        self.remove.clicked.connect(self.remove_requested)
        self.fields = {
            key: FieldWithError(widget, self)
            for key, widget in [
                ("name", self.name),
                ("role", self.role),
                ("id_number", self.id_number),
                ("phone", self.phone),
                ("address", self.address),
            ]
        }
        form = QFormLayout(self)
        form.addRow(self.tr("Name *"), self.fields["name"])
        form.addRow(self.tr("Role *"), self.fields["role"])
        form.addRow(self.tr("ID number"), self.fields["id_number"])
        form.addRow(self.tr("Phone"), self.fields["phone"])
        form.addRow(self.tr("Address"), self.fields["address"])
        form.addRow("", self.remove)
        self.renumber(number)
        self.id_number.editingFinished.connect(lambda: self._check_one("id_number"))
        self.phone.editingFinished.connect(lambda: self._check_one("phone"))

    def renumber(self, number: int) -> None:
        """Title the box by its place on the form."""
        self.setTitle(self.tr("Party %1").replace("%1", str(number)))

    def draft(self) -> PartyDraft:
        """What has been typed, untouched."""
        return PartyDraft(
            name=self.name.text(),
            role=str(self.role.currentData()),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            address=self.address.text(),
        )

    def fill(self, draft: PartyDraft) -> None:
        """Put a saved party back in the fields."""
        self.name.setText(draft.name)
        self.role.setCurrentIndex(max(0, self.role.findData(draft.role)))
        self.id_number.setText(draft.id_number)
        self.phone.setText(draft.phone)
        self.address.setText(draft.address)

    def show_problems(self, problems: dict[str, FieldProblem]) -> None:
        """Show each field's problem (keys are field names), clearing the others."""
        for key, field in self.fields.items():
            found = problems.get(key)
            field.show_problem(labels.problem(found.problem) if found else None)

    def _check_one(self, key: str) -> None:
        # Checked as the worker leaves the field, so a typo shows before saving.
        draft = CaseDraft(dispute_type=DisputeType.OTHER.value, facts="-", parties=[self.draft()])
        found = {
            p.field.split(".")[-1]: p for p in validate(draft) if p.field.startswith("parties.0.")
        }
        problem = found.get(key)
        self.fields[key].show_problem(labels.problem(problem.problem) if problem else None)
