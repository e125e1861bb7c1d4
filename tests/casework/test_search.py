"""Searching the case list: what a worker types finds the cases they mean, with filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from casework import listing
from casework.casebook import Casebook
from casework.drafts import CaseDraft, PartyDraft
from casework.rows import CaseFilter, CasePage, CaseSort
from casework.status import CaseStatus
from tests.conftest import ID_PLAIN, neighbour_dispute

TODAY = dt.date.today()
FIRST_PAGE = CasePage()


@pytest.fixture
def reader(casebook: Casebook) -> Iterator[listing.Reader]:
    """A read-only connection on the casebook's store, as the case list reads it."""
    connection = listing.connect_reader(casebook.path)
    yield connection
    connection.close()


def _case(book: Casebook, *names: str, facts: str = "两户因共用水井的使用时间发生口角。",
          kind: str = "other", at: dt.datetime | None = None) -> str:  # fmt: skip
    parties = [PartyDraft(name, "applicant" if i == 0 else "respondent") for i, name in
               enumerate(names)]  # fmt: skip
    return book.record_case(CaseDraft(kind, facts, "", parties), at=at)


def _found(
    reader: listing.Reader, text: str = "", page: CasePage = FIRST_PAGE, **narrow: Any
) -> list[str]:
    """Ids of the cases found, in list order; checks the count agrees with them."""
    narrowed = CaseFilter(text=text, **narrow)
    rows = listing.case_page(reader, page, narrowed, today=TODAY)
    if page.offset == 0 and len(rows) < page.limit:
        assert listing.count_cases(reader, narrowed, today=TODAY) == len(rows)
    return [row.id for row in rows]


def test_one_character_finds_every_case_holding_it(
    casebook: Casebook, reader: listing.Reader
) -> None:
    wangs = {_case(casebook, "王伟"), _case(casebook, "李娜", "王芳")}
    _case(casebook, "李娜", "张伟")
    assert set(_found(reader, "王")) == wangs


def test_two_characters_find_a_name_inside_longer_names_only_as_typed(
    casebook: Casebook, reader: listing.Reader
) -> None:
    inside = {_case(casebook, "王伟"), _case(casebook, "王伟伟"), _case(casebook, "李娜", "王伟明")}
    _case(casebook, "王小伟")  # both characters, not together
    _case(casebook, "张小王", "伟明")  # one name ends where the next begins
    _case(casebook, "伟王")
    assert set(_found(reader, "王伟")) == inside
    assert len(_found(reader, "伟明")) == 2  # the second name is found on its own


def test_three_or_more_characters_find_substrings_of_facts_claims_names_addresses(
    casebook: Casebook, reader: listing.Reader
) -> None:
    mine = casebook.record_case(neighbour_dispute())
    other = _case(casebook, "王芳", facts="承包鱼塘合同到期后，对方拒绝退还押金两万元。")
    assert _found(reader, "空调外机") == [mine]  # facts
    assert _found(reader, "赔偿损失") == [mine]  # claims
    assert _found(reader, "张建国") == [mine]  # a name
    assert _found(reader, "开弦弓村") == [mine]  # an address, typed with spaces inside
    assert _found(reader, "12组3号") == [mine]
    assert _found(reader, "开弦弓村 12 组") == [mine]  # or with them
    assert _found(reader, "退还押金") == [other]


def test_numbers_are_found_by_part_and_as_people_type_them(
    casebook: Casebook, reader: listing.Reader
) -> None:
    mine = casebook.record_case(neighbour_dispute())  # ID ends in X; two phones
    _case(casebook, "王芳")
    for typed in (
        "19491231",  # part of an ID number
        "1231002x",  # its X in either case
        "11010519491231002X",
        "13812345678",  # a mobile as stored
        "138-1234-5678",  # with dashes
        "138 1234 5678",  # or in groups
        "+86 138 1234 5678",
        "0512-63981234",  # a landline with its area code
        "(0512) 6398 1234",
        "63981234",
    ):
        assert _found(reader, typed) == [mine], typed


def test_every_word_must_match(casebook: Casebook, reader: listing.Reader) -> None:
    mine = casebook.record_case(neighbour_dispute())
    _case(casebook, "张建国", facts="承包田边界不清，两户对一条田埂的归属有争议。")
    assert _found(reader, "张建国 空调") == [mine]
    assert _found(reader, "张 空调外机 李秀英") == [mine]
    assert _found(reader, "张建国 宅基地") == []
    assert len(_found(reader, "张建国")) == 2


@pytest.mark.parametrize(
    "typed",
    ['"', '""', "*", "王*", "AND", "王 AND", "OR 伟", "NOT", "(", "王(", ")伟", "NEAR(王 伟)",
     '王" OR "李', "'", "\\", "^王", "-", "+", "王:伟", "{王}", "%", "_", "\ue000", "   "],
)  # fmt: skip
def test_fts_syntax_typed_in_a_search_never_raises(
    casebook: Casebook, reader: listing.Reader, typed: str
) -> None:
    _case(casebook, "王伟")
    _found(reader, typed)  # counts agree, nothing raises


def test_quotes_and_stars_around_a_word_are_not_part_of_it(
    casebook: Casebook, reader: listing.Reader
) -> None:
    mine = _case(casebook, "王伟")
    _case(casebook, "李娜")
    assert _found(reader, '"王伟"') == [mine]
    assert _found(reader, "王伟*") == [mine]
    assert _found(reader, "（王伟）") == [mine]
    assert len(_found(reader, "(")) == 2  # nothing to look for: every case


def test_search_combines_with_the_filters(casebook: Casebook, reader: listing.Reader) -> None:
    now = dt.datetime.now(dt.UTC)
    old = _case(casebook, "王伟", at=now - dt.timedelta(days=40))  # other: due in 30 days
    labour = _case(casebook, "王伟", kind="labour", facts="外来务工人员被拖欠三个月工资。")
    escalated = _case(casebook, "王伟")
    casebook.change_status(escalated, CaseStatus.ESCALATED)
    _case(casebook, "李娜", at=now - dt.timedelta(days=40))
    assert set(_found(reader, "王伟", statuses=("escalated",))) == {escalated}
    assert set(_found(reader, "王伟", dispute_types=("labour",))) == {labour}
    assert set(_found(reader, "王伟", priorities=("urgent",))) == {labour}
    assert set(_found(reader, "王伟", levels=("village",))) == {old, labour, escalated}
    assert _found(reader, "王伟", levels=("town",)) == []
    assert _found(reader, "王伟", overdue=True) == [old]
    received = (now - dt.timedelta(days=40)).astimezone().date()
    day = {"received_from": received, "received_to": received}
    assert _found(reader, "王伟", **day) == [old]
    assert _found(reader, "王伟 拖欠", statuses=("registered",)) == [labour]


def test_paging_through_matches_gives_the_list_one_page_gives(
    casebook: Casebook, reader: listing.Reader
) -> None:
    # Dense matches are found by walking the list, sparse ones by fetching each match:
    # whichever way, the same cases in the same order.
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    for n in range(14):
        _case(casebook, "王伟" if n % 5 else "李娜", at=start + dt.timedelta(hours=n % 4))
    for sort in (CaseSort.CREATED_AT, CaseSort.NUMBER, CaseSort.STATUS, CaseSort.FIRST_PARTY):
        for text in ("王伟", "王", "李娜", "王伟 水井"):
            whole = _found(reader, text, CasePage(0, 200, sort))
            paged = [
                case_id
                for offset in range(0, 14, 3)
                for case_id in _found(reader, text, CasePage(offset, 3, sort))
            ]
            assert paged == whole and whole, (sort, text)
            filtered = _found(reader, text, statuses=("registered",))
            assert filtered == _found(reader, text)


def test_a_remembered_count_follows_new_cases(casebook: Casebook, reader: listing.Reader) -> None:
    _case(casebook, "王伟")
    narrow = CaseFilter(text="王伟")
    assert listing.count_cases(reader, narrow) == 1
    assert listing.count_cases(reader, narrow) == 1
    _case(casebook, "王伟明", facts=f"身份证号{ID_PLAIN}。")
    assert listing.count_cases(reader, narrow) == 2
    assert listing.count_cases(reader, CaseFilter(text=ID_PLAIN[-6:])) == 1
