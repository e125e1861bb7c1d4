"""Taking in a dispute through the real wizard, as a grid worker would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

import resources
from casework.casebook import open_casebook
from casework.status import CaseStatus
from desktop.caseform import PartyEditor
from desktop.mainwindow import MainWindow
from desktop.wizard import CONFIRM, DISPUTE, INTAKE, PARTIES, CaseWizard
from tests.conftest import ID_WITH_X
from tests.desktop.conftest import Launch, type_text

GOOD = {
    "identities_verified": "yes", "consent": "all_agree", "other_proceedings": "no",
    "risk": "none", "evidence": "none_yet", "rights_explained": "yes",
}  # fmt: skip


def _ready(qtbot: QtBot, launch: Launch) -> MainWindow:
    window = launch()
    qtbot.waitUntil(lambda: window.identity is not None)
    return window


def _open(qtbot: QtBot, window: MainWindow) -> CaseWizard:
    qtbot.mouseClick(window.cases.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.cases.open_form is not None)
    wizard = window.cases.open_form
    assert wizard is not None and QApplication.activeModalWidget() is wizard
    return wizard


def _type_party(qtbot: QtBot, editor: PartyEditor, name: str, id_number: str, phone: str) -> None:
    type_text(qtbot, editor.name, name)
    type_text(qtbot, editor.id_number, id_number)
    type_text(qtbot, editor.phone, phone)
    type_text(qtbot, editor.address, "开弦弓村 12 组")


def _click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _parties_and_dispute(qtbot: QtBot, wizard: CaseWizard, kind: str = "neighbour") -> None:
    applicant, respondent = wizard.parties
    _type_party(qtbot, applicant, "张建国", ID_WITH_X.lower(), "138 1234 5678")
    _type_party(qtbot, respondent, "李秀英", "", "0512-63981234")
    _click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == DISPUTE
    step = wizard.dispute_step
    step.dispute_type.setCurrentIndex(step.dispute_type.findData(kind))
    type_text(qtbot, step.facts, "邻居家空调外机滴水到院子里。")
    type_text(qtbot, step.claims, "要求移走空调外机。")
    _click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == INTAKE


def _answer(wizard: CaseWizard, answers: dict[str, str], notes: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    for code, value in answers.items():
        wizard.intake_step.rows[code].choose(value)
    for code, note in (notes or {}).items():
        wizard.intake_step.rows[code].note.setText(note)


def _record(qtbot: QtBot, wizard: CaseWizard) -> str:
    _click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == CONFIRM
    with qtbot.waitSignal(wizard.recorded, timeout=10_000) as saved:
        _click(qtbot, wizard.finish_button)
    return str(saved.args[0])


def test_a_village_case_goes_through_the_whole_intake_and_is_accepted(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard)
    proposal = wizard.dispute_step.proposal.text()
    assert "处理层级：村（社区）" in proposal and "15 天" in proposal
    assert "建议上报" not in proposal
    _answer(wizard, GOOD)
    assert not wizard.intake_step.blocks.isVisible()
    case_id = _record(qtbot, wizard)
    assert wizard.finish_button.text() == "登记并受理"
    # The case page opens on the accepted case with its process steps laid out.
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    assert page.detail is not None and page.detail.status == CaseStatus.ACCEPTED
    assert [s.state for s in page.detail.steps][:2] == ["done", "open"]
    window.close()

    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        detail = book.case_detail(case_id)
        assert detail.versions == {"items": "2026.1", "intake": "2026.1", "process": "2026.2"}
        kinds = [e.type for e in detail.history]
        assert kinds == ["case.recorded"] + ["case.intake_answered"] * 6 + ["case.status_changed"]
        assert detail.intake is not None and detail.intake.acceptable
        assert detail.due_on is not None and (detail.due_on - detail.created_at.date()).days == 15
        assert book.worklist().drafts == []  # the draft went with the recording
    finally:
        book.close()


def test_a_town_level_type_proposes_escalation(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard, kind="housing_homestead")
    assert "超出村级职能：建议上报至镇（街道）级" in wizard.dispute_step.proposal.text()
    _answer(wizard, GOOD)
    assert "建议上报上级处理" in wizard.intake_step.outcome.text()
    case_id = _record(qtbot, wizard)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    assert page.detail is not None and page.detail.proposed_level == "town"
    assert "建议将本案上报至镇（街道）级处理" in page.alert.text()


def test_high_risk_forces_urgent_and_tells_the_worker_to_call_the_police(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard)
    _answer(wizard, {**GOOD, "risk": "high"})
    text = wizard.intake_step.outcome.text()
    assert "报警" in text and "急事速办" in text and "建议上报" in text
    case_id = _record(qtbot, wizard)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == case_id)
    assert page.detail is not None and page.detail.priority == "urgent"


def test_a_refused_consent_blocks_acceptance_with_the_reason_shown(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard)
    _answer(wizard, {**GOOD, "consent": "refused"})
    reason = "有当事人明确拒绝调解，不得调解；应告知其其他救济途径"
    assert wizard.intake_step.blocks.isVisible() and reason in wizard.intake_step.blocks.text()
    _click(qtbot, wizard.next_button)
    assert reason in wizard.confirm_blocks.text() and wizard.finish_button.text() == "登记但不受理"
    with qtbot.waitSignal(wizard.recorded, timeout=10_000) as saved:
        _click(qtbot, wizard.finish_button)
    page = window.cases.case_page
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == saved.args[0])
    assert page.detail is not None and page.detail.status == CaseStatus.REGISTERED
    # On the case page the reason stands beside the intake, and acceptance stays shut.
    assert reason in page.intake.blocks.text()
    assert not page.intake.accept_button.isEnabled()


def test_a_draft_survives_closing_the_app_mid_wizard(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard)
    _answer(wizard, {"consent": "all_agree"})
    window.close()  # no question: the wizard's state is kept as a draft
    assert not window.isVisible()

    again = _ready(qtbot, launch)
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        [draft] = book.worklist().drafts
    finally:
        book.close()
    assert "张建国" in draft.what and "李秀英" in draft.what
    again.cases.resume_draft(draft.ref)
    qtbot.waitUntil(lambda: again.cases.open_form is not None)
    resumed = again.cases.open_form
    assert resumed is not None and resumed.stack.currentIndex() == INTAKE
    assert [p.name.text() for p in resumed.parties] == ["张建国", "李秀英"]
    assert resumed.dispute_step.facts.toPlainText() == "邻居家空调外机滴水到院子里。"
    assert resumed.intake_step.rows["consent"].value() == "all_agree"
    _answer(resumed, GOOD)
    _record(qtbot, resumed)
    qtbot.waitUntil(lambda: again.cases.model.rowCount() == 1)


def test_bad_input_is_explained_in_chinese_beside_the_field_and_blocks_the_step(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path, chinese: None
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    applicant, respondent = wizard.parties
    _type_party(qtbot, applicant, "张建国", "110105194912310021", "13812345678")  # bad check
    type_text(qtbot, respondent.phone, "12345")
    _click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == PARTIES
    assert applicant.fields["id_number"].error.text() == "校验位不符，请核对号码。"
    assert respondent.fields["phone"].error.text().startswith("电话号码无效")
    assert respondent.fields["name"].error.text() == "此项为必填。"
    assert not applicant.fields["name"].error.isVisible()
    applicant.id_number.setText(ID_WITH_X)
    respondent.phone.setText("13900001111")
    type_text(qtbot, respondent.name, "李秀英")
    _click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == DISPUTE
    _click(qtbot, wizard.next_button)  # no type, no facts
    assert wizard.dispute_step.fields["facts"].error.text() == "此项为必填。"
    assert wizard.stack.currentIndex() == DISPUTE
    _click(qtbot, wizard.back_button)
    assert applicant.name.text() == "张建国"  # nothing typed is lost going back


def test_a_party_can_be_added_and_removed_but_not_the_last(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    wizard.parties_step.add_party_button.click()
    assert [e.title() for e in wizard.parties] == ["Party 1", "Party 2", "Party 3"]
    wizard.parties[0].remove.click()
    wizard.parties[0].remove.click()
    assert len(wizard.parties) == 1 and not wizard.parties[0].remove.isEnabled()


def test_cancelling_asks_whether_to_keep_a_draft(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    type_text(qtbot, wizard.parties[0].name, "张建国")
    asked: list[str] = []

    def answer(choice: str) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            qtbot.wait(10)
            return answer(choice)
        asked.append(box.text())
        [button] = [b for b in box.buttons() if b.text() == choice]
        button.click()
        return None

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: answer("Go on typing"))
    wizard.reject()
    assert wizard.isVisible() and wizard.parties[0].name.text() == "张建国"
    QTimer.singleShot(0, lambda: answer("Keep as draft"))
    wizard.reject()
    qtbot.waitUntil(lambda: window.cases.open_form is None)
    assert asked[0].startswith("Keep what you typed as a draft")
    window.close()
    book = open_casebook(set_up_data_dir, resources.sample_org_tree())
    try:
        assert [d.what for d in book.worklist().drafts] == ["张建国"]
    finally:
        book.close()


def test_a_wizard_being_recorded_can_be_neither_cancelled_nor_finished_twice(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    _parties_and_dispute(qtbot, wizard)
    _answer(wizard, GOOD)
    _click(qtbot, wizard.next_button)
    _click(qtbot, wizard.finish_button)
    # The store has not answered yet (its answer needs the event loop): the wizard holds.
    assert wizard.saving and not wizard.finish_button.isEnabled()
    wizard.reject()  # Esc
    assert wizard.isVisible()
    window.close()  # closing the app waits too
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.cases.open_form is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.cases.model.rowCount() == 1)


def test_what_is_being_typed_is_kept_between_steps_too(
    qtbot: QtBot, launch: Launch, set_up_data_dir: Path
) -> None:
    window = _ready(qtbot, launch)
    wizard = _open(qtbot, window)
    wizard._autosave.setInterval(50)  # the app waits longer; the rule is the same
    type_text(qtbot, wizard.parties[0].name, "张建国")  # still on step 1, Next not pressed

    def kept() -> list[str]:
        book = open_casebook(set_up_data_dir, resources.sample_org_tree())
        try:
            return [d.what for d in book.worklist().drafts]
        finally:
            book.close()

    qtbot.waitUntil(lambda: kept() == ["张建国"], timeout=10_000)
