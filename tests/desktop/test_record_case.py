"""Recording a dispute through the real form, as a grid worker would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from desktop.caseform import PartyEditor, RecordCaseDialog
from desktop.mainwindow import MainWindow
from tests.conftest import ID_WITH_X
from tests.desktop.conftest import Launch, answer_message_box, type_text


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None)
    return window


def _type_party(qtbot: QtBot, editor: PartyEditor, name: str, id_number: str, phone: str) -> None:
    type_text(qtbot, editor.name, name)
    type_text(qtbot, editor.id_number, id_number)
    type_text(qtbot, editor.phone, phone)
    type_text(qtbot, editor.address, "开弦弓村 12 组")


def _fill(qtbot: QtBot, dialog: RecordCaseDialog, id_number: str = ID_WITH_X) -> None:
    applicant, respondent = dialog.parties
    _type_party(qtbot, applicant, "张建国", id_number.lower(), "138 1234 5678")
    _type_party(qtbot, respondent, "李秀英", "", "0512-63981234")
    dialog.dispute_type.setCurrentIndex(dialog.dispute_type.findData("neighbour"))
    type_text(qtbot, dialog.facts, "邻居家空调外机滴水到院子里。")
    type_text(qtbot, dialog.claims, "要求移走空调外机。")


def test_a_recorded_dispute_is_there_after_reopening_the_store(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    qtbot.mouseClick(window.cases.record_button, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RecordCaseDialog)
    _fill(qtbot, dialog)
    with qtbot.waitSignal(dialog.recorded, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    case_id = saved.args[0]
    # The list shows it, and its page opens with the history.
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.cases.case_page.detail is not None)
    assert window.cases.currentWidget() is window.cases.case_page
    assert window.cases.case_page.history.topLevelItemCount() == 1
    window.close()

    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        detail = book.case_detail(case_id)
        assert detail.facts == "邻居家空调外机滴水到院子里。"
        assert [(p.name, p.id_number, p.phone) for p in detail.parties] == [
            ("张建国", ID_WITH_X, "+8613812345678"),
            ("李秀英", "", "+8651263981234"),
        ]
        [event] = detail.history
        assert event.type == "case.recorded" and event.author_name == "王芳"
        assert book.counts() == (1, 1)
    finally:
        book.close()


def test_bad_input_is_explained_in_chinese_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    _fill(qtbot, dialog, id_number="110105194912310021")  # wrong check digit
    dialog.parties[1].phone.clear()
    type_text(qtbot, dialog.parties[1].phone, "12345")
    dialog.facts.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    applicant, respondent = dialog.parties
    assert applicant.fields["id_number"].error.isVisible()
    assert applicant.fields["id_number"].error.text() == "校验位不符，请核对号码。"
    assert respondent.fields["phone"].error.text().startswith("电话号码无效")
    assert dialog.fields["facts"].error.text() == "此项为必填。"
    assert not applicant.fields["name"].error.isVisible()
    # Everything typed is still there, and nothing reached the store.
    assert dialog.isVisible()
    assert applicant.name.text() == "张建国" and dialog.claims.toPlainText() == "要求移走空调外机。"
    assert not dialog.saving  # nothing was sent to the store

    # Fixing the fields clears their messages and the case saves.
    applicant.id_number.setText(ID_WITH_X)
    respondent.phone.setText("13900001111")
    type_text(qtbot, dialog.facts, "重新填写的事实。")
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not applicant.fields["id_number"].error.isVisible()
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)


def test_an_id_typo_is_flagged_on_leaving_the_field(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    type_text(qtbot, dialog.parties[0].id_number, "11010519491231002")
    dialog.parties[0].id_number.editingFinished.emit()
    assert dialog.parties[0].fields["id_number"].error.text() == "An ID number has 18 characters."


def test_a_party_can_be_added_and_removed_but_not_the_last(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    dialog.add_party_button.click()
    assert [e.title() for e in dialog.parties] == ["Party 1", "Party 2", "Party 3"]
    dialog.parties[0].remove.click()
    assert [e.title() for e in dialog.parties] == ["Party 1", "Party 2"]
    dialog.parties[0].remove.click()
    assert len(dialog.parties) == 1 and not dialog.parties[0].remove.isEnabled()


def test_cancelling_a_filled_form_asks_first(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    type_text(qtbot, dialog.parties[0].name, "张建国")
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    dialog.reject()
    assert asked == ["What you typed has not been saved. Discard it?"]
    assert dialog.isVisible() and dialog.parties[0].name.text() == "张建国"


def test_a_form_being_saved_can_be_neither_cancelled_nor_saved_twice(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    _fill(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # The store has not answered yet (its answer needs the event loop): the form holds.
    assert dialog.saving and not dialog.save_button.isEnabled()
    assert not any(b.isEnabled() for b in dialog.buttons.buttons())
    dialog.reject()  # Esc
    assert dialog.isVisible()
    window.close()  # closing the app waits too
    assert window.isVisible()
    # Once stored, the form closes by itself and the case reaches the list.
    qtbot.waitUntil(lambda: window.cases.open_form is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)


def test_closing_the_app_asks_before_dropping_a_typed_form(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    type_text(qtbot, dialog.facts, "还没写完的纠纷")
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    window.close()
    assert asked == ["What you typed has not been saved. Discard it?"]
    assert window.isVisible() and dialog.facts.toPlainText() == "还没写完的纠纷"


def test_closing_the_app_and_discarding_the_form_asks_once_and_closes(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    dialog = window.cases.record()
    type_text(qtbot, dialog.facts, "不要了")
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    window.close()
    assert asked == ["What you typed has not been saved. Discard it?"]
    assert not window.isVisible()
    qtbot.wait(100)  # a second question would have been answered by now; none may come
    assert len(asked) == 1 and QApplication.activeModalWidget() is None
