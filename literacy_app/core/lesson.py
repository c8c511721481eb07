"""A lesson: an article, the instructions around it, the categories in play, maybe a key."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from literacy_app.core.errors import Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.core.text import Article
from literacy_app.i18n import N_, _


class Reveal(StrEnum):
    """When a student with a keyed lesson sees the passages they missed (their quotes and the
    instructor's explanations) and the debrief, which quotes the key. Before that a check shows
    what was found, near misses and mislabels with their feedback, and only how many passages
    are still to find and where: the first check is then a reason to look again, not the
    answer sheet. The student may ask for the answers at any time (Lesson > Show answers); the
    submission records it.

    `lesson.md`'s `reveal:` field; docs/formats.md lists the values."""

    AFTER_FIRST_ATTEMPT = "after_first_attempt"  # every answer with the first results
    AFTER_SECOND_ATTEMPT = "after_second_attempt"  # the default: one more look first
    ON_REQUEST = "on_request"  # only when the student asks

    @property
    def attempts_needed(self) -> int | None:
        """The attempt whose results reveal the answers; None: only on request."""
        return {Reveal.AFTER_FIRST_ATTEMPT: 1, Reveal.AFTER_SECOND_ATTEMPT: 2}.get(self)

    @property
    def label(self) -> str:
        """How instructor mode names the choice."""
        return _(
            {
                Reveal.AFTER_FIRST_ATTEMPT: N_("With the first results"),
                Reveal.AFTER_SECOND_ATTEMPT: N_("After a second attempt"),
                Reveal.ON_REQUEST: N_("Only when the student asks"),
            }[self]
        )


DEFAULT_REVEAL = Reveal.AFTER_SECOND_ATTEMPT


@dataclass(frozen=True)
class Hint:
    title: str
    body: str  # Markdown


@dataclass(frozen=True)
class LessonText:
    """The Markdown sections of lesson.md, split by their level-2 headings.

    `teacher_notes` is for the teacher alone (objectives, timing, discussion, standards): no
    student view shows it, and a handout leaves it out. It has a field of its own, rather than
    a place in `other`, because every further section in `other` is shown to students.
    """

    instructions: str = ""
    hints: tuple[Hint, ...] = ()
    debrief: str = ""
    teacher_notes: str = ""
    other: tuple[tuple[str, str], ...] = ()  # (heading, Markdown) of any further sections


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    folder: Path
    article: Article
    text: LessonText
    taxonomy: Taxonomy  # every category the lesson knows (default + its own)
    palette: Taxonomy  # the categories students may use, in the lesson's order
    key: AnswerKey | None = None
    difficulty: str = ""
    minutes: int = 0
    language: str = "en"
    first_launch: bool = False
    reveal: Reveal = DEFAULT_REVEAL  # when missed passages and the debrief are shown
    # Self-study: score points a hint costs (0: hints are free), and how many attempts a
    # student makes before Lesson > Show answers is offered (at least one: a first look).
    hint_penalty: float = 0.0
    answers_after: int = 1
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def has_key(self) -> bool:
        return self.key is not None

    @property
    def assets(self) -> Path:
        return self.folder / "assets"
