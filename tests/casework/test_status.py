"""The case state machine allows the mediation path and refuses everything else."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.status import (
    TRANSITIONS,
    CaseStatus,
    HigherLevelMove,
    IllegalTransition,
    allowed_next,
    check_transition,
)

S = CaseStatus

MEDIATION_PATH = [
    S.REGISTERED,
    S.ACCEPTED,
    S.IN_MEDIATION,
    S.AGREEMENT,
    S.PERFORMING,
    S.FOLLOWED_UP,
    S.ARCHIVED,
]


def test_the_whole_mediation_path_is_allowed() -> None:
    for current, target in itertools.pairwise(MEDIATION_PATH):
        check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.REGISTERED, S.ARCHIVED),  # nothing is archived without being handled
        (S.REGISTERED, S.AGREEMENT),  # no agreement before acceptance and mediation
        (S.ARCHIVED, S.IN_MEDIATION),  # archived is final
        (S.AGREEMENT, S.TERMINATED),
        (S.ESCALATED, S.ACCEPTED),  # the village takes it back only once returned
        (S.FOLLOWED_UP, S.REGISTERED),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_error(
    current: CaseStatus, target: CaseStatus
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target)
    assert caught.value.current is current and caught.value.target is target
    assert repr(current.value) in str(caught.value) and repr(target.value) in str(caught.value)


def test_archived_is_final_and_every_other_status_has_a_way_on() -> None:
    assert allowed_next(S.ARCHIVED) == []
    assert all(allowed_next(s, by_village=False) for s in S if s is not S.ARCHIVED)


def test_escalation_comes_back_as_returned_or_with_an_outcome() -> None:
    assert TRANSITIONS[S.ESCALATED] == {S.RETURNED, S.AGREEMENT, S.TERMINATED}
    assert S.ESCALATED in allowed_next(S.RETURNED)


def test_every_status_can_reach_archived() -> None:
    reached = {S.ARCHIVED}
    changed = True
    while changed:
        changed = False
        for status, nexts in TRANSITIONS.items():
            if status not in reached and nexts & reached:
                reached.add(status)
                changed = True
    assert reached == set(S)


@given(st.lists(st.sampled_from(list(S)), max_size=30))
def test_a_case_only_ever_moves_along_allowed_edges(targets: list[CaseStatus]) -> None:
    status = S.REGISTERED
    for target in targets:
        if target in TRANSITIONS[status]:
            check_transition(status, target, by_village=False)
            status = target
        else:
            with pytest.raises(IllegalTransition):
                check_transition(status, target)


def test_a_case_that_is_not_accepted_can_be_closed() -> None:
    check_transition(S.REGISTERED, S.TERMINATED)  # a party refuses mediation
    check_transition(S.TERMINATED, S.ARCHIVED)


def test_only_the_higher_level_decides_an_escalated_case() -> None:
    assert allowed_next(S.ESCALATED) == []
    assert set(allowed_next(S.ESCALATED, by_village=False)) == {
        S.RETURNED, S.AGREEMENT, S.TERMINATED,
    }  # fmt: skip
    with pytest.raises(HigherLevelMove, match="only the town or district"):
        check_transition(S.ESCALATED, S.AGREEMENT)
    check_transition(S.ESCALATED, S.AGREEMENT, by_village=False)
