"""The server against its own OpenAPI schema (/v1/openapi.json): schemathesis sends what
the schema allows, and what it does not, over HTTP to a real server with a real device
token; no answer may be a 5xx, or a status, a content type or a body the schema does not
declare, and a request the schema calls invalid must be refused."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

from sync.server.settings import ServerSettings
from tests.server.harness import EnrolledDevice, RunningServer

EXAMPLES = 25  # per operation and mode: 8 operations, about 20 s in all
# What is checked. Not positive_data_acceptance: a request the schema allows may still
# be refused for what no schema can say (a spent enrollment code, a hash that only looks
# like argon2id, a time a day ahead, an offset the server does not hold), with a 4xx.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
]

# How this server refuses what the schema forbids: schemathesis's own list lacks 413 (more
# events than a push may carry) and 426.
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [400, 401, 403, 404, 405, 409, 413, 422, 426, 429]
            }
        }
    }
)
HEADERS_ONLY = {"GET /v1/ping", "GET /v1/accounts"}


@dataclasses.dataclass(frozen=True)
class Town:
    """The server under test, a village laptop of it and a worker's account there."""

    server: RunningServer
    device: EnrolledDevice
    account_id: str


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Town]:
    """A server with a village laptop enrolled and a worker's account; no rate limits,
    so that every generated request reaches its handler."""
    settings = ServerSettings(
        data_dir=tmp_path_factory.mktemp("schema"),
        device_requests_per_minute=0,
        enroll_attempts_per_minute=0,
    )
    server = RunningServer(settings)
    tree = server.new_tree()
    server.start()
    device = server.enroll(tree.village_a1)
    account_id = server.add_account(tree.village_a1, f"wf-{tree.village_a1}")
    yield Town(server, device, account_id)
    server.stop()


def test_every_answer_keeps_to_the_schema(town: Town) -> None:
    url = f"{town.server.url}/v1/openapi.json"
    schema = schemathesis.openapi.from_url(url, config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8
    answered: dict[str, set[int]] = {}
    started = time.monotonic()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            # The token and the protocol header fixed, and the worker's account named
            # (where a path names one): the cases reach the handlers' own checks.
            named = {"account_id": town.account_id} if "{account_id}" in operation.path else None
            cases = operation.as_strategy(
                mode, headers=dict(town.device.headers), path_parameters=named
            )

            @given(case=cases)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,  # nothing written into the working tree
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            )
            def answers_keep_to_the_schema(case: schemathesis.Case) -> None:
                response = case.call_and_validate(checks=CHECKS)
                answered.setdefault(case.operation.label, set()).add(response.status_code)

            try:
                answers_keep_to_the_schema()
            except Unsatisfiable:
                # Nothing to get wrong where the only parameters are the fixed headers.
                assert mode is GenerationMode.NEGATIVE and operation.label in HEADERS_ONLY
    assert time.monotonic() - started < 50
    # The device token worked: the handlers answered, not only the gate before them.
    for label in ("POST /v1/push", "GET /v1/pull", "GET /v1/accounts"):
        assert 200 in answered[label], (label, answered[label])
