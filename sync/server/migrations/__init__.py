"""Alembic migrations of the server store; ``HEAD`` names the newest revision."""

HEAD = "0002_security"
