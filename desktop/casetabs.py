"""The case page's tabs beyond parties and history: intake, process steps, files.

Signals (IntakeTab):
    answers_given(object): the worker saved answers; carries {code: Answer}.
    accept_requested(): the worker asked to accept the case.
Signals (StepsTab):
    step_requested(object): the worker wants to record a step; carries its StepRow.
    visit_requested(str): the worker wants to log the visit that records a step (its kind).
Signals (AttachmentsTab):
    attach_requested(): the worker wants to add a file.
    open_requested(object): the worker wants to see a file; carries its AttachmentRow.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.checklists import Question
from casework.intake import Answer
from casework.rows import AttachmentRow, IntakeSummary, StepRow
from desktop import labels
from desktop.formatting import deadline, short_datetime
from desktop.style import make_error, overdue_brush
from desktop.wizardpages import QuestionRow


class IntakeTab(QWidget):
    """受理清单 of one case: the answers, what they mean, and acceptance."""

    answers_given = Signal(object)
    accept_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, QuestionRow] = {}
        self._form_host = QWidget(self)
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.blocks = make_error(QLabel(self))
        self.save_button = QPushButton(self.tr("Save the answers"), self)
        self.accept_button = QPushButton(self.tr("Accept the case"), self)
        self.save_button.clicked.connect(lambda: self.answers_given.emit(self.answers()))
        self.accept_button.clicked.connect(self.accept_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.accept_button)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self._form_host)
        self._layout.addWidget(self.meaning)
        self._layout.addWidget(self.blocks)
        self._layout.addStretch(1)
        self._layout.addLayout(buttons)

    def show_intake(self, intake: IntakeSummary | None) -> None:
        """Show the questions and answers (editable while the case is not accepted)."""
        host = QWidget(self)
        form = QFormLayout(host)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long questions
        self.rows = {}
        if intake is None:
            form.addRow(QLabel(self.tr("This case was recorded before the checklists."), host))
        for question in intake.questions if intake else []:
            row = QuestionRow(
                Question(code=question.code, text=question.text, answers=question.answers,
                         note_required_when=question.note_required_when), host,
            )  # fmt: skip
            if question.value:
                row.choose(question.value)
            row.note.setText(question.note)
            row.setEnabled(intake is not None and intake.open)
            row.changed.connect(self._answers_changed)
            label = QLabel(question.text, host)
            form.addRow(label, row)
            self.rows[question.code] = row
        self._layout.replaceWidget(self._form_host, host)
        self._form_host.deleteLater()
        self._form_host = host
        self._show_meaning(intake)

    def _show_meaning(self, intake: IntakeSummary | None) -> None:
        editable = intake is not None and intake.open
        self.save_button.setVisible(editable)
        self.accept_button.setVisible(editable)
        self.accept_button.setEnabled(editable and intake is not None and intake.acceptable)
        if intake is None:
            self.meaning.clear()
            self.blocks.hide()
            return
        lines = []
        if intake.report_to_police:
            lines.append(self.tr("Risk of violence or a criminal case: report to the police."))
        if intake.unanswered:
            lines.append(self.tr("%n question(s) not answered yet.", "", len(intake.unanswered)))
        if intake.notes_missing:
            lines.append(self.tr("%n answer(s) need a note.", "", len(intake.notes_missing)))
        if intake.acceptable and intake.open:
            lines.append(self.tr("The intake allows accepting the case."))
        self.meaning.setText("\n".join(lines))
        self.blocks.setText(
            "\n".join(self.tr("Cannot be accepted: %1").replace("%1", r) for r in intake.blocks)
        )
        self.blocks.setVisible(bool(intake.blocks))

    def _answers_changed(self) -> None:
        # Changed answers may now allow acceptance: the store checks them when asked.
        self.accept_button.setEnabled(True)

    def answers(self) -> dict[str, Answer]:
        """The answers as they stand on screen (unanswered left out)."""
        return {
            code: Answer(row.value(), row.note.text())
            for code, row in self.rows.items()
            if row.value()
        }


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


class StepsTab(QWidget):
    """流程清单 of one case: each step, its due date, and what was recorded."""

    step_requested = Signal(object)
    visit_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[StepRow] = []
        self.tree = _tree(self, [self.tr("Step"), self.tr("Due"), self.tr("State"),
                                 self.tr("Recorded")])  # fmt: skip
        self.record_button = QPushButton(self.tr("Record the chosen step…"), self)
        self.record_button.clicked.connect(self._request)
        self.tree.itemDoubleClicked.connect(lambda *_: self._request())
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        self.progress = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    def show_steps(self, steps: list[StepRow]) -> None:
        """Show the steps; the next open one is selected."""
        self.steps = steps
        self.tree.clear()
        chosen = None
        for step in steps:
            recorded = "；".join(
                " ".join(v for v in entry.values() if v)[:60] for entry in step.entries if entry
            )
            item = QTreeWidgetItem([
                step.name, deadline(step.due_on, step.overdue) if step.state == "open" else "",
                labels.step_state(step.state), recorded,
            ])  # fmt: skip
            if step.overdue:
                for column in range(4):
                    item.setBackground(column, overdue_brush())
            self.tree.addTopLevelItem(item)
            if chosen is None and step.state == "open":
                chosen = item
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        done = sum(1 for s in steps if s.state != "open")
        self.progress.setText(self.tr("%1 of %2 steps settled").replace("%1", str(done))
                              .replace("%2", str(len(steps))))  # fmt: skip
        self._update_button()

    def chosen(self) -> StepRow | None:
        """The step selected in the list."""
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        return self.steps[index] if 0 <= index < len(self.steps) else None

    def _update_button(self) -> None:
        step = self.chosen()
        self.record_button.setEnabled(step is not None and (step.state == "open" or
                                                             step.repeatable))  # fmt: skip
        if step is not None and step.by_visit:  # 回访 is recorded by the visit itself
            self.record_button.setText(self.tr("Log the follow-up visit…"))
        else:
            self.record_button.setText(self.tr("Record the chosen step…"))

    def _request(self) -> None:
        step = self.chosen()
        if step is None or not self.record_button.isEnabled():
            return
        if step.by_visit:
            self.visit_requested.emit(step.by_visit)
        else:
            self.step_requested.emit(step)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class AttachmentsTab(QWidget):
    """Files and photos of one case."""

    attach_requested = Signal()
    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files: list[AttachmentRow] = []
        self.tree = _tree(self, [self.tr("File"), self.tr("Type"), self.tr("Size"),
                                 self.tr("Added")])  # fmt: skip
        self.attach_button = QPushButton(self.tr("Attach a file or photo…"), self)
        self.attach_button.clicked.connect(self.attach_requested)
        self.tree.itemDoubleClicked.connect(self._open)
        self.error = make_error(QLabel(self))
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.error, 1)
        row.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    def show_files(self, files: list[AttachmentRow]) -> None:
        """List the case's files."""
        self.files = files
        self.tree.clear()
        for file in files:
            self.tree.addTopLevelItem(QTreeWidgetItem(
                [file.file_name, file.media_type, _size(file.size), short_datetime(file.added_at)]
            ))  # fmt: skip

    def show_refusal(self, text: str | None) -> None:
        """Say why the last file was not attached (None clears it)."""
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def _open(self, item: QTreeWidgetItem) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self.files):
            self.open_requested.emit(self.files[index])
