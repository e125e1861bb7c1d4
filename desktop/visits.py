"""走访: the page of recent visits, and the form to log a patrol, visit or follow-up.

casework.visits loads the ORM, so it is imported where a visit is checked or saved,
never when this module loads (the window paints before the ORM is there).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.drafts import DraftInvalid, FieldProblem
from desktop import labels, messages
from desktop.backend import Backend
from desktop.caseform import FieldWithError
from desktop.formatting import plain_date
from desktop.style import make_heading

if TYPE_CHECKING:
    from casework.rows import CaseRow, VisitRow
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


class VisitTableModel(QAbstractTableModel):
    """The latest visits as rows, replaced whole on each refresh."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Date"), self.tr("Kind"), self.tr("Case or place"), self.tr("Notes"),
                self.tr("Next visit")][section]  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return row.notes
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            plain_date(row.visited_on),
            labels.visit_kind(row.kind),
            row.case_number or row.place,
            " ".join(row.notes.split()),
            plain_date(row.next_visit_on) if row.next_visit_on else "",
        ][index.column()]

    def set_rows(self, rows: list[VisitRow]) -> None:
        """Show ``rows`` instead of what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def visit(self, row: int) -> VisitRow:
        """The visit shown in ``row``."""
        return self._rows[row]


class VisitsPage(QWidget):
    """走访: the latest visits, and the button to log one.

    Signals:
        open_case(str): the case of a visit was asked for; carries its id.
        case_requested(str, str): a patrol found a dispute to record: visit id, notes.
    """

    open_case = Signal(str)
    case_requested = Signal(str, str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._started = False  # nothing is fetched before the store is open and set up
        self._fetching = False
        self._stale = False
        self.open_form: VisitDialog | None = None
        self.log_button = QPushButton(self.tr("Log a visit"), self)
        self.log_button.setEnabled(False)
        self.log_button.clicked.connect(lambda: self.log_visit())
        self.count_label = QLabel(self)
        self.model = VisitTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_row)
        bar = QHBoxLayout()
        bar.addWidget(make_heading(QLabel(self.tr("Visits"), self)))
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        backend.cases_changed.connect(self._case_changed)

    def start(self) -> None:
        """Begin fetching: called once the store is open and the laptop set up."""
        self._started = True
        self.log_button.setEnabled(True)
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Fetch the latest visits again (in the background)."""
        if not self._started:
            return
        if self._fetching:
            self._stale = True  # fetched again once the answer on its way arrives
            return
        self._fetching = True
        self._backend.submit(lambda book: book.visits(), self._arrived, self._failed)

    def _arrived(self, rows: list[VisitRow]) -> None:
        self._fetching = False
        self.model.set_rows(rows)
        self.count_label.setText(
            self.tr("%n visit(s)", "", len(rows)) if rows else self.tr("No visits logged yet.")
        )
        if self._stale:
            self._stale = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._fetching = False
        messages.report(self, error, "loading the visits")

    def _case_changed(self, _case_id: str) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _open_row(self, index: QModelIndex) -> None:
        case_id = self.model.visit(index.row()).case_id
        if case_id:
            self.open_case.emit(case_id)

    def log_visit(
        self, case_id: str | None = None, case_label: str = "", kind: str | None = None
    ) -> VisitDialog:
        """Open the form to log a visit (of ``case_id``, when given)."""
        dialog = VisitDialog(self._backend, self, case_id, case_label, kind=kind)
        dialog.logged.connect(lambda _id: self.refresh())
        dialog.case_requested.connect(self.case_requested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_form = dialog
        dialog.finished.connect(lambda _result: self._form_closed(dialog))
        dialog.open()
        return dialog

    def _form_closed(self, dialog: VisitDialog) -> None:
        if self.open_form is dialog:
            self.open_form = None
