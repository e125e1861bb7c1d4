"""Personal data shown with care: masked ID numbers and phones, numbers masked inside
free text (but never a date, a case number or an amount), and the audited reveal that
changes no case state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

import resources
from casework import replay
from casework.casebook import Casebook, open_casebook
from casework.casefile import CaseParty
from casework.intake import clean_answers
from casework.masking import (
    PersonalField,
    UnknownParty,
    mask_id_number,
    mask_phone,
    mask_text,
    record_shown,
)
from casework.models import CaseEvent, OutboxEntry
from casework.status import CaseStatus
from sync.protocol import PulledEvent
from tests.conftest import ID_PLAIN, ID_WITH_X, VILLAGE, neighbour_dispute

# Text around the numbers in the generated cases: Chinese and punctuation, no digits,
# no letters (a letter next to a number makes it part of a longer code).
FILLER = st.text(st.sampled_from("张王李某电话身份证号码住址，。：；、（） \n"), max_size=12)
ID_NUMBERS = st.builds(
    lambda body, last: body + last,
    st.text(st.sampled_from("0123456789"), min_size=17, max_size=17),
    st.sampled_from("0123456789X"),
)
MOBILES = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(st.sampled_from("0123456789"), min_size=9, max_size=9),
)


# --- the values -------------------------------------------------------------------------


def test_an_id_number_keeps_its_first_three_and_last_four_characters() -> None:
    assert mask_id_number(ID_WITH_X) == "110***********002X"
    assert mask_id_number(ID_PLAIN) == "320***********1230"
    assert mask_id_number("320509850312123") == "320********2123"  # the first generation


@pytest.mark.parametrize("value", ["", "3", "32050919", "32050919850312"])
def test_anything_too_short_to_be_an_id_number_keeps_nothing_readable(value: str) -> None:
    assert mask_id_number(value) == "*" * len(value)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+8613812345678", "138****5678"),
        ("+8651263981234", "0512-****1234"),  # Suzhou: the area code stays
        ("+861062345678", "010-****5678"),  # Beijing
        ("+85291234567", "+852****4567"),
        ("", ""),
        ("12345", "*****"),  # not a number anyone can dial: nothing readable
    ],
)
def test_a_phone_keeps_its_area_or_first_three_and_last_four_digits(
    stored: str, shown: str
) -> None:
    assert mask_phone(stored) == shown


@given(ID_NUMBERS)
def test_a_masked_id_number_never_holds_its_middle_characters(number: str) -> None:
    masked = mask_id_number(number)
    assert masked == number[:3] + "*" * 11 + number[-4:]


@given(st.text(max_size=30))
def test_a_masked_id_number_shows_at_most_seven_characters_of_anything(value: str) -> None:
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    assert sum(c != "*" for c in masked) <= 7
    assert all(m in ("*", v) for m, v in zip(masked, value, strict=True))


@given(MOBILES)
def test_a_masked_mobile_never_holds_its_middle_digits(number: str) -> None:
    assert mask_phone("+86" + number) == number[:3] + "****" + number[-4:]


# --- numbers inside free text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("身份证11010519491231002X，", "身份证110***********002X，"),
        ("身份证号 320509 19850312 1230", "身份证号 320*** ******** 1230"),
        ("电话13812345678", "电话138****5678"),
        ("电话 138-1234-5678 或 138 1234 5678", "电话 138-****-5678 或 138 **** 5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("座机0512-63981234", "座机0512-****1234"),
        ("座机(010)62345678", "座机(010)****5678"),
        ("两个号码13812345678,13912345678", "两个号码138****5678,139****5678"),
        ("全角１３８１２３４５６７８", "全角１３８****５６７８"),
        ("银行卡6222021234567890123", "银行卡622************0123"),
    ],
)
def test_id_numbers_and_phones_typed_into_text_are_masked(typed: str, masked: str) -> None:
    assert mask_text(typed) == masked


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28 到现场，2026年11月28日再去，2026/1/5 回访",
        "约定赔偿 12,000.50 元，另付¥3000，先付 1500元，共 2.5万",
        "案件 2026-320509-3F2A9C-00012 与 2026-320509-051263-00001 合并",
        "开弦弓村 12 组 3 号，邻居家空调外机滴水。",
    ],
)
def test_dates_case_numbers_amounts_and_addresses_stay_as_typed(text: str) -> None:
    assert mask_text(text) == text


def test_a_real_case_number_stays_as_it_is(casebook: Casebook) -> None:
    number = casebook.case_detail(casebook.record_case(neighbour_dispute())).number
    assert mask_text(f"见案件{number}。") == f"见案件{number}。"


@given(FILLER, ID_NUMBERS, FILLER)
def test_an_id_number_in_text_loses_its_middle_characters(
    before: str, number: str, after: str
) -> None:
    masked = mask_text(before + number + after)
    assert masked == before + number[:3] + "*" * 11 + number[-4:] + after


@given(FILLER, MOBILES, st.sampled_from(["", "-", " "]), FILLER)
def test_a_mobile_in_text_loses_its_middle_digits(
    before: str, number: str, gap: str, after: str
) -> None:
    typed = gap.join([number[:3], number[3:7], number[7:]])
    masked = mask_text(before + typed + after)
    assert masked == before + gap.join([number[:3], "****", number[7:]]) + after


@given(
    FILLER,
    st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)),
    st.integers(0, 10**10),
    st.sampled_from(["{}元", "{:,}元", "¥{}", "{}.50元", "{} 万元"]),
)
def test_dates_and_amounts_in_text_are_never_masked(
    filler: str, day: dt.date, amount: int, money: str
) -> None:
    text = f"{day.isoformat()}{filler}{money.format(amount)}{filler}{day:%Y年%m月%d日}"
    assert mask_text(text) == text


@given(st.text(max_size=60))
def test_masking_text_only_ever_stars_digits(text: str) -> None:
    masked = mask_text(text)
    assert len(masked) == len(text)
    for was, now in zip(text, masked, strict=True):
        assert now == was or (now == "*" and (was.isdigit() or was in "XxＸｘ"))


# --- the reveal -------------------------------------------------------------------------


def _parties(book: Casebook, case_id: str) -> list[CaseParty]:
    parties = book.case_detail(case_id).parties
    assert all(isinstance(p, CaseParty) for p in parties)
    return [p for p in parties if isinstance(p, CaseParty)]


def _events(book: Casebook, kind: str) -> list[tuple[CaseEvent, bool]]:
    """The events of a kind, each with whether it waits in the outbox for the server."""
    with book.store.reading() as session:
        rows = session.execute(
            sa.select(CaseEvent, OutboxEntry.event_id)
            .outerjoin(OutboxEntry, OutboxEntry.event_id == CaseEvent.id)
            .where(CaseEvent.type == kind)
        ).all()
        session.expunge_all()
        return [(event, queued is not None) for event, queued in rows]


def test_showing_a_party_returns_the_full_values_and_records_who_looked_at_whom(
    casebook: Casebook,
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    applicant, respondent = _parties(casebook, case_id)
    shown = casebook.show_personal_data(case_id, applicant.party_id)
    assert (shown.name, shown.id_number, shown.phone) == ("张建国", ID_WITH_X, "+8613812345678")
    [(event, queued)] = _events(casebook, "case.personal_data_shown")
    who = casebook.identity()
    assert who is not None
    assert (event.author_id, event.author_name, event.case_id) == (who.worker_id, "王芳", case_id)
    assert event.payload == {
        "party_id": applicant.party_id, "party_name": "张建国", "fields": ["id_number", "phone"]
    }  # fmt: skip
    assert queued  # the town will see it
    casebook.show_personal_data(case_id, respondent.party_id)  # a phone, no ID number
    events = [e for e, _ in _events(casebook, "case.personal_data_shown")]
    assert sorted(e.payload["fields"] for e in events) == [["id_number", "phone"], ["phone"]]


def test_a_party_of_another_case_is_refused_and_nothing_is_recorded(casebook: Casebook) -> None:
    first = casebook.record_case(neighbour_dispute())
    other = casebook.record_case(neighbour_dispute("两户因共用水井的使用时间发生口角。"))
    stranger = _parties(casebook, other)[0]
    with pytest.raises(UnknownParty):
        casebook.show_personal_data(first, stranger.party_id)
    with pytest.raises(UnknownParty):
        casebook.show_personal_data(first, "no-such-party")
    with casebook.store.unit_of_work() as session, pytest.raises(ValueError):
        record_shown(session, case_id=other, party_id=stranger.party_id, fields=[])
    assert _events(casebook, "case.personal_data_shown") == []


def test_the_reveal_is_recorded_only_for_the_fields_named(casebook: Casebook) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    party = _parties(casebook, case_id)[0]
    with casebook.store.unit_of_work() as session:
        record_shown(session, case_id=case_id, party_id=party.party_id,
                     fields=[PersonalField.PHONE])  # fmt: skip
    [(event, _)] = _events(casebook, "case.personal_data_shown")
    assert event.payload["fields"] == ["phone"]


# What replay recomputes: every current-state table of the cases (not the log itself,
# nor the device's counters).
_STATE = {
    "cases": "SELECT * FROM cases ORDER BY id",
    "parties": "SELECT * FROM parties ORDER BY id",
    "intake_answers": "SELECT * FROM intake_answers ORDER BY case_id, question",
    "process_steps": "SELECT * FROM process_steps ORDER BY case_id, step",
    "visits": "SELECT * FROM visits ORDER BY id",
    "search_text": "SELECT case_id, body, spaced FROM search_text ORDER BY case_id",
    "case_conflicts": "SELECT case_id, field, kept_value, other_value FROM case_conflicts",
}


def _state(book: Casebook) -> dict[str, list[tuple[Any, ...]]]:
    with book.store.reading() as session:
        return {t: [tuple(r) for r in session.execute(sa.text(q))] for t, q in _STATE.items()}


def _all_events(book: Casebook) -> list[CaseEvent]:
    with book.store.reading() as session:
        found = list(session.scalars(sa.select(CaseEvent).order_by(CaseEvent.device_seq)))
        session.expunge_all()
        return found


def _pulled(events: list[CaseEvent]) -> list[PulledEvent]:
    return [
        PulledEvent(
            id=e.id, device_id=e.device_id, device_seq=e.device_seq, hlc=e.hlc,
            case_id=e.case_id, org_unit_code=VILLAGE, author_id=e.author_id,
            author_name=e.author_name, type=e.type, payload=e.payload,
            schema_version=e.schema_version, recorded_at=e.recorded_at, server_seq=n,
            received_at=dt.datetime.now(dt.UTC),
        )
        for n, e in enumerate(events, start=1)
    ]  # fmt: skip


@pytest.fixture
def replicas(tmp_path: Path) -> Iterator[list[Casebook]]:
    """Two more laptops of the village, empty."""
    books = []
    for name in ("with", "without"):
        book = open_casebook(tmp_path / name, resources.sample_org_tree())
        book.set_up(worker_name="李强", org_unit_code=VILLAGE)
        books.append(book)
    yield books
    for book in books:
        book.close()


def test_the_reveal_changes_no_case_state_here_on_rebuild_or_on_a_replica(
    casebook: Casebook, replicas: list[Casebook]
) -> None:
    case_id = casebook.record_case(neighbour_dispute())
    casebook.accept_case(case_id, clean_answers(casebook.checklists.intake))
    before = _state(casebook)
    casebook.show_personal_data(case_id, _parties(casebook, case_id)[0].party_id)
    assert _state(casebook) == before
    casebook.complete_step(case_id, "investigate", {"findings": "已查看现场"})
    ending = {"reason": "一方拒绝继续调解", "other_routes_explained": "yes"}
    casebook.complete_step(case_id, "termination", ending)
    assert casebook.case_detail(case_id).status == CaseStatus.TERMINATED
    written = _state(casebook)
    with casebook.store.unit_of_work() as session:
        replay.rebuild_case(session, case_id, casebook.checklist_versions())
    assert _state(casebook) == written
    events = _all_events(casebook)
    assert sum(e.type == "case.personal_data_shown" for e in events) == 1
    with_reveal, without = replicas
    with_reveal.apply_pulled(_pulled(events))
    without.apply_pulled(_pulled([e for e in events if e.type != "case.personal_data_shown"]))
    assert _state(with_reveal) == _state(without) == written
    kinds = [e.type for e in with_reveal.case_detail(case_id).history]
    assert "case.personal_data_shown" in kinds
