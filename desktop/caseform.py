"""The form to record a dispute: parties, type, facts, claims; problems shown beside fields.

Signals (RecordCaseDialog):
    recorded(str): the case was saved; carries its id.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework.domain import DisputeType, PartyRole
from casework.drafts import CaseDraft, DraftInvalid, FieldProblem, PartyDraft, validate
from desktop import labels, messages
from desktop.backend import Backend
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


class RecordCaseDialog(QDialog):
    """登记纠纷: records one dispute; keeps everything typed until it is saved."""

    recorded = Signal(str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.setWindowTitle(self.tr("Record a dispute"))
        self._fit_to_screen()
        self.parties: list[PartyEditor] = []
        self.saving = False
        self._parties_box = QVBoxLayout()
        self.parties_error = make_error(QLabel(self))
        self.parties_error.hide()
        self.add_party_button = QPushButton(self.tr("Add a party"), self)
        self.add_party_button.clicked.connect(lambda: self.add_party(PartyRole.RESPONDENT))
        self.dispute_type = QComboBox(self)
        self.dispute_type.addItem(self.tr("Please choose…"), "")
        for value in DisputeType:
            self.dispute_type.addItem(labels.dispute_type(value), value.value)
        self.facts = QPlainTextEdit(self)
        self.facts.setMinimumHeight(110)
        self.facts.setPlaceholderText(self.tr("What happened, between whom, since when"))
        self.claims = QPlainTextEdit(self)
        self.claims.setMinimumHeight(70)
        self.claims.setPlaceholderText(self.tr("What each party asks for"))
        self.fields = {
            "dispute_type": FieldWithError(self.dispute_type, self),
            "facts": FieldWithError(self.facts, self),
            "claims": FieldWithError(self.claims, self),
        }
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.add_party(PartyRole.APPLICANT)
        self.add_party(PartyRole.RESPONDENT)

    def _fit_to_screen(self) -> None:
        # Tall enough for the whole form on a laptop screen; longer forms scroll.
        screen = self.screen().availableGeometry()
        self.resize(min(720, screen.width()), min(900, int(screen.height() * 0.92)))

    def _lay_out(self) -> None:
        content = QWidget(self)
        body = QVBoxLayout(content)
        parties = QGroupBox(self.tr("Parties"), content)
        parties_layout = QVBoxLayout(parties)
        parties_layout.addLayout(self._parties_box)
        parties_layout.addWidget(self.parties_error)
        row = QHBoxLayout()
        row.addWidget(self.add_party_button)
        row.addStretch(1)
        parties_layout.addLayout(row)
        body.addWidget(parties)
        dispute = QGroupBox(self.tr("The dispute"), content)
        form = QFormLayout(dispute)
        form.addRow(self.tr("Dispute type *"), self.fields["dispute_type"])
        form.addRow(self.tr("Facts *"), self.fields["facts"])
        form.addRow(self.tr("Claims"), self.fields["claims"])
        body.addWidget(dispute)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)

    def add_party(self, role: PartyRole) -> PartyEditor:
        """Add an empty party box at the end of the list."""
        editor = PartyEditor(len(self.parties) + 1, role, self)
        editor.remove_requested.connect(lambda: self._remove_party(editor))
        self.parties.append(editor)
        self._parties_box.addWidget(editor)
        self._update_remove_buttons()
        return editor

    def _remove_party(self, editor: PartyEditor) -> None:
        self.parties.remove(editor)
        self._parties_box.removeWidget(editor)
        editor.deleteLater()
        for number, other in enumerate(self.parties, start=1):
            other.renumber(number)
        self._update_remove_buttons()

    def _update_remove_buttons(self) -> None:
        for editor in self.parties:
            editor.remove.setEnabled(len(self.parties) > 1)

    def draft(self) -> CaseDraft:
        """Everything typed so far."""
        return CaseDraft(
            dispute_type=str(self.dispute_type.currentData() or ""),
            facts=self.facts.toPlainText(),
            claims=self.claims.toPlainText(),
            parties=[editor.draft() for editor in self.parties],
        )

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Show every problem beside its field and clear the fixed ones."""
        by_field = {p.field: p for p in problems}
        for key, field in self.fields.items():
            found = by_field.get(key)
            field.show_problem(labels.problem(found.problem) if found else None)
        for index, editor in enumerate(self.parties):
            prefix = f"parties.{index}."
            editor.show_problems(
                {k.removeprefix(prefix): p for k, p in by_field.items() if k.startswith(prefix)}
            )
        general = by_field.get("parties")
        self.parties_error.setText(labels.problem(general.problem) if general else "")
        self.parties_error.setVisible(general is not None)

    def save(self) -> None:
        """Check the form; if clean, save in the background and close when it is stored."""
        draft = self.draft()
        problems = validate(draft)
        self.show_problems(problems)
        if problems:
            return
        self._set_saving(True)
        self._backend.submit_change(lambda book: book.record_case(draft), self._saved, self._failed)

    def _set_saving(self, saving: bool) -> None:
        # While the store writes, the form can be neither saved twice nor closed.
        self.saving = saving
        for button in self.buttons.buttons():
            button.setEnabled(not saving)

    def _saved(self, case_id: str) -> None:
        self.saving = False
        self.recorded.emit(case_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, DraftInvalid):
            self.show_problems(error.problems)
            return
        messages.report(self, error, "recording a case")

    def has_typed(self) -> bool:
        """Whether anything worth keeping has been typed."""
        draft = self.draft()
        return bool(
            draft.facts.strip()
            or draft.claims.strip()
            or any(p.name.strip() or p.id_number.strip() or p.phone.strip() for p in draft.parties)
        )

    def may_close(self) -> bool:
        """False while saving, or if the worker wants to keep what was typed."""
        if self.saving:
            return False
        if not self.has_typed():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Discard this dispute?"),
            self.tr("What you typed has not been saved. Discard it?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        """Cancel and Esc: ask before throwing away what was typed; never while saving."""
        if self.may_close():
            super().reject()
