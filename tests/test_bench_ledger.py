"""The ledger benchmark's machinery at a small scale: every figure is there with its
target, and the whole ledger was written (no timing is checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import ledger

pytestmark = pytest.mark.slow  # two exporting processes, each with Qt

CASES = 500

FIGURES = (
    "cases", "export_s", "peak_rss_mb", "rss_before_export_mb", "max_event_loop_block_ms",
    "event_loop_ticks", "xlsx_size_mb", "csv_export_s", "csv_peak_rss_mb",
    "csv_max_event_loop_block_ms", "csv_size_mb",
)  # fmt: skip
TARGETS = ("export_s", "peak_rss_mb", "max_event_loop_block_ms")


def test_every_figure_is_there_with_its_target(tmp_path: Path) -> None:
    figures = ledger.run(CASES, root=tmp_path)
    assert [key for key in FIGURES if key not in figures] == []
    assert all(isinstance(figures[f"{key}_target"], int | float) for key in TARGETS)
    assert figures["max_event_loop_block_ms_target"] == 100
    numbers = {k: figures[k] for k in FIGURES}
    assert all(isinstance(v, int | float) and v >= 0 for v in numbers.values()), numbers
    assert figures["cases"] == CASES and figures["export_s"] > 0
    assert isinstance(figures["event_loop_ticks"], int) and figures["event_loop_ticks"] > 0
    peak, before = figures["peak_rss_mb"], figures["rss_before_export_mb"]
    assert isinstance(peak, float) and isinstance(before, float) and peak >= before > 0
