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
from literacy_app.i18n import _

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
                "Instructions", _("no instructions: students do not know what to do"), "error"
            )
        )
    elif _has_placeholder(text.instructions):
        problems.append(
            places.section(
                "Instructions",
                _(
                    "the instructions still hold the placeholder text of a new lesson: "
                    "tell students what to look for"
                ),
                "error",
            )
        )
    # A lesson without its key is a student handout: `package --handout` took its Debrief
    # (and any hint quoting the key) out on purpose, so their absence is no unfinished part.
    handout = lesson.key is None
    if not text.hints and not handout:
        problems.append(
            places.section("Hints", _("no hints: add a '## Hints' section with '### ' hints"))
        )
    for number, hint in enumerate(text.hints, start=1):
        if _has_placeholder(hint.body) or _has_placeholder(hint.title):
            problems.append(
                places.section(
                    "Hints",
                    _("hint {number} ({title}) still holds the placeholder text").format(
                        number=number, title=repr(hint.title)
                    ),
                )
            )
        elif not hint.body.strip():
            problems.append(
                places.section(
                    "Hints",
                    _("hint {number} ({title}) is empty").format(
                        number=number, title=repr(hint.title)
                    ),
                )
            )
    if not text.debrief.strip() and not handout:
        problems.append(
            places.section(
                "Debrief", _("no debrief: add a '## Debrief' section for after the check")
            )
        )
    elif _has_placeholder(text.debrief):
        problems.append(
            places.section("Debrief", _("the debrief still holds the placeholder text"))
        )
    return problems


def _answer_problems(lesson: Lesson, places: _Places) -> list[Problem]:
    """Text students read that quotes a key item: the handout leaves such a hint out and refuses
    such Instructions. Warnings: the full package, with its key, is fine as it is."""
    problems = []
    for leak in answer_leaks(lesson):
        message = (
            _(
                "{problem}: the student handout will leave this hint out; point to the passage "
                "by its paragraph or by the kind of device instead"
            )
            if leak.hint is not None
            else _(
                "{problem}: no student handout can be exported until it points to the passage "
                "by its paragraph or by the kind of device instead"
            )
        )
        problems.append(
            Problem(
                places.lesson_file,
                message.format(problem=leak.message),
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
                    _("item {id} has no rationale: students see no explanation").format(
                        id=repr(item.id)
                    ),
                )
            )
        elif sentence_count(rationale) < MIN_RATIONALE_SENTENCES:
            problems.append(
                places.key(
                    ("items", index, "rationale"),
                    _(
                        "item {id}: the rationale is a single sentence; say what the device "
                        "does, what is missing, and how a neutral wording would read"
                    ).format(id=repr(item.id)),
                )
            )
        whole = snap_to_words(lesson.article.text, item.start, item.end)
        if whole != (item.start, item.end):
            problems.append(
                places.key(
                    ("items", index),
                    _(
                        "item {id} ({quote}) starts or ends inside a word (the whole words are "
                        "{whole}): students mark whole words, so widen it to them"
                    ).format(
                        id=repr(item.id),
                        quote=repr(_short(item.mark.quote)),
                        whole=repr(_short(lesson.article.quote(*whole))),
                    ),
                )
            )
        if item.category not in lesson.palette:
            problems.append(
                places.key(
                    ("items", index, "category"),
                    _(
                        "item {id}: category {category} is not in the lesson's palette, so no "
                        "student can choose it; add it to 'categories' in lesson.md"
                    ).format(id=repr(item.id), category=repr(item.category)),
                )
            )
        for earlier_index, earlier in enumerate(items[:index]):
            if (item.start, item.end) == (earlier.start, earlier.end):
                problems.append(
                    places.key(
                        ("items", index),
                        _(
                            "item {id} marks the same span as item {other} (items[{index}]): "
                            "merge them, using 'also_accept' for a second category"
                        ).format(id=repr(item.id), other=repr(earlier.id), index=earlier_index),
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
                        _(
                            "item {id} almost duplicates item {other} (items[{index}], same "
                            "category, overlap {overlap}): one student mark can match only one "
                            "of them"
                        ).format(
                            id=repr(item.id),
                            other=repr(earlier.id),
                            index=earlier_index,
                            overlap=f"{span_jaccard(item, earlier):.0%}",
                        ),
                    )
                )
                break
    if not any(item.required for item in items):
        empty = (
            _("the key has no items yet: select passages in the article and add them")
            if not items
            else _("the key has no required items: every student would score 100%")
        )
        problems.append(places.key(("items",), empty, "error"))
    if key.lesson and key.lesson != lesson.id:
        problems.append(
            places.key(
                ("lesson",),
                _("the key names lesson {named}, but this lesson is {id}").format(
                    named=repr(key.lesson), id=repr(lesson.id)
                ),
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
    key = lesson.key
    outside = sorted({i.category for i in key.items} - set(lesson.palette.ids)) if key else []
    loaded = [p for p in lesson.warnings if not _superseded(p, unfinished, outside)]
    return _once(unfinished + loaded)


def _superseded(warning: Problem, unfinished: list[Problem], outside: list[str]) -> bool:
    """Whether an authoring problem already says what a loading warning says, more precisely:
    the key parser's "empty rationale" and the item's "has no rationale" (same place), or the
    key's "categories outside the palette" (`outside`) and one problem per item outside it.

    Told by place, not by wording: the messages are translated."""
    if warning.json_path.endswith(".rationale"):
        return any((p.file, p.json_path) == (warning.file, warning.json_path) for p in unfinished)
    about_palette = bool(outside) and ", ".join(outside) in warning.message
    return about_palette and any(
        p.file == warning.file and p.json_path.endswith(".category") for p in unfinished
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
