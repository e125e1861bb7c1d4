"""Outpost's PySide6 user interface: windows, pages, dialogs and Qt models.

Nothing here speaks SQL or HTTP: the desktop calls the casework casebook through the
single background writer in ``desktop.backend``.
"""
