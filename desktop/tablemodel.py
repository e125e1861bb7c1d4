"""A table model over plain rows replaced whole on each refresh: the Qt boilerplate that
the visits list and the escalation desk share."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one kind, one per line; a subclass names the columns (``headers``) and
    says what a row shows (``cells``) and, for other roles, ``cell_data``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._columns: int | None = None  # the headers' count, asked for on every paint

    # -- what a subclass says ------------------------------------------------------------

    def headers(self) -> list[str]:
        """The column titles, translated."""
        raise NotImplementedError

    def cells(self, row: Row) -> list[str]:
        """The words a row shows, one per column."""
        raise NotImplementedError

    def cell_data(self, row: Row, column: int, role: int) -> Any:
        """What a cell gives for a role other than display (None: nothing)."""
        return None

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self._columns is None:
            self._columns = len(self.headers())
        return self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        return self.cell_data(row, index.column(), role)

    # -- the rows ------------------------------------------------------------------------

    @contextlib.contextmanager
    def resetting(self) -> Iterator[None]:
        """Change what the model holds inside: views are told before and after."""
        self.beginResetModel()
        try:
            yield
        finally:
            self.endResetModel()

    def replace(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` instead of what was shown."""
        with self.resetting():
            self._rows = list(rows)

    def row_at(self, number: int) -> Row:
        """The row shown on line ``number``."""
        return self._rows[number]

    @property
    def rows(self) -> list[Row]:
        """The rows shown, in order."""
        return list(self._rows)
