"""Escalation 上报 and the town and district desks: 受理 → 流转 → 办理 → 反馈 → 评价.

A village that cannot settle a case escalates it to its town; the town receives it (a
delivery receipt its desk writes on pulling it), accepts it 接单 within the accept
deadline, dispatches it 派单 to a department, a mediator or a mediator team, records
handling notes and joint consultations 联合会诊, and closes it 结单 with the outcome
within the item's deadline, returns it to the village 退回 with instructions, or escalates
it to the district 区级终结, whose desk has the same actions.

Every act is an event on the case (offline first: a village's escalation is a queued
event like any other). An escalation's current state is the fold of its events in clock
order, read when asked for, so every replica holding the same events shows the same
desk. The case's status moves with the acts that change it (escalated, returned, the
outcome), through the status rules and their conflicts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casework import events, handling, services
from casework.checklists import Checklists
from casework.domain import Role, role_of_level
from casework.drafts import MAX_TEXT
from casework.events import EventType
from casework.models import ESCALATION_KINDS, Case, CaseConflict, CaseEvent, Device, OrgUnit
from casework.services import UnknownCase
from casework.status import OPEN_STATUSES, CaseStatus


class Urgency(enum.StrEnum):
    """How fast the higher level must take an escalation."""

    ROUTINE = "routine"
    URGENT = "urgent"


# 接单: how long the higher level has to accept an escalation. An urgent one (risk of
# violence, 民转刑) is taken the same morning; a routine one within a working day.
ACCEPT_WITHIN = {Urgency.URGENT: dt.timedelta(hours=4), Urgency.ROUTINE: dt.timedelta(hours=24)}


class AssigneeKind(enum.StrEnum):
    """Who a case is dispatched to 派单."""

    DEPARTMENT = "department"  # 职能部门
    MEDIATOR = "mediator"  # 调解员
    TEAM = "team"  # 调解队伍: 专业 / 兼职 / 特邀


class NoteKind(enum.StrEnum):
    """A line of the handling record."""

    NOTE = "note"  # 办理记录
    CONSULTATION = "consultation"  # 联合会诊


class Outcome(enum.StrEnum):
    """How the higher level closed a case 结单: the case's status afterwards."""

    AGREEMENT = CaseStatus.AGREEMENT.value  # 调解成功, 达成协议
    TERMINATED = CaseStatus.TERMINATED.value  # 调解终止


class State(enum.StrEnum):
    """Where an escalation stands at the desk it was sent to."""

    SENT = "sent"  # raised; not yet on the desk it went to
    RECEIVED = "received"  # on that desk (delivery receipt), not accepted
    ACCEPTED = "accepted"  # 接单
    DISPATCHED = "dispatched"  # 派单
    CLOSED = "closed"  # 结单
    RETURNED = "returned"  # 退回
    FORWARDED = "forwarded"  # escalated further, to the district


WAITING = frozenset({State.SENT, State.RECEIVED})  # not accepted yet: the accept clock runs
IN_HAND = frozenset({State.ACCEPTED, State.DISPATCHED})  # accepted, not finished
FINISHED = frozenset({State.CLOSED, State.RETURNED, State.FORWARDED})

ACTS = frozenset(
    {
        EventType.ESCALATION_RAISED,
        EventType.ESCALATION_RECEIVED,
        EventType.ESCALATION_ACCEPTED,
        EventType.ESCALATION_DISPATCHED,
        EventType.ESCALATION_NOTED,
        EventType.ESCALATION_CLOSED,
        EventType.ESCALATION_RETURNED,
    }
)


# What only the desk an escalation was sent to may do (the village only raises): a server
# refuses these from a village's device.
DESK_ACTS = ACTS - {EventType.ESCALATION_RAISED}


class EscalationRefused(ValueError):
    """An act this device may not do on this escalation now; nothing is written."""

    def __init__(self, reason: str, english: str) -> None:
        super().__init__(english)
        self.reason = reason  # a key the UI words in Chinese


@dataclasses.dataclass(frozen=True)
class Act:
    """One line of an escalation's history: who did what, where and when."""

    kind: str  # the event type, e.g. "escalation.accepted"
    at: dt.datetime
    by: str  # the worker's name
    unit: str  # the org unit the worker acted for
    text: str = ""  # reason, note, outcome summary or instructions
    detail: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Escalation:
    """An escalation as its events leave it."""

    id: str
    case_id: str
    case_number: str
    case_unit: str  # the village the case belongs to
    dispute_type: str
    priority: str
    from_unit: str
    to_unit: str
    level: str  # "town" or "district"
    urgency: Urgency
    reason: str
    tried: str
    raised_at: dt.datetime
    raised_by: str
    accept_by: dt.datetime
    close_by: dt.date
    parent_id: str | None = None  # the town's escalation this district one continues
    state: State = State.SENT
    received_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    accepted_by: str = ""
    assignee: str = ""  # the last dispatch
    assignee_kind: str = ""
    closed_at: dt.datetime | None = None
    outcome: str = ""
    instructions: str = ""  # of a return
    acts: list[Act] = dataclasses.field(default_factory=list)
    # The case has a status conflict no one has settled yet: both desks must see it.
    conflicted: bool = False

    def accept_overdue(self, now: dt.datetime) -> bool:
        """Not accepted in time: still waiting past its accept deadline, or accepted late."""
        if self.accepted_at is not None:
            return self.accepted_at > self.accept_by
        return self.state in WAITING and now > self.accept_by

    def close_overdue(self, today: dt.date) -> bool:
        """Still in hand past the item's deadline."""
        return self.state in WAITING | IN_HAND and today > self.close_by

    def overdue(self, now: dt.datetime) -> bool:
        """Either clock has run out."""
        # The close-by date is a local calendar day: it passes at local midnight.
        return self.accept_overdue(now) or self.close_overdue(now.astimezone().date())


# --- reading -------------------------------------------------------------------------------


_ORDER = (CaseEvent.hlc, CaseEvent.device_id, CaseEvent.device_seq)


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _start(event: CaseEvent, case: Case) -> Escalation:
    p = event.payload
    return Escalation(
        id=p["escalation_id"], case_id=case.id, case_number=case.number,
        case_unit=case.org_unit_code, dispute_type=case.dispute_type, priority=case.priority,
        from_unit=p["from_unit"], to_unit=p["to_unit"], level=p["level"],
        urgency=Urgency(p["urgency"]), reason=p["reason"], tried=p["tried"],
        raised_at=_utc(event.recorded_at), raised_by=event.author_name,
        accept_by=dt.datetime.fromisoformat(p["accept_by"]),
        close_by=dt.date.fromisoformat(p["close_by"]), parent_id=p.get("parent_id"),
    )  # fmt: skip


def _act(event: CaseEvent, text: str = "", **detail: Any) -> Act:
    unit = str(event.payload.get("unit") or event.payload.get("from_unit") or "")
    return Act(event.type, _utc(event.recorded_at), event.author_name, unit, text, detail)


def _apply(held: dict[str, Escalation], event: CaseEvent) -> None:
    """One act onto the escalations of a case, in clock order. Acts unite: the first
    receipt, acceptance and finish by clock stand; the last dispatch is the one in force."""
    p = event.payload
    found = held.get(p["escalation_id"])
    if found is None:
        return  # an act whose escalation is not held here: it stays in the log
    at = _utc(event.recorded_at)
    if event.type == EventType.ESCALATION_RECEIVED:
        if found.received_at is None:
            found.received_at = at
            found.state = State.RECEIVED if found.state is State.SENT else found.state
            found.acts.append(_act(event))
        return
    if found.state in FINISHED:
        found.acts.append(_act(event, str(p.get("text", "")), late=True))
        return  # settled already: in the history, without effect
    if event.type == EventType.ESCALATION_ACCEPTED:
        if found.accepted_at is None:
            found.accepted_at, found.accepted_by = at, event.author_name
            found.state = State.ACCEPTED
        found.acts.append(_act(event))
    elif event.type == EventType.ESCALATION_DISPATCHED:
        found.assignee, found.assignee_kind = p["assignee_name"], p["assignee_kind"]
        found.state = State.DISPATCHED
        found.acts.append(_act(event, p.get("note", ""), assignee=p["assignee_name"],
                               assignee_kind=p["assignee_kind"]))  # fmt: skip
    elif event.type == EventType.ESCALATION_NOTED:
        found.acts.append(_act(event, p["text"], note_kind=p["kind"], present=p.get("present", [])))
    elif event.type == EventType.ESCALATION_CLOSED:
        found.state, found.closed_at, found.outcome = State.CLOSED, at, p["outcome"]
        found.acts.append(_act(event, p["summary"], outcome=p["outcome"]))
    elif event.type == EventType.ESCALATION_RETURNED:
        found.state, found.closed_at, found.instructions = State.RETURNED, at, p["instructions"]
        found.acts.append(_act(event, p["instructions"]))
        _hand_back(held.get(found.parent_id or ""))


def _hand_back(parent: Escalation | None) -> None:
    # The district returning a case hands it back to the town that forwarded it: that
    # escalation is in the town's hands again.
    if parent is not None and parent.state is State.FORWARDED:
        parent.state = State.DISPATCHED if parent.assignee else State.ACCEPTED


def _raise(held: dict[str, Escalation], event: CaseEvent, case: Case) -> None:
    escalation = _start(event, case)
    escalation.acts.append(_act(event, escalation.reason, tried=escalation.tried,
                                urgency=escalation.urgency.value))  # fmt: skip
    parent = held.get(escalation.parent_id or "")
    if parent is not None and parent.state in IN_HAND:
        parent.state = State.FORWARDED
        parent.acts.append(_act(event, escalation.reason, to_unit=escalation.to_unit))
    held.setdefault(escalation.id, escalation)


def _fold(case: Case, log: Iterable[CaseEvent]) -> list[Escalation]:
    held: dict[str, Escalation] = {}
    for event in log:
        try:
            if event.type == EventType.ESCALATION_RAISED:
                _raise(held, event, case)
            else:
                _apply(held, event)
        except (KeyError, TypeError, ValueError):
            continue  # unreadable here (another version's payload): it stays in the log
    return list(held.values())


def _logs(session: Session, case_ids: Sequence[str] | None) -> dict[str, list[CaseEvent]]:
    # The range repeats the partial index's own condition: SQLite then reads just these.
    query = select(CaseEvent).where(text(ESCALATION_KINDS), CaseEvent.type.in_(ACTS))
    if case_ids is not None:
        query = query.where(CaseEvent.case_id.in_(case_ids))
    found: dict[str, list[CaseEvent]] = {}
    for event in session.scalars(query.order_by(*_ORDER)):
        found.setdefault(str(event.case_id), []).append(event)
    return found


def escalations(session: Session, case_ids: Sequence[str] | None = None) -> list[Escalation]:
    """Every escalation held (of ``case_ids`` only, when given), oldest first."""
    logs = _logs(session, case_ids)
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(logs)))}
    found = [e for case_id, log in logs.items() if case_id in cases
             for e in _fold(cases[case_id], log)]  # fmt: skip
    unsettled = set(
        session.scalars(
            select(CaseConflict.case_id).where(
                CaseConflict.case_id.in_(cases), CaseConflict.settled_at.is_(None)
            )
        )
    )
    for escalation in found:
        escalation.conflicted = escalation.case_id in unsettled
    return sorted(found, key=lambda e: (e.raised_at, e.id))


def of_case(session: Session, case_id: str) -> list[Escalation]:
    """The escalations of one case, oldest first: what the case page shows."""
    return escalations(session, [case_id])


def find(session: Session, escalation_id: str) -> Escalation:
    """One escalation; raises UnknownEscalation."""
    raised = session.scalars(
        select(CaseEvent).where(
            text(ESCALATION_KINDS),
            CaseEvent.type == EventType.ESCALATION_RAISED,
            CaseEvent.payload["escalation_id"].as_string() == escalation_id,
        )
    ).first()
    if raised is None or raised.case_id is None:
        raise UnknownEscalation(escalation_id)
    for escalation in of_case(session, raised.case_id):
        if escalation.id == escalation_id:
            return escalation
    raise UnknownEscalation(escalation_id)


class UnknownEscalation(LookupError):
    """No escalation with this id is held here."""


# --- the desk ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class InboxFilter:
    """The town inbox's filters; empty means all."""

    states: tuple[State, ...] = ()
    overdue: bool = False
    villages: tuple[str, ...] = ()  # the cases' org units
    dispute_types: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()


def _passes(escalation: Escalation, narrow: InboxFilter, now: dt.datetime) -> bool:
    checks = (
        not narrow.states or escalation.state in narrow.states,
        not narrow.overdue or escalation.overdue(now),
        not narrow.villages or escalation.case_unit in narrow.villages,
        not narrow.dispute_types or escalation.dispute_type in narrow.dispute_types,
        not narrow.priorities or escalation.priority in narrow.priorities,
    )
    return all(checks)


def _urgency_first(escalation: Escalation, now: dt.datetime) -> tuple[Any, ...]:
    # What needs a decision first: waiting ones by their accept deadline, then those in
    # hand by their close deadline; finished ones last, newest first.
    if escalation.state in WAITING:
        return (0, escalation.accept_by)
    if escalation.state in IN_HAND:
        return (1, dt.datetime.combine(escalation.close_by, dt.time(), dt.UTC))
    return (2, -escalation.raised_at.timestamp())


def inbox(
    session: Session, unit_code: str, now: dt.datetime, narrow: InboxFilter | None = None
) -> list[Escalation]:
    """The desk of ``unit_code``: escalations sent to it, what needs a decision first."""
    narrow = narrow or InboxFilter()
    sent_here = [e for e in escalations(session) if e.to_unit == unit_code]
    passing = [e for e in sent_here if _passes(e, narrow, now)]
    return sorted(passing, key=lambda e: _urgency_first(e, now))


def sent_from(session: Session, unit_code: str, now: dt.datetime) -> list[Escalation]:
    """What ``unit_code`` escalated, what still waits for an answer first."""
    sent = [e for e in escalations(session) if e.from_unit == unit_code]
    return sorted(sent, key=lambda e: _urgency_first(e, now))


def unit_name(session: Session, code: str) -> str:
    """An org unit's name (its code when unknown here)."""
    unit = session.get(OrgUnit, code)
    return unit.name if unit else code


# --- acting --------------------------------------------------------------------------------


def _device_unit(session: Session) -> OrgUnit:
    device = session.scalars(select(Device)).one_or_none()
    unit = session.get(OrgUnit, device.org_unit_code) if device else None
    if unit is None:
        raise EscalationRefused("not_set_up", "this laptop is not set up")
    return unit


def device_role(session: Session) -> Role:
    """The role of this laptop (a village's before set-up)."""
    device = session.scalars(select(Device)).one_or_none()
    unit = session.get(OrgUnit, device.org_unit_code) if device else None
    return role_of_level(unit.level if unit else None)


def _village_of(session: Session, unit: OrgUnit) -> OrgUnit:
    # A grid escalates as its village.
    while unit.level == "grid" and unit.parent_code:
        parent = session.get(OrgUnit, unit.parent_code)
        if parent is None:
            break
        unit = parent
    return unit


def _text(value: str, name: str, *, required: bool = True) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise EscalationRefused(f"{name}_missing", f"the {name} is required")
    if len(cleaned) > MAX_TEXT:
        raise EscalationRefused(f"{name}_too_long", f"the {name} is longer than {MAX_TEXT}")
    return cleaned


def _record(session: Session, case_id: str, kind: EventType, payload: dict[str, Any],
            at: dt.datetime) -> None:  # fmt: skip
    events.append(session, case_id=case_id, type=kind, payload=payload, at=at)


def _close_by(case: Case, lists: Checklists | None, raised: dt.datetime) -> dt.date:
    # The item's deadline, counted afresh from the escalation: the higher level gets the
    # whole of it (the case's own due date when the catalogue does not know the type).
    item = lists.items.find(case.dispute_type) if lists else None
    if item is None:
        return case.due_on or raised.astimezone().date()
    # Counted in local calendar days, as the case's own steps are (services.lay_out_steps).
    return raised.astimezone().date() + dt.timedelta(days=item.deadline_days)


def escalate(
    session: Session,
    case_id: str,
    *,
    reason: str,
    urgency: Urgency,
    tried: str,
    checklists: Checklists | None,
    at: dt.datetime | None = None,
) -> str:
    """上报: a village sends a case to its town (the case becomes escalated), or a town
    sends one it accepted on to the district. Returns the escalation's id."""
    case = session.get(Case, case_id)
    if case is None:
        raise UnknownCase(case_id)
    unit = _village_of(session, _device_unit(session))
    now = at or dt.datetime.now(dt.UTC)
    role = role_of_level(unit.level)
    parent: Escalation | None = None
    if role is Role.VILLAGE:
        if CaseStatus(case.status) not in OPEN_STATUSES:
            raise EscalationRefused("not_open", f"a case that is {case.status} cannot be escalated")
    elif role is Role.TOWN:
        parent = _in_hand_here(session, case_id, unit.code)
    else:
        raise EscalationRefused("top_level", "the district is the last level")
    if unit.parent_code is None:
        raise EscalationRefused("no_higher_level", f"{unit.code} has no higher level")
    urgency, reason = Urgency(urgency), _text(reason, "reason")
    payload = {
        "escalation_id": str(uuid.uuid4()), "from_unit": unit.code, "to_unit": unit.parent_code,
        "level": "district" if role is Role.TOWN else "town", "urgency": urgency.value,
        "reason": reason, "tried": _text(tried, "tried", required=False),
        "accept_by": (now + ACCEPT_WITHIN[urgency]).isoformat(),
        "close_by": _close_by(case, checklists, now).isoformat(),
        "parent_id": parent.id if parent else None,
    }  # fmt: skip
    if role is Role.VILLAGE:
        services.change_status(session, case_id, CaseStatus.ESCALATED, note=reason,
                               at=now, checklists=checklists)  # fmt: skip
    _record(session, case_id, EventType.ESCALATION_RAISED, payload, now)
    return str(payload["escalation_id"])


def _in_hand_here(session: Session, case_id: str, unit_code: str) -> Escalation:
    for escalation in of_case(session, case_id):
        if escalation.to_unit == unit_code and escalation.state in IN_HAND:
            return escalation
    raise EscalationRefused("not_in_hand", "accept the case before sending it on")


def _at_my_desk(session: Session, escalation_id: str) -> tuple[Escalation, OrgUnit]:
    escalation = find(session, escalation_id)
    unit = _device_unit(session)
    if escalation.to_unit != unit.code:
        raise EscalationRefused("not_addressed_here", f"sent to {escalation.to_unit}, not here")
    return escalation, unit


def acknowledge_received(session: Session, at: dt.datetime | None = None) -> int:
    """The desk's delivery receipts: a receipt for every escalation sent to this device's
    unit that none is held for yet. Run after a pull; returns how many were written."""
    unit = _device_unit(session)
    if role_of_level(unit.level) is Role.VILLAGE:
        return 0
    now = at or dt.datetime.now(dt.UTC)
    waiting = [e for e in escalations(session) if e.to_unit == unit.code and e.state is State.SENT]
    for escalation in waiting:
        payload = {"escalation_id": escalation.id, "unit": unit.code}
        _record(session, escalation.case_id, EventType.ESCALATION_RECEIVED, payload, now)
    return len(waiting)


def accept(session: Session, escalation_id: str, at: dt.datetime | None = None) -> str:
    """接单: the desk takes the case on. Returns the case id."""
    escalation, unit = _at_my_desk(session, escalation_id)
    if escalation.state not in WAITING:
        raise EscalationRefused("not_waiting", f"the escalation is {escalation.state.value}")
    now = at or dt.datetime.now(dt.UTC)
    if escalation.received_at is None:  # accepted before the receipt was written
        payload = {"escalation_id": escalation.id, "unit": unit.code}
        _record(session, escalation.case_id, EventType.ESCALATION_RECEIVED, payload, now)
    payload = {"escalation_id": escalation.id, "unit": unit.code}
    _record(session, escalation.case_id, EventType.ESCALATION_ACCEPTED, payload, now)
    return escalation.case_id


def _in_hand(session: Session, escalation_id: str) -> tuple[Escalation, OrgUnit]:
    escalation, unit = _at_my_desk(session, escalation_id)
    if escalation.state not in IN_HAND:
        raise EscalationRefused("not_in_hand", f"the escalation is {escalation.state.value}")
    return escalation, unit


def dispatch(
    session: Session,
    escalation_id: str,
    *,
    assignee_kind: AssigneeKind,
    assignee_id: str,
    assignee_name: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> str:
    """派单: hand the case to a department, a mediator or a mediator team."""
    escalation, unit = _in_hand(session, escalation_id)
    payload = {
        "escalation_id": escalation.id, "unit": unit.code,
        "assignee_kind": AssigneeKind(assignee_kind).value, "assignee_id": assignee_id,
        "assignee_name": _text(assignee_name, "assignee"),
        "note": _text(note, "note", required=False),
    }  # fmt: skip
    now = at or dt.datetime.now(dt.UTC)
    _record(session, escalation.case_id, EventType.ESCALATION_DISPATCHED, payload, now)
    return escalation.case_id


def note(
    session: Session,
    escalation_id: str,
    *,
    text: str,
    kind: NoteKind = NoteKind.NOTE,
    present: Sequence[str] = (),
    at: dt.datetime | None = None,
) -> str:
    """A handling note, or a joint consultation 联合会诊 with who was present."""
    escalation, unit = _in_hand(session, escalation_id)
    people = [p.strip() for p in present if p.strip()]
    if NoteKind(kind) is NoteKind.CONSULTATION and not people:
        raise EscalationRefused("present_missing", "a consultation names who was present")
    payload = {"escalation_id": escalation.id, "unit": unit.code, "kind": NoteKind(kind).value,
               "text": _text(text, "text"), "present": people}  # fmt: skip
    now = at or dt.datetime.now(dt.UTC)
    _record(session, escalation.case_id, EventType.ESCALATION_NOTED, payload, now)
    return escalation.case_id


def close(
    session: Session,
    escalation_id: str,
    *,
    outcome: Outcome,
    summary: str,
    checklists: Checklists | None,
    at: dt.datetime | None = None,
) -> str:
    """结单: the case leaves the desk with its outcome; the case's status follows."""
    escalation, unit = _in_hand(session, escalation_id)
    outcome = Outcome(outcome)
    now = at or dt.datetime.now(dt.UTC)
    payload = {"escalation_id": escalation.id, "unit": unit.code, "outcome": outcome.value,
               "summary": _text(summary, "summary")}  # fmt: skip
    services.change_status(session, escalation.case_id, CaseStatus(outcome.value),
                           note=payload["summary"], at=now, checklists=checklists)  # fmt: skip
    if checklists is not None:  # the village then carries on from the outcome (履行, 回访)
        steps = handling.steps_of(session, escalation.case_id)
        handling.enter_outcome(steps, outcome.value, payload["summary"], checklists, now)
    _record(session, escalation.case_id, EventType.ESCALATION_CLOSED, payload, now)
    return escalation.case_id


def return_down(
    session: Session,
    escalation_id: str,
    *,
    instructions: str,
    checklists: Checklists | None,
    at: dt.datetime | None = None,
) -> str:
    """退回: the case goes back to the level that sent it, with instructions. From the
    town it goes back to the village (the case becomes returned); from the district,
    back to the town that forwarded it."""
    escalation, unit = _at_my_desk(session, escalation_id)
    if escalation.state in FINISHED:
        raise EscalationRefused("finished", f"the escalation is {escalation.state.value}")
    now = at or dt.datetime.now(dt.UTC)
    payload = {"escalation_id": escalation.id, "unit": unit.code,
               "instructions": _text(instructions, "instructions")}  # fmt: skip
    if escalation.parent_id is None:
        services.change_status(session, escalation.case_id, CaseStatus.RETURNED,
                               note=payload["instructions"], at=now,
                               checklists=checklists)  # fmt: skip
    _record(session, escalation.case_id, EventType.ESCALATION_RETURNED, payload, now)
    return escalation.case_id
