"""``python -m bench [NAME]``: run one benchmark or all, print and save their figures."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from bench import bundle, caselist, crypto, ledger, startup, sync

RESULTS = Path(__file__).resolve().parent / "results"

BENCHMARKS: dict[str, Callable[[], dict[str, float | int | str]]] = {
    "startup": startup.run,
    "caselist": caselist.run,
    "sync": sync.run,
    "ledger": ledger.run,
    "bundle": bundle.run,
    "crypto": crypto.run,
}


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all without a name); returns the exit code."""
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    RESULTS.mkdir(exist_ok=True)
    for name in names:
        figures = BENCHMARKS[name]()
        path = RESULTS / f"{name}.json"
        path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
        print(f"written to {path}")
    return 0


sys.exit(main(sys.argv[1:]))
