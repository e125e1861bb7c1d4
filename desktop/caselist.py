"""The case list: a table model over plain rows fetched page by page, sorted in the store.

Signals (CaseTableModel):
    loaded(int): a page arrived; carries the number of rows now held.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Signal

from desktop.backend import Backend

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from casework.rows import CaseFilter, CaseRow

Index = QModelIndex | QPersistentModelIndex

# Qt.ItemDataRole values as plain ints: touching PySide6's ``Qt`` namespace builds all of
# its enums (tens of milliseconds), which this module must not do before the first paint.
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
CASE_ID_ROLE = 0x0100 + 1  # Qt.ItemDataRole.UserRole + 1

# casework.rows.CaseSort values, as text: the rows module loads with the first page,
# not on the path to the first paint.
_COLUMNS = [
    "number", "created_at", "first_party", "dispute_type", "status", "priority", "due_on",
]  # fmt: skip
BACKGROUND_ROLE = 8  # Qt.ItemDataRole.BackgroundRole
OVERDUE_ROLE = 0x0100 + 2  # Qt.ItemDataRole.UserRole + 2
_ROLES = frozenset({DISPLAY_ROLE, BACKGROUND_ROLE, CASE_ID_ROLE, OVERDUE_ROLE})


class CaseTableModel(QAbstractTableModel):
    """Cases as rows; more are fetched as the view scrolls, sorting asks the store."""

    loaded = Signal(int)

    def __init__(self, backend: Backend, page_size: int = 200, parent: QObject | None = None):
        super().__init__(parent)
        self._backend = backend
        self._page_size = page_size
        self._rows: list[CaseRow] = []
        self._cells: dict[int, list[str]] = {}  # display words of the rows shown so far
        self._total = 0
        self._sort = "created_at"
        self._descending = True
        self._generation = 0  # answers to an older sort or reload are dropped
        self._fetching = False
        self._active = False  # nothing is fetched before the store is open and set up
        self._filter: CaseFilter | None = None

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        from PySide6.QtCore import Qt

        if orientation != Qt.Orientation.Horizontal or role != DISPLAY_ROLE:
            return None
        return [
            self.tr("Case no."),
            self.tr("Received"),
            self.tr("Parties"),
            self.tr("Dispute type"),
            self.tr("Status"),
            self.tr("Priority"),
            self.tr("Deadline"),
        ][section]

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        # Called for every role of every visible cell on each repaint: the roles this
        # model has nothing for leave first, and a row's words are made once.
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        row = self._rows[number]
        if role == DISPLAY_ROLE:
            cells = self._cells.get(number)
            if cells is None:
                cells = self._cells[number] = [self._display(row, c) for c in _COLUMNS]
            return cells[index.column()]
        if role == CASE_ID_ROLE:
            return row.id
        if role == OVERDUE_ROLE:
            return row.overdue
        if not row.overdue:
            return None
        from desktop.style import overdue_brush  # an overdue case stands out

        return overdue_brush()

    @staticmethod
    def _display(row: CaseRow, column: str) -> str:
        from desktop import labels  # the domain vocabulary loads with the first rows

        if column == "number":
            return row.number
        if column == "created_at":
            from desktop.formatting import short_date

            return short_date(row.created_at)
        if column == "first_party":
            from casework.masking import mask_text  # a list never shows an ID or phone

            return mask_text(row.parties)
        if column == "dispute_type":
            return labels.dispute_type(row.dispute_type)
        if column == "status":
            return labels.status(row.status)
        if column == "due_on":
            from desktop.formatting import deadline

            return deadline(row.due_on, row.overdue)
        return labels.priority(row.priority)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        from PySide6.QtCore import Qt

        sort, descending = _COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending) and self._generation:
            return  # already fetched (or fetching) in this order
        self._sort, self._descending = sort, descending
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def start(self) -> None:
        """Begin fetching: called once the store is open and the laptop set up."""
        self._active = True
        self.reload()

    def reload(self) -> None:
        """Drop what is held and fetch the first page again (after a change or a sort)."""
        self._generation += 1
        if self._active:
            self._request(0)

    def set_filter(self, narrow: CaseFilter | None) -> None:
        """Show only the cases that pass ``narrow`` (None: all), from the first page."""
        if narrow == self._filter:
            return
        self._filter = narrow
        self.reload()

    @property
    def total(self) -> int:
        """How many cases pass the filter (known once the first page arrived)."""
        return self._total

    def case_id(self, row: int) -> str:
        """The id of the case shown in ``row``."""
        return self._rows[row].id

    def _request(self, offset: int) -> None:
        from casework.rows import CasePage, CaseSort

        page = CasePage(offset, self._page_size, CaseSort(self._sort), self._descending)
        generation, narrow = self._generation, self._filter
        self._fetching = True
        self._backend.submit(
            lambda book: book.case_page(page, narrow),
            lambda result: self._arrived(generation, offset, *result),
            lambda error: self._failed(generation, error),
        )

    def _failed(self, generation: int, error: BaseException) -> None:
        from desktop import messages

        if generation == self._generation:
            self._fetching = False  # scrolling or a reload may try again
        messages.report(None, error, "loading the case list")

    def _arrived(self, generation: int, offset: int, rows: list[CaseRow], total: int) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if offset == 0:
            self.beginResetModel()
            self._rows = list(rows)
            self._cells = {}
            self._total = total
            self.endResetModel()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
            self._rows.extend(rows)
            self._total = total
            self.endInsertRows()
        self.loaded.emit(len(self._rows))
