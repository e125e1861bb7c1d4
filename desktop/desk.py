"""收件箱 and 上报: the escalation page.

On a town or district desk it is the inbox: the escalations sent to the desk, filtered
(new, accepted, overdue, village, type, priority), each with its SLA clocks (接单 within
the accept deadline, 结单 within the item's deadline), and the desk's acts on the one
chosen. On a village laptop it lists what the village escalated and what became of it.

The clock is ``now`` (a callable), so tests move time instead of sleeping; the page
looks again every minute so that a deadline passing shows without a click.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casework.domain import DisputeType, Priority, Role
from casework.escalation import IN_HAND, WAITING, Act, Escalation, InboxFilter, State
from casework.masking import mask_text
from desktop import deskforms, labels, messages
from desktop.backend import Backend
from desktop.formatting import plain_date, short_datetime
from desktop.style import make_heading, overdue_brush
from desktop.tablemodel import RowTableModel

if TYPE_CHECKING:
    from casework.directory import Entry

Clock = Callable[[], dt.datetime]
REFRESH_MS = 60_000


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StoryView(QTextBrowser):
    """Escalations told in order: where each stands, its clocks, and every act on it
    with who did it, for which unit, when and what (the feedback a village reads).

    What people wrote (reasons, notes, summaries, instructions) is shown with its ID
    numbers and phones masked: the desk reads many villages' cases, and the full values
    are for the case page, when asked."""

    def show_escalations(self, escalations: list[Escalation], names: dict[str, str],
                         now: dt.datetime) -> None:  # fmt: skip
        """Show ``escalations`` (none: empty)."""
        self._names = names
        self.setHtml("<hr>".join(self._story(e, now) for e in escalations))

    def _name(self, code: str) -> str:
        return self._names.get(code, code)

    def _story(self, escalation: Escalation, now: dt.datetime) -> str:
        sent = (
            self.tr("Sent to %1 by %2 on %3")
            .replace("%1", self._name(escalation.to_unit))
            .replace("%2", self._name(escalation.from_unit))
            .replace("%3", short_datetime(escalation.raised_at))
        )
        head = [
            f"<b>{escape(escalation.case_number)}</b> · "
            f"{escape(labels.escalation_state(escalation.state))}",
            escape(sent),
            escape(self.tr("Accept by %1 · close by %2")
                   .replace("%1", short_datetime(escalation.accept_by))
                   .replace("%2", plain_date(escalation.close_by))),
        ]  # fmt: skip
        late = []
        if escalation.accept_overdue(now):
            late.append(self.tr("Not accepted in time."))
        if escalation.close_overdue(now.astimezone().date()):
            late.append(self.tr("Past the deadline for closing."))
        if escalation.conflicted:
            late.append(self.tr("Two status changes conflict: settle it on the case page."))
        head += [f"<span style='color:#b00020'>{escape(text)}</span>" for text in late]
        lines = [f"<li>{self._act(a)}</li>" for a in escalation.acts]
        return "<br>".join(head) + "<ul>" + "".join(lines) + "</ul>"

    def _act(self, act: Act) -> str:
        said = self._detail(act.detail) + mask_text(act.text)
        return (
            f"{escape(short_datetime(act.at))} · {escape(self._name(act.unit))} "
            f"{escape(act.by)} · <b>{escape(labels.event_type(act.kind))}</b>"
            + (f"：{escape(said)}" if said else "")
        )

    def _detail(self, detail: dict[str, Any]) -> str:
        parts = []
        if "assignee" in detail:
            parts.append(self.tr("to %1").replace("%1", str(detail["assignee"])))
        if detail.get("present"):
            parts.append(self.tr("present: %1").replace("%1", "、".join(detail["present"])))
        if "outcome" in detail:
            parts.append(labels.status(str(detail["outcome"])))
        if "to_unit" in detail:
            parts.append(self._name(str(detail["to_unit"])))
        if detail.get("late"):
            parts.append(self.tr("after the escalation was finished, without effect"))
        return "；".join(parts) + ("。" if parts else "")


class EscalationTableModel(RowTableModel[Escalation]):
    """Escalations as rows, replaced whole on each refresh."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}
        self._clock = clock

    def headers(self) -> list[str]:
        return [
            self.tr("Case number"), self.tr("Village"), self.tr("Type"), self.tr("Priority"),
            self.tr("Urgency"), self.tr("State"), self.tr("Accept by"), self.tr("Close by"),
        ]  # fmt: skip

    def cells(self, row: Escalation) -> list[str]:
        return [
            row.case_number,
            self._names.get(row.case_unit, row.case_unit),
            labels.dispute_type(row.dispute_type),
            labels.priority(row.priority),
            labels.urgency(row.urgency),
            self._state(row, self._clock()),
            short_datetime(row.accept_by),
            plain_date(row.close_by),
        ]

    def cell_data(self, row: Escalation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue(self._clock()):
            return overdue_brush()
        return None

    def _state(self, row: Escalation, now: dt.datetime) -> str:
        text = labels.escalation_state(row.state)
        if row.overdue(now):
            text += self.tr(" · overdue")
        if row.conflicted:
            text += self.tr(" · conflict to settle")
        return text

    def set_rows(self, rows: list[Escalation], names: dict[str, str]) -> None:
        """Show ``rows`` instead of what was shown."""
        with self.resetting():
            self._rows, self._names = list(rows), names

    def escalation(self, row: int) -> Escalation:
        """The escalation shown in ``row``."""
        return self.row_at(row)

    def row_of(self, escalation_id: str) -> int:
        """The row showing ``escalation_id``, or -1."""
        return next((n for n, e in enumerate(self._rows) if e.id == escalation_id), -1)


class DeskFilterBar(QWidget):
    """The inbox filters.

    Signals:
        changed(): a filter changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QComboBox(self)
        choices = [
            (self.tr("Everything"), ()),
            (self.tr("New (not accepted)"), tuple(WAITING)),
            (self.tr("Accepted, in hand"), tuple(IN_HAND)),
            (self.tr("Closed"), (State.CLOSED,)),
            (self.tr("Returned or sent on"), (State.RETURNED, State.FORWARDED)),
        ]
        for text, states in choices:
            self.state.addItem(text, states)
        self.village = self._combo(self.tr("All villages"), [])
        self.dispute_type = self._combo(
            self.tr("All types"), [(t, labels.dispute_type(t)) for t in DisputeType]
        )
        self.priority = self._combo(
            self.tr("All priorities"), [(p, labels.priority(p)) for p in Priority]
        )
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.state, self.village, self.dispute_type, self.priority, self.overdue):
            layout.addWidget(widget)
        layout.addStretch(1)
        for combo in (self.state, self.village, self.dispute_type, self.priority):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue.toggled.connect(lambda _on: self.changed.emit())

    def _combo(self, everything: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, "")
        for code, text in choices:
            combo.addItem(text, code)
        return combo

    def set_villages(self, villages: list[tuple[str, str]]) -> None:
        """Offer the villages that escalations came from, keeping the choice."""
        chosen = self.village.currentData()
        known = {str(self.village.itemData(i)) for i in range(1, self.village.count())}
        for code, name in villages:
            if code not in known:
                self.village.addItem(name, code)
        self.village.setCurrentIndex(max(0, self.village.findData(chosen)))

    def current(self) -> InboxFilter:
        """The filter as chosen."""

        def one(combo: QComboBox) -> tuple[str, ...]:
            return (str(combo.currentData()),) if combo.currentData() else ()

        return InboxFilter(
            states=tuple(self.state.currentData() or ()), overdue=self.overdue.isChecked(),
            villages=one(self.village), dispute_types=one(self.dispute_type),
            priorities=one(self.priority),
        )  # fmt: skip


class DeskPage(QWidget):
    """The escalation page of a desk (inbox) or of a village (what it escalated).

    Signals:
        open_case(str): the case of the chosen escalation was asked for.
    """

    open_case = Signal(str)

    def __init__(self, backend: Backend, role: Role, parent: QWidget | None = None,
                 clock: Clock = _utc_now) -> None:  # fmt: skip
        super().__init__(parent)
        self._backend = backend
        self.role = role
        self.clock = clock
        self._fetching = self._stale = False
        self._names: dict[str, str] = {}
        self._directory: list[Entry] = []
        self.open_form: deskforms._Form | None = None
        desk = role is not Role.VILLAGE
        title = self.tr("Inbox") if desk else self.tr("Escalations sent")
        self.filters = DeskFilterBar(self)
        self.filters.setVisible(desk)
        self.filters.changed.connect(self.refresh)
        self.count_label = QLabel(self)
        self.model = EscalationTableModel(clock, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_chosen())
        self.table.doubleClicked.connect(self._open_row)
        self.details = StoryView(self)
        self.buttons = self._make_buttons(desk)
        bar = QHBoxLayout()
        bar.addWidget(make_heading(QLabel(title, self)))
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details)
        act_bar = QHBoxLayout()
        for button in self.buttons.values():
            act_bar.addWidget(button)
        act_bar.addStretch(1)
        lower_layout.addLayout(act_bar)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([320, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        backend.cases_changed.connect(lambda _id: self.refresh())
        self._show_chosen()

    def _make_buttons(self, desk: bool) -> dict[str, QPushButton]:
        named = {"open": self.tr("Open the case")}
        if desk:
            named |= {
                "accept": self.tr("Accept"), "dispatch": self.tr("Dispatch"),
                "note": self.tr("Handling note"), "consult": self.tr("Joint consultation"),
                "close": self.tr("Close the case"), "return": self.tr("Return with instructions"),
            }  # fmt: skip
            if self.role is Role.TOWN:
                named["escalate"] = self.tr("Escalate to the district")
        buttons = {key: QPushButton(text, self) for key, text in named.items()}
        acts: dict[str, Callable[[], None]] = {
            "open": self._open_chosen, "accept": self._accept, "dispatch": self._dispatch,
            "note": lambda: self._note(False), "consult": lambda: self._note(True),
            "close": self._close, "return": self._return, "escalate": self._escalate,
        }  # fmt: skip
        for key, button in buttons.items():
            button.clicked.connect(acts[key])
        return buttons

    # --- fetching ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the escalations again (in the background)."""
        if self._fetching:
            self._stale = True
            return
        self._fetching = True
        narrow, now, desk = self.filters.current(), self.clock(), self.role is not Role.VILLAGE

        def fetch(book: Any) -> tuple[list[Escalation], dict[str, str], list[Entry]]:
            rows = book.inbox(narrow, now) if desk else book.sent_escalations(now)
            return rows, book.unit_names(), book.directory() if desk else []

        self._backend.submit(fetch, self._arrived, self._failed)

    def _arrived(self, found: tuple[list[Escalation], dict[str, str], list[Entry]]) -> None:
        self._fetching = False
        rows, self._names, self._directory = found
        chosen = self.chosen()
        self.model.set_rows(rows, self._names)
        villages = sorted({(e.case_unit, self._names.get(e.case_unit, e.case_unit)) for e in rows})
        self.filters.set_villages(villages)
        overdue = sum(e.overdue(self.clock()) for e in rows)
        text = self.tr("%n escalation(s)", "", len(rows))
        if overdue:
            text += self.tr(", %n overdue", "", overdue)
        self.count_label.setText(text if rows else self.tr("Nothing here."))
        if chosen is not None and (row := self.model.row_of(chosen.id)) >= 0:
            self.table.selectRow(row)
        self._show_chosen()
        if self._stale:
            self._stale = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        self._fetching = False
        messages.report(self, error, "loading the escalations")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # --- the chosen escalation -------------------------------------------------------------

    def chosen(self) -> Escalation | None:
        """The escalation chosen in the table."""
        index = self.table.currentIndex()
        return self.model.escalation(index.row()) if index.isValid() else None

    def choose(self, escalation_id: str) -> None:
        """Choose an escalation by id (it must be shown)."""
        row = self.model.row_of(escalation_id)
        if row >= 0:
            self.table.selectRow(row)

    def _show_chosen(self) -> None:
        chosen = self.chosen()
        self.details.show_escalations([chosen] if chosen else [], self._names, self.clock())
        state = chosen.state if chosen else None
        enabled = {
            "open": chosen is not None,
            "accept": state in WAITING,
            "dispatch": state in IN_HAND, "note": state in IN_HAND, "consult": state in IN_HAND,
            "close": state in IN_HAND, "escalate": state in IN_HAND,
            "return": state in WAITING | IN_HAND,
        }  # fmt: skip
        for key, button in self.buttons.items():
            button.setEnabled(bool(enabled.get(key)))

    def _open_row(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.escalation(index.row()).case_id)

    def _open_chosen(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.open_case.emit(chosen.case_id)

    # --- acts ------------------------------------------------------------------------------

    def _accept(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            return
        escalation_id = chosen.id
        self._backend.submit_change(lambda book: book.accept_escalation(escalation_id),
                                    None, self._refused)  # fmt: skip

    def _refused(self, error: BaseException) -> None:
        from casework.escalation import EscalationRefused

        if isinstance(error, EscalationRefused):
            messages.show_error(self, labels.escalation_refusal(error.reason), log_text=str(error))
        else:
            messages.report(self, error, "storing the act")
        self.refresh()

    def _open_form(self, form: deskforms._Form) -> deskforms._Form:
        self.open_form = form
        form.finished.connect(lambda _r: setattr(self, "open_form", None))
        form.open()
        return form

    def _dispatch(self) -> None:
        if (chosen := self.chosen()) is not None:
            self._open_form(
                deskforms.DispatchDialog(self._backend, chosen.id, self._directory, self)
            )

    def _note(self, consultation: bool) -> None:
        if (chosen := self.chosen()) is not None:
            self._open_form(deskforms.NoteDialog(self._backend, chosen.id, consultation, self))

    def _close(self) -> None:
        if (chosen := self.chosen()) is not None:
            self._open_form(deskforms.CloseDialog(self._backend, chosen.id, self))

    def _return(self) -> None:
        if (chosen := self.chosen()) is not None:
            self._open_form(deskforms.ReturnDialog(self._backend, chosen.id, self))

    def _escalate(self) -> None:
        if (chosen := self.chosen()) is not None:
            self._open_form(deskforms.EscalateDialog(self._backend, chosen.case_id, True, self))
