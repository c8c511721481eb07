"""What the instructor's validation panel lists beyond `literacy-app check`.

`check` says whether a lesson can be loaded; these say whether it is ready to teach with: every
key item explains itself, no item is counted twice, students can choose every category the key
expects, the text around the article was written, the key has something to find, and the text
students read does not quote the key (a handout would refuse, or leave a hint out). Each is a
Problem with the file and, for key items, the JSON path, so the panel can jump to it.
"""

from __future__ import annotations

import re
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import KeyItem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.document import JsonDocument, read_text
from literacy_app.formats.json_source import format_path
from literacy_app.formats.lesson_package import LESSON_FILE

from .handout import answer_leaks
from .writing import KEY_FILE, PLACEHOLDERS, read_metadata

DUPLICATE_JACCARD = 0.8
MIN_RATIONALE_SENTENCES = 2

# A sentence ends at . ! ? or … (optionally followed by closing quotes or brackets) and a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]*_]*\s+")
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")


def sentence_count(text: str) -> int:
    """Sentences in a rationale, roughly: enough to tell one terse line from an explanation."""
    return len([part for part in _SENTENCE_END.split(text.strip()) if re.search(r"\w", part)])


def span_jaccard(a: KeyItem, b: KeyItem) -> float:
    """Shared characters over covered characters: 1.0 for the same span, 0 for disjoint ones."""
    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = (a.end - a.start) + (b.end - b.start) - shared
    return shared / union if union else 0.0


class _Places:
    """Where things are in the lesson's files, for problems the author can click through to."""

    def __init__(self, lesson: Lesson) -> None:
        meta = read_metadata(lesson.folder)
        self.lesson_file = str(lesson.folder / LESSON_FILE)
        self.key_file = str(lesson.folder / meta.get("key", KEY_FILE))
        self._key_doc: JsonDocument | None = None
        try:
            self._key_doc = JsonDocument.read(Path(self.key_file))
        except FormatError:
            self._key_doc = None
        self._headings: dict[str, int] = {}
        try:
            lines = read_text(Path(self.lesson_file)).split("\n")
        except FormatError:
            lines = []
        for number, line in enumerate(lines, start=1):
            heading = _HEADING.match(line)
            if heading:
                self._headings.setdefault(heading.group(1).casefold(), number)
        self.body_line = 1
        if lines and lines[0].strip() == "---":
            closing = next(
                (n for n, line in enumerate(lines[1:], 2) if line.strip() in ("---", "...")), 1
            )
            self.body_line = closing + 1

    def key(self, path: tuple[str | int, ...], message: str, severity: str = "warning") -> Problem:
        if self._key_doc is not None:
            return self._key_doc.problem(path, message, severity)
        return Problem(self.key_file, message, json_path=format_path(path), severity=severity)

    def section(self, name: str, message: str, severity: str = "warning") -> Problem:
        line = self._headings.get(name.casefold(), self.body_line)
        return Problem(self.lesson_file, message, line, 1, severity=severity)


def _has_placeholder(text: str) -> bool:
    return any(placeholder in text for placeholder in PLACEHOLDERS)


def _section_problems(lesson: Lesson, places: _Places) -> list[Problem]:
    problems: list[Problem] = []
    text = lesson.text
    if not text.instructions.strip():
        problems.append(
            places.section(
                "Instructions", "no instructions: students do not know what to do", "error"
            )
        )
    elif _has_placeholder(text.instructions):
        problems.append(
            places.section(
                "Instructions",
                "the instructions still hold the placeholder text of a new lesson: "
                "tell students what to look for",
                "error",
            )
        )
    if not text.hints:
        problems.append(
            places.section("Hints", "no hints: add a '## Hints' section with '### ' hints")
        )
    for number, hint in enumerate(text.hints, start=1):
        if _has_placeholder(hint.body) or _has_placeholder(hint.title):
            problems.append(
                places.section(
                    "Hints", f"hint {number} ({hint.title!r}) still holds the placeholder text"
                )
            )
        elif not hint.body.strip():
            problems.append(places.section("Hints", f"hint {number} ({hint.title!r}) is empty"))
    if not text.debrief.strip():
        problems.append(
            places.section("Debrief", "no debrief: add a '## Debrief' section for after the check")
        )
    elif _has_placeholder(text.debrief):
        problems.append(places.section("Debrief", "the debrief still holds the placeholder text"))
    return problems


def _answer_problems(lesson: Lesson, places: _Places) -> list[Problem]:
    """Text students read that quotes a key item: the handout leaves such a hint out and refuses
    such Instructions. Warnings: the full package, with its key, is fine as it is."""
    problems = []
    for leak in answer_leaks(lesson):
        consequence = (
            "the student handout will leave this hint out; point to the passage by its "
            "paragraph or by the kind of device instead"
            if leak.hint is not None
            else "no student handout can be exported until it points to the passage by its "
            "paragraph or by the kind of device instead"
        )
        problems.append(
            Problem(
                places.lesson_file,
                f"{leak.message}: {consequence}",
                leak.line,
                1,
                severity="warning",
            )
        )
    return problems


def _key_problems(lesson: Lesson, places: _Places) -> list[Problem]:
    key = lesson.key
    if key is None:
        return []
    problems: list[Problem] = []
    items = key.items
    for index, item in enumerate(items):
        rationale = item.rationale.strip()
        if not rationale:
            problems.append(
                places.key(
                    ("items", index, "rationale"),
                    f"item {item.id!r} has no rationale: students see no explanation",
                )
            )
        elif sentence_count(rationale) < MIN_RATIONALE_SENTENCES:
            problems.append(
                places.key(
                    ("items", index, "rationale"),
                    f"item {item.id!r}: the rationale is a single sentence; say what the device "
                    "does, what is missing, and how a neutral wording would read",
                )
            )
        if item.category not in lesson.palette:
            problems.append(
                places.key(
                    ("items", index, "category"),
                    f"item {item.id!r}: category {item.category!r} is not in the lesson's "
                    "palette, so no student can choose it; add it to 'categories' in lesson.md",
                )
            )
        for earlier_index, earlier in enumerate(items[:index]):
            if (item.start, item.end) == (earlier.start, earlier.end):
                problems.append(
                    places.key(
                        ("items", index),
                        f"item {item.id!r} marks the same span as item {earlier.id!r} "
                        f"(items[{earlier_index}]): merge them, using 'also_accept' for a "
                        "second category",
                    )
                )
            elif (
                item.category == earlier.category
                and span_jaccard(item, earlier) >= DUPLICATE_JACCARD
            ):
                problems.append(
                    places.key(
                        ("items", index),
                        f"item {item.id!r} almost duplicates item {earlier.id!r} "
                        f"(items[{earlier_index}], same category, overlap "
                        f"{span_jaccard(item, earlier):.0%}): one student mark can match "
                        "only one of them",
                    )
                )
    if not any(item.required for item in items):
        message = (
            "the key has no items yet: select passages in the article and add them"
            if not items
            else "the key has no required items: every student would score 100%"
        )
        problems.append(places.key(("items",), message, "error"))
    if key.lesson and key.lesson != lesson.id:
        problems.append(
            places.key(
                ("lesson",),
                f"the key names lesson {key.lesson!r}, but this lesson is {lesson.id!r}",
            )
        )
    return problems


def authoring_problems(lesson: Lesson) -> list[Problem]:
    """Everything that makes the lesson not yet ready to teach with, lesson.md first.

    Severity is "warning" except where the lesson cannot do its job: instructions missing or
    still the placeholder, and a key with nothing required to find (every score would be 100).
    """
    places = _Places(lesson)
    return (
        _section_problems(lesson, places)
        + _answer_problems(lesson, places)
        + _key_problems(lesson, places)
    )
