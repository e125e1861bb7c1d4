"""Many realistic cases fast: 100,000 in a couple of minutes, for the case-list benchmark.

``bench.sampledata`` records each case through the casework services (5–10 ms a case).
This writes the rows those services write — cases, parties, intake answers, process
steps, visits, events with their outbox rows, search text — straight into a store the
app itself created and set up, with ``executemany`` in large transactions; the store's
own triggers index the search text. Drafts, names, ID numbers, phones, facts and the
paths cases take come from ``bench.sampledata``; a quarter of the parties bear one of
the commonest Chinese names (王伟 first), so short searches find many cases, as they
would in a real district.

A built store is kept in the system temp folder, keyed by this generator's version, the
schema head, the count and the seed, so a second run starts at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import shutil
import sqlite3
import tempfile
import uuid
from pathlib import Path
from typing import Any

import resources
from bench.sampledata import VILLAGE, _fields, _path, draft
from casework import cipher, intake, migrations, process, search
from casework.casebook import open_casebook
from casework.checklists import Checklists, Item
from casework.domain import Level
from casework.drafts import CaseDraft
from casework.events import SCHEMA_VERSION, EventType
from casework.identity import normalise_id_number, normalise_phone
from casework.intake import Answer, clean_answers
from casework.paths import database_path
from casework.rows import Identity
from casework.services import device_tag
from casework.status import INITIAL_STATUS, CaseStatus
from casework.visits import Satisfaction, VisitKind

VERSION = 4  # raise whenever the rows written here change (search.row included)
WORKER = "王芳"
# The commonest full names in China, commonest first; drawn with Zipf weights.
COMMON_NAMES = (
    "王伟", "王芳", "张伟", "李伟", "王秀英", "李秀英", "李娜", "张秀英", "刘伟", "张敏", "李静",
    "张丽", "王静", "王丽", "李强", "张静", "李敏", "王敏", "王磊", "李军", "刘洋", "王勇", "张勇",
    "王艳", "李杰", "张磊", "王强", "王军", "张杰", "王建国", "张建国", "李建国",
)  # fmt: skip
COMMON_SHARE = 0.25  # of parties bearing one of COMMON_NAMES
CASES_PER_TRANSACTION = 5000

_INSERTS = {
    "cases": "id, number, org_unit_code, dispute_type, facts, claims, priority, level, "
    "status, created_by, created_at, updated_at, items_version, intake_version, "
    "process_version, due_on, proposed_level, accepted_at",
    "parties": "id, case_id, position, role, name, id_number, phone, address",
    "process_steps": "case_id, step, position, due_on, done_at, entries",
    "intake_answers": "case_id, question, value, note, answered_at",
    "visits": "id, case_id, org_unit_code, kind, visited_on, place, people, notes, outcome, "
    "next_visit_on, attitude, procedure, effect, comment, recorded_by, recorded_at",
    "case_events": "id, case_id, device_id, device_seq, hlc, author_id, author_name, type, "
    "payload, schema_version, recorded_at",
    "outbox": "event_id, enqueued_at",
    "search_text": "case_id, body, spaced",
}  # in foreign-key order


def _stored(at: dt.datetime) -> str:
    # As the ORM's UTCDateTime writes it: naive UTC text with microseconds.
    return at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class _Rows:
    """Rows waiting to be written, per table; the device's event log and its clock."""

    def __init__(self, who: Identity, last_seq: int, wall_ms: int, seed: int) -> None:
        self.who = who
        self._ids = random.Random(seed)  # the same ids on every build of a seed
        self.tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERTS}
        self.seq = last_seq
        self.wall_ms = wall_ms  # one millisecond per event: the clock never goes back
        self.enqueued = _stored(dt.datetime.now(dt.UTC))

    def new_id(self) -> str:
        """A random (version 4) UUID, as the services make them."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    def event(
        self, case_id: str, kind: EventType, payload: dict[str, Any], at: dt.datetime
    ) -> None:
        """One event, as casework.events.append writes it, and its outbox row."""
        self.seq += 1
        self.wall_ms += 1
        event_id = self.new_id()
        self.tables["case_events"].append((
            event_id, case_id, self.who.device_id, self.seq, f"{self.wall_ms:015d}.{0:06d}",
            self.who.worker_id, self.who.worker_name, kind.value, json.dumps(payload),
            SCHEMA_VERSION, _stored(at),
        ))  # fmt: skip
        self.tables["outbox"].append((event_id, self.enqueued))

    def write(self, connection: sqlite3.Connection) -> None:
        """Insert everything held in one transaction, and start afresh."""
        with connection:
            for name, columns in _INSERTS.items():
                marks = ", ".join("?" * (columns.count(",") + 1))
                sql = f"INSERT INTO {name} ({columns}) VALUES ({marks})"
                connection.executemany(sql, self.tables[name])
                self.tables[name].clear()


@dataclasses.dataclass
class _Case:
    """A case as it stands while its history is made up."""

    id: str
    number: str
    draft: CaseDraft
    item: Item
    at: dt.datetime
    status: CaseStatus = INITIAL_STATUS
    priority: str = ""
    proposed_level: str | None = None
    updated_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    steps: dict[str, tuple[dt.datetime | None, list[dict[str, str]]]] = dataclasses.field(
        default_factory=dict
    )


def _with_common_names(case: CaseDraft, rng: random.Random) -> CaseDraft:
    weights = [1 / rank for rank in range(1, len(COMMON_NAMES) + 1)]
    parties = [
        dataclasses.replace(p, name=rng.choices(COMMON_NAMES, weights)[0])
        if rng.random() < COMMON_SHARE
        else p
        for p in case.parties
    ]
    return dataclasses.replace(case, parties=parties)


def _parties(case: _Case, rows: _Rows) -> list[tuple[Any, ...]]:
    return [
        (rows.new_id(), case.id, position, p.role, p.name.strip(),
         normalise_id_number(p.id_number), normalise_phone(p.phone) if p.phone.strip() else "",
         p.address.strip())
        for position, p in enumerate(case.draft.parties)
    ]  # fmt: skip


def _record(case: _Case, rows: _Rows, lists: Checklists, parties: list[tuple[Any, ...]]) -> None:
    """What services.record_case writes with the checklists: the case's clock, its
    process steps laid out, its search text and the case.recorded event."""
    received = case.at.astimezone().date()
    level = intake.proposed_level(case.item)
    case.priority = case.item.priority.value
    case.proposed_level = None if level is Level.VILLAGE else level.value
    case.steps = {s.code: (None, []) for s in lists.process.step}
    case.steps[lists.process.step[0].code] = (case.at, [{}])
    rows.tables["parties"].extend(parties)
    party_fields = [p[4:] for p in parties]  # name, id number, phone, address
    rows.tables["search_text"].append(
        search.row(case.id, case.draft.facts, case.draft.claims, party_fields)
    )
    snapshot = {
        "number": case.number, "org_unit_code": VILLAGE,
        "dispute_type": case.draft.dispute_type, "facts": case.draft.facts,
        "claims": case.draft.claims, "priority": case.priority, "level": Level.VILLAGE.value,
        "status": case.status.value, "items_version": lists.items.version,
        "intake_version": lists.intake.version, "process_version": lists.process.version,
        "due_on": (received + dt.timedelta(days=case.item.deadline_days)).isoformat(),
        "proposed_level": case.proposed_level,
        "parties": [dict(zip(("id", "role", "name", "id_number", "phone", "address"),
                             (p[0], *p[3:]), strict=True)) for p in parties],
    }  # fmt: skip
    rows.event(case.id, EventType.CASE_RECORDED, snapshot, case.at)


def _move(case: _Case, rows: _Rows, target: CaseStatus, at: dt.datetime, note: str = "") -> None:
    payload = {"from": case.status.value, "to": target.value, "note": note}
    rows.event(case.id, EventType.STATUS_CHANGED, payload, at)
    case.status, case.updated_at = target, at


def _take_in(case: _Case, rows: _Rows, lists: Checklists, rng: random.Random) -> bool:
    """As sampledata does through handling.answer_intake; True when accepted."""
    answers = clean_answers(lists.intake)
    roll = rng.random()
    if roll < 0.04:
        answers["consent"] = Answer("refused")
    elif roll < 0.07:
        answers["risk"] = Answer("high")
    for code, answer in answers.items():
        rows.tables["intake_answers"].append(
            (case.id, code, answer.value, answer.note, _stored(case.at))
        )
        payload = {"question": code, "value": answer.value, "note": answer.note,
                   "checklist_version": lists.intake.version}  # fmt: skip
        rows.event(case.id, EventType.INTAKE_ANSWERED, payload, case.at)
    outcome = intake.evaluate(lists.intake, case.item, answers)
    _evaluated(case, rows, outcome, case.at)
    if not outcome.acceptable:
        _move(case, rows, CaseStatus.TERMINATED, case.at, "当事人明确拒绝调解，已告知其他救济途径")
        return False
    if outcome.propose_escalation and rng.random() < 0.6:
        _move(case, rows, CaseStatus.ESCALATED, case.at, "超出村级调处范围，报镇矛调中心")
        return False
    _move(case, rows, CaseStatus.ACCEPTED, case.at)
    case.accepted_at = case.at
    return True


def _evaluated(case: _Case, rows: _Rows, outcome: intake.IntakeOutcome, at: dt.datetime) -> None:
    # handling._apply_outcome: the forcing rules change priority and proposed level.
    level = intake.proposed_level(case.item)
    if outcome.propose_escalation and level is Level.VILLAGE:
        level = Level.TOWN
    proposed = level.value if outcome.propose_escalation else None
    changes: dict[str, Any] = {}
    if case.priority != outcome.priority.value:
        changes["priority"] = {"from": case.priority, "to": outcome.priority.value}
        case.priority = outcome.priority.value
    if case.proposed_level != proposed:
        changes["proposed_level"] = {"from": case.proposed_level, "to": proposed}
        case.proposed_level = proposed
    if changes:
        changes["report_to_police"] = outcome.report_to_police
        rows.event(case.id, EventType.INTAKE_EVALUATED, changes, at)


def _follow_up_visit(case: _Case, rows: _Rows, rng: random.Random, day: dt.date,
                     at: dt.datetime) -> dict[str, str]:  # fmt: skip
    """The follow-up visit that completes the 回访 step; returns the step's fields."""
    answers = [s.value for s in Satisfaction]
    survey = [rng.choices(answers, (0.8, 0.15, 0.05))[0] for _ in range(3)]
    notes = "回访当事人，协议履行情况良好。"
    visit = {
        "id": rows.new_id(), "case_id": case.id, "org_unit_code": VILLAGE,
        "kind": VisitKind.FOLLOW_UP.value, "visited_on": day.isoformat(), "place": "当事人家中",
        "people": "网格员、当事人", "notes": notes, "outcome": "", "next_visit_on": None,
        "attitude": survey[0], "procedure": survey[1], "effect": survey[2], "comment": "",
    }  # fmt: skip
    rows.tables["visits"].append((*visit.values(), rows.who.worker_id, _stored(at)))
    rows.event(case.id, EventType.VISIT_LOGGED, visit, at)
    return {"visit": str(visit["id"]), "visited_on": day.isoformat()}


def _work(case: _Case, rows: _Rows, lists: Checklists, rng: random.Random,
          end: dt.datetime) -> None:  # fmt: skip
    """The process steps the case went through (sampledata's paths), as
    handling.complete_step records them."""
    for number, code in enumerate(_path(rng), start=1):
        when = min(case.at + dt.timedelta(days=2 * number), end)
        day = when.astimezone().date()
        step = lists.process.find(code)
        if code == "follow_up":
            fields = _follow_up_visit(case, rows, rng, day, when)
        else:
            fields = _fields(step, day)
        done_at, entries = case.steps[code]
        case.steps[code] = (done_at or when, [*entries, fields])
        payload = {"step": code, "fields": fields, "checklist_version": lists.process.version}
        rows.event(case.id, EventType.STEP_COMPLETED, payload, when)
        if step.status is not None and step.status is not case.status:
            _move(case, rows, step.status, when)


def _finish(case: _Case, rows: _Rows, lists: Checklists) -> None:
    """The current-state rows once the case's history is made: the case, its steps."""
    received = case.at.astimezone().date()
    dates = intake.due_dates(lists.process, case.item, received)
    rows.tables["cases"].append((
        case.id, case.number, VILLAGE, case.draft.dispute_type, case.draft.facts,
        case.draft.claims, case.priority, Level.VILLAGE.value, case.status.value,
        rows.who.worker_id, _stored(case.at), _stored(case.updated_at or case.at),
        lists.items.version, lists.intake.version, lists.process.version,
        (received + dt.timedelta(days=case.item.deadline_days)).isoformat(),
        case.proposed_level, _stored(case.accepted_at) if case.accepted_at else None,
    ))  # fmt: skip
    # handling._settle_passed_steps: steps no longer needed are settled when passed.
    states = process.states(lists.process, {k: len(v[1]) for k, v in case.steps.items()})
    settled = case.updated_at or case.at
    for position, step in enumerate(lists.process.step):
        done_at, entries = case.steps[step.code]
        if states[step.code] is process.StepState.NOT_NEEDED and done_at is None:
            done_at = settled
        rows.tables["process_steps"].append((
            case.id, step.code, position, dates[step.code].isoformat(),
            _stored(done_at) if done_at else None, json.dumps(entries),
        ))  # fmt: skip


class _Numbers:
    """Case numbers as services._next_number gives them: per local year, running."""

    def __init__(self, who: Identity) -> None:
        self._prefix = f"{who.org_unit_code[-6:]}-{device_tag(who.device_id)}-"
        self._running: dict[int, int] = {}

    def next(self, at: dt.datetime) -> str:
        year = at.astimezone().year
        self._running[year] = self._running.get(year, 0) + 1
        return f"{year}-{self._prefix}{self._running[year]:05d}"


def _one(rows: _Rows, numbers: _Numbers, lists: Checklists, rng: random.Random,
         at: dt.datetime, end: dt.datetime) -> None:  # fmt: skip
    made = _with_common_names(draft(rng), rng)
    item = lists.items.find(made.dispute_type)
    case = _Case(rows.new_id(), numbers.next(at), made, item, at)
    parties = _parties(case, rows)
    _record(case, rows, lists, parties)
    if _take_in(case, rows, lists, rng):
        _work(case, rows, lists, rng, end)
    _finish(case, rows, lists)


def _device(connection: sqlite3.Connection) -> tuple[int, int]:
    seq, hlc = connection.execute("SELECT last_seq, last_hlc FROM devices").fetchone()
    return int(seq), int(hlc.partition(".")[0])


def build(directory: Path, count: int, *, seed: int = 7) -> Path:
    """A store in ``directory`` holding ``count`` cases received over the last three
    years, made the way the app makes it; returns the database file."""
    rng = random.Random(seed)
    book = open_casebook(directory, resources.sample_org_tree())
    try:
        who = book.identity() or book.set_up(worker_name=WORKER, org_unit_code=VILLAGE)
        lists = book.checklists
    finally:
        book.close()
    path = database_path(directory)
    connection = cipher.connect(path, None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=OFF")  # a scratch store: rebuilt if cut short
        last_seq, last_ms = _device(connection)
        now = dt.datetime.now(dt.UTC)
        rows = _Rows(who, last_seq, max(last_ms, int(now.timestamp() * 1000)), seed)
        numbers = _Numbers(who)
        start = now - dt.timedelta(days=3 * 365)
        moments = sorted(start + (now - start) * rng.random() for _ in range(count))
        for index, at in enumerate(moments, start=1):
            _one(rows, numbers, lists, rng, at, now)
            if index % CASES_PER_TRANSACTION == 0 or index == count:
                rows.write(connection)
        with connection:
            connection.execute(
                "UPDATE devices SET last_seq = ?, last_hlc = ?",
                (rows.seq, f"{rows.wall_ms:015d}.{0:06d}"),
            )
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return path


def cached(count: int, *, seed: int = 7, root: Path | None = None) -> Path:
    """The data folder of a built store of ``count`` cases, built on first use."""
    root = root or Path(tempfile.gettempdir()) / "outpost-bench"
    key = f"cases-{count}-seed{seed}-gen{VERSION}-{migrations.HEAD}"
    folder = root / key
    if database_path(folder).exists():
        return folder
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob(f"cases-{count}-seed{seed}-*"):  # another generator or schema
        shutil.rmtree(old, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    try:
        build(staging, count, seed=seed)
        staging.rename(folder)  # whole or not at all: a cut-short build is never used
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder
