"""The local store's file settings and the case list queries."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

import resources
from casework import cipher
from casework.casebook import Casebook, open_casebook
from casework.models import CaseEvent
from casework.rows import CasePage, CaseSort
from casework.status import CaseStatus
from tests.conftest import VILLAGE, neighbour_dispute


def test_wal_foreign_keys_and_full_sync_are_on(casebook: Casebook) -> None:
    with casebook.store.reading() as session:
        pragma = lambda name: session.execute(sa.text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL


def test_case_numbers_count_up_per_village_laptop_and_local_year(casebook: Casebook) -> None:
    ids = [casebook.record_case(neighbour_dispute(f"第{i}件")) for i in range(3)]
    numbers = [casebook.case_detail(i).number for i in ids]
    year = casebook.case_detail(ids[0]).created_at.astimezone().year
    who = casebook.identity()
    assert who is not None
    tag = who.device_id.replace("-", "")[:6].upper()
    assert numbers == [f"{year}-003001-{tag}-0000{n}" for n in (1, 2, 3)]


def test_two_laptops_of_one_village_never_issue_the_same_number(tmp_path: Path) -> None:
    numbers: set[str] = set()
    for laptop in ("a", "b"):
        book = open_casebook(tmp_path / laptop, resources.sample_org_tree())
        book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
        numbers |= {book.case_detail(book.record_case(neighbour_dispute())).number}
        book.close()
    assert len(numbers) == 2  # both laptops' first case, each with its own number


def test_two_writers_on_one_store_wait_for_each_other(tmp_path: Path) -> None:
    # Two copies of Outpost (or a copy and a tool) on the same file: every case lands,
    # with distinct numbers and a gap-free event sequence, none fails half way.
    first = open_casebook(tmp_path, resources.sample_org_tree())
    first.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    second = open_casebook(tmp_path, resources.sample_org_tree())
    errors: list[BaseException] = []

    def record(book: Casebook) -> None:
        try:
            for n in range(25):
                book.record_case(neighbour_dispute(f"第{n}件"))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=record, args=(b,)) for b in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        rows, total = first.case_page(CasePage(0, 100))
        assert total == 50 and len({r.number for r in rows}) == 50
        with first.store.reading() as session:
            seqs = session.scalars(sa.select(CaseEvent.device_seq).order_by(CaseEvent.device_seq))
            assert list(seqs) == list(range(1, 51))
    finally:
        first.close()
        second.close()


def test_the_case_list_pages_and_sorts_in_the_store(casebook: Casebook) -> None:
    ids = [casebook.record_case(neighbour_dispute(f"第{i}件")) for i in range(5)]
    casebook.change_status(ids[2], CaseStatus.ESCALATED)
    newest_first, total = casebook.case_page(CasePage(0, 3))
    assert total == 5
    assert [r.id for r in newest_first] == ids[::-1][:3]
    rest, _ = casebook.case_page(CasePage(3, 3))
    assert [r.id for r in rest] == ids[::-1][3:]
    by_status, _ = casebook.case_page(CasePage(0, 5, CaseSort.STATUS, descending=False))
    assert by_status[0].status == CaseStatus.ESCALATED
    assert newest_first[0].parties == "张建国、李秀英"


def test_counts_include_events_waiting_for_the_server(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.change_status(case_id, CaseStatus.ESCALATED)
    assert casebook.counts() == (1, 2)


def test_a_village_laptop_cannot_decide_its_escalated_case(casebook: Casebook) -> None:
    from casework.status import HigherLevelMove

    case_id = casebook.record_case(neighbour_dispute())
    casebook.change_status(case_id, CaseStatus.ESCALATED, "宅基地纠纷超出村级职能")
    assert casebook.case_detail(case_id).allowed_next == []
    with pytest.raises(HigherLevelMove):
        casebook.change_status(case_id, CaseStatus.AGREEMENT)
    assert casebook.case_detail(case_id).status == CaseStatus.ESCALATED


def test_reading_takes_no_write_lock(casebook: Casebook) -> None:
    casebook.record_case(neighbour_dispute())
    with casebook.store.reading() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(CaseEvent)) == 1
        # Another process writing meanwhile is not kept waiting by this read.
        other = cipher.driver.connect(str(casebook.path), timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()


def test_a_paper_record_entered_later_keeps_its_own_date_and_year(casebook: Casebook) -> None:
    import datetime as dt

    spring = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    first = casebook.record_case(neighbour_dispute("纸质台账补录"), at=spring)
    second = casebook.record_case(neighbour_dispute(), at=spring + dt.timedelta(days=1))
    later = casebook.record_case(neighbour_dispute(), at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
    numbers = [casebook.case_detail(c).number for c in (first, second, later)]
    assert [n.split("-")[0] for n in numbers] == ["2024", "2024", "2025"]
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002", "00001"]
    detail = casebook.case_detail(first)
    assert detail.created_at == spring and detail.history[0].recorded_at == spring
