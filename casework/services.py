"""What screens ask of the store. Each function works inside the caller's session.

The caller opens one unit of work per user action (``Store.unit_of_work``); these
functions never commit, so a failure anywhere leaves no trace of the action.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework import cipher, events, listing, orgtree, search
from casework.domain import Level, Priority
from casework.drafts import CaseDraft, DraftInvalid, validate
from casework.events import EventType
from casework.hlc import ZERO
from casework.identity import normalise_id_number, normalise_phone
from casework.models import Case, CaseEvent, Device, OrgUnit, Party, ProcessStep, SearchText, Worker
from casework.rows import CaseDetail, EventRow, Identity, PartyRow
from casework.status import INITIAL_STATUS, CaseStatus, allowed_next, check_transition

if TYPE_CHECKING:
    from casework.checklists import Checklists


class UnknownCase(LookupError):
    """No case with that id in this store."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- setup -----------------------------------------------------------------------------


def import_org_tree(session: Session, nodes: list[orgtree.OrgNode]) -> int:
    """Add org units not yet known (parents first, as the file is ordered); returns the count."""
    known = set(session.scalars(select(OrgUnit.code)))
    added = [n for n in nodes if n.code not in known]
    for node in added:
        session.add(
            OrgUnit(code=node.code, name=node.name, level=node.level, parent_code=node.parent_code)
        )
        session.flush()  # a child's foreign key needs its parent row
    return len(added)


def _dbapi(session: Session) -> sqlite3.Connection:
    # The plain-SQL reads of casework.listing, run on this session's own connection.
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, cipher.driver.Connection)
    return cast(sqlite3.Connection, connection)  # the same interface


def identity(session: Session) -> Identity | None:
    """The worker and village this laptop is set up for, or None before first run."""
    session.flush()
    return listing.identity(_dbapi(session))


def set_up_laptop(session: Session, *, worker_name: str, org_unit_code: str) -> Identity:
    """First run: make this laptop's device (once) and its first worker."""
    name = worker_name.strip()
    if not name:
        raise ValueError("the worker's name is required")
    if session.get(OrgUnit, org_unit_code) is None:
        raise ValueError(f"unknown org unit {org_unit_code!r}")
    worker = Worker(id=str(uuid.uuid4()), name=name, org_unit_code=org_unit_code, created_at=_now())
    session.add(worker)
    device = session.scalars(select(Device)).one_or_none()
    if device is None:
        device = Device(
            id=str(uuid.uuid4()), org_unit_code=org_unit_code, last_seq=0,
            last_hlc=ZERO.encode(), created_at=_now(),
        )  # fmt: skip
        session.add(device)
    session.flush()
    device.current_worker_id = worker.id
    result = identity(session)
    assert result is not None
    return result


# --- recording and changing cases --------------------------------------------------------


def device_tag(device_id: str) -> str:
    """Six characters of the device id, in case numbers: two laptops of one village
    number their cases offline without issuing the same number (a clash needs two ids
    alike in 24 random bits)."""
    return device_id.replace("-", "")[:6].upper()


def _next_number(session: Session, who: Identity, now: dt.datetime) -> str:
    # The local year: a case taken at 01:00 on 1 January (UTC+8) belongs to the new year.
    year = now.astimezone().year
    prefix = f"{year}-{who.org_unit_code[-6:]}-{device_tag(who.device_id)}-"
    # The highest number so far, found on the unique index by range (a LIKE would scan
    # the whole table on every save); fixed-width numbers sort as they count.
    last = session.scalar(
        select(func.max(Case.number)).where(Case.number >= prefix, Case.number < prefix + "~")
    )
    running = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    floor = session.scalar(select(Device.number_floor).where(Device.id == who.device_id)) or 0
    return f"{prefix}{max(running, floor):05d}"


def _party(case_id: str, position: int, draft: Any) -> Party:
    return Party(
        id=str(uuid.uuid4()),
        case_id=case_id,
        position=position,
        role=draft.role,
        name=draft.name.strip(),
        id_number=normalise_id_number(draft.id_number),
        phone=normalise_phone(draft.phone) if draft.phone.strip() else "",
        address=draft.address.strip(),
    )


def _snapshot(case: Case) -> dict[str, Any]:
    return {
        "number": case.number,
        "org_unit_code": case.org_unit_code,
        "dispute_type": case.dispute_type,
        "facts": case.facts,
        "claims": case.claims,
        "priority": case.priority,
        "level": case.level,
        "status": case.status,
        "items_version": case.items_version,
        "intake_version": case.intake_version,
        "process_version": case.process_version,
        "due_on": case.due_on.isoformat() if case.due_on else None,
        "proposed_level": case.proposed_level,
        "parties": [
            {k: getattr(p, k) for k in ("id", "role", "name", "id_number", "phone", "address")}
            for p in case.parties
        ],
    }


def search_text(case: Case, parties: Sequence[Party]) -> tuple[str, str]:
    """The (body, spaced) of a case's search_text row, its parties in order."""
    _, body, spaced = search.row(
        case.id, case.facts, case.claims,
        [(p.name, p.id_number, p.phone, p.address) for p in parties],
    )  # fmt: skip
    return body, spaced


def _index(session: Session, case: Case) -> None:
    # The search text follows the case in the same transaction (triggers feed FTS5).
    body, spaced = search_text(case, case.parties)
    found = session.scalars(select(SearchText).where(SearchText.case_id == case.id)).first()
    if found is None:
        session.add(SearchText(case_id=case.id, body=body, spaced=spaced))
    else:
        found.body, found.spaced = body, spaced


@dataclasses.dataclass(slots=True)
class LaidOutStep:
    """A process step as laid out for a case: a process_steps row's values. Plain, not an
    ORM object: replay lays out every step of every case it rebuilds."""

    case_id: str
    step: str
    position: int
    due_on: dt.date
    done_at: dt.datetime | None
    entries: list[dict[str, Any]]


def lay_out_steps(case: Case, checklists: Checklists) -> list[LaidOutStep]:
    """The case's process steps with their due dates (登记 done by recording the case):
    replay lays them out the same way."""
    from casework import intake

    item = checklists.items.find(case.dispute_type)
    received = case.created_at.astimezone().date()
    dates = intake.due_dates(checklists.process, item, received)
    steps: list[LaidOutStep] = []
    for position, step in enumerate(checklists.process.step):
        first = position == 0  # 登记 is done by recording the case
        steps.append(
            LaidOutStep(
                case_id=case.id, step=step.code, position=position, due_on=dates[step.code],
                done_at=case.created_at if first else None, entries=[{}] if first else [],
            )
        )  # fmt: skip
    return steps


def stamp_checklists(case: Case, checklists: Checklists) -> None:
    """Stamp the checklist versions on the case, its item's priority, its SLA deadline and
    the level the item proposes (no rows written: replay stamps the same way)."""
    from casework import intake

    item = checklists.items.find(case.dispute_type)
    received = case.created_at.astimezone().date()
    case.items_version = checklists.items.version
    case.intake_version = checklists.intake.version
    case.process_version = checklists.process.version
    case.priority = item.priority.value
    case.due_on = received + dt.timedelta(days=item.deadline_days)
    level = intake.proposed_level(item)
    case.proposed_level = None if level is Level.VILLAGE else level.value


def take_checklists(session: Session, case: Case, checklists: Checklists) -> None:
    """Stamp the checklist versions, start the SLA clock, lay out the process steps."""
    stamp_checklists(case, checklists)
    session.add_all(ProcessStep(**dataclasses.asdict(s)) for s in lay_out_steps(case, checklists))


def record_case(
    session: Session,
    draft: CaseDraft,
    *,
    at: dt.datetime | None = None,
    checklists: Checklists | None = None,
) -> str:
    """Record a new dispute from a checked draft; returns the case id.

    ``at`` is when it was received, for entering a paper record later (default: now).
    With ``checklists``, the case is stamped with their versions and gets its deadline,
    proposed level and process steps. Raises DraftInvalid (nothing written) when the
    draft has problems.
    """
    if problems := validate(draft):
        raise DraftInvalid(problems)
    who = identity(session)
    if who is None:
        raise events.NoIdentity("set up the laptop before recording cases")
    now = at or _now()
    case = Case(
        id=str(uuid.uuid4()),
        number=_next_number(session, who, now),
        org_unit_code=who.org_unit_code,
        dispute_type=draft.dispute_type,
        facts=draft.facts.strip(),
        claims=draft.claims.strip(),
        priority=Priority.ROUTINE.value,
        level=Level.VILLAGE.value,
        status=INITIAL_STATUS.value,
        created_by=who.worker_id,
        created_at=now,
        updated_at=now,
    )
    case.parties = [_party(case.id, i, p) for i, p in enumerate(draft.parties)]
    session.add(case)
    if checklists is not None:
        take_checklists(session, case, checklists)
    session.flush()
    _index(session, case)
    events.append(
        session, case_id=case.id, type=EventType.CASE_RECORDED, payload=_snapshot(case), at=now
    )
    return case.id


def on_village_device(session: Session) -> bool:
    """Whether this laptop serves a village (or is not set up): village moves only."""
    device = session.scalars(select(Device)).one_or_none()
    unit = session.get(OrgUnit, device.org_unit_code) if device else None
    return unit is None or unit.level in {"village", "grid"}


def starts_work(case: Case, target: CaseStatus) -> bool:
    """Whether moving ``case`` to ``target`` is its acceptance: work on a case starts
    with it, and a case returned by the town before it was ever accepted goes through it
    too."""
    return target is CaseStatus.ACCEPTED or (
        target is CaseStatus.IN_MEDIATION and case.accepted_at is None
    )


def move(case: Case, target: CaseStatus, now: dt.datetime) -> None:
    """Set the status and what follows from it (acceptance time, last change); the
    caller has checked the move and records its event."""
    if starts_work(case, target):
        case.accepted_at = case.accepted_at or now
    case.status = target.value
    case.updated_at = now


def change_status(
    session: Session,
    case_id: str,
    target: CaseStatus,
    *,
    note: str = "",
    at: dt.datetime | None = None,
    checklists: Checklists | None = None,
) -> None:
    """Move a case to ``target``; raises IllegalTransition if the state machine forbids it,
    IntakeBlocked if it is acceptance and the intake checklist does not allow it.
    ``at`` is when it happened, for entering a paper record later (default: now)."""
    case = session.get(Case, case_id)
    if case is None:
        raise UnknownCase(case_id)
    current = CaseStatus(case.status)
    check_transition(current, target, by_village=on_village_device(session))
    # Only the intake can allow acceptance.
    if starts_work(case, target):
        if checklists is None:
            raise ValueError("accepting a case needs the intake checklist")
        from casework.handling import check_acceptable

        check_acceptable(session, case, checklists)
    # One instant for the acceptance, the change and its event, so that replaying the
    # event gives the very same row.
    now = at or _now()
    move(case, target, now)
    payload = {"from": current.value, "to": target.value, "note": note.strip()}
    events.append(session, case_id=case.id, type=EventType.STATUS_CHANGED, payload=payload, at=now)


# --- reading -----------------------------------------------------------------------------


def _event_row(event: CaseEvent) -> EventRow:
    return EventRow(
        event.id, event.type, event.author_name, event.recorded_at, event.device_id,
        event.device_seq, dict(event.payload),
    )  # fmt: skip


def case_detail(session: Session, case_id: str) -> CaseDetail:
    """The case page: the case, its parties and its history in clock order."""
    case = session.get(Case, case_id)
    if case is None:
        raise UnknownCase(case_id)
    unit = session.get(OrgUnit, case.org_unit_code)
    history = session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.hlc, CaseEvent.device_id, CaseEvent.device_seq)
    )
    return CaseDetail(
        id=case.id, number=case.number, org_unit_name=unit.name if unit else case.org_unit_code,
        dispute_type=case.dispute_type, facts=case.facts, claims=case.claims,
        priority=case.priority, level=case.level, status=case.status,
        created_at=case.created_at,
        parties=[PartyRow(p.role, p.name, p.id_number, p.phone, p.address) for p in case.parties],
        history=[_event_row(e) for e in history],
        allowed_next=[
            s.value
            for s in allowed_next(CaseStatus(case.status), by_village=on_village_device(session))
        ],
    )  # fmt: skip
