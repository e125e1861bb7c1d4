"""The case state machine: statuses of a dispute case and the transitions between them."""

from __future__ import annotations

import enum


class CaseStatus(enum.StrEnum):
    """Where a case stands in the mediation process (DESIGN.md §2)."""

    REGISTERED = "registered"  # 登记
    ACCEPTED = "accepted"  # 受理
    IN_MEDIATION = "in_mediation"  # 调解中
    AGREEMENT = "agreement"  # 达成调解协议
    TERMINATED = "terminated"  # 调解终止
    PERFORMING = "performing"  # 履行中
    FOLLOWED_UP = "followed_up"  # 已回访
    ARCHIVED = "archived"  # 已归档
    ESCALATED = "escalated"  # 已上报
    RETURNED = "returned"  # 已退回


_S = CaseStatus

# Which status may follow which. An escalated case comes back either returned to the
# village or with the outcome the higher level reached (agreement or termination).
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    # Not accepted (a party refuses mediation, or intake fails): terminated, then archived.
    _S.REGISTERED: frozenset({_S.ACCEPTED, _S.TERMINATED, _S.ESCALATED}),
    _S.ACCEPTED: frozenset({_S.IN_MEDIATION, _S.TERMINATED, _S.ESCALATED}),
    _S.IN_MEDIATION: frozenset({_S.AGREEMENT, _S.TERMINATED, _S.ESCALATED}),
    _S.AGREEMENT: frozenset({_S.PERFORMING}),
    _S.PERFORMING: frozenset({_S.FOLLOWED_UP, _S.IN_MEDIATION}),
    _S.TERMINATED: frozenset({_S.FOLLOWED_UP, _S.ARCHIVED}),
    _S.FOLLOWED_UP: frozenset({_S.ARCHIVED}),
    _S.ESCALATED: frozenset({_S.RETURNED, _S.AGREEMENT, _S.TERMINATED}),
    _S.RETURNED: frozenset({_S.ACCEPTED, _S.IN_MEDIATION, _S.ESCALATED}),
    _S.ARCHIVED: frozenset(),
}

INITIAL_STATUS = CaseStatus.REGISTERED

# Statuses in which the village is still working towards an outcome: the SLA clock runs
# (an escalated case runs on the clock of the level that took it).
OPEN_STATUSES = frozenset({_S.REGISTERED, _S.ACCEPTED, _S.IN_MEDIATION, _S.RETURNED})

# The outcome of an escalation belongs to the level that took the case (DESIGN.md §4:
# the town owns it); the village that escalated cannot decide it for them.
HIGHER_LEVEL_MOVES = frozenset(
    {(_S.ESCALATED, _S.RETURNED), (_S.ESCALATED, _S.AGREEMENT), (_S.ESCALATED, _S.TERMINATED)}
)


class IllegalTransition(ValueError):
    """A status change the state machine does not allow."""

    def __init__(self, current: CaseStatus, target: CaseStatus) -> None:
        self.current = current
        self.target = target
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[current])) or "none"
        super().__init__(
            f"a case that is {current.value!r} cannot become {target.value!r} "
            f"(allowed next: {allowed})"
        )


class HigherLevelMove(IllegalTransition):
    """A move only the town or district may make, attempted by a village."""

    def __init__(self, current: CaseStatus, target: CaseStatus) -> None:
        super().__init__(current, target)
        self.args = (
            f"only the town or district that took the case may move it from "
            f"{current.value!r} to {target.value!r}",
        )


def allowed_next(current: CaseStatus, *, by_village: bool = True) -> list[CaseStatus]:
    """The statuses a case in ``current`` may move to, in declaration order; a village
    device (``by_village``) does not get the moves that belong to the higher level."""
    return [
        s
        for s in CaseStatus
        if s in TRANSITIONS[current] and not (by_village and (current, s) in HIGHER_LEVEL_MOVES)
    ]


def check_transition(current: CaseStatus, target: CaseStatus, *, by_village: bool = True) -> None:
    """Raise IllegalTransition unless ``current`` may become ``target`` by this tier."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target)
    if by_village and (current, target) in HIGHER_LEVEL_MOVES:
        raise HigherLevelMove(current, target)
