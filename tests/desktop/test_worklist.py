"""工作台 on a real store: overdue work stands out, rows open their case or draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus
from desktop.backend import Backend
from desktop.formatting import plain_date
from desktop.style import OVERDUE_COLOUR
from desktop.worklist import REF_ROLE, WorklistPage
from tests.conftest import neighbour_dispute


@pytest.fixture
def late_case_and_draft(set_up_data_dir: Path) -> tuple[str, str]:
    """A dispute received and accepted 20 days ago, nothing done since; a wizard draft."""
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        received = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
        case_id = book.record_case(neighbour_dispute(), at=received)
        book.accept_case(case_id, clean_answers(book.checklists.intake))
        draft_id = book.save_draft(WizardDraft(neighbour_dispute("还没填完的纠纷")))
    finally:
        book.close()
    return case_id, draft_id


def _page(qtbot: QtBot, backend: Backend) -> WorklistPage:
    page = WorklistPage(backend)
    qtbot.addWidget(page)
    page.show()
    page.start()
    qtbot.waitUntil(lambda: page.fetched is not None)
    return page


def _activate(qtbot: QtBot, page: WorklistPage, line: QTreeWidgetItem) -> None:
    # A double click, as a worker does (scrolled into view first, as a worker scrolls):
    # Qt turns it into itemActivated.
    page.tree.scrollToItem(line)
    spot = page.tree.visualRect(page.tree.indexFromItem(line, 0)).center()
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def test_the_overdue_step_stands_out_and_the_draft_is_listed(
    qtbot: QtBot, late_case_and_draft: tuple[str, str], backend: Backend
) -> None:
    case_id, draft_id = late_case_and_draft
    page = _page(qtbot, backend)
    assert page.title.text() == f"Workbench — {plain_date(dt.date.today())}"
    steps = page.sections["steps"]
    assert steps.text(0) == "Process steps due (1)"
    [line] = [steps.child(i) for i in range(steps.childCount())]
    assert line.text(2) == "调查核实"  # the step's name, as the process checklist has it
    assert line.text(1) == "张建国、李秀英" and line.text(0).endswith("-00001")
    assert "overdue" in line.text(3)
    assert line.background(0).color() == OVERDUE_COLOUR
    deadline = page.sections["deadlines"].child(0)
    assert deadline.text(2) == "Accepted" and deadline.background(3).color() == OVERDUE_COLOUR
    proposal = page.sections["escalate"]  # past its deadline: escalating is proposed
    assert proposal.text(0) == "Past the deadline: escalate to the town? (1)"
    assert proposal.child(0).data(0, REF_ROLE) == case_id
    drafts = page.sections["drafts"]
    assert drafts.text(0) == "Unfinished drafts (1)"
    assert drafts.child(0).text(1) == "张建国、李秀英 · 还没填完的纠纷"
    assert drafts.child(0).background(0).style() == Qt.BrushStyle.NoBrush
    for empty in ("follow_ups", "visits"):
        assert page.sections[empty].child(0).text(0) == "Nothing due"

    with qtbot.waitSignal(page.open_case) as opened:
        _activate(qtbot, page, line)
    assert opened.args == [case_id]
    # Looked up again: opening the case may have refreshed the page, making new lines.
    with qtbot.waitSignal(page.resume_draft) as resumed:
        _activate(qtbot, page, page.sections["drafts"].child(0))
    assert resumed.args == [draft_id]


def test_an_empty_line_opens_nothing(
    qtbot: QtBot, late_case_and_draft: tuple[str, str], backend: Backend
) -> None:
    page = _page(qtbot, backend)
    heard: list[str] = []
    page.open_case.connect(heard.append)
    page.resume_draft.connect(heard.append)
    page.tree.itemActivated.emit(page.sections["visits"].child(0), 0)
    page.tree.itemActivated.emit(page.sections["steps"], 0)
    assert heard == []


def test_the_worklist_follows_changes_to_cases(
    qtbot: QtBot, late_case_and_draft: tuple[str, str], backend: Backend
) -> None:
    case_id, _ = late_case_and_draft
    page = _page(qtbot, backend)
    assert page.sections["steps"].childCount() == 1
    # Escalated: the town's work now, not the village's.
    backend.submit_change(lambda book: book.change_status(case_id, CaseStatus.ESCALATED))
    qtbot.waitUntil(lambda: page.sections["steps"].text(0) == "Process steps due (0)")
    assert page.sections["steps"].child(0).text(0) == "Nothing due"
    assert page.sections["deadlines"].text(0) == "Case deadlines (0)"


def test_nothing_is_fetched_before_the_store_is_ready(qtbot: QtBot, backend: Backend) -> None:
    page = WorklistPage(backend)
    qtbot.addWidget(page)
    page.show()  # before start(): the store may not be open yet
    page.refresh()
    assert page.fetched is None and page.note.text() == "Loading…"
