"""The process checklist engine: step order, alternatives, repeats, required fields."""

from __future__ import annotations

import pytest

from casework.process import StepRefusal, StepRefused, StepState, check_step, states
from tests.casework.test_intake import LISTS

PROCESS = LISTS.process
FINDINGS = {"findings": "已查看现场"}
SESSION = {"held_on": "2026-11-20", "record": "双方面对面协商"}


def _refusal(done: dict[str, int], code: str, fields: dict[str, str], accepted: bool = True):  # type: ignore[no-untyped-def]
    with pytest.raises(StepRefused) as caught:
        check_step(PROCESS, done, code, fields, accepted=accepted)
    return caught.value


def test_the_shipped_process_runs_from_register_to_archive() -> None:
    assert [s.code for s in PROCESS.step] == [
        "register", "investigate", "mediate", "agreement", "termination", "performance",
        "follow_up", "archive",
    ]  # fmt: skip
    assert [s.status for s in PROCESS.step if s.status] == [
        "in_mediation", "agreement", "terminated", "performing", "followed_up", "archived",
    ]  # fmt: skip


def test_nothing_after_registration_before_the_case_is_accepted() -> None:
    refused = _refusal({"register": 1}, "investigate", FINDINGS, accepted=False)
    assert refused.reason is StepRefusal.NOT_ACCEPTED


def test_steps_go_in_order() -> None:
    refused = _refusal({"register": 1}, "mediate", SESSION)
    assert refused.reason is StepRefusal.EARLIER_OPEN and refused.detail == ["investigate"]
    assert check_step(PROCESS, {"register": 1}, "investigate", FINDINGS, accepted=True).code


def test_every_field_of_the_step_is_required() -> None:
    refused = _refusal({"register": 1, "investigate": 1}, "mediate", {"held_on": "2026-11-20"})
    assert refused.reason is StepRefusal.MISSING_FIELDS and refused.detail == ["record"]
    refused = _refusal({"register": 1}, "investigate", {"findings": "   "})
    assert refused.detail == ["findings"]


def test_mediation_may_take_several_sessions_until_an_outcome() -> None:
    done = {"register": 1, "investigate": 1, "mediate": 2}
    assert check_step(PROCESS, done, "mediate", SESSION, accepted=True).repeatable
    refused = _refusal({**done, "agreement": 1}, "mediate", SESSION)
    assert refused.reason is StepRefusal.ALREADY_DONE
    assert _refusal({"register": 1, "investigate": 1}, "investigate", FINDINGS).reason is (
        StepRefusal.ALREADY_DONE
    )


def test_agreement_and_termination_exclude_each_other() -> None:
    done = {"register": 1, "investigate": 1, "mediate": 1}
    fields = {"reason": "分歧较大", "other_routes_explained": "yes"}
    assert check_step(PROCESS, done, "termination", fields, accepted=True).code == "termination"
    after = {**done, "termination": 1}
    assert states(PROCESS, after)["agreement"] is StepState.NOT_NEEDED
    terms = {"terms": "赔偿 500 元", "performance_deadline": "2026-12-01"}
    assert _refusal(after, "agreement", terms).reason is StepRefusal.NOT_NEEDED


def test_after_termination_performance_is_skipped_and_follow_up_is_next() -> None:
    done = {"register": 1, "investigate": 1, "mediate": 1, "termination": 1}
    assert states(PROCESS, done)["performance"] is StepState.NOT_NEEDED
    visit = {"visit": "v1"}
    assert check_step(PROCESS, done, "follow_up", visit, accepted=True, visit="follow_up")
    refused = _refusal(done, "follow_up", visit)  # only a follow-up visit records it
    assert refused.reason is StepRefusal.BY_VISIT
    refusal = _refusal(done, "archive", {})
    assert refusal.reason is StepRefusal.EARLIER_OPEN and refusal.detail == ["follow_up"]


def test_termination_must_record_that_other_routes_were_explained() -> None:
    done = {"register": 1, "investigate": 1, "mediate": 1}
    refused = _refusal(done, "termination", {"reason": "分歧较大", "other_routes_explained": ""})
    assert refused.detail == ["other_routes_explained"]


def test_an_unknown_step_is_refused() -> None:
    assert _refusal({}, "appeal", {}).reason is StepRefusal.UNKNOWN_STEP


def test_mediation_may_end_before_any_session_and_the_skipped_steps_are_passed() -> None:
    done = {"register": 1}
    fields = {"reason": "一方拒绝继续调解", "other_routes_explained": "yes"}
    assert check_step(PROCESS, done, "termination", fields, accepted=True).at_any_time
    after = states(PROCESS, {**done, "termination": 1})
    assert [after[c] for c in ("investigate", "mediate", "agreement", "performance")] == [
        StepState.NOT_NEEDED
    ] * 4
    assert after["follow_up"] is StepState.OPEN
