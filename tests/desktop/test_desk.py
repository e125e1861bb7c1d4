"""The town inbox on a real store: filters, 接单, 派单, 结单, and the overdue flag under a
controlled clock; the village's case page shows the town's feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

import resources
from casework import directory, events
from casework.casebook import Casebook, open_casebook
from casework.domain import Role
from casework.escalation import State
from casework.intake import clean_answers
from desktop.backend import Backend
from desktop.desk import DeskPage
from desktop.deskforms import CloseDialog, DispatchDialog
from desktop.style import OVERDUE_COLOUR
from tests.casework.test_replay import TOWN, _Server, _sync
from tests.conftest import ID_WITH_X, VILLAGE, neighbour_dispute


def _open(folder: Path, unit: str, worker: str) -> Casebook:
    book = open_casebook(folder, resources.sample_org_tree())
    if book.identity() is None:
        book.set_up(worker_name=worker, org_unit_code=unit)
    return book


@pytest.fixture
def town_dir(tmp_path: Path) -> Path:
    """A town desk's store holding two escalations from 开弦弓村 (one urgent, on a
    neighbour dispute; one routine, on a land dispute; the reasons name the applicant's
    ID number and phone) and the town's directory."""
    village = _open(tmp_path / "village", VILLAGE, "王芳")
    town = _open(tmp_path / "town", TOWN, "陈主任")
    try:
        for kind, urgency in (("neighbour", "urgent"), ("forest_land", "routine")):
            draft = neighbour_dispute()
            draft.dispute_type = kind
            case_id = village.record_case(draft)
            village.accept_case(case_id, clean_answers(village.checklists.intake))
            reason = f"{kind} 需镇里处理，申请人{ID_WITH_X}，电话138-1234-5678"
            village.escalate(case_id, reason=reason, urgency=urgency)
        _sync(_Server(), village, town)
        with town.store.unit_of_work() as session:
            for entry in directory.load_csv(resources.sample_directory()):
                if entry.unit == TOWN:
                    events.append(session, case_id=None, type=events.EventType.DIRECTORY_SET,
                                  payload=entry.payload())  # fmt: skip
    finally:
        village.close()
        town.close()
    return tmp_path / "town"


class Clock:
    """The page's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def desk(qtbot: QtBot, town_dir: Path) -> Iterator[tuple[DeskPage, Clock]]:
    errors: list[BaseException] = []
    backend = Backend(town_dir, on_error=errors.append)
    with qtbot.waitSignal(backend.opened, timeout=10_000):
        backend.open()
    clock = Clock()
    page = DeskPage(backend, Role.TOWN, clock=clock)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    yield page, clock
    page.close()
    backend.shutdown()
    assert not errors, errors


def _states(page: DeskPage) -> list[State]:
    return [page.model.escalation(n).state for n in range(page.model.rowCount())]


def _wait_state(qtbot: QtBot, page: DeskPage, escalation_id: str, state: State) -> None:
    def reached() -> bool:
        row = page.model.row_of(escalation_id)
        return row >= 0 and page.model.escalation(row).state is state

    qtbot.waitUntil(reached, timeout=10_000)


def test_the_urgent_one_comes_first_and_filters_narrow_the_list(
    qtbot: QtBot, desk: tuple[DeskPage, Clock]
) -> None:
    page, _clock = desk
    assert [page.model.escalation(n).urgency for n in range(2)] == ["urgent", "routine"]
    assert page.model.data(page.model.index(0, 5)) == "Sent, not yet received"
    page.filters.dispute_type.setCurrentIndex(page.filters.dispute_type.findData("forest_land"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.escalation(0).dispute_type == "forest_land"
    page.filters.dispute_type.setCurrentIndex(0)
    page.filters.state.setCurrentIndex(2)  # accepted, in hand: none yet
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.count_label.text() == "Nothing here."


def test_accept_dispatch_and_close_from_the_inbox(
    qtbot: QtBot, desk: tuple[DeskPage, Clock]
) -> None:
    page, _clock = desk
    page.table.selectRow(0)
    chosen = page.chosen()
    assert chosen is not None
    assert not page.buttons["dispatch"].isEnabled()  # accepted first
    qtbot.mouseClick(page.buttons["accept"], Qt.MouseButton.LeftButton)
    _wait_state(qtbot, page, chosen.id, State.ACCEPTED)
    page.choose(chosen.id)
    assert page.buttons["dispatch"].isEnabled() and not page.buttons["accept"].isEnabled()

    qtbot.mouseClick(page.buttons["dispatch"], Qt.MouseButton.LeftButton)
    form = page.open_form
    assert isinstance(form, DispatchDialog)
    names = [form.assignee.itemText(i) for i in range(form.assignee.count())]
    assert "七都镇司法所（Department）" in names
    form.assignee.setCurrentIndex(names.index("七都镇司法所（Department）"))
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _wait_state(qtbot, page, chosen.id, State.DISPATCHED)
    page.choose(chosen.id)
    assert "七都镇司法所" in page.details.toPlainText()

    qtbot.mouseClick(page.buttons["close"], Qt.MouseButton.LeftButton)
    close = page.open_form
    assert isinstance(close, CloseDialog)
    close.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert close.error.text() == "Please write the outcome."  # nothing sent without it
    close.summary.setPlainText("双方达成协议")
    close.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    _wait_state(qtbot, page, chosen.id, State.CLOSED)
    page.choose(chosen.id)
    story = page.details.toPlainText()
    for said in ("Taken on by the desk", "Dispatched", "Closed by the desk", "双方达成协议"):
        assert said in story


def test_an_escalation_not_accepted_in_time_is_flagged(
    qtbot: QtBot, desk: tuple[DeskPage, Clock]
) -> None:
    page, clock = desk
    urgent = page.model.escalation(0)
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    clock.now = urgent.accept_by + dt.timedelta(minutes=1)  # 4 h on, not accepted
    page.refresh()
    qtbot.waitUntil(lambda: "overdue" in page.count_label.text())
    row = page.model.row_of(urgent.id)
    brush = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == OVERDUE_COLOUR
    assert page.model.data(page.model.index(row, 5)).endswith(" · overdue")
    page.filters.overdue.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.escalation(0).id == urgent.id
    page.choose(urgent.id)
    assert "Not accepted in time." in page.details.toPlainText()


def test_the_inbox_and_its_stories_never_show_an_id_number_or_phone_in_full(
    desk: tuple[DeskPage, Clock],
) -> None:
    page, _clock = desk
    model = page.model
    for row in range(model.rowCount()):
        page.table.selectRow(row)
        story = page.details.toPlainText()
        assert "需镇里处理，申请人110***********002X，电话138-****-5678" in story
        cells = [str(model.index(row, c).data()) for c in range(model.columnCount())]
        for full in (ID_WITH_X, "1234-5678", "13812345678"):
            assert full not in story and not any(full in cell for cell in cells)
