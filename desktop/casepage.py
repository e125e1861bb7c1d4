"""The case page: the case, its parties, its history, and the next status steps.

Signals (CasePage):
    back_requested(): the worker wants the case list again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.identity import display_phone
from casework.rows import CaseDetail, EventRow
from casework.status import CaseStatus, HigherLevelMove, IllegalTransition
from desktop import labels, messages
from desktop.backend import Backend
from desktop.formatting import short_datetime
from desktop.style import make_heading

# Steps that cannot be taken back: asked about before they are made.
FINAL_STEPS = frozenset({CaseStatus.ARCHIVED, CaseStatus.ESCALATED, CaseStatus.TERMINATED})


class CasePage(QWidget):
    """Shows one case; reloads itself when that case changes."""

    back_requested = Signal()

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.case_id: str | None = None
        self.detail: CaseDetail | None = None
        self.title = make_heading(QLabel(self))
        self.back = QPushButton(self.tr("← Back to the case list"), self)
        self.back.clicked.connect(self.back_requested)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.parties = QTableWidget(0, 5, self)
        self.parties.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Name"), self.tr("ID number"), self.tr("Phone"),
             self.tr("Address")]
        )  # fmt: skip
        self.parties.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parties.setMaximumHeight(150)  # a few parties; the history gets the room
        header = self.parties.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.parties.verticalHeader().hide()
        self.history = QTreeWidget(self)
        self.history.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What")])
        self.history.setRootIsDecorated(False)
        self.history.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.next_status = QComboBox(self)
        self.next_status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.change = QPushButton(self.tr("Change status"), self)
        self.change.clicked.connect(self.change_status)
        self._lay_out()
        backend.cases_changed.connect(self._on_case_changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back)
        case_box = QGroupBox(self.tr("Case"), self)
        case_form = QFormLayout(case_box)
        case_form.addRow(self.summary)
        case_form.addRow(self.facts)
        parties_box = QGroupBox(self.tr("Parties"), self)
        QVBoxLayout(parties_box).addWidget(self.parties)
        step_box = QGroupBox(self.tr("Next step"), self)
        step = QHBoxLayout(step_box)
        step.addWidget(QLabel(self.tr("New status:"), self))
        step.addWidget(self.next_status)
        step.addWidget(self.note, 1)
        step.addWidget(self.change)
        history_box = QGroupBox(self.tr("History"), self)
        QVBoxLayout(history_box).addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(case_box)
        layout.addWidget(parties_box)
        layout.addWidget(step_box)
        layout.addWidget(history_box, 1)

    def show_case(self, case_id: str) -> None:
        """Load and show ``case_id`` (in the background)."""
        self.case_id = case_id
        self._backend.submit(lambda book: book.case_detail(case_id), self._show)

    def _on_case_changed(self, case_id: str) -> None:
        if case_id == self.case_id:
            self.show_case(case_id)

    def _show(self, detail: CaseDetail) -> None:
        if detail.id != self.case_id:
            return
        self.detail = detail
        self.title.setText(self.tr("Case %1").replace("%1", detail.number))
        created = short_datetime(detail.created_at)
        self.summary.setText(
            self.tr("Status: %1 · Type: %2 · Level: %3 · Priority: %4 · Village: %5 · Received: %6")
            .replace("%1", labels.status(detail.status))
            .replace("%2", labels.dispute_type(detail.dispute_type))
            .replace("%3", labels.level(detail.level))
            .replace("%4", labels.priority(detail.priority))
            .replace("%5", detail.org_unit_name)
            .replace("%6", created)
        )
        facts = self.tr("Facts: %1").replace("%1", detail.facts)
        if detail.claims:
            facts += "\n" + self.tr("Claims: %1").replace("%1", detail.claims)
        self.facts.setText(facts)
        self._show_parties(detail)
        self._show_history(detail.history)
        self._show_next_steps(detail)

    def _show_parties(self, detail: CaseDetail) -> None:
        self.parties.setRowCount(len(detail.parties))
        for row, party in enumerate(detail.parties):
            values = [labels.role(party.role), party.name, party.id_number,
                      display_phone(party.phone), party.address]  # fmt: skip
            for column, value in enumerate(values):
                self.parties.setItem(row, column, QTableWidgetItem(value))

    def _show_history(self, history: list[EventRow]) -> None:
        self.history.clear()
        for event in history:
            when = short_datetime(event.recorded_at)
            self.history.addTopLevelItem(
                QTreeWidgetItem([when, event.author_name, self._describe(event)])
            )

    def _describe(self, event: EventRow) -> str:
        if event.type == "case.status_changed":
            text = (
                self.tr("Status: %1 → %2")
                .replace("%1", labels.status(str(event.payload.get("from"))))
                .replace("%2", labels.status(str(event.payload.get("to"))))
            )
            note = str(event.payload.get("note") or "")
            return f"{text}（{note}）" if note else text
        return labels.event_type(event.type)

    def _show_next_steps(self, detail: CaseDetail) -> None:
        self.next_status.clear()
        for code in detail.allowed_next:
            self.next_status.addItem(labels.status(code), code)
        self.change.setEnabled(bool(detail.allowed_next))
        self.note.clear()

    def change_status(self) -> None:
        """Apply the chosen status (in the background); the page reloads when stored."""
        if self.case_id is None or self.next_status.currentData() is None:
            return
        case_id, note = self.case_id, self.note.text()
        target = CaseStatus(self.next_status.currentData())
        if target in FINAL_STEPS and not self._confirm(target):
            return
        self.change.setEnabled(False)
        self._backend.submit_change(
            lambda book: book.change_status(case_id, target, note), None, self._change_failed
        )

    def _confirm(self, target: CaseStatus) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Change the status?"),
            self.tr("Change this case to “%1”? This step cannot be undone.").replace(
                "%1", labels.status(target)
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _change_failed(self, error: BaseException) -> None:
        self.change.setEnabled(True)
        if isinstance(error, HigherLevelMove):
            text = self.tr(
                "Only the town or district handling this case can move it from “%1” to “%2”. "
                "Nothing was changed."
            )
            text = text.replace("%1", labels.status(error.current)).replace(
                "%2", labels.status(error.target)
            )
            messages.show_error(self, text, log_text=str(error))
            return
        if isinstance(error, IllegalTransition):
            text = self.tr("This case cannot move from “%1” to “%2”. Nothing was changed.")
            text = text.replace("%1", labels.status(error.current)).replace(
                "%2", labels.status(error.target)
            )
            messages.show_error(self, text, log_text=str(error))
            if self.case_id:
                self.show_case(self.case_id)
            return
        messages.report(self, error, "changing a case's status")
