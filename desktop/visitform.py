"""The form to log a patrol, home visit, appointment, joint consultation or follow-up.

casework.visits loads the ORM, so it is imported where a visit is checked or saved,
never when this module loads (the window paints before the ORM is there).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casework.drafts import DraftInvalid, FieldProblem
from desktop import labels, messages
from desktop.backend import Backend
from desktop.caseform import FieldWithError

if TYPE_CHECKING:
    from casework.rows import CaseRow
    from casework.visits import VisitDraft

Index = QModelIndex | QPersistentModelIndex

# Codes of casework.visits, as text (see the module docstring).
PATROL, FOLLOW_UP = "patrol", "follow_up"


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(parent: QWidget, value: QDate) -> QDateEdit:
    edit = QDateEdit(value, parent)
    edit.setCalendarPopup(True)
    return edit


class VisitDialog(QDialog):
    """登记走访: logs one visit; keeps everything typed until it is saved.

    Signals:
        logged(str): the visit was stored; carries its id.
        case_requested(str, str): after ``logged``, for a patrol that found a dispute:
            the visit's id and notes, to record the case from.
    """

    logged = Signal(str)
    case_requested = Signal(str, str)

    def __init__(
        self,
        backend: Backend,
        parent: QWidget | None = None,
        case_id: str | None = None,
        case_label: str = "",
        *,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._case_id = case_id
        self._open = True  # False once closed: answers arriving later are dropped
        self.saving = False
        self.setWindowTitle(self.tr("Log a visit"))
        screen = self.screen().availableGeometry()
        self.resize(min(640, screen.width()), min(820, int(screen.height() * 0.92)))
        self._make_fields(case_label)
        self._make_survey()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.currentIndexChanged.connect(self._update_sections)
        self._update_sections()
        if self.case_choice is not None:
            self._load_cases()

    def _make_fields(self, case_label: str) -> None:
        self.case_choice: QComboBox | None = None
        if self._case_id is not None:
            case: QWidget = QLabel(case_label or self._case_id, self)
        else:
            self.case_choice = QComboBox(self)
            self.case_choice.addItem(self.tr("Not linked to a case"), None)
            self.case_choice.currentIndexChanged.connect(self._update_sections)
            case = self.case_choice
        self.kind = QComboBox(self)
        for code in labels.VISIT_KINDS:
            self.kind.addItem(labels.visit_kind(code), code)
        today = QDate.currentDate()
        self.visited_on = _date_edit(self, today)
        self.place = QLineEdit(self)
        self.place.setMaxLength(200)
        self.people = QLineEdit(self)
        self.people.setPlaceholderText(self.tr("Who was there"))
        self.notes = QPlainTextEdit(self)
        self.notes.setMinimumHeight(100)
        self.notes.setPlaceholderText(self.tr("What was seen and said"))
        self.outcome = QPlainTextEdit(self)
        self.outcome.setMinimumHeight(60)
        self.plan_next = QCheckBox(self.tr("Plan a next visit"), self)
        self.next_visit_on = _date_edit(self, today.addDays(7))
        self.next_visit_on.setEnabled(False)
        self.plan_next.toggled.connect(self.next_visit_on.setEnabled)
        next_row = QWidget(self)
        row = QHBoxLayout(next_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plan_next)
        row.addWidget(self.next_visit_on)
        row.addStretch(1)
        self.record_dispute = QCheckBox(self.tr("Record a dispute from what was found"), self)
        self.fields = {
            name: FieldWithError(widget, self)
            for name, widget in [
                ("case_id", case), ("kind", self.kind), ("visited_on", self.visited_on),
                ("place", self.place), ("people", self.people), ("notes", self.notes),
                ("outcome", self.outcome), ("next_visit_on", next_row),
            ]
        }  # fmt: skip

    def _make_survey(self) -> None:
        self.survey_box = QGroupBox(self.tr("Satisfaction survey"), self)
        self.survey: dict[str, QComboBox] = {}
        form = QFormLayout(self.survey_box)
        for code in labels.SURVEY_QUESTIONS:
            choice = QComboBox(self.survey_box)
            choice.addItem(self.tr("Please choose…"), "")
            for answer in labels.SATISFACTIONS:
                choice.addItem(labels.satisfaction(answer), answer)
            self.survey[code] = choice
            self.fields[code] = FieldWithError(choice, self.survey_box)
            form.addRow(labels.survey_question(code) + " *", self.fields[code])
        self.comment = QPlainTextEdit(self.survey_box)
        self.comment.setMinimumHeight(60)
        self.comment.setPlaceholderText(self.tr("What the parties said about the mediation"))
        self.fields["comment"] = FieldWithError(self.comment, self.survey_box)
        form.addRow(self.tr("Comment"), self.fields["comment"])

    def _lay_out(self) -> None:
        content = QWidget(self)
        body = QVBoxLayout(content)
        form = QFormLayout()
        for title, name in [
            (self.tr("Case"), "case_id"), (self.tr("Kind *"), "kind"),
            (self.tr("Date *"), "visited_on"), (self.tr("Place"), "place"),
            (self.tr("People present"), "people"), (self.tr("Notes *"), "notes"),
            (self.tr("Outcome"), "outcome"), (self.tr("Next visit"), "next_visit_on"),
        ]:  # fmt: skip
            form.addRow(title, self.fields[name])
        form.addRow("", self.record_dispute)
        body.addLayout(form)
        body.addWidget(self.survey_box)
        body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)

    def _load_cases(self) -> None:
        from casework.rows import CaseFilter, CasePage
        from casework.status import CaseStatus

        live = tuple(s.value for s in CaseStatus if s is not CaseStatus.ARCHIVED)
        narrow = CaseFilter(statuses=live)
        self._backend.submit(
            lambda book: book.case_page(CasePage(limit=500), narrow)[0],
            self._show_cases,
            lambda error: messages.report(self, error, "listing cases for a visit"),
        )

    def _show_cases(self, rows: list[CaseRow]) -> None:
        if not self._open or self.case_choice is None:
            return
        for row in rows:
            self.case_choice.addItem(f"{row.number} · {row.parties}", row.id)

    def _update_sections(self) -> None:
        # The survey belongs to follow-ups; recording a dispute to a patrol of no case.
        kind = self.kind.currentData()
        self.survey_box.setVisible(kind == FOLLOW_UP)
        self.record_dispute.setVisible(kind == PATROL and self.chosen_case() is None)

    def chosen_case(self) -> str | None:
        """The case the visit belongs to, if any."""
        if self.case_choice is None:
            return self._case_id
        data = self.case_choice.currentData()
        return str(data) if data else None

    def draft(self) -> VisitDraft:
        """Everything typed so far."""
        from casework.visits import VisitDraft

        return VisitDraft(
            kind=str(self.kind.currentData()),
            visited_on=_date(self.visited_on.date()),
            place=self.place.text(),
            people=self.people.text(),
            notes=self.notes.toPlainText(),
            outcome=self.outcome.toPlainText(),
            next_visit_on=_date(self.next_visit_on.date()) if self.plan_next.isChecked() else None,
            case_id=self.chosen_case(),
            comment=self.comment.toPlainText(),
            **{code: str(choice.currentData() or "") for code, choice in self.survey.items()},
        )

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Show every problem beside its field and clear the fixed ones."""
        by_field = {p.field: p for p in problems}
        for name, field in self.fields.items():
            found = by_field.get(name)
            field.show_problem(labels.problem(found.problem) if found else None)

    def save(self) -> None:
        """Check the form; if clean, save in the background and close when it is stored."""
        from casework.visits import validate

        draft = self.draft()
        problems = validate(draft)
        self.show_problems(problems)
        if problems:
            return
        record = self.record_dispute.isVisibleTo(self) and self.record_dispute.isChecked()
        self._set_saving(True)
        self._backend.submit(
            lambda book: book.log_visit(draft),
            lambda visit_id: self._saved(visit_id, draft, record),
            self._failed,
        )

    def _set_saving(self, saving: bool) -> None:
        # While the store writes, the form can be neither saved twice nor closed.
        self.saving = saving
        for button in self.buttons.buttons():
            button.setEnabled(not saving)

    def _saved(self, visit_id: str, draft: VisitDraft, record: bool) -> None:
        self.saving = False
        if draft.case_id is not None:  # its history has a new entry, its step may be done
            self._backend.cases_changed.emit(draft.case_id)
        self.logged.emit(visit_id)
        if record:
            self.case_requested.emit(visit_id, draft.notes.strip())
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, DraftInvalid):
            self.show_problems(error.problems)
            return
        messages.report(self, error, "logging a visit")

    def has_typed(self) -> bool:
        """Whether anything worth keeping has been typed."""
        texts = [self.place.text(), self.people.text(), self.notes.toPlainText(),
                 self.outcome.toPlainText(), self.comment.toPlainText()]  # fmt: skip
        return any(text.strip() for text in texts)

    def may_close(self) -> bool:
        """False while saving, or if the worker wants to keep what was typed."""
        if self.saving:
            return False
        if not self.has_typed():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Discard this visit?"),
            self.tr("What you typed has not been saved. Discard it?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        """Cancel and Esc: ask before throwing away what was typed; never while saving."""
        if self.may_close():
            super().reject()

    def done(self, result: int) -> None:
        """Close, whatever the way; later answers from the store are ignored."""
        self._open = False
        super().done(result)
