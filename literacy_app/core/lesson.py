"""A lesson: an article, the instructions around it, the categories in play, maybe a key."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from literacy_app.core.errors import Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.core.text import Article


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
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def has_key(self) -> bool:
        return self.key is not None

    @property
    def assets(self) -> Path:
        return self.folder / "assets"
