"""Replay: storing events pulled from other replicas, and recomputing current state from
the event log.

Events are never in conflict: they are unioned (DESIGN.md §4). A case's current-state
rows are a fold of its events in clock order (hlc, device id, device sequence) by the
rules the services follow when they write them, so every replica holding the same events
holds the same rows, and a replica's own rows are what replaying its events gives. A
mutable field goes to its last writer; the losing value stays in the log. Two status
changes that cannot both stand keep one (the town's outcome of an escalated case first,
then the earlier by clock) and become a CaseConflict that a person settles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import logging
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence, Set
from typing import Any, Protocol, TypeVar

from sqlalchemy import Dialect, Table, inspect, select
from sqlalchemy.orm import Session

from casework import events, handling, intake, services
from casework.checklists import Checklists
from casework.events import SCHEMA_VERSION, EventType
from casework.intake import Answer
from casework.models import (
    Attachment,
    Base,
    Case,
    CaseConflict,
    CaseEvent,
    IntakeAnswer,
    Party,
    ProcessStep,
    Pulled,
    SearchText,
    Visit,
    Worker,
)
from casework.services import UnknownCase
from casework.status import CaseStatus, IllegalTransition, check_transition

log = logging.getLogger("outpost.replay")

# The checklists of a case's (items, intake, process) versions, each falling back to the
# current one: ``functools.partial(Archive.lists_for, current)``.
ListsFor = Callable[[str | None, str | None, str | None], Checklists]

_ROW = TypeVar("_ROW", bound=Base)


class Logged(Protocol):
    """An event as a store holds it: a case_events row, read as a Core row (a row has
    the columns as attributes) or as a CaseEvent."""

    @property
    def id(self) -> str: ...
    @property
    def case_id(self) -> str | None: ...
    @property
    def device_id(self) -> str: ...
    @property
    def device_seq(self) -> int: ...
    @property
    def hlc(self) -> str: ...
    @property
    def author_id(self) -> str: ...
    @property
    def author_name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def recorded_at(self) -> dt.datetime: ...
    @property
    def prev_hash(self) -> str | None: ...


class Received(Logged, Protocol):
    """An event as pulled from the server (``sync.protocol.PulledEvent`` is one)."""

    @property
    def server_seq(self) -> int: ...


class _Taken(enum.StrEnum):
    """What became of one pulled event."""

    APPLIED = "applied"  # new here, stored
    DUPLICATE = "duplicate"  # held already, same content
    CONFLICT = "conflict"  # held with other content (or its device slot is): ours kept
    WAITING = "waiting"  # its case is not held here yet: not stored, not counted as pulled


@dataclasses.dataclass
class ApplyReport:
    """What applying a pulled page did."""

    applied: int = 0
    duplicates: int = 0
    conflicts: list[str] = dataclasses.field(default_factory=list)  # event ids, ours kept
    # Events of a case whose case.recorded is not held yet; the scope checksum then
    # differs from the server's, and the re-pull brings them in the server's order.
    waiting: list[str] = dataclasses.field(default_factory=list)
    cases: list[str] = dataclasses.field(default_factory=list)  # recomputed
    visits: list[str] = dataclasses.field(default_factory=list)  # standalone, recomputed
    case_conflicts: int = 0  # CaseConflict rows newly found


_ORDER = (CaseEvent.hlc, CaseEvent.device_id, CaseEvent.device_seq)
# An event's columns, read as Core rows: a page's worth of ORM objects costs more than
# the SQL that reads them.
_COLUMNS = (
    CaseEvent.id, CaseEvent.case_id, CaseEvent.device_id, CaseEvent.device_seq, CaseEvent.hlc,
    CaseEvent.author_id, CaseEvent.author_name, CaseEvent.type, CaseEvent.payload,
    CaseEvent.schema_version, CaseEvent.recorded_at, CaseEvent.prev_hash,
)  # fmt: skip


def _clock(event: Logged) -> tuple[str, str, int]:
    return event.hlc, event.device_id, event.device_seq


def _utc(moment: dt.datetime) -> dt.datetime:
    # A peer that sends a naive time means UTC (the wire's times are UTC).
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _content(event: Logged) -> tuple[Any, ...]:
    return (
        event.case_id, event.device_id, event.device_seq, event.hlc, event.author_id,
        event.author_name, event.type, event.payload, event.schema_version,
        _utc(event.recorded_at),
    )  # fmt: skip


@functools.cache
def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


_Bind = Callable[[Any], Any] | None


@functools.cache
def _insert_plan(model: type[Base], dialect: Dialect) -> tuple[str, tuple[tuple[str, _Bind], ...]]:
    table = _table(model)
    columns = tuple(table.columns)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    return sql, tuple((c.key, c.type.bind_processor(dialect)) for c in columns)


def _insert(
    session: Session, model: type[Base], rows: Sequence[dict[str, Any]], *, keep_held: bool = False
) -> None:
    # New rows in one executemany of the driver, each value through its column type's own
    # bind processor (JSON, UTC times, dates), as SQLAlchemy would send it: a page holds
    # tens of thousands of rows, and Core's per-row parameter building cost more than the
    # SQL. Every column is given (a missing one is NULL: an id SQLite numbers itself).
    # ``keep_held``: a row whose key is held already stays as it is.
    if not rows:
        return
    connection = session.connection()
    sql, plan = _insert_plan(model, connection.dialect)
    if keep_held:
        sql += " ON CONFLICT DO NOTHING"
    values = [
        tuple(bind(row.get(key)) if bind else row.get(key) for key, bind in plan) for row in rows
    ]
    connection.exec_driver_sql(sql, values)


@dataclasses.dataclass(frozen=True)
class _Author:
    """A worker of another laptop, known here by the name its events carry: rows name
    their author by a foreign key."""

    id: str
    name: str
    org_unit_code: str
    created_at: dt.datetime

    def values(self) -> dict[str, Any]:
        """The row of workers."""
        # "remote": known by name only, not an account that can log in here.
        return {"id": self.id, "name": self.name, "org_unit_code": self.org_unit_code,
                "created_at": self.created_at, "origin": "remote", "disabled": False,
                "password_pending": False}  # fmt: skip


def _author(event: Logged, org_unit_code: str) -> _Author:
    return _Author(event.author_id, event.author_name, org_unit_code, _utc(event.recorded_at))


def _ensure_workers(session: Session, authors: Iterable[_Author]) -> None:
    # The first seen of each id, as it was seen, unless it is known here already.
    wanted: dict[str, _Author] = {}
    for author in authors:
        wanted.setdefault(author.id, author)
    known = set(session.scalars(select(Worker.id).where(Worker.id.in_(wanted))))
    _insert(session, Worker, [a.values() for i, a in wanted.items() if i not in known])


# --- applying a pulled page ---------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Stored:
    """A pulled event as this store keeps it (its time in UTC): folded together with what
    the store held before the page, then written."""

    id: str
    case_id: str | None
    device_id: str
    device_seq: int
    hlc: str
    author_id: str
    author_name: str
    type: str
    payload: dict[str, Any]
    schema_version: int
    recorded_at: dt.datetime
    prev_hash: str | None  # its link in its device's chain, kept as the server holds it

    @classmethod
    def of(cls, received: Received) -> _Stored:
        """The event as received."""
        return cls(
            received.id, received.case_id, received.device_id, received.device_seq,
            received.hlc, received.author_id, received.author_name, received.type,
            received.payload, received.schema_version,
            _utc(received.recorded_at).astimezone(dt.UTC), received.prev_hash,
        )  # fmt: skip

    def values(self) -> dict[str, Any]:
        """The row of case_events."""
        return {
            "id": self.id, "case_id": self.case_id, "device_id": self.device_id,
            "device_seq": self.device_seq, "hlc": self.hlc, "author_id": self.author_id,
            "author_name": self.author_name, "type": self.type, "payload": self.payload,
            "schema_version": self.schema_version, "recorded_at": self.recorded_at,
            "prev_hash": self.prev_hash,
        }  # fmt: skip


@dataclasses.dataclass
class _Held:
    """What this store holds of the page's events, kept up to date while applying, and
    what the page adds, written together once its cases are folded (workers, then cases,
    then events, for their foreign keys)."""

    by_id: dict[str, Logged]
    slots: dict[tuple[str, int], str]  # (device, seq) -> event id
    cases: set[str]
    authors: list[_Author] = dataclasses.field(default_factory=list)  # of new cases
    new_cases: set[str] = dataclasses.field(default_factory=set)
    new_events: list[_Stored] = dataclasses.field(default_factory=list)

    def logs(self, session: Session, case_ids: Sequence[str]) -> dict[str, list[Logged]]:
        """The cases' logs as they stand once the page is in: read before it is written
        (a fresh laptop reads next to nothing), the page's events added in clock order."""
        found = _logs(session, case_ids)
        for event in self.new_events:
            if event.case_id is not None:
                found[event.case_id].append(event)
        return {case_id: sorted(log_, key=_clock) for case_id, log_ in found.items()}

    def write(self, session: Session, folds: Sequence[_Fold]) -> None:
        """Add what the page brought as Core executemany: a case first seen here as its
        events fold it, so that it is written once."""
        session.flush()  # the caller's own pending rows first, as the ORM would order them
        _ensure_workers(session, self.authors)
        new = [_values(f.case, Case) for f in folds if f.case.id in self.new_cases]
        _insert(session, Case, new)
        _insert(session, CaseEvent, [e.values() for e in self.new_events])


def _held(session: Session, page: Sequence[Received]) -> _Held:
    ids = [e.id for e in page]
    found = session.execute(select(*_COLUMNS).where(CaseEvent.id.in_(ids)))
    seqs = session.execute(
        select(CaseEvent.device_id, CaseEvent.device_seq, CaseEvent.id).where(
            CaseEvent.device_id.in_({e.device_id for e in page}),
            CaseEvent.device_seq.in_({e.device_seq for e in page}),
        )
    )
    case_ids = {e.case_id for e in page if e.case_id}
    cases = session.scalars(select(Case.id).where(Case.id.in_(case_ids)))
    return _Held({e.id: e for e in found}, {(d, s): i for d, s, i in seqs}, set(cases))


def _take(received: Received, held: _Held) -> _Taken:
    found = held.by_id.get(received.id)
    if found is not None:
        return _Taken.DUPLICATE if _content(found) == _content(received) else _Taken.CONFLICT
    slot = (received.device_id, received.device_seq)
    if held.slots.get(slot, received.id) != received.id:
        return _Taken.CONFLICT  # another event in that device's place: ours stays
    if received.case_id is not None and received.case_id not in held.cases:
        if received.type != EventType.CASE_RECORDED:
            return _Taken.WAITING
        # A case first seen here: its events fold it before they are written (its row
        # first, for their foreign key).
        try:
            case = _case_values(received)
        except (KeyError, TypeError, ValueError) as error:
            # Unreadable here: the case and its events wait (and the scope checksum
            # says so) rather than the whole page failing.
            log.warning("case.recorded %s unreadable: %r", received.id, error)
            return _Taken.WAITING
        held.authors.append(_author(received, case["org_unit_code"]))
        held.new_cases.add(received.case_id)
        held.cases.add(received.case_id)
    held.new_events.append(_Stored.of(received))
    held.by_id[received.id], held.slots[slot] = received, received.id
    return _Taken.APPLIED


def _arrival(received: Received) -> tuple[bool, str, str, int]:
    # Cases first, so that a page holding a case and its events applies whatever its order.
    is_case = received.type == EventType.CASE_RECORDED
    return not is_case, received.hlc, received.device_id, received.device_seq


def _mark_pulled(session: Session, taken: Mapping[int, str]) -> None:
    # A number already recorded stays as it is: a page applied twice adds nothing.
    if taken:
        rows = [{"server_seq": seq, "event_id": event_id} for seq, event_id in taken.items()]
        _insert(session, Pulled, rows, keep_held=True)


def lists_of_store(session: Session) -> ListsFor:
    """The checklists of the data folder the session's store lives in, loaded as the
    casebook loads them from the shipped files (their last good copies and kept versions
    beside the store). A casebook's own: ``Casebook.checklist_versions()``."""
    import functools
    from pathlib import Path

    import resources
    from casework import checklists

    folder = Path(str(session.connection().engine.url.database)).parent
    current = checklists.load(resources.checklists_dir(), folder / "checklists-last-good")
    archive = checklists.Archive(folder / checklists.VERSIONS_DIR)
    return functools.partial(archive.lists_for, current)


def apply_pulled(
    session: Session,
    page: Sequence[Received],
    *,
    now: dt.datetime,
    lists_for: ListsFor | None = None,
) -> ApplyReport:
    """Store a page of pulled events in the caller's transaction and recompute what they
    touch; applying the same page again changes nothing.

    A new event is stored as it was made (no outbox row: it is not this laptop's to send);
    one held already is a duplicate, or a conflict when its content differs (ours is
    kept). Every server number received is recorded in ``pulled``; this device's clock
    moves past every stamp received. ``now`` dates the conflicts found; ``lists_for``
    gives the checklists cases run on (default: ``lists_of_store``).
    """
    report = ApplyReport()
    held = _held(session, page)
    pulled: dict[int, str] = {}
    cases: set[str] = set()
    visits: set[str] = set()
    for received in sorted(page, key=_arrival):
        taken = _take(received, held)
        if taken is _Taken.WAITING:
            report.waiting.append(received.id)
            continue
        pulled[received.server_seq] = received.id
        if taken is _Taken.DUPLICATE:
            report.duplicates += 1
        elif taken is _Taken.CONFLICT:
            report.conflicts.append(received.id)
        else:
            report.applied += 1
            if received.case_id is not None:
                cases.add(received.case_id)
            elif received.type == EventType.VISIT_LOGGED:
                visits.add(str(received.payload.get("id")))
    report.cases, report.visits = sorted(cases), sorted(visits)
    folds = []
    if cases:  # folded before the page is written: what the store held, and the page
        lists = lists_for or lists_of_store(session)
        folds = [_fold(c, log_, lists) for c, log_ in held.logs(session, report.cases).items()]
    held.write(session, folds)
    _mark_pulled(session, pulled)
    events.observe(session, (e.hlc for e in page))
    for visit_id in report.visits:  # before the cases' rows, so a link finds its visit
        rebuild_visit(session, visit_id)
    if folds:
        report.case_conflicts = _write_folds(session, folds, now, written=held.new_cases)
    return report


# --- folding a case's events ----------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _case_values(event: Logged) -> dict[str, Any]:
    """The case as recorded (services._snapshot read back), as the values of its row."""
    snap, at = event.payload, _utc(event.recorded_at)
    return {
        "id": event.case_id, "number": snap["number"], "org_unit_code": snap["org_unit_code"],
        "dispute_type": snap["dispute_type"], "facts": snap["facts"], "claims": snap["claims"],
        "priority": snap["priority"], "level": snap["level"], "status": snap["status"],
        "created_by": event.author_id, "created_at": at, "updated_at": at,
        "items_version": snap.get("items_version"), "intake_version": snap.get("intake_version"),
        "process_version": snap.get("process_version"), "due_on": _date(snap.get("due_on")),
        "proposed_level": snap.get("proposed_level"), "accepted_at": None,
    }  # fmt: skip


def _case_of(event: Logged) -> Case:
    """The case as recorded, not added to any session."""
    return Case(**_case_values(event))


def _parties_of(event: Logged) -> list[Party]:
    return [
        Party(id=p["id"], case_id=event.case_id, position=position, role=p["role"],
              name=p["name"], id_number=p["id_number"], phone=p["phone"], address=p["address"])
        for position, p in enumerate(event.payload["parties"])
    ]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class _Answer:
    """An intake answer as the fold leaves it: an intake_answers row's values (a case
    has many; a plain row costs a fraction of an ORM object)."""

    case_id: str
    question: str
    value: str
    note: str
    answered_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class _Conflict:
    kept_value: str
    other_value: str


@dataclasses.dataclass
class _Fold:
    """A case's current state being recomputed: rows not added to any session."""

    case: Case
    parties: list[Party]
    lists_for: ListsFor
    status_by: Logged  # the event that set the status the case has now
    authors: dict[str, str] = dataclasses.field(default_factory=dict)  # worker id -> name
    answers: dict[str, _Answer] = dataclasses.field(default_factory=dict)
    steps: dict[str, services.LaidOutStep] = dataclasses.field(default_factory=dict)
    attachments: dict[str, Attachment] = dataclasses.field(default_factory=dict)  # by sha256
    logged: dict[str, Logged] = dataclasses.field(default_factory=dict)  # visits on it
    links: dict[str, Logged] = dataclasses.field(default_factory=dict)  # first link each
    conflicts: dict[tuple[str, str], _Conflict] = dataclasses.field(default_factory=dict)
    settled: dict[tuple[str, str], Logged] = dataclasses.field(default_factory=dict)
    forcing_due: bool = False  # answers came in since the forcing rules last ran
    finished: set[str] = dataclasses.field(default_factory=set)  # escalations closed/returned

    def lists(self, intake_version: str | None = None) -> Checklists:
        """The checklists the case runs on (the given intake version before it has any)."""
        case = self.case
        return self.lists_for(
            case.items_version, case.intake_version or intake_version, case.process_version
        )

    def lay_out(self) -> None:
        """The process steps, as recording or taking in the case lays them out."""
        try:
            rows = services.lay_out_steps(self.case, self.lists())
        except KeyError:  # a dispute type unknown to the checklists here
            log.warning("case %s: type %s not in the items here", self.case.id,
                        self.case.dispute_type)  # fmt: skip
            return
        self.steps = {row.step: row for row in rows}


def _start(recorded: Logged, lists_for: ListsFor) -> _Fold:
    fold = _Fold(_case_of(recorded), _parties_of(recorded), lists_for, recorded)
    if fold.case.process_version is not None:  # recorded with its checklists
        fold.lay_out()
    return fold


def _on_answer(fold: _Fold, event: Logged) -> None:
    payload = event.payload
    if fold.case.intake_version is None:  # recorded before the checklists: taken in now
        lists = fold.lists(payload.get("checklist_version"))
        services.stamp_checklists(fold.case, lists)
        fold.lay_out()
    code = payload["question"]
    fold.answers[code] = _Answer(fold.case.id, code, payload["value"], payload["note"],
                                 event.recorded_at)  # fmt: skip
    fold.forcing_due = True  # run once after a run of answers (_fold), not after each


def _force(fold: _Fold) -> None:
    # The forcing rules follow the answers as they stand, as answering does: two laptops
    # answering at once leave the case as its merged answers say (a risk answered high on
    # one and then low on the other is not urgent any more).
    lists = fold.lists()
    answers = {c: Answer(a.value, a.note) for c, a in fold.answers.items()}
    item = lists.items.find(fold.case.dispute_type)
    outcome = intake.evaluate(lists.intake, item, handling.known_answers(lists, answers))
    fold.case.priority, fold.case.proposed_level = handling.forced(fold.case, outcome, lists)


def _on_evaluation(fold: _Fold, event: Logged) -> None:
    # What the forcing rules made of the case where it was answered (the same as _force
    # unless that laptop ran other checklists): the last writer wins.
    for name in ("priority", "proposed_level"):
        if name in event.payload:
            setattr(fold.case, name, event.payload[name]["to"])


def _on_step(fold: _Fold, event: Logged) -> None:
    # Entries are unioned: a step recorded on two laptops holds both, in clock order.
    code = event.payload["step"]
    if code not in fold.steps:  # a step of a checklist not kept here: in the log only
        return
    fields = dict(event.payload["fields"])
    handling.enter_step(fold.steps, code, fields, fold.lists(), event.recorded_at)


def _on_outcome_above(fold: _Fold, event: Logged) -> None:
    # The town's or district's outcome (结单) is the case's outcome step, as closing
    # entered it: the village carries on from there.
    # Only the first act that finishes an escalation counts (casework.escalation's fold
    # ignores a second close, or a close after a return): so does the outcome step.
    payload = event.payload
    escalation_id = str(payload["escalation_id"])
    if escalation_id in fold.finished:
        return
    fold.finished.add(escalation_id)
    if fold.steps:
        handling.enter_outcome(fold.steps, payload["outcome"], payload["summary"], fold.lists(),
                               event.recorded_at)  # fmt: skip


def _on_returned(fold: _Fold, event: Logged) -> None:
    fold.finished.add(str(event.payload["escalation_id"]))


def _on_attachment(fold: _Fold, event: Logged) -> None:
    # A file attached on two laptops at once is the case's once: the first by clock.
    payload = event.payload
    fold.attachments.setdefault(payload["sha256"], Attachment(
        id=payload["id"], case_id=fold.case.id, sha256=payload["sha256"],
        file_name=payload["file_name"], media_type=payload["media_type"],
        size=payload["size"], added_by=event.author_id, added_at=event.recorded_at,
    ))  # fmt: skip


def _on_visit(fold: _Fold, event: Logged) -> None:
    fold.logged[event.payload["id"]] = event


def _on_link(fold: _Fold, event: Logged) -> None:
    fold.links.setdefault(event.payload["visit_id"], event)


def _on_settled(fold: _Fold, event: Logged) -> None:
    # A person's decision on a conflict travels as an event, so every replica shows it
    # settled; the first decision by clock stands.
    key = (str(event.payload["kept_event_id"]), str(event.payload["other_event_id"]))
    fold.settled.setdefault(key, event)


# --- status: the one field whose concurrent changes may not merge ---------------------------


def _owns_outcome(event: Logged) -> bool:
    # Only a town or district device may move a case out of ESCALATED (the services
    # refuse a village), so such a move carries the owner's authority.
    moves = event.type == EventType.STATUS_CHANGED
    return moves and event.payload["from"] == CaseStatus.ESCALATED.value


def _still_legal(current: CaseStatus, target: CaseStatus, came_from: CaseStatus) -> bool:
    # The higher level's moves are legal only from an event that saw the escalation.
    try:
        check_transition(current, target, by_village=came_from is not CaseStatus.ESCALATED)
    except IllegalTransition:
        return False
    return True


def _move(fold: _Fold, event: Logged, target: CaseStatus) -> None:
    services.move(fold.case, target, event.recorded_at)
    fold.status_by = event


def _conflict(fold: _Fold, kept: Logged, kept_value: str, other: Logged, value: str) -> None:
    fold.conflicts[(kept.id, other.id)] = _Conflict(kept_value, value)


def _on_status(fold: _Fold, event: Logged) -> None:
    current = CaseStatus(fold.case.status)
    target = CaseStatus(event.payload["to"])
    came_from = CaseStatus(event.payload["from"])
    if came_from is current:  # made knowing the status it changes
        _move(fold, event, target)
    elif target is current:  # the same decision made twice
        return
    elif _still_legal(current, target, came_from):  # concurrent, and both can stand
        _move(fold, event, target)
    elif _owns_outcome(event) and not _owns_outcome(fold.status_by):
        _conflict(fold, event, target.value, fold.status_by, current.value)
        _move(fold, event, target)
    else:  # the earlier by clock stands (the fold runs in clock order)
        _conflict(fold, fold.status_by, current.value, event, target.value)


_HANDLERS: dict[str, Callable[[_Fold, Logged], None]] = {
    EventType.INTAKE_ANSWERED: _on_answer,
    EventType.INTAKE_EVALUATED: _on_evaluation,
    EventType.STATUS_CHANGED: _on_status,
    EventType.STEP_COMPLETED: _on_step,
    EventType.ATTACHMENT_ADDED: _on_attachment,
    EventType.VISIT_LOGGED: _on_visit,
    EventType.VISIT_LINKED: _on_link,
    EventType.CONFLICT_SETTLED: _on_settled,
    EventType.ESCALATION_CLOSED: _on_outcome_above,
    EventType.ESCALATION_RETURNED: _on_returned,
}


def _fold(case_id: str, log_: Sequence[Logged], lists_for: ListsFor) -> _Fold:
    recorded = next((e for e in log_ if e.type == EventType.CASE_RECORDED), None)
    if recorded is None:
        raise UnknownCase(case_id)
    fold = _start(recorded, lists_for)
    for event in log_:
        fold.authors.setdefault(event.author_id, event.author_name)
        if fold.forcing_due and event.type != EventType.INTAKE_ANSWERED:
            _run_forcing(fold)  # where the answers ended: before anything reads them
        handler = _HANDLERS.get(event.type)
        # A kind or schema this version does not know stays in the log, unread.
        if handler is None or event.schema_version > SCHEMA_VERSION:
            continue
        try:
            handler(fold, event)
        except (KeyError, TypeError, ValueError) as error:  # same on every replica
            log.warning("event %s (%s) not applied: %r", event.id, event.type, error)
    if fold.forcing_due:
        _run_forcing(fold)
    return fold


def _run_forcing(fold: _Fold) -> None:
    fold.forcing_due = False
    try:
        _force(fold)
    except (KeyError, TypeError, ValueError) as error:  # same on every replica
        log.warning("case %s: forcing rules not applied: %r", fold.case.id, error)


# --- writing the folds ----------------------------------------------------------------------
#
# The cases of a page are written together: one query per table for all of them, a row
# that already holds its result is not written at all, and new rows go in as Core
# executemany (a fresh laptop's first pull makes thousands).


def _workers_of(fold: _Fold) -> Iterator[_Author]:
    unit, at = fold.case.org_unit_code, fold.case.created_at
    for worker_id in {fold.case.created_by, *(a.added_by for a in fold.attachments.values())}:
        yield _Author(worker_id, fold.authors[worker_id], unit, at)
    for logged in fold.logged.values():
        yield _author(logged, logged.payload["org_unit_code"])


@functools.cache
def _keys(model: type[Base]) -> tuple[str, ...]:
    return tuple(a.key for a in inspect(model).column_attrs)


def _values(row: object, model: type[Base]) -> dict[str, Any]:
    # An ORM object or a plain row with the same attributes: every key given, none generated.
    return {k: getattr(row, k) for k in _keys(model)}


def _copy(values: Mapping[str, Any], target: Base) -> None:
    # Column by column, and only what differs: a rebuild that changes nothing writes nothing.
    for key, value in values.items():
        if getattr(target, key) != value:
            setattr(target, key, value)


def _write_cases(session: Session, folds: Sequence[_Fold]) -> None:
    ids = [f.case.id for f in folds]
    held = {c.id: c for c in _held_rows(session, Case, Case.id, ids)}
    new = []
    for fold in folds:
        have = held.get(fold.case.id)
        if have is None:
            new.append(_values(fold.case, Case))
        else:
            _copy(_values(fold.case, Case), have)
    session.flush()
    _insert(session, Case, new)


# A table of a case's rows: its model, its case column, the rows the folds want (ORM
# objects or plain rows), and what tells one row of a case from another.
_Rows = tuple[type[Base], Any, Sequence[object], Callable[[Any], Hashable]]


def _case_rows(folds: Sequence[_Fold]) -> Sequence[_Rows]:
    return (
        (Party, Party.case_id, [p for f in folds for p in f.parties], lambda r: r.id),
        (IntakeAnswer, IntakeAnswer.case_id, [a for f in folds for a in f.answers.values()],
         lambda r: (r.case_id, r.question)),
        (ProcessStep, ProcessStep.case_id, [s for f in folds for s in f.steps.values()],
         lambda r: (r.case_id, r.step)),
        (Attachment, Attachment.case_id, [a for f in folds for a in f.attachments.values()],
         lambda r: r.id),
    )  # fmt: skip


def _held_rows(session: Session, model: type[_ROW], column: Any, ids: Sequence[str]) -> list[_ROW]:
    return list(session.scalars(select(model).where(column.in_(ids)))) if ids else []


def _write_rows(session: Session, folds: Sequence[_Fold], ids: Sequence[str]) -> None:
    gone: list[Base] = []
    changed: list[tuple[dict[str, Any], Base]] = []
    new: list[tuple[type[Base], list[dict[str, Any]]]] = []
    for model, column, want, key in _case_rows(folds):
        held = {key(row): row for row in _held_rows(session, model, column, ids)}
        wanted = {key(row): row for row in want}
        gone += [row for k, row in held.items() if k not in wanted]
        changed += [(_values(row, model), held[k]) for k, row in wanted.items() if k in held]
        new.append((model, [_values(row, model) for k, row in wanted.items() if k not in held]))
    for row in gone:
        session.delete(row)
    if gone:
        session.flush()  # before the inserts: a unique (case, sha256) may pass to another row
    for values, have in changed:
        _copy(values, have)
    session.flush()
    for model, rows in new:
        _insert(session, model, rows)


def _write_search(session: Session, folds: Sequence[_Fold], ids: Sequence[str]) -> None:
    # As services._index does for one case: the row is updated in place, keeping its id.
    held = {t.case_id: t for t in _held_rows(session, SearchText, SearchText.case_id, ids)}
    new = []
    for fold in folds:
        body, spaced = services.search_text(fold.case, fold.parties)
        row = held.get(fold.case.id)
        if row is None:
            new.append({"case_id": fold.case.id, "body": body, "spaced": spaced})
        elif (row.body, row.spaced) != (body, spaced):
            row.body, row.spaced = body, spaced
    _insert(session, SearchText, new)


def _logged(session: Session, visit_id: str) -> Logged | None:
    """The visit.logged event of a visit logged without a case."""
    return session.execute(
        select(*_COLUMNS)
        .where(
            CaseEvent.case_id.is_(None),
            CaseEvent.type == EventType.VISIT_LOGGED,
            CaseEvent.payload["id"].as_string() == visit_id,
        )
        .order_by(*_ORDER)
        .limit(1)
    ).first()


def _visit_of(logged: Logged, case_id: str | None) -> dict[str, Any]:
    """The visit as logged (visits._snapshot read back), tied to ``case_id``: its row."""
    snap = logged.payload
    return {
        "id": snap["id"], "case_id": case_id, "org_unit_code": snap["org_unit_code"],
        "kind": snap["kind"], "visited_on": _date(snap["visited_on"]), "place": snap["place"],
        "people": snap["people"], "notes": snap["notes"], "outcome": snap["outcome"],
        "next_visit_on": _date(snap["next_visit_on"]), "attitude": snap["attitude"],
        "procedure": snap["procedure"], "effect": snap["effect"], "comment": snap["comment"],
        "recorded_by": logged.author_id, "recorded_at": _utc(logged.recorded_at),
    }  # fmt: skip


def _tie(session: Session, visit_id: str, link: Logged) -> None:
    # A patrol tied to two cases at once belongs to the first tie by clock: compare with
    # the case holding it now, which holds the first tie seen so far.
    held = session.get(Visit, visit_id)
    logged = _logged(session, visit_id)
    if held is None or logged is None:  # its visit.logged is not here yet: see rebuild_visit
        return
    ties = [link]
    if held.case_id not in (None, link.case_id):
        others = select(*_COLUMNS).where(
            CaseEvent.case_id == held.case_id, CaseEvent.type == EventType.VISIT_LINKED
        )
        ties += [e for e in session.execute(others) if e.payload.get("visit_id") == visit_id]
    _copy(_visit_of(logged, min(ties, key=_clock).case_id), held)


def _write_visits(session: Session, folds: Sequence[_Fold]) -> None:
    logged = {v: f.logged[v] for f in folds for v in f.logged}
    held = {v.id: v for v in session.scalars(select(Visit).where(Visit.id.in_(logged)))}
    new = []
    for visit_id, event in logged.items():
        values, have = _visit_of(event, event.case_id), held.get(visit_id)
        if have is None:
            new.append(values)
        else:
            _copy(values, have)
    _insert(session, Visit, new)  # before the ties, which look the visits up
    for fold in folds:
        for visit_id, link in fold.links.items():
            if visit_id not in fold.logged:
                _tie(session, visit_id, link)


def _write_conflicts(
    session: Session, folds: Sequence[_Fold], ids: Sequence[str], now: dt.datetime
) -> int:
    found = {(f.case.id, *pair): c for f in folds for pair, c in f.conflicts.items()}
    settled = {(f.case.id, *pair): e for f in folds for pair, e in f.settled.items()}
    rows = _held_rows(session, CaseConflict, CaseConflict.case_id, ids)
    held = {(c.case_id, c.kept_event_id, c.other_event_id): c for c in rows}
    for key, row in held.items():
        # Found on part of the log, gone now that more of it is here; a settled one is
        # a person's decision and stays.
        if key not in found and row.settled_at is None:
            session.delete(row)
    new = [key for key in found if key not in held]
    for case_id, kept, other in new:
        values = found[(case_id, kept, other)]
        held[(case_id, kept, other)] = row = CaseConflict(
            case_id=case_id, field="status", kept_value=values.kept_value,
            other_value=values.other_value, kept_event_id=kept, other_event_id=other,
            detected_at=now, resolution="",
        )  # fmt: skip
        session.add(row)
    for key, decision in settled.items():
        conflict = held.get(key)
        if conflict is not None and conflict.settled_at is None:
            conflict.settled_at = decision.recorded_at
            conflict.settled_by = decision.author_id
            conflict.resolution = str(decision.payload.get("resolution", ""))
    return len(new)


def _logs(session: Session, case_ids: Sequence[str]) -> dict[str, list[Logged]]:
    found: dict[str, list[Logged]] = {case_id: [] for case_id in case_ids}
    query = select(*_COLUMNS).where(CaseEvent.case_id.in_(case_ids))
    for event in session.execute(query.order_by(CaseEvent.case_id, *_ORDER)):
        found[str(event.case_id)].append(event)
    return found


def rebuild_cases(
    session: Session,
    case_ids: Iterable[str],
    lists_for: ListsFor,
    *,
    now: dt.datetime | None = None,
) -> int:
    """Recompute cases' current-state rows from their events alone, in the caller's
    transaction: each case, its parties, intake answers, process steps, attachments, the
    visits logged on or tied to it, its search text and its status conflicts.

    Rows that already hold the result are not written. ``lists_for`` gives the checklists
    of a case's versions; ``now`` dates the conflicts found now. Returns how many
    conflicts are new; raises UnknownCase for a case whose case.recorded is not held.
    """
    ids = sorted(set(case_ids))
    folds = [_fold(case_id, log_, lists_for) for case_id, log_ in _logs(session, ids).items()]
    return _write_folds(session, folds, now or dt.datetime.now(dt.UTC))


def _write_folds(
    session: Session, folds: Sequence[_Fold], now: dt.datetime, *, written: Set[str] = frozenset()
) -> int:
    """Write the folds' rows; ``written``: cases whose row was just written as folded
    (they hold nothing else yet). Returns how many conflicts are new."""
    _ensure_workers(session, (w for f in folds for w in _workers_of(f)))
    held = [f.case.id for f in folds if f.case.id not in written]
    _write_cases(session, [f for f in folds if f.case.id not in written])
    _write_rows(session, folds, held)
    _write_search(session, folds, held)
    _write_visits(session, folds)
    return _write_conflicts(session, folds, held, now)


def rebuild_case(
    session: Session, case_id: str, lists_for: ListsFor, *, now: dt.datetime | None = None
) -> int:
    """``rebuild_cases`` for one case."""
    return rebuild_cases(session, [case_id], lists_for, now=now)


def rebuild_visit(session: Session, visit_id: str) -> None:
    """Recompute a visit logged without a case from its events: tied to the case of its
    first tie by clock, if any. A visit logged on a case is its case's (rebuild_case)."""
    logged = _logged(session, visit_id)
    if logged is None:
        return
    ties = session.execute(
        select(*_COLUMNS).where(
            CaseEvent.type == EventType.VISIT_LINKED,
            CaseEvent.payload["visit_id"].as_string() == visit_id,
        )
    ).all()
    first = min(ties, key=_clock, default=None)
    _ensure_workers(session, [_author(logged, logged.payload["org_unit_code"])])
    values, have = _visit_of(logged, first.case_id if first else None), session.get(Visit, visit_id)
    if have is None:
        _insert(session, Visit, [values])
    else:
        _copy(values, have)
