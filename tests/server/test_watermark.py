"""The committed watermark: a pull never sees past a push still in flight, and pulls
that run beside many pushes skip no row (DESIGN.md §4, on PostgreSQL above all)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

from sync.protocol import Outcome
from sync.server.services import eventlog
from tests.server.harness import EnrolledDevice, RunningServer, Tree, event, pull, push


def test_a_pull_stops_below_a_push_not_yet_committed(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    # (The device was just seen, so the pull below writes nothing: on SQLite it would
    # otherwise wait for the write lock this test holds.)
    push(shared_server.url, village_a1, [event(village_a1)])
    before = pull(shared_server.url, village_a1)
    store = shared_server.runtime.store
    with store.unit_of_work() as session:  # a push that has numbered its rows, uncommitted
        state = eventlog.lock_state(session)
        state.last_seq += 1
        row = {c: None for c in eventlog.COLUMNS} | {
            "server_seq": state.last_seq,
            "id": str(uuid.uuid4()),
            "device_id": village_a1.id,
            "device_seq": 999,
            "hlc": "0",
            "org_unit_code": village_a1.unit,
            "author_id": "a",
            "author_name": "a",
            "type": "t",
            "payload": "{}",
            "schema_version": 1,
            "recorded_at": "2026-01-01T00:00:00Z",
            "content_hash": "0" * 64,
        }
        eventlog.insert_events(session, [row], received_at=dt.datetime.now(dt.UTC))
        session.flush()
        during = pull(shared_server.url, village_a1, cursor=before.next_cursor)
        assert (during.events, during.next_cursor) == ([], before.next_cursor)
    after = pull(shared_server.url, village_a1, cursor=before.next_cursor)
    assert [e.device_seq for e in after.events] == [999]


def test_pulls_beside_concurrent_pushes_skip_nothing(
    shared_server: RunningServer, tree: Tree
) -> None:
    town = shared_server.enroll(tree.town_a)
    pushers = [shared_server.enroll(code) for code in (tree.village_a1, tree.village_a2) * 2]
    applied: set[str] = set()
    failures: list[BaseException] = []  # a pusher's own failure, said as such below
    lock = threading.Lock()

    def keep_pushing(device: EnrolledDevice) -> None:
        try:
            for _ in range(8):
                answer = push(shared_server.url, device, [event(device) for _ in range(15)])
                assert {r.outcome for r in answer.results} == {Outcome.APPLIED}
                with lock:
                    applied.update(r.id for r in answer.results)
        except BaseException as failure:  # reported by the main thread, below
            with lock:
                failures.append(failure)

    threads = [threading.Thread(target=keep_pushing, args=(d,)) for d in pushers]
    for thread in threads:
        thread.start()
    held: dict[str, int] = {}
    cursor = 0

    def pull_once() -> bool:
        nonlocal cursor
        page = pull(shared_server.url, town, cursor=cursor, limit=37)
        for e in page.events:
            assert e.id not in held, "pulled twice"
            held[e.id] = e.server_seq
        cursor = page.next_cursor
        assert page.checksum.split(":")[0] == str(len(held))
        return page.more

    while any(t.is_alive() for t in threads):
        pull_once()
    for thread in threads:
        thread.join()
    while pull_once():  # drained page by page, with the same page size
        pass
    assert not failures, f"a pushing thread failed (not a skipped row): {failures!r}"
    assert set(held) == applied and len(applied) == 4 * 8 * 15
