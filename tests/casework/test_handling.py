"""Taking a case through its checklists in the store: every answer an event, acceptance
gated on the intake, steps moving the status, nothing written by a refusal."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

import resources
from casework import handling, services
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft
from casework.handling import IntakeBlocked, IntakeClosed
from casework.intake import Answer, InvalidAnswer, clean_answers
from casework.models import CaseEvent, OutboxEntry, ProcessStep
from casework.process import StepRefusal, StepRefused
from casework.status import CaseStatus, IllegalTransition
from tests.casework.test_intake import _BLOCKING, _steps
from tests.conftest import VILLAGE, neighbour_dispute


def _events(book: Casebook, case_id: str) -> list[str]:
    return [e.type for e in book.case_detail(case_id).history]


def _count(book: Casebook, model: type) -> int:
    with book.store.reading() as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def _accepted(book: Casebook, draft: CaseDraft | None = None) -> str:
    case_id = book.record_case(draft or neighbour_dispute())
    return book.accept_case(case_id, clean_answers(book.checklists.intake))


def test_a_recorded_case_carries_the_checklist_versions_deadline_and_steps(
    casebook: Casebook,
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    detail = casebook.case_detail(case_id, today=dt.date.today())
    lists = casebook.checklists
    assert detail.versions == {"items": lists.items.version, "intake": lists.intake.version,
                               "process": lists.process.version}  # fmt: skip
    received = detail.created_at.astimezone().date()
    assert detail.due_on == received + dt.timedelta(days=15)  # 邻里: 15 days
    assert [s.code for s in detail.steps] == [s.code for s in lists.process.step]
    assert [s.state for s in detail.steps][:2] == ["done", "open"]  # 登记 is done by recording
    assert detail.steps[1].due_on == received + dt.timedelta(days=5)  # 30% of 15, rounded up
    assert detail.proposed_level is None and detail.priority == "routine"


def test_every_intake_answer_is_an_event_queued_for_the_server(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.answer_intake(case_id, {"consent": Answer("undecided")})
    casebook.answer_intake(case_id, {"consent": Answer("undecided")})  # unchanged: no event
    casebook.answer_intake(case_id, {"consent": Answer("all_agree")})
    assert _events(casebook, case_id) == ["case.recorded"] + ["case.intake_answered"] * 2
    payloads = [e.payload for e in casebook.case_detail(case_id).history[1:]]
    assert [p["value"] for p in payloads] == ["undecided", "all_agree"]
    assert payloads[0]["checklist_version"] == casebook.checklists.intake.version
    assert _count(casebook, OutboxEntry) == _count(casebook, CaseEvent) == 3


def test_acceptance_needs_an_intake_that_allows_it(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    with pytest.raises(IntakeBlocked) as caught:
        casebook.change_status(case_id, CaseStatus.ACCEPTED)
    assert len(caught.value.outcome.unanswered) == 6
    refused = {**clean_answers(casebook.checklists.intake), "consent": Answer("refused")}
    before = _count(casebook, CaseEvent)
    with pytest.raises(IntakeBlocked) as caught:
        casebook.accept_case(case_id, refused)
    assert [b.reason for b in caught.value.outcome.blocks] == [
        "有当事人明确拒绝调解，不得调解；应告知其其他救济途径"
    ]
    assert _count(casebook, CaseEvent) == before  # the refused attempt wrote nothing
    assert casebook.case_detail(case_id).status == CaseStatus.REGISTERED
    casebook.accept_case(case_id, clean_answers(casebook.checklists.intake))
    assert casebook.case_detail(case_id).status == CaseStatus.ACCEPTED


def test_answers_cannot_change_once_the_case_is_accepted(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    with pytest.raises(IntakeClosed):
        casebook.answer_intake(case_id, {"consent": Answer("refused")})


def test_unknown_answers_are_refused_with_nothing_written(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    with pytest.raises(InvalidAnswer):
        casebook.answer_intake(case_id, {"consent": Answer("yes"), "risk": Answer("none")})
    assert _events(casebook, case_id) == ["case.recorded"]


def test_risk_forces_urgency_and_proposes_the_town(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.answer_intake(case_id, {"risk": Answer("high")})
    detail = casebook.case_detail(case_id)
    assert (detail.priority, detail.proposed_level) == ("urgent", "town")
    assert detail.intake is not None and detail.intake.report_to_police
    evaluated = [e for e in detail.history if e.type == "case.intake_evaluated"]
    assert evaluated[0].payload["priority"] == {"from": "routine", "to": "urgent"}
    casebook.answer_intake(case_id, {"risk": Answer("low")})  # reassessed: back to routine
    detail = casebook.case_detail(case_id)
    assert (detail.priority, detail.proposed_level) == ("routine", None)


def test_a_type_beyond_the_village_proposes_its_level(casebook: Casebook) -> None:
    draft = neighbour_dispute()
    draft.dispute_type = "expropriation"  # 征地拆迁: district
    case_id = casebook.record_case(draft)
    assert casebook.case_detail(case_id).proposed_level == "district"


def test_steps_move_the_status_along_the_process(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    casebook.complete_step(case_id, "mediate", {"held_on": "2026-11-20", "record": "第一次"})
    casebook.complete_step(case_id, "mediate", {"held_on": "2026-11-22", "record": "第二次"})
    assert casebook.case_detail(case_id).status == CaseStatus.IN_MEDIATION
    terms = {"terms": "赔偿 500 元", "performance_deadline": "2026-12-01"}
    casebook.complete_step(case_id, "agreement", terms)
    casebook.complete_step(case_id, "performance", {"performance": "已履行"})
    detail = casebook.case_detail(case_id)
    assert detail.status == CaseStatus.PERFORMING
    mediate = next(s for s in detail.steps if s.code == "mediate")
    assert [e["record"] for e in mediate.entries] == ["第一次", "第二次"]
    assert next(s for s in detail.steps if s.code == "termination").state == "not_needed"
    completed = [e.payload["step"] for e in detail.history if e.type == "case.step_completed"]
    assert completed == ["investigate", "mediate", "mediate", "agreement", "performance"]


def test_a_refused_step_writes_nothing(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    before = _count(casebook, CaseEvent)
    with pytest.raises(StepRefused) as caught:
        casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    assert caught.value.reason is StepRefusal.NOT_ACCEPTED
    with casebook.store.reading() as session:
        row = session.get(ProcessStep, (case_id, "investigate"))
        assert row is not None and row.entries == [] and row.done_at is None
    assert _count(casebook, CaseEvent) == before


def test_an_escalated_case_takes_no_village_steps(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.change_status(case_id, CaseStatus.ESCALATED, "超出村级职能")
    with pytest.raises(StepRefused):
        casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})


def test_a_step_whose_status_cannot_follow_is_refused_whole(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    with casebook.store.unit_of_work() as session:  # a status the process does not expect
        services.change_status(session, case_id, CaseStatus.TERMINATED)
    before = _count(casebook, CaseEvent)
    with pytest.raises(IllegalTransition):
        casebook.complete_step(case_id, "mediate", {"held_on": "2026-11-20", "record": "x"})
    assert _count(casebook, CaseEvent) == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_steps)
def test_no_order_of_stored_answers_accepts_a_case_whose_intake_blocks_it(
    steps: list[tuple[str, str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = open_casebook(Path(folder), resources.sample_org_tree())
        try:
            book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
            case_id = book.record_case(neighbour_dispute())
            final: dict[str, Answer] = {}
            for code, value, note in steps:  # one answer per event, in the order given
                book.answer_intake(case_id, {code: Answer(value, note)})
                final[code] = Answer(value, note)
            blocked = any((c, a.value) in _BLOCKING for c, a in final.items())
            if blocked:
                with pytest.raises(IntakeBlocked):
                    book.change_status(case_id, CaseStatus.ACCEPTED)
                assert book.case_detail(case_id).status == CaseStatus.REGISTERED
            with book.store.reading() as session:
                stored = handling.answers_of(session, case_id)
            assert stored == {c: Answer(a.value, a.note.strip()) for c, a in final.items()}
        finally:
            book.close()


def test_no_step_before_the_intake_let_the_case_in_whatever_the_status(
    casebook: Casebook,
) -> None:
    from casework.models import Case

    refused = {**clean_answers(casebook.checklists.intake), "consent": Answer("refused")}
    case_id = casebook.record_case(neighbour_dispute())
    casebook.answer_intake(case_id, refused)
    casebook.change_status(case_id, CaseStatus.ESCALATED, "村里调不了")
    with casebook.store.unit_of_work() as session:  # the town returns it (as sync will)
        case = session.get(Case, case_id)
        assert case is not None
        case.status = CaseStatus.RETURNED.value
    with pytest.raises(IntakeBlocked):  # mediation needs an intake that allows it
        casebook.change_status(case_id, CaseStatus.IN_MEDIATION)
    with pytest.raises(StepRefused) as caught:
        casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    assert caught.value.reason is StepRefusal.NOT_ACCEPTED
    other = casebook.record_case(neighbour_dispute("另一件"))
    casebook.answer_intake(other, refused)
    casebook.change_status(other, CaseStatus.TERMINATED, "当事人拒绝调解，已告知其他途径")
    with pytest.raises(StepRefused):  # terminated without acceptance: no process steps
        casebook.complete_step(other, "investigate", {"findings": "已查看现场"})


def test_the_follow_up_step_is_recorded_only_by_a_follow_up_visit(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "termination", {"reason": "一方不愿继续",
                                                    "other_routes_explained": "yes"})  # fmt: skip
    with pytest.raises(StepRefused) as caught:
        casebook.complete_step(case_id, "follow_up", {"visit": "随便写的"})
    assert caught.value.reason is StepRefusal.BY_VISIT
    assert casebook.case_detail(case_id).status == CaseStatus.TERMINATED


def test_steps_passed_by_a_termination_are_settled(casebook: Casebook) -> None:
    case_id = _accepted(casebook)
    casebook.complete_step(case_id, "termination", {"reason": "一方不愿继续",
                                                    "other_routes_explained": "yes"})  # fmt: skip
    with casebook.store.reading() as session:
        rows = {
            r.step: r.done_at is not None
            for r in session.scalars(sa.select(ProcessStep).where(ProcessStep.case_id == case_id))
        }
    assert rows["investigate"] and rows["mediate"] and rows["agreement"] and rows["performance"]
    assert not rows["follow_up"] and not rows["archive"]
    states = {s.code: s.state for s in casebook.case_detail(case_id).steps}
    assert states["investigate"] == "not_needed" and states["follow_up"] == "open"


def test_a_case_recorded_before_the_checklists_is_taken_in_when_its_intake_is_answered(
    casebook: Casebook,
) -> None:
    with casebook.store.unit_of_work() as session:  # as a case from revision 0002 looks
        case_id = services.record_case(session, neighbour_dispute())
    detail = casebook.case_detail(case_id)
    assert detail.versions["intake"] is None and detail.steps == []
    assert detail.intake is not None and len(detail.intake.unanswered) == 6
    casebook.accept_case(case_id, clean_answers(casebook.checklists.intake))
    detail = casebook.case_detail(case_id)
    assert detail.status == CaseStatus.ACCEPTED and detail.accepted
    assert detail.versions["intake"] == casebook.checklists.intake.version
    assert detail.due_on is not None and [s.state for s in detail.steps][:2] == ["done", "open"]


def test_a_case_runs_on_the_checklists_it_was_taken_in_under(
    data_dir: Path, tmp_path: Path
) -> None:
    import shutil

    source = tmp_path / "checklists"
    shutil.copytree(resources.checklists_dir(), source)
    book = open_casebook(data_dir, resources.sample_org_tree(), source)
    try:
        book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
        old = book.record_case(neighbour_dispute())
        book.answer_intake(old, {"consent": Answer("undecided")})
        accepted = _accepted(book)
        # A town edits both files: 'undecided' goes, a step comes before mediation.
        intake_file, process_file = source / "intake.toml", source / "process.toml"
        text = intake_file.read_text(encoding="utf-8")
        text = text.replace('version = "2026.1"', 'version = "2027.1"')
        text = text.replace('["all_agree", "undecided", "refused"]', '["all_agree", "refused"]')
        text = text.replace('  [[question.rule]]\n  when = "undecided"\n  effect = "block"\n'
                            '  reason = "尚未取得各方当事人同意调解"\n', "")  # fmt: skip
        intake_file.write_text(text, encoding="utf-8")
        text = process_file.read_text(encoding="utf-8")
        text = text.replace('version = "2026.2"', 'version = "2027.1"')
        added = '[[step]]\ncode = "pre_mediation"\nname = "诉前告知"\ndue_share = 0.5\n\n'
        text = text.replace('[[step]]\ncode = "mediate"', added + '[[step]]\ncode = "mediate"')
        process_file.write_text(text, encoding="utf-8")
        assert book.load_checklists() == []
        assert book.checklists.intake.version == "2027.1"

        detail = book.case_detail(old)  # still its own intake: 'undecided' is an answer
        assert detail.intake is not None and detail.intake.version == "2026.1"
        consent = next(q for q in detail.intake.questions if q.code == "consent")
        assert consent.value == "undecided" and "undecided" in consent.answers
        book.accept_case(old, clean_answers(book.checklists.intake))
        book.complete_step(accepted, "investigate", {"findings": "已查看现场"})
        book.complete_step(accepted, "mediate", {"held_on": "2026-11-20", "record": "第一次"})
        assert "pre_mediation" not in {s.code for s in book.case_detail(accepted).steps}
        new = _accepted(book)  # a new case runs on the new files
        assert "pre_mediation" in {s.code for s in book.case_detail(new).steps}
        assert book.case_detail(new).versions["intake"] == "2027.1"
    finally:
        book.close()
