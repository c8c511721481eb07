"""Where the bundled lessons and assets are, from a source checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

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


def default_lesson() -> Path:
    return lessons_dir() / DEFAULT_LESSON_ID


def find_lesson(name: str) -> Path:
    """A lesson given as a path, or as the id of a bundled lesson."""
    path = Path(name)
    if path.exists():
        return path
    bundled = lessons_dir() / name
    return bundled if (bundled / "lesson.md").exists() else path
