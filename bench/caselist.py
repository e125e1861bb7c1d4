"""The case list with 100,000 cases: time to open it, time to answer a search, memory.

The app's side is the real path: ``desktop.backend.Backend`` opens the store and
``desktop.caselist.CaseTableModel`` fetches the first page (and the count) on the
worker thread into a shown QTableView; opening is timed from ``Backend.open`` and a
search from ``set_filter``, each until the first page is painted (the paint event,
then a zero timer, as desktop.firstpaint does). The bare side is what one would write
without Outpost: a QTableView over a QSqlQueryModel on the same file, the same columns
newest first, and ``LIKE '%…%'`` over facts and party details for a search, run on
the GUI thread and never counted. Each side runs in a process of its own
(``python -m bench.caselist app|bare FOLDER QUERIES``), so each has its own memory
figure; both run offscreen on a warm disk cache. Opening is the median of ROUNDS,
searching the 95th percentile of every query REPEATS times.

The store comes from ``bench.bulkdata`` (built once, then cached).
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casework import cipher
from casework.paths import database_path

CASES = 100_000
ROUNDS = 7  # opens per side; the figure is their median
REPEATS = 8  # of each query
TARGET_OPEN_MS = 100
TARGET_SEARCH_P95_MS = 30
TARGET_RSS_MB = 200

# The same columns as the app's list, newest first, with no index but SQLite's own.
_BARE_COLUMNS = """
SELECT c.number, c.created_at,
       (SELECT group_concat(name, '、') FROM parties p WHERE p.case_id = c.id),
       c.dispute_type, c.status, c.priority, c.due_on
  FROM cases c
"""
_BARE_LIST = _BARE_COLUMNS + " ORDER BY c.created_at DESC"
_BARE_SEARCH = (
    _BARE_COLUMNS
    + """
 WHERE c.facts LIKE ? OR c.claims LIKE ? OR c.id IN (
       SELECT case_id FROM parties
        WHERE name LIKE ? OR id_number LIKE ? OR phone LIKE ? OR address LIKE ?)
 ORDER BY c.created_at DESC
"""
)


def queries(folder: Path) -> list[str]:
    """Searches of every length a worker types, some taken from the store itself."""
    with contextlib.closing(cipher.connect(database_path(folder), None)) as connection:
        id_number, phone = connection.execute(
            "SELECT id_number, phone FROM parties WHERE id_number != '' AND phone LIKE '+861%' "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    mobile = phone.removeprefix("+86")
    return [
        "王",  # a surname: one case in four or five
        "王伟",  # the commonest full name
        "建国",  # a given name, inside 王建国, 张建国, 李建国…
        "庙港社区",  # a place in addresses
        "空调外机",  # a phrase of the facts
        "王伟 宅基地",  # two words, both must match
        id_number[-8:],  # the end of an ID number
        mobile,  # a phone as stored
        f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}",  # and as people write it
        "欧阳修远",  # nobody
    ]


def _rss_mb() -> tuple[float, float]:
    """(resident, peak resident) megabytes of this process."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            found[key] = int(value.split()[0]) / 1024
    return round(found["VmRSS"], 1), round(found["VmHWM"], 1)


# --- the two sides, each in its own process --------------------------------------------


def _wait(signal: Any, seconds: float = 60) -> None:
    """Run the event loop until ``signal`` fires (TimeoutError after ``seconds``)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer(loop)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: loop.exit(1))
    signal.connect(loop.quit)
    timer.start(int(seconds * 1000))
    code = loop.exec()
    signal.disconnect(loop.quit)
    if code:
        raise TimeoutError(f"no {signal} within {seconds} s")


def _idle(milliseconds: int) -> None:
    """Let the event loop run: delayed layouts and paints finish between measurements."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop, loop.quit)
    loop.exec()


def _table() -> tuple[Any, Callable[[float], float]]:
    """A shown table set up as the app's case list is (desktop.mainwindow.CasesSection),
    and a function that waits for its first paint after a moment and returns its time."""
    from PySide6.QtCore import QEvent, QObject, QTimer, Signal
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    class Paints(QObject):
        """Times each paint of the table's rows, once the paint is done (as the startup
        probe desktop.firstpaint does: the paint event, then a zero timer).

        Signals:
            painted(): a paint of the rows is done.
        """

        painted = Signal()

        def __init__(self, parent: QObject) -> None:
            super().__init__(parent)
            self.times: list[float] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self, self._done)
            return False

        def _done(self) -> None:
            self.times.append(time.perf_counter())
            self.painted.emit()

    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.resize(1100, 700)
    paints = Paints(view)
    view.viewport().installEventFilter(paints)
    view.show()

    def painted_after(moment: float) -> float:
        while not any(t > moment for t in paints.times):
            _wait(paints.painted)
        return next(t for t in paints.times if t > moment)

    _idle(100)
    return view, painted_after


def _app_side(folder: Path, searches: list[str]) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from casework.rows import CaseFilter
    from desktop.backend import Backend
    from desktop.caselist import CaseTableModel

    app = QApplication([])
    view, painted_after = _table()
    errors: list[BaseException] = []
    loaded: list[float] = []
    opens: list[float] = []
    backends: list[Backend] = []
    for _ in range(ROUNDS):
        for old in backends:
            old.shutdown()
        backend = Backend(folder, errors.append, app)
        model = CaseTableModel(backend, 200, view)
        model.loaded.connect(lambda _rows: loaded.append(time.perf_counter()))
        view.setModel(model)
        _idle(50)
        start = time.perf_counter()
        backend.opened.connect(lambda _who, model=model: model.start())
        backend.open()
        _wait(model.loaded)
        opens.append((painted_after(loaded[-1]) - start) * 1000)
        backends = [backend]
        if errors:
            raise errors[0]
    found: dict[str, int] = {}

    def search(text: str) -> float:
        start = time.perf_counter()
        model.set_filter(CaseFilter(text=text))
        _wait(model.loaded)
        found[text] = model.total
        return (painted_after(loaded[-1]) - start) * 1000

    times = _searches(searches, search)
    rss, peak = _rss_mb()
    backends[0].shutdown()
    return {"open": opens, "search": times, "found": found, "rss": rss, "peak": peak}


def _bare_side(folder: Path, searches: list[str]) -> dict[str, Any]:
    from PySide6.QtSql import QSqlDatabase, QSqlQuery, QSqlQueryModel
    from PySide6.QtWidgets import QApplication

    _app = QApplication([])
    view, painted_after = _table()
    opens = []
    for round_ in range(ROUNDS):
        _idle(50)
        start = time.perf_counter()
        database = QSqlDatabase.addDatabase("QSQLITE", f"bare{round_}")
        database.setDatabaseName(str(database_path(folder)))
        if not database.open():
            raise RuntimeError(database.lastError().text())
        model = QSqlQueryModel(view)
        model.setQuery(QSqlQuery(_BARE_LIST, database))
        view.setModel(model)
        opens.append((painted_after(time.perf_counter()) - start) * 1000)
    found: dict[str, int] = {}

    def search(text: str) -> float:
        start = time.perf_counter()
        query = QSqlQuery(database)
        query.prepare(_BARE_SEARCH)
        for _ in range(_BARE_SEARCH.count("?")):
            query.addBindValue(f"%{text}%")
        query.exec()
        model.setQuery(query)
        found[text] = model.rowCount()  # the rows fetched so far, not a count
        return (painted_after(time.perf_counter()) - start) * 1000

    times = _searches(searches, search)
    rss, peak = _rss_mb()
    return {"open": opens, "search": times, "found": found, "rss": rss, "peak": peak}


def _searches(searches: list[str], search: Callable[[str], float]) -> dict[str, list[float]]:
    """Milliseconds of each search (``search`` measures one), every query REPEATS times,
    never twice in a row; the window settles between them, as between a worker's."""
    times: dict[str, list[float]] = {text: [] for text in searches}
    for _ in range(REPEATS):
        for text in searches:
            _idle(20)
            times[text].append(search(text))
    return times


def _child(argv: list[str]) -> int:
    side, folder, searches = argv[0], Path(argv[1]), json.loads(argv[2])
    measure = _app_side if side == "app" else _bare_side
    print(json.dumps(measure(folder, searches), ensure_ascii=False), flush=True)
    return 0


# --- the parent: runs both sides and reports --------------------------------------------


def _side(side: str, folder: Path, searches: list[str]) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, "-m", "bench.caselist", side, str(folder), json.dumps(searches)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{side} side exited {done.returncode}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def _report(searches: list[str], app: dict[str, Any], bare: dict[str, Any]) -> None:
    print(f"{'query':<22}{'found':>8}{'app ms':>9}{'bare ms':>10}  (median of {REPEATS})")
    for text in searches:
        print(
            f"{text:<22}{app['found'][text]:>8}{statistics.median(app['search'][text]):>9.1f}"
            f"{statistics.median(bare['search'][text]):>10.1f}"
        )


def _warm(path: Path) -> None:
    # Both sides start from the same warm disk cache, whichever runs first.
    with path.open("rb") as file:
        while file.read(1 << 24):
            pass


def run() -> dict[str, float | int | str]:
    """Measure and return the figures of ``bench/results/caselist.json``."""
    from bench import bulkdata  # not in the measured processes: it loads the ORM

    started = time.perf_counter()
    folder = bulkdata.cached(CASES)
    print(f"store of {CASES} cases ready in {time.perf_counter() - started:.0f} s: {folder}")
    searches = queries(folder)
    _warm(database_path(folder))
    load = os.getloadavg()[0]  # other work on the machine makes every figure slower
    app = _side("app", folder, searches)
    bare = _side("bare", folder, searches)
    _report(searches, app, bare)
    app_times = [t for ts in app["search"].values() for t in ts]
    bare_times = [t for ts in bare["search"].values() for t in ts]
    slowest = max(searches, key=lambda text: _p95(app["search"][text]))
    return {
        "cases": CASES,
        "rounds": ROUNDS,
        "searches": len(app_times),
        "qpa_platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "load_average_before": round(load, 2),
        "open_ms": round(statistics.median(app["open"]), 1),
        "open_ms_target": TARGET_OPEN_MS,
        "open_best_ms": round(min(app["open"]), 1),
        "open_first_ms": round(app["open"][0], 1),
        "bare_open_ms": round(statistics.median(bare["open"]), 1),
        "bare_open_best_ms": round(min(bare["open"]), 1),
        "search_p95_ms": round(_p95(app_times), 1),
        "search_p95_ms_target": TARGET_SEARCH_P95_MS,
        "search_median_ms": round(statistics.median(app_times), 1),
        "search_max_ms": round(max(app_times), 1),
        "search_slowest_query": slowest,
        "bare_search_p95_ms": round(_p95(bare_times), 1),
        "bare_search_median_ms": round(statistics.median(bare_times), 1),
        "rss_mb": app["rss"],
        "rss_mb_target": TARGET_RSS_MB,
        "rss_peak_mb": app["peak"],
        "bare_rss_mb": bare["rss"],
        "bare_rss_peak_mb": bare["peak"],
    }


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
