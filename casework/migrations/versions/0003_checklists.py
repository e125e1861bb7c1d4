"""Checklists, visits, attachments, drafts and search.

Cases carry the checklist versions they were taken in under, their deadline (the SLA
clock) and the level the catalogue proposes; intake answers and process steps are
current-state tables beside the events; visits may stand without a case, so an
event's case may be empty; the search tables index every case already held.

Revision ID: 0003_checklists
Revises: 0002_outbox
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_checklists"
down_revision = "0002_outbox"
branch_labels = None
depends_on = None

# The search tables and text as this revision defines them, copied here rather than
# imported: casework.search may change later, and a migration must not change with it
# (a later revision re-indexes if the text changes).
_SEARCH_SCHEMA = (
    "CREATE VIRTUAL TABLE search_trigram USING fts5("
    "body, content='search_text', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE search_unigram USING fts5("
    "spaced, content='search_text', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_text_added AFTER INSERT ON search_text BEGIN "
    "INSERT INTO search_trigram (rowid, body) VALUES (new.id, new.body); "
    "INSERT INTO search_unigram (rowid, spaced) VALUES (new.id, new.spaced); END",
    "CREATE TRIGGER search_text_removed AFTER DELETE ON search_text BEGIN "
    "INSERT INTO search_trigram (search_trigram, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_unigram (search_unigram, rowid, spaced) "
    "VALUES ('delete', old.id, old.spaced); END",
    "CREATE TRIGGER search_text_changed AFTER UPDATE ON search_text BEGIN "
    "INSERT INTO search_trigram (search_trigram, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_unigram (search_unigram, rowid, spaced) "
    "VALUES ('delete', old.id, old.spaced); "
    "INSERT INTO search_trigram (rowid, body) VALUES (new.id, new.body); "
    "INSERT INTO search_unigram (rowid, spaced) VALUES (new.id, new.spaced); END",
)
_SEARCH_TEARDOWN = (
    "DROP TRIGGER search_text_changed",
    "DROP TRIGGER search_text_removed",
    "DROP TRIGGER search_text_added",
    "DROP TABLE search_unigram",
    "DROP TABLE search_trigram",
)
_FIELD_END = "\ue000"


def _national_phone(stored: str) -> str:
    if not stored.startswith("+86"):
        return stored
    national = stored[3:]
    return national if national.startswith("1") else "0" + national


def _compact(field: str) -> str:
    return "".join(field.split())


def _search_row(
    case_id: str, facts: str, claims: str, parties: list[tuple[str, str, str, str]]
) -> tuple[str, str, str]:
    lines = [facts, claims]
    for name, id_number, phone, address in parties:
        lines += [name, id_number, _national_phone(phone), address]
    body = "\n".join(field for field in map(_compact, lines) if field)
    fields = (" ".join(_compact(line)) for line in body.splitlines())
    return case_id, body, f" {_FIELD_END} ".join(field for field in fields if field)


_IMMUTABLE = (
    "CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events "
    "BEGIN SELECT RAISE(ABORT, 'case events are immutable'); END",
    "CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events "
    "BEGIN SELECT RAISE(ABORT, 'case events are immutable'); END",
)


def _case_columns() -> None:
    with op.batch_alter_table("cases") as batch:
        for name in ("items_version", "intake_version", "process_version"):
            batch.add_column(sa.Column(name, sa.String(20), nullable=True))
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("proposed_level", sa.String(16), nullable=True))
        batch.add_column(sa.Column("accepted_at", sa.DateTime(), nullable=True))
    # The table copy drops the log's triggers: put them back straight after.
    op.execute("DROP TRIGGER case_events_no_update")
    op.execute("DROP TRIGGER case_events_no_delete")
    with op.batch_alter_table("case_events") as batch:
        batch.alter_column("case_id", existing_type=sa.String(36), nullable=True)
    for statement in _IMMUTABLE:
        op.execute(statement)


def _checklist_tables() -> None:
    op.create_table(
        "intake_answers",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("question", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_table(
        "process_steps",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("step", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("entries", sa.JSON(), nullable=False),
    )  # fmt: skip
    op.create_index("ix_process_steps_due_on", "process_steps", ["due_on"])


def _visits_and_files() -> None:
    op.create_table(
        "visits",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("org_unit_code", sa.String(32), sa.ForeignKey("org_units.code"),
                  nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("people", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("next_visit_on", sa.Date(), nullable=True),
        sa.Column("attitude", sa.String(20), nullable=True),
        sa.Column("procedure", sa.String(20), nullable=True),
        sa.Column("effect", sa.String(20), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(36), sa.ForeignKey("workers.id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )  # fmt: skip
    op.create_index("ix_visits_case_id", "visits", ["case_id"])
    op.create_index("ix_visits_visited_on", "visits", ["visited_on"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(36), sa.ForeignKey("workers.id"), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("case_id", "sha256", name="uq_attachments_case_sha256"),
    )
    op.create_index("ix_attachments_case_id", "attachments", ["case_id"])
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
    )


def _search() -> None:
    op.create_table(
        "search_text",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("spaced", sa.Text(), nullable=False),
    )  # fmt: skip
    for statement in _SEARCH_SCHEMA:
        op.execute(statement)
    bind = op.get_bind()
    parties: dict[str, list[tuple[str, str, str, str]]] = {}
    for case_id, name, id_number, phone, address in bind.exec_driver_sql(
        "SELECT case_id, name, id_number, phone, address FROM parties ORDER BY case_id, position"
    ):
        parties.setdefault(case_id, []).append((name, id_number, phone, address))
    rows = [
        _search_row(case_id, facts, claims, parties.get(case_id, []))
        for case_id, facts, claims in bind.exec_driver_sql("SELECT id, facts, claims FROM cases")
    ]
    if rows:
        bind.exec_driver_sql(
            "INSERT INTO search_text (case_id, body, spaced) VALUES (?, ?, ?)", rows
        )


def _accepted() -> None:
    # Cases accepted before this revision: when their log says they were.
    op.execute(
        "UPDATE cases SET accepted_at = (SELECT min(recorded_at) FROM case_events e "
        "WHERE e.case_id = cases.id AND e.type = 'case.status_changed' "
        "AND json_extract(e.payload, '$.to') = 'accepted')"
    )


def upgrade() -> None:
    _case_columns()
    _accepted()
    _checklist_tables()
    _visits_and_files()
    _search()


def downgrade() -> None:
    for statement in _SEARCH_TEARDOWN:
        op.execute(statement)
    for table in (
        "search_text",
        "drafts",
        "attachments",
        "visits",
        "process_steps",
        "intake_answers",
    ):
        op.drop_table(table)  # fmt: skip
    with op.batch_alter_table("cases") as batch:
        for name in (
            "proposed_level",
            "due_on",
            "process_version",
            "intake_version",
            "items_version",
        ):
            batch.drop_column(name)  # fmt: skip
