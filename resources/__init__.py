"""Files Outpost ships beside its code: the org tree, translations, later the checklists."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def sample_org_tree() -> Path:
    """The sample org tree of a district, its towns, villages and grids."""
    return ROOT / "org" / "sample_orgtree.csv"


def translations_dir() -> Path:
    """Where the .ts sources and compiled .qm translations live."""
    return ROOT / "translations"


def checklists_dir() -> Path:
    """The three checklists 三张清单 (items, intake, process) as shipped."""
    return ROOT / "checklists"


def sample_directory() -> Path:
    """The sample directory of the towns' departments and mediator teams."""
    return ROOT / "directory" / "sample_directory.csv"


def document_font() -> Path:
    """The TrueType CJK font documents are set in and embed (WenQuanYi Micro Hei)."""
    return ROOT / "fonts" / "wqy-microhei.ttc"


def templates_dir() -> Path:
    """The document templates (调解协议书, 调解终止告知书, 卷宗) a town may adapt."""
    return ROOT / "templates"
