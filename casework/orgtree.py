"""The org tree (district → town → village → grid) as read from a CSV file."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from casework.domain import OrgLevel

_PARENT_LEVEL = {
    OrgLevel.DISTRICT: None,
    OrgLevel.TOWN: OrgLevel.DISTRICT,
    OrgLevel.VILLAGE: OrgLevel.TOWN,
    OrgLevel.GRID: OrgLevel.VILLAGE,
}


@dataclasses.dataclass(frozen=True)
class OrgNode:
    """One org unit: a stable code, its Chinese name, its tier and its parent's code."""

    code: str
    name: str
    level: OrgLevel
    parent_code: str | None


class OrgTreeError(ValueError):
    """The org tree file is malformed; the message names the line and the fault."""


def _node(line: int, row: dict[str, str]) -> OrgNode:
    try:
        level = OrgLevel(row["level"].strip())
    except (KeyError, ValueError):
        raise OrgTreeError(f"line {line}: unknown level {row.get('level')!r}") from None
    code, name = row.get("code", "").strip(), row.get("name", "").strip()
    if not code or not name:
        raise OrgTreeError(f"line {line}: code and name are required")
    parent = (row.get("parent_code") or "").strip() or None
    return OrgNode(code, name, level, parent)


def _check_parents(nodes: list[OrgNode]) -> None:
    by_code: dict[str, OrgNode] = {}
    for node in nodes:
        if node.code in by_code:
            raise OrgTreeError(f"duplicate code {node.code!r}")
        by_code[node.code] = node
    for node in nodes:
        want = _PARENT_LEVEL[node.level]
        parent = by_code.get(node.parent_code) if node.parent_code else None
        if (want is None) != (parent is None) or (parent and parent.level != want):
            raise OrgTreeError(f"{node.code} ({node.name}): its parent must be a {want}")


def load(path: Path) -> list[OrgNode]:
    """Read and check an org tree CSV (columns code, name, level, parent_code)."""
    with path.open(encoding="utf-8", newline="") as handle:
        nodes = [_node(i, row) for i, row in enumerate(csv.DictReader(handle), start=2)]
    _check_parents(nodes)
    return nodes


def villages_by_town(nodes: list[OrgNode]) -> list[tuple[OrgNode, list[OrgNode]]]:
    """Towns in file order, each with its villages: what a village picker shows."""
    towns = [n for n in nodes if n.level is OrgLevel.TOWN]
    return [
        (town, [n for n in nodes if n.level is OrgLevel.VILLAGE and n.parent_code == town.code])
        for town in towns
    ]
