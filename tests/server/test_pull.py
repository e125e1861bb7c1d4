"""Pull by cursor: pages in seq order, the scope's checksum, the watermark, isolation."""

from __future__ import annotations

from sync.protocol import PULL_PAGE, Outcome, PushResponse, checksum
from tests.server.harness import (
    EnrolledDevice,
    RunningServer,
    Tree,
    event,
    pull,
    pull_all,
    push,
)


def test_pages_follow_the_cursor_with_a_checksum_each(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    pushed = push(shared_server.url, village_a1, [event(village_a1) for _ in range(7)])
    seqs = [r.server_seq for r in pushed.results]
    first = pull(shared_server.url, village_a1, cursor=0, limit=3)
    assert [e.server_seq for e in first.events] == seqs[:3]
    assert (first.more, first.next_cursor) == (True, seqs[2])
    assert first.checksum == checksum(3, sum(seqs[:3]))
    second = pull(shared_server.url, village_a1, cursor=first.next_cursor, limit=3)
    assert [e.server_seq for e in second.events] == seqs[3:6]
    held = pull_all(shared_server.url, village_a1, limit=3)
    assert [e.server_seq for e in held] == seqs
    assert [e.id for e in held] == [r.id for r in pushed.results]


def test_the_last_page_ends_at_the_watermark_and_is_empty_after(
    shared_server: RunningServer, tree: Tree, village_a1: EnrolledDevice
) -> None:
    push(shared_server.url, village_a1, [event(village_a1)])
    other = shared_server.enroll(tree.village_b1)
    later = push(shared_server.url, other, [event(other)]).results[0].server_seq
    page = pull(shared_server.url, village_a1)
    assert len(page.events) == 1 and not page.more
    assert page.next_cursor >= later  # past the other village's event, for good
    again = pull(shared_server.url, village_a1, cursor=page.next_cursor)
    assert (again.events, again.more, again.checksum) == ([], False, page.checksum)


def test_a_cursor_beyond_the_watermark_or_negative_has_expired(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    top = pull(shared_server.url, village_a1).next_cursor
    for cursor in (top + 1_000_000, -1):
        page = pull(shared_server.url, village_a1, cursor=cursor)
        assert page.cursor_expired and page.events == [] and page.next_cursor == 0


def test_a_page_is_at_most_the_protocol_page(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    for _ in range(PULL_PAGE // 300 + 1):
        push(shared_server.url, village_a1, [event(village_a1) for _ in range(300)])
    page = pull(shared_server.url, village_a1, limit=10_000)
    assert len(page.events) == PULL_PAGE and page.more


def test_a_village_never_receives_another_villages_events(
    shared_server: RunningServer, tree: Tree, village_a1: EnrolledDevice
) -> None:
    a2 = shared_server.enroll(tree.village_a2)
    b1 = shared_server.enroll(tree.village_b1)
    town_a = shared_server.enroll(tree.town_a)
    district = shared_server.enroll(tree.district)
    mine = push(shared_server.url, village_a1, [event(village_a1) for _ in range(2)])
    grid = push(shared_server.url, village_a1, [event(village_a1, unit=tree.grid_a1)])
    theirs = push(shared_server.url, a2, [event(a2) for _ in range(3)])
    far = push(shared_server.url, b1, [event(b1)])
    towns = push(shared_server.url, town_a, [event(town_a, unit=tree.town_a)])

    def ids(*answers: PushResponse) -> set[str]:
        return {r.id for a in answers for r in a.results}

    def held(device: EnrolledDevice) -> set[str]:
        return {e.id for e in pull_all(shared_server.url, device, limit=2)}

    assert held(village_a1) == ids(mine, grid)
    assert held(a2) == ids(theirs)
    assert held(b1) == ids(far)
    # The town sees itself and its villages (their grids too), not the other town's.
    assert held(town_a) == ids(mine, grid, theirs, towns)
    assert held(district) == ids(mine, grid, theirs, far, towns)


def test_what_is_pulled_is_what_was_pushed(
    shared_server: RunningServer, tree: Tree, village_a1: EnrolledDevice
) -> None:
    # The start of a hash chain, a link (one that does not fit is stored as sent all the
    # same), and an event of a client older than the chain.
    sent = [
        event(village_a1, payload={"当事人": ["张建国", "李秀英"], "amount": 1.5, "x": None},
              prev_hash=""),
        event(village_a1, prev_hash="5e" * 32),
        event(village_a1),
    ]  # fmt: skip
    answer = push(shared_server.url, village_a1, sent)
    assert [r.outcome for r in answer.results] == [Outcome.APPLIED] * 3
    town = shared_server.enroll(tree.town_a)
    got = pull_all(shared_server.url, town)
    fields = [e.model_dump(mode="json", exclude={"server_seq", "received_at"}) for e in got]
    assert fields == [
        {"prev_hash": None, **e, "recorded_at": "2026-11-28T09:30:00+08:00"} for e in sent
    ]
    assert [e.prev_hash for e in got] == ["", "5e" * 32, None]
    assert all(e.received_at.tzinfo is not None for e in got)
