"""The ledger 台账 of 100,000 cases: time to write it, memory, and whether the window stays live.

The export takes the app's own path: ``desktop.ledgerexport.LedgerExport.start`` with
the file name given (as a clerk's choice in the file dialog), run by
``desktop.backend.Backend`` on its worker while the GUI thread runs its event loop
(offscreen). A QTimer on the GUI thread fires every TICK_MS; the longest gap between two
ticks, less TICK_MS, is how long the window could not answer a click. Each format is
written in a process of its own (``python -m bench.ledger FOLDER KIND``), so peak memory
is the export's: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of that process, which
includes Python, Qt and the opened store (``rss_before_mb`` is the same before the export).

The store comes from ``bench.bulkdata`` (built once, then cached).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CASES = 100_000
TICK_MS = 10
TARGET_EXPORT_S = 30
TARGET_RSS_MB = 200
TARGET_BLOCK_MS = 100


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS; the bench runs on Linux).
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _close_message_when_shown() -> None:
    """Press OK on the "ledger saved" message once it is up, as the clerk would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(QMessageBox.StandardButton.Ok).click()
    else:
        QTimer.singleShot(20, _close_message_when_shown)


def _export(folder: Path, kind: str) -> dict[str, Any]:
    """Export the whole ledger of ``folder``'s store through the app's path; measure."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from casework.rows import CaseFilter
    from desktop.backend import Backend
    from desktop.ledgerexport import LedgerExport

    app = QApplication([])
    window = QWidget()
    window.show()
    errors: list[BaseException] = []
    loop = QEventLoop()

    def stop(error: BaseException | None = None) -> None:
        if error is not None:
            errors.append(error)
        loop.quit()

    backend = Backend(folder, errors.append, app)
    backend.opened.connect(lambda _who: stop())
    backend.open_failed.connect(stop)
    backend.open()
    loop.exec()
    export = LedgerExport(backend, window)
    ticks: list[float] = []
    timer = QTimer(window)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    outcome: dict[str, Any] = {}

    def finished(count: int, _path: Path) -> None:
        outcome.update(count=count, end=time.perf_counter())
        stop()

    export.finished.connect(finished)
    export.failed.connect(lambda text: stop(RuntimeError(text)))
    before = _peak_mb()
    with tempfile.TemporaryDirectory(prefix="outpost-bench-ledger-") as out:
        path = Path(out) / f"台账.{kind}"
        timer.start()
        QTimer.singleShot(0, _close_message_when_shown)
        start = time.perf_counter()
        export.start(window, CaseFilter(), path)
        loop.exec()
        timer.stop()
        size = path.stat().st_size if path.exists() else 0
    backend.shutdown()
    if errors:
        raise errors[0]
    during = [t for t in ticks if start <= t <= outcome["end"]]
    gaps = [b - a for a, b in zip([start, *during], [*during, outcome["end"]], strict=True)]
    return {
        "count": outcome["count"],
        "export_s": round(outcome["end"] - start, 2),
        "max_block_ms": round(max(0.0, max(gaps) * 1000 - TICK_MS), 1),
        "ticks": len(during),
        "size_mb": round(size / 2**20, 1),
        "rss_before_mb": before,
        "peak_rss_mb": _peak_mb(),
    }


def _child(argv: list[str]) -> int:
    print(json.dumps(_export(Path(argv[0]), argv[1])), flush=True)
    return 0


def _side(folder: Path, kind: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, "-m", "bench.ledger", str(folder), kind]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} export exited {done.returncode}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(cases: int = CASES, root: Path | None = None) -> dict[str, float | int | str]:
    """Measure and return the figures of ``bench/results/ledger.json``."""
    from bench import bulkdata  # not in the measured processes: it loads the ORM

    started = time.perf_counter()
    folder = bulkdata.cached(cases, root=root)
    print(f"store of {cases} cases ready in {time.perf_counter() - started:.0f} s: {folder}")
    load = os.getloadavg()[0]  # other work on the machine makes every figure slower
    xlsx = _side(folder, "xlsx")
    csv = _side(folder, "csv")
    if xlsx["count"] != cases or csv["count"] != cases:
        raise RuntimeError(f"ledger rows: xlsx {xlsx['count']}, csv {csv['count']} of {cases}")
    return {
        "cases": cases,
        "qpa_platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "load_average_before": round(load, 2),
        "export_s": xlsx["export_s"],
        "export_s_target": TARGET_EXPORT_S,
        "peak_rss_mb": xlsx["peak_rss_mb"],
        "peak_rss_mb_target": TARGET_RSS_MB,
        "peak_rss_measure": "ru_maxrss of the exporting process",
        "rss_before_export_mb": xlsx["rss_before_mb"],
        "max_event_loop_block_ms": xlsx["max_block_ms"],
        "max_event_loop_block_ms_target": TARGET_BLOCK_MS,
        "event_loop_ticks": xlsx["ticks"],
        "xlsx_size_mb": xlsx["size_mb"],
        "csv_export_s": csv["export_s"],
        "csv_peak_rss_mb": csv["peak_rss_mb"],
        "csv_max_event_loop_block_ms": csv["max_block_ms"],
        "csv_size_mb": csv["size_mb"],
    }


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
