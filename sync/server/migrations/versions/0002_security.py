"""Security: workers' accounts, and each device's hash chain with the flaws found in it.

Revision ID: 0002_security
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_security"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(), nullable=nullable)  # naive UTC


def upgrade() -> None:
    op.add_column("events", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("events", sa.Column("chain_hash", sa.String(64), nullable=True))
    op.create_table(
        "chain_breaks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        _when("found_at"),
        _when("resolved_at", nullable=True),
    )
    op.create_index("ix_chain_breaks_device_id", "chain_breaks", ["device_id"])
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("login", sa.String(50), nullable=False, unique=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("org_unit_code", sa.String(32), sa.ForeignKey("org_units.code"), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        _when("created_at"),
        _when("password_changed_at"),
        _when("updated_at"),
    )
    op.create_index("ix_accounts_org_unit_code", "accounts", ["org_unit_code"])


def downgrade() -> None:
    op.drop_index("ix_accounts_org_unit_code", table_name="accounts")
    op.drop_table("accounts")
    op.drop_index("ix_chain_breaks_device_id", table_name="chain_breaks")
    op.drop_table("chain_breaks")
    op.drop_column("events", "chain_hash")
    op.drop_column("events", "prev_hash")
