"""Escalation and the desks: events are read by kind (an escalation's acts, the
directory), so the event log gets an index on its type.

Revision ID: 0005_escalation
Revises: 0004_sync
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0005_escalation"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_case_events_type", "case_events", ["type"])


def downgrade() -> None:
    op.drop_index("ix_case_events_type", table_name="case_events")
