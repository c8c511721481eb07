"""brat standoff: an article's `.txt` beside a `.ann` of annotations, one per line.

Only text-bound annotations (`T1<TAB>Label START END<TAB>text`) and their notes
(`#1<TAB>AnnotatorNotes T1<TAB>note`) mean something here. A discontinuous span
(`START END;START END`) is refused at its line: the app marks one continuous stretch, and
merging the fragments would mark words the annotator left out. Relations, events, attributes
and normalizations are counted and left, with one warning. Offsets are code points of the
.txt as brat reads it (CRLF two characters): standoff.SourceText maps them to the app's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from literacy_app.core.errors import FormatError
from literacy_app.core.marks import Mark
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.core.text import decode
from literacy_app.formats import limits
from literacy_app.formats.document import read_bytes
from literacy_app.formats.standoff import (
    Place,
    Problems,
    SourceMark,
    SourceText,
    Standoff,
    one_line,
    resolve_label,
    unique_id,
    unknown_label,
)
from literacy_app.i18n import N_, _

__all__ = ["parse_brat", "read_brat", "text_path_of", "to_brat"]

#: The kinds of line a .ann holds (brat's documentation), by first character.
_KINDS = {
    "T": N_("text-bound annotations (T)"),
    "R": N_("relations (R)"),
    "E": N_("events (E)"),
    "A": N_("attributes (A)"),
    "M": N_("modifications (M)"),
    "N": N_("normalizations (N)"),
    "*": N_("equivalences (*)"),
    "#": N_("notes (#)"),
}
_OFFSETS = re.compile(r"\d+ \d+")
_NEWLINES = re.compile(r"\r\n|[\r\n]")


def text_path_of(ann: Path) -> Path:
    return ann.with_suffix(".txt")


def read_brat(ann: Path, taxonomy: Taxonomy, txt: Path | None = None) -> Standoff:
    """The article and marks of a `.ann` and its `.txt` (by default the same name beside it)."""
    txt = txt if txt is not None else text_path_of(ann)
    if not txt.exists() and not txt.is_symlink():
        raise FormatError.single(
            ann,
            _("no text beside it: brat keeps the article in {name}, which is missing").format(
                name=txt.name
            ),
        )
    raw = decode(read_bytes(txt, limits.MAX_ARTICLE_BYTES), txt)
    annotations = decode(read_bytes(ann, limits.MAX_JSON_BYTES), ann)
    return parse_brat(annotations, str(ann), raw, str(txt), taxonomy)


def parse_brat(
    annotations: str, ann_file: str, raw_text: str, txt_file: str, taxonomy: Taxonomy
) -> Standoff:
    """Raises FormatError with every problem (file, line, column) when any line is wrong."""
    source = SourceText(raw_text)
    if not source.text.strip():
        raise FormatError.single(txt_file, _("the text is empty: no article to mark"))
    problems = Problems()
    spans: list[tuple[str, int, int, str, Place]] = []  # id, start, end, category, place
    notes: dict[str, list[str]] = {}
    ignored: Counter[str] = Counter()
    first_ignored = 0
    seen: set[str] = set()
    declared: set[str] = set()  # every T id, read or refused: its notes are not strays
    note_lines: dict[str, int] = {}
    for number, line in enumerate(annotations.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            declared.add(line.split("\t", 1)[0])
            read = _text_bound(line, number, ann_file, source, taxonomy, problems)
            if read is not None:
                if read[0] in seen:
                    duplicate = _("duplicate id {id}").format(id=repr(read[0]))
                    problems.add(Place(ann_file, number).problem(duplicate))
                    continue
                seen.add(read[0])
                spans.append(read)
        elif kind == "#":
            fields = line.split("\t")
            target = fields[1].split(" ") if len(fields) >= 2 else []
            if len(fields) == 3 and len(target) == 2 and target[0] == "AnnotatorNotes":
                notes.setdefault(target[1], []).append(fields[2])
                note_lines.setdefault(target[1], number)
            elif len(fields) >= 2 and len(target) == 2:
                ignored["#"] += 1  # another kind of comment: nothing the app keeps
                first_ignored = first_ignored or number
            else:
                problems.add(
                    Place(ann_file, number).problem(
                        _("expected a note as #ID<TAB>AnnotatorNotes T<n><TAB>text")
                    )
                )
        elif kind in _KINDS:
            ignored[kind] += 1
            first_ignored = first_ignored or number
        else:
            problems.add(
                Place(ann_file, number).problem(
                    _("not a brat annotation line (expected T, R, E, A, M, N, * or # first)")
                )
            )
    _stray_notes(note_lines, declared, ann_file, problems)
    if ignored:
        counts = ", ".join(f"{n} {_(_KINDS[k])}" for k, n in sorted(ignored.items()))
        problems.add(
            Place(ann_file, first_ignored).problem(
                _(
                    "ignored {count} annotations the app has no use for ({counts}): "
                    "only text-bound annotations (T) and their notes are imported"
                ).format(count=sum(ignored.values()), counts=counts),
                "warning",
            )
        )
    if problems.errors:
        raise FormatError(problems.items)
    used: set[str] = set()
    marks: list[SourceMark] = []
    for mark_id, start, end, category, place in spans:
        note = "\n".join(notes.get(mark_id, ()))
        mark = source.mark(unique_id(mark_id, used), start, end, category, note)
        if mark is None:
            problems.add(place.problem(_("its text cannot be found in the normalized article")))
            continue
        marks.append(SourceMark(mark, place))
    if problems.errors:
        raise FormatError(problems.items)
    warnings = list(problems.warnings)
    mapped = source.mapped_warning(txt_file, "brat")
    if mapped is not None:
        warnings.insert(0, mapped)
    return Standoff(
        file=ann_file,
        text=source.text,
        marks=tuple(marks),
        warnings=tuple(warnings),
        title=_title(source.text),
        name=Path(ann_file).stem,
    )


def _text_bound(
    line: str,
    number: int,
    file: str,
    source: SourceText,
    taxonomy: Taxonomy,
    problems: Problems,
) -> tuple[str, int, int, str, Place] | None:
    fields = line.split("\t", 2)
    if len(fields) < 2 or " " not in fields[1]:
        problems.add(
            Place(file, number).problem(
                _("expected T<n><TAB>LABEL START END<TAB>TEXT (tab-separated)")
            )
        )
        return None
    mark_id, middle = fields[0], fields[1]
    label, offsets = middle.split(" ", 1)
    label_column = len(mark_id) + 2
    offsets_place = Place(file, number, label_column + len(label) + 1)
    if ";" in offsets:
        fragments = offsets.count(";") + 1
        problems.add(
            offsets_place.problem(
                _(
                    "discontinuous span {offsets} ({fragments} fragments): the app marks one "
                    "continuous stretch of text; split it into separate annotations in brat"
                ).format(offsets=repr(offsets[:60]), fragments=fragments)
            )
        )
        return None
    if not _OFFSETS.fullmatch(offsets):
        problems.add(
            offsets_place.problem(
                _("expected START END as whole numbers, got {got}").format(got=repr(offsets[:60]))
            )
        )
        return None
    start, end = (int(n) for n in offsets.split(" "))
    length = len(source.raw)
    if not start < end <= length:
        problems.add(
            offsets_place.problem(
                _(
                    "span {start}-{end} is not within the text ({length} characters, start < end)"
                ).format(start=start, end=end, length=length)
            )
        )
        return None
    category = resolve_label(taxonomy, label)
    if category is None:
        problems.add(Place(file, number, label_column).problem(unknown_label(taxonomy, label)))
        return None
    if len(fields) == 3:
        said, actual = fields[2], source.raw[start:end]
        if said not in (actual, _flat(actual)):
            problems.add(
                Place(file, number, len(mark_id) + len(middle) + 3).problem(
                    _(
                        "the annotation's text {said} does not match the .txt at "
                        "{start}-{end}, which has {actual}"
                    ).format(said=repr(said[:40]), start=start, end=end, actual=repr(actual[:40]))
                )
            )
            return None
    return mark_id, start, end, category, Place(file, number)


def _stray_notes(lines: dict[str, int], ids: set[str], file: str, problems: Problems) -> None:
    strays = sorted(set(lines) - ids, key=lambda target: lines[target])
    if strays:
        problems.add(
            Place(file, lines[strays[0]]).problem(
                _(
                    "{count} notes on annotations that are not text-bound (T) or not in "
                    "the file ignored: on {targets}"
                ).format(count=len(strays), targets=", ".join(s[:20] for s in strays[:10])),
                "warning",
            )
        )


def _flat(text: str) -> str:
    """A span's text as a .ann line holds it: each line break (CRLF too) one space."""
    return one_line(_NEWLINES.sub(" ", text))


def _title(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:200]


def to_brat(text: str, marks: Sequence[Mark]) -> tuple[str, str]:
    """(.txt, .ann) for the marks on `text`, which is written as it is (the app's normalized
    text: LF line ends, so offsets agree). Labels are category ids (brat labels hold no
    spaces); a note becomes an AnnotatorNotes line, on one line as brat needs; ids are T1...
    in the order given."""
    lines: list[str] = []
    for number, mark in enumerate(marks, start=1):
        quote = _flat(text[mark.start : mark.end])
        lines.append(f"T{number}\t{mark.category} {mark.start} {mark.end}\t{quote}")
        if mark.note:
            lines.append(f"#{number}\tAnnotatorNotes T{number}\t{one_line(mark.note)}")
    return text, "".join(line + "\n" for line in lines)
