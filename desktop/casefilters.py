"""The case list's search box and filters: status, type, priority, level, overdue, dates.

Signals (FilterBar):
    changed(object): the filter changed; carries a casework.rows.CaseFilter.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework.domain import DisputeType, Level, Priority
from casework.rows import CaseFilter
from casework.status import CaseStatus
from desktop import labels

TYPING_PAUSE_MS = 250  # search once the worker stops typing, not on every key


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class FilterBar(QWidget):
    """Search and filters above the case list."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            self.tr("Search names, ID numbers, phones, addresses, facts…")
        )
        self.search.setClearButtonEnabled(True)
        self.status = self._combo(
            self.tr("All statuses"), [(s, labels.status(s)) for s in CaseStatus]
        )
        self.dispute_type = self._combo(
            self.tr("All types"), [(t, labels.dispute_type(t)) for t in DisputeType]
        )
        self.priority = self._combo(
            self.tr("All priorities"), [(p, labels.priority(p)) for p in Priority]
        )
        self.level = self._combo(self.tr("All levels"), [(v, labels.level(v)) for v in Level])
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.dated = QCheckBox(self.tr("Received from"), self)
        today = QDate.currentDate()
        self.received_from = QDateEdit(today.addMonths(-1), self)
        self.received_to = QDateEdit(today, self)
        for edit in (self.received_from, self.received_to):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._emit)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(self._typing.start)
        for combo in (self.status, self.dispute_type, self.priority, self.level):
            combo.currentIndexChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.dated.toggled.connect(self._toggle_dates)
        self._lay_out()

    def _combo(self, everything: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, "")
        for code, text in choices:
            combo.addItem(text, str(code))
        return combo

    def _lay_out(self) -> None:
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        for widget in (self.status, self.dispute_type, self.priority, self.level):
            first.addWidget(widget)
        second = QHBoxLayout()
        for other in (self.overdue, self.dated, self.received_from, self.received_to):
            second.addWidget(other)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def _toggle_dates(self, on: bool) -> None:
        self.received_from.setEnabled(on)
        self.received_to.setEnabled(on)
        self._emit()

    def current(self) -> CaseFilter:
        """The filter the widgets describe now."""

        def chosen(combo: QComboBox) -> tuple[str, ...]:
            value = str(combo.currentData() or "")
            return (value,) if value else ()

        return CaseFilter(
            text=self.search.text().strip(),
            statuses=chosen(self.status),
            dispute_types=chosen(self.dispute_type),
            priorities=chosen(self.priority),
            levels=chosen(self.level),
            overdue=self.overdue.isChecked(),
            received_from=_date(self.received_from.date()) if self.dated.isChecked() else None,
            received_to=_date(self.received_to.date()) if self.dated.isChecked() else None,
        )

    def _emit(self) -> None:
        self._typing.stop()
        self.changed.emit(self.current())

    def clear(self) -> None:
        """Show every case again."""
        widgets = (self.search, self.status, self.dispute_type, self.priority, self.level,
                   self.overdue, self.dated)  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.status, self.dispute_type, self.priority, self.level):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.dated.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._toggle_dates(False)
