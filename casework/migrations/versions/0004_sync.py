"""Sync state on the laptop: enrollment, the pull cursor, what was pulled, the sync log,
conflicts between replicas waiting for a person, and the files the server holds.

Revision ID: 0004_sync
Revises: 0003_checklists
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_sync"
down_revision = "0003_checklists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(300), nullable=False),
        sa.Column("device_token", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
    )
    op.create_table(
        "pulled",
        sa.Column("server_seq", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(36), nullable=False),
    )
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("pushed", sa.Integer(), nullable=False),
        sa.Column("acknowledged", sa.Integer(), nullable=False),
        sa.Column("pulled", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
    )
    op.create_table(
        "case_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=False),
        sa.Column("other_value", sa.Text(), nullable=False),
        sa.Column("kept_event_id", sa.String(36), nullable=False),
        sa.Column("other_event_id", sa.String(36), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.Column("settled_by", sa.String(36), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.UniqueConstraint("kept_event_id", "other_event_id", name="uq_case_conflicts_events"),
    )
    op.create_index("ix_case_conflicts_case_id", "case_conflicts", ["case_id"])
    op.create_table(
        "uploads",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_case_conflicts_case_id", "case_conflicts")
    for table in ("uploads", "case_conflicts", "sync_log", "pulled", "sync_state"):
        op.drop_table(table)
