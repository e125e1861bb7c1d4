"""The installers' figures: the bundle's and the .deb's size, and how long the bundle's
``outpost --check`` takes (what a trainer waits for after installing).

Builds with ``python -m installers.build --reuse`` into dist/, so a bundle newer than the
sources is measured as it is; the check runs as on a laptop: from a scratch folder, with a
clean environment and an empty data folder each round.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installers import build

ROUNDS = 3
TARGET_CHECK_S = 10  # a trainer's "is it installed right?" should answer within seconds


def _build() -> tuple[Path, Path]:
    command = [sys.executable, "-m", "installers.build", "--reuse"]
    subprocess.run(command, check=True, cwd=build.ROOT)
    dist = build.ROOT / "dist"
    return dist / build.NAME, build.deb_path(dist)


def _check_seconds(program: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="outpost-bench-bundle-") as scratch:
        env = {"PATH": "/usr/bin:/bin", "HOME": scratch, "LANG": "C.UTF-8"}
        env["QT_QPA_PLATFORM"] = "offscreen"
        command = [str(program), "--check", "--data-dir", str(Path(scratch) / "data")]
        start = time.perf_counter()
        subprocess.run(command, cwd=scratch, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def run() -> dict[str, float | int | str]:
    """Build (or reuse) the bundle and the .deb; their sizes and the check's median time."""
    bundle, deb = _build()
    times = [_check_seconds(bundle / build.NAME) for _ in range(ROUNDS)]
    return {
        "bundle_mb": build.megabytes(bundle),
        "deb_mb": build.megabytes(deb),
        "check_s": round(statistics.median(times), 2),
        "check_s_target": TARGET_CHECK_S,
        "check_rounds": ROUNDS,
        # The bundle runs only on this glibc or newer (DESIGN.md §6).
        "built_on_glibc": platform.libc_ver()[1],
    }
