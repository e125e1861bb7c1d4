"""One sync session: push the outbox, then pull the scope, as DESIGN.md §4 orders it.

Push before pull, so pulled state never overwrites a change still on its way. Each
server answer and the outbox rows it settles commit together; each pulled page and the
cursor after it commit together; a cut anywhere leaves a state the next session simply
continues from. The session ends with an entry in the sync log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from casework import syncstate
from sync import protocol
from sync.client import SyncError, SyncRefused, TownServer
from sync.protocol import Outcome, PullResponse, PushResponse

if TYPE_CHECKING:
    from casework.accounts import ServerAccount
    from casework.casebook import Casebook

log = logging.getLogger("outpost.sync")

BATCH = protocol.MAX_EVENTS_PER_PUSH  # events per push; halved while the server says 413
Progress = Callable[[str, int, int], None]  # (phase, done, of)


@dataclasses.dataclass
class SyncReport:
    """What one session did."""

    pushed: int = 0
    acknowledged: int = 0
    refused: list[str] = dataclasses.field(default_factory=list)
    pulled: int = 0
    repulled: bool = False
    uploaded: int = 0
    accounts: int = 0  # workers' accounts added or changed from the town


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _settle(book: Casebook, answer: PushResponse) -> tuple[int, list[str]]:
    # Stored events (applied, duplicate) leave the outbox. A conflict (the id is on the
    # server with other content) cannot be fixed by sending again: it leaves too, and the
    # log says so. A rejected event stays: the server may accept it once set up right
    # (e.g. its org tree imported); nothing is dropped that the server does not hold.
    stored = [r.id for r in answer.results if r.outcome in (Outcome.APPLIED, Outcome.DUPLICATE)]
    conflicts = [r.id for r in answer.results if r.outcome is Outcome.CONFLICT]
    refused = [r.id for r in answer.results if r.outcome is Outcome.REJECTED] + conflicts
    with book.store.unit_of_work() as session:
        syncstate.acknowledge(session, stored + conflicts)
        syncstate.observe_clock(session, answer.server_hlc)
    for result in answer.results:
        if result.outcome in (Outcome.REJECTED, Outcome.CONFLICT):
            log.warning("event %s %s by the server: %s", result.id, result.outcome.value,
                        result.reason)  # fmt: skip
    return len(stored), refused


def _pending(book: Casebook, batch: int, skip: Iterable[str]) -> list[dict[str, Any]]:
    with book.store.reading() as session:
        return syncstate.pending(session, batch, frozenset(skip))


def push(book: Casebook, server: TownServer, report: SyncReport, progress: Progress) -> None:
    """Send the outbox in batches until it is empty (or the link fails).

    One batch at a time is on its way, on a thread of its own: while the server stores
    it, the next batch is read and encoded, and then the answer before it is settled.
    Batches still go out one after another, in outbox order, and an outbox row still
    leaves only with the answer for it (a batch sent before the last answer is settled
    comes back as duplicates if the laptop stops in between).
    """
    batch = BATCH
    with book.store.reading() as session:
        total = syncstate.waiting(session)
    events = _pending(book, batch, report.refused)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="outpost-push") as link:
        sent = link.submit(server.push, server.push_body(events)) if events else None
        while sent is not None:
            following = _pending(book, batch, [*report.refused, *(e["id"] for e in events)])
            body = server.push_body(following) if following else None
            try:
                answer = sent.result()
            except SyncRefused as refusal:
                if refusal.status == 413 and batch > 1:
                    batch = max(1, batch // 2)
                    events = _pending(book, batch, report.refused)
                    sent = link.submit(server.push, server.push_body(events))
                    continue
                raise
            sent = link.submit(server.push, body) if body is not None else None
            report.pushed += len(events)
            acknowledged, refused = _settle(book, answer)
            report.acknowledged += acknowledged
            report.refused += refused
            progress("push", report.pushed, total)
            events = following


def upload(book: Casebook, server: TownServer, report: SyncReport) -> None:
    """Send the files the server does not hold yet, each resumable where it stopped."""
    with book.store.reading() as session:
        waiting = syncstate.files_to_upload(session)
    for sha256 in waiting:
        try:
            path = book.attachment_path(sha256)  # a plain copy: the stored one is sealed
        except FileNotFoundError:  # recorded elsewhere: this laptop never had the file
            continue
        try:
            server.upload_attachment(sha256, path)
        finally:
            path.unlink(missing_ok=True)
        with book.store.unit_of_work() as session:
            syncstate.uploaded(session, sha256, _now())
        report.uploaded += 1


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    # Applying a page makes many short-lived objects and next to no cycles: the cycle
    # collector, run again and again over everything alive, costs more than it frees.
    # Paused for the page; it runs as usual afterwards.
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _apply(book: Casebook, page: PullResponse) -> bool:
    """Apply one page and store the cursor after it, together; True when the local
    checksum agrees with the server's."""
    from casework import replay

    lists_for = book.checklist_versions()  # each case on the checklists it was taken in under
    with _collector_paused(), book.store.unit_of_work() as session:
        replay.apply_pulled(session, page.events, now=_now(), lists_for=lists_for)
        syncstate.set_cursor(session, page.next_cursor)
        syncstate.observe_clock(session, page.server_hlc)
        held = syncstate.local_checksum(session, page.next_cursor)
    return protocol.checksum(*held) == page.checksum


def pull(book: Casebook, server: TownServer, report: SyncReport, progress: Progress) -> None:
    """Pull the scope page by page; on divergence pull it all again, once.

    The next page is fetched on a thread of its own while the one before it is applied:
    the pages are still applied one after another, each with its cursor, and a fetch
    writes nothing, so one that fails or is dropped leaves the store as the last applied
    page left it.
    """
    with book.store.reading() as session:
        state = syncstate.enrollment(session)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="outpost-pull") as link:
        coming = link.submit(server.pull, state.cursor if state else 0)
        while True:
            page = coming.result()
            if page.more and not page.cursor_expired:
                coming = link.submit(server.pull, page.next_cursor)
            if page.cursor_expired or not _apply(book, page):
                _diverged(book, page, report)
                coming = link.submit(server.pull, 0)  # the page fetched ahead is dropped
                continue
            report.pulled += len(page.events)
            of = report.pulled + (protocol.PULL_PAGE if page.more else 0)
            progress("pull", report.pulled, of)
            if not page.more:
                return


def _diverged(book: Casebook, page: PullResponse, report: SyncReport) -> None:
    # Once: a second divergence right after a full re-pull is not something pulling
    # again would mend.
    if report.repulled:
        raise SyncError("the scope checksum still differs after a full re-pull")
    log.warning("scope checksum differs at %d (or cursor expired): pulling again",
                page.next_cursor)  # fmt: skip
    with book.store.unit_of_work() as session:
        syncstate.forget_pulls(session)
    report.repulled = True


def synchronise(book: Casebook, server: TownServer, progress: Progress | None = None) -> SyncReport:
    """Push, then pull; the sync log records how it went. Raises SyncError (nothing is
    lost: what was not answered stays in the outbox)."""
    report, started = SyncReport(), _now()
    step = progress or (lambda phase, done, of: None)
    try:
        push(book, server, report, step)
        upload(book, server, report)
        pull(book, server, report, step)
        # A desk signs for the escalations it just pulled, and the receipts go up now:
        # the village sees that its escalation arrived, not only that it was sent.
        if book.acknowledge_received():
            push(book, server, report, step)
        accounts(book, server, report)
    except SyncError as error:
        _log(book, started, report, "error", str(error))
        raise
    message = f"{len(report.refused)} refused" if report.refused else ""
    _log(book, started, report, "ok", message)
    return report


def accounts(book: Casebook, server: TownServer, report: SyncReport) -> None:
    """Send the workers' own password changes, then take the town's accounts (new
    workers, reset passwords, disabled accounts) and seal the laptop's key for them."""
    for change in book.password_changes():
        wired = protocol.PasswordChange(
            password_hash=change.password_hash, changed_at=change.changed_at
        )
        try:
            server.change_password(change.worker_id, wired)
        except SyncRefused as refused:
            # 409: the administrator's newer password stands; 403/404: the account was
            # disabled or moved away. The change can never be taken: it stops waiting
            # (else it would hold up every later sync) and the town's account rules.
            if refused.status not in (403, 404, 409):
                raise
            log.info("password change of %s not taken: %s", change.worker_id, refused)
        book.password_change_settled(change)
    taken = [_account(a) for a in server.accounts().accounts]
    report.accounts = book.take_accounts(taken)


def _account(wired: protocol.AccountWire) -> ServerAccount:
    from casework.accounts import ServerAccount

    return ServerAccount(
        wired.id, wired.login, wired.name, wired.org_unit_code, wired.password_hash,
        wired.disabled, wired.password_changed_at,
    )  # fmt: skip


def _log(book: Casebook, started: dt.datetime, report: SyncReport, outcome: str,
         message: str) -> None:  # fmt: skip
    with book.store.unit_of_work() as session:
        syncstate.finish(
            session, started_at=started, finished_at=_now(), outcome=outcome, message=message,
            counts=(report.pushed, report.acknowledged, report.pulled),
        )  # fmt: skip


class WrongUnit(SyncError):
    """The enrollment code is for another org unit than the one this laptop serves."""


def enroll(
    book: Casebook,
    server: TownServer,
    code: str,
    *,
    device_name: str = "",
    training: bool = False,
) -> protocol.EnrollResponse:
    """Enroll this laptop with a one-time code and keep its token; its next sync pulls
    the whole scope (a reinstalled laptop gets its village's cases back)."""
    from casework import orgtree, services
    from casework.domain import OrgLevel

    who = book.identity()
    if who is None:
        raise SyncError("set the laptop up before enrolling it")
    answer = server.enroll(
        protocol.EnrollRequest(
            code=code.strip(), device_id=who.device_id, device_name=device_name,
            training=training,
        )
    )  # fmt: skip
    if answer.org_unit_code != who.org_unit_code:
        raise WrongUnit(
            f"the code is for {answer.org_unit_code}, this laptop serves {who.org_unit_code}"
        )
    units = [
        orgtree.OrgNode(u.code, u.name, OrgLevel(u.level), u.parent_code) for u in answer.units
    ]
    with book.store.unit_of_work() as session:
        services.import_org_tree(session, units)
        syncstate.enroll(
            session, server_url=server.base_url, token=answer.token, role=answer.role.value,
            now=_now(),
        )  # fmt: skip
        syncstate.observe_clock(session, answer.server_hlc)
    server.token = answer.token
    return answer
