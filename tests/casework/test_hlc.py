"""The hybrid logical clock never runs backwards, whatever the wall clock does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.hlc import HybridClock, Timestamp


def test_encoding_sorts_like_the_clock_and_round_trips() -> None:
    stamps = [Timestamp(5, 2), Timestamp(5, 10), Timestamp(40, 0), Timestamp(1_700_000_000_000, 3)]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]
    assert all(Timestamp.decode(s.encode()) == s for s in stamps)
    with pytest.raises(ValueError):
        Timestamp.decode("yesterday")


def test_a_wall_clock_set_back_does_not_reorder_events() -> None:
    walls = iter([1000, 1000, 400, 400, 2000])
    clock = HybridClock(wall=lambda: next(walls))
    stamps = [clock.tick() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    assert stamps[2] == Timestamp(1000, 2)  # kept going past the jump back
    assert stamps[4] == Timestamp(2000, 0)  # and follows the wall clock once it is ahead


def test_observing_a_clock_ahead_moves_past_it() -> None:
    clock = HybridClock(wall=lambda: 100)
    remote = Timestamp(5000, 7)
    assert clock.observe(remote) == Timestamp(5000, 8)
    assert clock.tick() > remote


@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.booleans(), st.integers(0, 10_000)), max_size=50)
)
def test_timestamps_strictly_increase(steps: list[tuple[int, bool, int]]) -> None:
    wall = [0]
    clock = HybridClock(wall=lambda: wall[0])
    last = clock.last
    for now, observe, remote_wall in steps:
        wall[0] = now
        stamp = clock.observe(Timestamp(remote_wall, 0)) if observe else clock.tick()
        assert stamp > last
        last = stamp
