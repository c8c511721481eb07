"""Grading many submission files against one lesson: the CLI's `grade` and the class review.

A bad file never stops the batch: it is reported with its problems and the rest are graded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from literacy_app.core.anchoring import AnchorReport
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import GradeResult, PreparedKey, grade
from literacy_app.core.semeval import Span, SpanScores, semeval_scores
from literacy_app.core.submission import Submission
from literacy_app.formats.io import read_submission


@dataclass(frozen=True)
class Graded:
    file: Path
    submission: Submission
    result: GradeResult
    warnings: tuple[Problem, ...] = ()
    anchoring: AnchorReport | None = None


@dataclass(frozen=True)
class Unreadable:
    file: Path
    problems: tuple[Problem, ...]


def submission_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the *.json files inside folders named (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            yield path


def grade_files(lesson: Lesson, paths: Iterable[Path]) -> list[Graded | Unreadable]:
    if lesson.key is None:
        raise FormatError.single(
            lesson.folder,
            "this lesson has no answer key (a student "
            "handout?): grading needs the full package with key.json",
        )
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    results: list[Graded | Unreadable] = []
    for file in submission_files(paths):
        try:
            loaded = read_submission(file, lesson)
        except FormatError as err:
            results.append(Unreadable(file, tuple(err.problems)))
            continue
        results.append(
            Graded(
                file,
                loaded.value,
                grade(prepared, loaded.value.marks),
                tuple(loaded.warnings),
                loaded.anchoring,
            )
        )
    return results


def semeval_for(lesson: Lesson, submission: Submission, labelled: bool) -> SpanScores:
    """The research metric for one submission against the lesson's key."""
    assert lesson.key is not None
    student = [Span(m.start, m.end, m.category) for m in submission.marks]
    gold = [Span(i.start, i.end, i.category) for i in lesson.key.items]
    return semeval_scores(student, gold, labelled=labelled)
