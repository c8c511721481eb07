"""Class review speed: 500 submission files for the first bundled lesson (bakhmut-op-ed), read,
validated, graded and summarised (gradebook, item statistics, heat map, hot spots, agreement).
Target: under 3 s for the whole class.

The submissions are made on the real article against the real key, the way
`benchmarks.synthetic` makes them (most marks near key items, some too wide or too narrow, some
mislabeled; the rest elsewhere), but snapped to whole words as the app's selection does, so
they anchor exactly on the article text.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from literacy_app.core.classstats import class_review
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.scoring import GradeResult
from literacy_app.core.submission import Student, Submission
from literacy_app.formats import native
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import bundled_lessons, default_lesson

TARGET_SECONDS = 3.0
STUDENTS = 500


def first_lesson() -> Lesson:
    """lessons/bakhmut-op-ed: the first bundled lesson, the one the app opens on."""
    path = default_lesson()
    if not (path / "lesson.md").exists():
        path = bundled_lessons()[0]
    return load_lesson(path)


def _words(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalnum() or ch in "-'’":
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i))
            start = None
    return spans


def _word_at(starts: list[int], position: int) -> int:
    """Index of the last word starting at or before `position`."""
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if starts[middle] <= position:
            low = middle + 1
        else:
            high = middle
    return max(0, low - 1)


def class_submissions(lesson: Lesson, count: int = STUDENTS, seed: int = 7) -> list[Submission]:
    """`count` deterministic submissions of 15-45 marks each, on the lesson's own article."""
    assert lesson.key is not None
    key: AnswerKey = lesson.key
    text = lesson.article.text
    words = _words(text)
    starts = [s for s, _ in words]
    categories = list(lesson.palette.ids)
    rng = random.Random(seed)
    result = []
    for number in range(count):
        marks = []
        for n in range(rng.randint(15, 45)):
            if rng.random() < 0.7 and key.items:
                item = rng.choice(key.items)
                first = _word_at(starts, item.start) + rng.choice((0, 0, 0, -1, 1))
                last = _word_at(starts, item.end - 1) + rng.choice((0, 0, 0, 1, -1))
                category = item.category if rng.random() < 0.7 else rng.choice(categories)
            else:
                first = rng.randrange(len(words) - 3)
                last = first + rng.randrange(3)
                category = rng.choice(categories)
            first = min(max(first, 0), len(words) - 1)
            last = min(max(last, first), len(words) - 1)
            start, end = words[first][0], words[last][1]
            marks.append(Mark(f"m{n + 1}", start, end, category, **context_of(text, start, end)))
        result.append(
            Submission(
                tuple(marks),
                lesson=lesson.id,
                article_sha256=lesson.article.sha256,
                student=Student(f"Student {number:03d}", f"s{number:03d}"),
                created="2026-11-25T10:00:00+00:00",
                modified="2026-11-25T10:30:00+00:00",
                app_version="0.1.0",
                attempts=1 + number % 3,
            )
        )
    return result


def write_class(folder: Path, submissions: list[Submission]) -> None:
    for index, submission in enumerate(submissions):
        path = folder / f"s{index:04d}.submission.json"
        path.write_text(json.dumps(native.submission_to_dict(submission)), encoding="utf-8")


def _timed(function: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return times


def run(repeats: int = 5, students: int = STUDENTS) -> list[tuple[str, float, float | None]]:
    from literacy_app.batch import Graded, grade_files

    lesson = first_lesson()
    assert lesson.key is not None
    key = lesson.key
    work = class_submissions(lesson, students)
    marks = sum(len(s.marks) for s in work)
    rows: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_class(root, work)

        def load_and_grade() -> list[tuple[str, Submission, GradeResult]]:
            results = grade_files(lesson, [root])
            graded = [r for r in results if isinstance(r, Graded)]
            assert len(graded) == students, "every synthetic submission must load"
            return [(str(g.file), g.submission, g.result) for g in graded]

        graded = load_and_grade()

        def statistics_only() -> None:
            class_review(key, len(lesson.article.text), graded)

        def everything() -> None:
            class_review(key, len(lesson.article.text), load_and_grade())

        rows.append(
            (
                f"class statistics only, {students} students ({marks} marks)",
                statistics.median(_timed(statistics_only, repeats)),
                None,
            )
        )
        rows.append(
            (
                f"review: read + grade + statistics, {students} files ({lesson.id})",
                statistics.median(_timed(everything, repeats)),
                TARGET_SECONDS,
            )
        )
        rows.append(
            (
                f"review window: cold start to painted, {students} files",
                statistics.median(_timed(lambda: _open_window(root), 3)),
                TARGET_SECONDS,
            )
        )
    return rows


def _open_window(folder: Path) -> None:
    """The whole experience: a new process, Qt, reading, grading, statistics, the painted
    window (rendered to a PNG, which forces every widget to paint)."""
    with tempfile.TemporaryDirectory() as home:
        shot = Path(home) / "review.png"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": home}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "literacy_app",
                "review",
                "--lesson",
                "bakhmut-op-ed",
                str(folder),
                "--window",
                "--screenshot",
                str(shot),
            ],
            check=True,
            env=env,
            capture_output=True,
        )


if __name__ == "__main__":
    for name, seconds, target in run():
        verdict = "" if target is None else ("  ok" if seconds < target else "  SLOW")
        limit = f"{target:.2f}" if target else "-"
        print(f"{name:<60} {seconds:8.3f} s  target {limit}{verdict}")
