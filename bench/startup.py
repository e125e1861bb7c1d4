"""Start-up time: process start to the main window shown, and to the case list's first rows.

Both are measured against a bare PySide6 window started the same way in the same run,
so the figures are ratios that a busy shared machine does not distort much. The store
holds 1,000 cases, as a village laptop might after a few years, encrypted; "filled"
includes the login (typed at once by the probe: the argon2id derivation, ~0.2 s, and
opening the store with the key).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = 1000
ROUNDS = 15
TARGET_SHOWN = 1.5
TARGET_FILLED = 3.5

# The same measure as the app's probe (desktop.firstpaint): the first paint event of the
# window, then a zero timer so the whole frame is done.
BARE_QT = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
        return False


app = QApplication([])
window = QMainWindow()
window.resize(1100, 700)
probe = FirstPaint(window)
window.installEventFilter(probe)
window.show()
app.exec()
"""


LOGIN, PASSWORD = "bench", "bench-password"


def _fill_store(directory: Path) -> None:
    """1,000 cases in a store encrypted as the app leaves every store, opened by LOGIN."""
    import resources
    from bench.sampledata import fill
    from casework import keystate
    from casework.casebook import open_casebook

    fill(directory, CASES).close()
    worker = keystate.plain_worker(directory)
    assert worker is not None
    opened = keystate.protect(directory, worker[0], LOGIN, PASSWORD)
    open_casebook(directory, resources.sample_org_tree(), key=opened.key).close()


def _outpost_command() -> list[str]:
    """The ``outpost`` script as a worker starts it, or ``python -m desktop`` without it."""
    script = shutil.which("outpost", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "desktop"]


def _time(command: list[str], env: dict[str, str], markers: tuple[str, ...]) -> dict[str, float]:
    """Seconds from process start to each marker line on its stdout."""
    seen: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        for line in process.stdout:
            word = line.strip()
            if word in markers and word not in seen:
                seen[word] = time.perf_counter() - start
        process.wait(timeout=60)
    missing = [m for m in markers if m not in seen]
    if missing or process.returncode != 0:
        raise RuntimeError(f"{command[:3]} exited {process.returncode}, missing {missing}")
    return seen


def run() -> dict[str, float | int | str]:
    """Measure and return the figures of ``bench/results/startup.json``."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # Both sides start as an installed program does, from compiled bytecode (the warm-up
    # round writes it): without it, every round compiled Outpost's modules afresh.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="outpost-bench-") as scratch:
        directory = Path(scratch)
        _fill_store(directory)
        app_env = {**env, "OUTPOST_STARTUP_PROBE": f"{LOGIN}:{PASSWORD}"}
        app = [*_outpost_command(), "--data-dir", str(directory)]
        bare = [sys.executable, "-c", BARE_QT]
        bare_shown: list[float] = []
        shown: list[float] = []
        filled: list[float] = []
        login: list[float] = []  # the argon2id derivation of the typed password
        markers = ("shown", "login", "unlocked", "filled")
        _time(bare, env, ("shown",))  # warm the disk cache for both
        _time(app, app_env, markers)
        for _ in range(ROUNDS):  # interleaved, so load on the machine hits both alike
            bare_shown.append(_time(bare, env, ("shown",))["shown"])
            marks = _time(app, app_env, markers)
            shown.append(marks["shown"])
            filled.append(marks["filled"])
            login.append(marks["unlocked"] - marks["login"])
    base = statistics.median(bare_shown)
    return {
        "cases_in_store": CASES,
        "rounds": ROUNDS,
        "qpa_platform": env["QT_QPA_PLATFORM"],
        "bare_qt_shown_s": round(base, 3),
        "app_shown_s": round(statistics.median(shown), 3),
        "app_filled_s": round(statistics.median(filled), 3),
        "ratio_vs_bare_qt": round(statistics.median(shown) / base, 2),
        "ratio_vs_bare_qt_target": TARGET_SHOWN,
        "login_kdf_s": round(statistics.median(login), 3),
        "filled_ratio_vs_bare_qt": round(statistics.median(filled) / base, 2),
        # As bench crypto's target: the deliberate key derivation of the login apart.
        "filled_without_kdf_ratio_vs_bare_qt": round(
            statistics.median(f - k for f, k in zip(filled, login, strict=True)) / base, 2
        ),
        "filled_without_kdf_ratio_vs_bare_qt_target": TARGET_FILLED,
    }
