"""Whether a lesson is ready to teach with, as `literacy-app check` and instructor mode's
"Check lesson" both report it (`lesson_problems`: one list, so the two never disagree).

Loading says whether a lesson can be used at all; the authoring checks say whether it is
finished: every key item explains itself and covers whole words, no item is counted twice,
students can choose every category the key expects, the text around the article was written
(no placeholder of a new lesson left), the key has something to find, and the text students
read does not quote the key (a handout would refuse, or leave a hint out). Each is a Problem
with the file and place (a line of lesson.md, or a key item's JSON path), so the panel can
jump to it and `check` can print FILE:LINE:COL.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import KeyItem
from literacy_app.core.lesson import Lesson
from literacy_app.core.text import snap_to_words
from literacy_app.formats.document import JsonDocument, read_text
from literacy_app.formats.json_source import format_path
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson

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
    # A lesson without its key is a student handout: `package --handout` took its Debrief
    # (and any hint quoting the key) out on purpose, so their absence is no unfinished part.
    handout = lesson.key is None
    if not text.hints and not handout:
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
    if not text.debrief.strip() and not handout:
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
        whole = snap_to_words(lesson.article.text, item.start, item.end)
        if whole != (item.start, item.end):
            problems.append(
                places.key(
                    ("items", index),
                    f"item {item.id!r} ({_short(item.mark.quote)!r}) starts or ends inside a "
                    f"word (the whole words are {_short(lesson.article.quote(*whole))!r}): "
                    "students mark whole words, so widen it to them",
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
                break  # one problem per item: the first item it repeats is enough to say
            if (
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
                break
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


def authoring_problems(lesson: Lesson, answers: bool = True) -> list[Problem]:
    """Everything that makes the lesson not yet ready to teach with, lesson.md first.

    Severity is "warning" except where the lesson cannot do its job: instructions missing or
    still the placeholder, and a key with nothing required to find (every score would be 100).
    `answers` False leaves out the text that quotes the key: a handout deals with that itself.
    """
    places = _Places(lesson)
    return (
        _section_problems(lesson, places)
        + (_answer_problems(lesson, places) if answers else [])
        + _key_problems(lesson, places)
    )


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- what `check` and "Check lesson" report --------------------------------------------------


def lesson_problems(path: Path, handout: bool = False) -> list[Problem]:
    """Everything wrong with a lesson folder (or its lesson.md), each problem once: errors that
    stop it loading, else the warnings of loading it and of `authoring_problems`.

    In this list every unfinished part is a warning (a lesson with TODO instructions can still
    be opened, graded and shared as a draft); `package` refuses a lesson with any of them
    unless told it is a draft. `authoring_problems` keeps its own severities for callers that
    rank them. `handout` True: what matters before a student handout is made of it, which
    leaves out the hints that quote the key and refuses Instructions that do (handout.py).
    """
    try:
        lesson = load_lesson(path)
    except FormatError as err:
        return _once(err.problems)
    found = authoring_problems(lesson, answers=not handout)
    unfinished = [replace(p, severity="warning") for p in found]
    loaded = [p for p in lesson.warnings if not _superseded(p, unfinished)]
    return _once(unfinished + loaded)


def _superseded(warning: Problem, unfinished: list[Problem]) -> bool:
    """Whether an authoring problem already says what a loading warning says, more precisely:
    the key parser's "empty rationale" and the item's "has no rationale" (same place), or the
    key's "categories outside the palette" and one problem per item outside it."""
    if warning.message.startswith("empty rationale"):
        return any((p.file, p.json_path) == (warning.file, warning.json_path) for p in unfinished)
    return warning.message.startswith("key uses categories outside") and any(
        p.file == warning.file and "is not in the lesson's palette" in p.message
        for p in unfinished
    )


def _once(problems: list[Problem]) -> list[Problem]:
    """The problems in their order, each exact repetition left out."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for problem in problems:
        identity = (
            problem.file,
            problem.line,
            problem.column,
            problem.json_path,
            problem.message,
            problem.severity,
        )
        if identity not in seen:
            seen.add(identity)
            kept.append(problem)
    return kept
