"""The lesson library with 200 lessons (issue #16): a fresh process, from launch to the painted
library window (target: under 1 s, median of 5).

The 200 lessons are copies of the bundled ones under new ids and titles, in a folder added to
the library beside the bundled lessons (so 209 are listed). Each start is a new interpreter
with the same settings home, as a returning learner's start is: the first start, with nothing
remembered yet (every lesson.md's metadata parsed afresh, PyYAML imported), is timed and shown
on its own row. "Painted" is as in startup_probe: the window shown and grabbed, which paints
every widget, then `time.monotonic()` printed (the same clock in every process on Linux).

A bare window (QApplication, QMainWindow and an empty QTableView, none of our code) is timed
alongside: what any library window would cost before listing a single lesson.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row

LESSONS = 200
RUNS = 5
TARGET = 1.0


def write_lessons(folder: Path, count: int = LESSONS) -> None:
    """`count` lesson folders, each a bundled lesson under a new id and title."""
    from literacy_app.resources import bundled_lessons

    bases = bundled_lessons()
    for index in range(count):
        base = bases[index % len(bases)]
        new_id = f"copy-{index:03d}-{base.name}"
        target = folder / new_id
        target.mkdir(parents=True)
        text = (base / "lesson.md").read_text(encoding="utf-8")
        text = text.replace(f"id: {base.name}", f"id: {new_id}", 1)
        text = text.replace('title: "', f'title: "Copy {index:03d}: ', 1)
        (target / "lesson.md").write_text(text, encoding="utf-8")
        for name in ("article.txt", "key.json"):
            if (base / name).is_file():
                shutil.copyfile(base / name, target / name)
        key = target / "key.json"
        if key.is_file():
            data = json.loads(key.read_text(encoding="utf-8"))
            data["lesson"] = new_id
            key.write_text(json.dumps(data), encoding="utf-8")


def _start(kind: str, folder: Path, home: Path) -> float:
    """Seconds from launching a probe to its painted window."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(home)}
    launched = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_library", kind, str(folder)],
        check=True,
        env=env,
        capture_output=True,  # the offscreen platform's notices; shown if the probe fails
        text=True,
    )
    painted = float(done.stdout.split("painted ")[-1].split()[0])
    shown = int(done.stdout.split("rows ")[-1].split()[0])
    if kind == "library" and shown < LESSONS:
        raise RuntimeError(f"the library listed {shown} lessons, expected at least {LESSONS}")
    return painted - launched


def run(quick: bool = False) -> list[Row]:
    """The rows of `make bench`; `quick`: 3 starts each, limit 3x the target (CI's guard)."""
    runs = 3 if quick else RUNS
    with tempfile.TemporaryDirectory(prefix="literacy-library-bench-") as temporary:
        root = Path(temporary)
        write_lessons(root / "lessons")
        first = _start("library", root / "lessons", root / "home")  # nothing remembered yet
        library, bare = [], []
        for _ in range(runs):  # interleaved: machine noise hits both alike
            bare.append(_start("bare", root / "lessons", root / "home"))
            library.append(_start("library", root / "lessons", root / "home"))
    return [
        Row(
            f"library window, {LESSONS} lessons + bundled: launch to painted",
            library,
            3 * TARGET if quick else TARGET,
        ),
        Row("library window: the very first start, nothing remembered (1 run)", [first]),
        Row("bare QMainWindow + empty QTableView: launch to painted", bare),
        Row(
            "library window / bare window (median of each)",
            [statistics.median(library) / statistics.median(bare)],
            None,
            "x",
        ),
    ]


def _probe(kind: str, folder: Path) -> int:
    """In this (fresh) process: build the window, paint it, print when."""
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
        window = QMainWindow()
        table = QTableView()
        window.setCentralWidget(table)
        rows = LESSONS
    else:
        from literacy_app.core.library import ADDED, BUNDLED, LessonStatus
        from literacy_app.gui.app import application
        from literacy_app.gui.library_window import LibraryWindow
        from literacy_app.gui.settings import data_dir
        from literacy_app.resources import lessons_dir

        app = application()
        window = LibraryWindow(
            [(lessons_dir(), BUNDLED), (folder, ADDED)],
            lambda _lesson: LessonStatus(),
            data_dir() / "lessons",
        )
        rows = window.model.rowCount()
    window.resize(1366, 768)
    window.show()
    window.grab()  # forces a full paint of every widget the window has
    painted = time.monotonic()
    app.processEvents()
    print(f"rows {rows}")
    print(f"painted {painted:.6f}", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(_probe(sys.argv[1], Path(sys.argv[2])))
    for row in run(quick="--quick" in sys.argv):
        print(row.line(), flush=True)
