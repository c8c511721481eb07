"""Editing at scale (issue #15): a 1 MB article with 5,000 marks, driven through the student
window's own code path, each step timed until its repaint is done.

Rows: open to painted; add a mark, delete it, change a mark's category, undo (p50 and p95 of
40 each, target p95 < 16 ms: one frame at 60 Hz); switch to review and back (target < 100
ms); the autosave's whole write, which runs on the GUI thread 0.4 s after the last edit
(target: one frame, so a student marking fast never waits for it);
resident memory after all of it (target < 250 MB).

Runs in a fresh process (`python -m benchmarks.bench_editing`), offscreen, so nothing from
another benchmark is warm.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import peak_rss_mib

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from literacy_app.core.marks import Mark

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FRAME = 0.016
ARTICLE_WORDS = 170_000  # ~1 MB of text
MARKS = 5_000
STEPS = 40


def _lesson_folder(root: Path) -> tuple[Path, Path]:
    """A lesson with a ~1 MB article and a submission of MARKS marks on it."""
    from benchmarks import synthetic
    from literacy_app.formats import native

    text = synthetic.article(ARTICLE_WORDS)
    folder = root / "big-lesson"
    folder.mkdir()
    (folder / "article.txt").write_text(text, encoding="utf-8")
    key = synthetic.key(text, 60)
    (folder / "key.json").write_text(native.dumps(native.key_to_dict(key)), encoding="utf-8")
    (folder / "lesson.md").write_text(
        "---\nformat: literacy-lesson\nversion: 1\nid: big-lesson\ntitle: A very long article\n"
        "article: article.txt\n---\n\n## Instructions\nMark what persuades.\n",
        encoding="utf-8",
    )
    submission = synthetic.submission(text, key, MARKS, seed=5)
    data = native.submission_to_dict(submission)
    data["lesson"] = "big-lesson"
    path = root / "ada.submission.json"
    path.write_text(native.dumps(data), encoding="utf-8")
    return folder, path


def _timed(step: Callable[[], object], app: QApplication) -> float:
    """Seconds for `step()` and the repaint it asks for."""
    began = time.perf_counter()
    step()
    app.processEvents()
    return time.perf_counter() - began


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def run() -> list[tuple[str, float, float | None]]:
    from literacy_app.gui.app import application
    from literacy_app.gui.loading import load_target
    from literacy_app.gui.main_window import MainWindow
    from literacy_app.gui.settings import Settings

    with tempfile.TemporaryDirectory(prefix="literacy-edit-bench-") as root:
        os.environ["LITERACY_APP_HOME"] = str(Path(root) / "home")
        folder, submission = _lesson_folder(Path(root))
        app = application()
        began = time.perf_counter()
        workspace, _ = load_target(submission, folder)
        window = MainWindow(workspace, Settings())
        window.resize(1400, 900)
        window.show()
        window.grab()
        app.processEvents()
        opened = time.perf_counter() - began

        rng = random.Random(3)
        text = workspace.text
        palette = workspace.lesson.palette.ids
        adds, deletes, changes, undos = [], [], [], []
        for _ in range(STEPS):
            start = rng.randrange(len(text) - 40)
            while not text[start].isalpha():
                start += 1
            end = start + 12
            window.article.scroll_to(start, end)  # moves the cursor: before selecting
            window.article.select_span(start, end)
            app.processEvents()
            made: list[Mark] = []

            def add(into: list[Mark] = made) -> None:
                mark = window.mark_selection(palette[0])
                assert mark is not None
                into.append(mark)

            adds.append(_timed(add, app))
            changes.append(_timed(partial(window.change_mark_category, palette[1], made[0]), app))
            undos.append(_timed(window.undo_stack.undo, app))
            window.select_mark(made[0].id)
            deletes.append(_timed(window.delete_current_mark, app))

        reviews = [_timed(window.check, app) for _ in range(1)]
        backs = [_timed(window.back_to_marking, app)]
        for _ in range(4):
            reviews.append(_timed(window.check, app))
            backs.append(_timed(window.back_to_marking, app))

        autosaves = []
        for _ in range(10):
            began = time.perf_counter()
            window.flush_autosaves()
            autosaves.append(time.perf_counter() - began)
        rss_mb = peak_rss_mib()
        window.undo_stack.setClean()
        window.close()

    rows: list[tuple[str, float, float | None]] = [
        (f"edit: open {MARKS} marks on a 1 MB article to painted", opened, 1.0)
    ]
    for name, values in (
        ("add a mark", adds),
        ("change a mark's category", changes),
        ("undo", undos),
        ("delete a mark", deletes),
    ):
        rows.append((f"edit: {name}, p50", statistics.median(values), None))
        rows.append((f"edit: {name}, p95 (target one frame)", _p95(values), FRAME))
    rows.append(("edit: switch to review, median of 5", statistics.median(reviews), 0.1))
    rows.append(("edit: back to marking, median of 5", statistics.median(backs), 0.1))
    rows.append(
        (
            "edit: autosave write (GUI thread), median (target one frame)",
            statistics.median(autosaves),
            FRAME,
        )
    )
    rows.append(("edit: resident memory, MB (target 250)", rss_mb, 250.0))
    return rows


if __name__ == "__main__":
    for name, value, target in run():
        verdict = "" if target is None else ("PASS" if value < target else "MISS")
        print(f"{name:<58} {value:9.4f}  target {target if target else '-':>6}  {verdict}")
    sys.exit(0)
