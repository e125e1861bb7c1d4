"""The casebook: the local store opened and migrated, with one method per user action.

Each method is one unit of work. The desktop runs them on its single writer thread;
tests and ``outpost --check`` call them directly.
"""

from __future__ import annotations

import logging
from pathlib import Path

from casework import orgtree, services
from casework.drafts import CaseDraft
from casework.migrate import MigrationReport, upgrade
from casework.paths import database_path
from casework.rows import CaseDetail, CasePage, CaseRow, Identity
from casework.status import CaseStatus
from casework.store import Store

log = logging.getLogger("outpost.casework")


class Casebook:
    """The open local store of one data directory."""

    def __init__(self, store: Store, migration: MigrationReport) -> None:
        self.store = store
        self.migration = migration

    @property
    def path(self) -> Path:
        """The database file."""
        return self.store.path

    def identity(self) -> Identity | None:
        """Who works on this laptop, or None before first-run setup."""
        with self.store.reading() as session:
            return services.identity(session)

    def villages(self) -> list[tuple[str, str, str]]:
        """(code, village, town) of every village in the org tree."""
        with self.store.reading() as session:
            return services.villages(session)

    def set_up(self, *, worker_name: str, org_unit_code: str) -> Identity:
        """First run: name the worker and the village this laptop serves."""
        with self.store.unit_of_work() as session:
            return services.set_up_laptop(
                session, worker_name=worker_name, org_unit_code=org_unit_code
            )

    def record_case(self, draft: CaseDraft) -> str:
        """Record a dispute; returns its id. Raises DraftInvalid with nothing written."""
        with self.store.unit_of_work() as session:
            case_id = services.record_case(session, draft)
        log.info("case %s recorded", case_id)
        return case_id

    def change_status(self, case_id: str, target: CaseStatus, note: str = "") -> None:
        """Move a case on; raises IllegalTransition if that is not allowed."""
        with self.store.unit_of_work() as session:
            services.change_status(session, case_id, target, note=note)
        log.info("case %s is now %s", case_id, target.value)

    def case_page(self, page: CasePage) -> tuple[list[CaseRow], int]:
        """One page of the case list, with the total number of cases."""
        with self.store.reading() as session:
            return services.list_cases(session, page), services.count_cases(session)

    def case_detail(self, case_id: str) -> CaseDetail:
        """Everything the case page shows."""
        with self.store.reading() as session:
            return services.case_detail(session, case_id)

    def counts(self) -> tuple[int, int]:
        """(cases held, events waiting for the server)."""
        with self.store.reading() as session:
            return services.count_cases(session), services.pending_outbox(session)

    def close(self) -> None:
        """Release the database file."""
        self.store.close()


def open_casebook(data_dir: Path, org_tree: Path) -> Casebook:
    """Migrate (backup first) and open the store of ``data_dir``; load the org tree once.

    Raises MigrationFailed, with the original file restored, if the upgrade fails.
    """
    path = database_path(data_dir)
    report = upgrade(path)
    store = Store(path)
    with store.unit_of_work() as session:
        if added := services.import_org_tree(session, orgtree.load(org_tree)):
            log.info("org tree: %d units added", added)
    return Casebook(store, report)
