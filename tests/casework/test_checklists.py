"""The checklist files: the shipped ones load; a bad edit is named and the last good kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import resources
from casework.checklists import FILES, ChecklistError, ChecklistsUnavailable, load, load_file
from casework.domain import DisputeType, Level


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """An editable copy of the shipped checklists."""
    folder = tmp_path / "checklists"
    shutil.copytree(resources.checklists_dir(), folder)
    return folder


def test_the_shipped_checklists_load_and_cover_every_dispute_type(tmp_path: Path) -> None:
    lists = load(resources.checklists_dir(), tmp_path / "last-good")
    assert lists.refused == []
    assert {i.code for i in lists.items.item} == set(DisputeType)
    assert lists.items.find("neighbour").name == "邻里"
    assert lists.items.find("expropriation").level is Level.DISTRICT
    assert [q.code for q in lists.intake.question] == [
        "identities_verified", "consent", "other_proceedings", "risk", "evidence",
        "rights_explained",
    ]  # fmt: skip
    assert [s.name for s in lists.process.step] == [
        "登记", "调查核实", "调解", "调解协议", "调解终止", "履行", "回访", "归档",
    ]  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "last-good").iterdir()) == sorted(FILES)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("items.toml", "deadline_days = 15", "deadline_days = -3",
         "items.toml: item 'neighbour' deadline_days: Input should be greater than 0"),
        ("items.toml", 'level = "village"', 'level = "province"',
         "items.toml: item 'marriage_family' level: Input should be"),
        ("items.toml", 'code = "other"', 'code = "neighbour"',
         "items.toml: file: dispute types listed twice: neighbour"),
        ("intake.toml", 'when = "refused"', 'when = "refuses"',
         "intake.toml: question 'consent': answer 'refuses' is not one of"),
        ("intake.toml", 'reason = "当事人身份尚未核实"', 'reason = ""',
         "intake.toml: question 'identities_verified' rule"),
        ("process.toml", 'alternative_to = "termination"', 'alternative_to = "closure"',
         "process.toml: file: step 'agreement' refers to unknown step 'closure'"),
        ("process.toml", "due_share = 0.3", "due_share = 0.3\nafter_close_days = 5",
         "process.toml: step 'investigate': give exactly one of"),
        ("intake.toml", "[[question]]", "[[question]", "intake.toml: cannot be read"),
        ("process.toml", "due_share = 0.3", "due_share = 0.95",
         "process.toml: file: due_share must not decrease"),
        ("process.toml", 'alternative_to = "agreement"', 'alternative_to = "performance"',
         "process.toml: file: steps 'agreement' and 'termination' must name"),
        ("intake.toml", 'code = "consent"', 'code = "agreement_to_mediate"',
         "intake.toml: file: questions the law requires are missing: consent"),
        ("intake.toml", 'when = "no"\n  effect = "block"\n  reason = "当事人身份尚未核实"',
         'when = "yes"\n  effect = "block"\n  reason = "x"\n  [[question.rule]]\n'
         '  when = "no"\n  effect = "block"\n  reason = "当事人身份尚未核实"',
         "intake.toml: question 'identities_verified': every answer blocks"),
        ("intake.toml", 'when = "high"\n  effect = "police"', 'when = "low"\n  effect = "police"',
         "intake.toml: file: question 'risk': answer 'high' must police"),
        ("intake.toml", 'when = "refused"\n  effect = "block"',
         'when = "refused"\n  effect = "escalate"',
         "intake.toml: file: question 'consent': answer 'refused' must block"),
        ("process.toml", 'status = "in_mediation"', 'status = "archived"',
         "process.toml: file: step 'mediate': no case can become 'archived' here"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_naming_the_file_the_entry_and_the_fault(
    source: Path, name: str, old: str, new: str, message: str
) -> None:
    _edit(source / name, old, new)
    with pytest.raises(ChecklistError) as caught:
        load_file(source / name)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_bad_edit_falls_back_to_the_last_good_copy(source: Path, tmp_path: Path) -> None:
    last_good = tmp_path / "last-good"
    assert load(source, last_good).items.find("neighbour").deadline_days == 15
    _edit(source / "items.toml", "deadline_days = 15", "deadline_days = 20")
    assert load(source, last_good).items.find("neighbour").deadline_days == 20  # accepted
    _edit(source / "items.toml", "deadline_days = 20", "deadline_days = lots")
    lists = load(source, last_good)
    assert lists.items.find("neighbour").deadline_days == 20  # the last good one
    assert len(lists.refused) == 1 and str(lists.refused[0]).startswith(
        "items.toml: cannot be read"
    )


def test_with_no_good_copy_the_checklists_are_unavailable_but_good_files_are_kept(
    source: Path, tmp_path: Path
) -> None:
    _edit(source / "process.toml", 'name = "登记"', 'name = ""')
    with pytest.raises(ChecklistsUnavailable, match=r"process\.toml: step 'register' name"):
        load(source, tmp_path / "empty")
    assert sorted(p.name for p in (tmp_path / "empty").iterdir()) == ["intake.toml", "items.toml"]
