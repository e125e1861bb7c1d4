"""Outpost's Qt-free domain: cases, parties, events, the local store and its migrations.

Importing this package is cheap on purpose: the ORM and Alembic load only when a
module that needs them (``casework.store``, ``casework.migrate``) is imported, so the
desktop shell can paint before the database layer is ready.
"""
