"""Wizard drafts: kept whole across restarts, gone once their case is recorded."""

from __future__ import annotations

import resources
from casework.casebook import Casebook, open_casebook
from casework.intake import Answer, clean_answers
from casework.saved_drafts import WizardDraft
from tests.conftest import neighbour_dispute


def test_a_draft_comes_back_as_it_was_saved(casebook: Casebook) -> None:
    draft = WizardDraft(neighbour_dispute(), {"consent": Answer("undecided", "再想想")}, step=2)
    draft_id = casebook.save_draft(draft)
    path = casebook.path.parent
    casebook.close()
    book = open_casebook(path, resources.sample_org_tree())
    try:
        assert book.load_draft(draft_id) == draft
        [listed] = book.worklist().drafts
        assert listed.ref == draft_id and listed.what.startswith("张建国、李秀英 · 邻居家")
    finally:
        book.close()


def test_saving_again_keeps_one_draft(casebook: Casebook) -> None:
    draft_id = casebook.save_draft(WizardDraft(neighbour_dispute("第一稿")))
    casebook.save_draft(WizardDraft(neighbour_dispute("第二稿"), step=1), draft_id)
    assert [d.what for d in casebook.worklist().drafts] == ["张建国、李秀英 · 第二稿"]
    assert casebook.load_draft(draft_id).step == 1


def test_taking_in_the_draft_records_the_case_and_drops_the_draft(casebook: Casebook) -> None:
    draft = WizardDraft(neighbour_dispute(), clean_answers(casebook.checklists.intake), step=3)
    draft_id = casebook.save_draft(draft)
    case_id = casebook.take_in(draft, draft_id)
    assert casebook.case_detail(case_id).status == "accepted"
    assert casebook.worklist().drafts == []


def test_a_draft_that_cannot_be_recorded_is_kept(casebook: Casebook) -> None:
    import pytest

    from casework.drafts import DraftInvalid

    broken = neighbour_dispute()
    broken.facts = ""
    draft_id = casebook.save_draft(WizardDraft(broken))
    with pytest.raises(DraftInvalid):
        casebook.take_in(WizardDraft(broken), draft_id)
    assert [d.ref for d in casebook.worklist().drafts] == [draft_id]


def test_a_closed_draft_stays_closed(casebook: Casebook) -> None:
    import pytest

    draft = WizardDraft(neighbour_dispute(), clean_answers(casebook.checklists.intake), step=3)
    draft_id = casebook.save_draft(draft)
    casebook.take_in(draft, draft_id)
    casebook.save_draft(draft, draft_id)  # a save that arrives late
    assert casebook.worklist().drafts == []
    with pytest.raises(LookupError):
        casebook.load_draft(draft_id)
    dropped = casebook.save_draft(WizardDraft(neighbour_dispute("不要了")))
    casebook.discard_draft(dropped)
    casebook.save_draft(WizardDraft(neighbour_dispute("不要了")), dropped)
    assert casebook.worklist().drafts == []
