"""Plain rows handed to screens: no ORM objects ever leave the data layer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any


class CaseSort(enum.StrEnum):
    """Columns a case list may be sorted by."""

    NUMBER = "number"
    CREATED_AT = "created_at"
    FIRST_PARTY = "first_party"
    DISPUTE_TYPE = "dispute_type"
    STATUS = "status"
    PRIORITY = "priority"


@dataclasses.dataclass(frozen=True)
class CasePage:
    """Which slice of the case list to fetch."""

    offset: int = 0
    limit: int = 200
    sort: CaseSort = CaseSort.CREATED_AT
    descending: bool = True


@dataclasses.dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: str
    number: str
    created_at: dt.datetime
    parties: str
    dispute_type: str
    status: str
    priority: str


@dataclasses.dataclass(frozen=True)
class PartyRow:
    """A party as shown on the case page."""

    role: str
    name: str
    id_number: str
    phone: str
    address: str


@dataclasses.dataclass(frozen=True)
class EventRow:
    """One entry of a case's history."""

    id: str
    type: str
    author_name: str
    recorded_at: dt.datetime
    device_id: str
    device_seq: int
    payload: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class CaseDetail:
    """Everything the case page shows."""

    id: str
    number: str
    org_unit_name: str
    dispute_type: str
    facts: str
    claims: str
    priority: str
    level: str
    status: str
    created_at: dt.datetime
    parties: list[PartyRow]
    history: list[EventRow]
    allowed_next: list[str]


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who is working on this laptop, and for which village."""

    worker_id: str
    worker_name: str
    device_id: str
    org_unit_code: str
    org_unit_name: str
