"""The lesson library as the learner sees it: one entry per lesson folder found, what the
learner has done with it, and the search that narrows the list.

Plain values only: finding and reading the folders is `formats.lesson_library.scan` (the core
reads no files), importing a package is `authoring.lesson_import`, and the learner's record is
turned into a `LessonStatus` by whoever holds the progress file, so that the library never
reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from literacy_app.i18n import N_, _, ngettext

BUNDLED = "bundled"  # shipped with the app
MINE = "mine"  # the user's own lessons folder, where imports go
ADDED = "added"  # a folder the user pointed the library at
ORIGINS = (BUNDLED, MINE, ADDED)

# The levels lesson.md names (ids, never translated), as the learner reads them.
LEVEL_NAMES = {
    "beginner": N_("Beginner"),
    "intermediate": N_("Intermediate"),
    "advanced": N_("Advanced"),
}


def level_name(difficulty: str) -> str:
    """A lesson's level as shown: a known level in the current language, another capitalised."""
    known = LEVEL_NAMES.get(difficulty)
    return _(known) if known else difficulty.capitalize()


NOT_STARTED = "not started"  # the values of progress.LessonState, as plain strings
IN_PROGRESS = "in progress"
ATTEMPTED = "attempted"


@dataclass(frozen=True)
class LessonEntry:
    """One lesson folder, from its metadata alone (articles and keys are read only when the
    lesson is opened: 200 lessons must list in a blink).

    `problem` says why the lesson.md could not be read; such an entry is still listed, so that
    a learner who copied a lesson in sees it and why it does not open instead of nothing.
    `categories` empty means the lesson names none and uses its whole taxonomy.
    `duplicate_of` is the folder of a lesson listed before with the same id: both are kept,
    but progress is recorded by id, so the learner is told the two share it.
    `language` is the language the lesson's article is written in (its metadata's `language`,
    a code such as "en" or "es-MX"), which need not be the window's: a Spanish-speaking class
    may read an English article, and the library says so before it is opened."""

    folder: Path
    id: str
    title: str
    source: str = ""
    difficulty: str = ""
    minutes: int = 0
    categories: tuple[str, ...] = ()
    category_names: tuple[str, ...] = ()
    has_key: bool = False
    origin: str = BUNDLED
    problem: str = ""
    duplicate_of: Path | None = None
    language: str = "en"

    @property
    def usable(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class LessonStatus:
    """What the library shows of the learner's work on one lesson (built from Progress by the
    caller). `state` is one of NOT_STARTED, IN_PROGRESS, ATTEMPTED."""

    state: str = NOT_STARTED
    attempts: int = 0
    best_score: float | None = None

    @property
    def started(self) -> bool:
        return self.state != NOT_STARTED or self.attempts > 0

    def text(self) -> str:
        """What the list shows: "Not started", "In progress" or "Best 85% · 2 attempts" (the
        score first: it is what a returning learner looks for)."""
        if self.best_score is not None and self.attempts > 0:
            return ngettext(
                "Best {score} · {count} attempt", "Best {score} · {count} attempts", self.attempts
            ).format(score=_percent(self.best_score), count=self.attempts)
        if self.started:
            return _("In progress")
        return _("Not started")


def _percent(score: float) -> str:
    """Whole percent, never rounded up to 100 (a learner at 99.6% has not got everything)."""
    whole = round(score)
    if whole == 100 and score < 100:
        whole = 99
    return f"{max(0, min(100, whole))}%"


def matches(entry: LessonEntry, text: str, difficulty: str = "", category: str = "") -> bool:
    """Whether `entry` passes the library's filters. Every word of `text` must appear
    (ignoring case) in the title, source, id or a category name, in any order: "fear
    column" finds a column that practises appeal to fear. An empty filter passes all; a lesson
    that names no categories practises its whole taxonomy, so any category passes it (one that
    could not be read practises nothing known)."""
    if difficulty and entry.difficulty != difficulty:
        return False
    if category and (entry.problem or (entry.categories and category not in entry.categories)):
        return False
    words = text.casefold().split()
    if not words:
        return True
    haystack = "\n".join(
        (entry.title, entry.source, entry.id, *entry.category_names, *entry.categories)
    ).casefold()
    return all(word in haystack for word in words)
