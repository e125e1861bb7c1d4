"""Rate limits: a token bucket per device on the authenticated routes, per address on
enrollment; over the limit a 429 with Retry-After, which the sync client waits out."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
import requests

from sync.client import Backoff, SyncRefused, TownServer
from sync.protocol import ErrorBody, ErrorCode
from sync.server.services.ratelimit import RateLimiter
from sync.server.settings import ServerSettings
from tests.server.harness import HEADERS, RunningServer


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_serves_a_burst_then_the_steady_rate() -> None:
    clock = _Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(1.0)  # one a second: wait a second
    assert limiter.take("b") == 0.0  # every key has its own bucket
    clock.now += 0.5
    assert limiter.take("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert limiter.take("a") == 0.0
    clock.now += 3600  # an hour of silence earns no more than the burst
    assert [limiter.take("a") for _ in range(4)][-1] > 0
    assert RateLimiter(per_minute=0, burst=1).take("a") == 0.0  # 0: no limit


def _server(settings: ServerSettings, **limits: float) -> RunningServer:
    server = RunningServer(settings.model_copy(update=limits))
    server.import_sample_tree()
    return server.start()


@pytest.fixture
def strict_server(server_settings: ServerSettings) -> Iterator[RunningServer]:
    """A server that takes 3 requests at once from a device, then one every 2 seconds."""
    server = _server(server_settings, device_requests_per_minute=30, device_burst=3)
    yield server
    server.stop()


VILLAGE, OTHER_VILLAGE = "320509003001", "320509003002"


def test_a_device_over_its_limit_gets_a_429_and_others_do_not(
    strict_server: RunningServer,
) -> None:
    device, other = strict_server.enroll(VILLAGE), strict_server.enroll(OTHER_VILLAGE)
    url = f"{strict_server.url}/v1/pull"
    answers = [requests.get(url, headers=device.headers, timeout=5) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/json"
    wait = int(refused.headers["retry-after"])
    assert wait in (1, 2)
    body = ErrorBody.model_validate_json(refused.content)
    assert body.error is ErrorCode.RATE_LIMITED and body.detail == {"retry_after_s": wait}
    assert requests.get(url, headers=other.headers, timeout=5).status_code == 200


def test_the_client_waits_a_429_out_and_gets_its_answer(strict_server: RunningServer) -> None:
    device = strict_server.enroll(VILLAGE)
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    client = TownServer(strict_server.url, device.token, backoff=Backoff(sleep=sleep))
    try:
        pages = [client.pull(0) for _ in range(4)]
    finally:
        client.close()
    assert all(not page.more for page in pages)
    assert slept and min(slept) >= 1.0  # the server's Retry-After, not the short backoff
    assert client.requests == 5  # one of them answered 429, and was sent again


def test_a_client_told_to_wait_too_often_gives_up_with_the_refusal(
    strict_server: RunningServer,
) -> None:
    device = strict_server.enroll(VILLAGE)
    client = TownServer(strict_server.url, device.token, backoff=Backoff(attempts=1))
    try:
        for _ in range(3):
            client.pull(0)
        with pytest.raises(SyncRefused) as refused:
            client.pull(0)
    finally:
        client.close()
    assert (refused.value.status, refused.value.code) == (429, ErrorCode.RATE_LIMITED)


def test_enrollment_attempts_are_limited_per_address(server_settings: ServerSettings) -> None:
    server = _server(server_settings, enroll_attempts_per_minute=1, enroll_burst=2)
    try:
        code = server.enrollment_code(VILLAGE)
        guesses = [
            requests.post(
                f"{server.url}/v1/enroll",
                json={"code": f"GUESS-{n:04d}", "device_id": str(uuid.uuid4())},
                headers=HEADERS,
                timeout=5,
            )
            for n in range(2)
        ]
        assert [g.status_code for g in guesses] == [403, 403]
        # Even the right code waits now: a guesser cannot tell a hit from the limit.
        right = {"code": code, "device_id": str(uuid.uuid4())}
        answer = requests.post(f"{server.url}/v1/enroll", json=right, headers=HEADERS, timeout=5)
        assert answer.status_code == 429
        assert int(answer.headers["retry-after"]) == 60
        assert ErrorBody.model_validate_json(answer.content).error is ErrorCode.RATE_LIMITED
    finally:
        server.stop()


def test_the_default_limit_lets_a_whole_sync_through(server_settings: ServerSettings) -> None:
    """`python -m bench sync` makes about 70 requests in a few seconds from one device."""
    server = _server(server_settings)
    try:
        device = server.enroll(VILLAGE)
        url = f"{server.url}/v1/pull"
        with requests.Session() as http:
            statuses = {http.get(url, headers=device.headers, timeout=5).status_code
                        for _ in range(100)}  # fmt: skip
        assert statuses == {200}
    finally:
        server.stop()


def test_behind_a_trusted_proxy_each_laptops_address_has_its_own_limit(
    server_settings: ServerSettings,
) -> None:
    """nginx on the same machine (127.0.0.1, trusted by default) forwards the laptop's
    address in X-Forwarded-For (docs/tls.md)."""
    server = _server(server_settings, enroll_attempts_per_minute=1, enroll_burst=1)

    def attempt(address: str) -> int:
        body = {"code": "GUESS-0000", "device_id": str(uuid.uuid4())}
        headers = {**HEADERS, "X-Forwarded-For": address}
        url = f"{server.url}/v1/enroll"
        return requests.post(url, json=body, headers=headers, timeout=5).status_code

    try:
        assert [attempt("10.1.0.7"), attempt("10.1.0.8"), attempt("10.1.0.7")] == [403, 403, 429]
    finally:
        server.stop()
