"""Sync in the background: a periodic probe for the town server, a sync when the link is
there (or when the worker asks), enrollment; results and progress come back by signal.

Network work runs on its own thread with its own connection to the store, beside the
writer thread (SQLite's locking keeps the two apart), so a slow link never holds up a
save and the GUI thread never waits on either.

Signals (SyncController):
    status_changed(object): a SyncStatus to show (link, last good sync, running).
    progress(str, int, int): phase ("push" or "pull"), done, of.
    synced(object): a sync finished; carries the SyncReport.
    failed(str): a sync or enrollment failed; carries the sentence to show (translated).
    enrolled(str): enrollment succeeded; carries the org unit's name.
    log_read(object): the latest sync sessions (casework.syncstate.LogLine list).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop import options
from desktop.options import Options

if TYPE_CHECKING:
    from casework.casebook import Casebook
    from sync.client import TownServer

log = logging.getLogger("outpost.sync")

PROBE_MS = 60_000  # how often the link is looked for
RESYNC_S = 300  # with the link up, sync at least this often (the town's changes come down)


@dataclasses.dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync."""

    enrolled: bool
    online: bool | None  # None: not probed yet
    last_sync_at: dt.datetime | None
    running: bool
    last_error: str = ""


class _Relay(QObject):
    """Lives on the GUI thread; the network thread's results reach it queued."""

    done = Signal(object, object)  # (callback, result)
    progress = Signal(str, int, int)


class _NetworkJob(QRunnable):
    def __init__(self, work: Callable[[], Any], on_done: Callable[[Any], None],
                 relay: _Relay) -> None:  # fmt: skip
        super().__init__()
        self._work, self._on_done, self._relay = work, on_done, relay

    def run(self) -> None:
        try:
            result: Any = self._work()
        except Exception as exc:  # delivered to the GUI thread, shown there
            result = exc
        self._relay.done.emit(self._on_done, result)


class SyncController(QObject):
    """Owns the link to the town server for one data directory."""

    status_changed = Signal(object)
    progress = Signal(str, int, int)
    synced = Signal(object)
    failed = Signal(str)
    enrolled = Signal(str)
    log_read = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        settings: Options,
        parent: QObject | None = None,
        *,
        training: bool = False,
        key: bytes | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._key = key  # the database key the writer opened the store with
        # A training profile says so on every request: a production server refuses its
        # enrollment and its events.
        self.training = training
        self._settings = settings
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one network job at a time
        self._relay = _Relay(self)
        self._relay.done.connect(lambda callback, result: callback(result))
        self._relay.progress.connect(self.progress)
        self._book: Casebook | None = None  # the network thread's own connection
        self.status = SyncStatus(False, None, None, False)
        self._probe = QTimer(self)
        self._probe.setInterval(PROBE_MS)
        self._probe.timeout.connect(self.probe)
        self._closed = False

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Begin probing (the store is open and the laptop set up)."""
        self._run(self._read_status, self._status_read)
        self._probe.start()

    def shutdown(self) -> None:
        """Stop probing, let a running job end, release the store."""
        self._closed = True
        self._probe.stop()
        self._pool.waitForDone()
        if self._book is not None:
            self._book.close()
            self._book = None

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        if not self._closed:
            self._pool.start(_NetworkJob(work, on_done, self._relay))

    def _casebook(self) -> Casebook:
        # Opened on the network thread, used only there.
        if self._book is None:
            from casework import migrations
            from casework.casebook import Casebook
            from casework.migrate import MigrationReport
            from casework.paths import database_path

            # The writer opened (and migrated) the store already: only connect.
            head = MigrationReport(migrations.HEAD, migrations.HEAD, None)
            self._book = Casebook(database_path(self.data_dir), head, key=self._key)
        return self._book

    def _server(self, url: str, token: str | None = None) -> TownServer:
        from sync.client import TownServer

        ca = self._settings.get(options.SERVER_CA)
        return TownServer(url, token, ca_cert=Path(ca) if ca else None, training=self.training)

    # -- status ----------------------------------------------------------------------------

    def _read_status(self) -> Any:
        from casework import syncstate

        with self._casebook().store.reading() as session:
            return syncstate.enrollment(session)

    def _status_read(self, found: Any) -> None:
        if isinstance(found, Exception):
            log.error("sync status unreadable: %s", found)
            return
        self._set(
            enrolled=found is not None,
            last_sync_at=found.last_sync_at if found else None,
            last_error=found.last_error if found else "",
        )

    def _set(self, **changes: Any) -> None:
        self.status = dataclasses.replace(self.status, **changes)
        self.status_changed.emit(self.status)

    # -- probe and sync ----------------------------------------------------------------------

    def probe(self) -> None:
        """Look for the server; sync when it answers and there is something to do."""
        if not self.status.enrolled or self.status.running:
            return
        self._run(self._ping, self._pinged)

    def _ping(self) -> Any:
        from casework import syncstate

        with self._casebook().store.reading() as session:
            state = syncstate.enrollment(session)
            waiting = syncstate.waiting(session)
        if state is None:
            return None
        server = self._server(state.server_url, state.token)
        try:
            server.ping()
        finally:
            server.close()
        due = (
            state.last_sync_at is None
            or (dt.datetime.now(dt.UTC) - state.last_sync_at).total_seconds() > RESYNC_S
        )
        return waiting > 0 or due

    def _pinged(self, result: Any) -> None:
        if isinstance(result, Exception):
            self._set(online=False)
            return
        self._set(online=result is not None)
        if result:
            self.sync_now()

    def sync_now(self) -> None:
        """Sync in the background (the 同步 button, or the probe found work)."""
        if not self.status.enrolled or self.status.running:
            return
        self._set(running=True)
        self._run(self._sync, self._synced)

    def _sync(self) -> Any:
        from casework import syncstate
        from sync.session import synchronise

        book = self._casebook()
        with book.store.reading() as session:
            state = syncstate.enrollment(session)
        if state is None:
            raise RuntimeError("not enrolled")
        server = self._server(state.server_url, state.token)
        try:
            report = synchronise(book, server, self._relay.progress.emit)
        finally:
            server.close()
        with book.store.reading() as session:
            state = syncstate.enrollment(session)
        return report, state

    def _synced(self, result: Any) -> None:
        if isinstance(result, Exception):
            self._set(running=False, online=_still_online(result))
            self.failed.emit(sync_error_text(result))
            self._run(self._read_status, self._status_read)
            self.read_log()
            return
        report, state = result
        self._set(running=False, online=True, last_sync_at=state.last_sync_at if state else None,
                  last_error="")  # fmt: skip
        self.synced.emit(report)
        self.read_log()

    # -- the sync log ------------------------------------------------------------------------

    def read_log(self) -> None:
        """Fetch the latest sync sessions (emits log_read)."""
        self._run(self._log_lines, self._log_done)

    def _log_lines(self) -> Any:
        from casework import syncstate

        with self._casebook().store.reading() as session:
            return syncstate.log_lines(session)

    def _log_done(self, lines: Any) -> None:
        if not isinstance(lines, Exception):
            self.log_read.emit(lines)

    # -- enrollment --------------------------------------------------------------------------

    def enroll(self, url: str, code: str) -> None:
        """Enroll this laptop with a one-time code (in the background)."""
        self._run(lambda: self._enroll(url, code), self._enrolled)

    def _enroll(self, url: str, code: str) -> Any:
        from sync.session import enroll

        server = self._server(url)
        try:
            return enroll(self._casebook(), server, code, training=self.training)
        finally:
            server.close()

    def _enrolled(self, result: Any) -> None:
        if isinstance(result, Exception):
            self.failed.emit(sync_error_text(result))
            return
        self._set(enrolled=True, online=True)
        self.enrolled.emit(result.org_unit_name)
        self.sync_now()


def _still_online(error: Exception) -> bool:
    from sync.client import Unreachable

    return not isinstance(error, Unreachable)


def sync_error_text(error: Exception) -> str:
    """What happened, that nothing is lost, what to do: in the worker's language."""
    from PySide6.QtCore import QCoreApplication

    from sync.client import SyncRefused, Unreachable
    from sync.protocol import ErrorCode
    from sync.session import WrongUnit

    if isinstance(error, Unreachable):
        return QCoreApplication.translate(
            "Sync",
            "The town server cannot be reached now. Nothing is lost: every change waits on "
            "this laptop and is sent at the next sync. Check the network, or try later.",
        )
    if isinstance(error, WrongUnit):
        return QCoreApplication.translate(
            "Sync",
            "This enrollment code is for another village or community than the one this "
            "laptop serves. Nothing was changed. Ask for a code for this village.",
        )
    if isinstance(error, SyncRefused):
        texts = {
            ErrorCode.UNAUTHORIZED: QCoreApplication.translate(
                "Sync",
                "The town server no longer accepts this laptop (it was revoked or its "
                "enrollment is unknown). Nothing is lost: the changes stay on this laptop. "
                "Ask the town administrator for a new enrollment code.",
            ),
            ErrorCode.CLIENT_TOO_OLD: QCoreApplication.translate(
                "Sync",
                "This version of Outpost is too old for the town server. Nothing is lost. "
                "Please install the newest version, then sync again.",
            ),
            ErrorCode.BAD_CODE: QCoreApplication.translate(
                "Sync",
                "The enrollment code is wrong, already used or expired. Ask the town "
                "administrator for a new one.",
            ),
            ErrorCode.TRAINING_REFUSED: QCoreApplication.translate(
                "Sync", "A training laptop cannot sync with a real town server."
            ),
        }
        if error.code in texts:
            return texts[error.code]
    return QCoreApplication.translate(
        "Sync",
        "Sync did not finish (%1). Nothing is lost: what was not sent waits on this "
        "laptop. Try again later; if it keeps failing, tell technical support.",
    ).replace("%1", str(error)[:200])
