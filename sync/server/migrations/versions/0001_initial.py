"""The server store: org tree, devices, enrollment codes, events with their watermark,
conflicts, the audit log and attachments.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(), nullable=nullable)  # naive UTC


def upgrade() -> None:
    state = op.create_table(
        "server_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_hlc", sa.String(32), nullable=False),
    )
    op.bulk_insert(state, [{"id": 1, "last_seq": 0, "last_hlc": ""}])
    op.create_table(
        "org_units",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("parent_code", sa.String(32), sa.ForeignKey("org_units.code"), nullable=True),
    )
    op.create_index("ix_org_units_parent_code", "org_units", ["parent_code"])
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("org_unit_code", sa.String(32), sa.ForeignKey("org_units.code"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("training", sa.Boolean(), nullable=False),
        _when("created_at"),
        _when("revoked_at", nullable=True),
        _when("last_seen_at", nullable=True),
    )
    op.create_table(
        "enrollment_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("org_unit_code", sa.String(32), sa.ForeignKey("org_units.code"), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        _when("used_at", nullable=True),
        sa.Column("used_by_device", sa.String(36), nullable=True),
    )
    op.create_table(
        "events",
        sa.Column("server_seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("hlc", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("org_unit_code", sa.String(32), nullable=False),
        sa.Column("author_id", sa.String(36), nullable=False),
        sa.Column("author_name", sa.String(50), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        _when("received_at"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("device_id", "device_seq", name="uq_events_device_seq"),
    )
    op.create_index("ix_events_unit_seq", "events", ["org_unit_code", "server_seq"])
    op.create_index("ix_events_case_id", "events", ["case_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        _when("received_at"),
        sa.UniqueConstraint("event_id", "content_hash", name="uq_conflicts_content"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _when("at"),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("org_unit_code", sa.String(32), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        _when("started_at"),
        _when("completed_at", nullable=True),
    )


def downgrade() -> None:
    for table in (
        "attachments",
        "audit_log",
        "conflicts",
        "events",
        "enrollment_codes",
        "devices",
        "org_units",
        "server_state",
    ):
        op.drop_table(table)
