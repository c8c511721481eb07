"""The class report: one self-contained HTML page an instructor prints or files after a lesson.

It says on paper what `review` says in a terminal: the gradebook, how scores spread, how the
class did on each key item, where in the article students marked (a heat map), passages many
marked that the key lacks, and how far they agree. The page holds everything itself (no
scripts, no style sheets or images from elsewhere): it is opened years later from an archive,
mailed, or printed through Qt's QTextDocument (gui/report_pdf.py), which understands only a
subset of HTML 4 and CSS. That is why bars are table cells (QTextDocument draws no SVG) and
styles that matter are written inline (its support for style sheets is partial).

Print-safe: no fact is told by colour alone. Every bar has its numbers beside it; the heat
map's shades darken in one hue (their order survives a greyscale printer), the busiest
stretches are also underlined and bold, each paragraph gives its peak as a number, and a
legend turns shades into counts of students.
"""

from __future__ import annotations

import bisect
import html
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from literacy_app.batch import Batch
from literacy_app.core.classstats import ClassReview, ItemStat, Segment, plain_words
from literacy_app.core.errors import printable
from literacy_app.core.lesson import Lesson
from literacy_app.i18n import N_, _, decimal, ngettext
from literacy_app.reports.cells import scrub
from literacy_app.reports.printable import page, paragraphs

#: Heat-map shades, lightest (nobody) to darkest (more than 80% of the class): one hue whose
#: lightness falls steadily, so that a greyscale print keeps the order.
SHADES = ("#ffffff", "#fff4cc", "#fde08e", "#f8bd5a", "#ec9446", "#d46f32")
LEVELS = len(SHADES) - 1  # shaded levels, each a fifth of the class
#: Item outcomes in the stacked bars, darkest (found) to lightest (missed), in the order the
#: numbers are printed beside them. The names are shown in the legend (translated there).
OUTCOME_SHADES = (
    (N_("found"), "#2f6b3a"),
    (N_("mislabeled"), "#7fa86b"),
    (N_("imprecise"), "#c9dcb5"),
    (N_("missed"), "#ffffff"),
)
BREAK = "page-break-before: always"
NOWRAP = ' style="white-space: nowrap"'

STYLE = """
body { max-width: 64em; }
p.note { color: #333333; font-size: 9pt; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8.5pt;
  line-height: 1.2; vertical-align: top; }
table.grid th { background-color: #eeeeee; text-align: left; }
td.fig, th.fig { text-align: right; white-space: nowrap; }
@media print { h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
"""


def _t(text: str) -> str:
    """Text from a file (a name, an id, a quote) as HTML: control characters shown as escapes,
    markup characters escaped, so a student's name can never inject a tag or a script."""
    return html.escape(printable(text), quote=True)


def _quote(text: str) -> str:
    """A quote on one line: line breaks inside it read as spaces."""
    return _t(" ".join(text.split()))


def _pct(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}%" if total else "0%"


def _figure(value: float | None, decimals: int = 1) -> str:
    return _("n/a") if value is None else f"{value:.{decimals}f}"


def _widths(parts: Sequence[int]) -> list[int]:
    """Whole percentages for a stacked bar that add up to exactly 100 (largest remainders):
    a table whose cells sum to 99% or 101% draws a ragged bar."""
    total = sum(parts)
    if total <= 0:
        return [0] * len(parts)
    exact = [100 * p / total for p in parts]
    whole = [math.floor(x) for x in exact]
    order = sorted(range(len(parts)), key=lambda i: (whole[i] - exact[i], i))
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def _bar(parts: Sequence[tuple[int, str]], width: str = "100%") -> str:
    """A horizontal bar of table cells, one per (count, shade); cells of nothing are left out."""
    widths = _widths([count for count, _ in parts])
    cells = "".join(
        f'<td width="{w}%" style="background-color:{shade}; font-size:6pt">&nbsp;</td>'
        for w, (_, shade) in zip(widths, parts, strict=True)
        if w > 0
    )
    if not cells:
        cells = '<td width="100%" style="font-size:6pt">&nbsp;</td>'
    return (
        f'<table width="{width}" cellspacing="0" cellpadding="0" border="1" '
        f'style="border-collapse: collapse; border: 1px solid #555"><tr>{cells}</tr></table>'
    )


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: set[int],
    width: str | None = "100%",
    whole: frozenset[int] = frozenset(),
    widths: Sequence[str] = (),
) -> str:
    """A bordered table; cells are HTML already (escaped by the caller). Numbers (`numeric`)
    are right-aligned; they, the headings and the columns in `whole` never wrap."""

    def cls(i: int) -> str:
        return ' class="fig" align="right"' if i in numeric else ""

    def size(i: int) -> str:
        return f' width="{widths[i]}"' if i < len(widths) and widths[i] else ""

    head = "".join(f"<th{cls(i)}{size(i)}{NOWRAP}>{h}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>"
        + "".join(f"<td{cls(i)}{NOWRAP if i in whole else ''}>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    wide = f' width="{width}"' if width else ""
    return (
        f'<table class="grid" border="1" cellspacing="0" cellpadding="3"{wide}>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _heading(text: str, new_page: bool = False) -> str:
    style = f' style="{BREAK}"' if new_page else ""
    return f"<h2{style}>{text}</h2>"


# --- sections ---------------------------------------------------------------------------------


def _title(lesson: Lesson, review: ClassReview, batch: Batch[Any], today: date) -> str:
    assert lesson.key is not None
    students = len(review.gradebook)
    meta = " &middot; ".join(
        (
            _("Class report"),
            _("lesson {id}").format(id=_t(lesson.id)),
            today.isoformat(),
            ngettext("{count} student", "{count} students", students).format(count=students),
            _("{count} key items").format(count=len(lesson.key.items)),
        )
    )
    notes = []
    if batch.rejected:
        notes.append(
            _("{count} file(s) could not be used and are left out: {files}").format(
                count=len(batch.rejected),
                files=", ".join(_t(str(r.file)) for r in batch.rejected),
            )
        )
    if batch.set_aside:
        notes.append(
            _(
                "{count} earlier submission(s) set aside: each student counts once, with their "
                "latest."
            ).format(count=len(batch.set_aside))
        )
    note = "".join(f'<p class="note">{n}</p>' for n in notes)
    return f'<h1>{_t(lesson.title)}</h1><p class="meta">{meta}</p>{note}'


def _gradebook(review: ClassReview) -> str:
    if not review.gradebook:
        return _heading(_("Gradebook")) + "<p>" + _("No submissions were graded.") + "</p>"
    no_name = "<i>" + _("(no name)") + "</i>"
    rows = [
        [
            _t(r.student) if r.student else no_name,
            _t(r.student_id),
            decimal(f"{r.score:.1f}"),
            str(r.found),
            str(r.mislabeled),
            str(r.imprecise),
            str(r.missed),
            str(r.attempts),
        ]
        for r in review.gradebook
    ]
    header = [
        _("Student"),
        _("ID"),
        _("Score"),
        _("Found"),
        _("Mislabeled"),
        _("Imprecise"),
        _("Missed"),
        _("Attempts"),
    ]
    note = _(
        "Score is 0-100: the share of the required key items' credit, after any penalty for "
        "marks the key does not hold. Found, mislabeled, imprecise and missed count key items."
    )
    return (
        _heading(_("Gradebook"))
        + f'<p class="note">{note}</p>'
        + _table(header, rows, {2, 3, 4, 5, 6, 7}, width=None, whole=frozenset({1}))
    )


@dataclass(frozen=True)
class Spread:
    """How the scores spread: what a teacher reads before the list of names."""

    count: int
    mean: float | None
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    lowest: float | None
    highest: float | None


def spread(scores: Sequence[float]) -> Spread:
    """Quartiles by the inclusive method (as a spreadsheet's QUARTILE): a class of one has
    every quartile at its one score, and no class gives a quartile outside its scores."""
    if not scores:
        return Spread(0, None, None, None, None, None, None)
    ordered = sorted(scores)
    if len(ordered) == 1:
        lower = upper = ordered[0]
    else:
        lower, _middle, upper = statistics.quantiles(ordered, n=4, method="inclusive")
    return Spread(
        len(ordered),
        statistics.fmean(ordered),
        statistics.median(ordered),
        lower,
        upper,
        ordered[0],
        ordered[-1],
    )


def _distribution(review: ClassReview) -> str:
    scores = [r.score for r in review.gradebook]
    s = spread(scores)
    stats = _table(
        [
            _("Students"),
            _("Mean"),
            _("Median"),
            _("Lower quartile"),
            _("Upper quartile"),
            _("Lowest"),
            _("Highest"),
        ],
        [
            [
                str(s.count),
                _figure(s.mean),
                _figure(s.median),
                _figure(s.lower_quartile),
                _figure(s.upper_quartile),
                _figure(s.lowest),
                _figure(s.highest),
            ]
        ],
        set(range(7)),
    )
    bands = [0] * 10
    for score in scores:
        bands[min(9, max(0, int(score // 10)))] += 1
    most = max(bands) or 1
    rows = [
        [
            f"{10 * i}-{10 * i + 9 if i < 9 else 100}",
            str(n),
            _bar([(n, "#555555"), (most - n, "#ffffff")]) if n else "",
        ]
        for i, n in enumerate(bands)
    ]
    histogram = _table(
        [_("Score"), _("Students"), "&nbsp;"], rows, {1}, widths=("12%", "12%", "76%")
    )
    return _heading(_("Score distribution")) + stats + "<p></p>" + histogram


def _category_name(lesson: Lesson, category: str) -> str:
    found = lesson.taxonomy.get(category)
    return found.display_name if found else category


def _item_row(lesson: Lesson, stat: ItemStat) -> list[str]:
    n = stat.students
    counts = (stat.found, stat.mislabeled, stat.imprecise, stat.missed)
    category = _t(_category_name(lesson, stat.category))
    if not stat.required:
        category += " " + _("(bonus)")
    passage = f"&ldquo;{_quote(stat.quote)}&rdquo;<br/><i>{category}</i>"
    if stat.wrong_category:
        wrong = _t(_category_name(lesson, stat.wrong_category))
        instead = _("often given instead: {category} ({count})").format(
            category=wrong, count=stat.wrong_count
        )
        passage += f"<br/>{instead}"
    bar = _bar([(c, shade) for c, (_, shade) in zip(counts, OUTCOME_SHADES, strict=True)])
    return [
        f"<b>{_t(stat.item_id)}</b>",
        passage + bar,
        *(f"{c} ({_pct(c, n)})" for c in counts),
    ]


def _items(lesson: Lesson, review: ClassReview) -> str:
    head = _heading(_("Key item detection rates"), new_page=True)
    if not review.items:
        return head + "<p>" + _("The key has no items.") + "</p>"
    legend = ", ".join(
        f'<span style="color:{shade}">&#9632;</span> {_(name)}'
        if shade != "#ffffff"
        else f"&#9633; {_(name)}"
        for name, shade in OUTCOME_SHADES
    )
    rows = [_item_row(lesson, stat) for stat in review.items]
    header = [
        _("Item"),
        _("Passage in the key"),
        _("Found"),
        _("Mislabeled"),
        _("Imprecise"),
        _("Missed"),
    ]
    note = _(
        "How many students (and what share of the class) found each key item, found it with a "
        "category the key does not accept (mislabeled), marked it too wide or too narrow "
        "(imprecise), or missed it. Low found shares and a category often given instead are "
        "what to re-teach. The bar, left to right: {legend}."
    ).format(legend=legend)
    return (
        head
        + f'<p class="note">{note}</p>'
        + _table(header, rows, {2, 3, 4, 5}, widths=("7%", "53%", "10%", "10%", "10%", "10%"))
    )


def level(count: int, students: int) -> int:
    """The heat-map level of a stretch `count` of `students` marked: 0 for nobody, else 1-5,
    each a fifth of the class (level 5: more than 80%)."""
    if count <= 0 or students <= 0:
        return 0
    return min(LEVELS, max(1, math.ceil(LEVELS * count / students)))


def _level_counts(lvl: int, students: int) -> tuple[int, int]:
    """The counts of students that make level `lvl` (first > last when no count does)."""
    return math.floor((lvl - 1) * students / LEVELS) + 1, math.floor(lvl * students / LEVELS)


def _shade_style(lvl: int) -> str:
    """Shade, and for the busiest stretches a cue that survives any printer: underlined above
    40% of the class, underlined and bold above 80%."""
    style = f"background-color:{SHADES[lvl]}"
    if lvl >= 3:
        style += "; text-decoration: underline"
    if lvl >= LEVELS:
        style += "; font-weight: bold"
    return style


def _legend(students: int) -> str:
    rows = []
    for lvl in range(LEVELS + 1):
        if lvl == 0:
            share, counts = _("nobody"), _("0 students")
        else:
            low, high = _level_counts(lvl, students)
            if lvl > 1:
                share = _("more than {lower}%, up to {upper}% of the class").format(
                    lower=20 * (lvl - 1), upper=20 * lvl
                )
            else:
                share = _("up to 20% of the class")
            if students <= 0 or low > high:
                counts = _("(no count of this class)")
            elif low == high:
                counts = ngettext("{count} student", "{count} students", low).format(count=low)
            else:
                counts = _("{low}-{high} students").format(low=low, high=high)
        marked = _("marked text")
        sample = f'<span style="{_shade_style(lvl)}">&nbsp;{marked}&nbsp;</span>'
        rows.append([str(lvl), sample, counts, share])
    header = [_("Level"), _("Looks like"), _("Students who marked it"), _("Share")]
    return _table(header, rows, {0})


def _stretches(
    segments: Sequence[Segment], start: int, end: int, students: int
) -> list[tuple[int, int, int, int]]:
    """(start, end, level, peak count) for [start, end), neighbours of one level merged.
    `segments` are sorted and disjoint: only those from the first ending after `start` are
    looked at, so a long article with a busy heat map costs one pass, not one per paragraph."""
    out: list[tuple[int, int, int, int]] = []
    first = bisect.bisect_right(segments, start, key=lambda s: s.end)
    for segment in segments[first:]:
        if segment.start >= end:
            break
        if segment.end <= start:
            continue
        a, b = max(segment.start, start), min(segment.end, end)
        lvl = level(segment.count, students)
        if out and out[-1][2] == lvl and out[-1][1] == a:
            out[-1] = (out[-1][0], b, lvl, max(out[-1][3], segment.count))
        else:
            out.append((a, b, lvl, segment.count))
    if not out:
        out.append((start, end, 0, 0))
    return out


def _html_text(text: str, start: int, end: int, ends: dict[int, list[str]]) -> str:
    """text[start:end] as HTML, line breaks kept, with a key item's id after its last
    character (an item shown where it ends, so the reader can compare heat with the key)."""
    cuts = sorted(p for p in ends if start < p <= end)
    pieces = []
    position = start
    for cut in cuts:
        pieces.append(html.escape(scrub(text[position:cut])))
        labels = ",".join(_t(i) for i in ends[cut])
        pieces.append(f'<sup style="font-size:7pt">[{labels}]</sup>')
        position = cut
    pieces.append(html.escape(scrub(text[position:end])))
    return "".join(pieces).replace("\n", "<br/>")


def _heat_map(lesson: Lesson, review: ClassReview) -> str:
    assert lesson.key is not None
    students = len(review.gradebook)
    text = lesson.article.text
    ends: dict[int, list[str]] = {}
    for item in lesson.key.items:
        ends.setdefault(item.end, []).append(item.id)
    segments = sorted(review.coverage, key=lambda s: s.start)
    rows = []
    for paragraph in paragraphs(lesson.article):
        start, end = paragraph.start, paragraph.end
        stretches = _stretches(segments, start, end, students)
        body = "".join(
            (
                f'<span style="{_shade_style(lvl)}">{_html_text(text, a, b, ends)}</span>'
                if lvl
                else _html_text(text, a, b, ends)
            )
            for a, b, lvl, _ in stretches
        )
        peak = max(count for *_, count in stretches)
        rows.append([paragraph.label, body, f"{peak} ({_pct(peak, students)})"])
    note = _(
        "Each stretch of the article is shaded by how many students marked it: the darker, the "
        "more. Stretches marked by more than 40% of the class are also underlined, by more than "
        "80% underlined and bold, so the map reads on a black-and-white printer too. [k01] "
        "follows the last word of each key item. The last column gives each paragraph's peak: "
        "the most students who marked any one stretch of it."
    )
    return (
        _heading(_("Heat map of the article"), new_page=True)
        + f'<p class="note">{note}</p>'
        + _legend(students)
        + "<p></p>"
        + _table(["&para;", _("Text"), _("Peak")], rows, {0, 2})
    )


def _hot_spots(lesson: Lesson, review: ClassReview, min_share: float) -> str:
    students = len(review.gradebook)
    text = lesson.article.text
    note = _(
        "Passages at least {share}% of the class marked where the key has no item: a technique "
        "the key missed, or a common misreading worth discussing."
    ).format(share=f"{100 * min_share:.0f}")
    head = _heading(_("Hot spots the key does not hold"), new_page=True) + (
        f'<p class="note">{note}</p>'
    )
    if not review.hot_spots:
        none = _("None: every passage many students marked is in the key.")
        return head + f"<p>{none}</p>"
    rows = [
        [
            f"&ldquo;{_quote(text[s.start : s.end])}&rdquo;",
            f"{s.start}-{s.end}",
            str(s.count),
            _pct(s.count, students),
        ]
        for s in review.hot_spots
    ]
    return head + _table(
        [_("Passage"), _("Characters"), _("Students"), _("Share")],
        rows,
        {1, 2, 3},
        widths=("61%", "15%", "12%", "12%"),
    )


def _agreement(review: ClassReview) -> str:
    a = review.agreement
    rows = [
        [_("Among students"), _figure(a.among_students, 3), _t(plain_words(a.among_students))],
        [_("Students with the key"), _figure(a.with_key, 3), _t(plain_words(a.with_key))],
    ]
    known = [v for v in a.with_key_by_student if v is not None]
    extra = (
        '<p class="note">'
        + _("Each student with the key: lowest {lowest}, highest {highest}.").format(
            lowest=decimal(f"{min(known):.3f}"), highest=decimal(f"{max(known):.3f}")
        )
        + "</p>"
        if known
        else ""
    )
    note = _(
        "Krippendorff's alpha (nominal), over the characters of the article: whether students "
        "mark the same passages with the same categories."
    )
    return (
        _heading(_("Agreement"))
        + f'<p class="note">{note}</p>'
        + _table([_("Between"), _("Alpha"), _("What it means")], rows, {1})
        + extra
    )


def class_report_html(
    lesson: Lesson,
    review: ClassReview,
    batch: Batch[Any],
    today: date | None = None,
    min_share: float = 0.3,
) -> str:
    """The whole class report as one HTML page. `today` dates it (tests fix it); `min_share`
    is the one the review's hot spots were found with, which the page states."""
    when = today or date.today()
    body = "\n".join(
        (
            _title(lesson, review, batch, when),
            _distribution(review),
            _gradebook(review),
            _agreement(review),
            _items(lesson, review),
            _heat_map(lesson, review),
            _hot_spots(lesson, review, min_share),
        )
    )
    title = _("Class report: {title}").format(title=printable(lesson.title))
    return page(title, STYLE, [body])
