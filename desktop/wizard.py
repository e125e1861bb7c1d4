"""The new-case wizard 登记受理: parties → the dispute → the intake checklist → confirm.

The draft is saved at every step (and when the app closes), so a crash or a power cut
loses at most the step being typed; the last step records the case, its intake
answers and, when the intake allows it, its acceptance, in one transaction.

Signals (CaseWizard):
    recorded(str): the case was recorded; carries its id.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casework.checklists import Checklists
from casework.domain import PartyRole
from casework.drafts import CaseDraft, DraftInvalid, FieldProblem, validate
from casework.saved_drafts import WizardDraft
from desktop import labels, messages
from desktop.backend import Backend
from desktop.caseform import PartyEditor
from desktop.style import make_error, make_heading
from desktop.wizardpages import DisputeStep, IntakeStep, PartiesStep, describe

PARTIES, DISPUTE, INTAKE, CONFIRM = range(4)
AUTOSAVE_MS = 10_000


class CaseWizard(QDialog):
    """Takes in one dispute, step by step; keeps a draft of it until it is recorded."""

    recorded = Signal(str)

    def __init__(
        self,
        backend: Backend,
        checklists: Checklists,
        parent: QWidget | None = None,
        draft: WizardDraft | None = None,
        draft_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self.draft_id = draft_id or str(uuid.uuid4())
        self.visit_id = draft.visit_id if draft else None
        self.saving = False
        self.setWindowTitle(self.tr("Take in a dispute"))
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width()), min(860, int(screen.height() * 0.92)))
        self.steps = QListWidget(self)
        for title in (self.tr("1 Parties"), self.tr("2 The dispute"),
                      self.tr("3 Intake checklist"), self.tr("4 Confirm")):  # fmt: skip
            self.steps.addItem(title)
        self.steps.setFixedWidth(150)
        # Shows where the worker is; moving is by the buttons, which check each step.
        self.steps.currentRowChanged.connect(self._keep_step_shown)
        self.parties_step = PartiesStep(self)
        self.dispute_step = DisputeStep(checklists, self)
        self.intake_step = IntakeStep(checklists, self)
        self.confirm_text = QLabel(self)
        self.confirm_text.setWordWrap(True)
        self.confirm_blocks = make_error(QLabel(self))
        self.stack = QStackedWidget(self)
        for page in (self.parties_step, self.dispute_step, self.intake_step, self._confirm()):
            self.stack.addWidget(page)
        self.back_button = QPushButton(self.tr("Back"), self)
        self.next_button = QPushButton(self.tr("Next"), self)
        self.finish_button = QPushButton(self.tr("Record the case"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.back_button.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button.clicked.connect(self.reject)
        self.dispute_step.type_changed.connect(self._type_changed)
        self._lay_out()
        self._fill(draft)
        self._last_saved = self.wizard_draft() if draft else None
        # Between steps too: what is being typed is kept every few seconds.
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()

    @property
    def parties(self) -> list[PartyEditor]:
        """The party boxes of step 1."""
        return self.parties_step.parties

    def _keep_step_shown(self, row: int) -> None:
        if row != self.stack.currentIndex():
            self.steps.setCurrentRow(self.stack.currentIndex())

    def _confirm(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.confirm_text)
        layout.addWidget(self.confirm_blocks)
        layout.addStretch(1)
        return page

    def _lay_out(self) -> None:
        self.heading = make_heading(QLabel(self))
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.finish_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.stack, 1)
        right.addLayout(buttons)
        outer = QHBoxLayout(self)
        outer.addWidget(self.steps)
        outer.addLayout(right, 1)

    def _fill(self, draft: WizardDraft | None) -> None:
        parties = draft.case.parties if draft and draft.case.parties else []
        if parties:
            for party in parties:
                self.parties_step.add_party(PartyRole(party.role)).fill(party)
        else:
            self.parties_step.add_party(PartyRole.APPLICANT)
            self.parties_step.add_party(PartyRole.RESPONDENT)
        if draft is not None:
            self.dispute_step.fill(draft.case)
            self._type_changed()
            self.intake_step.fill(draft.answers)
        self.go_to(draft.step if draft else PARTIES, save=False)

    # -- the draft -----------------------------------------------------------------------

    def case_draft(self) -> CaseDraft:
        """The dispute as typed so far."""
        return CaseDraft(
            dispute_type=self.dispute_step.chosen(),
            facts=self.dispute_step.facts.toPlainText(),
            claims=self.dispute_step.claims.toPlainText(),
            parties=[editor.draft() for editor in self.parties_step.parties],
        )

    def wizard_draft(self) -> WizardDraft:
        """Everything the wizard holds."""
        return WizardDraft(
            self.case_draft(), self.intake_step.answers(), self.stack.currentIndex(),
            self.visit_id,
        )  # fmt: skip

    def save_draft(self) -> None:
        """Keep the draft in the store (queued on the writer; done before the app exits);
        nothing is written when nothing changed since the last save."""
        if self.saving or not self.has_typed():
            return
        draft, draft_id = self.wizard_draft(), self.draft_id
        if draft == self._last_saved:
            return
        self._last_saved = draft
        self._backend.submit(
            lambda book: book.save_draft(draft, draft_id),
            lambda _id: self._backend.drafts_changed.emit(),
        )

    def has_typed(self) -> bool:
        """Whether anything worth keeping has been typed."""
        draft = self.case_draft()
        return bool(
            draft.facts.strip()
            or draft.claims.strip()
            or any(p.name.strip() or p.id_number.strip() or p.phone.strip() for p in draft.parties)
        )

    # -- moving between steps ----------------------------------------------------------

    def _type_changed(self) -> None:
        self.intake_step.dispute_type = self.dispute_step.chosen()
        self.intake_step.show_outcome()

    def _problems(self, step: int) -> dict[str, FieldProblem]:
        found = {p.field: p for p in validate(self.case_draft())}
        if step == PARTIES:
            return {k: v for k, v in found.items() if k.startswith("parties")}
        if step == DISPUTE:
            return {k: v for k, v in found.items() if not k.startswith("parties")}
        return {}

    def next(self) -> None:
        """Check this step; if it is clean, save the draft and go on."""
        step = self.stack.currentIndex()
        problems = self._problems(step)
        if step == PARTIES:
            self.parties_step.show_problems(problems)
        elif step == DISPUTE:
            self.dispute_step.show_problems(problems)
        if not problems:
            self.go_to(step + 1)

    def go_to(self, step: int, *, save: bool = True) -> None:
        """Show ``step`` (saving the draft on the way, unless told not to)."""
        step = max(PARTIES, min(CONFIRM, step))
        if step == CONFIRM:
            self._show_confirm()
        self.stack.setCurrentIndex(step)
        self.steps.setCurrentRow(step)
        self.heading.setText(self.steps.item(step).text())
        self.back_button.setEnabled(step > PARTIES and not self.saving)
        self.next_button.setVisible(step < CONFIRM)
        self.finish_button.setVisible(step == CONFIRM)
        if save:
            self.save_draft()

    def _show_confirm(self) -> None:
        draft = self.case_draft()
        outcome = self.intake_step.evaluate()
        names = "、".join(p.name.strip() for p in draft.parties)
        lines = [
            self.tr("Parties: %1").replace("%1", names),
            self.tr("Dispute type: %1").replace("%1", labels.dispute_type(draft.dispute_type)),
        ]
        if outcome is not None:
            lines += describe(outcome, blocks=False)
        if outcome is not None and outcome.acceptable:
            lines.append(self.tr("The intake checklist is complete: the case will be accepted."))
            self.finish_button.setText(self.tr("Record and accept"))
        else:
            lines.append(
                self.tr("The case will be recorded but not accepted; finish the intake on its "
                        "page when you can.")
            )  # fmt: skip
            self.finish_button.setText(self.tr("Record without accepting"))
        self.confirm_text.setText("\n".join(lines))
        reasons = [b.reason for b in outcome.blocks] if outcome else []
        self.confirm_blocks.setText(
            "\n".join(self.tr("Cannot be accepted: %1").replace("%1", r) for r in reasons)
        )
        self.confirm_blocks.setVisible(bool(reasons))

    # -- recording -----------------------------------------------------------------------

    def finish(self) -> None:
        """Record the case (and its acceptance, if the intake allows) in the background."""
        problems = self._problems(PARTIES) or self._problems(DISPUTE)
        if problems:
            self.go_to(PARTIES if self._problems(PARTIES) else DISPUTE, save=False)
            self.next()
            return
        draft, draft_id = self.wizard_draft(), self.draft_id
        self._set_saving(True)
        self._backend.submit_change(
            lambda book: book.take_in(draft, draft_id), self._recorded, self._failed
        )

    def _set_saving(self, saving: bool) -> None:
        # While the store writes, the wizard can be neither finished twice nor closed,
        # and keeps no draft (the case is being recorded from it).
        self.saving = saving
        for button in (self.back_button, self.finish_button, self.cancel_button):
            button.setEnabled(not saving)

    def _recorded(self, case_id: str) -> None:
        self.saving = False
        self._backend.drafts_changed.emit()  # the draft closed with the recording
        self.recorded.emit(case_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, DraftInvalid):
            self.go_to(PARTIES, save=False)
            self.next()
            return
        messages.report(self, error, "taking in a case")

    # -- closing -------------------------------------------------------------------------

    def may_close(self) -> bool:
        """Cancel and Esc: keep the draft, throw it away, or stay. False to stay."""
        if self.saving:
            return False
        if not self.has_typed():
            self._discard_draft()
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Keep this dispute?"),
                          self.tr("Keep what you typed as a draft to finish later? It will "
                                  "be listed on the workbench."), parent=self)  # fmt: skip
        keep = box.addButton(self.tr("Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Go on typing"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is keep:
            self.save_draft()
            return True
        if box.clickedButton() is drop:
            self._discard_draft()
            return True
        return False

    def _discard_draft(self) -> None:
        draft_id = self.draft_id
        self._backend.submit(
            lambda book: book.discard_draft(draft_id),
            lambda _none: self._backend.drafts_changed.emit(),
        )

    def reject(self) -> None:
        """Cancel and Esc: never while saving; ask what to do with what was typed."""
        if self.may_close():
            super().reject()

    def keep_and_close(self) -> None:
        """The app is closing: keep the draft without asking, then close."""
        self.save_draft()
        self.done(QDialog.DialogCode.Rejected)
