"""Security: workers' accounts (login, argon2id hash, origin, disabled), the device's
hash chain (each event carries the link of the device's previous one) and the floor of
its case numbers (raised when the store is restored from a copy).

Revision ID: 0006_security
Revises: 0005_escalation
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_security"
down_revision = "0005_escalation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workers") as workers:
        workers.add_column(sa.Column("login", sa.String(50), nullable=True))
        workers.add_column(sa.Column("password_hash", sa.String(200), nullable=True))
        workers.add_column(
            sa.Column("origin", sa.String(8), nullable=False, server_default="local")
        )
        workers.add_column(
            sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        workers.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
        workers.add_column(
            sa.Column("password_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        workers.create_unique_constraint("uq_workers_login", ["login"])
    # Before accounts, the only worker of this laptop was the device's current one; the
    # others are authors of other laptops' events, known by name.
    op.execute(
        "UPDATE workers SET origin = 'remote' WHERE id NOT IN "
        "(SELECT current_worker_id FROM devices WHERE current_worker_id IS NOT NULL)"
    )
    op.add_column(
        "devices", sa.Column("chain_head", sa.String(64), nullable=False, server_default="")
    )
    op.add_column(
        "devices", sa.Column("number_floor", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("case_events", sa.Column("prev_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("case_events", "prev_hash")
    op.drop_column("devices", "number_floor")
    op.drop_column("devices", "chain_head")
    with op.batch_alter_table("workers") as workers:
        workers.drop_constraint("uq_workers_login", type_="unique")
        for name in ("password_pending", "password_changed_at", "disabled", "origin"):
            workers.drop_column(name)
        workers.drop_column("password_hash")
        workers.drop_column("login")
