"""Sync over loopback: 10,000 events pushed by one laptop and pulled by another, the
bytes they take on the wire, and the push beside a raw insert of the same events.

The town server is the real one, run as an administrator runs it (``python -m
sync.server serve``, SQLite in a scratch data folder, the sample org tree imported), in
a process of its own. The first laptop's store is filled through the casework services
(``bench.sampledata.record_one``: cases recorded, intake answered, steps and follow-up
visits, one case after another until EVENTS events wait), so its outbox holds exactly
the events the app writes. Each round starts from a copy of that store and a fresh
server: the laptop is enrolled with a one-time code and ``sync.session.push`` sends the
whole outbox, timed; a second laptop of the same village, freshly enrolled, then pulls
the scope with ``sync.session.pull``, timed, each page replayed into its store as the
app does. The figures are the medians of ROUNDS rounds.

The push sends PUSH_BATCH events a request (the most the server takes), set through the
session's public ``sync.session.BATCH``; one more round pushes with the session's own
batch size, for comparison (``push_events_per_s_at_session_batch``).

The laptops talk to the server through a counting TCP proxy on loopback, so the bytes
are those on the wire: requests and answers, HTTP headers included, gzip as sent.
``bytes_per_event`` is every byte of the push and of the pull, both ways, over the
events; its four parts are reported beside it. Enrollment is not counted. ``requests``
is what the two clients made for the push and the pull (``TownServer.requests``).
``*_wire_s`` is the time spent inside the client's ``push_body``/``push``/``pull`` calls
(encoding, HTTP, the server, decoding); the rest of a phase is the laptop's own store
work. The sync session runs those calls beside its store work (the next page fetched
while one is applied, the next batch sent while an answer is settled), so a phase may
take less than its wire time and its store work added up.

The raw insert is the reference of ``overhead_vs_raw_insert``: the same events, numbered
and hashed beforehand, written with the server's own ``eventlog.insert_events`` into a
fresh server store, in the push's batches, one transaction each (as each push commits
its batch), right after each round's push; the overhead is the median over the rounds of
the round's push over its raw insert. The same in one transaction is reported beside it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casework import cipher
from sync.client import PushBody, TownServer
from sync.protocol import PULL_PAGE, PullResponse, PushResponse

if TYPE_CHECKING:
    from casework.casebook import Casebook
    from sync.server.runtime import Runtime

EVENTS = 10_000
ROUNDS = 5  # medians of five: the machine is shared and its speed varies
PUSH_BATCH = 500  # = sync.protocol.MAX_EVENTS_PER_PUSH, the most one push may carry
TARGET_BYTES_PER_EVENT = 400
TARGET_PUSH_PER_S = 5000
TARGET_PULL_PER_S = 10_000
TARGET_OVERHEAD = 4.0
EVENTS_PER_CASE = 13  # about, in bench.sampledata's cases; only sizes the first guess
SERVER_START_S = 30.0
PUSH_WORKER, PULL_WORKER = "王芳", "李明"


# --- the counting proxy -----------------------------------------------------------------


class _Pumps:
    """Listens on 127.0.0.1:<port> and forwards every connection to ``target``, adding
    the bytes each way to ``up`` and ``down`` (shared counters). A byte is counted before
    it is passed on, so once a client has read an answer, every byte of it has been
    counted."""

    def __init__(self, target: tuple[str, int], up: Any, down: Any) -> None:
        self.target = target
        self._up, self._down = up, down
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])

    def serve(self) -> None:
        """Accept connections until the process ends."""
        while True:
            client, _ = self._listener.accept()
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            for end in (client, server):
                end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for ends in ((client, server, self._up), (server, client, self._down)):
                threading.Thread(target=self._pump, args=ends, daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, counter: Any) -> None:
        try:
            while chunk := source.recv(1 << 16):
                with counter.get_lock():
                    counter.value += len(chunk)
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)


def _run_pumps(target: tuple[str, int], up: Any, down: Any, port: Any, ready: Any) -> None:
    pumps = _Pumps(target, up, down)
    port.value = pumps.port
    ready.set()
    pumps.serve()


class CountingProxy:
    """A counting TCP proxy to ``target`` on a loopback port, in a process of its own:
    pumping the bytes on threads of the measured process would take its interpreter
    lock from the sync client being timed (about a tenth of a push, measured)."""

    def __init__(self, target: tuple[str, int]) -> None:
        context = multiprocessing.get_context("spawn")
        self._up, self._down = context.Value("q", 0), context.Value("q", 0)
        port, ready = context.Value("i", 0), context.Event()
        self._process = context.Process(
            target=_run_pumps, args=(target, self._up, self._down, port, ready), daemon=True
        )
        self._process.start()
        if not ready.wait(SERVER_START_S):
            self._process.kill()
            raise RuntimeError("the counting proxy did not start")
        self.port = int(port.value)

    @property
    def url(self) -> str:
        """The base URL a client uses to go through the proxy."""
        return f"http://127.0.0.1:{self.port}"

    def counts(self) -> tuple[int, int]:
        """(bytes up, bytes down) so far."""
        return int(self._up.value), int(self._down.value)

    def close(self) -> None:
        """Stop the proxy, and with it every connection through it."""
        self._process.kill()
        self._process.join(timeout=10)


class TimedTownServer(TownServer):
    """The sync client, adding up the seconds spent inside its push and pull calls (from
    the session's thread and the one it sends on)."""

    wire_s = 0.0
    _timing = threading.Lock()

    def _add(self, started: float) -> None:
        with self._timing:
            self.wire_s += time.perf_counter() - started

    def push_body(self, events: list[dict[str, Any]]) -> PushBody:
        """TownServer.push_body (the encoding of a push), timed."""
        started = time.perf_counter()
        try:
            return super().push_body(events)
        finally:
            self._add(started)

    def push(self, events: list[dict[str, Any]] | PushBody) -> PushResponse:
        """TownServer.push, timed."""
        started = time.perf_counter()
        try:
            return super().push(events)
        finally:
            self._add(started)

    def pull(self, cursor: int, limit: int = PULL_PAGE) -> PullResponse:
        """TownServer.pull, timed."""
        started = time.perf_counter()
        try:
            return super().pull(cursor, limit)
        finally:
            self._add(started)


# --- the town server ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _open_server_store(data_dir: Path) -> Runtime:
    """A new server store in ``data_dir``, migrated, as ``outpost-server init`` makes it."""
    from sync.server.runtime import Runtime
    from sync.server.settings import ServerSettings

    return Runtime.open(ServerSettings(data_dir=data_dir))


class TownServerProcess:
    """``python -m sync.server serve`` on a free loopback port over a SQLite store in
    ``data_dir`` holding the sample org tree; ``runtime`` is the administrator's handle
    on the same store (enrollment codes, counts), as the ``outpost-server`` commands."""

    def __init__(self, data_dir: Path) -> None:
        import resources
        from sync.server.services import orgunits

        self.data_dir = data_dir
        self.runtime = _open_server_store(data_dir)
        with self.runtime.store.unit_of_work() as session:
            orgunits.import_tree(session, csv_path=resources.sample_org_tree(), actor="bench")
        self.port = _free_port()
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's own base URL (not through the proxy)."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TownServerProcess:
        """Start serving; returns once the server answers a ping."""
        import requests

        argv = [sys.executable, "-m", "sync.server", "--data-dir", str(self.data_dir)]
        argv += ["serve", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{self.url}/v1/ping", timeout=1).ok:
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer in {SERVER_START_S} s")

    def enrollment_code(self, unit_code: str) -> str:
        """A one-time code, as ``outpost-server enroll-code`` gives one."""
        from sync.server.services import devices

        with self.runtime.store.unit_of_work() as session:
            issued = devices.issue_code(
                session, org_unit_code=unit_code, lifetime=dt.timedelta(hours=1), actor="bench"
            )
        return issued.code

    def events_held(self) -> int:
        """How many events the server's store holds."""
        from sqlalchemy import func, select

        from sync.server.models import Event

        with self.runtime.store.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Event)) or 0)

    def stop(self) -> None:
        """A clean stop (SIGTERM), waited for; the administrator's handle is closed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.runtime.close()


# --- the laptops --------------------------------------------------------------------------


def fill_laptop(folder: Path, events: int, *, seed: int = 11) -> int:
    """Make a laptop of bench.sampledata's village in ``folder`` whose outbox holds at
    least ``events`` events, recorded case by case through the casework services over
    the past year; returns how many wait (the last case goes as far as its path goes)."""
    import resources
    from bench.sampledata import VILLAGE, record_one
    from casework import syncstate
    from casework.casebook import open_casebook

    rng = random.Random(seed)
    book = open_casebook(folder, resources.sample_org_tree())
    try:
        book.set_up(worker_name=PUSH_WORKER, org_unit_code=VILLAGE)
        lists = book.checklists
        end = dt.datetime.now(dt.UTC)
        start = end - dt.timedelta(days=365)
        guess = events // EVENTS_PER_CASE + 50
        moments = iter(sorted(start + (end - start) * rng.random() for _ in range(guess)))
        waiting = 0
        while waiting < events:
            with book.store.unit_of_work() as session:  # a few hundred events at a time
                for _ in range(40):
                    record_one(session, rng, lists, next(moments, end), end)
                    waiting = syncstate.waiting(session)
                    if waiting >= events:
                        break
    finally:
        book.close()
    return waiting


def _open_laptop(folder: Path) -> Casebook:
    import resources
    from casework.casebook import open_casebook

    return open_casebook(folder, resources.sample_org_tree())


def _fresh_laptop(folder: Path, unit_code: str) -> Casebook:
    book = _open_laptop(folder)
    book.set_up(worker_name=PULL_WORKER, org_unit_code=unit_code)
    return book


def _unit(book: Casebook) -> str:
    who = book.identity()
    if who is None:
        raise RuntimeError(f"the laptop in {book.path.parent} is not set up")
    return who.org_unit_code


def outbox(folder: Path) -> list[dict[str, Any]]:
    """Every event waiting in the outbox of the laptop in ``folder``, as pushed."""
    from casework import syncstate

    book = _open_laptop(folder)
    try:
        with book.store.reading() as session:
            return syncstate.pending(session, syncstate.waiting(session))
    finally:
        book.close()


def _events_held(book: Casebook) -> int:
    with contextlib.closing(cipher.connect(book.path, None)) as connection:
        return int(connection.execute("SELECT count(*) FROM case_events").fetchone()[0])


# --- the raw insert ---------------------------------------------------------------------


def server_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows the server stores for ``events`` (sync.server.services.push): numbered
    in order, hashed, the payload as its compact JSON text, with their chain links."""
    from sync.protocol import WireEvent
    from sync.server.services import chain, eventlog
    from sync.server.services.push import fingerprint

    rows = []
    for seq, raw in enumerate(events, start=1):
        wire = WireEvent.model_validate(raw)
        digest, data = fingerprint(wire)
        row = {c: data.get(c) for c in eventlog.COLUMNS}
        row.update(server_seq=seq, payload=data["payload_text"], content_hash=digest,
                   chain_hash=chain.link_of(wire, data["payload_text"]))  # fmt: skip
        rows.append(row)
    return rows


def raw_insert(data_dir: Path, rows: list[dict[str, Any]], batch: int) -> float:
    """Seconds to write ``rows`` with ``eventlog.insert_events`` into a fresh server
    store in ``data_dir``, ``batch`` rows a transaction."""
    from sync.server.services import eventlog

    runtime = _open_server_store(data_dir)
    try:
        received_at = dt.datetime.now(dt.UTC)
        started = time.perf_counter()
        for first in range(0, len(rows), batch):
            with runtime.store.unit_of_work() as session:
                eventlog.insert_events(
                    session, rows[first : first + batch], received_at=received_at
                )
        return time.perf_counter() - started
    finally:
        runtime.close()


# --- one round ----------------------------------------------------------------------------


@dataclasses.dataclass
class Round:
    """What one round measured."""

    events: int  # in the laptop's outbox before the push
    push_s: float = 0.0
    push_wire_s: float = 0.0
    push_up: int = 0
    push_down: int = 0
    push_requests: int = 0
    pushed: int = 0
    acknowledged: int = 0
    refused: int = 0
    left_in_outbox: int = 0
    on_server: int = 0
    pull_s: float = 0.0
    pull_wire_s: float = 0.0
    pull_up: int = 0
    pull_down: int = 0
    pull_requests: int = 0
    pulled: int = 0
    repulled: bool = False
    held_by_puller: int = 0


def _since(proxy: CountingProxy, up: int, down: int) -> tuple[int, int]:
    now_up, now_down = proxy.counts()
    return now_up - up, now_down - down


def _no_progress(_phase: str, _done: int, _of: int) -> None:
    pass


@contextlib.contextmanager
def _batch(size: int | None) -> Iterator[int]:
    """``sync.session.BATCH`` set to ``size`` (None: left as it is) for the block."""
    from sync import session as sync_session

    kept = sync_session.BATCH
    sync_session.BATCH = size or kept
    try:
        yield sync_session.BATCH
    finally:
        sync_session.BATCH = kept


def one_round(template: Path, scratch: Path, batch: int | None, *, pull: bool = True) -> Round:
    """Push a copy of the laptop in ``template`` to a fresh server (``batch`` events a
    push; None: the session's own), then pull it all on a fresh laptop of its village."""
    from sync import session as sync_session

    shutil.copytree(template, scratch / "pusher")
    server = TownServerProcess(scratch / "server").start()
    proxy = CountingProxy(("127.0.0.1", server.port))
    books: list[Casebook] = []
    clients: list[TownServer] = []
    try:
        pusher = _open_laptop(scratch / "pusher")
        books.append(pusher)
        unit = _unit(pusher)
        measured = Round(events=pusher.counts()[1])
        a = TimedTownServer(proxy.url)
        clients.append(a)
        sync_session.enroll(pusher, a, server.enrollment_code(unit))
        up, down, requests = *proxy.counts(), a.requests
        report = sync_session.SyncReport()
        with _batch(batch):
            started = time.perf_counter()
            sync_session.push(pusher, a, report, _no_progress)
            measured.push_s = time.perf_counter() - started
        measured.push_up, measured.push_down = _since(proxy, up, down)
        measured.push_wire_s, measured.push_requests = a.wire_s, a.requests - requests
        measured.pushed, measured.acknowledged = report.pushed, report.acknowledged
        measured.refused, measured.left_in_outbox = len(report.refused), pusher.counts()[1]
        measured.on_server = server.events_held()
        if pull:
            puller = _fresh_laptop(scratch / "puller", unit)
            books.append(puller)
            b = TimedTownServer(proxy.url)
            clients.append(b)
            sync_session.enroll(puller, b, server.enrollment_code(unit))
            up, down, requests = *proxy.counts(), b.requests
            report = sync_session.SyncReport()
            started = time.perf_counter()
            sync_session.pull(puller, b, report, _no_progress)
            measured.pull_s = time.perf_counter() - started
            measured.pull_up, measured.pull_down = _since(proxy, up, down)
            measured.pull_wire_s, measured.pull_requests = b.wire_s, b.requests - requests
            measured.pulled, measured.repulled = report.pulled, report.repulled
            measured.held_by_puller = _events_held(puller)
    finally:
        for client in clients:
            client.close()
        proxy.close()
        server.stop()
        for book in books:
            book.close()
    return measured


# --- the run ------------------------------------------------------------------------------


def _median(rounds: list[Round], field: str) -> float:
    return float(statistics.median(getattr(r, field) for r in rounds))


def measure(
    events: int = EVENTS, *, rounds: int = ROUNDS, batch: int = PUSH_BATCH
) -> dict[str, float | int | str]:
    """Run the benchmark with at least ``events`` events, ``rounds`` times (medians),
    pushing ``batch`` events a request; returns the figures of bench/results/sync.json."""
    from sync import session as sync_session

    load = os.getloadavg()[0]  # other work on the machine makes every figure slower
    with tempfile.TemporaryDirectory(prefix="outpost-bench-sync-") as scratch_dir:
        scratch = Path(scratch_dir)
        template = scratch / "laptop"
        started = time.perf_counter()
        fill_laptop(template, events)
        filled_s = time.perf_counter() - started
        print(f"laptop of {events} events filled in {filled_s:.0f} s", flush=True)
        rows = server_rows(outbox(template))
        done, raw_s, raw_one_s, ratios = [], [], [], []
        for number in range(rounds):
            # Each push beside its own raw insert, made right after it: the machine is
            # shared, and a slow minute slows both sides of the ratio alike.
            done.append(one_round(template, scratch / f"round{number}", batch))
            raw_s.append(raw_insert(scratch / f"raw{number}", rows, batch))
            raw_one_s.append(raw_insert(scratch / f"raw-one{number}", rows, len(rows)))
            ratios.append(done[-1].push_s / raw_s[-1])
            print(f"round {number + 1}: push {done[-1].push_s:.2f} s "
                  f"({ratios[-1]:.2f}x the raw insert), pull {done[-1].pull_s:.2f} s",
                  flush=True)  # fmt: skip
        session_batch = sync_session.BATCH
        at_session_batch = None
        if session_batch != batch:
            at_session_batch = one_round(template, scratch / "session", None, pull=False)

    first = done[0]
    sent = first.events
    push_s, pull_s = _median(done, "push_s"), _median(done, "pull_s")
    raw = statistics.median(raw_s)
    push_bytes, pull_bytes = first.push_up + first.push_down, first.pull_up + first.pull_down
    figures: dict[str, float | int | str] = {
        "events": sent,
        "database": "sqlite",
        "rounds": rounds,
        "push_batch": batch,
        "session_batch": session_batch,
        "pull_page": PULL_PAGE,
        "load_average_before": round(load, 2),
        "push_events_per_s": round(sent / push_s),
        "push_events_per_s_target": TARGET_PUSH_PER_S,
        "pull_events_per_s": round(sent / pull_s),
        "pull_events_per_s_target": TARGET_PULL_PER_S,
        "bytes_per_event": round((push_bytes + pull_bytes) / sent, 1),
        "bytes_per_event_target": TARGET_BYTES_PER_EVENT,
        "bytes_per_event_counts": "push + pull, both directions, HTTP headers included",
        "requests": first.push_requests + first.pull_requests,
        "overhead_vs_raw_insert": round(statistics.median(ratios), 2),
        "overhead_vs_raw_insert_target": TARGET_OVERHEAD,
        "push_s": round(push_s, 3),
        "push_wire_s": round(_median(done, "push_wire_s"), 3),
        "pull_s": round(pull_s, 3),
        "pull_wire_s": round(_median(done, "pull_wire_s"), 3),
        "pull_wire_events_per_s": round(sent / _median(done, "pull_wire_s")),
        "raw_insert_s": round(raw, 3),
        "raw_insert_batch": batch,
        "raw_insert_one_transaction_s": round(statistics.median(raw_one_s), 3),
        "push_bytes_per_event": round(push_bytes / sent, 1),
        "pull_bytes_per_event": round(pull_bytes / sent, 1),
        "push_bytes_up": first.push_up,
        "push_bytes_down": first.push_down,
        "pull_bytes_up": first.pull_up,
        "pull_bytes_down": first.pull_down,
        "push_requests": first.push_requests,
        "pull_requests": first.pull_requests,
    }
    if at_session_batch is not None:
        figures["push_events_per_s_at_session_batch"] = round(sent / at_session_batch.push_s)
        figures["push_bytes_per_event_at_session_batch"] = round(
            (at_session_batch.push_up + at_session_batch.push_down) / sent, 1
        )
    counts = {
        "pushed": min(r.acknowledged for r in done),
        "refused": max(r.refused for r in done),
        "left_in_outbox": max(r.left_in_outbox for r in done),
        "on_server": min(r.on_server for r in done),
        "pulled": min(r.pulled for r in done),
        "held_by_puller": min(r.held_by_puller for r in done),
        "repulled": sum(r.repulled for r in done),
        "laptop_filled_s": round(filled_s, 1),
    }
    if any(r.events != sent or r.pushed != sent for r in done):
        raise RuntimeError(f"the rounds did not all push {sent} events: {done}")
    return {**figures, **counts}


def check(figures: dict[str, float | int | str]) -> None:
    """Raise unless every event pushed was stored once and pulled once."""
    sent = figures["events"]
    agree = ("pushed", "on_server", "pulled", "held_by_puller")
    if any(figures[key] != sent for key in agree) or figures["left_in_outbox"] != 0:
        raise RuntimeError("the counts disagree: " + str({k: figures[k] for k in agree}))


def run() -> dict[str, float | int | str]:
    """Measure and return the figures of ``bench/results/sync.json``."""
    figures = measure()
    check(figures)
    return figures
