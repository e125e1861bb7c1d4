"""Telling the environment's faults (disk, locks, files) from bugs, without importing Qt."""

from __future__ import annotations

import sqlite3
import sys


def is_storage_fault(error: BaseException) -> bool:
    """True when the local store could not be read or written for reasons outside Outpost
    (disk full, file locked, read-only folder), as opposed to a bug."""
    driver = sys.modules.get("sqlcipher3.dbapi2")  # the store's driver, once loaded
    if isinstance(error, sqlite3.OperationalError) or (
        driver is not None and isinstance(error, driver.OperationalError)
    ):
        return True
    exc_module = sys.modules.get("sqlalchemy.exc")  # only if the ORM is loaded at all
    return exc_module is not None and isinstance(error, exc_module.OperationalError)
