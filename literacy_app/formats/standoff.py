"""Stand-off annotations from other tools (brat, Label Studio): a text of their own, marks
counted in it, and the way both reach a lesson.

Those tools count offsets in the file's text as they read it: CRLF kept as two characters, a
byte-order mark as one. The app counts in its one normalized form (core/text.py). `SourceText`
maps between the two exactly where it can (a dropped BOM or CR shifts what follows by one) and
places each mark again by its quote (core/anchoring.py) where NFC changed the characters;
`place_on` then puts the marks on a lesson's article, which may be a slightly different copy.
Every problem keeps the place of the annotation it is about (file, line, column, JSON path).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from literacy_app.core.anchoring import AnchorBudget, AnchorStatus, anchor_mark
from literacy_app.core.errors import Problem
from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.marks import Mark, next_mark_id
from literacy_app.core.taxonomy import Taxonomy, alias_key
from literacy_app.core.text import BOM
from literacy_app.i18n import _

#: Problems reported for one file before reading stops: a wrong or binary file would
#: otherwise print one line per line of it.
MAX_PROBLEMS = 50


@dataclass(frozen=True, slots=True)
class Place:
    """Where an annotation stands in its file, for the problems about it."""

    file: str
    line: int = 1
    column: int = 1
    json_path: str = ""

    def problem(self, message: str, severity: str = "error") -> Problem:
        return Problem(self.file, message, self.line, self.column, self.json_path, severity)


@dataclass(frozen=True, slots=True)
class SourceMark:
    """A mark in the app's offsets, with the place of the annotation it was read from."""

    mark: Mark
    place: Place


@dataclass(frozen=True)
class Standoff:
    """One article read from another tool's files, its marks on its normalized text."""

    file: str
    text: str
    marks: tuple[SourceMark, ...]
    warnings: tuple[Problem, ...] = ()
    title: str = ""
    name: str = ""  # what the source calls the article (file stem, task id): names outputs
    student: str = ""


class Problems:
    """Problems of one file, capped at MAX_PROBLEMS errors (see there)."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.full = False

    def add(self, problem: Problem) -> None:
        errors = sum(1 for p in self.items if p.severity == "error")
        if problem.severity == "error" and errors >= MAX_PROBLEMS:
            if not self.full:
                self.full = True
                self.items.append(
                    replace(
                        problem,
                        message=_("more than {limit} problems; stopped here").format(
                            limit=MAX_PROBLEMS
                        ),
                    )
                )
            return
        self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]


_CRLF = re.compile("\r\n")


class SourceText:
    """A tool's text and the app's normalized form of it, with offsets mapped between them."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        removed = [0] if raw.startswith(BOM) else []
        removed.extend(m.start() for m in _CRLF.finditer(raw))  # the CR of each CRLF
        self._removed = removed
        plain = raw[1:] if raw.startswith(BOM) else raw
        plain = plain.replace("\r\n", "\n").replace("\r", "\n")
        self.text = unicodedata.normalize("NFC", plain)
        self.exact = self.text == plain  # NFC changed nothing: the map is exact
        self.lone_cr = "\r" in raw.replace("\r\n", "")

    def offset(self, raw_offset: int) -> int:
        """The app's offset for an offset into the raw text (exact unless NFC changed it)."""
        return raw_offset - bisect.bisect_left(self._removed, raw_offset)

    @property
    def differences(self) -> list[str]:
        """What the app reads differently, in the current language."""
        found = []
        if self.raw.startswith(BOM):
            found.append(_("a byte-order mark"))
        if self._removed[1 if self.raw.startswith(BOM) else 0 :]:
            found.append(_("Windows line ends (CRLF)"))
        if self.lone_cr:
            found.append(_("old Mac line ends (CR)"))
        if not self.exact:
            found.append(_("characters not in NFC form"))
        return found

    def mark(self, mark_id: str, start: int, end: int, category: str, note: str) -> Mark | None:
        """A mark at raw [start, end) in the app's offsets; None if it cannot be placed."""
        begin, finish = self.offset(start), self.offset(end)
        if self.exact:
            return Mark(mark_id, begin, finish, category, note).with_context(self.text)
        quote = unicodedata.normalize("NFC", self.raw[start:end].replace("\r\n", "\n"))
        guess = Mark(mark_id, begin, begin + len(quote), category, note, quote)
        anchored = anchor_mark(self.text, guess)
        if anchored.status is AnchorStatus.ORPHAN:
            return None
        return anchored.mark.with_context(self.text)

    def mapped_warning(self, file: str, tool: str) -> Problem | None:
        """Said once per file whose text the app reads differently from the tool."""
        if not self.differences:
            return None
        found = self.differences
        joined = found[0]
        for difference in found[1:]:
            joined = _("{first} and {second}").format(first=joined, second=difference)
        return Problem(
            file,
            _(
                "the text has {differences}: offsets counted as {tool} counts them were mapped "
                "onto the app's normalized text (LF line ends, NFC) and each mark checked by "
                "its quote"
            ).format(differences=joined, tool=tool),
            severity="warning",
        )


def resolve_label(taxonomy: Taxonomy, label: str) -> str | None:
    """A category id for another tool's label: an id or alias (PTC technique names are
    aliases of the default taxonomy), else a category's display name ("Loaded language")."""
    found = taxonomy.resolve(label)
    if found is not None:
        return found
    wanted = alias_key(label)
    return next((c.id for c in taxonomy if alias_key(c.name) == wanted), None)


def unknown_label(taxonomy: Taxonomy, label: str) -> str:
    return _("unknown label {label}; known labels: {known}").format(
        label=repr(label[:80]), known=", ".join(taxonomy.ids)
    )


def unique_id(wanted: str, used: set[str]) -> str:
    """The source's own id when it is usable, so problems and files can be compared."""
    chosen = wanted if wanted and wanted not in used else next_mark_id(used)
    used.add(chosen)
    return chosen


def one_line(text: str) -> str:
    """Text for formats that hold one line per annotation: line breaks and tabs as spaces."""
    return re.sub(r"[\r\n\t\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", text)


@dataclass(frozen=True)
class Placed:
    marks: tuple[Mark, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def place_on(article: str, standoff: Standoff, orphans_are_errors: bool) -> Placed:
    """The marks of `standoff` on a lesson's article. The same text (an article.txt also ends
    in a newline) keeps every offset; another copy is placed by quote and context, each move
    said at the annotation's place; a mark not found is an error for a key (every student
    would lose it) and a warning for a submission."""
    problems: list[Problem] = []
    marks: list[Mark] = []
    same = article.rstrip("\n") == standoff.text.rstrip("\n")
    if not same:
        problems.append(
            Problem(
                standoff.file,
                _("the text differs from the lesson's article: marks were placed by their quotes"),
                severity="warning",
            )
        )
    budget = AnchorBudget()
    for source in standoff.marks:
        anchored = anchor_mark(article, source.mark, budget)
        if anchored.status is AnchorStatus.ORPHAN:
            if orphans_are_errors:
                message = _("mark {id} ({quote}) not found in the article (an orphan key item)")
            else:
                message = _("mark {id} ({quote}) not found in the article: left out")
            problems.append(
                source.place.problem(
                    message.format(id=repr(source.mark.id), quote=repr(source.mark.quote[:40])),
                    "error" if orphans_are_errors else "warning",
                )
            )
            continue
        if anchored.status is not AnchorStatus.EXACT:
            problems.append(
                source.place.problem(
                    _("mark {id} placed by its quote ({how})").format(
                        id=repr(source.mark.id), how=anchored.status.value
                    ),
                    "warning",
                )
            )
        marks.append(anchored.mark.with_context(article))
    if standoff.marks and not marks:
        problems.append(
            Problem(
                standoff.file,
                _(
                    "none of its {count} marks is in the lesson's article: is it the right lesson?"
                ).format(count=len(standoff.marks)),
            )
        )
    return Placed(tuple(marks), tuple(problems))


def key_of(marks: Sequence[Mark], lesson: str, article_sha256: str) -> AnswerKey:
    """A key whose items are `marks`; a mark's note is its item's rationale (what brat and
    Label Studio notes hold for a key, and what exporting a key writes there)."""
    items = tuple(KeyItem(mark=replace(m, note=""), rationale=m.note) for m in marks)
    return AnswerKey(items, lesson=lesson, article_sha256=article_sha256)


def key_marks(key: AnswerKey) -> tuple[Mark, ...]:
    """A key's items as marks for a stand-off file, the rationale as the note."""
    return tuple(replace(item.mark, note=item.rationale) for item in key.items)
