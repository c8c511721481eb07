"""Where the bundled lessons and assets are, from a source checkout or an installed wheel."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_LESSON_ID = "bakhmut-op-ed"


def _bundled(name: str) -> Path:
    source_checkout = _PACKAGE.parent / name
    if source_checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").exists():
        return source_checkout
    return _PACKAGE / f"bundled_{name}"


def lessons_dir() -> Path:
    return _bundled("lessons")


def assets_dir() -> Path:
    return _bundled("assets")


def bundled_lessons() -> list[Path]:
    root = lessons_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "lesson.md").is_file())


DIFFICULTIES = ("beginner", "intermediate", "advanced")  # easiest first


def lesson_rank(folder: Path, metadata: Mapping[str, Any]) -> tuple[int, float, str, str]:
    """Where a lesson stands in the suggested order: difficulty, then `minutes`, then title
    (then folder, so that the order is total). Missing or odd values sort last rather than
    fail: the order is a suggestion, and a lesson with a sloppy header is still a lesson."""
    difficulty = metadata.get("difficulty")
    level = DIFFICULTIES.index(difficulty) if difficulty in DIFFICULTIES else len(DIFFICULTIES)
    minutes = metadata.get("minutes")
    whole = isinstance(minutes, int) and not isinstance(minutes, bool)  # True is not a minute
    length = float(minutes or 0) if whole else float("inf")
    title = metadata.get("title")
    return level, length, str(title).casefold() if title else "\uffff", folder.name


def order_lessons(found: Iterable[tuple[Path, Mapping[str, Any]]]) -> list[tuple[Path, str]]:
    """(folder, lesson id) for each (folder, metadata), easiest first (see `lesson_rank`). A
    folder without readable metadata is left out: it could not be opened anyway. The id is the
    metadata's, which is what progress is recorded under; the folder name stands in for it."""
    ranked = sorted(((f, m) for f, m in found if m), key=lambda entry: lesson_rank(*entry))
    return [(f, m["id"] if isinstance(m.get("id"), str) else f.name) for f, m in ranked]


def bundled_lessons_in_order(with_key: bool = False) -> list[tuple[Path, str]]:
    """Every bundled lesson, easiest first, from their metadata alone (no article, key or
    taxonomy read): cheap enough for a start-up, where it picks the lesson to open. `with_key`
    leaves out handouts (no key file), whose work cannot be checked and so never finishes."""
    from literacy_app.formats.lesson_package import read_metadata  # not for every CLI command

    found = ((folder, read_metadata(folder)) for folder in bundled_lessons())
    if with_key:
        found = ((f, m) for f, m in found if (f / str(m.get("key", "key.json"))).is_file())
    return order_lessons(found)


def default_lesson() -> Path:
    return lessons_dir() / DEFAULT_LESSON_ID


def find_lesson(name: str) -> Path:
    """A lesson given as a path, or as the id of a bundled lesson."""
    path = Path(name)
    if path.exists():
        return path
    bundled = lessons_dir() / name
    return bundled if (bundled / "lesson.md").exists() else path
