"""Shared fixtures: a scratch data directory, an open casebook, sample drafts.

Qt runs offscreen and pytest-qt owns the one QApplication.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import resources
from casework.casebook import Casebook, open_casebook
from casework.drafts import CaseDraft, PartyDraft

VILLAGE = "320509003001"  # 开弦弓村, 七都镇

# Valid resident ID numbers (GB 11643 check digits), one ending in X.
ID_WITH_X = "11010519491231002X"
ID_PLAIN = "320509198503121230"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory, as on a new laptop."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def casebook(data_dir: Path) -> Iterator[Casebook]:
    """A migrated store with the sample org tree and a worker set up for 开弦弓村."""
    book = open_casebook(data_dir, resources.sample_org_tree())
    book.set_up(worker_name="王芳", org_unit_code=VILLAGE)
    yield book
    book.close()


def neighbour_dispute(facts: str = "邻居家空调外机滴水到院子里，多次协商未果。") -> CaseDraft:
    """A well-formed draft of an ordinary neighbour dispute."""
    return CaseDraft(
        dispute_type="neighbour",
        facts=facts,
        claims="要求移走空调外机并赔偿损失 500 元。",
        parties=[
            PartyDraft("张建国", "applicant", ID_WITH_X, "13812345678", "开弦弓村 12 组 3 号"),
            PartyDraft("李秀英", "respondent", "", "0512-63981234", "开弦弓村 12 组 5 号"),
        ],
    )
