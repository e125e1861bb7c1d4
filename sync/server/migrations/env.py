"""Alembic environment of the server store: runs on the connection ServerStore hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sync.server.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
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
