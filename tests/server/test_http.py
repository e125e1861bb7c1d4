"""The HTTP edges: protocol versions, tokens, gzip both ways, caps on every body,
malformed bodies."""

from __future__ import annotations

import gzip
import json

import pytest
import requests

from sync.protocol import (
    MAX_BODY_BYTES,
    MAX_CHUNK_BYTES,
    MAX_EVENTS_PER_PUSH,
    PROTOCOL_HEADER,
    ErrorBody,
    ErrorCode,
    Outcome,
    Ping,
    PushResponse,
)
from sync.server.deps import SMALL_BODY_BYTES
from tests.server.harness import EnrolledDevice, RunningServer, Tree, event, push


def _error(answer: requests.Response, status: int, code: ErrorCode) -> ErrorBody:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/json"
    body = ErrorBody.model_validate_json(answer.content)
    assert body.error is code
    return body


def test_ping_needs_neither_token_nor_header(shared_server: RunningServer) -> None:
    answer = requests.get(f"{shared_server.url}/v1/ping", timeout=5)
    ping = Ping.model_validate_json(answer.content)
    assert (ping.protocol, ping.oldest_supported) == (1, 1)


@pytest.mark.parametrize("version", [None, "0"])
def test_a_client_too_old_is_told_in_words(
    shared_server: RunningServer, village_a1: EnrolledDevice, version: str | None
) -> None:
    headers = {k: v for k, v in village_a1.headers.items() if k != PROTOCOL_HEADER}
    if version is not None:
        headers[PROTOCOL_HEADER] = version
    for answer in (
        requests.get(f"{shared_server.url}/v1/pull", headers=headers, timeout=5),
        requests.post(f"{shared_server.url}/v1/push", json={"events": []}, headers=headers),
        requests.post(f"{shared_server.url}/v1/enroll", json={}, headers=headers),
    ):
        body = _error(answer, 426, ErrorCode.CLIENT_TOO_OLD)
        assert "Update Outpost" in body.message
        assert body.detail == {"protocol": 1, "oldest_supported": 1}
    ping = requests.get(f"{shared_server.url}/v1/ping", headers={PROTOCOL_HEADER: "0"})
    _error(ping, 426, ErrorCode.CLIENT_TOO_OLD)


@pytest.mark.parametrize(("version", "words"), [("two", "whole number"), ("2", "newer")])
def test_a_strange_protocol_header_is_a_400(
    shared_server: RunningServer, village_a1: EnrolledDevice, version: str, words: str
) -> None:
    headers = {**village_a1.headers, PROTOCOL_HEADER: version}
    answer = requests.get(f"{shared_server.url}/v1/pull", headers=headers, timeout=5)
    assert words in _error(answer, 400, ErrorCode.BAD_REQUEST).message


@pytest.mark.parametrize("authorization", [None, "Bearer nonsense", "Basic dXNlcjpwdw=="])
def test_no_or_an_unknown_token_is_refused(
    shared_server: RunningServer, village_a1: EnrolledDevice, authorization: str | None
) -> None:
    headers = {k: v for k, v in village_a1.headers.items() if k != "Authorization"}
    if authorization:
        headers["Authorization"] = authorization
    answer = requests.get(f"{shared_server.url}/v1/pull", headers=headers, timeout=5)
    _error(answer, 401, ErrorCode.UNAUTHORIZED)
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_revoked_token_is_refused_at_once(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    assert push(shared_server.url, village_a1, [event(village_a1)]).results
    shared_server.revoke(village_a1.id)
    answer = requests.post(
        f"{shared_server.url}/v1/push",
        json={"events": [event(village_a1)]},
        headers=village_a1.headers,
        timeout=5,
    )
    assert "revoked" in _error(answer, 401, ErrorCode.UNAUTHORIZED).message
    pulled = requests.get(f"{shared_server.url}/v1/pull", headers=village_a1.headers)
    _error(pulled, 401, ErrorCode.UNAUTHORIZED)


def _post(
    server: RunningServer, device: EnrolledDevice, body: bytes, **headers: str
) -> requests.Response:
    return requests.post(
        f"{server.url}/v1/push",
        data=body,
        headers={**device.headers, "Content-Type": "application/json", **headers},
        timeout=30,
    )


def test_a_gzip_body_is_read_and_the_answer_comes_back_gzip(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    events = [event(village_a1) for _ in range(50)]
    body = gzip.compress(json.dumps({"events": events}).encode())
    answer = _post(shared_server, village_a1, body, **{"Content-Encoding": "gzip"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-encoding"] == "gzip"
    results = PushResponse.model_validate_json(answer.content).results
    assert {r.outcome for r in results} == {Outcome.APPLIED}


def test_a_body_over_the_cap_is_a_413(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    raw = b'{"events": [' + b" " * (MAX_BODY_BYTES + 1) + b"]}"
    body = _error(_post(shared_server, village_a1, raw), 413, ErrorCode.TOO_LARGE)
    assert body.detail == {"limit": MAX_BODY_BYTES}
    # A small gzip body that would inflate past the cap is refused the same way.
    bomb = gzip.compress(raw)
    assert len(bomb) < 100_000
    answer = _post(shared_server, village_a1, bomb, **{"Content-Encoding": "gzip"})
    _error(answer, 413, ErrorCode.TOO_LARGE)


def test_too_many_events_in_one_push_is_a_413(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    events = [event(village_a1) for _ in range(MAX_EVENTS_PER_PUSH + 1)]
    answer = _post(shared_server, village_a1, json.dumps({"events": events}).encode())
    _error(answer, 413, ErrorCode.TOO_LARGE)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"{not json", {}),
        (b"[1, 2]", {}),
        (b'{"events": "many"}', {}),
        (b"\xff\xfe", {}),
        (b"not gzip at all", {"Content-Encoding": "gzip"}),
        (gzip.compress(b'{"events": []}')[:-6], {"Content-Encoding": "gzip"}),
        (b'{"events": []}', {"Content-Encoding": "br"}),
    ],
)
def test_a_malformed_body_is_a_400_with_a_reason(
    shared_server: RunningServer,
    village_a1: EnrolledDevice,
    body: bytes,
    headers: dict[str, str],
) -> None:
    answer = _post(shared_server, village_a1, body, **headers)
    assert _error(answer, 400, ErrorCode.BAD_REQUEST).message


def test_malformed_parameters_and_paths_get_json_errors(
    shared_server: RunningServer, village_a1: EnrolledDevice
) -> None:
    url = shared_server.url
    bad_cursor = requests.get(f"{url}/v1/pull?cursor=abc", headers=village_a1.headers)
    assert _error(bad_cursor, 400, ErrorCode.BAD_REQUEST).detail["problems"]
    _error(requests.get(f"{url}/v1/nowhere", headers=village_a1.headers), 404, ErrorCode.NOT_FOUND)
    _error(
        requests.delete(f"{url}/v1/push", headers=village_a1.headers), 405, ErrorCode.BAD_REQUEST
    )


def _routes_with_bodies(account_id: str) -> dict[str, tuple[str, int]]:
    """Every route that takes a body: its path and the most it takes."""
    return {
        "enroll": ("/v1/enroll", SMALL_BODY_BYTES),
        "push": ("/v1/push", MAX_BODY_BYTES),
        "chunk": (f"/v1/attachments/{'ab' * 32}?offset=0", MAX_CHUNK_BYTES),
        "password": (f"/v1/accounts/{account_id}/password", SMALL_BODY_BYTES),
    }


@pytest.mark.parametrize("route", ["enroll", "push", "chunk", "password"])
@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_every_body_over_its_cap_is_a_413(
    shared_server: RunningServer,
    tree: Tree,
    village_a1: EnrolledDevice,
    route: str,
    gzipped: bool,
) -> None:
    account = shared_server.add_account(tree.village_a1, f"cap-{route}-{gzipped}-{tree.district}")
    path, cap = _routes_with_bodies(account)[route]
    body = b'{"code": "' + b"A" * cap + b'"}'
    headers = {**village_a1.headers, "Content-Type": "application/json"}
    if gzipped:  # small on the wire, too large once inflated
        body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
    method = "PUT" if route == "chunk" else "POST"
    answer = requests.request(method, shared_server.url + path, data=body, headers=headers)
    assert _error(answer, 413, ErrorCode.TOO_LARGE).detail == {"limit": cap}


@pytest.mark.parametrize("route", ["enroll", "password"])
@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b""])
def test_a_malformed_enrollment_or_password_change_is_a_400(
    shared_server: RunningServer,
    tree: Tree,
    village_a1: EnrolledDevice,
    route: str,
    body: bytes,
) -> None:
    account = shared_server.add_account(tree.village_a1, f"bad-{tree.district}")
    path, _ = _routes_with_bodies(account)[route]
    headers = {**village_a1.headers, "Content-Type": "application/json"}
    answer = requests.post(shared_server.url + path, data=body, headers=headers, timeout=5)
    assert _error(answer, 400, ErrorCode.BAD_REQUEST).message
