"""The org tree on the server: import from CSV, and the scope of a unit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework import orgtree
from casework.domain import OrgLevel
from sync.protocol import DeviceRole, OrgUnitWire
from sync.server.models import OrgUnit
from sync.server.services import audit

# Tiers from the top down.
_DEPTH = (OrgLevel.DISTRICT, OrgLevel.TOWN, OrgLevel.VILLAGE, OrgLevel.GRID)
ROLES = {
    OrgLevel.VILLAGE: DeviceRole.VILLAGE,
    OrgLevel.TOWN: DeviceRole.TOWN,
    OrgLevel.DISTRICT: DeviceRole.DISTRICT,
}


def import_tree(session: Session, *, csv_path: Path, actor: str) -> int:
    """Add or update every unit of an org tree CSV; returns how many it has."""
    return import_nodes(session, nodes=orgtree.load(csv_path), actor=actor, source=str(csv_path))


def import_nodes(
    session: Session, *, nodes: list[orgtree.OrgNode], actor: str, source: str = ""
) -> int:
    """Add or update units (none is deleted: events and devices refer to them)."""
    held = {unit.code: unit for unit in session.scalars(select(OrgUnit))}
    # One tier at a time, parents first, whatever the file's order: the key is checked
    # row by row.
    for level in _DEPTH:
        for node in (n for n in nodes if n.level is level):
            unit = held.get(node.code) or OrgUnit(code=node.code)
            unit.name, unit.level, unit.parent_code = node.name, level.value, node.parent_code
            session.add(unit)
        session.flush()
    detail = f"{len(nodes)} units" + (f" from {source}" if source else "")
    audit.record(session, action="import_orgtree", actor=actor, detail=detail)
    return len(nodes)


def get(session: Session, code: str) -> OrgUnit | None:
    """The unit with this code, if the tree has it."""
    return session.get(OrgUnit, code)


def role_of(unit: OrgUnit) -> DeviceRole | None:
    """What a device of this unit is enrolled as; None for a grid (no devices there)."""
    return ROLES.get(OrgLevel(unit.level))


def _all(session: Session) -> dict[str | None, list[OrgUnit]]:
    children: dict[str | None, list[OrgUnit]] = {}
    for unit in session.scalars(select(OrgUnit).order_by(OrgUnit.code)):
        children.setdefault(unit.parent_code, []).append(unit)
    return children


def subtree(session: Session, code: str) -> list[OrgUnit]:
    """The unit and every unit under it, parents before children."""
    children = _all(session)
    root = session.get(OrgUnit, code)
    found: list[OrgUnit] = [] if root is None else [root]
    for unit in found:  # grows while walked: breadth first
        found.extend(children.get(unit.code, []))
    return found


def scope_codes(session: Session, code: str) -> set[str]:
    """The codes of the units a device of ``code`` may send for and receive."""
    top = select(OrgUnit.code).where(OrgUnit.code == code).cte("scope", recursive=True)
    tree = top.union_all(select(OrgUnit.code).where(OrgUnit.parent_code == top.c.code))
    return set(session.scalars(select(tree.c.code)))


def ancestors(session: Session, code: str) -> list[OrgUnit]:
    """The units above ``code``, from the top down."""
    chain: list[OrgUnit] = []
    unit = session.get(OrgUnit, code)
    while unit is not None and unit.parent_code is not None:
        unit = session.get(OrgUnit, unit.parent_code)
        if unit is not None:
            chain.insert(0, unit)
    return chain


def wire(units: list[OrgUnit]) -> list[OrgUnitWire]:
    """Units as an enrollment answer lists them."""
    return [
        OrgUnitWire(code=u.code, name=u.name, level=u.level, parent_code=u.parent_code)
        for u in units
    ]
