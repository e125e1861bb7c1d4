"""The forms of escalation: 上报 from a case page, and the desk's acts (派单, 办理记录,
联合会诊, 结单, 退回). Each writes through the casebook on the worker thread; a refusal is
shown in the form, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import labels, messages
from desktop.backend import Backend
from desktop.style import make_error

if TYPE_CHECKING:
    from casework.casebook import Casebook
    from casework.directory import Entry


class _Form(QDialog):
    """A small form that sends one act and closes once it is stored.

    Signals:
        stored(str): the act was stored; carries the case id.
    """

    stored = Signal(str)

    def __init__(self, backend: Backend, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.error = make_error(QLabel(self))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def text_box(self, placeholder: str) -> QPlainTextEdit:
        """A few lines of free text."""
        box = QPlainTextEdit(self)
        box.setPlaceholderText(placeholder)
        box.setFixedHeight(90)
        return box

    def work(self) -> Callable[[Casebook], str] | None:
        """What sending does; None (with the error shown) when the form is not ready."""
        raise NotImplementedError

    def send(self) -> None:
        """Store the act in the background; the form stays open until it is stored."""
        work = self.work()
        if work is None:
            return
        self.buttons.setEnabled(False)
        self._backend.submit_change(work, self._stored, self._refused)

    def _stored(self, case_id: str) -> None:
        self.stored.emit(case_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        from casework.escalation import EscalationRefused
        from casework.status import IllegalTransition

        self.buttons.setEnabled(True)
        if isinstance(error, EscalationRefused):
            self.show_error(labels.escalation_refusal(error.reason))
        elif isinstance(error, IllegalTransition):
            self.show_error(
                self.tr("The case has moved on meanwhile; close this form and look again.")
            )
        else:
            messages.report(self, error, "storing the act")

    def show_error(self, text: str) -> None:
        """Say what is wrong, in the form."""
        self.error.setText(text)
        self.error.show()


def _text(box: QPlainTextEdit) -> str:
    return box.toPlainText().strip()


class EscalateDialog(_Form):
    """上报: why, how urgent, what was tried. Works offline: the escalation waits in the
    outbox and the case page shows when the desk has received it."""

    def __init__(self, backend: Backend, case_id: str, to_district: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = (
            self.tr("Escalate to the district") if to_district else self.tr("Escalate to the town")
        )
        super().__init__(backend, title, parent)
        self.case_id = case_id
        self.reason = self.text_box(self.tr("Why the case needs the higher level"))
        self.urgency = QComboBox(self)
        for code in ("routine", "urgent"):
            self.urgency.addItem(labels.urgency(code), code)
        self.tried = self.text_box(self.tr("What was already tried (optional)"))
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Urgency"), self.urgency)
        self.form.addRow(self.tr("Already tried"), self.tried)

    def work(self) -> Callable[[Casebook], str] | None:
        reason, urgency, tried = (
            _text(self.reason),
            str(self.urgency.currentData()),
            _text(self.tried),
        )
        if not reason:
            self.show_error(labels.escalation_refusal("reason_missing"))
            return None
        case_id = self.case_id

        def escalate(book: Casebook) -> str:
            book.escalate(case_id, reason=reason, urgency=urgency, tried=tried)
            return case_id

        return escalate


class DispatchDialog(_Form):
    """派单: to a department, a mediator team or a mediator of the desk's directory."""

    def __init__(self, backend: Backend, escalation_id: str, entries: list[Entry],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(backend, self.tr("Dispatch"), parent)
        self.escalation_id = escalation_id
        self.assignee = QComboBox(self)
        for entry in entries:
            kind = labels.directory_word(entry.kind.value)
            team = f" · {labels.directory_word(entry.team.value)}" if entry.team else ""
            self.assignee.addItem(f"{entry.name}（{kind}{team}）", entry)
        self.note = self.text_box(self.tr("What to do, by when (optional)"))
        self.form.addRow(self.tr("Dispatch to"), self.assignee)
        self.form.addRow(self.tr("Note to the assignee"), self.note)
        if not entries:
            self.show_error(self.tr(
                "The directory of departments and mediators has not arrived yet: sync, or "
                "ask the server administrator to import it."
            ))  # fmt: skip

    def work(self) -> Callable[[Casebook], str] | None:
        entry = self.assignee.currentData()
        if entry is None:
            self.show_error(labels.escalation_refusal("assignee_missing"))
            return None
        escalation_id, note = self.escalation_id, _text(self.note)
        return lambda book: book.dispatch_escalation(escalation_id, entry, note)


class NoteDialog(_Form):
    """A handling note 办理记录, or a joint consultation 联合会诊 with who took part."""

    def __init__(self, backend: Backend, escalation_id: str, consultation: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        title = self.tr("Joint consultation") if consultation else self.tr("Handling note")
        super().__init__(backend, title, parent)
        self.escalation_id = escalation_id
        self.consultation = consultation
        self.text = self.text_box(self.tr("What was done or agreed"))
        self.present = QLineEdit(self)
        self.present.setPlaceholderText(self.tr("Parties and departments present, separated by 、"))
        self.form.addRow(self.tr("Record"), self.text)
        if consultation:
            self.form.addRow(self.tr("Present"), self.present)

    def work(self) -> Callable[[Casebook], str] | None:
        text = _text(self.text)
        present = [p for p in self.present.text().replace(",", "、").replace("，", "、").split("、")
                   if p.strip()]  # fmt: skip
        if not text:
            self.show_error(labels.escalation_refusal("text_missing"))
            return None
        if self.consultation and not present:
            self.show_error(labels.escalation_refusal("present_missing"))
            return None
        escalation_id = self.escalation_id
        return lambda book: book.note_escalation(escalation_id, text, present)


class CloseDialog(_Form):
    """结单: the outcome, and what was decided."""

    def __init__(self, backend: Backend, escalation_id: str, parent: QWidget | None = None):
        super().__init__(backend, self.tr("Close the case"), parent)
        self.escalation_id = escalation_id
        self.outcome = QComboBox(self)
        for code in ("agreement", "terminated"):
            self.outcome.addItem(labels.status(code), code)
        self.summary = self.text_box(self.tr("What was decided, and what the parties agreed"))
        self.form.addRow(self.tr("Outcome"), self.outcome)
        self.form.addRow(self.tr("Decision"), self.summary)

    def work(self) -> Callable[[Casebook], str] | None:
        summary, outcome = _text(self.summary), str(self.outcome.currentData())
        if not summary:
            self.show_error(labels.escalation_refusal("summary_missing"))
            return None
        escalation_id = self.escalation_id
        return lambda book: book.close_escalation(escalation_id, outcome, summary)


class ReturnDialog(_Form):
    """退回: the case goes back down with instructions."""

    def __init__(self, backend: Backend, escalation_id: str, parent: QWidget | None = None):
        super().__init__(backend, self.tr("Return with instructions"), parent)
        self.escalation_id = escalation_id
        self.instructions = self.text_box(self.tr("What the level below should do"))
        self.form.addRow(self.tr("Instructions"), self.instructions)

    def work(self) -> Callable[[Casebook], str] | None:
        instructions = _text(self.instructions)
        if not instructions:
            self.show_error(labels.escalation_refusal("instructions_missing"))
            return None
        escalation_id = self.escalation_id
        return lambda book: book.return_escalation(escalation_id, instructions)
