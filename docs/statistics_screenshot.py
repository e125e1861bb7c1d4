"""A picture of the 统计 page for the README, made through the real parts.

A village laptop is filled by ``bench.sampledata`` (realistic disputes over the last three
years, each taken through the casework services as far as its path goes), then the page
is shown in Chinese for this year and saved as ``docs/statistics.png``.

Run: ``xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/statistics_screenshot.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CASES = 600  # about two hundred in the current year
SETTLE_MS = 700  # the charts animate nothing, but fonts and layout settle


def prepare(data_dir: Path) -> None:
    """A village laptop holding ``CASES`` sample disputes."""
    from bench import sampledata

    sampledata.fill(data_dir, CASES).close()


def main() -> int:
    """Make the picture; returns the exit code."""
    if not os.environ.get("DISPLAY"):
        print("no X display: run this under xvfb-run", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    with tempfile.TemporaryDirectory(prefix="outpost-statistics-shot-") as scratch:
        data_dir = Path(scratch)
        prepare(data_dir)
        from desktop import i18n
        from desktop.app import make_app
        from desktop.backend import Backend
        from desktop.statistics import StatisticsPage

        app = make_app(sys.argv[:1])
        i18n.install(app, "zh_CN")
        failure: list[str] = []

        def background_failed(error: BaseException) -> None:
            failure.append(f"background work: {error!r}")
            app.quit()

        backend = Backend(data_dir, on_error=background_failed)
        page = StatisticsPage(backend)
        page.setWindowTitle("前哨解纷 — 统计")
        page.resize(1260, 780)
        page.show()

        def opened(_identity: object) -> None:
            page.start()
            page.chooser.choose("this_year")

        def shoot(figures: object) -> None:
            if getattr(figures, "period", None) != page.chooser.period():
                return  # the month shown first; the year comes next
            # The whole page, charts and all: taller than the screen, so drawn, not grabbed.
            body = page.scroll_area.widget()
            page.resize(page.width(), page.height() - page.scroll_area.viewport().height()
                        + body.sizeHint().height())  # fmt: skip
            QTimer.singleShot(SETTLE_MS, save)

        def save() -> None:
            path = HERE / "statistics.png"
            picture = page.grab()
            if not picture.save(str(path)):
                failure.append(f"could not write {path}")
            print(f"wrote {path} ({picture.width()}×{picture.height()})", flush=True)
            app.quit()

        backend.opened.connect(opened)
        page.computed.connect(shoot)
        QTimer.singleShot(60_000, lambda: (failure.append("no figures in a minute"), app.quit()))
        backend.open()
        app.exec()
        backend.shutdown()
        if failure:
            print(f"gave up: {failure}", file=sys.stderr)
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
