"""Start-up to a painted window with the first lesson, against a bare QMainWindow + QTextEdit
(target: within 1.5x). Each start is a fresh process; medians of 10.

Two clocks per start: launch to painted window (the target's measure: what the student waits
for), and launch to process exit (adds interpreter teardown, which nobody waits for, but it is
printed so a change that moves work into teardown cannot hide)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 10
TARGET_RATIO = 1.5


def _start(kind: str, home: str) -> tuple[float, float]:
    """(seconds to painted window, seconds to process exit) for one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": home}
    launched = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup_probe", kind],
        check=True,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    exited = time.monotonic()
    painted = float(done.stdout.split("painted ")[-1])
    return painted - launched, exited - launched


def run(runs: int = RUNS) -> list[tuple[str, float, float | None]]:
    # An installed app has its bytecode compiled by pip; a checkout may not (for instance under
    # PYTHONDONTWRITEBYTECODE), which would time the compiler, not the app.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "literacy_app", "benchmarks"], check=True
    )
    home = tempfile.mkdtemp(prefix="literacy-bench-")
    try:
        # The first start in a fresh home is the first launch ever (Getting started, empty
        # caches): timed and reported on its own, then each later start is a returning student.
        first_paint, _ = _start("app", home)
        _start("bare", home)  # warms the disk cache for the bare window too
        bare, app = [], []
        for _ in range(runs):  # interleaved, so machine noise hits both alike
            bare.append(_start("bare", home))
            app.append(_start("app", home))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    bare_paint = statistics.median(p for p, _ in bare)
    app_paint = statistics.median(p for p, _ in app)
    bare_exit = statistics.median(e for _, e in bare)
    app_exit = statistics.median(e for _, e in app)
    return [
        ("start-up to paint: bare QMainWindow + QTextEdit (median)", bare_paint, None),
        ("start-up to paint: literacy-app, first lesson (median)", app_paint, None),
        (
            f"start-up ratio app / bare (target {TARGET_RATIO})",
            app_paint / bare_paint,
            TARGET_RATIO,
        ),
        ("start-up to paint: very first launch, empty caches (1 run)", first_paint, None),
        ("launch to exit: bare (median)", bare_exit, None),
        ("launch to exit: literacy-app (median)", app_exit, None),
    ]


if __name__ == "__main__":
    for name, value, target in run():
        print(f"{name:<62} {value:8.3f}  target {target if target else '-'}")
