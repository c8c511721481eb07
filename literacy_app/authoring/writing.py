"""Writing lesson packages: a new lesson from an imported article, and saving an edited one.

What is written must read back identically through `load_lesson` (metadata, sections, key), so
each writer checks its own output with the reader's parser before anything reaches the disk.
The article is written once, by `new_lesson`, and never again: the key's offsets, quotes and
`article_sha256` are anchored to it.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from literacy_app.authoring.choices import DIFFICULTIES, ID_PATTERN
from literacy_app.core.errors import FormatError
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import DEFAULT_REVEAL, Hint, Lesson, LessonText
from literacy_app.core.text import normalize, sha256
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.lesson_package import (
    LESSON_FILE,
    LESSON_FORMAT,
    TEACHER_NOTES,
    load_lesson,
    parse_metadata,
    read_metadata,
    split_front_matter,
    split_sections,
)
from literacy_app.formats.native import default_taxonomy, dumps, key_to_dict
from literacy_app.i18n import _

from .importing import ImportedArticle

ARTICLE_FILE = "article.txt"
KEY_FILE = "key.json"

# What a new lesson says until the author replaces it; validate.py finds any that is left.
PLACEHOLDER_INSTRUCTIONS = (
    "TODO (instructor): tell students what to look for in this article and how to work: "
    "which kinds of framing devices and unsupported claims it contains, how many to expect, "
    "and how long to spend."
)
PLACEHOLDER_HINT_TITLE = "Start with the words"
PLACEHOLDER_HINT = (
    "TODO (instructor): write a nudge that points students at a passage or a kind of device "
    "without giving the answer away. Add one '### ' heading per hint; they are shown in order."
)
PLACEHOLDER_DEBRIEF = (
    "TODO (instructor): write what students should take away once they have checked their "
    "work: the main devices in the article, why they matter, and what a fair version would say."
)
PLACEHOLDERS = (PLACEHOLDER_INSTRUCTIONS, PLACEHOLDER_HINT, PLACEHOLDER_DEBRIEF)

# The order lesson.md metadata is written in: the order of docs/formats.md, so files diff well.
_FIELD_ORDER = (
    "format",
    "version",
    "id",
    "title",
    "article",
    "article_title",
    "key",
    "taxonomy",
    "attribution",
    "difficulty",
    "minutes",
    "categories",
    "language",
    "first_launch",
    "reveal",
    "hint_penalty",
    "answers_after",
)
_ATTRIBUTION_FIELDS = ("author", "outlet", "date", "url", "original", "licence")
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_YAML_WORDS = frozenset(
    {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "none", "nan", "inf"}
)
# Characters YAML forbids in a stream unless escaped (PyYAML's reader rejects them).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# --- lesson.md --------------------------------------------------------------------------------


def _yaml_scalar(value: Any) -> str:
    """One YAML value. Free text is double-quoted the JSON way (a subset of YAML's escapes), so
    a title with ': ', '#' or a leading quote, or a date, always reads back as the same string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        # Always with a decimal point: YAML 1.1 reads "1e-05" as a string, "0.000010" as 1e-05.
        return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    if not isinstance(value, str):
        raise TypeError(f"cannot write {value!r} in lesson metadata")
    if _PLAIN.match(value) and value.casefold() not in _YAML_WORDS:
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def metadata_block(meta: dict[str, Any]) -> str:
    """The `---` block of lesson.md, fields in the order of docs/formats.md (files diff well)."""
    order = {name: index for index, name in enumerate(_FIELD_ORDER)}
    lines = ["---"]
    for name in sorted(meta, key=lambda n: (order.get(n, len(order)), n)):
        value = meta[name]
        if isinstance(value, dict):
            lines.append(f"{name}:")
            lines.extend(f"  {k}: {_yaml_scalar(v)}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            lines.append(f"{name}: [" + ", ".join(_yaml_scalar(v) for v in value) + "]")
        else:
            lines.append(f"{name}: {_yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sections(text: LessonText) -> str:
    parts = ["## Instructions", text.instructions.strip()]
    if text.hints:
        parts.append("## Hints")
        for hint in text.hints:
            parts.append(f"### {_one_line(hint.title) or 'Hint'}")
            if hint.body.strip():
                parts.append(hint.body.strip())
    if text.debrief.strip():
        parts += ["## Debrief", text.debrief.strip()]
    if text.teacher_notes.strip():
        parts += [f"## {TEACHER_NOTES}", text.teacher_notes.strip()]
    for heading, body in text.other:
        parts.append(f"## {_one_line(heading)}")
        if body.strip():
            parts.append(body.strip())
    return "\n\n".join(part for part in parts if part) + "\n"


def write_lesson_md(meta: dict[str, Any], text: LessonText) -> str:
    """lesson.md: the metadata block, then Instructions, Hints (one '### ' each), Debrief,
    Teacher notes and any further sections. Raises FormatError if the metadata would not pass
    `check`.

    The result is parsed back with the reader's own functions; a difference (a value YAML would
    read differently, a heading swallowed by a section) is caught here, not by a student.
    """
    source = metadata_block(meta) + "\n" + _sections(text)
    yaml_source, body, _end = split_front_matter(source, LESSON_FILE)
    parsed = parse_metadata(yaml_source, LESSON_FILE, 2)
    if parsed != _plain_data(meta):
        raise ValueError(f"lesson metadata does not survive writing: {meta!r} -> {parsed!r}")
    if _comparable(split_sections(body)) != _comparable(_stripped(text)):
        raise FormatError.single(
            LESSON_FILE,
            _(
                "a section's text contains a line that reads as a heading ('## ' or '### '); "
                "use bold text instead of a heading inside a section"
            ),
        )
    return source


def _plain_data(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in meta.items()}


def _stripped(text: LessonText) -> LessonText:
    """What split_sections gives back for `text`: sections and hints stripped, titles on a line."""
    return LessonText(
        instructions=text.instructions.strip(),
        hints=tuple(Hint(_one_line(h.title) or "Hint", h.body.strip()) for h in text.hints),
        debrief=text.debrief.strip(),
        teacher_notes=text.teacher_notes.strip(),
        other=tuple((_one_line(name), body.strip()) for name, body in text.other),
    )


def _comparable(text: LessonText) -> LessonText:
    """Sections as far as the reader keeps them: it drops blank lines (and the indentation of the
    first line) inside a hint's body, which is no heading problem of the text being written."""
    return replace(
        text,
        hints=tuple(
            Hint(h.title, "\n".join(line.strip() for line in h.body.split("\n") if line.strip()))
            for h in text.hints
        ),
    )


def lesson_metadata(lesson: Lesson, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The metadata block that `load_lesson` turns into `lesson`.

    A Lesson does not remember the file names it was read from (article, key, taxonomy) nor
    which optional fields were written out; those come from `previous`, by default the lesson.md
    now in the lesson's folder, so that saving changes only what the author changed.
    """
    if previous is None:
        previous = read_metadata(lesson.folder)
    meta: dict[str, Any] = {
        "format": LESSON_FORMAT,
        "version": 1,
        "id": lesson.id,
        "title": lesson.title,
        "article": previous.get("article", ARTICLE_FILE),
    }
    if lesson.article.title != lesson.title or "article_title" in previous:
        meta["article_title"] = lesson.article.title
    for name in ("key", "taxonomy"):
        if name in previous:
            meta[name] = previous[name]
    attribution = {  # one line each, as typed in instructor mode: no stray spaces or breaks
        name: _one_line(getattr(lesson.article.attribution, name))
        for name in _ATTRIBUTION_FIELDS
        if getattr(lesson.article.attribution, name).strip()
    }
    if attribution:
        meta["attribution"] = attribution
    if lesson.difficulty:
        meta["difficulty"] = lesson.difficulty
    if lesson.minutes:
        meta["minutes"] = lesson.minutes
    if lesson.palette.ids != lesson.taxonomy.ids or "categories" in previous:
        meta["categories"] = list(lesson.palette.ids)
    if lesson.language != "en" or "language" in previous:
        meta["language"] = lesson.language
    if lesson.first_launch or "first_launch" in previous:
        meta["first_launch"] = lesson.first_launch
    if lesson.reveal != DEFAULT_REVEAL or "reveal" in previous:
        meta["reveal"] = str(lesson.reveal)
    if lesson.hint_penalty or "hint_penalty" in previous:
        meta["hint_penalty"] = lesson.hint_penalty
    if lesson.answers_after != 1 or "answers_after" in previous:
        meta["answers_after"] = lesson.answers_after
    return meta


# --- new lesson -------------------------------------------------------------------------------


def placeholder_text() -> LessonText:
    """The sections of a new lesson: each says what the author is to write there."""
    return LessonText(
        instructions=PLACEHOLDER_INSTRUCTIONS,
        hints=(Hint(PLACEHOLDER_HINT_TITLE, PLACEHOLDER_HINT),),
        debrief=PLACEHOLDER_DEBRIEF,
    )


def article_file_text(text: str) -> str:
    """Exactly what article.txt holds: normalized, ending in one newline."""
    text = normalize(text)
    return text if text.endswith("\n") else text + "\n"


def new_lesson(
    folder: Path,
    article: ImportedArticle,
    lesson_id: str,
    title: str,
    difficulty: str = "intermediate",
    minutes: int = 20,
    categories: list[str] | None = None,
) -> Path:
    """Create a lesson package: lesson.md with placeholders, article.txt, an empty key.json.

    Refuses (FileExistsError) a folder that already has anything in it: creating a lesson
    over another would replace its article and orphan its key. Returns the folder.
    """
    file = str(folder / LESSON_FILE)
    if not ID_PATTERN.match(lesson_id):
        raise FormatError.single(
            file,
            _(
                "lesson id {id}: expected letters, digits, '-' and '_' "
                "(starting with a letter or digit)"
            ).format(id=repr(lesson_id)),
        )
    if difficulty not in DIFFICULTIES:
        raise FormatError.single(
            file,
            _("difficulty: expected one of {choices}").format(choices=", ".join(DIFFICULTIES)),
        )
    if minutes < 1:
        raise FormatError.single(
            file, _("minutes: expected at least 1, got {minutes}").format(minutes=minutes)
        )
    if not article.text.strip():
        raise FormatError.single(folder / ARTICLE_FILE, _("the article is empty"))
    taxonomy = default_taxonomy()
    if categories is not None:
        unknown = [c for c in categories if c not in taxonomy]
        if unknown:
            raise FormatError.single(
                file,
                _(
                    "unknown categories: {categories} (run 'literacy-app taxonomy' for the list)"
                ).format(categories=", ".join(unknown)),
            )
        categories = [taxonomy[c].id for c in categories]
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(
            _("{path}: already exists and is not empty; choose a new folder").format(path=folder)
        )

    meta: dict[str, Any] = {
        "format": LESSON_FORMAT,
        "version": 1,
        "id": lesson_id,
        "title": title.strip() or article.title or lesson_id,
        "article": ARTICLE_FILE,
    }
    if article.title:
        meta["article_title"] = _one_line(article.title)
    attribution = {
        name: value
        for name, value in (
            ("author", article.author),
            ("outlet", article.site),
            ("date", article.date),
            ("url", article.url),
            # Filled by importers that find them ("originally appeared in", a licence link).
            ("original", getattr(article, "original", "")),
            ("licence", getattr(article, "licence", "")),
        )
        if isinstance(value, str) and value.strip()
    }
    if attribution:
        meta["attribution"] = attribution
    meta.update(difficulty=difficulty, minutes=minutes)
    if categories:
        meta["categories"] = categories
    meta["language"] = "en"

    article_text = article_file_text(article.text)
    key = AnswerKey(items=(), lesson=lesson_id, article_sha256=sha256(article_text))
    lesson_md = write_lesson_md(meta, placeholder_text())

    created = not folder.exists()
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in (
            (ARTICLE_FILE, article_text),
            (KEY_FILE, dumps(key_to_dict(key))),
            (LESSON_FILE, lesson_md),
        ):
            atomic_write(folder / name, content)
            written.append(folder / name)
        load_lesson(folder)  # what `check` would say, before anyone is told it worked
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


# --- saving -----------------------------------------------------------------------------------


def save_lesson(lesson: Lesson, key: AnswerKey | None) -> None:
    """Rewrite lesson.md and (when `key` is given) the key file, each atomically.

    article.txt is never written here: the article is frozen once the key is anchored to it.
    A key without a lesson id or article checksum gets the lesson's. With `key` None an
    existing key file is left alone (a lesson may be saved before its key is written).
    Both files are rendered and checked before either is replaced.
    """
    write_lesson_files(lesson.folder, lesson_files(lesson, key))


def write_lesson_files(folder: Path, files: dict[str, str]) -> None:
    """Write what `lesson_files` rendered, each file atomically, lesson.md last (it names the
    others, so a lesson.md is never newer than a key it points to)."""
    for name in sorted(files, key=lambda name: name == LESSON_FILE):
        atomic_write(folder / name, files[name])


def lesson_files(lesson: Lesson, key: AnswerKey | None) -> dict[str, str]:
    """What `save_lesson` would write: file name (relative to the lesson folder) -> text. The
    instructor-mode autosave keeps exactly this, so a restored draft is what Save writes."""
    previous = read_metadata(lesson.folder)
    meta = lesson_metadata(lesson, previous)
    key_name = str(meta.get("key", KEY_FILE))
    key_path = lesson.folder / key_name
    if not key_path.resolve().is_relative_to(lesson.folder.resolve()):
        raise FormatError.single(
            lesson.folder / LESSON_FILE,
            _("key {key} points outside the lesson folder").format(key=repr(meta["key"])),
        )
    files = {LESSON_FILE: write_lesson_md(meta, lesson.text)}
    if key is not None:
        key = replace(
            key,
            lesson=key.lesson or lesson.id,
            article_sha256=key.article_sha256 or lesson.article.sha256,
        )
        files[key_name] = dumps(_key_data(key, keep_w3c=_is_w3c_file(key_path)))
    return files


def _is_w3c_file(path: Path) -> bool:
    """Whether the key file there now is W3C Web Annotation (kept so when it is saved)."""
    from literacy_app.formats.w3c import looks_like_w3c

    try:
        return looks_like_w3c(json.loads(path.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError):
        return False


def _key_data(key: AnswerKey, keep_w3c: bool) -> dict[str, Any]:
    """The key as the lesson stores it: in the format its file already has, so an author who
    keeps a key shared with an annotation tool does not find it rewritten in another."""
    if keep_w3c:
        from literacy_app.formats.w3c import key_to_w3c

        return key_to_w3c(key)
    return key_to_dict(key)
