"""Alembic migrations of the server store; ``HEAD`` names the newest revision."""

HEAD = "0001_initial"
