"""Alembic migrations of the local store; ``HEAD`` names the newest revision.

``HEAD`` lets start-up see, with nothing but sqlite3, that a database is current and
skip loading Alembic; a test keeps it equal to Alembic's own head.
"""

HEAD = "0006_security"
