"""Every change appends an immutable event in the same transaction as the change itself."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from casework import services
from casework.casebook import Casebook
from casework.drafts import DraftInvalid
from casework.events import SCHEMA_VERSION, EventType, NoIdentity
from casework.models import Case, CaseEvent, Device, OutboxEntry
from casework.status import CaseStatus, IllegalTransition
from tests.conftest import neighbour_dispute


def _count(book: Casebook, model: type) -> int:
    with book.store.reading() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_recording_a_case_appends_one_full_event_and_queues_it(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    detail = casebook.case_detail(case_id)
    [event] = detail.history
    who = casebook.identity()
    assert who is not None
    assert event.type == EventType.CASE_RECORDED
    assert event.author_name == "王芳" and event.device_id == who.device_id
    assert event.device_seq == 1
    assert event.payload["facts"] == neighbour_dispute().facts
    assert [p["name"] for p in event.payload["parties"]] == ["张建国", "李秀英"]
    with casebook.store.reading() as session:
        stored = session.get(CaseEvent, event.id)
        assert stored is not None and stored.schema_version == SCHEMA_VERSION
        assert session.get(OutboxEntry, event.id) is not None


def test_sequence_numbers_have_no_gaps_and_clocks_increase(casebook: Casebook) -> None:
    first = casebook.record_case(neighbour_dispute())
    casebook.change_status(first, CaseStatus.ESCALATED)
    with pytest.raises(IllegalTransition):  # refused: must not use up a number
        casebook.change_status(first, CaseStatus.ARCHIVED)
    casebook.record_case(neighbour_dispute())
    with casebook.store.reading() as session:
        rows = session.execute(
            sa.select(CaseEvent.device_seq, CaseEvent.hlc).order_by(CaseEvent.device_seq)
        ).all()
    assert [seq for seq, _ in rows] == [1, 2, 3]
    assert [hlc for _, hlc in rows] == sorted({hlc for _, hlc in rows})


def test_a_failure_inside_the_transaction_leaves_neither_event_nor_change(
    casebook: Casebook,
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    before = (_count(casebook, CaseEvent), _count(casebook, OutboxEntry))
    with pytest.raises(RuntimeError, match="power cut"), casebook.store.unit_of_work() as session:
        services.change_status(session, case_id, CaseStatus.ESCALATED)
        session.flush()  # the event and the new status reach the database file...
        raise RuntimeError("power cut")  # ...and the transaction dies before commit
    assert casebook.case_detail(case_id).status == CaseStatus.REGISTERED
    assert (_count(casebook, CaseEvent), _count(casebook, OutboxEntry)) == before
    with casebook.store.reading() as session:
        assert session.scalars(sa.select(Device.last_seq)).one() == 1


def test_a_failing_insert_leaves_no_half_saved_case(casebook: Casebook) -> None:
    casebook.record_case(neighbour_dispute())
    with pytest.raises(IntegrityError), casebook.store.unit_of_work() as session:
        services.record_case(session, neighbour_dispute("第二件"))
        session.flush()
        session.add(Case(id="x"))  # a row the schema refuses (NOT NULL columns missing)
    assert _count(casebook, Case) == 1
    assert _count(casebook, CaseEvent) == 1


def test_an_invalid_draft_writes_nothing(casebook: Casebook) -> None:
    draft = neighbour_dispute()
    draft.parties[0].id_number = "110105194912310021"
    with pytest.raises(DraftInvalid):
        casebook.record_case(draft)
    assert _count(casebook, Case) == 0 and _count(casebook, CaseEvent) == 0


def test_the_event_log_cannot_be_rewritten(casebook: Casebook) -> None:
    casebook.record_case(neighbour_dispute())
    for statement in ("UPDATE case_events SET type = 'forged'", "DELETE FROM case_events"):
        with pytest.raises(IntegrityError, match="immutable"), casebook.store.unit_of_work() as s:
            s.execute(sa.text(statement))
    assert _count(casebook, CaseEvent) == 1


def test_nothing_is_recorded_before_the_laptop_is_set_up(data_dir) -> None:  # type: ignore[no-untyped-def]
    import resources
    from casework.casebook import open_casebook

    book = open_casebook(data_dir, resources.sample_org_tree())
    try:
        assert book.identity() is None
        with pytest.raises(NoIdentity):
            book.record_case(neighbour_dispute())
    finally:
        book.close()
