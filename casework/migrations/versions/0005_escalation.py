"""Escalation and the desks: escalation acts and the directory are read by kind, so the
event log gets an index of each, partial, holding just those events (ordinary events,
the bulk of the log, cost nothing more to write).

Revision ID: 0005_escalation
Revises: 0004_sync
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_escalation"
down_revision = "0004_sync"
branch_labels = None
depends_on = None

# A frozen copy of casework.models.ESCALATION_KINDS and DIRECTORY_KIND as they were here.
_ESCALATION_KINDS = "type >= 'escalation.' AND type < 'escalation/'"
_DIRECTORY_KIND = "type = 'directory.entry_set'"


def upgrade() -> None:
    op.create_index("ix_case_events_escalation", "case_events", ["type"],
                    sqlite_where=sa.text(_ESCALATION_KINDS))  # fmt: skip
    op.create_index("ix_case_events_directory", "case_events", ["type"],
                    sqlite_where=sa.text(_DIRECTORY_KIND))  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_case_events_directory", table_name="case_events")
    op.drop_index("ix_case_events_escalation", table_name="case_events")
