"""Finding the lessons the library lists: each source folder's immediate subfolders that hold a
lesson.md, read from their metadata block alone.

Reading stops at lesson.md: no article, key or taxonomy is opened, so a library of 200 lessons
lists in a blink and a lesson whose article is missing or unreadable is still listed (opening it
reports that). A folder that cannot be read is listed with the reason rather than left out or
allowed to stop the others; a folder that is a link to somewhere outside its source folder is
refused like any other path a lesson names (see `lesson_package.inside`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError
from literacy_app.core.library import LessonEntry
from literacy_app.formats.lesson_package import (
    LESSON_FILE,
    parse_metadata,
    read_lesson_text,
    split_front_matter,
)
from literacy_app.i18n import _
from literacy_app.resources import lesson_rank

__all__ = ["category_names", "scan"]


def scan(sources: Sequence[tuple[Path, str]]) -> list[LessonEntry]:
    """Every lesson in `sources` ((folder, origin) pairs, origin as in core.library), easiest
    first as `resources.order_lessons` orders them; entries that could not be read last. Two
    lessons with one id are both listed, the one found later in `sources` (then by folder name)
    marked as a duplicate of the first. A source folder that is missing lists nothing."""
    names = category_names()
    found: list[tuple[LessonEntry, Mapping[str, Any]]] = []
    first_with_id: dict[str, Path] = {}
    for root, origin in sources:
        for folder in _lesson_folders(root):
            entry, meta = _entry(root, folder, origin, names)
            if entry.usable:
                earlier = first_with_id.setdefault(entry.id, folder)
                if earlier != folder:
                    entry = replace(entry, duplicate_of=earlier)
            found.append((entry, meta))
    found.sort(key=lambda pair: lesson_rank(pair[0].folder, pair[1]))
    return [entry for entry, _ in found]


def _lesson_folders(root: Path) -> list[Path]:
    """The subfolders of `root` with a lesson.md (or a link named lesson.md, which reading then
    judges), in name order. Hidden folders are left out: that is where an import being
    unpacked, or an editor's backup, lives."""
    try:
        children = sorted(root.iterdir())
    except OSError:  # gone, not a folder, not readable: an added folder on a removed drive
        return []
    lessons = []
    for child in children:
        if child.name.startswith("."):
            continue
        lesson = child / LESSON_FILE
        try:
            if child.is_dir() and (lesson.exists() or lesson.is_symlink()):
                lessons.append(child)
        except OSError:  # a name too long, a permission refused on the way
            continue
    return lessons


def _entry(
    root: Path, folder: Path, origin: str, names: Mapping[str, str]
) -> tuple[LessonEntry, Mapping[str, Any]]:
    """The entry for one folder and the metadata it was ranked by ({} when unreadable)."""

    def broken(why: str) -> tuple[LessonEntry, Mapping[str, Any]]:
        return LessonEntry(folder, folder.name, folder.name, origin=origin, problem=why), {}

    try:
        inside = folder.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return broken(
            _("{folder}: the lesson folder is a link that leads nowhere").format(folder=folder)
        )
    if not inside:
        return broken(
            _("{folder}: the lesson folder is a link to somewhere outside {root}").format(
                folder=folder, root=root
            )
        )
    file = str(folder / LESSON_FILE)
    try:
        source, _body, _line = split_front_matter(read_lesson_text(folder), file)
        meta = parse_metadata(source, file, 2)
    except FormatError as err:
        return broken("; ".join(str(p) for p in err.problems[:3]))
    except OSError as err:  # read_text names what it can; anything else still gets the file
        return broken(
            _("{file}: cannot be read ({reason})").format(file=file, reason=err.strerror or err)
        )
    attribution = meta.get("attribution") or {}
    categories = tuple(meta.get("categories", ()))
    entry = LessonEntry(
        folder=folder,
        id=meta["id"],
        title=meta["title"],
        source=", ".join(
            part for part in (attribution.get("author"), attribution.get("outlet")) if part
        ),
        difficulty=meta.get("difficulty", ""),
        minutes=meta.get("minutes", 0),
        categories=categories,
        category_names=tuple(names.get(c, c.replace("_", " ")) for c in categories),
        has_key=_has_key(folder, meta.get("key", "key.json")),
        origin=origin,
        language=str(meta.get("language") or "en"),
    )
    return entry, meta


def _has_key(folder: Path, name: str) -> bool:
    """Whether the key the lesson names is a file inside its folder (a handout has none)."""
    try:
        path = (folder / name).resolve()
        return path.is_relative_to(folder.resolve()) and path.is_file()
    except (OSError, RuntimeError, ValueError):
        return False


def category_names() -> dict[str, str]:
    """Category id -> name in the default taxonomy, in the current language: what the library
    shows and searches (a lesson's own taxonomy is not read for a list; its other ids show as
    themselves)."""
    from literacy_app.formats.native import default_taxonomy

    return {category.id: category.display_name for category in default_taxonomy()}
