"""Personal data shown with care: ID numbers and phones masked, and the audited reveal.

Lists and exports never show a party's resident ID number or phone in full: they show
a masked form that still lets a worker tell two people apart (320***********123X,
138****5678). Free text that leaves the case page (facts, claims, remarks, notes, the
ledger's columns) goes through ``mask_text``, since workers type numbers into it.

The case page shows the full values only when the worker asks, and each time that is
recorded as an event (``case.personal_data_shown``) that reaches the town like any other:
the town sees who looked at whom. Replaying such an event changes no case state: the
fold has no handler for it, and a kind without a handler stays in the log, unread.

The documents (调解协议书, 终止告知书, 卷宗; casework.documents) are made for the parties
themselves and the archive, and by law carry their full details: they are not masked.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lists and the ledger mask text without loading the ORM
    from sqlalchemy.orm import Session

    from casework.models import CaseEvent, Party

STAR = "*"
# Fewer characters than this, and an ID number keeps nothing readable: the two lawful
# lengths are 18 and, for the first generation, 15.
_ID_SHORTEST_MASKED = 15
_KEEP_FIRST, _KEEP_LAST = 3, 4
# A phone keeps its ends only when at least four digits are hidden.
_PHONE_SHORTEST_MASKED = 11


def _stars(count: int) -> str:
    return STAR * count


def mask_id_number(value: str) -> str:
    """An ID number with the first 3 and last 4 characters kept: 320***********123X.

    Anything shorter than an ID number keeps nothing readable (stars of its length)."""
    if len(value) < _ID_SHORTEST_MASKED:
        return _stars(len(value))
    hidden = len(value) - _KEEP_FIRST - _KEEP_LAST
    return value[:_KEEP_FIRST] + _stars(hidden) + value[-_KEEP_LAST:]


def _mask_digits(digits: str) -> str:
    # A number of unknown shape: its ends when long enough, else nothing readable.
    if len(digits) < _PHONE_SHORTEST_MASKED:
        return _stars(len(digits))
    return digits[:_KEEP_FIRST] + _stars(len(digits) - 7) + digits[-_KEEP_LAST:]


def mask_phone(stored: str) -> str:
    """A phone number masked as lists show it: a mobile keeps its first 3 and last 4 digits
    (138****5678), a landline its area code and last 4 (0512-****1234), a number from
    abroad its country code's first digits and last 4 (+852****4567).

    ``stored`` is the E.164 form the store keeps (a number typed otherwise is read as
    a mainland one); what cannot be read as a number keeps its ends only if it is long."""
    if not stored:
        return ""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(stored, "CN")
    except phonenumbers.NumberParseException:
        return _mask_digits(re.sub(r"\D", "", stored))
    national = str(phonenumbers.national_significant_number(parsed))
    if parsed.country_code != 86:
        return "+" + _mask_digits(f"{parsed.country_code}{national}")
    area = phonenumbers.length_of_geographical_area_code(parsed)
    if area and len(national) - area > _KEEP_LAST:
        local = national[area:]
        return f"0{national[:area]}-{_stars(len(local) - _KEEP_LAST)}{local[-_KEEP_LAST:]}"
    return _mask_digits(national)


# --- numbers inside free text -------------------------------------------------------------
#
# One pattern, scanned left to right: at each place the kinds that must stay readable
# (case numbers, dates, amounts of money) are tried before the kinds that are masked, so
# a number that is one of them is passed over whole. Runs are bounded: a number is never
# cut out of a longer run of digits or letters.

# casework.services._next_number: year, village code, device tag (hex), running number.
_CASE_NUMBER = r"\d{4}-\d{6}-[0-9A-Za-z]{6}-\d{5,}"
_DATE = r"(?<!\d)\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月(?:\d{1,2}[日号])?)(?!\d)"
_MONEY = (
    r"¥\s*\d[\d,]*(?:\.\d+)?"
    r"|(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:元|圆|块|万|亿|角|RMB|CNY)"
)
# 18 characters (the last may be X), 15 of the first generation, and runs as long (bank
# cards of 16 to 19 digits): no date or amount is that long. Also typed in groups.
_ID = (
    r"(?<![0-9A-Za-z])(?:\d{14,18}[\dXx]|\d{6}(?P<ids>[ -])\d{8}(?P=ids)\d{3}[\dXx])"
    r"(?![0-9A-Za-z])"
)
# Where a phone may start and end: not inside a longer number or a decimal, not an amount.
_PHONE_START = r"(?<!\d)(?<!\d\.)"
_PHONE_END = r"(?!\d|\.\d|\s*(?:元|圆|块|万|亿))"
# +86 or 86 before a mobile, or the 0 once dialled before one from another city.
_MOBILE = r"(?P<mcc>(?:\+?86[ -]?|0)?)(?P<mobile>1[3-9]\d(?P<ms>[ -]?)\d{4}(?P=ms)\d{4})"
# An area code with its 0 (in brackets or not), or after +86 without it: 0512-63981234,
# (010)62345678, +86 512 6398 1234.
_LANDLINE = (
    r"(?P<area>(?:\+?86[ -]?\(?0?|\(0|0)\d{2,3}\)?)(?P<ls>[ -]?)"
    r"(?P<local>[2-9]\d{2,3}[ -]?\d{4})"
)
# Each kind starts with a digit, a plus, a bracket or a yuan sign: the other places are
# passed over at the cost of one look (a ledger masks the facts of 100,000 cases).
_PATTERN = re.compile(
    rf"(?=[\d+(¥])(?:(?P<case>{_CASE_NUMBER})|(?P<date>{_DATE})|(?P<money>{_MONEY})"
    rf"|(?P<id>{_ID})|{_PHONE_START}(?:{_MOBILE}|{_LANDLINE}){_PHONE_END})"
)
_KEPT = frozenset({"case", "date", "money"})
# Every number masked is a run of ten or more digits, spaces, dashes, brackets and plus
# signs: text without one (most facts) is returned at once.
_CANDIDATE = re.compile(r"[\d(+][\d ()+-]{9}")
# Full-width digits and signs, as Chinese input methods type them, read as ASCII ones
# (one character for one, so the places found are the places in the text).
_FOLD = str.maketrans("０１２３４５６７８９＋－（）Ｘｘ\u3000￥", "0123456789+-()Xx ¥")


def _hide_digits(text: str, keep_first: int, keep_last: int) -> str:
    """``text`` with its digits (and an ID number's X) starred except the first and last
    ones given; spaces, dashes and brackets stay where they were."""
    count = sum(c.isdigit() or c in "Xx" for c in text)
    seen, out = 0, []
    for char in text:
        if char.isdigit() or char in "Xx":
            seen += 1
            out.append(char if seen <= keep_first or seen > count - keep_last else STAR)
        else:
            out.append(char)
    return "".join(out)


def _masked(match: re.Match[str]) -> str:
    """The matched number as it may be shown (the same length)."""
    kind = match.lastgroup
    if kind in _KEPT:
        return match.group(0)
    if kind == "id":
        return _hide_digits(match.group(0), _KEEP_FIRST, _KEEP_LAST)
    if kind == "mobile":
        return match.group("mcc") + _hide_digits(match.group("mobile"), _KEEP_FIRST, _KEEP_LAST)
    head = match.group("area") + match.group("ls")  # a landline: its area code stays
    return head + _hide_digits(match.group("local"), 0, _KEEP_LAST)


def mask_text(text: str) -> str:
    """Free text with every ID-number-like and phone-like run masked (as ``mask_id_number``
    and ``mask_phone`` mask them); case numbers, dates and amounts of money stay."""
    folded = text.translate(_FOLD)
    if not _CANDIDATE.search(folded):
        return text
    out = list(text)
    for match in _PATTERN.finditer(folded):
        for offset, char in enumerate(_masked(match), start=match.start()):
            if char == STAR:
                out[offset] = STAR
    return "".join(out)


# --- the audited reveal -------------------------------------------------------------------


class PersonalField(enum.StrEnum):
    """What of a party's personal data a reveal shows."""

    ID_NUMBER = "id_number"
    PHONE = "phone"


class UnknownParty(LookupError):
    """No such party on that case: nothing was shown and nothing recorded."""


@dataclasses.dataclass(frozen=True)
class PartyDetails:
    """A party's personal data in full, as the case page shows it once asked."""

    party_id: str
    name: str
    id_number: str
    phone: str  # E.164, as stored (casework.identity.display_phone shows it)

    @property
    def fields(self) -> list[PersonalField]:
        """The fields that hold something to show."""
        held = ((PersonalField.ID_NUMBER, self.id_number), (PersonalField.PHONE, self.phone))
        return [field for field, value in held if value]


def _party(session: Session, case_id: str, party_id: str) -> Party:
    from casework.models import Party

    party = session.get(Party, party_id)
    if party is None or party.case_id != case_id:
        raise UnknownParty(f"case {case_id} has no party {party_id}")
    return party


def record_shown(
    session: Session, *, case_id: str, party_id: str, fields: Collection[PersonalField]
) -> CaseEvent:
    """Append the event saying that the current worker was shown ``fields`` of a party in
    full, in the caller's transaction; it is queued for the town server like any other.

    Raises UnknownParty (the party is not on the case) or ValueError (no fields, or a
    field that is not personal data) with nothing written."""
    from casework import events

    party = _party(session, case_id, party_id)
    if not fields:
        raise ValueError("a reveal shows at least one field")
    shown = sorted({PersonalField(f).value for f in fields})
    payload = {"party_id": party.id, "party_name": party.name, "fields": shown}
    return events.append(
        session, case_id=case_id, type=events.EventType.PERSONAL_DATA_SHOWN, payload=payload
    )


def show_party(session: Session, *, case_id: str, party_id: str) -> PartyDetails:
    """A party's ID number and phone in full, with the showing recorded (when there is
    anything to show) in the caller's transaction. Raises UnknownParty."""
    party = _party(session, case_id, party_id)
    details = PartyDetails(party.id, party.name, party.id_number, party.phone)
    if details.fields:
        record_shown(session, case_id=case_id, party_id=party_id, fields=details.fields)
    return details
