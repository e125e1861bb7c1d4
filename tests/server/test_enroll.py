"""Enrollment with one-time codes: single use, expiry, unknown codes, the answer."""

from __future__ import annotations

import uuid

import requests

from sync.protocol import DeviceRole, EnrollResponse, ErrorBody, ErrorCode
from tests.server.harness import HEADERS, RunningServer, Tree


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
