"""The steps of the new-case wizard: parties, the dispute, the intake checklist, confirm.

Each step holds its widgets and turns them into (and back from) the wizard's draft; the
wizard moves between them and saves the draft.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework.checklists import Checklists, Question
from casework.domain import DisputeType, Level, PartyRole
from casework.drafts import CaseDraft, FieldProblem
from casework.intake import Answer, IntakeOutcome, evaluate, proposed_level
from desktop import labels
from desktop.caseform import FieldWithError, PartyEditor
from desktop.formatting import plain_date
from desktop.style import make_error


def _scrolled(content: QWidget, parent: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(content)
    return scroll


class PartiesStep(QWidget):
    """Step 1: who is in the dispute."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parties: list[PartyEditor] = []
        self._box = QVBoxLayout()
        self.error = make_error(QLabel(self))
        self.error.hide()
        self.add_party_button = QPushButton(self.tr("Add a party"), self)
        self.add_party_button.clicked.connect(lambda: self.add_party(PartyRole.RESPONDENT))
        content = QWidget(self)
        body = QVBoxLayout(content)
        body.addLayout(self._box)
        body.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.add_party_button)
        row.addStretch(1)
        body.addLayout(row)
        body.addStretch(1)
        QVBoxLayout(self).addWidget(_scrolled(content, self))

    def add_party(self, role: PartyRole) -> PartyEditor:
        """Add an empty party box at the end."""
        editor = PartyEditor(len(self.parties) + 1, role, self)
        editor.remove_requested.connect(lambda: self._remove(editor))
        self.parties.append(editor)
        self._box.addWidget(editor)
        self._update_remove_buttons()
        return editor

    def _remove(self, editor: PartyEditor) -> None:
        self.parties.remove(editor)
        self._box.removeWidget(editor)
        editor.deleteLater()
        for number, other in enumerate(self.parties, start=1):
            other.renumber(number)
        self._update_remove_buttons()

    def _update_remove_buttons(self) -> None:
        for editor in self.parties:
            editor.remove.setEnabled(len(self.parties) > 1)

    def show_problems(self, by_field: dict[str, FieldProblem]) -> None:
        """Show each party's problems beside its fields, and the list's own problem."""
        for index, editor in enumerate(self.parties):
            prefix = f"parties.{index}."
            editor.show_problems(
                {k.removeprefix(prefix): p for k, p in by_field.items() if k.startswith(prefix)}
            )
        general = by_field.get("parties")
        self.error.setText(labels.problem(general.problem) if general else "")
        self.error.setVisible(general is not None)


class DisputeStep(QWidget):
    """Step 2: the type and facts, with what the items catalogue proposes for the type.

    Signals:
        type_changed(): a different dispute type was chosen.
    """

    type_changed = Signal()

    def __init__(self, checklists: Checklists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklists = checklists
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
        self.proposal = QLabel(self)
        self.proposal.setWordWrap(True)
        box = QGroupBox(self.tr("What the items checklist says"), self)
        QVBoxLayout(box).addWidget(self.proposal)
        form = QFormLayout(self)
        form.addRow(self.tr("Dispute type *"), self.fields["dispute_type"])
        form.addRow(box)
        form.addRow(self.tr("Facts *"), self.fields["facts"])
        form.addRow(self.tr("Claims"), self.fields["claims"])
        self.dispute_type.currentIndexChanged.connect(self._show_proposal)
        self.dispute_type.currentIndexChanged.connect(self.type_changed)
        self._show_proposal()

    def chosen(self) -> str:
        """The dispute type's code, or '' before one is chosen."""
        return str(self.dispute_type.currentData() or "")

    def _show_proposal(self) -> None:
        code = self.chosen()
        if not code:
            self.proposal.setText(self.tr("Choose the dispute type to see who handles it."))
            return
        item = self._checklists.items.find(code)
        level = proposed_level(item)
        due = dt.date.today() + dt.timedelta(days=item.deadline_days)
        lines = [
            self.tr("Handled at: %1").replace("%1", labels.level(item.level)),
            self.tr("Priority: %1").replace("%1", labels.priority(item.priority)),
            self.tr("Deadline: %n day(s), until %1", "", item.deadline_days).replace(
                "%1", plain_date(due)
            ),
        ]
        if item.departments:
            lines.append(self.tr("Departments: %1").replace("%1", "、".join(item.departments)))
        if level is not Level.VILLAGE:
            lines.append(
                self.tr("Beyond the village: propose escalation to the %1 level.").replace(
                    "%1", labels.level(level)
                )
            )
        self.proposal.setText("\n".join(lines))

    def fill(self, draft: CaseDraft) -> None:
        """Put a saved dispute back in the fields."""
        self.dispute_type.setCurrentIndex(max(0, self.dispute_type.findData(draft.dispute_type)))
        self.facts.setPlainText(draft.facts)
        self.claims.setPlainText(draft.claims)

    def show_problems(self, by_field: dict[str, FieldProblem]) -> None:
        """Show each field's problem, clearing the fixed ones."""
        for key, field in self.fields.items():
            found = by_field.get(key)
            field.show_problem(labels.problem(found.problem) if found else None)


class QuestionRow(QWidget):
    """One intake question: its answer and, where the checklist asks for it, a note.

    Signals:
        changed(): the answer or the note changed.
    """

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.answer = QComboBox(self)
        self.answer.addItem(self.tr("Please choose…"), "")
        for value in question.answers:
            self.answer.addItem(labels.answer(value), value)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.answer)
        layout.addWidget(self.note, 1)
        self.answer.currentIndexChanged.connect(self._update_note)
        self.answer.currentIndexChanged.connect(self.changed)
        self.note.textChanged.connect(self.changed)
        self._update_note()

    def _update_note(self) -> None:
        needed = self.value() in self.question.note_required_when
        self.note.setPlaceholderText(
            self.tr("Required: say which (e.g. the court, the evidence)") if needed
            else self.tr("Note (optional)")
        )  # fmt: skip

    def value(self) -> str:
        """The chosen answer's code, or '' when none is chosen."""
        return str(self.answer.currentData() or "")

    def choose(self, value: str) -> None:
        """Select an answer by its code."""
        self.answer.setCurrentIndex(max(0, self.answer.findData(value)))


class IntakeStep(QWidget):
    """Step 3: the intake checklist 受理清单, with what the answers mean, as they change."""

    def __init__(self, checklists: Checklists, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklists = checklists
        self.dispute_type = ""
        self.rows: dict[str, QuestionRow] = {}
        content = QWidget(self)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long questions
        for question in checklists.intake.question:
            row = QuestionRow(question, content)
            row.changed.connect(self.show_outcome)
            label = QLabel(question.text, content)
            form.addRow(label, row)
            self.rows[question.code] = row
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.blocks = make_error(QLabel(self))
        layout = QVBoxLayout(self)
        layout.addWidget(_scrolled(content, self), 1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.blocks)

    def answers(self) -> dict[str, Answer]:
        """The answers chosen so far (unanswered questions left out)."""
        return {
            code: Answer(row.value(), row.note.text())
            for code, row in self.rows.items()
            if row.value()
        }

    def fill(self, answers: dict[str, Answer]) -> None:
        """Put saved answers back."""
        for code, answer in answers.items():
            if code in self.rows:
                self.rows[code].choose(answer.value)
                self.rows[code].note.setText(answer.note)
        self.show_outcome()

    def evaluate(self) -> IntakeOutcome | None:
        """What the answers mean for the chosen type (None before a type is chosen)."""
        if not self.dispute_type:
            return None
        item = self._checklists.items.find(self.dispute_type)
        return evaluate(self._checklists.intake, item, self.answers())

    def show_outcome(self) -> None:
        """Say what the answers so far mean: blocks, forced priority, escalation, police."""
        outcome = self.evaluate()
        if outcome is None:
            return
        self.outcome.setText("\n".join(describe(outcome, blocks=False)))
        self.blocks.setText("\n".join(b.reason for b in outcome.blocks))
        self.blocks.setVisible(bool(outcome.blocks))


def describe(outcome: IntakeOutcome, *, blocks: bool = True) -> list[str]:
    """An intake outcome in sentences."""

    lines = []
    if outcome.report_to_police:
        lines.append(
            QCoreApplication.translate(
                "IntakeOutcome", "Risk of violence or a criminal case: report to the police now."
            )
        )
    lines.append(
        QCoreApplication.translate("IntakeOutcome", "Priority: %1").replace(
            "%1", labels.priority(outcome.priority)
        )
    )
    if outcome.propose_escalation:
        lines.append(
            QCoreApplication.translate("IntakeOutcome", "Escalation to a higher level is proposed.")
        )
    if outcome.unanswered:
        lines.append(
            QCoreApplication.translate(
                "IntakeOutcome", "%n question(s) not answered yet.", "", len(outcome.unanswered)
            )
        )
    if outcome.notes_missing:
        lines.append(
            QCoreApplication.translate(
                "IntakeOutcome", "%n answer(s) need a note.", "", len(outcome.notes_missing)
            )
        )
    if blocks:
        lines += [
            QCoreApplication.translate("IntakeOutcome", "Cannot be accepted: %1").replace(
                "%1", b.reason
            )
            for b in outcome.blocks
        ]
    return lines
