"""Checks of people's identifiers: resident ID numbers (GB 11643) and phone numbers."""

from __future__ import annotations

import datetime as dt
import enum
import re

# GB/T 2260 province-level codes. The full county table changes every year (Wujiang's
# 320509 is newer than most libraries' tables), so only the province is checked.
# 83 is the prefix of residence permits for Taiwan residents (台湾居民居住证).
_PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class IdNumberProblem(enum.StrEnum):
    """Why an ID number was refused; the UI words each one for the worker."""

    LENGTH = "length"
    FORMAT = "format"
    REGION = "region"
    BIRTH_DATE = "birth_date"
    CHECKSUM = "checksum"


def normalise_id_number(text: str) -> str:
    """Strip spaces and upper-case a trailing x, as people type it either way."""
    return re.sub(r"\s+", "", text).upper()


def check_id_number(text: str) -> IdNumberProblem | None:
    """Return None for a valid 18-digit resident ID number, else what is wrong with it."""
    number = normalise_id_number(text)
    if len(number) != 18:
        return IdNumberProblem.LENGTH
    if not _SHAPE.match(number):
        return IdNumberProblem.FORMAT
    if int(number[:2]) not in _PROVINCES:
        return IdNumberProblem.REGION
    from stdnum.cn import ric

    try:
        born = ric.get_birth_date(number)
    except Exception:  # stdnum raises its own InvalidComponent
        return IdNumberProblem.BIRTH_DATE
    if not _EARLIEST_BIRTH <= born <= dt.date.today():
        return IdNumberProblem.BIRTH_DATE
    if ric.calc_check_digit(number) != number[-1]:
        return IdNumberProblem.CHECKSUM
    return None


def normalise_phone(text: str) -> str:
    """Return the number in E.164 form; raises ValueError when it cannot be parsed."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def is_valid_phone(text: str) -> bool:
    """True for a dialable mobile or landline number (mainland numbers without +86)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_valid_number(parsed))


def display_phone(stored: str) -> str:
    """A stored E.164 number as a worker dials it (national format for mainland numbers)."""
    if not stored:
        return ""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(stored, "CN")
    except phonenumbers.NumberParseException:
        return stored
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
