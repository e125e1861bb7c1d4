"""工作台: what is overdue or due soon — steps, follow-ups, visits, deadlines — and drafts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, messages
from desktop.backend import Backend
from desktop.formatting import deadline, plain_date
from desktop.style import make_heading, overdue_brush

if TYPE_CHECKING:
    from casework.casebook import Casebook
    from casework.worklist import WorkItem, Worklist

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "step", "follow_up", "visit", "deadline", "draft"
REF_ROLE = Qt.ItemDataRole.UserRole + 2  # the case id (the draft id for drafts)
SECTIONS = ("escalate", "steps", "follow_ups", "visits", "deadlines", "drafts")


@dataclasses.dataclass(frozen=True)
class Fetched:
    """The worklist as of ``today``, with the names of the steps it lists."""

    today: dt.date
    worklist: Worklist | None  # None: the checklists cannot be used
    step_names: dict[str, str]


def fetch(book: Casebook) -> Fetched:
    """Read the worklist (on the writer thread), naming its steps by the checklist."""
    from casework.checklists import ChecklistsUnavailable

    today = dt.date.today()
    try:
        found = book.worklist(today)
        process = book.checklists.process
    except ChecklistsUnavailable:
        return Fetched(today, None, {})
    names = {}
    for item in found.steps + found.follow_ups:
        try:
            names[item.what] = process.find(item.what).name
        except KeyError:  # a step of an older checklist: shown by its code
            names[item.what] = item.what
    return Fetched(today, found, names)


class WorklistPage(QWidget):
    """工作台: one section per kind of work, overdue lines highlighted.

    Signals:
        open_case(str): a line about a case was activated; carries the case id.
        resume_draft(str): a draft was activated; carries the draft id.
    """

    open_case = Signal(str)
    resume_draft = Signal(str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._started = False  # nothing is fetched before the store is open and set up
        self._fetching = False
        self._stale = False
        self.fetched: Fetched | None = None
        self.title = make_heading(QLabel(self.tr("Workbench"), self))
        self.note = QLabel(self.tr("Loading…"), self)
        self.note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [self.tr("Case no."), self.tr("Parties"), self.tr("What"), self.tr("Due")]
        )
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._activated)
        self.sections: dict[str, QTreeWidgetItem] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        backend.cases_changed.connect(self._case_changed)
        backend.drafts_changed.connect(lambda: self._case_changed(""))

    def start(self) -> None:
        """Begin fetching: called once the store is open and the laptop set up."""
        self._started = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the worklist again (in the background)."""
        if not self._started:
            return
        if self._fetching:
            self._stale = True  # read again once the answer on its way arrives
            return
        self._fetching = True
        self._backend.submit(fetch, self._arrived, self._failed)

    def _arrived(self, fetched: Fetched) -> None:
        self._fetching = False
        self.show_worklist(fetched)
        if self._stale:
            self._stale = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._fetching = False
        messages.report(self, error, "loading the worklist")

    def _case_changed(self, _case_id: str) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # the day may have turned since it was last shown

    def show_worklist(self, fetched: Fetched) -> None:
        """Show ``fetched`` instead of what was shown."""
        self.fetched = fetched
        self.title.setText(self.tr("Workbench — %1").replace("%1", plain_date(fetched.today)))
        self.tree.clear()
        self.sections = {}
        found = fetched.worklist
        if found is None:
            self.note.setText(self.tr(
                "The worklist needs the checklists, which cannot be used now (see the "
                "message shown at start-up). Cases already recorded are safe."
            ))  # fmt: skip
            self.note.show()
            return
        self.note.hide()
        titles = {
            # Past the deadline and still open: escalating is proposed; opening the case
            # lets the worker confirm it there (or carry on in the village).
            "escalate": self.tr("Past the deadline: escalate to the town? (%1)"),
            "steps": self.tr("Process steps due (%1)"),
            "follow_ups": self.tr("Follow-up visits due (%1)"),
            "visits": self.tr("Planned visits due (%1)"),
            "deadlines": self.tr("Case deadlines (%1)"),
            "drafts": self.tr("Unfinished drafts (%1)"),
        }
        for name in SECTIONS:
            items: list[WorkItem] = getattr(found, name)
            if name == "escalate" and not items:
                continue  # a proposal only when there is something to propose
            self.sections[name] = self._section(titles[name], items, fetched)
        for column in (0, 2, 3):  # case numbers and dates in full; parties take the rest
            self.tree.resizeColumnToContents(column)

    def _section(self, title: str, items: list[WorkItem], fetched: Fetched) -> QTreeWidgetItem:
        section = QTreeWidgetItem(self.tree, [title.replace("%1", str(len(items)))])
        section.setFirstColumnSpanned(True)
        font = section.font(0)
        font.setBold(True)
        section.setFont(0, font)
        for item in items:
            line = QTreeWidgetItem(section, self._columns(item, fetched))
            line.setData(0, KIND_ROLE, item.kind)
            line.setData(0, REF_ROLE, item.ref)
            if item.overdue:
                for column in range(self.tree.columnCount()):
                    line.setBackground(column, overdue_brush())
        if not items:
            empty = QTreeWidgetItem(section, [self.tr("Nothing due")])
            empty.setFirstColumnSpanned(True)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        section.setExpanded(True)
        return section

    def _columns(self, item: WorkItem, fetched: Fetched) -> list[str]:
        if item.kind == "draft":
            saved = plain_date(item.due_on) if item.due_on else ""
            return [self.tr("Draft"), item.what, "", self.tr("Saved %1").replace("%1", saved)]
        if item.kind in {"step", "follow_up"}:
            what = fetched.step_names.get(item.what, item.what)
        elif item.kind == "visit":
            what = labels.visit_kind(item.what)
        else:
            what = labels.status(item.what)
        return [item.number, item.parties, what, deadline(item.due_on, item.overdue, fetched.today)]

    def _activated(self, line: QTreeWidgetItem, _column: int) -> None:
        kind, ref = line.data(0, KIND_ROLE), line.data(0, REF_ROLE)
        if kind == "draft":
            self.resume_draft.emit(ref)
        elif kind and ref:  # a planned patrol of no case has nothing to open
            self.open_case.emit(ref)
