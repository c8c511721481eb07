"""Grading many submission files against one lesson: the CLI's `grade` and the class review.

A bad file never stops the batch: it is reported with its problems and the rest are graded.
`sort_out` then decides which graded files count, the same way for `grade`, `review` and the
class review window: a file written for another lesson is left out (an error), and a student
who handed in more than once counts once, with their latest submission (the others are set
aside, with a warning that names the one kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from literacy_app.core.anchoring import AnchorReport
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import GradeResult, PreparedKey, grade
from literacy_app.core.semeval import Span, SpanScores, semeval_scores
from literacy_app.core.submission import Student, Submission
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


# --- which graded files count ------------------------------------------------------------------


@dataclass(frozen=True)
class SetAside:
    """A submission by a student who also handed in a later one (`kept`): not counted twice."""

    file: Path
    submission: Submission
    kept: Path

    @property
    def problem(self) -> Problem:
        return Problem(
            str(self.file),
            f"set aside: {self.submission.student.display()} handed in a later submission, "
            f"{self.kept}, which is the one graded",
            severity="warning",
        )


@dataclass(frozen=True)
class Batch:
    """Graded files that count, files left out (with why), earlier submissions set aside, and
    every message for the user in the order the files were given."""

    graded: list[Graded] = field(default_factory=list)
    rejected: list[Unreadable] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    messages: list[Problem] = field(default_factory=list)


def other_lesson_message(written_for: str, lesson: str) -> str:
    return f"written for lesson {written_for!r}, not {lesson!r}: left out"


def sort_out(lesson: Lesson, results: Sequence[Graded | Unreadable]) -> Batch:
    """Which graded files count.

    A file written for another lesson is left out: graded against this key it would be a
    meaningless score, and in a class review it would distort every class figure. (The place
    of its `lesson` field comes from the reader's warning.) A student identified by id, or by
    name when there is no id, counts once: their latest submission by the time written inside
    it (`modified`), then by the file's modification time; anonymous files always count.
    """
    batch = Batch()
    candidates: list[Graded] = []
    for result in results:
        if isinstance(result, Unreadable):
            batch.rejected.append(result)
            continue
        other = result.submission.lesson
        if not other or other == lesson.id:
            candidates.append(result)
            continue
        message = other_lesson_message(other, lesson.id)
        located = [w for w in result.warnings if w.message.startswith("written for lesson")]
        problem = (
            replace(located[0], message=message, severity="error")
            if located
            else Problem(str(result.file), message)
        )
        batch.rejected.append(Unreadable(result.file, (problem,)))

    latest: dict[tuple[str, str], Graded] = {}
    for graded in candidates:
        identity = student_key(graded.submission.student)
        if identity is None:
            continue
        held = latest.get(identity)
        if held is None or _when(graded) > _when(held):
            latest[identity] = graded
    for graded in candidates:
        identity = student_key(graded.submission.student)
        kept = latest.get(identity) if identity is not None else None
        if kept is None or kept is graded:
            batch.graded.append(graded)
        elif kept.file == graded.file:
            continue  # the same file named twice (a folder and a file in it): counted once
        else:
            batch.set_aside.append(SetAside(graded.file, graded.submission, kept.file))

    notes: dict[Path, list[Problem]] = {}
    for graded in batch.graded:
        notes.setdefault(graded.file, []).extend(graded.warnings)
    for bad in batch.rejected:
        notes.setdefault(bad.file, []).extend(bad.problems)
    for aside in batch.set_aside:
        notes.setdefault(aside.file, []).append(aside.problem)
    for result in results:
        batch.messages.extend(notes.pop(result.file, ()))
    return batch


def student_key(student: Student) -> tuple[str, str] | None:
    """Who handed a file in, for telling two submissions of one student apart from two
    students: the id when there is one (ids are what gradebooks match on), else the name
    (spaces and case ignored); None for an anonymous file."""
    if student.id.strip():
        return ("id", student.id.strip().casefold())
    name = " ".join(student.name.split()).casefold()
    return ("name", name) if name else None


_NEVER = datetime.min.replace(tzinfo=UTC)


def _when(graded: Graded) -> tuple[datetime, float, str]:
    """When a submission was made: the time written in it, then the file's; the path last, so
    that the order never depends on the order the files were found in."""
    try:
        written = datetime.fromisoformat(graded.submission.modified)
    except ValueError:
        written = _NEVER
    if written.tzinfo is None:
        written = written.replace(tzinfo=UTC)
    try:
        touched = graded.file.stat().st_mtime
    except OSError:
        touched = 0.0
    return (written, touched, str(graded.file))
