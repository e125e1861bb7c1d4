"""Resident ID numbers (GB 11643 MOD 11-2 check digit) and phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.identity import (
    IdNumberProblem,
    check_id_number,
    display_phone,
    is_valid_phone,
    normalise_id_number,
    normalise_phone,
)

# An example printed in GB 11643-1999 itself, a Wujiang number, a Guangdong number and a
# Taiwan resident's residence permit (prefix 83).
VALID = ["11010519491231002X", "320509198503121230", "440524198001010013", "830000199001010012"]


@pytest.mark.parametrize("number", VALID)
def test_valid_numbers_pass(number: str) -> None:
    assert check_id_number(number) is None


def test_a_lower_case_x_and_spaces_are_accepted_and_normalised() -> None:
    assert check_id_number("110105 19491231 002x") is None
    assert normalise_id_number("110105 19491231 002x") == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("110105194912310021", IdNumberProblem.CHECKSUM),  # X expected
        ("11010519491231002X1", IdNumberProblem.LENGTH),
        ("1101051949123100", IdNumberProblem.LENGTH),
        ("", IdNumberProblem.LENGTH),
        ("1101051949123100AX", IdNumberProblem.FORMAT),
        ("11010519491231X02X", IdNumberProblem.FORMAT),
        ("990105194912310023", IdNumberProblem.REGION),
        ("110105194902300023", IdNumberProblem.BIRTH_DATE),  # 30 February
        ("440524198001010014", IdNumberProblem.CHECKSUM),
        # The standard's other example: a right check digit, but born in 1880.
        ("440524188001010014", IdNumberProblem.BIRTH_DATE),
        ("320509209901010019", IdNumberProblem.BIRTH_DATE),  # born in 2099
    ],
)
def test_invalid_numbers_say_what_is_wrong(number: str, problem: IdNumberProblem) -> None:
    assert check_id_number(number) is problem


@given(
    position=st.integers(min_value=0, max_value=16),
    replacement=st.sampled_from("0123456789"),
    number=st.sampled_from(VALID),
)
def test_any_single_wrong_digit_is_caught(position: int, replacement: str, number: str) -> None:
    if number[position] == replacement:
        return
    typo = number[:position] + replacement + number[position + 1 :]
    assert check_id_number(typo) is not None


@given(st.sampled_from(VALID), st.integers(min_value=0, max_value=15))
def test_two_swapped_neighbouring_digits_are_caught(number: str, position: int) -> None:
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    assert check_id_number(swapped) is not None


@pytest.mark.parametrize(
    "phone", ["13812345678", "138 1234 5678", "0512-63981234", "+8613812345678"]
)
def test_mobiles_and_landlines_with_area_code_are_valid(phone: str) -> None:
    assert is_valid_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "1381234567", "abc", "", "23812345678"])
def test_bad_phone_numbers_are_refused(phone: str) -> None:
    assert not is_valid_phone(phone)


def test_phones_are_stored_in_one_form_and_shown_as_dialled() -> None:
    assert normalise_phone("138 1234 5678") == "+8613812345678"
    assert display_phone("+8613812345678").replace(" ", "") == "13812345678"
    assert display_phone("") == ""
