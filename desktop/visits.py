"""走访: the page of recent visits; the form itself is desktop.visitform."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
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

from desktop import labels, messages
from desktop.backend import Backend
from desktop.formatting import plain_date
from desktop.style import make_heading
from desktop.visitform import VisitDialog

if TYPE_CHECKING:
    from casework.rows import VisitRow

Index = QModelIndex | QPersistentModelIndex


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
