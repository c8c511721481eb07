"""Grading speed: 1,000 submissions x 100 marks against a 100-item key (target: under 2 s)."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import synthetic
from literacy_app.core.lesson import Lesson, LessonText
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.text import Article
from literacy_app.formats import native

TARGET_SECONDS = 2.0


def _timed(function: object, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return times


def run(repeats: int = 5, submissions: int = 1000) -> list[tuple[str, float, float | None]]:
    text = synthetic.article(12_000)
    key = synthetic.key(text, 100)
    taxonomy = native.default_taxonomy()
    work = [synthetic.submission(text, key, 100, seed) for seed in range(submissions)]

    def grade_all() -> None:
        prepared = PreparedKey(key, taxonomy, text)
        for submission in work:
            grade(prepared, submission.marks)

    rows: list[tuple[str, float, float | None]] = []
    in_memory = statistics.median(_timed(grade_all, repeats))
    rows.append(
        (f"grade {submissions} x 100 marks, 100-item key (in memory)", in_memory, TARGET_SECONDS)
    )

    from literacy_app.batch import grade_files

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for index, submission in enumerate(work):
            path = root / f"s{index:04d}.json"
            path.write_text(json.dumps(native.submission_to_dict(submission)), encoding="utf-8")
        lesson = Lesson(
            "bench", "bench", root, Article(text), LessonText(), taxonomy, taxonomy, key
        )
        from_files = statistics.median(_timed(lambda: grade_files(lesson, [root]), repeats))
    rows.append((f"read + validate + grade {submissions} files", from_files, None))
    return rows


if __name__ == "__main__":
    for name, seconds, target in run():
        verdict = "" if target is None else ("  ok" if seconds < target else "  SLOW")
        limit = f"{target:.2f}" if target else "-"
        print(f"{name:<60} {seconds:8.3f} s  target {limit}{verdict}")
