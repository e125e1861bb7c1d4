"""The checklist engine: intake rules, level matching and due dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import resources
from casework.checklists import (
    Checklists,
    IntakeChecklist,
    ItemsCatalogue,
    ProcessChecklist,
    load_file,
)
from casework.domain import Level, Priority
from casework.intake import Answer, InvalidAnswer, due_dates, evaluate, proposed_level


def _shipped() -> Checklists:
    folder = resources.checklists_dir()
    parts = [load_file(folder / name) for name in ("items.toml", "intake.toml", "process.toml")]
    assert isinstance(parts[0], ItemsCatalogue)
    assert isinstance(parts[1], IntakeChecklist)
    assert isinstance(parts[2], ProcessChecklist)
    return Checklists(parts[0], parts[1], parts[2])


LISTS = _shipped()
ALL_CLEAR = {
    "identities_verified": Answer("yes"),
    "consent": Answer("all_agree"),
    "other_proceedings": Answer("no"),
    "risk": Answer("none"),
    "evidence": Answer("listed", "照片 3 张、漏水处维修单据"),
    "rights_explained": Answer("yes"),
}


def _outcome(code: str = "neighbour", **changes: Answer):  # type: ignore[no-untyped-def]
    return evaluate(LISTS.intake, LISTS.items.find(code), {**ALL_CLEAR, **changes})


def test_a_complete_clean_intake_is_acceptable() -> None:
    outcome = _outcome()
    assert outcome.acceptable and outcome.priority is Priority.ROUTINE
    assert not outcome.propose_escalation and not outcome.report_to_police


def test_unanswered_questions_keep_the_case_from_acceptance() -> None:
    outcome = evaluate(
        LISTS.intake, LISTS.items.find("neighbour"), {"consent": Answer("all_agree")}
    )
    assert not outcome.acceptable
    assert outcome.unanswered == [
        "identities_verified", "other_proceedings", "risk", "evidence", "rights_explained",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "answer", "reason"),
    [
        ("identities_verified", "no", "当事人身份尚未核实"),
        ("consent", "refused", "有当事人明确拒绝调解，不得调解；应告知其其他救济途径"),
        ("consent", "undecided", "尚未取得各方当事人同意调解"),
        ("rights_explained", "no", "尚未告知当事人权利和义务"),
    ],
)
def test_blocking_answers_refuse_acceptance_with_the_reason(
    question: str, answer: str, reason: str
) -> None:
    outcome = _outcome(**{question: Answer(answer)})
    assert not outcome.acceptable
    assert [(b.question, b.reason) for b in outcome.blocks] == [(question, reason)]


def test_a_matter_before_a_court_blocks_and_its_reason_must_be_recorded() -> None:
    without_note = _outcome(other_proceedings=Answer("yes"))
    assert without_note.notes_missing == ["other_proceedings"]
    with_note = _outcome(other_proceedings=Answer("yes", "已于 11 月 2 日向吴江区法院起诉"))
    assert with_note.notes_missing == [] and not with_note.acceptable
    assert with_note.blocks[0].reason == "纠纷已进入诉讼、仲裁或行政处理程序"


def test_a_risk_of_violence_forces_urgency_escalation_and_a_police_report() -> None:
    outcome = _outcome(risk=Answer("high"))
    assert outcome.priority is Priority.URGENT
    assert outcome.propose_escalation and outcome.report_to_police
    assert outcome.acceptable  # accepted, and handled urgently


def test_listed_evidence_needs_the_list() -> None:
    assert _outcome(evidence=Answer("listed")).notes_missing == ["evidence"]
    assert _outcome(evidence=Answer("none_yet")).acceptable


@pytest.mark.parametrize(
    ("code", "level", "escalate"),
    [("neighbour", Level.VILLAGE, False), ("housing_homestead", Level.TOWN, True),
     ("expropriation", Level.DISTRICT, True)],
)  # fmt: skip
def test_the_type_proposes_the_level_that_handles_it(
    code: str, level: Level, escalate: bool
) -> None:
    item = LISTS.items.find(code)
    assert proposed_level(item) is level
    assert _outcome(code).propose_escalation is escalate
    assert proposed_level(item, Level.DISTRICT) is Level.DISTRICT  # never proposes going down


def test_unknown_questions_and_answers_are_refused() -> None:
    with pytest.raises(InvalidAnswer, match="no intake question 'mood'"):
        _outcome(mood=Answer("calm"))
    with pytest.raises(InvalidAnswer, match="consent: 'maybe'"):
        _outcome(consent=Answer("maybe"))


def test_due_dates_follow_the_items_deadline() -> None:
    start = dt.date(2026, 11, 28)
    dates = due_dates(LISTS.process, LISTS.items.find("neighbour"), start)  # 15 days
    assert dates["register"] == start
    assert dates["investigate"] == dt.date(2026, 12, 3)  # ceil(15 * 0.3) = 5 days
    assert dates["mediate"] == dt.date(2026, 12, 10)  # 12 days
    assert dates["performance"] == dt.date(2026, 12, 13)  # the deadline
    assert dates["follow_up"] == dt.date(2026, 12, 28)  # 15 days after it
    assert dates["archive"] == dt.date(2027, 1, 12)
    longer = due_dates(LISTS.process, LISTS.items.find("expropriation"), start)  # 60 days
    assert longer["performance"] == start + dt.timedelta(days=60)


_QUESTIONS = {q.code: q for q in LISTS.intake.question}
_BLOCKING = {(q.code, r.when) for q in LISTS.intake.question for r in q.rule if r.effect == "block"}
_steps = st.lists(
    st.sampled_from(sorted(_QUESTIONS)).flatmap(
        lambda code: st.tuples(
            st.just(code), st.sampled_from(_QUESTIONS[code].answers), st.sampled_from(["", "说明"])
        )
    ),
    max_size=40,
)


@given(_steps, st.sampled_from(sorted(i.code.value for i in LISTS.items.item)))
def test_no_order_of_answers_accepts_a_case_whose_intake_blocks_it(
    steps: list[tuple[str, str, str]], item_code: str
) -> None:
    answers: dict[str, Answer] = {}
    for code, value, note in steps:  # answers given, changed and given again, in any order
        answers[code] = Answer(value, note)
        outcome = evaluate(LISTS.intake, LISTS.items.find(item_code), answers)
        blocked_now = any((c, a.value) in _BLOCKING for c, a in answers.items())
        if blocked_now:
            assert not outcome.acceptable and outcome.blocks
        if outcome.acceptable:
            assert set(answers) == set(_QUESTIONS) and not blocked_now
