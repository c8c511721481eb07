"""What a handout must not show: the parts of lesson.md that would give the answers away.

A handout carries no answers, in any file: besides the key, its lesson.md leaves out the
Debrief (which explains the key, so it arrives with it), the Teacher notes, and any hint that
quotes a key item. Instructions (or the title, or any other section students read before they
check) that quote a key item cannot simply be dropped, so the handout is refused, naming the
item and the line to reword.

This is kept apart from packaging.py (which decides which files a package holds and writes or
unpacks it) because it is a question about the lesson's text, not about files: the authoring
checks (validate.py) ask it too, to warn an author before any handout is made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import Lesson, LessonText
from literacy_app.formats.document import read_text
from literacy_app.formats.lesson_package import (
    LESSON_FILE,
    TEACHER_NOTES,
    heading_lines,
    is_teacher_notes,
    parse_metadata,
    split_front_matter,
)
from literacy_app.i18n import _, ngettext

from .writing import metadata_block, write_lesson_md

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
INSTRUCTIONS = "the Instructions"
_MARKUP = re.compile(r"[*_`\\]")  # Markdown emphasis, code spans and escapes: not words read


def comparable(text: str) -> str:
    """Text as a reader compares it: letter case, the style of quotation marks, Markdown
    emphasis and line breaks must not hide a quotation of the key."""
    return " ".join(_MARKUP.sub("", text.translate(_QUOTE_MARKS)).casefold().split())


def _quote_pattern(quote: str) -> re.Pattern[str] | None:
    """`quote` as whole words (so that the item "sink" is not found in "sinking")."""
    needle = comparable(quote)
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)") if needle else None


def answer_quotes(key: AnswerKey, article: str) -> list[tuple[str, str]]:
    """(item id, words) of every quote of every key item: the item's own words and those of
    its core, alternatives and parts. Each is what the article says there, so a key whose
    `quote` fields were left empty is covered too."""
    quotes: list[tuple[str, str]] = []
    for item in key.items:
        spans = [(item.mark.start, item.mark.end), *((s.start, s.end) for s in item.spans)]
        words = [*item.quotes, *(article[start:end] for start, end in spans)]
        for quote in dict.fromkeys(w for w in words if w.strip()):
            quotes.append((item.id, quote))
    return quotes


def quoted_in(text: str, quotes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (item id, quote) of each key item that `text` quotes: the first of its quotes found."""
    haystack = comparable(text)
    found: dict[str, str] = {}
    for item_id, quote in quotes:
        pattern = _quote_pattern(quote)
        if item_id not in found and pattern is not None and pattern.search(haystack):
            found[item_id] = quote
    return list(found.items())


@dataclass(frozen=True)
class Leak:
    """A key item quoted in a part of lesson.md that students read.

    `hint` is the hint's index (from 0) when the part is a hint: a handout leaves such a hint
    out. Any other part (the title, the Instructions, a further section) is read before the
    check and cannot be dropped without losing the task, so a handout is refused instead.
    `kind` ("title", "instructions", "section", "hint") and `name` (the section's heading, the
    hint's title) let the message be one whole sentence in any language.
    """

    part: str
    item: str
    quote: str
    line: int
    hint: int | None = None
    kind: str = ""
    name: str = ""

    @property
    def message(self) -> str:
        values = {"item": repr(self.item), "quote": repr(" ".join(self.quote.split()))}
        if self.kind == "title":
            return _("the title quotes key item {item} ({quote})").format(**values)
        if self.kind == "instructions" or self.part == INSTRUCTIONS:
            return _("the Instructions quote key item {item} ({quote})").format(**values)
        if self.kind == "section":
            return _("the {heading} section quotes key item {item} ({quote})").format(
                heading=repr(self.name), **values
            )
        if self.kind == "hint" and self.hint is not None:
            return _("hint {number} ({title}) quotes key item {item} ({quote})").format(
                number=self.hint + 1, title=repr(self.name), **values
            )
        return _("{part} quotes key item {item} ({quote})").format(part=self.part, **values)


@dataclass(frozen=True)
class LeftOut:
    """A part of lesson.md a handout does not carry, and why: the package command says so.
    `part` and `reason` stay as they are (English, for programs); `text` is the whole sentence
    shown to people, in their language."""

    part: str
    reason: str
    text: str = field(default="", compare=False)

    def __str__(self) -> str:
        if self.text:
            return self.text
        return _("left out {part}: {reason}").format(part=self.part, reason=self.reason)


def _locate(lines: list[str], first: int, end: int, quote: str) -> int:
    """The index of the line in lines[first:end] where the first quotation of `quote` starts
    (it may run on over a line break), or `first`."""
    pattern = _quote_pattern(quote)
    if pattern is None:
        return first

    def found(start: int, stop: int) -> bool:
        return pattern.search(comparable(" ".join(lines[start:stop]))) is not None

    last = next((j for j in range(first, end) if found(first, j + 1)), None)
    if last is None:
        return first
    return next(i for i in range(last, first - 1, -1) if found(i, last + 1))


def answer_leaks(lesson: Lesson, source: str | None = None) -> list[Leak]:
    """Every part of the lesson students read that quotes a key item (none without a key).

    Teacher notes and the Debrief are not looked at: no handout carries them. `source` is the
    lesson.md text, for line numbers (read from the lesson folder when not given).
    """
    if lesson.key is None:
        return []
    quotes = answer_quotes(lesson.key, lesson.article.text)
    if source is None:
        try:
            source = read_text(lesson.folder / LESSON_FILE)
        except FormatError:
            source = ""
    lines = source.split("\n")
    body_line = 1
    if lines and lines[0].strip() == "---":
        body_line = next(
            (n + 1 for n, line in enumerate(lines[1:], 2) if line.strip() in ("---", "...")), 1
        )
    headings = [
        (index + body_line - 1, level, name)
        for index, level, name in heading_lines("\n".join(lines[body_line - 1 :]))
    ]
    sections = [(index, name) for index, level, name in headings if level == 2]
    ranges: dict[str, tuple[int, int]] = {}  # the last of a name, as split_sections reads it
    for number, (index, name) in enumerate(sections):
        end = sections[number + 1][0] if number + 1 < len(sections) else len(lines)
        ranges[name.casefold()] = (index, end)
    leaks: list[Leak] = []

    def look(
        part: str,
        text: str,
        first: int,
        end: int,
        hint: int | None = None,
        kind: str = "",
        name: str = "",
    ) -> None:
        for item_id, quote in quoted_in(text, quotes):
            line = _locate(lines, first, end, quote) + 1
            leaks.append(Leak(part, item_id, quote, line, hint, kind, name))

    if comparable(lesson.title) not in comparable(lesson.article.title):  # a headline is article
        title_line = next((n for n, line in enumerate(lines) if line.startswith("title:")), 0)
        look("the title", lesson.title, title_line, title_line + 1, kind="title")
    first, end = ranges.get("instructions", (0, 0))
    look(INSTRUCTIONS, lesson.text.instructions, first, end, kind="instructions")
    for heading, body in lesson.text.other:
        first, end = ranges.get(heading.casefold(), (0, 0))
        look(
            f"the {heading!r} section",
            f"{heading}\n{body}",
            first,
            end,
            kind="section",
            name=heading,
        )
    first, end = ranges.get("hints", (0, 0))
    starts = [index for index, level, _ in headings if level == 3 and first < index < end]
    offset = len(lesson.text.hints) - len(starts)  # 1 when text before the first ### is a hint
    for number, hint in enumerate(lesson.text.hints):
        place = number - offset
        hint_first = starts[place] if 0 <= place < len(starts) else first
        hint_end = starts[place + 1] if 0 <= place < len(starts) - 1 else end
        look(
            f"hint {number + 1} ({hint.title!r})",
            f"{hint.title}\n{hint.body}",
            hint_first,
            hint_end,
            number,
            kind="hint",
            name=hint.title,
        )
    return leaks


def handout_text(
    lesson: Lesson, file: str, source: str | None = None
) -> tuple[LessonText, tuple[LeftOut, ...]]:
    """The lesson's sections as a handout carries them, and what was left out.

    Raises FormatError, naming the key item and the line, when a part students read before the
    check (title, Instructions, a further section) quotes a key item: dropping the Instructions
    would leave no task, and a handout that gives the answers away is no handout.
    """
    leaks = answer_leaks(lesson, source)
    refused = sorted((leak for leak in leaks if leak.hint is None), key=lambda leak: leak.line)
    if refused:
        raise FormatError(
            [
                Problem(
                    file,
                    _(
                        "{problem}: a handout must not give the answers away; point to the "
                        "passage by its paragraph or by the kind of device instead, then export "
                        "the handout again (the full package may keep it)"
                    ).format(problem=leak.message),
                    leak.line,
                    1,
                )
                for leak in refused
            ]
        )
    text = lesson.text
    left_out: list[LeftOut] = []
    if text.debrief.strip():
        reason = "it explains the key, so it arrives with the key"
        shown = _("left out the Debrief: it explains the key, so it arrives with the key")
        left_out.append(LeftOut("the Debrief", reason, shown))
    if text.teacher_notes.strip():
        shown = _("left out the {section}: they are for the teacher only").format(
            section=TEACHER_NOTES
        )
        left_out.append(LeftOut(f"the {TEACHER_NOTES}", "they are for the teacher only", shown))
    dropped: dict[int, list[Leak]] = {}
    for leak in leaks:
        if leak.hint is not None:
            dropped.setdefault(leak.hint, []).append(leak)
    for index in sorted(dropped):
        leaks_here = dropped[index]
        english = ", ".join(
            f"{leak.item!r} ({' '.join(leak.quote.split())!r}, line {leak.line})"
            for leak in leaks_here
        )
        quoted = ", ".join(
            _("{item} ({quote}, line {line})").format(
                item=repr(leak.item), quote=repr(" ".join(leak.quote.split())), line=leak.line
            )
            for leak in leaks_here
        )
        plural = "s" if len(leaks_here) > 1 else ""
        first = leaks_here[0]
        shown = ngettext(
            "left out hint {number} ({title}): it quotes key item {items}",
            "left out hint {number} ({title}): it quotes key items {items}",
            len(leaks_here),
        ).format(number=index + 1, title=repr(first.name), items=quoted)
        left_out.append(LeftOut(first.part, f"it quotes key item{plural} {english}", shown))
    hints = tuple(h for index, h in enumerate(text.hints) if index not in dropped)
    kept = replace(text, hints=hints, debrief="", teacher_notes="")
    return kept, tuple(left_out)


def handout_lesson_md(lesson: Lesson, path: Path) -> tuple[bytes, tuple[LeftOut, ...]]:
    """A handout's lesson.md: no key field (naming an absent key is an error), and no Debrief,
    Teacher notes or hints that quote the key. Unchanged, byte for byte, when nothing is left
    out; otherwise written by the same writer as Save, and so read back the same way."""
    data = path.read_bytes()
    source = read_text(path)
    yaml_source, body, _end = split_front_matter(source, str(path))
    meta = parse_metadata(yaml_source, str(path), 2)
    text, left_out = handout_text(lesson, str(path), source)
    if not left_out:
        if "key" not in meta:
            return data, ()
        del meta["key"]
        return (metadata_block(meta) + body).encode("utf-8"), ()
    meta.pop("key", None)
    if any(is_teacher_notes(heading) for heading, _ in text.other):  # cannot be: belt and braces
        raise FormatError.single(str(path), _("teacher notes would reach the handout"))
    return write_lesson_md(meta, text).encode("utf-8"), left_out
