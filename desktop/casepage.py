"""The case page: the case, then tabs for parties, intake, process steps, visits, files
and history; the status can be moved on where no step does it.

Parties' ID numbers and phones are shown masked. A worker who needs one in full asks, per
party, and confirms; the showing is recorded (casework.masking: the history and the town
see it), and the full values stay on this page until it is closed or another case opens.

Signals (CasePage):
    back_requested(): the worker wants the case list again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
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
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.casefile import CaseParty
from casework.domain import Role
from casework.identity import display_phone
from casework.intake import Answer
from casework.masking import PartyDetails, mask_id_number, mask_phone
from casework.rows import AttachmentRow, CaseDetail, EventRow, PartyRow, StepRow
from casework.status import (
    HIGHER_LEVEL_MOVES,
    OPEN_STATUSES,
    CaseStatus,
    HigherLevelMove,
    IllegalTransition,
)
from desktop import labels, messages
from desktop.backend import Backend
from desktop.casetabs import AttachmentsTab, IntakeTab, StepsTab
from desktop.desk import StoryView
from desktop.deskforms import EscalateDialog
from desktop.documents import DocumentsButton
from desktop.formatting import deadline, plain_date, short_datetime
from desktop.style import make_error, make_heading

# Statuses the process checklist's steps bring (casework.checklists Step.status).
STEP_STATUSES = frozenset(
    s.value
    for s in (CaseStatus.IN_MEDIATION, CaseStatus.AGREEMENT, CaseStatus.TERMINATED,
              CaseStatus.PERFORMING, CaseStatus.FOLLOWED_UP, CaseStatus.ARCHIVED)
)  # fmt: skip

# Steps that cannot be taken back: asked about before they are made.
FINAL_STEPS = frozenset({CaseStatus.ARCHIVED, CaseStatus.ESCALATED, CaseStatus.TERMINATED})

REVEAL_COLUMN = 5  # the parties table's column of "Show in full…" buttons


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
        self.back.clicked.connect(self.forget_shown)
        self.back.clicked.connect(self.back_requested)
        self.documents = DocumentsButton(backend, self)  # 调解协议书, 终止告知书, 卷宗
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.parties = QTableWidget(0, REVEAL_COLUMN + 1, self)
        self.parties.setHorizontalHeaderLabels(
            [self.tr("Role"), self.tr("Name"), self.tr("ID number"), self.tr("Phone"),
             self.tr("Address"), ""]
        )  # fmt: skip
        self.parties.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parties.setMaximumHeight(150)  # a few parties; the history gets the room
        header = self.parties.horizontalHeader()
        for column in (0, 1, 2, 3, REVEAL_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.parties.verticalHeader().hide()
        # Parties shown in full, by id, for this page only; a reveal answered after the
        # page was closed (the count moved on) is not shown.
        self.shown: dict[str, PartyDetails] = {}
        self._showing = 0
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
        self.escalate_button = QPushButton(self.tr("Escalate to the town…"), self)
        self.escalate_button.hide()
        self.escalate_button.clicked.connect(self.escalate)
        self.escalation_view = StoryView(self)
        self.open_form: EscalateDialog | None = None
        self.alert = make_error(QLabel(self))
        self.alert.hide()
        self.settle_button = QPushButton(self.tr("Settle the conflict…"), self)
        self.settle_button.hide()
        self.settle_button.clicked.connect(self.settle_conflict)
        self.intake = IntakeTab(self)
        self.intake.answers_given.connect(self.save_answers)
        self.intake.accept_requested.connect(self.accept_case)
        self.steps = StepsTab(self)
        self.steps.step_requested.connect(self.record_step)
        self.steps.visit_requested.connect(self.log_visit)
        self.visits = QTreeWidget(self)
        self.visits.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Notes"),
                                     self.tr("Next visit")])  # fmt: skip
        self.visits.setRootIsDecorated(False)
        self.log_visit_button = QPushButton(self.tr("Log a visit…"), self)
        self.log_visit_button.clicked.connect(lambda: self.log_visit())
        self.files = AttachmentsTab(self)
        self.files.attach_requested.connect(self.choose_file)
        self.files.open_requested.connect(self.open_file)
        self.tabs = QTabWidget(self)
        self._lay_out()
        backend.cases_changed.connect(self._on_case_changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.documents)
        top.addWidget(self.back)
        case_box = QGroupBox(self.tr("Case"), self)
        case_form = QFormLayout(case_box)
        case_form.addRow(self.summary)
        case_form.addRow(self.alert)
        case_form.addRow(self.settle_button)
        step_box = QGroupBox(self.tr("Status"), self)
        step = QHBoxLayout(step_box)
        step.addWidget(QLabel(self.tr("New status:"), self))
        step.addWidget(self.next_status)
        step.addWidget(self.note, 1)
        step.addWidget(self.change)
        step.addWidget(self.escalate_button)
        parties_tab = QWidget(self)
        parties_layout = QVBoxLayout(parties_tab)
        parties_layout.addWidget(self.facts)
        parties_layout.addWidget(self.parties)
        parties_layout.addStretch(1)  # the facts and the parties at the top, together
        visits_tab = QWidget(self)
        visits_layout = QVBoxLayout(visits_tab)
        visits_layout.addWidget(self.visits, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.log_visit_button)
        visits_layout.addLayout(row)
        for widget, title in ((parties_tab, self.tr("Parties and facts")),
                              (self.intake, self.tr("Intake")),
                              (self.steps, self.tr("Process steps")),
                              (visits_tab, self.tr("Visits")),
                              (self.files, self.tr("Files")),
                              (self.escalation_view, self.tr("Escalation and feedback")),
                              (self.history, self.tr("History"))):  # fmt: skip
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(case_box)
        layout.addWidget(step_box)
        layout.addWidget(self.tabs, 1)

    def show_case(self, case_id: str) -> None:
        """Load and show ``case_id`` (in the background)."""
        if case_id != self.case_id:
            self.forget_shown()
        self.case_id = case_id
        self._backend.submit(lambda book: book.case_detail(case_id), self._show)

    def _on_case_changed(self, case_id: str) -> None:
        # "" means any case may have changed (e.g. a sync brought changes down).
        if self.case_id is not None and case_id in (self.case_id, ""):
            self.show_case(self.case_id)

    def _show(self, detail: CaseDetail) -> None:
        if detail.id != self.case_id:
            return
        self.detail = detail
        self.documents.set_case(detail.id, detail.number)
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
        self._show_alert(detail)
        self._show_parties(detail)
        self._show_history(detail.history)
        self._show_next_steps(detail)
        self.intake.show_intake(detail.intake)
        self.steps.show_steps(detail.steps)
        self._show_visits(detail)
        self.files.show_files(detail.attachments)
        self.escalation_view.show_escalations(
            detail.escalations, detail.unit_names, dt.datetime.now(dt.UTC)
        )

    def _show_alert(self, detail: CaseDetail) -> None:
        # The SLA clock and the proposal stand out: they are what a worker must act on.
        lines = []
        if detail.due_on is not None:
            overdue = detail.status in OPEN_STATUSES and detail.due_on < dt.date.today()
            text = self.tr("Deadline: %1").replace("%1", deadline(detail.due_on, overdue))
            if overdue:
                lines.append(text)
            else:
                self.summary.setText(self.summary.text() + "\n" + text)
        if detail.proposed_level and detail.status in OPEN_STATUSES:
            lines.append(
                self.tr("The checklists propose escalating this case to the %1 level.").replace(
                    "%1", labels.level(detail.proposed_level)
                )
            )
        if detail.intake is not None and detail.intake.report_to_police:
            lines.append(self.tr("Risk of violence or a criminal case: report to the police."))
        for conflict in detail.conflicts:
            lines.append(
                self.tr("Two laptops changed the status at the same time: it is “%1”; the "
                        "other change was to “%2”. Please decide which stands.")
                .replace("%1", labels.status(conflict.kept_value))
                .replace("%2", labels.status(conflict.other_value))
            )  # fmt: skip
        self.settle_button.setVisible(bool(detail.conflicts))
        self.alert.setText("\n".join(lines))
        self.alert.setVisible(bool(lines))

    def _show_visits(self, detail: CaseDetail) -> None:
        self.visits.clear()
        for visit in detail.visits:
            survey = "、".join(
                f"{labels.survey_question(k)}：{labels.satisfaction(v)}"
                for k, v in visit.survey.items()
            )
            notes = visit.notes + (f"（{survey}）" if survey else "")
            self.visits.addTopLevelItem(QTreeWidgetItem([
                plain_date(visit.visited_on), labels.visit_kind(visit.kind), notes,
                plain_date(visit.next_visit_on) if visit.next_visit_on else "",
            ]))  # fmt: skip

    def _show_parties(self, detail: CaseDetail) -> None:
        self.parties.setRowCount(len(detail.parties))
        for row, party in enumerate(detail.parties):
            shown = self.shown.get(party.party_id) if isinstance(party, CaseParty) else None
            if shown is not None:
                id_number, phone = shown.id_number, display_phone(shown.phone)
            else:
                id_number, phone = mask_id_number(party.id_number), mask_phone(party.phone)
            values = [labels.role(party.role), party.name, id_number, phone, party.address]
            for column, value in enumerate(values):
                self.parties.setItem(row, column, QTableWidgetItem(value))
            self._place_reveal_button(row, party, shown is None)

    def _place_reveal_button(self, row: int, party: PartyRow, masked: bool) -> None:
        # Only where something is masked; once shown, the full values say it all.
        if not (masked and isinstance(party, CaseParty) and (party.id_number or party.phone)):
            self.parties.removeCellWidget(row, REVEAL_COLUMN)
            return
        button = QPushButton(self.tr("Show in full…"), self.parties)
        button.setToolTip(self.tr("Show the full ID number and phone; viewing is recorded."))
        button.clicked.connect(lambda: self.reveal(row))
        self.parties.setCellWidget(row, REVEAL_COLUMN, button)

    # -- personal data shown in full -----------------------------------------------------

    def reveal(self, row: int) -> None:
        """Ask, then show the party of ``row`` in full; the showing is recorded."""
        parties = self.detail.parties if self.detail else []
        party = parties[row] if 0 <= row < len(parties) else None
        if self.detail is None or not isinstance(party, CaseParty):
            return
        if not self._confirm_reveal(party.name):
            return
        case_id, party_id, showing = self.detail.id, party.party_id, self._showing
        self._backend.submit(
            lambda book: book.show_personal_data(case_id, party_id),
            lambda shown: self._revealed(case_id, showing, shown),
            self._reveal_failed,
        )

    def _confirm_reveal(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Show the full details?"),
            self.tr("Show the full ID number and phone of %1?\n\nViewing is recorded: the "
                    "case history and the town will show that you looked.").replace("%1", name),
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _revealed(self, case_id: str, showing: int, shown: PartyDetails) -> None:
        if showing == self._showing and case_id == self.case_id:
            self.shown[shown.party_id] = shown
            if self.detail is not None:
                self._show_parties(self.detail)
        self._backend.cases_changed.emit(case_id)  # its history (and the outbox) grew

    def _reveal_failed(self, error: BaseException) -> None:
        from casework.masking import UnknownParty

        if isinstance(error, UnknownParty):
            messages.show_error(
                self, self.tr("This party is no longer on the case. Nothing was shown."),
                log_text=str(error),
            )  # fmt: skip
            return
        messages.report(self, error, "showing a party's personal data")

    def forget_shown(self) -> None:
        """Mask again what was shown in full: the page is closed or shows another case."""
        self._showing += 1
        if self.shown:
            self.shown.clear()
            if self.detail is not None:
                self._show_parties(self.detail)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page forgets the full values; a minimised window does not.
        super().hideEvent(event)
        if not event.spontaneous():
            self.forget_shown()

    def _show_history(self, history: list[EventRow]) -> None:
        self.history.clear()
        for event in history:
            when = short_datetime(event.recorded_at)
            self.history.addTopLevelItem(
                QTreeWidgetItem([when, event.author_name, self._describe(event)])
            )

    def _describe(self, event: EventRow) -> str:
        if event.type == "case.step_completed":
            return self.tr("Step recorded: %1").replace("%1", self._step_name(event))
        if event.type == "case.intake_answered":
            text = self.tr("Intake: %1 → %2").replace("%1", str(event.payload.get("question")))
            return text.replace("%2", labels.answer(str(event.payload.get("value"))))
        if event.type == "case.personal_data_shown":
            return labels.personal_data_shown(event.payload)
        if event.type == "case.attachment_added":
            return self.tr("File attached: %1").replace("%1", str(event.payload.get("file_name")))
        if event.type == "visit.logged":
            return self.tr("Visit logged: %1").replace(
                "%1", labels.visit_kind(str(event.payload.get("kind")))
            )
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
        # Acceptance goes through the intake tab, which shows what stands in its way; once
        # accepted, the statuses a process step brings come with that step's record.
        by_steps = {CaseStatus.ACCEPTED.value}
        if detail.steps and detail.accepted:
            by_steps |= set(STEP_STATUSES)
        # Escalating takes a reason (the escalate button), and the outcome of an
        # escalated case is the desk's to record with its acts (the inbox).
        by_steps |= {CaseStatus.ESCALATED.value}
        if detail.status == CaseStatus.ESCALATED:
            by_steps |= {target.value for _, target in HIGHER_LEVEL_MOVES}
        moves = [code for code in detail.allowed_next if code not in by_steps]
        village = detail.role is Role.VILLAGE
        self.escalate_button.setVisible(village and CaseStatus.ESCALATED in detail.allowed_next)
        self.next_status.clear()
        for code in moves:
            self.next_status.addItem(labels.status(code), code)
        self.change.setEnabled(bool(moves))
        self.note.clear()

    def change_status(self) -> None:
        """Apply the chosen status (in the background); the page reloads when stored."""
        if self.case_id is None or self.next_status.currentData() is None:
            return
        case_id, note = self.case_id, self.note.text().strip()
        target = CaseStatus(self.next_status.currentData())
        if target is CaseStatus.TERMINATED and not note:
            # Ending without mediation: the file must say why, and that the parties were
            # told of their other legal routes.
            messages.show_error(
                self,
                self.tr("Please write in the note why the case ends here and that the "
                        "parties were told of their other legal routes."),
                log_text="termination without a note refused",
            )  # fmt: skip
            return
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
        from casework.handling import IntakeBlocked, IntakeClosed
        from casework.process import StepRefused

        self.change.setEnabled(True)
        if isinstance(error, IntakeBlocked):
            reasons = [b.reason for b in error.outcome.blocks]
            if error.outcome.unanswered or error.outcome.notes_missing:
                reasons.append(self.tr("the intake checklist is not complete"))
            text = self.tr("The case cannot be accepted: %1. Nothing was changed.")
            messages.show_error(self, text.replace("%1", "；".join(reasons)), log_text=str(error))
            self.tabs.setCurrentWidget(self.intake)
            return
        if isinstance(error, StepRefused):
            detail = "、".join(self._field_label(error.step, f) for f in error.detail)
            messages.show_error(
                self, labels.step_refusal(error.reason, detail), log_text=str(error)
            )
            return
        if isinstance(error, IntakeClosed):
            messages.show_error(
                self, self.tr("The case is already accepted: its intake cannot change."),
                log_text=str(error),
            )  # fmt: skip
            return
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

    def _field_label(self, step_code: str, field: str) -> str:
        for step in self.detail.steps if self.detail else []:
            if step.code == step_code:
                for known in step.fields:
                    if known.code == field:
                        return known.label
            if step.code == field:
                return step.name
        return field

    def _step_name(self, event: EventRow) -> str:
        code = str(event.payload.get("step"))
        found = [s.name for s in (self.detail.steps if self.detail else []) if s.code == code]
        return found[0] if found else code

    # -- intake --------------------------------------------------------------------------

    def save_answers(self, answers: dict[str, Answer]) -> None:
        """Store the intake answers shown on the intake tab."""
        if self.case_id is None:
            return
        case_id = self.case_id
        self._backend.submit_change(
            lambda book: book.answer_intake(case_id, answers), None, self._change_failed
        )

    def accept_case(self) -> None:
        """Accept the case (受理) with the answers on screen, if the intake allows it."""
        if self.case_id is None:
            return
        case_id, answers = self.case_id, self.intake.answers()
        self._backend.submit_change(
            lambda book: book.accept_case(case_id, answers), None, self._change_failed
        )

    # -- process steps ------------------------------------------------------------------

    def record_step(self, step: StepRow) -> None:
        """Ask for the step's fields, then record it."""
        from desktop.stepdialog import StepDialog

        dialog = StepDialog(step, self)
        self.step_dialog = dialog
        dialog.accepted.connect(lambda: self._send_step(dialog))
        dialog.open()

    def _send_step(self, dialog: object) -> None:
        from desktop.stepdialog import StepDialog

        assert isinstance(dialog, StepDialog) and self.case_id is not None
        case_id, code, values = self.case_id, dialog.step.code, dialog.values()
        self._backend.submit_change(
            lambda book: book.complete_step(case_id, code, values), None, self._change_failed
        )

    # -- visits and files ------------------------------------------------------------------

    def log_visit(self, kind: str | None = None) -> None:
        """Open the visit form for this case (on a kind of visit, if given)."""
        if self.detail is None:
            return
        from desktop.visitform import VisitDialog

        # The dialog announces the change itself (cases_changed): this page then reloads.
        dialog = VisitDialog(
            self._backend, self, self.detail.id, self.detail.number, kind=kind or None
        )
        self.visit_dialog = dialog
        dialog.open()

    def choose_file(self) -> None:
        """Pick a file or photo and attach it."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file or photo"))
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        """Copy ``path`` into the store and attach it to this case (in the background)."""
        if self.case_id is None:
            return
        case_id = self.case_id
        self.files.show_refusal(None)
        self._backend.submit_change(
            lambda book: book.add_attachment(case_id, path), None, self._attach_failed
        )

    def _attach_failed(self, error: BaseException) -> None:
        from casework.attachments import AttachmentRefused

        if isinstance(error, AttachmentRefused):
            self.files.show_refusal(labels.attachment_refusal(error.reason))
            return
        messages.report(self, error, "attaching a file")

    def open_file(self, file: AttachmentRow) -> None:
        """Show a stored file with the system's viewer."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        def show(path: Path) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        sha256 = file.sha256
        self._backend.submit(lambda book: book.attachment_path(sha256), show)

    # -- conflicts between replicas ------------------------------------------------------

    def escalate(self) -> EscalateDialog | None:
        """上报: open the form (reason, urgency, what was tried)."""
        if self.case_id is None:
            return None
        dialog = EscalateDialog(self._backend, self.case_id, False, self)
        self.open_form = dialog
        dialog.finished.connect(lambda _r: setattr(self, "open_form", None))
        dialog.open()
        return dialog

    def settle_conflict(self) -> None:
        """Ask which status stands, then record the decision (an event every laptop gets)."""
        if self.detail is None or not self.detail.conflicts:
            return
        conflict = self.detail.conflicts[0]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Settle the conflict"),
                          self.tr("Which status stands for this case?"), parent=self)  # fmt: skip
        keep = box.addButton(
            self.tr("Keep “%1”").replace("%1", labels.status(conflict.kept_value)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        other = box.addButton(
            self.tr("Change to “%1”").replace("%1", labels.status(conflict.other_value)),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        self.settle_box = box
        box.exec()
        if box.clickedButton() not in (keep, other):
            return
        take_other, note = box.clickedButton() is other, self.note.text()
        self._backend.submit_change(
            lambda book: book.settle_conflict(conflict.id, take_other=take_other, note=note),
            None,
            self._change_failed,
        )
