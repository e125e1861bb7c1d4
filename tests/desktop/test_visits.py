"""The visits page and the form to log a visit, on a real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import Casebook, open_casebook
from desktop.backend import Backend
from desktop.visitform import VisitDialog
from desktop.visits import VisitsPage
from tests.casework.test_visits import performing_case
from tests.conftest import ID_WITH_X, neighbour_dispute
from tests.desktop.conftest import answer_message_box, type_text


def _with_book(data_dir: Path, work: Callable[[Casebook], Any]) -> Any:
    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        return work(book)
    finally:
        book.close()


def _ask(qtbot: QtBot, backend: Backend, work: Callable[[Casebook], Any]) -> Any:
    with qtbot.waitCallback(timeout=10_000) as answered:
        backend.submit(work, answered)
    return answered.args[0]


def _page(qtbot: QtBot, backend: Backend) -> VisitsPage:
    page = VisitsPage(backend)
    qtbot.addWidget(page)
    page.show()
    page.start()
    qtbot.waitUntil(lambda: page.count_label.text() != "")
    return page


def _choose(combo: Any, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_follow_up_with_its_survey_completes_the_case_s_follow_up_step(
    qtbot: QtBot, set_up_data_dir: Path, backend: Backend
) -> None:
    # The store is shared with the backend: the case is made through it.
    case_id = _ask(qtbot, backend, performing_case)
    page = _page(qtbot, backend)
    assert page.count_label.text() == "No visits logged yet."
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    dialog = page.open_form
    assert isinstance(dialog, VisitDialog) and dialog.case_choice is not None
    qtbot.waitUntil(lambda: dialog.case_choice is not None and dialog.case_choice.count() == 2)
    _choose(dialog.case_choice, case_id)
    assert not dialog.survey_box.isVisibleTo(dialog)
    _choose(dialog.kind, "follow_up")
    assert dialog.survey_box.isVisibleTo(dialog)
    assert not dialog.record_dispute.isVisibleTo(dialog)
    type_text(qtbot, dialog.place, "张建国家")
    type_text(qtbot, dialog.notes, "外机已移走，双方和好。")
    for code, answer in [("attitude", "satisfied"), ("procedure", "satisfied"),
                         ("effect", "basically_satisfied")]:  # fmt: skip
        _choose(dialog.survey[code], answer)
    type_text(qtbot, dialog.comment, "调解员很耐心")
    changed: list[str] = []
    backend.cases_changed.connect(changed.append)
    with qtbot.waitSignal(dialog.logged, timeout=10_000) as logged:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert changed == [case_id]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.open_form is None and page.count_label.text() == "1 visit(s)"
    assert page.model.index(0, 1).data() == "Follow-up visit"
    assert page.model.index(0, 2).data().endswith("-00001")
    with qtbot.waitSignal(page.open_case) as opened:
        page.table.doubleClicked.emit(page.model.index(0, 3))
    assert opened.args == [case_id]

    detail = _ask(qtbot, backend, lambda book: book.case_detail(case_id))
    [visit] = detail.visits
    assert visit.id == logged.args[0] and visit.comment == "调解员很耐心"
    assert visit.survey == {
        "attitude": "satisfied", "procedure": "satisfied", "effect": "basically_satisfied"
    }  # fmt: skip
    assert next(s for s in detail.steps if s.code == "follow_up").state == "done"
    assert detail.status == "followed_up"


def test_a_follow_up_without_answers_is_explained_beside_the_fields_and_nothing_is_saved(
    qtbot: QtBot, backend: Backend
) -> None:
    page = _page(qtbot, backend)
    dialog = page.log_visit(kind="follow_up")
    type_text(qtbot, dialog.notes, "回访")
    _choose(dialog.survey["procedure"], "unsatisfied")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.saving and dialog.isVisible()
    assert dialog.fields["attitude"].error.text() == "Required."
    assert dialog.fields["effect"].error.isVisibleTo(dialog)
    assert not dialog.fields["procedure"].error.isVisibleTo(dialog)
    assert dialog.fields["case_id"].error.text().startswith("A follow-up visit belongs to a case")
    assert dialog.notes.toPlainText() == "回访"  # nothing typed is lost
    assert _ask(qtbot, backend, lambda book: book.visits()) == []
    dialog.done(0)


def test_a_visit_from_a_case_is_linked_to_it_and_its_next_visit_is_checked(
    qtbot: QtBot, backend: Backend
) -> None:
    case_id = _ask(qtbot, backend, lambda book: book.record_case(neighbour_dispute()))
    page = _page(qtbot, backend)
    dialog = page.log_visit(case_id, "2026-001", kind="home_visit")
    assert dialog.case_choice is None and dialog.chosen_case() == case_id
    assert dialog.fields["case_id"].field.text() == "2026-001"
    type_text(qtbot, dialog.notes, "上门了解情况")
    assert not dialog.next_visit_on.isEnabled()
    dialog.plan_next.setChecked(True)
    dialog.next_visit_on.setDate(dialog.visited_on.date())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["next_visit_on"].error.text() == "The next visit must come after this one."
    dialog.next_visit_on.setDate(QDate.currentDate().addDays(3))
    with qtbot.waitSignal(dialog.logged, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [visit] = _ask(qtbot, backend, lambda book: book.visits(case_id))
    assert visit.kind == "home_visit" and visit.survey == {}
    assert visit.next_visit_on == dt.date.today() + dt.timedelta(days=3)


def test_a_patrol_that_found_a_dispute_asks_for_a_case_with_its_notes(
    qtbot: QtBot, backend: Backend
) -> None:
    page = _page(qtbot, backend)
    heard: list[tuple[str, ...]] = []
    page.case_requested.connect(lambda visit_id, notes: heard.append(("case", visit_id, notes)))
    dialog = page.log_visit()
    dialog.logged.connect(lambda visit_id: heard.append(("logged", visit_id)))
    assert dialog.record_dispute.isVisibleTo(dialog)
    type_text(qtbot, dialog.place, "12 组河边")
    type_text(qtbot, dialog.notes, "两户因排水沟起争执。")
    dialog.record_dispute.setChecked(True)
    with qtbot.waitSignal(page.case_requested, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    visit_id = heard[0][1]
    assert heard == [("logged", visit_id), ("case", visit_id, "两户因排水沟起争执。")]
    [visit] = _ask(qtbot, backend, lambda book: book.visits())
    assert (visit.id, visit.case_id, visit.kind) == (visit_id, None, "patrol")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 2).data() == "12 组河边"


def test_a_plain_patrol_asks_for_no_case(qtbot: QtBot, backend: Backend) -> None:
    page = _page(qtbot, backend)
    requested: list[str] = []
    page.case_requested.connect(requested.append)
    dialog = page.log_visit()
    type_text(qtbot, dialog.notes, "巡查无异常")
    with qtbot.waitSignal(dialog.logged, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert requested == []


def test_cancelling_a_typed_visit_asks_first(qtbot: QtBot, backend: Backend) -> None:
    page = _page(qtbot, backend)
    dialog = page.log_visit()
    type_text(qtbot, dialog.notes, "还没写完")
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    dialog.reject()
    assert asked == ["What you typed has not been saved. Discard it?"]
    assert dialog.isVisible() and dialog.notes.toPlainText() == "还没写完"
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    dialog.reject()
    qtbot.waitUntil(lambda: page.open_form is None)


def test_an_empty_form_closes_without_asking(qtbot: QtBot, backend: Backend) -> None:
    page = _page(qtbot, backend)
    dialog = page.log_visit()
    dialog.reject()
    assert page.open_form is None


def test_the_visits_list_masks_numbers_typed_into_notes(
    qtbot: QtBot, set_up_data_dir: Path, backend: Backend
) -> None:
    from casework.visits import VisitDraft

    notes = f"巡查时张建国（{ID_WITH_X}）反映邻居滴水，留电话 138 1234 5678，2026-11-28 再去"
    draft = VisitDraft(kind="patrol", visited_on=dt.date.today(), place="开弦弓村 12 组",
                       people="张建国", notes=notes)  # fmt: skip
    _ask(qtbot, backend, lambda book: book.log_visit(draft))
    page = _page(qtbot, backend)
    shown = page.model.index(0, 3)
    masked = "巡查时张建国（110***********002X）反映邻居滴水，留电话 138 **** 5678，2026-11-28 再去"
    assert shown.data() == masked
    assert shown.data(Qt.ItemDataRole.ToolTipRole) == masked
    assert page.model.index(0, 2).data() == "开弦弓村 12 组"
