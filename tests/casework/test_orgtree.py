"""The org tree file: the sample loads, a broken file is refused with the place named."""

from __future__ import annotations

from pathlib import Path

import pytest

import resources
from casework.domain import OrgLevel
from casework.orgtree import OrgTreeError, load, villages_by_town


def test_the_sample_tree_has_a_district_with_towns_villages_and_grids() -> None:
    nodes = load(resources.sample_org_tree())
    levels = {level: [n for n in nodes if n.level is level] for level in OrgLevel}
    assert [n.name for n in levels[OrgLevel.DISTRICT]] == ["吴江区"]
    assert {"松陵街道", "盛泽镇", "七都镇"} <= {n.name for n in levels[OrgLevel.TOWN]}
    assert all(villages for _, villages in villages_by_town(nodes))
    assert levels[OrgLevel.GRID]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name,level,parent_code\n1,区,county,\n", "line 2: unknown level 'county'"),
        ("code,name,level,parent_code\n1,区,district,\n2,镇,village,1\n", "parent must be a town"),
        ("code,name,level,parent_code\n1,区,district,\n1,区,district,\n", "duplicate code '1'"),
        ("code,name,level,parent_code\n,区,district,\n", "line 2: code and name are required"),
    ],
)
def test_a_malformed_tree_is_refused_naming_the_fault(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "tree.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrgTreeError, match=message):
        load(path)
