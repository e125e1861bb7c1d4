"""The sync benchmark's machinery at a small scale: every figure is there, and every
event pushed is stored once and pulled once (no timing is checked)."""

from __future__ import annotations

import pytest

from bench import sync

EVENTS = 300

FIGURES = (
    "events", "database", "rounds", "push_batch", "session_batch", "pull_page",
    "push_events_per_s", "pull_events_per_s", "bytes_per_event", "requests",
    "overhead_vs_raw_insert", "push_s", "push_wire_s", "pull_s", "pull_wire_s",
    "pull_wire_events_per_s", "raw_insert_s", "raw_insert_batch", "raw_insert_one_transaction_s",
    "push_bytes_per_event", "pull_bytes_per_event", "push_bytes_up", "push_bytes_down",
    "pull_bytes_up", "pull_bytes_down", "push_requests", "pull_requests",
    "push_events_per_s_at_session_batch", "push_bytes_per_event_at_session_batch",
)  # fmt: skip
TARGETS = ("push_events_per_s", "pull_events_per_s", "bytes_per_event", "overhead_vs_raw_insert")


@pytest.fixture(scope="module")
def figures() -> dict[str, float | int | str]:
    """One round at a small scale, with a push batch below the session's, so that the
    outbox takes several pushes."""
    return sync.measure(EVENTS, rounds=1, batch=64)


def test_every_figure_is_there_with_its_target(figures: dict[str, float | int | str]) -> None:
    missing = [key for key in FIGURES if key not in figures]
    assert missing == []
    assert all(f"{key}_target" in figures for key in TARGETS)
    numbers = {k: v for k, v in figures.items() if k in FIGURES and k != "database"}
    assert all(isinstance(v, int | float) and v > 0 for v in numbers.values()), numbers
    assert figures["database"] == "sqlite" and figures["push_batch"] == 64


def test_every_event_is_pushed_stored_and_pulled_once(
    figures: dict[str, float | int | str],
) -> None:
    sent = figures["events"]
    assert isinstance(sent, int) and sent >= EVENTS
    assert figures["pushed"] == figures["on_server"] == figures["pulled"] == sent
    assert figures["held_by_puller"] == sent
    assert figures["left_in_outbox"] == figures["refused"] == figures["repulled"] == 0
    pushes, pulls = figures["push_requests"], figures["pull_requests"]
    assert isinstance(pushes, int) and isinstance(pulls, int)
    assert pushes == -(-sent // 64)  # whole batches, none refused
    assert figures["requests"] == pushes + pulls
    sync.check(figures)
