"""Enrollment with one-time codes: single use, expiry, unknown codes, the answer; tokens
kept only as hashes, and a revocation that bites at the next request."""

from __future__ import annotations

import hashlib
import uuid

import pytest
import requests
from sqlalchemy import select

from sync.client import SyncRefused, TownServer
from sync.protocol import DeviceRole, EnrollResponse, ErrorBody, ErrorCode, Outcome
from sync.server.models import Device, EnrollmentCode
from sync.server.services.devices import normalize_code
from tests.server.harness import HEADERS, RunningServer, Tree, event


def _enroll(
    url: str, code: str, device_id: str | None = None, **extra: object
) -> requests.Response:
    body = {"code": code, "device_id": device_id or str(uuid.uuid4()), "device_name": "笔记本"}
    return requests.post(f"{url}/v1/enroll", json={**body, **extra}, headers=HEADERS, timeout=10)


def _refusal(answer: requests.Response, status: int, code: ErrorCode) -> ErrorBody:
    assert answer.status_code == status, answer.text
    body = ErrorBody.model_validate_json(answer.content)
    assert body.error is code
    assert body.message
    return body


def test_a_village_laptop_gets_its_token_role_and_tree(
    shared_server: RunningServer, tree: Tree
) -> None:
    answer = _enroll(shared_server.url, shared_server.enrollment_code(tree.village_a1))
    assert answer.status_code == 200, answer.text
    enrolled = EnrollResponse.model_validate_json(answer.content)
    assert enrolled.role is DeviceRole.VILLAGE
    assert (enrolled.org_unit_code, enrolled.org_unit_name) == (tree.village_a1, "甲一村")
    assert len(enrolled.token) >= 40
    # Its ancestors, then its own subtree, parents first: a tree the laptop can load.
    codes = [u.code for u in enrolled.units]
    assert codes == [tree.district, tree.town_a, tree.village_a1, tree.grid_a1]
    assert enrolled.server_hlc


def test_a_town_laptop_sees_its_villages(shared_server: RunningServer, tree: Tree) -> None:
    answer = _enroll(shared_server.url, shared_server.enrollment_code(tree.town_a))
    enrolled = EnrollResponse.model_validate_json(answer.content)
    assert enrolled.role is DeviceRole.TOWN
    codes = {u.code for u in enrolled.units}
    assert {tree.village_a1, tree.village_a2, tree.grid_a1} < codes
    assert tree.village_b1 not in codes


def test_a_code_enrolls_one_device_only(shared_server: RunningServer, tree: Tree) -> None:
    code = shared_server.enrollment_code(tree.village_a1)
    assert _enroll(shared_server.url, code).status_code == 200
    body = _refusal(_enroll(shared_server.url, code), 403, ErrorCode.BAD_CODE)
    assert "already used" in body.message


def test_a_code_is_typed_in_any_case_with_spaces(shared_server: RunningServer, tree: Tree) -> None:
    code = shared_server.enrollment_code(tree.village_a1)
    typed = " " + code.lower().replace("-", " ") + " "
    assert _enroll(shared_server.url, typed).status_code == 200


def test_an_expired_code_is_refused(shared_server: RunningServer, tree: Tree) -> None:
    code = shared_server.enrollment_code(tree.village_a1, hours=-1)
    body = _refusal(_enroll(shared_server.url, code), 403, ErrorCode.BAD_CODE)
    assert "expired" in body.message


def test_an_unknown_code_is_refused(shared_server: RunningServer) -> None:
    body = _refusal(_enroll(shared_server.url, "ABCD-EFGH-JKMN"), 403, ErrorCode.BAD_CODE)
    assert "unknown" in body.message


def test_a_refused_enrollment_leaves_the_code_unused(
    shared_server: RunningServer, tree: Tree
) -> None:
    code = shared_server.enrollment_code(tree.village_a1)
    training = _enroll(shared_server.url, code, training=True)
    _refusal(training, 403, ErrorCode.TRAINING_REFUSED)
    assert _enroll(shared_server.url, code).status_code == 200


def test_enrolling_again_replaces_the_token(shared_server: RunningServer, tree: Tree) -> None:
    device_id = str(uuid.uuid4())
    first = _enroll(shared_server.url, shared_server.enrollment_code(tree.village_a1), device_id)
    second = _enroll(shared_server.url, shared_server.enrollment_code(tree.village_a1), device_id)
    old, new = (EnrollResponse.model_validate_json(a.content).token for a in (first, second))
    for token, status in ((old, 401), (new, 200)):
        headers = {**HEADERS, "Authorization": f"Bearer {token}"}
        assert requests.get(f"{shared_server.url}/v1/pull", headers=headers).status_code == status
    other_unit = _enroll(
        shared_server.url, shared_server.enrollment_code(tree.village_a2), device_id
    )
    _refusal(other_unit, 409, ErrorCode.BAD_REQUEST)


def test_a_malformed_enrollment_is_a_400(shared_server: RunningServer) -> None:
    answer = _enroll(shared_server.url, "ABCD-EFGH", device_id="not-a-uuid")
    body = _refusal(answer, 400, ErrorCode.BAD_REQUEST)
    assert body.detail["problems"][0]["loc"] == ["device_id"]


def test_a_replayed_code_enrolls_nobody(shared_server: RunningServer, tree: Tree) -> None:
    code = shared_server.enrollment_code(tree.village_a1)
    assert _enroll(shared_server.url, code).status_code == 200
    stranger = str(uuid.uuid4())
    _refusal(_enroll(shared_server.url, code, stranger), 403, ErrorCode.BAD_CODE)
    with shared_server.runtime.store.reading() as session:
        assert session.get(Device, stranger) is None


def test_neither_tokens_nor_codes_are_stored_in_the_clear(
    shared_server: RunningServer, tree: Tree
) -> None:
    code = shared_server.enrollment_code(tree.village_a1)
    answer = _enroll(shared_server.url, code)
    token = EnrollResponse.model_validate_json(answer.content).token
    with shared_server.runtime.store.reading() as session:
        rows = [
            tuple(map(str, row))
            for table in (Device.__table__, EnrollmentCode.__table__)
            for row in session.execute(select(table))
        ]
        held = session.scalars(select(Device.token_hash)).all()
    stored = repr(rows)
    assert tree.village_a1 in stored  # the columns' values, read
    assert token not in stored
    assert normalize_code(code) not in stored and code not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in held


def test_a_device_revoked_mid_sync_is_refused_at_its_next_request(
    shared_server: RunningServer, tree: Tree
) -> None:
    device = shared_server.enroll(tree.village_a1)
    laptop = TownServer(shared_server.url, device.token)
    try:
        pushed = laptop.push([event(device) for _ in range(3)])
        assert {r.outcome for r in pushed.results} == {Outcome.APPLIED}
        first_page = laptop.pull(0, limit=1)
        assert first_page.more
        shared_server.revoke(device.id)  # between two requests of one sync session
        with pytest.raises(SyncRefused) as refused:
            laptop.pull(first_page.next_cursor, limit=1)
    finally:
        laptop.close()
    assert (refused.value.status, refused.value.code) == (401, ErrorCode.UNAUTHORIZED)
    assert "revoked" in str(refused.value)
