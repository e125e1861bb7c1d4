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

from casework import cipher, listing, orgtree
from casework.migrate import MigrationReport, upgrade
from casework.paths import database_path
from casework.rows import CaseDetail, CaseFilter, CasePage, CaseRow, Identity, VisitRow
from casework.status import CaseStatus

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from sqlalchemy.orm import Session

    from casework.accounts import PasswordChange, ServerAccount
    from casework.checklists import Archive, ChecklistError, Checklists, ProcessChecklist
    from casework.directory import Entry
    from casework.drafts import CaseDraft
    from casework.escalation import Escalation, InboxFilter
    from casework.intake import Answer
    from casework.masking import PartyDetails
    from casework.replay import ApplyReport, ListsFor, Received
    from casework.saved_drafts import WizardDraft
    from casework.store import Store
    from casework.vault import Account
    from casework.visits import VisitDraft
    from casework.worklist import Worklist

log = logging.getLogger("outpost.casework")


class Casebook:
    """The open local store of one data directory."""

    def __init__(
        self,
        path: Path,
        migration: MigrationReport,
        checklists_source: Path | None = None,
        *,
        key: bytes | None = None,
    ) -> None:
        self.path = path
        self.migration = migration
        self.key = key  # the database key (None: a plain store, in tests and benchmarks)
        self._reader = listing.connect_reader(path, key)
        self.forget_plain_copies()  # a crash may have left some
        self._store: Store | None = None
        self._checklists_source = checklists_source
        self._checklists: Checklists | None = None
        self._archive: Archive | None = None

    @property
    def checklists(self) -> Checklists:
        """The three checklists in force (loaded on first use; see ``load_checklists``)."""
        if self._checklists is None:
            self.load_checklists()
        assert self._checklists is not None
        return self._checklists

    def load_checklists(self) -> list[ChecklistError]:
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

            self._store = Store(self.path, self.key)
        return self._store

    def warm_up(self) -> tuple[list[ChecklistError], bool]:
        """Load the ORM and the checklists now, so the first save does not wait for them.

        Returns the errors of checklist files refused, and whether the checklists are
        usable (a refused file with a last good copy is; one without is not).
        """
        import casework.services  # noqa: F401
        from casework.checklists import ChecklistsUnavailable

        _ = self.store
        self.keep_daily_backup()
        try:
            return self.load_checklists(), True
        except ChecklistsUnavailable as error:  # say so and keep the app running
            return error.errors, False

    def identity(self) -> Identity | None:
        """Who works on this laptop, or None before first-run setup."""
        return listing.identity(self._reader)

    def villages(self) -> list[tuple[str, str, str]]:
        """(code, village, town) of every village in the org tree, and (code, "", name)
        of every town's and the district's desk."""
        return listing.villages(self._reader)

    def set_up(
        self,
        *,
        worker_name: str,
        org_unit_code: str,
        login: str | None = None,
        password: str | None = None,
    ) -> Identity:
        """First run: name the worker and the village this laptop serves; with a key, the
        worker's login and password (the local account that opens the laptop)."""
        from casework import accounts, services, vault

        if self.key is not None and (login is None or password is None):
            raise ValueError("an encrypted store needs the first worker's login and password")
        password_hash = vault.hash_password(password) if password is not None else None
        with self.store.unit_of_work() as session:
            made = services.set_up_laptop(
                session, worker_name=worker_name, org_unit_code=org_unit_code
            )
            if login is not None and password_hash is not None:
                accounts.make_local(
                    session, made.worker_id, login=login, password_hash=password_hash
                )
            admitted = accounts.accounts(session)
        self._reseal(admitted)
        return made

    # -- accounts and keys ------------------------------------------------------------------

    def _reseal(self, admitted: Sequence[Account]) -> None:
        # keys.json follows the store's accounts: a new or changed password gets a fresh
        # sealed copy of the key, a disabled account loses its copy.
        if self.key is not None:
            from casework import vault

            vault.Keyring.load(self.path.parent).admit_all(admitted, self.key)

    def log_in(self, worker_id: str) -> Identity:
        """The worker whose name this laptop's next events carry (login, switch user).

        Written without the ORM: at start-up it comes before the first rows are shown,
        and the ORM loads only after them (see ``warm_up``)."""
        import contextlib

        from casework.vault import NotAnAccount

        with contextlib.closing(cipher.connect(self.path, self.key)) as connection, connection:
            account = connection.execute(
                "SELECT 1 FROM workers WHERE id = ? AND login IS NOT NULL AND NOT disabled"
                " AND origin != 'remote'", (worker_id,),
            ).fetchone()  # fmt: skip
            if account is None:
                raise NotAnAccount(worker_id)
            connection.execute("UPDATE devices SET current_worker_id = ?", (worker_id,))
        found = self.identity()
        assert found is not None
        return found

    def check_password(self, login: str, password: str) -> str:
        """Log ``login`` in if ``password`` is theirs and the store still holds their
        account (the lock screen, switch user); returns the worker id. Raises
        casework.vault's errors, counting wrong passwords; a copy of the key left in
        keys.json for an account the store no longer admits opens nothing."""
        from casework import vault

        opened = vault.Keyring.load(self.path.parent).unlock(login, password)
        if opened.key != self.key:
            raise vault.VaultError("that login opens another store")
        try:
            self.log_in(opened.worker_id)
        except vault.NotAnAccount as refused:
            raise vault.UnknownLogin(f"{login} may not log in here") from refused
        return opened.worker_id

    def change_password(self, old: str, new: str) -> None:
        """The current worker's new password: checked against the old one, sealed, and
        sent to the town server at the next sync (for a town-made account)."""
        from casework import accounts, vault

        current = self.identity()
        if current is None:
            raise accounts.NotAnAccount("no worker is logged in")
        keyring = vault.Keyring.load(self.path.parent)
        login = next((e.login for e in keyring.logins() if e.worker_id == current.worker_id), "")
        if not login:
            raise accounts.NotAnAccount(current.worker_id)
        keyring.unlock(login, old)
        password_hash = vault.hash_password(new)
        with self.store.unit_of_work() as session:
            accounts.change_password(session, current.worker_id, password_hash)
            admitted = accounts.accounts(session)
        self._reseal(admitted)

    def take_accounts(self, wired: Sequence[ServerAccount]) -> int:
        """The town's accounts, synced down: stored, and the key sealed for each."""
        from casework import accounts

        with self.store.unit_of_work() as session:
            changed = accounts.take_from_server(session, wired)
            admitted = accounts.accounts(session)
        self._reseal(admitted)
        return changed

    def password_changes(self) -> list[PasswordChange]:
        """Password changes made here that the town server has not yet taken."""
        from casework import accounts

        with self.store.reading() as session:
            return accounts.pending_changes(session)

    def password_change_settled(self, change: PasswordChange) -> None:
        """The town server answered for a password change (taken, or overruled)."""
        from casework import accounts

        with self.store.unit_of_work() as session:
            accounts.change_settled(session, change)

    def keep_daily_backup(self) -> Path | None:
        """Copy the store aside once a day (the copy a damaged store is restored from)."""
        from casework import backups

        return backups.keep_daily(self.path, self.key)

    def _case_lists(self, session: Session, case_id: str | None) -> Checklists:
        """The checklists ``case_id`` was taken in under (kept versions; the current
        ones for what is current, not kept here, or a case not yet taken in)."""
        from casework.models import Case

        case = session.get(Case, case_id) if case_id else None
        if case is None:
            return self.checklists
        versions = self.checklist_versions()
        return versions(case.items_version, case.intake_version, case.process_version)

    def _usable_case_lists(self, session: Session, case_id: str | None) -> Checklists | None:
        from casework.checklists import ChecklistsUnavailable

        try:
            return self._case_lists(session, case_id)
        except ChecklistsUnavailable:
            return None

    def _usable_checklists(self) -> Checklists | None:
        from casework.checklists import ChecklistsUnavailable

        try:
            return self.checklists
        except ChecklistsUnavailable:
            return None

    def record_case(self, draft: CaseDraft, at: dt.datetime | None = None) -> str:
        """Record a dispute; returns its id. Raises DraftInvalid with nothing written.
        ``at``: when it was received, for a paper record entered later."""
        from casework import services

        with self.store.unit_of_work() as session:
            case_id = services.record_case(
                session, draft, at=at, checklists=self._usable_checklists()
            )
        log.info("case %s recorded", case_id)
        return case_id

    def take_in(self, wizard: WizardDraft, draft_id: str | None = None) -> str:
        """The wizard's last step, in one unit of work: record the case, its intake
        answers and, when the intake allows it, its acceptance; tie the patrol it came
        from; drop the draft. Returns the case id. Raises DraftInvalid, nothing written."""
        from casework import handling, saved_drafts, services, visits

        with self.store.unit_of_work() as session:
            case_id = services.record_case(session, wizard.case, checklists=self.checklists)
            outcome = handling.answer_intake(session, case_id, wizard.answers, self.checklists)
            if outcome.acceptable:
                services.change_status(
                    session, case_id, CaseStatus.ACCEPTED, checklists=self.checklists
                )
            if wizard.visit_id:
                visits.link_visit(session, wizard.visit_id, case_id)
            if draft_id:
                saved_drafts.discard(session, draft_id)
        log.info("case %s taken in (accepted: %s)", case_id, outcome.acceptable)
        return case_id

    def answer_intake(self, case_id: str, answers: Mapping[str, Answer]) -> str:
        """Record intake answers of a case not yet accepted; returns its id. Raises
        InvalidAnswer or IntakeClosed with nothing written."""
        from casework import handling

        with self.store.unit_of_work() as session:
            handling.answer_intake(session, case_id, answers, self._case_lists(session, case_id))
        return case_id

    def accept_case(self, case_id: str, answers: Mapping[str, Answer]) -> str:
        """Record the answers and accept the case (受理) in one step; returns its id.
        Raises IntakeBlocked (the reasons) with nothing written."""
        from casework import handling, services

        with self.store.unit_of_work() as session:
            lists = self._case_lists(session, case_id)
            handling.answer_intake(session, case_id, answers, lists)
            services.change_status(session, case_id, CaseStatus.ACCEPTED, checklists=lists)
        log.info("case %s accepted", case_id)
        return case_id

    def change_status(self, case_id: str, target: CaseStatus, note: str = "") -> str:
        """Move a case on; returns its id. Raises IllegalTransition if not allowed,
        IntakeBlocked when accepting a case its intake does not allow."""
        from casework import services

        with self.store.unit_of_work() as session:
            services.change_status(
                session,
                case_id,
                target,
                note=note,
                checklists=self._usable_case_lists(session, case_id),
            )
        log.info("case %s is now %s", case_id, target.value)
        return case_id

    def complete_step(self, case_id: str, step: str, fields: Mapping[str, str]) -> str:
        """Record a process step; returns the case id. Raises StepRefused or
        IllegalTransition with nothing written."""
        from casework import handling

        with self.store.unit_of_work() as session:
            lists = self._case_lists(session, case_id)
            handling.complete_step(session, case_id, step, fields, lists)
        return case_id

    def settle_conflict(self, conflict_id: int, *, take_other: bool, note: str = "") -> str:
        """Settle a status conflict (see handling.settle_conflict); returns the case id."""
        from casework import handling
        from casework.models import CaseConflict

        with self.store.unit_of_work() as session:
            found = session.get(CaseConflict, conflict_id)
            lists = self._usable_case_lists(session, found.case_id if found else None)
            return handling.settle_conflict(
                session, conflict_id, take_other=take_other, note=note, checklists=lists
            )

    # --- escalation and the desks (casework.escalation) -----------------------------------

    def escalate(self, case_id: str, *, reason: str, urgency: str, tried: str = "") -> str:
        """上报 to the next level up; returns the escalation's id. Raises
        EscalationRefused or IllegalTransition with nothing written."""
        from casework import escalation

        with self.store.unit_of_work() as session:
            lists = self._usable_case_lists(session, case_id)
            return escalation.escalate(
                session, case_id, reason=reason, urgency=escalation.Urgency(urgency),
                tried=tried, checklists=lists,
            )  # fmt: skip

    def inbox(self, narrow: InboxFilter | None = None, now: dt.datetime | None = None
              ) -> list[Escalation]:  # fmt: skip
        """The desk of this laptop's unit: escalations sent to it, most pressing first."""
        from casework import escalation

        who = self.identity()
        if who is None:
            return []
        with self.store.reading() as session:
            moment = now or dt.datetime.now(dt.UTC)
            return escalation.inbox(session, who.org_unit_code, moment, narrow)

    def sent_escalations(self, now: dt.datetime | None = None) -> list[Escalation]:
        """What this laptop's unit escalated, with the answers it got."""
        from casework import escalation

        who = self.identity()
        if who is None:
            return []
        with self.store.reading() as session:
            return escalation.sent_from(session, who.org_unit_code, now or dt.datetime.now(dt.UTC))

    def escalations(self, case_id: str) -> list[Escalation]:
        """The escalations of a case, oldest first, with every act: the feedback."""
        from casework import escalation

        with self.store.reading() as session:
            return escalation.of_case(session, case_id)

    def accept_escalation(self, escalation_id: str) -> str:
        """接单; returns the case id. Raises EscalationRefused with nothing written."""
        from casework import escalation

        with self.store.unit_of_work() as session:
            return escalation.accept(session, escalation_id)

    def dispatch_escalation(self, escalation_id: str, entry: Entry, note: str = "") -> str:
        """派单 to a directory entry; returns the case id."""
        from casework import escalation

        kind = escalation.AssigneeKind(entry.kind.value)
        with self.store.unit_of_work() as session:
            return escalation.dispatch(
                session, escalation_id, assignee_kind=kind, assignee_id=entry.id,
                assignee_name=entry.name, note=note,
            )  # fmt: skip

    def note_escalation(self, escalation_id: str, text: str, present: Sequence[str] = ()) -> str:
        """A handling note, or a joint consultation 联合会诊 when ``present`` names
        who took part; returns the case id."""
        from casework import escalation

        kind = escalation.NoteKind.CONSULTATION if present else escalation.NoteKind.NOTE
        with self.store.unit_of_work() as session:
            return escalation.note(session, escalation_id, text=text, kind=kind, present=present)

    def close_escalation(self, escalation_id: str, outcome: str, summary: str) -> str:
        """结单 with the outcome; returns the case id."""
        from casework import escalation

        with self.store.unit_of_work() as session:
            found = escalation.find(session, escalation_id)
            return escalation.close(
                session, escalation_id, outcome=escalation.Outcome(outcome), summary=summary,
                checklists=self._usable_case_lists(session, found.case_id),
            )  # fmt: skip

    def return_escalation(self, escalation_id: str, instructions: str) -> str:
        """退回 to the level that sent it, with instructions; returns the case id."""
        from casework import escalation

        with self.store.unit_of_work() as session:
            found = escalation.find(session, escalation_id)
            return escalation.return_down(
                session, escalation_id, instructions=instructions,
                checklists=self._usable_case_lists(session, found.case_id),
            )  # fmt: skip

    def acknowledge_received(self) -> int:
        """Write the desk's delivery receipts for escalations newly pulled; how many."""
        from casework import escalation

        with self.store.unit_of_work() as session:
            return escalation.acknowledge_received(session)

    def directory(self) -> list[Entry]:
        """The departments, mediator teams and mediators of this laptop's unit."""
        from casework import directory

        who = self.identity()
        if who is None:
            return []
        with self.store.reading() as session:
            return directory.entries(session, who.org_unit_code)

    def unit_names(self) -> dict[str, str]:
        """Every org unit's name by code, to name who acted."""
        return listing.unit_names(self._reader)

    def log_visit(self, draft: VisitDraft) -> str:
        """Record a visit; returns its id. Raises DraftInvalid with nothing written."""
        from casework import visits

        with self.store.unit_of_work() as session:
            lists = self._usable_case_lists(session, draft.case_id)
            return visits.log_visit(session, draft, checklists=lists)

    def visits(self, case_id: str | None = None) -> list[VisitRow]:
        """Visits of a case, or the latest of all, newest first."""
        from casework import casefile

        with self.store.reading() as session:
            return casefile.visits_of(session, case_id)

    def add_attachment(self, case_id: str, source: Path) -> str:
        """Copy a file into the store and attach it; returns the case id. Raises
        AttachmentRefused (too large, wrong type, unreadable) with nothing attached."""
        from casework import attachments

        stored = attachments.store_file(attachments.folder_of(self.path.parent), source, self.key)
        with self.store.unit_of_work() as session:
            attachments.add_attachment(session, case_id, stored)
        return case_id

    @property
    def _viewing(self) -> Path:
        # One folder per data folder, so a start can clear what a crash left behind.
        import hashlib
        import tempfile

        tag = hashlib.sha256(str(self.path.resolve()).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"outpost-view-{tag}"

    def attachment_path(self, sha256: str) -> Path:
        """A plain copy of an attachment, to open in a viewer or upload: the stored copy
        is encrypted. The copies live in a private temporary folder, cleared at start, at
        close and when the app locks (forget_plain_copies)."""
        from casework import attachments

        content = attachments.read_file(attachments.folder_of(self.path.parent), sha256, self.key)
        self._viewing.mkdir(mode=0o700, exist_ok=True)
        target = self._viewing / sha256
        target.write_bytes(content)
        return target

    def forget_plain_copies(self) -> None:
        """Remove the plain copies made for viewing (the app locks, or closes)."""
        import shutil

        shutil.rmtree(self._viewing, ignore_errors=True)

    def save_draft(self, wizard: WizardDraft, draft_id: str | None = None) -> str:
        """Keep the wizard's state; returns the draft id."""
        from casework import saved_drafts

        with self.store.unit_of_work() as session:
            return saved_drafts.save(session, wizard, draft_id)

    def load_draft(self, draft_id: str) -> WizardDraft:
        """A saved draft; LookupError once it is gone."""
        from casework import saved_drafts

        with self.store.reading() as session:
            return saved_drafts.load(session, draft_id)

    def discard_draft(self, draft_id: str) -> None:
        """Forget a draft."""
        from casework import saved_drafts

        with self.store.unit_of_work() as session:
            saved_drafts.discard(session, draft_id)

    def worklist(self, today: dt.date | None = None) -> Worklist:
        """工作台: what is due by today (and soon), and the drafts."""
        from casework import worklist

        versions = self.checklist_versions()

        def process_of(version: str | None) -> ProcessChecklist:
            return versions(None, None, version).process

        return worklist.worklist(self._reader, process_of, today or dt.date.today())

    def case_page(
        self, page: CasePage, narrow: CaseFilter | None = None
    ) -> tuple[list[CaseRow], int]:
        """One page of the case list, with the number of cases that pass ``narrow``."""
        narrow = narrow or CaseFilter()
        return (
            listing.case_page(self._reader, page, narrow),
            listing.count_cases(self._reader, narrow),
        )

    def case_detail(self, case_id: str, today: dt.date | None = None) -> CaseDetail:
        """Everything the case page shows."""
        import dataclasses

        from casework import casefile, escalation, services
        from casework.models import Case

        with self.store.reading() as session:
            detail = services.case_detail(session, case_id)
            case = session.get(Case, case_id)
            assert case is not None
            found = casefile.extras(
                session,
                case,
                self._usable_case_lists(session, case_id),
                today or dt.date.today(),
            )
            raised = escalation.of_case(session, case_id)
            return dataclasses.replace(
                detail, **found, escalations=raised, unit_names=self.unit_names(),
                role=escalation.device_role(session),
            )  # fmt: skip

    def show_personal_data(self, case_id: str, party_id: str) -> PartyDetails:
        """A party's ID number and phone in full, for the case page only; the showing is
        recorded in the same unit of work (an audited event the town receives). Raises
        UnknownParty with nothing recorded."""
        from casework import masking

        with self.store.unit_of_work() as session:
            return masking.show_party(session, case_id=case_id, party_id=party_id)

    def checklist_versions(self) -> ListsFor:
        """The checklists of given (items, intake, process) versions, each falling back to
        the current one: what replaying a case's events runs against."""
        import functools

        from casework.checklists import VERSIONS_DIR, Archive

        current = self.checklists
        if self._archive is None:
            self._archive = Archive(self.path.parent / VERSIONS_DIR)
        return functools.partial(self._archive.lists_for, current)

    def apply_pulled(
        self, events: Sequence[Received], now: dt.datetime | None = None
    ) -> ApplyReport:
        """Store a page of pulled events and recompute the cases they touch, in one unit of
        work (see ``casework.replay.apply_pulled``)."""
        from casework import replay

        with self.store.unit_of_work() as session:
            return replay.apply_pulled(
                session, events, now=now or dt.datetime.now(dt.UTC),
                lists_for=self.checklist_versions(),
            )  # fmt: skip

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
        self.forget_plain_copies()


def open_casebook(
    data_dir: Path,
    org_tree: Path,
    checklists_source: Path | None = None,
    *,
    key: bytes | None = None,
) -> Casebook:
    """Check, migrate (backup first) and open the store of ``data_dir`` with ``key``; add
    new org units. A store made before encryption is encrypted with ``key`` first.

    Raises backups.StoreDamaged (with the usable copies) for a truncated or corrupted
    file, cipher.WrongKey if the key does not open it, and MigrationFailed, with the
    original file restored, if the upgrade fails.
    """
    from casework import backups

    data_dir.mkdir(parents=True, exist_ok=True)
    path = database_path(data_dir)
    backups.check(path, None if key is not None and cipher.is_plain(path) else key)
    if key is not None:
        backups.encrypt_plain_store(data_dir, key)
    report = upgrade(path, key=key)
    backups.renumber_after_restore(data_dir, key)
    book = Casebook(path, report, checklists_source, key=key)
    try:
        if added := book.import_org_tree(orgtree.load(org_tree)):
            log.info("org tree: %d units added", added)
        if key is not None:
            _take_pending_login(book, data_dir, key)
    except (sqlite3.Error, cipher.DriverError, orgtree.OrgTreeError):
        book.close()
        raise
    return book


def _take_pending_login(book: Casebook, data_dir: Path, key: bytes) -> None:
    # A store protected at this start (keystate.protect): its worker's login goes in.
    from casework import keystate

    pending = keystate.take_pending_login(data_dir, key)
    if pending is None:
        return
    from casework import accounts  # with the ORM: only on the start that needs it

    worker_id, login, password_hash = pending
    with book.store.unit_of_work() as session:
        accounts.make_local(session, worker_id, login=login, password_hash=password_hash)
    book.log_in(worker_id)
    keystate.forget_pending_login(data_dir)
