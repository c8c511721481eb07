"""Start-up to a painted window with the first lesson, against a bare QMainWindow + QTextEdit
(target: within 1.5x). Each start is a fresh process; medians of 10."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 10
TARGET_RATIO = 1.5


def _start(kind: str, home: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": home}
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.startup_probe", kind], check=True, env=env)
    return time.perf_counter() - began


def run(runs: int = RUNS) -> list[tuple[str, float, float | None]]:
    # An installed app has its bytecode compiled by pip; a checkout may not (for instance under
    # PYTHONDONTWRITEBYTECODE), which would time the compiler, not the app.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "literacy_app", "benchmarks"], check=True
    )
    with tempfile.TemporaryDirectory() as home:
        _start("app", home)  # warm the disk cache for both
        bare, app = [], []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            bare.append(_start("bare", home))
            app.append(_start("app", home))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    return [
        ("start-up: bare QMainWindow + QTextEdit (median of 10)", bare_median, None),
        (
            "start-up: the app on the first lesson (median of 10)",
            app_median,
            bare_median * TARGET_RATIO,
        ),
        (
            f"start-up ratio app / bare (target {TARGET_RATIO})",
            app_median / bare_median,
            TARGET_RATIO,
        ),
    ]


if __name__ == "__main__":
    for name, value, target in run():
        print(f"{name:<60} {value:8.3f}  target {target if target else '-'}")
