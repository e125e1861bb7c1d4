"""Alembic environment: runs on the connection casework.migrate hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from casework.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if _connection is not None:
    _run(_connection)
else:  # the alembic command line, for writing new revisions against a scratch database
    from sqlalchemy import create_engine

    with create_engine(context.config.get_main_option("sqlalchemy.url") or "").connect() as c:
        _run(c)
