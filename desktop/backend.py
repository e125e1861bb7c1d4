"""The one background writer: casebook work runs on a single thread, results come back by signal.

The store opens with the laptop's database key (casework.vault), once a worker's password
has unlocked it; the key stays here for the sync controller's own connection.

Signals:
    opened(object): the casebook is open; carries the laptop's Identity or None.
    open_failed(object): opening failed; carries the exception (e.g. MigrationFailed).
    cases_changed(str): a case was recorded or changed; carries its id.
    drafts_changed(): a wizard draft was saved or closed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    from casework.casebook import Casebook

log = logging.getLogger("outpost.backend")

Work = Callable[["Casebook"], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Delivery(QObject):
    """Lives on the GUI thread; the worker's signals reach its slots there, queued."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Done | None, on_error: Failed, forget: Callable[[Any], None]):
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._forget = forget
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._forget(self)
        if self._on_done is not None:
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._forget(self)
        self._on_error(error)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._fn = fn
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._delivery.failed.emit(exc)
        else:
            self._delivery.finished.emit(result)


class Backend(QObject):
    """Owns the casebook; every read and write runs in order on one worker thread."""

    opened = Signal(object)
    open_failed = Signal(object)
    cases_changed = Signal(str)
    drafts_changed = Signal()

    def __init__(
        self,
        data_dir: Path,
        on_error: Failed,
        parent: QObject | None = None,
        checklists_source: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.checklists_source = checklists_source
        self._default_error = on_error
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer: SQLite and the event sequence need order
        self._pool.setExpiryTimeout(-1)
        self._casebook: Casebook | None = None
        self._pending: set[_Delivery] = set()
        self._closed = False
        self.key: bytes | None = None  # the database key (None: a plain store, in tests)
        self.worker_id: str | None = None  # who logged in (None: the store's last worker)

    def open(self, key: bytes | None = None, worker_id: str | None = None) -> None:
        """Check, migrate and open the store in the background with the database key,
        and log ``worker_id`` in; emits opened or open_failed."""
        self.key, self.worker_id = key, worker_id
        self._run(self._open, self.opened.emit, self.open_failed.emit)

    def reopen(self) -> None:
        """Open again with the same key and worker (after a backup was put in place)."""
        self.open(self.key, self.worker_id)

    def _open(self) -> Any:
        # Imported here so the ORM and Alembic load on the worker, after the first paint.
        import resources
        from casework.casebook import open_casebook

        if self._casebook is not None:  # a second open: the first one's file is let go
            self._casebook.close()
            self._casebook = None
        self._casebook = open_casebook(
            self.data_dir, resources.sample_org_tree(), self.checklists_source, key=self.key
        )
        if self.worker_id is not None:
            return self._casebook.log_in(self.worker_id)
        return self._casebook.identity()

    def call(self, fn: Callable[[], Any], on_done: Done, on_error: Failed | None = None) -> None:
        """Run ``fn()`` on the writer after everything queued before it, whether or not the
        store is open (the key state at start, a password check before the store opens)."""
        if not self._closed:
            self._run(fn, on_done, on_error or self._default_error)

    def submit(
        self, work: Work, on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``work(casebook)`` after everything queued before it (dropped once shut down)."""
        if self._closed:
            log.debug("work submitted after shutdown dropped")
            return

        def call() -> Any:
            if self._casebook is None:
                raise RuntimeError("the casebook is not open")
            return work(self._casebook)

        self._run(call, on_done, on_error or self._default_error)

    def submit_change(
        self,
        work: Callable[[Casebook], str],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Like submit, for work that changes a case and returns its id: once stored,
        ``cases_changed`` is emitted here, whatever became of the screen that asked."""

        def changed(case_id: str) -> None:
            self.cases_changed.emit(case_id)
            if on_done is not None:
                on_done(case_id)

        self.submit(work, changed, on_error)

    def _run(self, fn: Callable[[], Any], on_done: Done | None, on_error: Failed) -> None:
        delivery = _Delivery(on_done, on_error, self._pending.discard)
        self._pending.add(delivery)
        self._pool.start(_Job(fn, delivery))

    def shutdown(self) -> None:
        """Let queued work finish, then release the database; later work is dropped."""
        self._closed = True
        self._pool.waitForDone()
        if self._casebook is not None:
            self._casebook.close()
            self._casebook = None
