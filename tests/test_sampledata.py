"""The benchmarks' sample data is what the app itself would hold."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bench.sampledata import fill
from casework.drafts import validate
from casework.models import Case, CaseEvent, OutboxEntry
from casework.rows import CasePage
from casework.status import TRANSITIONS, CaseStatus


def test_sample_cases_are_valid_and_their_history_follows_the_state_machine(
    tmp_path: Path,
) -> None:
    book = fill(tmp_path, 60, seed=3)
    try:
        rows, total = book.case_page(CasePage(0, 100))
        assert total == 60 and len({r.number for r in rows}) == 60
        for row in rows[:20]:
            detail = book.case_detail(row.id)
            recorded = detail.history[0].payload
            assert validate(_draft_of(recorded)) == []
            status = CaseStatus.REGISTERED
            for event in detail.history[1:]:
                if event.type != "case.status_changed":
                    continue
                assert CaseStatus(event.payload["to"]) in TRANSITIONS[status]
                status = CaseStatus(event.payload["to"])
            assert status.value == detail.status
            if status is not CaseStatus.REGISTERED and detail.intake is not None:
                accepted = any(e.payload.get("to") == "accepted" for e in detail.history)
                assert accepted == detail.intake.acceptable or status is CaseStatus.ESCALATED
        with book.store.reading() as session:
            events = session.scalar(sa.select(sa.func.count()).select_from(CaseEvent))
            queued = session.scalar(sa.select(sa.func.count()).select_from(OutboxEntry))
            years = set(session.scalars(sa.select(sa.func.strftime("%Y", Case.created_at))))
        assert events == queued and events > 60
        assert len(years) >= 3  # spread over three years, not all today
        statuses = {r.status for r in book.case_page(CasePage(0, 100))[0]}
        assert {"archived", "terminated", "accepted"} <= statuses  # every stage of the work
    finally:
        book.close()


def _draft_of(payload: dict[str, object]):  # type: ignore[no-untyped-def]
    from casework.drafts import CaseDraft, PartyDraft

    parties = payload["parties"]
    assert isinstance(parties, list)
    return CaseDraft(
        dispute_type=str(payload["dispute_type"]),
        facts=str(payload["facts"]),
        claims=str(payload["claims"]),
        parties=[
            PartyDraft(p["name"], p["role"], p["id_number"], p["phone"], p["address"])
            for p in parties
        ],
    )
