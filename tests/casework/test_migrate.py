"""Migrations: an old database upgrades with its data; a failed upgrade changes nothing."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from casework import cipher, migrations, search
from casework.migrate import SCRIPTS, MigrationFailed, StoreTooNew, current_revision, upgrade
from casework.models import Base
from casework.store import make_engine

FIRST = "0001_initial"


def _rows(path: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    with contextlib.closing(cipher.connect(path, None)) as conn:
        return conn.execute(query, params).fetchall()


def _dump(path: Path) -> list[str]:
    # The standard library's driver has iterdump; nothing else holds the file meanwhile
    # (two SQLite libraries on one open file would undo each other's locks).
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def _fill_first_revision(path: Path) -> None:
    """Data as the first release wrote it: a worker, a device, a case, a party, events."""
    statements = """
        INSERT INTO org_units VALUES ('320509', '吴江区', 'district', NULL);
        INSERT INTO org_units VALUES ('320509003', '七都镇', 'town', '320509');
        INSERT INTO org_units VALUES ('320509003001', '开弦弓村', 'village', '320509003');
        INSERT INTO workers VALUES ('w1', '王芳', '320509003001', '2026-01-02 03:04:05');
        INSERT INTO devices VALUES ('d1', '320509003001', 'w1', 2, '000001767323045000.000001',
                                    '2026-01-02 03:04:05');
        INSERT INTO cases VALUES ('c1', '2026-003001-0001', '320509003001', 'neighbour',
            '空调滴水', '赔偿', 'routine', 'village', 'accepted', 'w1',
            '2026-01-02 03:04:05', '2026-01-02 03:05:00');
        INSERT INTO parties VALUES ('p1', 'c1', 0, 'applicant', '张建国', '11010519491231002X',
            '+8613812345678', '开弦弓村');
        INSERT INTO case_events VALUES ('e1', 'c1', 'd1', 1, '000001767323045000.000000', 'w1',
            '王芳', 'case.recorded', '{"facts": "空调滴水"}', 1, '2026-01-02 03:04:05');
        INSERT INTO case_events VALUES ('e2', 'c1', 'd1', 2, '000001767323045000.000001', 'w1',
            '王芳', 'case.status_changed', '{"from": "registered", "to": "accepted"}', 1,
            '2026-01-02 03:05:00');
    """
    with contextlib.closing(cipher.connect(path, None)) as conn:
        conn.executescript(statements)
        conn.commit()


def test_head_constant_matches_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    assert ScriptDirectory.from_config(config).get_current_head() == migrations.HEAD


def test_migrations_build_exactly_the_mapped_schema(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    upgrade(path)
    engine = make_engine(path)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                # FTS5 tables and their shadow tables are SQLite's, not mapped ones.
                "include_name": lambda name, kind, _parent: (
                    kind != "table" or not (name or "").startswith(search.TABLE_PREFIXES)
                )
            },
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_a_first_revision_database_upgrades_with_its_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    upgrade(path, target=FIRST)
    assert current_revision(path) == FIRST
    _fill_first_revision(path)
    report = upgrade(path)
    assert (report.before, report.after) == (FIRST, migrations.HEAD)
    assert report.backup is not None and current_revision(report.backup) == FIRST
    assert _rows(path, "SELECT number, status, facts FROM cases") == [
        ("2026-003001-0001", "accepted", "空调滴水")
    ]
    assert _rows(path, "SELECT name, id_number FROM parties") == [("张建国", "11010519491231002X")]
    assert _rows(path, "SELECT id FROM case_events ORDER BY device_seq") == [("e1",), ("e2",)]
    # Events made before the outbox existed are queued for the server, none left behind.
    assert _rows(path, "SELECT event_id FROM outbox ORDER BY event_id") == [("e1",), ("e2",)]
    # Cases held before search existed are found by it, by two characters or by more.
    for query in ("张建", "空调滴水", "1101051949"):
        ((where, param),) = search.conditions(query)
        assert _rows(path, f"SELECT case_id FROM search_text WHERE {where}", param) == [("c1",)]
    # The text indexed is what the app writes today: a change to casework.search needs
    # a revision that indexes the cases again.
    parties = _rows(path, "SELECT name, id_number, phone, address FROM parties")
    expected = search.row("c1", "空调滴水", "赔偿", [tuple(map(str, p)) for p in parties])
    assert _rows(path, "SELECT case_id, body, spaced FROM search_text") == [expected]
    # The log is still immutable after its table was copied to loosen case_id.
    with pytest.raises(cipher.driver.IntegrityError, match="immutable"):
        _rows(path, "DELETE FROM case_events")


def scripts_with_revision(tmp_path: Path, revision: str, upgrade_body: str) -> Path:
    """Outpost's migrations plus one more revision after HEAD running ``upgrade_body``."""
    scripts = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    body = textwrap.indent(textwrap.dedent(upgrade_body).strip(), "    ")
    (scripts / "versions" / f"{revision}.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {revision!r}\ndown_revision = {migrations.HEAD!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade() -> None:\n{body}\n",
        encoding="utf-8",
    )
    return scripts


def scripts_with_failing_revision(tmp_path: Path) -> Path:
    """Outpost's migrations plus a revision 0003 that fails after changing things."""
    return scripts_with_revision(
        tmp_path,
        "0003_broken",
        """
        op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
        op.execute("UPDATE cases SET status = 'archived'")
        raise RuntimeError("disk trouble")
        """,
    )


def test_a_failing_migration_restores_the_original_file(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    upgrade(path, target=FIRST)
    _fill_first_revision(path)
    upgrade(path)
    before = _dump(path)
    with pytest.raises(MigrationFailed) as caught:
        upgrade(path, scripts=scripts_with_failing_revision(tmp_path), head=None)
    assert caught.value.revision == migrations.HEAD
    assert "disk trouble" in str(caught.value.cause)
    assert current_revision(path) == migrations.HEAD
    assert _rows(path, "SELECT status FROM cases") == [("accepted",)]
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []
    assert _dump(path) == before  # every table, row, index and trigger as it was
    assert caught.value.backup is not None and caught.value.backup.exists()


def test_a_failed_first_creation_leaves_no_half_built_file(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    scripts = scripts_with_failing_revision(tmp_path)
    with pytest.raises(MigrationFailed):
        upgrade(path, scripts=scripts, head=None)
    assert not path.exists()


def test_a_current_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    upgrade(path)
    report = upgrade(path)
    assert report.backup is None and report.before == report.after == migrations.HEAD


def test_a_store_from_a_newer_release_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "outpost.sqlite3"
    upgrade(path)
    with contextlib.closing(cipher.connect(path, None)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
    before = _dump(path)
    with pytest.raises(StoreTooNew) as caught:
        upgrade(path)
    assert caught.value.revision == "0099_from_the_future"
    assert _dump(path) == before
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_a_revision_that_rebuilds_a_parent_table_keeps_the_child_rows(tmp_path: Path) -> None:
    # Batch mode copies, drops and renames the table; parties must survive their cases'
    # table being rebuilt (with foreign keys on, the drop would fail or cascade).
    path = tmp_path / "outpost.sqlite3"
    upgrade(path, target=FIRST)
    _fill_first_revision(path)
    upgrade(path)
    scripts = scripts_with_revision(
        tmp_path,
        "0003_rebuild",
        """
        with op.batch_alter_table("cases", recreate="always") as batch:
            batch.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        """,
    )
    report = upgrade(path, scripts=scripts, head=None)
    assert report.after == "0003_rebuild"
    assert _rows(path, "SELECT name FROM parties") == [("张建国",)]
    assert _rows(path, "SELECT number, closed_at FROM cases") == [("2026-003001-0001", None)]
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_backups_are_single_files_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    from casework import migrate

    path = tmp_path / "outpost.sqlite3"
    upgrade(path)
    copies = [migrate.backup(path, f"test{n}") for n in range(migrate.KEEP_BACKUPS + 3)]
    kept = sorted((tmp_path / "backups").iterdir())
    assert len(kept) == migrate.KEEP_BACKUPS
    assert set(copies[-migrate.KEEP_BACKUPS :]) == set(kept)  # the oldest three went
    assert current_revision(copies[-1]) == migrations.HEAD
    assert _rows(copies[-1], "PRAGMA journal_mode") == [("delete",)]
