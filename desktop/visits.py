"""走访: the page of recent visits; the form itself is desktop.visitform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.masking import mask_text
from desktop import labels, messages
from desktop.backend import Backend
from desktop.formatting import plain_date
from desktop.style import make_heading
from desktop.tablemodel import RowTableModel
from desktop.visitform import VisitDialog

if TYPE_CHECKING:
    from casework.rows import VisitRow


class VisitTableModel(RowTableModel["VisitRow"]):
    """The latest visits as rows, replaced whole on each refresh. Notes and places are
    free text: their ID numbers and phones are masked (a list is not the case page)."""

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Kind"), self.tr("Case or place"), self.tr("Notes"),
                self.tr("Next visit")]  # fmt: skip

    def cells(self, row: VisitRow) -> list[str]:
        return [
            plain_date(row.visited_on),
            labels.visit_kind(row.kind),
            row.case_number or mask_text(row.place),
            mask_text(" ".join(row.notes.split())),
            plain_date(row.next_visit_on) if row.next_visit_on else "",
        ]

    def cell_data(self, row: VisitRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return mask_text(row.notes)
        return None

    def set_rows(self, rows: list[VisitRow]) -> None:
        """Show ``rows`` instead of what was shown."""
        self.replace(rows)

    def visit(self, row: int) -> VisitRow:
        """The visit shown in ``row``."""
        return self.row_at(row)


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
