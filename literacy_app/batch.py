"""Grading many submission files against one lesson: the CLI's `grade` and `review`, and the
class review window.

A bad file never stops the batch: it is reported with its problems and the rest are graded.
`sort_out` then decides which graded files count, the same way for `grade`, `review` and the
class review window: a file written for another lesson is left out (an error), and a student
who handed in more than once counts once, with their latest submission (the others are set
aside, with a warning that names the one kept).

A district hands in ten thousand files at once. Reading and grading is pure Python work per
file, so with many files it is spread over a pool of processes, one per core (a handful of
files stays in this process: starting workers would cost more than it saves). Results come
back in the order the files were given, so every report is the same whichever process graded
which file. `grade` does not even need the graded marks back: each worker renders the file's
piece of the report (`report_files`) and returns only that and who handed the file in, so
neither the pipe between processes nor this process's memory carries ten thousand grades.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from literacy_app.core.anchoring import AnchorReport
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import GradeResult, PreparedKey, charged, grade
from literacy_app.core.semeval import SemevalKey, Span, SpanScores
from literacy_app.core.submission import Student, Submission
from literacy_app.formats.io import other_lesson_warning, read_submission
from literacy_app.i18n import _, current_language, set_language

# Below this many files one process does it all: a worker costs ~50 ms to start (fork) and much
# more where processes are spawned (Windows, macOS), about what 40 files take to grade.
POOL_THRESHOLD = 64
# Files handed to a worker at a time (`chunks`). Every chunk costs this process about a
# millisecond of CPU however small it is (the pool's threads wake and hand the result over), CPU
# the workers need on a machine with as many workers as cores: 16 files a chunk spent 0.7 s of
# a 5,000-student review there, 128 spent 0.28 s. But a large last chunk keeps one worker busy
# while the others wait (128 files: ~80 ms), so chunks shrink towards the end ("guided"
# scheduling): each is the files left over TAPER times the workers, within [CHUNK, MAX_CHUNK].
CHUNK = 16
MAX_CHUNK = 128
TAPER = 4


@dataclass(frozen=True)
class Graded:
    file: Path
    submission: Submission
    result: GradeResult
    warnings: tuple[Problem, ...] = ()
    anchoring: AnchorReport | None = None


@dataclass(frozen=True)
class Reported:
    """A graded file as a report needs it: who handed it in (`submission` without its marks,
    enough for `sort_out`) and the file's piece of the report, rendered where it was graded."""

    file: Path
    submission: Submission
    piece: Any
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Unreadable:
    file: Path
    problems: tuple[Problem, ...]


def submission_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and the *.json files inside folders named (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from map(Path, sorted(_json_files(path), key=_path_order))
        else:
            yield path


def _json_files(folder: Path) -> list[str]:
    """The *.json files (or links to files) in `folder` and its subfolders, as `rglob` finds
    them: linked folders are not entered (a link loop ends nowhere), unreadable ones are
    passed over, the name matched as the platform matches names. A walk of `os.scandir`,
    whose entries know their type without another system call each: a district's folder of
    5,000 files is listed in 10 ms instead of rglob's 50."""
    found: list[str] = []
    folders = [str(folder)]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            try:
                if entry.is_dir() and not entry.is_symlink():
                    folders.append(entry.path)
                elif _json_name(entry.name) and entry.is_file():
                    found.append(entry.path)
            except OSError:
                continue
    return found


def _json_name(name: str) -> bool:
    """"*.json" as the platform matches file names: without case on Windows, as rglob does."""
    return (name.lower() if os.name == "nt" else name).endswith(".json")


def _path_order(path: str) -> tuple[str, ...]:
    """The order `Path` objects sort in (part by part, without case on Windows), as a key on
    the path's text: making and comparing Paths cost a 5,000-file review 25 ms."""
    parts = path.split(os.sep)
    return tuple(part.lower() for part in parts) if os.name == "nt" else tuple(parts)


def _require_key(lesson: Lesson) -> None:
    if lesson.key is None:
        raise FormatError.single(
            lesson.folder,
            _(
                "this lesson has no answer key (a student "
                "handout?): grading needs the full package with key.json"
            ),
        )


# --- what a worker does with one file --------------------------------------------------------

Progress = Callable[[int, int], None]  # (files done, files in all)
# What `report_files` asks of each file: its piece of the report. A module-level function, so
# that a worker process can be handed it.
Renderer = Callable[["Context", "ReadFile"], Any]


@dataclass
class Context:
    """What every file of one batch is graded with, prepared once per process."""

    lesson: Lesson
    metric: str = "classroom"  # or "semeval": only what the report shows is computed
    render: Renderer | None = None
    prepared: PreparedKey | None = None
    semeval: SemevalKey | None = None
    breakdown: bool = True  # per-category and per-group figures (scoring.grade)

    def __post_init__(self) -> None:
        key = self.lesson.key
        assert key is not None
        if self.metric != "semeval":
            self.prepared = PreparedKey(key, self.lesson.taxonomy, self.lesson.article.text)
        if self.metric == "semeval":
            self.semeval = SemevalKey([Span(i.start, i.end, i.category) for i in key.items])

    def grade(self, submission: Submission) -> GradeResult:
        """The key's grade, with what the hints the student used cost in this lesson, so that
        the gradebook gives the score the student was shown."""
        assert self.prepared is not None
        result = grade(self.prepared, submission.marks, self.breakdown)
        return charged(result, submission.hints_used, self.lesson.hint_penalty)

    def semeval_scores(self, submission: Submission) -> tuple[SpanScores, SpanScores]:
        """(unlabelled, labelled) SemEval-2020 Task 11 scores of one submission."""
        assert self.semeval is not None
        student = [Span(m.start, m.end, m.category) for m in submission.marks]
        return self.semeval.scores(student, False), self.semeval.scores(student, True)


@dataclass(frozen=True)
class ReadFile:
    """A submission as read from its file, before grading."""

    file: Path
    submission: Submission
    warnings: tuple[Problem, ...]
    anchoring: AnchorReport | None


_context: Context | None = None  # the worker's, set once by _start_worker


def _start_worker(context: Context, language: str) -> None:
    """A worker grades in the parent's language: a spawned process (Windows, macOS) starts
    from scratch, and the pieces it renders are shown as they are."""
    global _context
    _context = context
    if current_language() != language:
        set_language(language)


def _chunk(files: Sequence[Path]) -> list[Graded | Reported | Unreadable]:
    assert _context is not None
    return [_process(_context, file) for file in files]


def _process(context: Context, file: Path) -> Graded | Reported | Unreadable:
    try:
        loaded = read_submission(file, context.lesson)
    except FormatError as err:
        return Unreadable(file, tuple(err.problems))
    submission = loaded.value
    warnings = tuple(loaded.warnings)
    if context.render is None:
        return Graded(file, submission, context.grade(submission), warnings, loaded.anchoring)
    piece = context.render(context, ReadFile(file, submission, warnings, loaded.anchoring))
    # who handed it in, without the marks: all `sort_out` needs, and small to send back
    return Reported(file, replace(submission, marks=()), piece, warnings)


def default_workers(files: int) -> int:
    """One process for a handful of files; otherwise one per core, never more than files."""
    if files < POOL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, files // CHUNK))


def chunks(files: Sequence[Path], workers: int) -> list[Sequence[Path]]:
    """`files` in order, cut into chunks that shrink as the batch nears its end."""
    result: list[Sequence[Path]] = []
    start = 0
    while start < len(files):
        size = max(CHUNK, min(MAX_CHUNK, (len(files) - start) // (workers * TAPER)))
        result.append(files[start : start + size])
        start += size
    return result


def _pool_context() -> Any:
    """fork where it is safe (a Unix process without Qt: nothing to re-import, the lesson is
    already in memory); spawn elsewhere, and once Qt's threads run, which fork must not copy."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "PySide6.QtCore" not in sys.modules and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run(
    context: Context, paths: Iterable[Path], workers: int | None, progress: Progress | None
) -> Iterator[Graded | Reported | Unreadable]:
    files = list(submission_files(paths))
    total = len(files)
    count = default_workers(total) if workers is None else max(1, min(workers, total or 1))
    if progress is not None:
        progress(0, total)
    if count <= 1:
        for done, file in enumerate(files, 1):
            yield _process(context, file)
            if progress is not None:
                progress(done, total)
        return
    pool = _pool_context().Pool(
        count, initializer=_start_worker, initargs=(context, current_language())
    )
    try:
        done = 0
        for results in pool.imap(_chunk, chunks(files, count)):
            yield from results
            done += len(results)
            if progress is not None:
                progress(done, total)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def grade_files(
    lesson: Lesson,
    paths: Iterable[Path],
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[Graded | Unreadable]:
    """Every file read and graded, in the order given, in this process unless `workers` says
    otherwise: full grades are as costly to send back from a worker as to make (unpickling
    thousands of marks and results), so a pool pays only where the worker sends back less
    (`report_files`)."""
    _require_key(lesson)
    results: list[Graded | Unreadable] = []
    for result in _run(Context(lesson), paths, workers or 1, progress):
        assert not isinstance(result, Reported)
        results.append(result)
    return results


def report_files(
    lesson: Lesson,
    paths: Iterable[Path],
    render: Renderer,
    metric: str = "classroom",
    workers: int | None = None,
    progress: Progress | None = None,
    breakdown: bool = True,
) -> Iterator[Reported | Unreadable]:
    """Every file read, scored by `metric` and rendered by `render` where it was graded,
    yielded in the order given: nothing is kept here but what the caller keeps. A report that
    shows no per-category figures says `breakdown=False` (see scoring.grade)."""
    _require_key(lesson)
    context = Context(lesson, metric, render, breakdown=breakdown)
    for result in _run(context, paths, workers, progress):
        assert not isinstance(result, Graded)
        yield result


def semeval_for(lesson: Lesson, submission: Submission, labelled: bool) -> SpanScores:
    """The research metric for one submission against the lesson's key."""
    assert lesson.key is not None
    student = [Span(m.start, m.end, m.category) for m in submission.marks]
    gold = SemevalKey([Span(i.start, i.end, i.category) for i in lesson.key.items])
    return gold.scores(student, labelled)


# --- which graded files count ------------------------------------------------------------------


class Counted(Protocol):
    """A graded file, in full (`Graded`) or as a report's piece (`Reported`)."""

    @property
    def file(self) -> Path: ...

    @property
    def submission(self) -> Submission: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...


G = TypeVar("G", bound=Counted)


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
            _(
                "set aside: {student} handed in a later submission, {kept}, which is the one "
                "graded"
            ).format(student=self.submission.student.display(), kept=self.kept),
            severity="warning",
        )


@dataclass(frozen=True)
class Batch(Generic[G]):
    """Graded files that count, files left out (with why), earlier submissions set aside, and
    every message for the user in the order the files were given."""

    graded: list[G] = field(default_factory=list)
    rejected: list[Unreadable] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    messages: list[Problem] = field(default_factory=list)


def other_lesson_message(written_for: str, lesson: str) -> str:
    return _("written for lesson {written_for}, not {lesson}: left out").format(
        written_for=repr(written_for), lesson=repr(lesson)
    )


def sort_out(lesson: Lesson, results: Sequence[G | Unreadable]) -> Batch[G]:
    """Which graded files count.

    A file written for another lesson is left out: graded against this key it would be a
    meaningless score, and in a class review it would distort every class figure. (The place
    of its `lesson` field comes from the reader's warning.) A student identified by id, or by
    name when there is no id, counts once: their latest submission by the time written inside
    it (`modified`), then by the file's modification time; anonymous files always count.
    """
    batch: Batch[G] = Batch()
    candidates: list[G] = []
    for result in results:
        if isinstance(result, Unreadable):
            batch.rejected.append(result)
            continue
        other = result.submission.lesson
        if not other or other == lesson.id:
            candidates.append(result)
            continue
        message = other_lesson_message(other, lesson.id)
        located = other_lesson_warning(result.warnings)
        problem = (
            replace(located, message=message, severity="error")
            if located is not None
            else Problem(str(result.file), message)
        )
        batch.rejected.append(Unreadable(result.file, (problem,)))

    latest: dict[tuple[str, str], G] = {}
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


def _when(graded: Counted) -> tuple[datetime, float, str]:
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
