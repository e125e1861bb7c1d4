"""The directory of a town or the district: the departments and the three mediator teams
(专业 / 兼职 / 特邀) and their mediators that cases are dispatched to 派单.

The directory lives on the server, which the administrator fills from a CSV file; each
entry set there is an event of the unit (no case), so it syncs down to the unit's desks
like everything else, and a desk offline still dispatches from its last copy. An entry is
what its latest event says (by clock); a removed entry is one set inactive.
"""

from __future__ import annotations

import csv
import dataclasses
import enum
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casework.models import DIRECTORY_KIND, CaseEvent

# Directory entry ids are derived from the unit, kind and name, so importing the same
# file again updates the entries instead of doubling them.
_NAMESPACE = uuid.UUID("6f1d8a52-3c4e-4f0b-9a41-0d5b7e2c9f11")


class EntryKind(enum.StrEnum):
    """What a directory entry is."""

    DEPARTMENT = "department"  # 职能部门
    TEAM = "team"  # 调解队伍
    MEDIATOR = "mediator"  # 调解员


class Team(enum.StrEnum):
    """The three mediator teams of the Wujiang model."""

    PROFESSIONAL = "professional"  # 专业
    PART_TIME = "part_time"  # 兼职
    INVITED = "invited"  # 特邀


@dataclasses.dataclass(frozen=True)
class Entry:
    """A department, a mediator team or a mediator of one unit."""

    id: str
    unit: str
    kind: EntryKind
    name: str
    team: Team | None = None  # a team's own kind, or the team a mediator belongs to
    phone: str = ""
    active: bool = True

    def payload(self) -> dict[str, Any]:
        """The entry as a directory event's payload."""
        return {
            "id": self.id, "unit": self.unit, "kind": self.kind.value, "name": self.name,
            "team": self.team.value if self.team else None, "phone": self.phone,
            "active": self.active,
        }  # fmt: skip

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Entry:
        """The entry a directory event sets."""
        team = payload.get("team")
        return cls(
            id=str(payload["id"]), unit=str(payload["unit"]), kind=EntryKind(payload["kind"]),
            name=str(payload["name"]), team=Team(team) if team else None,
            phone=str(payload.get("phone") or ""), active=bool(payload.get("active", True)),
        )  # fmt: skip


def entry_id(unit: str, kind: EntryKind, name: str) -> str:
    """The id of the entry of ``unit`` of this kind and name."""
    return str(uuid.uuid5(_NAMESPACE, f"{unit}/{kind.value}/{name}"))


class DirectoryError(ValueError):
    """A directory file that cannot be read; nothing of it is imported."""


COLUMNS = ("unit_code", "kind", "team", "name", "phone")


def _entry(line: int, row: dict[str, str]) -> Entry:
    try:
        kind = EntryKind(row["kind"].strip())
        team = Team(row["team"].strip()) if row["team"].strip() else None
    except ValueError as error:
        raise DirectoryError(f"line {line}: {error}") from error
    name, unit = row["name"].strip(), row["unit_code"].strip()
    if not name or not unit:
        raise DirectoryError(f"line {line}: a unit code and a name are required")
    if kind is not EntryKind.DEPARTMENT and team is None:
        raise DirectoryError(f"line {line}: a team or mediator names its team")
    return Entry(entry_id(unit, kind, name), unit, kind, name, team, row["phone"].strip())


def load_csv(path: Path) -> list[Entry]:
    """The entries of a directory CSV (columns COLUMNS); raises DirectoryError."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DirectoryError(f"columns missing: {', '.join(missing)}")
            return [_entry(number, row) for number, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DirectoryError(str(error)) from error


def fold(payloads: list[dict[str, Any]]) -> dict[str, Entry]:
    """Entries by id from directory payloads in clock order: the latest of each stands."""
    entries: dict[str, Entry] = {}
    for payload in payloads:
        try:
            entry = Entry.from_payload(payload)
        except (KeyError, TypeError, ValueError):
            continue  # another version's entry: it stays in the log
        entries[entry.id] = entry
    return entries


def entries(session: Session, unit: str) -> list[Entry]:
    """The active entries of ``unit`` held here: departments, teams, then mediators."""
    query = (
        select(CaseEvent.payload)
        .where(CaseEvent.case_id.is_(None), text(DIRECTORY_KIND))  # its partial index
        .order_by(CaseEvent.hlc, CaseEvent.device_id, CaseEvent.device_seq)
    )
    held = fold([p for p in session.scalars(query) if p.get("unit") == unit])
    order = list(EntryKind)
    active = [e for e in held.values() if e.active]
    return sorted(active, key=lambda e: (order.index(e.kind), e.team or "", e.name))
