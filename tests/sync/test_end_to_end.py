"""Laptops syncing through the real town server over real HTTP on loopback: scope,
trust, convergence, and exactly-once under faults."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from casework import cipher
from casework.casebook import open_casebook
from casework.intake import clean_answers
from casework.saved_drafts import WizardDraft
from casework.status import CaseStatus
from sync import session as sync_session
from sync.client import SyncRefused, TownServer, Unreachable
from sync.protocol import Outcome
from tests.conftest import VILLAGE, neighbour_dispute
from tests.server.harness import RunningServer
from tests.sync.proxy import Fault, FaultyProxy

OTHER_VILLAGE = "320509003002"  # 庙港社区, also in 七都镇
TOWN = "320509003"  # 七都镇
ELSEWHERE = "320509002001"  # 黄家溪村, 盛泽镇

# Current-state tables every replica must agree on, with the columns that identify rows.
STATE = {
    "cases": "id, number, status, priority, level, proposed_level, due_on, accepted_at",
    "parties": "id, case_id, name, id_number",
    "intake_answers": "case_id, question, value, note",
    "process_steps": "case_id, step, done_at, entries",
    "case_events": "id, case_id, device_seq, hlc, type",
}


class Laptop:
    """A laptop: its own data folder and casebook, enrolled with the server."""

    def __init__(self, folder: Path, unit: str, worker: str) -> None:
        self.folder = folder
        self.book = open_casebook(folder, resources.sample_org_tree())
        self.book.set_up(worker_name=worker, org_unit_code=unit)
        self.server: TownServer | None = None

    def enroll(self, server: RunningServer, url: str | None = None) -> None:
        self.server = TownServer(url or server.url)
        sync_session.enroll(self.book, self.server, server.enrollment_code(self.unit))

    @property
    def unit(self) -> str:
        who = self.book.identity()
        assert who is not None
        return who.org_unit_code

    def take_in(self, facts: str) -> str:
        lists = self.book.checklists
        return self.book.take_in(WizardDraft(neighbour_dispute(facts), clean_answers(lists.intake)))

    def sync(self) -> sync_session.SyncReport:
        assert self.server is not None
        return sync_session.synchronise(self.book, self.server)

    def rows(self, table: str, case_ids: set[str] | None = None) -> list[tuple[object, ...]]:
        with contextlib.closing(cipher.connect(self.book.path, self.book.key)) as connection:
            key = "id" if table == "cases" else "case_id"
            rows = connection.execute(
                f"SELECT {STATE[table]} FROM {table} ORDER BY 1, 2"
            ).fetchall()
        if case_ids is None:
            return rows
        column = STATE[table].split(", ").index(key)
        return [r for r in rows if r[column] in case_ids]

    def case_ids(self) -> set[str]:
        return {str(r[0]) for r in self.rows("cases")}

    def waiting(self) -> int:
        return self.book.counts()[1]

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
        self.book.close()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[dict[str, Laptop]]:
    made: dict[str, Laptop] = {}

    def make(name: str, unit: str, worker: str) -> Laptop:
        made[name] = Laptop(tmp_path / name, unit, worker)
        return made[name]

    make("a", VILLAGE, "王芳")
    make("b", OTHER_VILLAGE, "李明")
    make("town", TOWN, "陈主任")
    yield made
    for laptop in made.values():
        laptop.close()


def _server_ids(server: RunningServer) -> list[str]:
    from sqlalchemy import text

    with server.runtime.store.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT id FROM events"))]


def _pulled_ids(url: str, token: str | None) -> list[str]:
    """Every event id the server serves the device with ``token``, page by page."""
    check = TownServer(url, token)
    try:
        ids, cursor = [], 0
        while True:
            page = check.pull(cursor)
            ids += [e.id for e in page.events]
            cursor = page.next_cursor
            if not page.more:
                return ids
    finally:
        check.close()


def test_two_villages_and_their_town_converge_and_each_village_sees_only_its_own(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a, b, town = laptops["a"], laptops["b"], laptops["town"]
    for laptop in (a, b, town):
        laptop.enroll(outpost_server)
    first = a.take_in("开弦弓村的纠纷")
    a.book.complete_step(first, "investigate", {"findings": "已查看现场"})
    theirs = b.take_in("庙港社区的纠纷")
    for laptop in (a, b, town, a, b):
        laptop.sync()
    assert a.waiting() == b.waiting() == 0
    assert a.case_ids() == {first} and b.case_ids() == {theirs}  # never the other's
    assert town.case_ids() == {first, theirs}
    for table in STATE:
        assert a.rows(table, {first}) == town.rows(table, {first}), table
        assert b.rows(table, {theirs}) == town.rows(table, {theirs}), table
    ids = _server_ids(outpost_server)
    assert len(ids) == len(set(ids)) == len(town.rows("case_events"))


def test_a_forged_push_for_another_village_is_refused(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a, b = laptops["a"], laptops["b"]
    a.enroll(outpost_server)
    b.take_in("庙港社区的纠纷")
    with b.book.store.reading() as session:
        from casework import syncstate

        forged = syncstate.pending(session, 10)
    assert a.server is not None
    answer = a.server.push(forged)  # A's token, B's events
    assert {r.outcome for r in answer.results} == {Outcome.REJECTED}
    assert _server_ids(outpost_server) == []


def test_a_revoked_laptop_is_refused_at_once_and_keeps_its_changes(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a = laptops["a"]
    a.enroll(outpost_server)
    a.take_in("开弦弓村的纠纷")
    who = a.book.identity()
    assert who is not None
    outpost_server.revoke(who.device_id)
    with pytest.raises(SyncRefused) as refused:
        a.sync()
    assert refused.value.status == 401
    assert a.waiting() == 8  # recorded, six answers, accepted: all still queued


def test_an_answer_lost_on_the_way_back_is_sent_again_and_stored_once(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a = laptops["a"]
    proxy = FaultyProxy(("127.0.0.1", outpost_server.port))
    try:
        a.enroll(outpost_server, proxy.url)
        a.take_in("开弦弓村的纠纷")
        assert a.server is not None
        a.server.backoff.base_s = 0.01
        # The server commits the push; the link dies before its answer arrives.
        proxy.inject(Fault(cut_downstream_after=20))
        a.sync()
        assert proxy.cut == 1 and a.waiting() == 0
        # And the other way: the request never reaches the server whole.
        a.take_in("第二件纠纷")
        proxy.inject(Fault(cut_upstream_after=300))
        a.sync()
    finally:
        proxy.close()
    ids = _server_ids(outpost_server)
    assert len(ids) == len(set(ids)) == 16 and a.waiting() == 0


def test_no_link_at_all_loses_nothing(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a = laptops["a"]
    proxy = FaultyProxy(("127.0.0.1", outpost_server.port))
    try:
        a.enroll(outpost_server, proxy.url)
        a.take_in("开弦弓村的纠纷")
        assert a.server is not None
        a.server.backoff.base_s = 0.01
        proxy.inject(Fault(reset=True, connections=4))  # every try of one request
        with pytest.raises(Unreachable):
            a.sync()
        assert a.waiting() == 8
        a.sync()  # the link is back
    finally:
        proxy.close()
    assert a.waiting() == 0 and len(_server_ids(outpost_server)) == 8


def test_a_duplicate_push_is_answered_duplicate(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a = laptops["a"]
    a.enroll(outpost_server)
    a.take_in("开弦弓村的纠纷")
    from casework import syncstate

    with a.book.store.reading() as session:
        events = syncstate.pending(session, 100)
    assert a.server is not None
    first, again = a.server.push(events), a.server.push(events)
    assert {r.outcome for r in first.results} == {Outcome.APPLIED}
    assert {r.outcome for r in again.results} == {Outcome.DUPLICATE}
    assert [r.server_seq for r in first.results] == [r.server_seq for r in again.results]
    a.sync()
    assert len(_server_ids(outpost_server)) == 8 and a.waiting() == 0


def test_a_batch_too_large_is_halved_until_it_passes(
    outpost_server: RunningServer, laptops: dict[str, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    a = laptops["a"]
    a.enroll(outpost_server)
    for number in range(70):  # 560 events: more than the server takes in one push
        a.take_in(f"第{number}件纠纷")
    monkeypatch.setattr(sync_session, "BATCH", 1000)
    report = a.sync()
    assert report.acknowledged == 560 and a.waiting() == 0
    assert a.server is not None and a.server.requests >= 3  # 413, then halves
    assert len(_server_ids(outpost_server)) == 560


def test_a_reinstalled_laptop_gets_its_village_back(
    outpost_server: RunningServer, laptops: dict[str, Laptop], tmp_path: Path
) -> None:
    a = laptops["a"]
    a.enroll(outpost_server)
    ids = {a.take_in("开弦弓村的纠纷"), a.take_in("第二件")}
    a.sync()
    again = Laptop(tmp_path / "reinstalled", VILLAGE, "王芳")
    try:
        again.enroll(outpost_server)
        again.sync()
        assert again.case_ids() == ids
        for table in ("cases", "parties", "intake_answers", "process_steps"):
            assert again.rows(table) == a.rows(table), table
    finally:
        again.close()


def test_a_failed_checksum_pulls_everything_again_and_keeps_the_outbox(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a, town = laptops["a"], laptops["town"]
    a.enroll(outpost_server)
    town.enroll(outpost_server)
    a.take_in("开弦弓村的纠纷")
    a.sync()
    town.sync()
    with town.book.store.unit_of_work() as session:  # a pulled row lost (a bad disk)
        from sqlalchemy import delete, func, select

        from casework.models import Pulled

        lowest = session.scalar(select(func.min(Pulled.server_seq)))
        session.execute(delete(Pulled).where(Pulled.server_seq == lowest))
    town.take_in("镇里自己的纠纷")  # waiting in the town's outbox meanwhile
    report = town.sync()
    assert report.repulled and town.waiting() == 0
    assert len(town.case_ids()) == 2


def test_clocks_a_year_off_still_order_and_apply(
    outpost_server: RunningServer, laptops: dict[str, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    from casework import hlc
    from casework.hlc import Timestamp
    from casework.models import Device

    a, b, town = laptops["a"], laptops["b"], laptops["town"]
    year_ms = 365 * 24 * 3600 * 1000
    with a.book.store.unit_of_work() as session:  # A's clock ran a year fast once
        device = session.query(Device).one()
        fast = Timestamp(int(dt.datetime.now(dt.UTC).timestamp() * 1000) + year_ms, 0)
        device.last_hlc = fast.encode()
    for laptop in (a, b, town):
        laptop.enroll(outpost_server)
    fast_case = a.take_in("开弦弓村的纠纷")
    real_wall = hlc._wall_ms
    monkeypatch.setattr(hlc, "_wall_ms", lambda: real_wall() - year_ms)  # B a year slow
    slow_case = b.take_in("庙港社区的纠纷")
    monkeypatch.setattr(hlc, "_wall_ms", real_wall)
    for laptop in (a, b, town):
        laptop.sync()
    assert town.case_ids() == {fast_case, slow_case}  # nothing refused for its clock
    # The town's next event on A's case orders after A's year-fast ones (history is in
    # clock order), though the town's wall clock is a year behind them.
    town.book.change_status(fast_case, CaseStatus.ESCALATED, "镇里接手")
    last = town.book.case_detail(fast_case).history[-1]
    assert last.type == "case.status_changed" and last.payload["to"] == "escalated"
    assert town.book.case_detail(fast_case).status == CaseStatus.ESCALATED


def test_an_attachment_upload_cut_mid_file_resumes_and_is_checked(
    outpost_server: RunningServer, laptops: dict[str, Laptop], tmp_path: Path
) -> None:
    import hashlib
    import os

    a = laptops["a"]
    proxy = FaultyProxy(("127.0.0.1", outpost_server.port))
    try:
        a.enroll(outpost_server, proxy.url)
        case_id = a.take_in("开弦弓村的纠纷")
        a.sync()  # the case's events first
        photo = tmp_path / "现场.png"
        content = b"\x89PNG\r\n\x1a\n" + os.urandom(2_500_000)  # three chunks
        photo.write_bytes(content)
        a.book.add_attachment(case_id, photo)
        digest = hashlib.sha256(content).hexdigest()
        assert a.server is not None
        a.server.backoff.base_s = 0.01
        # Cut the link in the middle of the second chunk's body (the push of the
        # attachment's event and the first chunk go through).
        proxy.inject(Fault(cut_upstream_after=1_600_000))
        report = a.sync()
    finally:
        proxy.close()
    status = TownServer(outpost_server.url, a.server.token if a.server else None)
    try:
        held = status.attachment_status(digest)
    finally:
        status.close()
    assert held.complete and held.received == len(content)
    assert report.uploaded == 1 and proxy.cut >= 1


def test_the_server_killed_mid_sync_loses_and_doubles_nothing(
    outpost_server_process: object, laptops: dict[str, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.server.harness import ServerProcess

    monkeypatch.setattr(sync_session, "BATCH", 50)  # several batches, to die between
    server = outpost_server_process
    assert isinstance(server, ServerProcess)
    a = laptops["a"]
    a.server = TownServer(server.url)
    sync_session.enroll(a.book, a.server, server.enrollment_code(VILLAGE))
    for number in range(30):
        a.take_in(f"第{number}件纠纷")
    a.server.backoff.base_s = 0.01
    pushed: list[int] = []

    def kill_after_first_batch(phase: str, done: int, of: int) -> None:
        if phase == "push" and not pushed:
            pushed.append(done)
            server.kill()  # SIGKILL, between two batches

    with pytest.raises(Unreachable):
        sync_session.synchronise(a.book, a.server, kill_after_first_batch)
    assert 0 < a.waiting() < 240
    server.start()  # same port, same store
    a.sync()
    assert a.waiting() == 0
    events = _pulled_ids(server.url, a.server.token)
    assert len(events) == len(set(events)) == 240


KILL_MID_APPLY = """
import os, signal, sys
from pathlib import Path
import resources
from casework import syncstate
from casework.casebook import open_casebook
from sync import session
from sync.client import TownServer

def die(*args, **kwargs):  # inside the page's transaction, after its rows are written
    os.kill(os.getpid(), signal.SIGKILL)

syncstate.set_cursor = die
book = open_casebook(Path(sys.argv[1]), resources.sample_org_tree())
with book.store.reading() as s:
    state = syncstate.enrollment(s)
session.synchronise(book, TownServer(state.server_url, state.token))
"""


def test_a_laptop_killed_while_applying_a_page_applies_it_whole_next_time(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    import subprocess
    import sys

    a, town = laptops["a"], laptops["town"]
    for laptop in (a, town):
        laptop.enroll(outpost_server)
    ids = {a.take_in("开弦弓村的纠纷"), a.take_in("第二件")}
    a.sync()
    town.book.close()  # the town laptop's app is the child process below
    child = subprocess.run([sys.executable, "-c", KILL_MID_APPLY, str(town.folder)],
                           capture_output=True, timeout=60)  # fmt: skip
    assert child.returncode == -9, child.stderr.decode()
    town.book = open_casebook(town.folder, resources.sample_org_tree())
    assert town.case_ids() == set()  # the page was never half applied
    town.sync()
    assert town.case_ids() == ids
    for table in STATE:
        assert town.rows(table) == a.rows(table), table


def test_a_client_too_old_is_told_so_in_words(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    from sync.protocol import PROTOCOL_HEADER, ErrorCode

    a = laptops["a"]
    a.enroll(outpost_server)
    a.take_in("开弦弓村的纠纷")
    assert a.server is not None
    a.server._http.headers[PROTOCOL_HEADER] = "0"  # as a release before the protocol
    with pytest.raises(SyncRefused) as refused:
        a.sync()
    assert refused.value.code is ErrorCode.CLIENT_TOO_OLD
    assert "update" in str(refused.value).lower() or "old" in str(refused.value).lower()
    assert a.waiting() == 8


def test_incompatible_status_changes_become_a_conflict_a_person_settles_everywhere(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    a, town = laptops["a"], laptops["town"]
    for laptop in (a, town):
        laptop.enroll(outpost_server)
    case_id = a.take_in("开弦弓村的纠纷")
    a.sync()
    town.sync()
    # Offline from each other: the village ends the mediation, then the town escalates.
    a.book.complete_step(case_id, "termination", {"reason": "一方不愿继续",
                                                  "other_routes_explained": "yes"})  # fmt: skip
    town.book.change_status(case_id, CaseStatus.ESCALATED, "镇里接手")
    for laptop in (a, town, a):
        laptop.sync()
    on_a, on_town = a.book.case_detail(case_id), town.book.case_detail(case_id)
    assert on_a.status == on_town.status == CaseStatus.TERMINATED  # the earlier change
    [conflict] = on_town.conflicts
    assert (conflict.kept_value, conflict.other_value) == ("terminated", "escalated")
    assert [(c.kept_value, c.other_value) for c in on_a.conflicts] == [("terminated", "escalated")]
    town.book.settle_conflict(conflict.id, take_other=False, note="村里已终止，维持")
    for laptop in (town, a):
        laptop.sync()
    assert a.book.case_detail(case_id).conflicts == []  # settled on every replica
    assert town.book.case_detail(case_id).conflicts == []
    for table in STATE:
        assert a.rows(table) == town.rows(table), table


def test_an_expired_cursor_pulls_everything_again_and_keeps_the_outbox(
    outpost_server: RunningServer, laptops: dict[str, Laptop]
) -> None:
    from casework import syncstate

    a, town = laptops["a"], laptops["town"]
    for laptop in (a, town):
        laptop.enroll(outpost_server)
    ids = {a.take_in("开弦弓村的纠纷")}
    a.sync()
    town.sync()
    with town.book.store.unit_of_work() as session:  # a cursor the server never gave out
        syncstate.set_cursor(session, 10**9)
    ids.add(town.take_in("镇里自己的纠纷"))
    report = town.sync()
    assert report.repulled and town.waiting() == 0 and town.case_ids() == ids


def test_the_server_killed_in_the_middle_of_a_push_stores_it_once(
    outpost_server_process: object, laptops: dict[str, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tests.server.harness import ServerProcess

    server = outpost_server_process
    assert isinstance(server, ServerProcess)
    monkeypatch.setattr(sync_session, "BATCH", 40)
    a = laptops["a"]
    proxy = FaultyProxy(("127.0.0.1", server.port))
    try:
        a.server = TownServer(proxy.url)
        sync_session.enroll(a.book, a.server, server.enrollment_code(VILLAGE))
        for number in range(40):
            a.take_in(f"第{number}件纠纷")
        a.server.backoff.base_s = 0.01
        # Every exchange crawls through the proxy; the server dies while one is under way.
        proxy.inject(Fault(delay_s=0.05, connections=1000))
        killer = threading.Timer(0.4, server.kill)
        killer.start()
        with pytest.raises(Unreachable):
            sync_session.synchronise(a.book, a.server)
        killer.join()
        proxy.inject(Fault(connections=0))
        server.start()
        a.sync()
    finally:
        proxy.close()
    assert a.waiting() == 0
    ids = _pulled_ids(server.url, a.server.token)
    assert len(ids) == len(set(ids)) == 320
