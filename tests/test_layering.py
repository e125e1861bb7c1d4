"""The house rules on dependencies (DESIGN.md §3), checked on the import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("casework", {"PySide6", "requests", "desktop", "sync", "fastapi", "uvicorn"}),
        ("desktop", {"sqlalchemy", "sqlite3", "alembic", "requests", "urllib", "http"}),
        ("sync", {"PySide6", "desktop"}),
    ],
)
def test_dependencies_point_one_way(package: str, forbidden: set[str]) -> None:
    offenders = {f: sorted(names & forbidden) for f, names in _imports(package).items()}
    assert {f: n for f, n in offenders.items() if n} == {}


def test_importing_the_shell_does_not_load_the_orm() -> None:
    import subprocess
    import sys

    # The window must paint before the ORM and Alembic load (see bench/startup.py).
    code = (
        "import sys, desktop.app, desktop.mainwindow, desktop.backend;"
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_first_rows_are_read_without_the_orm(tmp_path: Path) -> None:
    import subprocess
    import sys

    import resources
    from casework.casebook import open_casebook

    book = open_casebook(tmp_path, resources.sample_org_tree())  # made and migrated here
    book.close()
    code = (
        "import sys, resources; from pathlib import Path;"
        "from casework.casebook import open_casebook; from casework.rows import CasePage;"
        f"book = open_casebook(Path({str(tmp_path)!r}), resources.sample_org_tree());"
        "book.identity(); book.case_page(CasePage()); book.counts();"
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
