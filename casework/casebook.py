"""The casebook: the local store opened and migrated, with one method per user action.

Each method is one unit of work. The desktop runs them on its single writer thread;
tests and ``outpost --check`` call them directly.

Reads a screen needs at start-up go through ``casework.listing`` on a plain sqlite3
connection; the ORM (``casework.store``, ``casework.services``) loads on the first
write or detail read, or when ``warm_up`` is called once the first rows are shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from casework import listing, orgtree
from casework.migrate import MigrationReport, upgrade
from casework.paths import database_path
from casework.rows import CaseDetail, CasePage, CaseRow, Identity
from casework.status import CaseStatus

if TYPE_CHECKING:
    from casework.checklists import Checklists
    from casework.drafts import CaseDraft
    from casework.store import Store

log = logging.getLogger("outpost.casework")


class Casebook:
    """The open local store of one data directory."""

    def __init__(
        self, path: Path, migration: MigrationReport, checklists_source: Path | None = None
    ) -> None:
        self.path = path
        self.migration = migration
        self._reader = listing.connect_reader(path)
        self._store: Store | None = None
        self._checklists_source = checklists_source
        self._checklists: Checklists | None = None

    @property
    def checklists(self) -> Checklists:
        """The three checklists in force (loaded on first use; see ``load_checklists``)."""
        if self._checklists is None:
            self.load_checklists()
        assert self._checklists is not None
        return self._checklists

    def load_checklists(self) -> list[str]:
        """(Re)load the checklists, keeping the last good copy of each file beside the
        store; returns the errors of the files refused (empty when all are good)."""
        import resources
        from casework import checklists

        source = self._checklists_source or resources.checklists_dir()
        self._checklists = checklists.load(source, self.path.parent / "checklists-last-good")
        return list(self._checklists.refused)

    @property
    def store(self) -> Store:
        """The ORM store, opened on first use."""
        if self._store is None:
            from casework.store import Store

            self._store = Store(self.path)
        return self._store

    def warm_up(self) -> tuple[list[str], bool]:
        """Load the ORM and the checklists now, so the first save does not wait for them.

        Returns the errors of checklist files refused, and whether the checklists are
        usable (a refused file with a last good copy is; one without is not).
        """
        import casework.services  # noqa: F401
        from casework.checklists import ChecklistsUnavailable

        _ = self.store
        try:
            return self.load_checklists(), True
        except ChecklistsUnavailable as error:  # say so and keep the app running
            return error.errors, False

    def identity(self) -> Identity | None:
        """Who works on this laptop, or None before first-run setup."""
        return listing.identity(self._reader)

    def villages(self) -> list[tuple[str, str, str]]:
        """(code, village, town) of every village in the org tree."""
        return listing.villages(self._reader)

    def set_up(self, *, worker_name: str, org_unit_code: str) -> Identity:
        """First run: name the worker and the village this laptop serves."""
        from casework import services

        with self.store.unit_of_work() as session:
            return services.set_up_laptop(
                session, worker_name=worker_name, org_unit_code=org_unit_code
            )

    def record_case(self, draft: CaseDraft, at: dt.datetime | None = None) -> str:
        """Record a dispute; returns its id. Raises DraftInvalid with nothing written.
        ``at``: when it was received, for a paper record entered later."""
        from casework import services

        with self.store.unit_of_work() as session:
            case_id = services.record_case(session, draft, at=at)
        log.info("case %s recorded", case_id)
        return case_id

    def change_status(self, case_id: str, target: CaseStatus, note: str = "") -> str:
        """Move a case on; returns its id. Raises IllegalTransition if not allowed."""
        from casework import services

        with self.store.unit_of_work() as session:
            services.change_status(session, case_id, target, note=note)
        log.info("case %s is now %s", case_id, target.value)
        return case_id

    def case_page(self, page: CasePage) -> tuple[list[CaseRow], int]:
        """One page of the case list, with the total number of cases."""
        return listing.case_page(self._reader, page), listing.count_cases(self._reader)

    def case_detail(self, case_id: str) -> CaseDetail:
        """Everything the case page shows."""
        from casework import services

        with self.store.reading() as session:
            return services.case_detail(session, case_id)

    def counts(self) -> tuple[int, int]:
        """(cases held, events waiting for the server)."""
        return listing.count_cases(self._reader), listing.pending_outbox(self._reader)

    def import_org_tree(self, nodes: list[orgtree.OrgNode]) -> int:
        """Add the org units this store does not know yet; returns how many."""
        if {n.code for n in nodes} <= listing.org_unit_codes(self._reader):
            return 0
        from casework import services

        with self.store.unit_of_work() as session:
            return services.import_org_tree(session, nodes)

    def close(self) -> None:
        """Release the database file."""
        self._reader.close()
        if self._store is not None:
            self._store.close()
            self._store = None


def open_casebook(
    data_dir: Path, org_tree: Path, checklists_source: Path | None = None
) -> Casebook:
    """Migrate (backup first) and open the store of ``data_dir``; add new org units.

    Raises MigrationFailed, with the original file restored, if the upgrade fails.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    report = upgrade(path)
    book = Casebook(path, report, checklists_source)
    try:
        if added := book.import_org_tree(orgtree.load(org_tree)):
            log.info("org tree: %d units added", added)
    except (sqlite3.Error, orgtree.OrgTreeError):
        book.close()
        raise
    return book
