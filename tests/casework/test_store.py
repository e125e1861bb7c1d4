"""The local store's file settings and the case list queries."""

from __future__ import annotations

import sqlalchemy as sa

from casework.casebook import Casebook
from casework.rows import CasePage, CaseSort
from casework.status import CaseStatus
from tests.conftest import neighbour_dispute


def test_wal_foreign_keys_and_full_sync_are_on(casebook: Casebook) -> None:
    with casebook.store.reading() as session:
        pragma = lambda name: session.execute(sa.text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL


def test_case_numbers_count_up_per_village_and_year(casebook: Casebook) -> None:
    ids = [casebook.record_case(neighbour_dispute(f"第{i}件")) for i in range(3)]
    numbers = [casebook.case_detail(i).number for i in ids]
    year = casebook.case_detail(ids[0]).created_at.year
    assert numbers == [f"{year}-003001-000{n}" for n in (1, 2, 3)]


def test_the_case_list_pages_and_sorts_in_the_store(casebook: Casebook) -> None:
    ids = [casebook.record_case(neighbour_dispute(f"第{i}件")) for i in range(5)]
    casebook.change_status(ids[2], CaseStatus.ACCEPTED)
    newest_first, total = casebook.case_page(CasePage(0, 3))
    assert total == 5
    assert [r.id for r in newest_first] == ids[::-1][:3]
    rest, _ = casebook.case_page(CasePage(3, 3))
    assert [r.id for r in rest] == ids[::-1][3:]
    by_status, _ = casebook.case_page(CasePage(0, 5, CaseSort.STATUS, descending=False))
    assert by_status[0].status == CaseStatus.ACCEPTED
    assert newest_first[0].parties == "张建国、李秀英"


def test_counts_include_events_waiting_for_the_server(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.change_status(case_id, CaseStatus.ACCEPTED)
    assert casebook.counts() == (1, 2)
