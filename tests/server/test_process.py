"""`outpost-server serve` as its own process: migrations on start, and a SIGKILL loses
nothing that was answered."""

from __future__ import annotations

from sync.protocol import Outcome
from tests.server.harness import ServerProcess, event, pull_all, push

VILLAGE = "320509003001"


def test_a_killed_server_comes_back_with_all_it_answered(
    outpost_server_process: ServerProcess,
) -> None:
    server = outpost_server_process
    device = server.enroll(VILLAGE)
    answered = push(server.url, device, [event(device) for _ in range(20)])
    last_clock = answered.server_hlc
    server.kill()
    server.start()
    held = pull_all(server.url, device)
    assert [e.id for e in held] == [r.id for r in answered.results]
    again = push(server.url, device, [event(device)])
    assert again.results[0].outcome is Outcome.APPLIED
    assert again.server_hlc > last_clock  # the clock never runs back over a restart
