"""One sync session: push the outbox, then pull the scope, as DESIGN.md §4 orders it.

Push before pull, so pulled state never overwrites a change still on its way. Each
server answer and the outbox rows it settles commit together; each pulled page and the
cursor after it commit together; a cut anywhere leaves a state the next session simply
continues from. The session ends with an entry in the sync log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from casework import syncstate
from sync import protocol
from sync.client import SyncError, SyncRefused, TownServer
from sync.protocol import Outcome, PullResponse, PushResponse

if TYPE_CHECKING:
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


def push(book: Casebook, server: TownServer, report: SyncReport, progress: Progress) -> None:
    """Send the outbox in batches until it is empty (or the link fails)."""
    batch = BATCH
    with book.store.reading() as session:
        total = syncstate.waiting(session)
    while True:
        with book.store.reading() as session:
            events = syncstate.pending(session, batch, frozenset(report.refused))
        if not events:
            return
        try:
            answer = server.push(events)
        except SyncRefused as refusal:
            if refusal.status == 413 and batch > 1:
                batch = max(1, batch // 2)
                continue
            raise
        report.pushed += len(events)
        acknowledged, refused = _settle(book, answer)
        report.acknowledged += acknowledged
        report.refused += refused
        progress("push", report.pushed, total)


def upload(book: Casebook, server: TownServer, report: SyncReport) -> None:
    """Send the files the server does not hold yet, each resumable where it stopped."""
    with book.store.reading() as session:
        waiting = syncstate.files_to_upload(session)
    for sha256 in waiting:
        path = book.attachment_path(sha256)
        if not path.exists():  # recorded elsewhere: this laptop never had the file
            continue
        server.upload_attachment(sha256, path)
        with book.store.unit_of_work() as session:
            syncstate.uploaded(session, sha256, _now())
        report.uploaded += 1


def _apply(book: Casebook, page: PullResponse) -> bool:
    """Apply one page and store the cursor after it, together; True when the local
    checksum agrees with the server's."""
    from casework import replay

    lists_for = book.checklist_versions()  # each case on the checklists it was taken in under
    with book.store.unit_of_work() as session:
        replay.apply_pulled(session, page.events, now=_now(), lists_for=lists_for)
        syncstate.set_cursor(session, page.next_cursor)
        syncstate.observe_clock(session, page.server_hlc)
        held = syncstate.local_checksum(session, page.next_cursor)
    return protocol.checksum(*held) == page.checksum


def pull(book: Casebook, server: TownServer, report: SyncReport, progress: Progress) -> None:
    """Pull the scope page by page; on divergence pull it all again, once."""
    with book.store.reading() as session:
        state = syncstate.enrollment(session)
    cursor = state.cursor if state else 0
    while True:
        page = server.pull(cursor)
        if page.cursor_expired or not _apply(book, page):
            if report.repulled:
                raise SyncError("the scope checksum still differs after a full re-pull")
            log.warning("scope checksum differs at %d (or cursor expired): pulling again",
                        page.next_cursor)  # fmt: skip
            with book.store.unit_of_work() as session:
                syncstate.forget_pulls(session)
            report.repulled, cursor = True, 0
            continue
        report.pulled += len(page.events)
        cursor = page.next_cursor
        progress("pull", report.pulled, report.pulled + (protocol.PULL_PAGE if page.more else 0))
        if not page.more:
            return


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
    except SyncError as error:
        _log(book, started, report, "error", str(error))
        raise
    message = f"{len(report.refused)} refused" if report.refused else ""
    _log(book, started, report, "ok", message)
    return report


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
