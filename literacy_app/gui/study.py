"""Self-study bookkeeping for the windows: where the learner's progress file lives, and the few
things a window records in it (an attempt, answers seen, where the work is saved, a drill
answer). Every window of the process shares one `Study` per progress file, so the library,
the progress window and a lesson window never disagree about what the learner has done.

Recording never stands between the learner and their work: the marks, attempts and hints are
in the submission and its autosave whatever happens here. When the progress file cannot be
written (a newer app's file, a full disk, a lock held too long) the window is told once, in
words, and the learner carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.library import LessonStatus
from literacy_app.core.progress import Progress, attempt_from
from literacy_app.core.workspace import now
from literacy_app.formats.progress_file import PROGRESS_FILE, load_progress, update_progress
from literacy_app.gui.settings import Settings, data_dir
from literacy_app.i18n import _

if TYPE_CHECKING:
    from literacy_app.core.scoring import GradeResult
    from literacy_app.core.workspace import Workspace


def progress_path() -> Path:
    return data_dir() / PROGRESS_FILE


class Study:
    """The learner's progress as last read or written, and the way to add to it."""

    def __init__(self, path: Path, settings: Settings | None = None) -> None:
        self.path = path
        existed = path.exists()
        self.progress, self.problems = load_progress(path)
        self._listeners: list[Callable[[Progress], None]] = []
        if settings is not None and not existed:
            self._carry_over(settings)

    def _carry_over(self, settings: Settings) -> None:
        """Versions before the progress file kept only whether each lesson was checked and
        its best score, in the settings: each such lesson becomes one attempt with that score
        (no time, no hints, no categories: they were never kept), and the settings entries are
        removed only once the progress file holds them."""
        legacy = {i: p for i, p in settings.legacy_progress().items() if p.checked}
        if not legacy:
            return
        from literacy_app.core.progress import Attempt

        stamp = now()

        def carried(progress: Progress) -> Progress:
            for lesson_id, old in sorted(legacy.items()):
                if progress.record(lesson_id) is None:
                    score = old.best_score or 0.0
                    attempt = Attempt(1, stamp, score, score, 0)
                    progress = progress.with_attempt(lesson_id, lesson_id, attempt)
            return progress

        if not self._update(carried):
            settings.forget_legacy_progress()

    def subscribe(self, listener: Callable[[Progress], None]) -> None:
        """`listener(progress)` after every change this process records."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Progress], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def reload(self) -> Progress:
        """What is on disk now: another window or process may have recorded since."""
        self.progress, problems = load_progress(self.path)
        self.problems.extend(problems)
        return self.progress

    def take_problems(self) -> list[Problem]:
        """What the learner should be told about the progress file, once."""
        problems, self.problems = self.problems, []
        return problems

    def _update(self, change: Callable[[Progress], Progress]) -> str:
        """Apply `change` on disk; "" when recorded, otherwise why not (for the status bar)."""
        try:
            self.progress = update_progress(self.path, change, self.problems)
        except FormatError as err:
            return _("Your progress was not recorded: {reason}").format(
                reason=err.problems[0].message
            )
        except OSError as err:
            return _("Your progress was not recorded: {reason}").format(
                reason=err.strerror or err
            )
        for listener in list(self._listeners):
            listener(self.progress)
        return ""

    # --- what windows record ---------------------------------------------------------------
    def record_attempt(self, workspace: Workspace, result: GradeResult) -> str:
        lesson = workspace.lesson
        attempt = attempt_from(
            result,
            number=max(1, workspace.attempts),
            seconds=workspace.last_attempt_seconds,
            hints=workspace.hints_used,
            hint_penalty=lesson.hint_penalty,
            answers_revealed=workspace.answers_shown is not None
            and workspace.answers_shown.attempts < workspace.attempts,
            finished=now(),
        )
        return self._update(lambda p: p.with_attempt(lesson.id, lesson.title, attempt))

    def record_answers_revealed(self, workspace: Workspace) -> str:
        lesson = workspace.lesson
        at = workspace.answers_shown.attempts if workspace.answers_shown else workspace.attempts
        return self._update(lambda p: p.with_answers_revealed(lesson.id, lesson.title, at))

    def record_work(self, workspace: Workspace) -> str:
        """Where the work on this lesson is saved: the library's Continue opens it."""
        lesson, path = workspace.lesson, workspace.path
        if path is None:
            return ""
        record = self.progress.record(lesson.id)
        if record is not None and record.work == str(path):
            return ""
        return self._update(lambda p: p.with_work(lesson.id, lesson.title, str(path)))

    def record_drill_answer(self, category: str, right: bool) -> str:
        return self._update(lambda p: p.with_drill_answer(category, right))

    # --- what windows show -------------------------------------------------------------------
    def status_of(self, lesson_id: str) -> LessonStatus:
        record = self.progress.record(lesson_id)
        if record is None:
            return LessonStatus()
        return LessonStatus(str(record.status), len(record.attempts), record.best_score)

    def work_of(self, lesson_id: str) -> Path | None:
        """The saved work to continue a lesson with, when it is still there."""
        record = self.progress.record(lesson_id)
        if record is None or not record.work:
            return None
        path = Path(record.work)
        return path if path.is_file() else None


_studies: dict[Path, Study] = {}


def current() -> Study:
    """The Study of this user's progress file (one per process and file)."""
    path = progress_path()
    study = _studies.get(path)
    if study is None:
        study = _studies[path] = Study(path, Settings())
    return study
