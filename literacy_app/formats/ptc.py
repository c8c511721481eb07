"""The Propaganda Techniques Corpus (PTC) / SemEval-2020 Task 11 layout: `article<ID>.txt`
beside `article<ID>.labels.tsv`.

Researchers keep their data in this layout and run the organisers' scorers on it, so reading it
turns a corpus into lessons, and writing it lets the research scorer run on our keys and on
students' marks. A labels file holds one span per line, tab-separated: article id, technique,
start, end (task TC/FLC), or article id, start, end (task SI, no technique). The per-article
files of the SemEval release (`.task-flc-tc.labels`, `.task-si.labels`) are read too.

Offsets count code points of the article as Python's text mode reads it, which is how the
organisers' tools open the articles: UTF-8, a leading BOM dropped, CRLF or CR read as one line
break. The app keeps articles in NFC, so offsets into a text that is not are mapped line by
line (NFC never joins characters across a line break); what we write is already NFC with LF
line breaks, so offsets there mean the same in every reading.

Technique names map to categories by the taxonomy's aliases (the default taxonomy names every
SemEval-2020 technique), then by `EXTRA_NAMES` below; a name neither knows is a problem that
lists it, so nothing is filed under a guessed category.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.marks import Mark
from literacy_app.core.submission import Student, Submission
from literacy_app.core.taxonomy import Taxonomy, alias_key
from literacy_app.core.text import decode, sha256
from literacy_app.formats import limits
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.document import read_bytes
from literacy_app.formats.native import Loaded, default_taxonomy
from literacy_app.formats.standoff import Place, SourceMark, Standoff
from literacy_app.i18n import _

#: What `write_ptc` names a labels file; the SemEval release's names are read as well.
LABELS_SUFFIX = ".labels.tsv"
LABELS_SUFFIXES = (LABELS_SUFFIX, ".task-flc-tc.labels", ".task-si.labels")
TEXT_SUFFIX = ".txt"
#: An article id as file names carry it (the corpus uses digits); never a path.
ARTICLE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
_TEXT_NAME = re.compile(r"article([A-Za-z0-9_-]{1,100})\.txt")
_LABELS_NAME = re.compile(
    r"article([A-Za-z0-9_-]{1,100})(" + "|".join(re.escape(s) for s in LABELS_SUFFIXES) + ")"
)
_OFFSET = re.compile(r"[0-9]{1,15}")  # int() would also take "+5", "1_000" and "٣"
#: Errors reported per labels file before the rest are summed up in one line: a binary file
#: or a file of another kind would otherwise print a screenful per line.
MAX_PROBLEMS = 50

TC = "tc"  # article id, technique, start, end
SI = "si"  # article id, start, end

#: The fourteen techniques of SemEval-2020 Task 11 as its files write them, and the category
#: each is in the default taxonomy (whose aliases say the same; tests hold them together).
SEMEVAL_TECHNIQUES: dict[str, str] = {
    "Appeal_to_Authority": "appeal_to_authority",
    "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon",
    "Black-and-White_Fallacy": "black_and_white",
    "Causal_Oversimplification": "causal_oversimplification",
    "Doubt": "doubt",
    "Exaggeration,Minimisation": "exaggeration",
    "Flag-Waving": "flag_waving",
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling",
    "Repetition": "repetition",
    "Slogans": "slogans",
    "Thought-terminating_Cliches": "thought_terminating_cliche",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
}

#: Names from neighbouring releases that the taxonomy's aliases miss, and the category that
#: holds the same device: the 18-technique PTC (American spelling), and SemEval-2023 Task 3's
#: names, which keep this layout. Left out on purpose, reported when met: "Obfuscation,
#: Intentional_Vagueness,Confusion" (SemEval-2020 dropped it too), "Appeal_to_Values",
#: "Questioning_the_Reputation", "Appeal_to_Time": no category here means the same. A lesson
#: taxonomy may give any of them an alias (docs/formats.md).
EXTRA_NAMES: dict[str, str] = {
    "Exaggeration,Minimization": "exaggeration",
    "Exaggeration-Minimisation": "exaggeration",
    "Name_Calling-Labeling": "name_calling",
    "Appeal_to_Hypocrisy": "whataboutism",  # tu quoque
    "Straw_Man": "whataboutism",
    "Red_Herring": "whataboutism",
    "False_Dilemma-No_Choice": "black_and_white",
    "Conversation_Killer": "thought_terminating_cliche",
    "Appeal_to_Popularity": "bandwagon",
    "Guilt_by_Association": "bandwagon",  # Reductio ad Hitlerum is one kind
    "Consequential_Oversimplification": "causal_oversimplification",  # slippery slope
}


def _name_key(name: str) -> str:
    """Technique names match ignoring case and separators, commas included: releases write
    "Name_Calling,Labeling" and "Name_Calling-Labeling" for the same thing."""
    return alias_key(re.sub(r"[,/]+", "_", name))


_EXTRA_BY_KEY = {_name_key(name): category for name, category in EXTRA_NAMES.items()}
_NAME_OF = {category: name for name, category in SEMEVAL_TECHNIQUES.items()}


def technique_category(name: str, taxonomy: Taxonomy) -> str | None:
    """The category a technique name stands for, or None. The taxonomy first, so a lesson
    taxonomy's alias decides over the table."""
    found = taxonomy.resolve(name)
    if found is not None:
        return found
    mapped = _EXTRA_BY_KEY.get(_name_key(name))
    return taxonomy.resolve(mapped) if mapped else None


def technique_name(category: str) -> str:
    """What a labels file calls a category: its SemEval-2020 name, or (for the categories
    the task does not have) the category id itself, which this reader takes back."""
    return _NAME_OF.get(category, category)


def is_semeval_technique(name: str) -> bool:
    return name in SEMEVAL_TECHNIQUES


# --- article text and offsets -----------------------------------------------------------------


@dataclass(frozen=True)
class ArticleText:
    """An article file as the corpus counts it (`raw`) and as the app keeps it (`text`)."""

    raw: str
    text: str
    crlf: bool = False
    #: Where each line starts, in `raw` and in `text`, and whether NFC changed it: only kept
    #: when NFC changed something, and only changed lines cost a normalization per offset.
    _raw_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _text_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _changed: list[bool] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def of(cls, decoded: str) -> ArticleText:
        if decoded.startswith("\ufeff"):
            decoded = decoded[1:]
        crlf = "\r" in decoded
        raw = decoded.replace("\r\n", "\n").replace("\r", "\n")
        if unicodedata.is_normalized("NFC", raw):
            return cls(raw, raw, crlf)
        lines = raw.split("\n")
        fixed = [unicodedata.normalize("NFC", line) for line in lines]
        raw_starts, text_starts = [0], [0]
        for line, new in zip(lines[:-1], fixed[:-1], strict=True):
            raw_starts.append(raw_starts[-1] + len(line) + 1)
            text_starts.append(text_starts[-1] + len(new) + 1)
        changed = [line != new for line, new in zip(lines, fixed, strict=True)]
        return cls(raw, "\n".join(fixed), crlf, raw_starts, text_starts, changed)

    def offset(self, raw_offset: int) -> int:
        """Where a corpus offset falls in the NFC text (the same offset when nothing changed).
        Inside a changed line, an offset between a letter and its accent goes after both."""
        if not self._raw_starts:
            return raw_offset
        line = bisect.bisect_right(self._raw_starts, raw_offset) - 1
        start = self._raw_starts[line]
        if not self._changed[line]:
            return self._text_starts[line] + raw_offset - start
        within = self.raw[start:raw_offset]
        return self._text_starts[line] + len(unicodedata.normalize("NFC", within))


def read_article_text(path: Path) -> ArticleText:
    """An article file, or a FormatError that names it (not UTF-8, too large, not a file)."""
    decoded = decode(read_bytes(path, limits.MAX_ARTICLE_BYTES), path)
    if "\x00" in decoded:
        raise FormatError.single(path, _("binary data (NUL bytes): expected the article as text"))
    article = ArticleText.of(decoded)
    if not article.raw.strip():
        raise FormatError.single(path, _("the article is empty"))
    return article


# --- labels -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PtcSpan:
    """One labels line: offsets into the app's (NFC) text, the category ("" for SI files),
    and the technique as the file wrote it."""

    start: int
    end: int
    category: str = ""
    technique: str = ""
    line: int = 0


@dataclass(frozen=True)
class PtcArticle:
    article_id: str
    text: str  # as the lesson keeps it: NFC, LF line breaks
    spans: tuple[PtcSpan, ...]
    flavour: str  # TC or SI
    text_file: Path
    labels_file: Path

    @property
    def title(self) -> str:
        """The corpus puts the title on the first line."""
        return next((line.strip() for line in self.text.split("\n") if line.strip()), "")


class _Problems:
    """Problems of one file, capped (see MAX_PROBLEMS)."""

    def __init__(self, file: Path) -> None:
        self.file = str(file)
        self.found: list[Problem] = []
        self.dropped = 0

    def error(self, message: str, line: int = 1, column: int = 1) -> None:
        if sum(p.severity == "error" for p in self.found) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.found.append(Problem(self.file, message, line, column))

    def warn(self, message: str, line: int = 1, column: int = 1) -> None:
        self.found.append(Problem(self.file, message, line, column, severity="warning"))

    def done(self) -> list[Problem]:
        if self.dropped:
            self.found.append(
                Problem(
                    self.file,
                    _("... and {count} more problems like these").format(count=self.dropped),
                    1,
                    1,
                )
            )
        return self.found


def _fields(line: str) -> list[tuple[str, int]]:
    """Tab-separated fields, stripped of spaces, with the 1-based column each starts at."""
    fields = []
    column = 1
    for raw in line.split("\t"):
        stripped = raw.lstrip(" ")
        fields.append((stripped.rstrip(" "), column + len(raw) - len(stripped)))
        column += len(raw) + 1
    return fields


def parse_labels(
    source: str,
    file: Path,
    article_id: str,
    article: ArticleText,
    taxonomy: Taxonomy,
) -> tuple[list[PtcSpan], str, list[Problem]]:
    """The spans of one labels file, its flavour (TC or SI) and every problem with a line and
    column: wrong field count, an offset that is no whole number or lies outside the article,
    start not before end, another article's id, a technique no category stands for."""
    problems = _Problems(file)
    if source.startswith("\ufeff"):
        source = source[1:]
    if "\x00" in source:
        problems.error(_("binary data (NUL bytes): expected tab-separated text"))
        return [], TC, problems.done()
    flavour = ""
    spans: list[PtcSpan] = []
    unknown: dict[str, tuple[int, int]] = {}
    seen: dict[tuple[int, int, str], int] = {}
    length = len(article.raw)
    for number, line in enumerate(source.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        fields = _fields(line)
        if len(fields) not in (3, 4):
            problems.error(
                _(
                    "expected 4 tab-separated fields (article id, technique, start, end) or 3 "
                    "(article id, start, end), found {count}"
                ).format(count=len(fields)),
                number,
            )
            continue
        here = TC if len(fields) == 4 else SI
        if not flavour:
            flavour = here
        elif here != flavour:
            problems.error(
                _(
                    "{count} fields, where the lines before have {before}: one file holds one "
                    "task's labels"
                ).format(count=len(fields), before=4 if flavour == TC else 3),
                number,
            )
            continue
        (named, id_column), *middle, (start_text, start_column), (end_text, end_column) = fields
        if named != article_id:
            problems.error(
                _("the line names article {named}, the file is article {id}").format(
                    named=repr(named[:40]), id=repr(article_id)
                ),
                number,
                id_column,
            )
            continue
        category = technique = ""
        if middle:
            technique, column = middle[0]
            if not technique:
                problems.error(_("empty technique"), number, column)
                continue
            resolved = technique_category(technique, taxonomy)
            if resolved is None:
                unknown.setdefault(technique, (number, column))
                continue
            category = resolved
        bad = False
        offsets = []
        for text, column, what in (
            (start_text, start_column, "start"),
            (end_text, end_column, "end"),
        ):
            if not _OFFSET.fullmatch(text):
                problems.error(
                    _("{field}: expected a whole number, 0 or more, got {got}").format(
                        field=what, got=repr(text[:20])
                    ),
                    number,
                    column,
                )
                bad = True
            else:
                offsets.append(int(text))
        if bad:
            continue
        start, end = offsets
        if start >= end:
            problems.error(
                _("expected start < end, got {start} and {end}").format(start=start, end=end),
                number,
                start_column,
            )
            continue
        if end > length:
            problems.error(
                _("end {end} is beyond the article ({length} characters)").format(
                    end=end, length=length
                ),
                number,
                end_column,
            )
            continue
        span = PtcSpan(article.offset(start), article.offset(end), category, technique, number)
        if span.start >= span.end:
            problems.error(
                _("{start}-{end} covers only characters that NFC joins with the next").format(
                    start=start, end=end
                ),
                number,
                start_column,
            )
            continue
        again = (span.start, span.end, category)
        if again in seen:
            problems.warn(
                _("the same span as line {line}: left out").format(line=seen[again]), number
            )
            continue
        seen[again] = number
        spans.append(span)
    for name, (number, column) in unknown.items():
        problems.error(
            _(
                "unknown technique {name}: no category stands for it (give a category "
                "the alias in a lesson taxonomy, see docs/formats.md)"
            ).format(name=repr(name[:60])),
            number,
            column,
        )
    if len(unknown) > 1:
        names = ", ".join(repr(n[:60]) for n in sorted(unknown))
        problems.error(
            _("{count} unknown techniques: {names}").format(count=len(unknown), names=names)
        )
    return spans, flavour or TC, problems.done()


def article_id_of(path: Path) -> str | None:
    """The id in an `article<ID>.txt` or labels file name, None for any other name."""
    match = _TEXT_NAME.fullmatch(path.name) or _LABELS_NAME.fullmatch(path.name)
    return match.group(1) if match else None


def is_labels_file(path: Path) -> bool:
    return _LABELS_NAME.fullmatch(path.name) is not None


def read_article(
    text_file: Path, labels_file: Path, taxonomy: Taxonomy | None = None
) -> Loaded[PtcArticle]:
    """One article and its labels; FormatError with every problem when either is unusable."""
    taxonomy = taxonomy or default_taxonomy()
    article_id = article_id_of(text_file)
    if article_id is None or _TEXT_NAME.fullmatch(text_file.name) is None:
        raise FormatError.single(text_file, _("expected an article file named article<ID>.txt"))
    if article_id_of(labels_file) != article_id or not is_labels_file(labels_file):
        raise FormatError.single(
            labels_file,
            _("expected the labels of article {id}: {file}").format(
                id=repr(article_id), file=f"article{article_id}{LABELS_SUFFIX}"
            ),
        )
    article = read_article_text(text_file)
    source = decode(read_bytes(labels_file, limits.MAX_JSON_BYTES), labels_file)
    spans, flavour, problems = parse_labels(source, labels_file, article_id, article, taxonomy)
    if article.crlf:
        problems.insert(
            0,
            Problem(
                str(text_file),
                _(
                    "CRLF line breaks: offsets are counted with each line break as one "
                    "character, as Python's text mode reads the file"
                ),
                severity="warning",
            ),
        )
    if any(p.severity == "error" for p in problems):
        raise FormatError(problems)
    value = PtcArticle(article_id, article.text, tuple(spans), flavour, text_file, labels_file)
    return Loaded(value, problems)


def labels_beside(text_file: Path, labels_folder: Path | None = None) -> list[Path]:
    """The labels files of an article that exist, in the order of LABELS_SUFFIXES."""
    article_id = article_id_of(text_file)
    folder = labels_folder or text_file.parent
    return [
        folder / f"article{article_id}{suffix}"
        for suffix in LABELS_SUFFIXES
        if (folder / f"article{article_id}{suffix}").exists()
    ]


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as err:
        raise FormatError.single(
            folder, _("cannot read: {reason}").format(reason=err.strerror or err)
        ) from None


def read_folder(
    folder: Path, taxonomy: Taxonomy | None = None, labels_folder: Path | None = None
) -> Loaded[list[PtcArticle]]:
    """Every article of a folder with its labels (in `labels_folder` when the release keeps
    them apart), matched by id. An article without labels, labels without an article, and
    two labels files for one article are problems; all are reported together."""
    if not folder.is_dir():
        raise FormatError.single(folder, _("expected a folder of article<ID>.txt files"))
    labels_folder = labels_folder or folder
    texts: dict[str, Path] = {}
    for path in _listing(folder):
        match = _TEXT_NAME.fullmatch(path.name)
        if match and not path.is_dir():
            texts[match.group(1)] = path
    labels: dict[str, list[Path]] = {}
    for path in _listing(labels_folder):
        article_id = article_id_of(path)
        if article_id is not None and is_labels_file(path) and not path.is_dir():
            labels.setdefault(article_id, []).append(path)
    problems: list[Problem] = []
    for article_id, paths in sorted(labels.items()):
        if article_id not in texts:
            problems.append(
                Problem(
                    str(paths[0]),
                    _("labels without an article: no {file}").format(
                        file=f"article{article_id}.txt"
                    ),
                )
            )
        elif len(paths) > 1:
            problems.append(
                Problem(
                    str(paths[1]),
                    _("a second labels file for article {id} (after {first}): keep one").format(
                        id=article_id, first=paths[0].name
                    ),
                )
            )
    articles: list[PtcArticle] = []
    for article_id, path in sorted(texts.items()):
        found = labels.get(article_id)
        if not found:
            problems.append(
                Problem(
                    str(path),
                    _(
                        "an article without labels: expected {file} (empty if it has no spans)"
                    ).format(file=f"article{article_id}{LABELS_SUFFIX}"),
                )
            )
            continue
        try:
            loaded = read_article(path, found[0], taxonomy)
        except FormatError as err:
            problems.extend(err.problems)
            continue
        problems.extend(loaded.warnings)
        articles.append(loaded.value)
    if not texts and not labels:
        problems.append(
            Problem(str(folder), _("no article<ID>.txt files with labels in the folder"))
        )
    if any(p.severity == "error" for p in problems):
        raise FormatError(problems)
    return Loaded(articles, problems)


# --- into the app's keys and submissions ------------------------------------------------------


def _marks(article: PtcArticle, text: str, si_category: str | None, stem: str) -> list[Mark]:
    """The spans as marks on `text` (the lesson's article), ids `<stem>1`, `<stem>2`, ...

    `text` must begin with the corpus article (the lesson adds a final line break)."""
    if not text.startswith(article.text.rstrip("\n")):
        raise FormatError.single(
            article.text_file, _("this is not the lesson's article: the offsets would not fit")
        )
    if article.flavour == SI and not si_category and article.spans:
        raise FormatError.single(
            article.labels_file,
            _("these are task SI labels (no technique): say which category the spans are"),
        )
    return [
        Mark(f"{stem}{n}", s.start, s.end, s.category or si_category or "").with_context(text)
        for n, s in enumerate(sorted(article.spans, key=lambda s: (s.start, s.end)), start=1)
    ]


def key_from_ptc(
    article: PtcArticle, text: str, lesson_id: str = "", si_category: str | None = None
) -> AnswerKey:
    """A key whose items are the corpus spans, rationales empty (`check` flags each)."""
    items = tuple(KeyItem(mark, rationale="") for mark in _marks(article, text, si_category, "k"))
    return AnswerKey(items, lesson=lesson_id, article_sha256=sha256(text))


def submission_from_ptc(
    article: PtcArticle,
    text: str,
    lesson_id: str = "",
    student: Student | None = None,
    si_category: str | None = None,
) -> Submission:
    marks = tuple(_marks(article, text, si_category, "m"))
    return Submission(marks, lesson_id, sha256(text), student or Student())


# --- for `literacy-app import` -----------------------------------------------------------------


def claims(path: Path) -> bool:
    """Whether `import` takes `path` as PTC: a labels file, an article<ID>.txt with its
    labels beside it, or a folder that holds labels files."""
    if path.is_dir():
        try:
            return any(is_labels_file(p) for p in path.iterdir())
        except OSError:  # unreadable: the reader that is chosen says so
            return False
    if is_labels_file(path):
        return True
    return _TEXT_NAME.fullmatch(path.name) is not None and bool(labels_beside(path))


def read_standoffs(path: Path, taxonomy: Taxonomy) -> list[Standoff]:
    """A folder, an article or a labels file as stand-off articles (formats/standoff.py), each
    named article<ID> so the lessons made from them go back under the corpus name. SI labels
    name no technique, so they cannot become marks: a problem, not a guess."""
    if path.is_dir():
        loaded = read_folder(path, taxonomy)
    else:
        article_id = article_id_of(path)
        if article_id is None:
            raise FormatError.single(path, _("expected article<ID>.txt or article<ID>.labels.tsv"))
        text_file = path.with_name(f"article{article_id}{TEXT_SUFFIX}")
        labels = [path] if is_labels_file(path) else labels_beside(text_file)
        if not labels:
            raise FormatError.single(
                path,
                _("no labels beside it: expected {file}").format(
                    file=f"article{article_id}{LABELS_SUFFIX}"
                ),
            )
        one = read_article(text_file, labels[0], taxonomy)
        loaded = Loaded([one.value], one.warnings)
    si = [a for a in loaded.value if a.flavour == SI and a.spans]
    if si:
        raise FormatError(
            Problem(
                str(a.labels_file),
                _(
                    "task SI labels name no technique, so they cannot become marks: import the "
                    "task TC/FLC labels of the same articles"
                ),
            )
            for a in si
        )
    result = []
    for article in loaded.value:
        files = {str(article.text_file), str(article.labels_file)}
        marks = tuple(
            SourceMark(
                Mark(f"m{n}", s.start, s.end, s.category).with_context(article.text),
                Place(str(article.labels_file), s.line),
            )
            for n, s in enumerate(sorted(article.spans, key=lambda s: (s.start, s.end)), 1)
        )
        result.append(
            Standoff(
                file=str(article.labels_file),
                text=article.text,
                marks=marks,
                warnings=tuple(w for w in loaded.warnings if w.file in files),
                title=article.title,
                name=f"article{article.article_id}",
            )
        )
    return result


# --- writing ----------------------------------------------------------------------------------


SpanLike = tuple[int, int, str]


def key_spans(key: AnswerKey) -> list[SpanLike]:
    return [(item.start, item.end, item.category) for item in key.items]


def submission_spans(submission: Submission) -> list[SpanLike]:
    return [(mark.start, mark.end, mark.category) for mark in submission.marks]


def article_id_for(lesson_id: str) -> str:
    """The corpus id a lesson is written under: lessons made from the corpus are called
    article<ID> and go back under the same name; any other lesson keeps its id."""
    match = re.fullmatch(r"article([A-Za-z0-9_-]+)", lesson_id)
    return match.group(1) if match else lesson_id


def write_ptc(
    folder: Path,
    article_id: str,
    text: str,
    spans: Iterable[SpanLike],
    flavour: str = TC,
    on_warning: Callable[[Problem], None] | None = None,
) -> tuple[Path, Path]:
    """Write article<ID>.txt and article<ID>.labels.tsv (each write-then-rename), spans sorted
    by place; returns both paths. `text` is the lesson's article (NFC, LF line breaks), so its
    offsets are what any reader of the .txt counts.

    A category SemEval-2020 has no technique for is written under its own id, which this reader
    takes back but the organisers' TC scorer refuses: `on_warning` hears of each one."""
    if flavour not in (TC, SI):
        raise ValueError(f"flavour: expected {TC!r} or {SI!r}, got {flavour!r}")
    if "\r" in text or text.startswith("\ufeff") or not unicodedata.is_normalized("NFC", text):
        raise ValueError("expected the article as the app keeps it (NFC, LF line breaks)")
    if not ARTICLE_ID.fullmatch(article_id):
        raise FormatError.single(
            folder,
            _(
                "article id {id}: expected letters, digits, '-' and '_' (it becomes a file name)"
            ).format(id=repr(article_id[:60])),
        )
    rows = sorted(set(spans))
    lines = []
    strangers: set[str] = set()
    for start, end, category in rows:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}-{end} does not fit the article ({len(text)})")
        if flavour == SI:
            lines.append(f"{article_id}\t{start}\t{end}\n")
            continue
        name = technique_name(category)
        if not is_semeval_technique(name):
            strangers.add(name)
        lines.append(f"{article_id}\t{name}\t{start}\t{end}\n")
    if flavour == SI:
        lines = list(dict.fromkeys(lines))  # one line per span, whatever categories it had
    text_path = folder / f"article{article_id}{TEXT_SUFFIX}"
    labels_path = folder / f"article{article_id}{LABELS_SUFFIX}"
    atomic_write(text_path, text)
    atomic_write(labels_path, "".join(lines))
    if on_warning is not None:
        for name in sorted(strangers):
            on_warning(
                Problem(
                    str(labels_path),
                    _(
                        "category {name} is not a SemEval-2020 technique: written under its "
                        "own name, which the organisers' TC scorer does not accept"
                    ).format(name=repr(name)),
                    severity="warning",
                )
            )
    return text_path, labels_path
