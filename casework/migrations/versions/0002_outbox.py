"""The outbox: events waiting for the town server's answer.

Every event already in the log goes into the outbox, since no server has seen any of
them yet: a laptop upgraded from the first schema must not leave its cases behind.

Revision ID: 0002_outbox
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_outbox"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("event_id", sa.String(36), sa.ForeignKey("case_events.id"), primary_key=True),
        sa.Column("enqueued_at", sa.DateTime(), nullable=False),
    )
    op.execute(
        "INSERT INTO outbox (event_id, enqueued_at) "
        "SELECT id, recorded_at FROM case_events ORDER BY device_id, device_seq"
    )


def downgrade() -> None:
    op.drop_table("outbox")
