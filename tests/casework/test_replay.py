"""Replay: a case's rows are its events folded in clock order, the same on every replica
and the same as the services wrote them; concurrent edits merge, incompatible status
changes become conflicts, and wrong clocks do not reorder anything."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resources
from casework import checklists, replay, services, visits
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft
from casework.hlc import Timestamp
from casework.intake import Answer, clean_answers
from casework.models import Case, CaseConflict, CaseEvent, Device, OutboxEntry, Pulled
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus
from casework.visits import VisitDraft
from sync.protocol import PulledEvent
from tests.conftest import VILLAGE, neighbour_dispute

TOWN = "320509003"  # 七都镇, the town of 开弦弓村
YEAR = 365 * 24 * 3600
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)

# The current-state tables, each dumped as stored, in a fixed order. A search_text row's
# id is a local row number, and a conflict's detection time is when this laptop saw it.
_DUMPS = {
    "cases": "SELECT * FROM cases ORDER BY id",
    "parties": "SELECT * FROM parties ORDER BY id",
    "intake_answers": "SELECT * FROM intake_answers ORDER BY case_id, question",
    "process_steps": "SELECT * FROM process_steps ORDER BY case_id, step",
    "attachments": "SELECT * FROM attachments ORDER BY id",
    "visits": "SELECT * FROM visits ORDER BY id",
    "search_text": "SELECT case_id, body, spaced FROM search_text ORDER BY case_id",
    "case_conflicts": "SELECT case_id, field, kept_value, other_value, kept_event_id, "
    "other_event_id, settled_at, settled_by, resolution FROM case_conflicts "
    "ORDER BY kept_event_id, other_event_id",
    "case_events": "SELECT id, case_id, device_id, device_seq, hlc, author_id, author_name, "
    "type, payload, schema_version, recorded_at FROM case_events ORDER BY id",
}


def _dump(book: Casebook) -> dict[str, list[tuple[Any, ...]]]:
    with book.store.reading() as session:
        return {t: [tuple(r) for r in session.execute(sa.text(q))] for t, q in _DUMPS.items()}


def _book(folder: Path, unit: str = VILLAGE, worker: str = "王芳") -> Casebook:
    book = open_casebook(folder, resources.sample_org_tree())
    book.set_up(worker_name=worker, org_unit_code=unit)
    return book


@pytest.fixture
def books(tmp_path: Path) -> Iterator[dict[str, Casebook]]:
    """A village laptop, a second laptop of the same village and the town's laptop."""
    made = {
        "village": _book(tmp_path / "village"),
        "village2": _book(tmp_path / "village2", worker="李强"),
        "town": _book(tmp_path / "town", TOWN, "赵敏"),
    }
    yield made
    for book in made.values():
        book.close()


@contextlib.contextmanager
def _clock_off_by(seconds: int) -> Iterator[None]:
    """This laptop's wall clock is wrong by ``seconds`` while the block runs."""
    real = time.time_ns
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time_ns", lambda: real() + seconds * 1_000_000_000)
        yield


class _Server:
    """Numbers each event it is given once, as the town server does, and hands pages out."""

    def __init__(self) -> None:
        self.events: list[PulledEvent] = []
        self._ids: set[str] = set()

    def push(self, book: Casebook) -> None:
        """Take the laptop's own events (its outbox), oldest first."""
        with book.store.reading() as session:
            rows = session.execute(
                sa.select(CaseEvent, Case.org_unit_code)
                .join(OutboxEntry, OutboxEntry.event_id == CaseEvent.id)
                .outerjoin(Case, Case.id == CaseEvent.case_id)
                .order_by(CaseEvent.device_seq)
            ).all()
            for event, unit in rows:
                if event.id not in self._ids:
                    self._ids.add(event.id)
                    self.events.append(_pulled(event, unit or VILLAGE, len(self.events) + 1))


def _pulled(event: CaseEvent, unit: str, server_seq: int) -> PulledEvent:
    return PulledEvent(
        id=event.id, device_id=event.device_id, device_seq=event.device_seq, hlc=event.hlc,
        case_id=event.case_id, org_unit_code=unit, author_id=event.author_id,
        author_name=event.author_name, type=event.type, payload=event.payload,
        schema_version=event.schema_version, recorded_at=event.recorded_at,
        server_seq=server_seq, received_at=dt.datetime.now(dt.UTC),
    )  # fmt: skip


def _deliver(book: Casebook, events: Sequence[PulledEvent], rng: random.Random | None) -> None:
    """Apply ``events`` in pages: in order (no ``rng``), or shuffled in pages of random
    sizes; what waits for its case comes again later, as a re-pull would bring it."""
    queue = list(events)
    if rng is not None:
        rng.shuffle(queue)
    rounds = 0
    while queue:
        rounds += 1
        assert rounds < 1000, "events that never apply"
        size = rng.randint(1, 6) if rng else 4
        page, queue = queue[:size], queue[size:]
        report = book.apply_pulled(page)
        queue += [e for e in page if e.id in report.waiting]


def _sync(server: _Server, *books: Casebook) -> None:
    for book in books:
        server.push(book)
    for book in books:
        _deliver(book, server.events, None)


def _status(book: Casebook, case_id: str) -> str:
    return book.case_detail(case_id).status


# --- (a) replaying a laptop's events gives what its services wrote ----------------------------

_INTAKE = checklists.load_file(resources.checklists_dir() / "intake.toml")
_PROCESS = checklists.load_file(resources.checklists_dir() / "process.toml")
assert isinstance(_INTAKE, checklists.IntakeChecklist)
assert isinstance(_PROCESS, checklists.ProcessChecklist)
_ANSWERS = [(q.code, a) for q in _INTAKE.question for a in q.answers]
_FIELDS = {
    s.code: {f.code: "2026-03-01" if f.kind == "date" else "已办" for f in s.field}
    for s in _PROCESS.step
}
_TYPES = ["neighbour", "marriage_family", "expropriation", "labour", "housing_homestead"]
_CASE = st.integers(0, 5)
_RECORD = st.tuples(st.sampled_from(["record", "take_in"]), st.sampled_from(_TYPES), st.booleans())
_ACTIONS = st.tuples(
    st.lists(_RECORD, min_size=1, max_size=3),
    st.lists(
        st.one_of(
            _RECORD,
            st.tuples(st.just("answer"), _CASE, st.sampled_from(_ANSWERS)),
            st.tuples(st.just("accept"), _CASE),
            # Taking cases on through their steps, as most of a laptop's work is.
            st.tuples(st.just("advance"), _CASE, st.integers(0, 2), st.integers(1, 8)),
            st.tuples(st.just("advance"), _CASE, st.just(0), st.integers(1, 8)),
            st.tuples(st.just("advance"), _CASE, st.just(0), st.integers(1, 8)),
            st.tuples(st.just("step"), _CASE, st.sampled_from(sorted(_FIELDS))),
            st.tuples(st.just("visit"), _CASE, st.sampled_from(["home_visit", "follow_up"])),
            st.tuples(st.just("patrol"), _CASE, st.booleans()),
            st.tuples(st.just("attach"), _CASE, st.integers(0, 2)),
            st.tuples(st.just("status"), _CASE, st.sampled_from(list(CaseStatus))),
        ),
        max_size=30,
    ),
).map(lambda both: both[0] + both[1])


def _draft(kind: str) -> CaseDraft:
    draft = neighbour_dispute(f"{kind}：双方因琐事发生争执。")
    return CaseDraft(kind, draft.facts, draft.claims, list(draft.parties))


def _record(book: Casebook, kind: str, with_lists: bool) -> str:
    if with_lists:
        return book.record_case(_draft(kind))
    with book.store.unit_of_work() as session:  # a case from before the checklists
        return services.record_case(session, _draft(kind))


def _visit(book: Casebook, case_id: str | None, kind: str) -> str:
    survey = {"attitude": "satisfied", "procedure": "satisfied", "effect": "basically_satisfied"}
    extra = survey if kind == "follow_up" else {}
    return book.log_visit(VisitDraft(kind=kind, notes="走访了解情况。", case_id=case_id, **extra))


def _advance(book: Casebook, case_id: str, pick: int) -> None:
    # One of the steps open now (the first, mostly); a follow-up by a visit.
    steps = [s for s in book.case_detail(case_id).steps if s.state == "open"]
    if not steps:
        return
    step = steps[pick % len(steps)]
    if step.by_visit:
        _visit(book, case_id, step.by_visit)
    else:
        book.complete_step(case_id, step.code, _FIELDS[step.code])


def _act(book: Casebook, cases: list[str], action: tuple[Any, ...], folder: Path) -> None:
    kind, *args = action
    if kind == "record":
        cases.append(_record(book, *args))
        return
    if kind == "take_in":  # the wizard: recorded, answered and accepted at once
        cases.append(book.take_in(WizardDraft(_draft(args[0]), clean_answers(_INTAKE))))
        return
    if not cases:
        return
    case_id = cases[args[0] % len(cases)]
    if kind == "answer":
        code, value = args[1]
        book.answer_intake(case_id, {code: Answer(value, "见卷宗")})
    elif kind == "accept":
        book.accept_case(case_id, clean_answers(book.checklists.intake))
    elif kind == "step":
        book.complete_step(case_id, args[1], _FIELDS[args[1]])
    elif kind == "advance":
        for _ in range(args[2]):
            _advance(book, case_id, args[1])
    elif kind == "visit":
        _visit(book, case_id, args[1])
    elif kind == "patrol":  # a patrol, tied (or not) to the case it led to
        visit_id = _visit(book, None, "patrol")
        if args[1]:
            with book.store.unit_of_work() as session:
                visits.link_visit(session, visit_id, case_id)
    elif kind == "attach":
        photo = folder / f"photo{args[1]}.png"
        photo.write_bytes(PNG + bytes([args[1]]))
        book.add_attachment(case_id, photo)
    else:
        book.change_status(case_id, args[1])


def _rebuild_all(book: Casebook) -> None:
    with book.store.unit_of_work() as session:
        ids = list(session.scalars(sa.select(Case.id)))
        for case_id in ids:
            assert replay.rebuild_case(session, case_id, book.checklist_versions()) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ACTIONS, st.randoms(use_true_random=False))
def test_replaying_the_events_gives_the_rows_the_services_wrote(
    actions: list[tuple[Any, ...]], rng: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = _book(Path(folder) / "laptop")
        replica = _book(Path(folder) / "replica", worker="李强")
        try:
            cases: list[str] = []
            for action in actions:
                with contextlib.suppress(ValueError, LookupError):  # refused: nothing written
                    _act(book, cases, action, Path(folder))
            written = _dump(book)
            _rebuild_all(book)
            assert _dump(book) == written
            server = _Server()
            server.push(book)
            _deliver(replica, server.events, rng)  # in any order, in pages of any size
            assert _dump(replica) == written
        finally:
            book.close()
            replica.close()


def test_a_case_rebuilt_from_a_stale_row_gets_its_rows_back(casebook: Casebook) -> None:
    case_id = casebook.accept_case(
        casebook.record_case(neighbour_dispute()), clean_answers(casebook.checklists.intake)
    )
    casebook.complete_step(case_id, "investigate", {"findings": "属实"})
    written = _dump(casebook)
    with casebook.store.unit_of_work() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status, case.priority, case.facts = "archived", "hard", "被改坏了"
        session.execute(sa.text("DELETE FROM intake_answers"))
        session.execute(sa.text("UPDATE process_steps SET entries = '[]', done_at = NULL"))
    with casebook.store.unit_of_work() as session:
        replay.rebuild_case(session, case_id, casebook.checklist_versions())
    assert _dump(casebook) == written


# --- (b) two laptops exchange events in any order and agree --------------------------------


def _village_work(village: Casebook) -> dict[str, str]:
    lists = village.checklists
    a = village.accept_case(village.record_case(neighbour_dispute()), clean_answers(lists.intake))
    b = village.accept_case(
        village.record_case(neighbour_dispute("宅基地边界纠纷。")), clean_answers(lists.intake)
    )
    c = village.record_case(neighbour_dispute("欠薪纠纷。"))
    village.complete_step(a, "investigate", {"findings": "属实"})
    village.change_status(b, CaseStatus.ESCALATED, "超出村级职能")
    return {"a": a, "b": b, "c": c}


def _concurrent_work(village: Casebook, town: Casebook, ids: dict[str, str], tmp: Path) -> None:
    photo = tmp / "现场.png"
    photo.write_bytes(PNG)
    mediation = {"held_on": "2026-03-01", "record": "第一次调解"}
    village.complete_step(ids["a"], "mediate", mediation)
    village.answer_intake(ids["c"], {"risk": Answer("low")})
    village.add_attachment(ids["c"], photo)
    patrol = _visit(village, None, "patrol")
    with village.store.unit_of_work() as session:
        visits.link_visit(session, patrol, ids["c"])
    with _clock_off_by(5):  # the town acts later, by the clock
        town.complete_step(ids["a"], "mediate", {**mediation, "record": "镇里参与调解"})
        town.change_status(ids["b"], CaseStatus.RETURNED, "退回村里调解")
        town.answer_intake(ids["c"], {"risk": Answer("none")})
        town.add_attachment(ids["c"], photo)
        _visit(town, ids["a"], "home_visit")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_laptops_exchanging_events_in_any_order_end_with_the_same_rows(
    books: dict[str, Casebook], tmp_path: Path, seed: int
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    ids = _village_work(village)
    _sync(server, village, town)
    _concurrent_work(village, town, ids, tmp_path)
    server.push(village)
    server.push(town)
    rng = random.Random(seed)
    _deliver(village, server.events, rng)
    _deliver(town, server.events[::-1], rng)
    assert _dump(village) == _dump(town)
    detail = town.case_detail(ids["a"])
    [mediate] = [s for s in detail.steps if s.code == "mediate"]
    assert [e["record"] for e in mediate.entries] == ["第一次调解", "镇里参与调解"]
    assert len(detail.visits) == 1 and detail.status == "in_mediation"
    assert _status(village, ids["b"]) == "returned"
    other = village.case_detail(ids["c"])
    assert other.intake is not None
    assert {q.code: q.value for q in other.intake.questions}["risk"] == "none"  # the later
    assert len(other.attachments) == 1 and len(other.visits) == 1


def test_a_change_not_yet_pushed_stands_beside_what_is_pulled(
    books: dict[str, Casebook],
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    case_id = village.record_case(neighbour_dispute())
    _sync(server, village, town)
    with _clock_off_by(5):
        town.answer_intake(case_id, {"evidence": Answer("listed", "照片两张")})
    server.push(town)
    village.answer_intake(case_id, {"risk": Answer("high")})  # still in the outbox
    _deliver(village, server.events, None)
    assert _count(village, OutboxEntry) == 3  # a pull neither adds to the outbox nor takes
    detail = village.case_detail(case_id)
    assert detail.intake is not None
    answers = {q.code: q.value for q in detail.intake.questions}
    assert (answers["risk"], answers["evidence"]) == ("high", "listed")
    assert detail.priority == "urgent"


def test_a_patrol_tied_to_two_cases_at_once_belongs_to_the_first_tie(
    books: dict[str, Casebook],
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    first = village.record_case(neighbour_dispute())
    second = village.record_case(neighbour_dispute("另一件纠纷。"))
    patrol = _visit(village, None, "patrol")
    _sync(server, village, town)
    with village.store.unit_of_work() as session:
        visits.link_visit(session, patrol, first)
    with _clock_off_by(5), town.store.unit_of_work() as session:
        visits.link_visit(session, patrol, second)
    _sync(server, village, town)
    assert [v.id for v in town.case_detail(first).visits] == [patrol]
    assert town.case_detail(second).visits == []
    assert _dump(village) == _dump(town)


def test_a_page_applied_as_the_sync_session_does_takes_the_stores_checklists(
    books: dict[str, Casebook],
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    _village_work(village)
    server.push(village)
    with town.store.unit_of_work() as session:
        report = replay.apply_pulled(session, server.events, now=dt.datetime.now(dt.UTC))
    assert report.applied == len(server.events)
    assert _dump(town) == _dump(village)


# --- (c) incompatible status changes --------------------------------------------------------


def _conflicts(book: Casebook) -> list[tuple[str, str, str, str]]:
    with book.store.reading() as session:
        rows = session.scalars(sa.select(CaseConflict).order_by(CaseConflict.kept_event_id))
        return [(c.kept_value, c.other_value, c.kept_event_id, c.other_event_id) for c in rows]


def _last_event(book: Casebook, case_id: str) -> str:
    return book.case_detail(case_id).history[-1].id


def test_the_village_terminating_while_the_town_accepts_is_a_conflict_on_both(
    books: dict[str, Casebook],
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    case_id = village.record_case(neighbour_dispute())
    village.answer_intake(case_id, clean_answers(village.checklists.intake))
    _sync(server, village, town)
    village.change_status(case_id, CaseStatus.TERMINATED, "当事人拒绝调解")
    terminated = _last_event(village, case_id)
    with _clock_off_by(5):
        town.change_status(case_id, CaseStatus.ACCEPTED)
    accepted = _last_event(town, case_id)
    _sync(server, village, town)
    _sync(server, village, town)  # again: nothing doubles
    expected = [("terminated", "accepted", terminated, accepted)]
    assert _conflicts(village) == _conflicts(town) == expected
    assert _status(village, case_id) == _status(town, case_id) == "terminated"
    assert _dump(village) == _dump(town)
    with town.store.reading() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.accepted_at is None  # the acceptance did not stand


def test_the_town_owns_the_outcome_of_an_escalated_case(books: dict[str, Casebook]) -> None:
    village, village2, town = books["village"], books["village2"], books["town"]
    server = _Server()
    case_id = village.accept_case(
        village.record_case(neighbour_dispute()), clean_answers(village.checklists.intake)
    )
    _sync(server, village, village2, town)
    # The second laptop terminates; unaware, the first escalates; the town returns it.
    village2.change_status(case_id, CaseStatus.TERMINATED, "当事人撤回")
    terminated = _last_event(village2, case_id)
    with _clock_off_by(5):
        village.change_status(case_id, CaseStatus.ESCALATED)
    escalated = _last_event(village, case_id)
    _sync(server, village, town)
    with _clock_off_by(10):
        town.change_status(case_id, CaseStatus.RETURNED, "请村里继续调解")
    returned = _last_event(town, case_id)
    _sync(server, village, village2, town)
    expected = sorted([
        ("terminated", "escalated", terminated, escalated),  # the earlier stands...
        ("returned", "terminated", returned, terminated),  # ...unless the town decided
    ], key=lambda c: c[2])  # fmt: skip
    for book in books.values():
        assert _conflicts(book) == expected
        assert _status(book, case_id) == "returned"
    assert _dump(village) == _dump(village2) == _dump(town)


def test_the_same_move_made_on_two_laptops_is_no_conflict(books: dict[str, Casebook]) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    case_id = village.accept_case(
        village.record_case(neighbour_dispute()), clean_answers(village.checklists.intake)
    )
    _sync(server, village, town)
    village.change_status(case_id, CaseStatus.ESCALATED)
    with _clock_off_by(5):
        town.change_status(case_id, CaseStatus.ESCALATED, "镇里直接接手")
    _sync(server, village, town)
    assert _conflicts(village) == _conflicts(town) == []
    assert _status(village, case_id) == _status(town, case_id) == "escalated"
    assert _dump(village) == _dump(town)


# --- (d) idempotence and same-id conflicts ----------------------------------------------------


def _count(book: Casebook, model: type) -> int:
    with book.store.reading() as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def test_applying_a_page_twice_changes_nothing(books: dict[str, Casebook]) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    _village_work(village)
    server.push(village)
    first = town.apply_pulled(server.events)
    assert first.applied == len(server.events) and len(first.cases) == 3
    written, outbox = _dump(town), _count(town, OutboxEntry)
    again = town.apply_pulled(server.events)
    assert (again.applied, again.duplicates, again.conflicts) == (0, len(server.events), [])
    assert _dump(town) == written and _count(town, Pulled) == len(server.events)
    assert outbox == _count(town, OutboxEntry) == 0  # pulled events are not the town's to send
    echoed = village.apply_pulled(server.events)  # its own events, back from the server
    assert echoed.duplicates == len(server.events) and echoed.cases == []


def test_the_same_id_with_other_content_is_a_conflict_and_ours_is_kept(
    books: dict[str, Casebook],
) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    case_id = village.record_case(neighbour_dispute())
    server.push(village)
    [event] = server.events
    forged_payload = {**event.payload, "facts": "另一份内容"}
    forged = event.model_copy(update={"payload": forged_payload, "server_seq": 7})
    report = village.apply_pulled([forged])
    assert (report.applied, report.conflicts) == (0, [event.id])
    assert village.case_detail(case_id).facts == event.payload["facts"]
    # Another event in the same device's place is refused the same way.
    squatter = event.model_copy(update={"id": "0" * 8 + event.id[8:], "server_seq": 8})
    assert village.apply_pulled([squatter]).conflicts == [squatter.id]
    assert _count(village, CaseEvent) == 1 and _count(village, Pulled) == 2
    assert town.apply_pulled([forged]).applied == 1  # new there: content as received


def test_events_of_a_case_not_held_yet_wait_for_it(books: dict[str, Casebook]) -> None:
    village, town = books["village"], books["town"]
    server = _Server()
    case_id = village.accept_case(
        village.record_case(neighbour_dispute()), clean_answers(village.checklists.intake)
    )
    server.push(village)
    recorded, *later = server.events
    report = town.apply_pulled(later)
    assert report.applied == 0 and report.waiting == [e.id for e in later]
    assert _count(town, Pulled) == 0  # not received yet, as far as the checksum knows
    assert town.apply_pulled([recorded, *later]).applied == len(server.events)
    assert _status(town, case_id) == "accepted"


# --- (e) wrong clocks ---------------------------------------------------------------------


def _device(book: Casebook) -> str:
    who = book.identity()
    assert who is not None
    return who.device_id


def _hlc(book: Casebook, event_id: str) -> str:
    with book.store.reading() as session:
        event = session.get(CaseEvent, event_id)
        assert event is not None
        return event.hlc


def test_a_laptop_a_year_fast_does_not_make_later_local_events_earlier(
    books: dict[str, Casebook],
) -> None:
    village, fast = books["village"], books["village2"]
    server = _Server()
    with _clock_off_by(YEAR):
        case_id = fast.record_case(neighbour_dispute())
        fast.answer_intake(case_id, {"risk": Answer("high")})
    _sync(server, fast, village)
    village.answer_intake(case_id, {"risk": Answer("low")})
    mine = _last_event(village, case_id)
    with village.store.reading() as session:
        theirs = session.scalar(
            sa.select(sa.func.max(CaseEvent.hlc)).where(CaseEvent.device_id != _device(village))
        )
    assert theirs is not None
    assert Timestamp.decode(theirs).wall_ms > time.time_ns() // 1_000_000 + (YEAR - 60) * 1000
    assert _hlc(village, mine) > theirs
    _sync(server, fast, village)
    for book in (village, fast):
        detail = book.case_detail(case_id)
        assert detail.intake is not None
        assert {q.code: q.value for q in detail.intake.questions}["risk"] == "low"
        assert detail.priority == "routine"
    assert _dump(village) == _dump(fast)


def test_a_laptop_a_year_slow_is_applied_and_ordered_by_its_clock(
    books: dict[str, Casebook],
) -> None:
    village, slow = books["village"], books["village2"]
    server = _Server()
    with _clock_off_by(-YEAR):
        own = slow.record_case(neighbour_dispute("慢钟笔记本上登记的纠纷。"))
    case_id = village.record_case(neighbour_dispute())
    _sync(server, slow, village)
    village.answer_intake(case_id, {"risk": Answer("low")})
    with _clock_off_by(-YEAR):  # answered after the village did, by the wall
        slow.answer_intake(case_id, {"risk": Answer("high")})
    _sync(server, slow, village)
    history = village.case_detail(case_id).history
    answers = [e.payload["value"] for e in history if e.type == "case.intake_answered"]
    assert answers == ["high", "low"]  # by their clocks, not by when they arrived
    for book in (village, slow):
        detail = book.case_detail(case_id)
        assert detail.intake is not None
        assert {q.code: q.value for q in detail.intake.questions}["risk"] == "low"
        # The forcing rules follow the merged answers: no longer urgent, nor proposed up.
        assert (detail.priority, detail.proposed_level) == ("routine", None)
    # The slow laptop's own case: a year behind by its clock, and held all the same.
    assert _hlc(village, village.case_detail(own).history[0].id) < _hlc(village, history[0].id)
    assert _dump(village) == _dump(slow)


def test_pulled_clocks_move_the_device_clock_only_forward(casebook: Casebook) -> None:
    from casework import events

    casebook.record_case(neighbour_dispute())
    with casebook.store.unit_of_work() as session:
        device = session.scalars(sa.select(Device)).one()
        before = device.last_hlc
        events.observe(session, ["000000000000001.000000", "not a clock"])
        assert device.last_hlc == before
        events.observe(session, ["999999999999999.000003"])
        assert device.last_hlc == "999999999999999.000004"
