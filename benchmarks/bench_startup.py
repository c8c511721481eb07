"""Start-up to a painted window with the first lesson, against the skeleton probe: stock widgets
laid out as the app's window, none of our code (target: within 1.5x, issue #12; the earlier target
against a bare QMainWindow + QTextEdit left no room, the skeleton alone takes ~1.3x of it). Each
start is a fresh process; medians of 10, interleaved.

The target row divides each round's app start by the skeleton start just before it and takes
the median of those ten ratios: two starts a second apart share the machine's mood, so the
ratio moves much less than either time does (the ratio of the two medians is printed too).

Two clocks per start: launch to painted window (the target's measure: what the student waits
for), and launch to process exit (adds interpreter teardown, which nobody waits for, but it is
printed so a change that moves work into teardown cannot hide).

Two more rows explain where the time goes (see startup_probe for each kind):
- the Qt floor: the bare window after setting up only the PySide6 classes the app uses, with
  none of our code. PySide6 builds each class's Python enums on first use (the `Qt` namespace
  alone has ~70), so this is what the app's Qt classes cost before it does anything;
- a second window built and painted in the same process: the window's own cost, with nothing
  left to import or set up;
- the skeleton: the smallest window the issue describes (three panes, menus, palette buttons,
  an empty marks table), in stock PySide6 widgets with none of our code. Whatever the app
  does, it cannot start faster than this: the target is measured against it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

RUNS = 10
TARGET_RATIO = 1.5


def _probe(kind: str, home: str, qt_classes: str = "") -> tuple[float, float, str]:
    """(seconds to the first frame, seconds to process exit, what the probe printed)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": home}
    env["QT_CLASSES"] = qt_classes
    env["SKELETON_LESSON_HTML"] = os.path.join(home, "skeleton-lesson.html")
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
    completed = float(done.stdout.split("completed ")[-1].split()[0])
    _completed[kind].append(completed - launched)
    return painted - launched, exited - launched, done.stdout


_completed: dict[str, list[float]] = defaultdict(list)  # seconds to the whole window, by kind


def _write_skeleton_lesson(home: str) -> str:
    """The first lesson's instructions as the HTML the lesson pane shows, for `skeleton`, which
    must not import our Markdown code while it is timed."""
    from literacy_app.formats.lesson_package import load_lesson
    from literacy_app.render import render_markdown
    from literacy_app.resources import default_lesson

    lesson = load_lesson(default_lesson())
    path = os.path.join(home, "skeleton-lesson.html")
    with open(path, "w", encoding="utf-8") as html:
        html.write(f"<h2>{lesson.title}</h2>" + render_markdown(lesson.text.instructions))
    return path


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
        first_paint = _probe("app", home)[0]
        qt_classes = _probe("qt-classes", home)[2].splitlines()[0].strip()
        _write_skeleton_lesson(home)
        for kind in ("bare", "skeleton"):  # warms the disk cache for these windows too
            _probe(kind, home)
        starts: dict[str, list[tuple[float, float]]] = {
            "bare": [],
            "qt-floor": [],
            "skeleton": [],
            "app": [],
        }
        rebuilds = []
        for _ in range(runs):  # interleaved, so machine noise hits all alike
            for kind in starts:
                painted, exited, _ = _probe(kind, home, qt_classes if kind == "qt-floor" else "")
                starts[kind].append((painted, exited))
        for _ in range(3):
            output = _probe("rebuild", home)[2]
            rebuilds.append(float(output.split("rebuilt ")[1].split()[0]))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    paint = {kind: statistics.median(p for p, _ in times) for kind, times in starts.items()}
    exit_ = {kind: statistics.median(e for _, e in times) for kind, times in starts.items()}
    return [
        ("start-up to paint: bare QMainWindow + QTextEdit (median)", paint["bare"], None),
        ("start-up to paint: literacy-app, first lesson (median)", paint["app"], None),
        (
            "start-up to the whole window: marks panel, menus, toolbar (median)",
            statistics.median(_completed["app"][-runs:]),
            None,
        ),
        (
            f"start-up ratio app / skeleton, median of paired starts (target {TARGET_RATIO})",
            statistics.median(
                app / skeleton
                for (app, _), (skeleton, _) in zip(starts["app"], starts["skeleton"], strict=True)
            ),
            TARGET_RATIO,
        ),
        ("start-up ratio of the medians app / skeleton", paint["app"] / paint["skeleton"], None),
        ("start-up ratio app / bare", paint["app"] / paint["bare"], None),
        ("start-up to paint: bare + the app's Qt classes set up (median)", paint["qt-floor"], None),
        (
            "start-up ratio Qt floor / bare (no app code at all)",
            paint["qt-floor"] / paint["bare"],
            None,
        ),
        ("start-up to paint: skeleton of #4's window, none of our code", paint["skeleton"], None),
        (
            "start-up ratio skeleton / bare (the best any app code can do)",
            paint["skeleton"] / paint["bare"],
            None,
        ),
        (
            "the window built and painted again, same process (median of 3)",
            statistics.median(rebuilds),
            None,
        ),
        ("start-up to paint: very first launch, empty caches (1 run)", first_paint, None),
        ("launch to exit: bare (median)", exit_["bare"], None),
        ("launch to exit: literacy-app (median)", exit_["app"], None),
    ]


if __name__ == "__main__":
    for name, value, target in run():
        print(f"{name:<66} {value:8.3f}  target {target if target else '-'}")
