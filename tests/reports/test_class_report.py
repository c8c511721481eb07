"""The printable class report (reports/class_report.py): what it says, read back as text.

Every figure is checked against a class whose outcomes are known by hand (Ada found every key
item; Bo found "reckless" and marked "Critics claim", which the key lacks; Cy gave "reckless"
the wrong category and marked "Officials say"), and the page is read the way a browser or
QTextDocument would: hostile names and article text must stay text, and nothing may load from
elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from literacy_app.batch import Batch, report_files, sort_out
from literacy_app.core.classstats import ClassReview, plain_words, review_of
from literacy_app.core.lesson import Lesson
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.reports import review as reports
from literacy_app.reports.class_report import class_report_html, level, spread
from tests.conftest import ARTICLE, KEY_ITEMS, LESSON_MD, submission_dict, write_json

MakeLesson = Callable[..., Path]
TODAY = date(2026, 11, 26)
ALL_MARKS = [(quote, category) for quote, category, *_ in KEY_ITEMS]
BO_MARKS = [("reckless", "loaded_language"), ("Critics claim", "doubt")]
CY_MARKS = [("reckless", "name_calling"), ("Officials say", "vague_attribution")]


class Page(HTMLParser):
    """The visible text of a page, its table rows (cell texts) and every tag seen."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._cells: list[list[str]] = []  # stack: nested tables (bars) inside cells
        self._row_stack: list[list[str]] = []
        self._in_head = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("head", "style", "title"):
            self._in_head = True
        elif tag == "tr":
            self._row_stack.append([])
        elif tag in ("td", "th"):
            self._cells.append([])
        elif tag == "br":
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "title"):
            self._in_head = False
        elif tag in ("td", "th") and self._cells:
            text = " ".join("".join(self._cells.pop()).split())
            if self._row_stack:
                self._row_stack[-1].append(text)
            if self._cells:
                self._cells[-1].append(text)
        elif tag == "tr" and self._row_stack:
            row = self._row_stack.pop()
            if any(row):
                self.rows.append(row)

    def _add(self, data: str) -> None:
        self.text.append(data)
        if self._cells:
            self._cells[-1].append(data)

    def handle_data(self, data: str) -> None:
        if not self._in_head:
            self._add(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def row(self, first: str, index: int = 0) -> list[str]:
        """The `index`th table row whose first cell is `first`."""
        found = [r for r in self.rows if r and r[0] == first]
        assert len(found) > index, f"no table row {index} starting with {first!r}"
        return found[index]


def _review(
    lesson_folder: Path, folder: Path, min_share: float = 0.3
) -> tuple[Lesson, ClassReview, Batch[Any]]:
    """The review exactly as `literacy-app review` builds it."""
    lesson = load_lesson(lesson_folder)
    assert lesson.key is not None
    batch = sort_out(lesson, list(report_files(lesson, [folder], reports.render_summary)))
    summaries = [r.piece for r in batch.graded]
    review = review_of(lesson.key, len(lesson.article.text), summaries, min_share=min_share)
    return lesson, review, batch


@pytest.fixture
def three(make_lesson: MakeLesson, tmp_path: Path) -> tuple[Lesson, ClassReview, Batch[Any]]:
    folder = tmp_path / "class"
    folder.mkdir()
    write_json(folder / "ada.json", submission_dict(ALL_MARKS, name="Ada"))
    write_json(folder / "bo.json", submission_dict(BO_MARKS, name="Bo"))
    write_json(folder / "cy.json", submission_dict(CY_MARKS, name="Cy"))
    return _review(make_lesson(), folder)


def _page(parts: tuple[Lesson, ClassReview, Batch[Any]]) -> tuple[str, Page]:
    html = class_report_html(*parts, today=TODAY)
    return html, Page(html)


def test_title_date_and_class_size(three: tuple[Lesson, ClassReview, Batch[Any]]) -> None:
    _, page = _page(three)
    assert "A tiny lesson" in page.visible
    assert "2026-11-26" in page.visible
    assert "3 students" in page.visible
    assert "7 key items" in page.visible


def test_every_student_is_in_the_gradebook_with_their_score_and_counts(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    _, page = _page(three)
    _lesson, review, _ = three
    assert [r.student for r in review.gradebook] == ["Ada", "Bo", "Cy"]
    # Student, ID, Score, Found, Mislabeled, Imprecise, Missed, Attempts
    assert page.row("Ada") == ["Ada", "ada", "100.0", "7", "0", "0", "0", "1"]
    for row in review.gradebook:
        cells = page.row(row.student)
        assert cells[1] == row.student_id
        assert cells[2] == f"{row.score:.1f}"
        assert cells[3:7] == [
            str(row.found),
            str(row.mislabeled),
            str(row.imprecise),
            str(row.missed),
        ]
    # Bo found "reckless" only; Cy mislabeled it and found nothing else
    assert page.row("Bo")[3:7] == ["1", "0", "0", "6"]
    assert page.row("Cy")[3:7] == ["0", "1", "0", "6"]


def test_score_distribution_states_mean_median_and_quartiles(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    _, page = _page(three)
    scores = sorted(r.score for r in three[1].gradebook)
    s = spread(scores)
    row = page.row("3")  # Students, Mean, Median, Lower quartile, Upper quartile, ...
    assert row == [
        "3",
        f"{sum(scores) / 3:.1f}",
        f"{scores[1]:.1f}",
        f"{s.lower_quartile:.1f}",
        f"{s.upper_quartile:.1f}",
        f"{scores[0]:.1f}",
        f"{scores[2]:.1f}",
    ]
    assert page.row("90-100")[1] == "1"  # Ada


def test_spread_quartiles_by_hand() -> None:
    s = spread([40.0, 0.0, 20.0, 10.0, 30.0])
    assert (s.count, s.mean, s.median) == (5, 20.0, 20.0)
    assert (s.lower_quartile, s.upper_quartile, s.lowest, s.highest) == (10.0, 30.0, 0.0, 40.0)
    one = spread([55.5])
    assert one.lower_quartile == one.median == one.upper_quartile == 55.5
    assert spread([]).mean is None


def test_every_item_has_its_quote_category_and_rates(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    _, page = _page(three)
    lesson, review, _ = three
    for stat in review.items:
        row = page.row(stat.item_id)
        assert f"“{stat.quote}”" in row[1]
        category = lesson.taxonomy.get(stat.category)
        assert category is not None
        assert category.name in row[1]
        for cell, count in zip(
            row[2:6], (stat.found, stat.mislabeled, stat.imprecise, stat.missed), strict=True
        ):
            assert cell == f"{count} ({100 * count / 3:.0f}%)"
    # by hand: reckless found by Ada and Bo, given the wrong category by Cy
    assert page.row("k1")[2:6] == ["2 (67%)", "1 (33%)", "0 (0%)", "0 (0%)"]
    assert "often given instead: Name-calling / labeling (1)" in page.row("k1")[1]
    assert page.row("k3")[2:6] == ["1 (33%)", "0 (0%)", "0 (0%)", "2 (67%)"]
    assert "(bonus)" in page.row("k7")[1]
    assert "(bonus)" not in page.row("k6")[1]


def test_item_bars_are_table_cells_whose_widths_follow_the_counts(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    html, _ = _page(three)
    k1 = html[html.index("<b>k1</b>") : html.index("<b>k2</b>")]
    widths = [int(w) for w in re.findall(r'<td width="(\d+)%" style="background-color', k1)]
    assert widths == [67, 33]  # found 2, mislabeled 1; nothing drawn for zero
    k3 = html[html.index("<b>k3</b>") : html.index("<b>k4</b>")]
    assert sum(int(w) for w in re.findall(r'<td width="(\d+)%" style="back', k3)) == 100


def test_heat_map_has_a_legend_with_counts_and_each_paragraph_its_peak(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    html, page = _page(three)
    assert "Heat map of the article" in page.visible
    # levels are fifths of a class of three: 1 student is level 2, 2 level 4, 3 level 5
    assert page.row("0")[2:] == ["0 students", "nobody"]
    assert page.row("2")[2] == "1 student"
    assert page.row("4")[2] == "2 students"
    assert page.row("5")[2:] == ["3 students", "more than 80%, up to 100% of the class"]
    assert page.row("1")[2] == "(no count of this class)"
    assert level(1, 3) == 2
    assert level(2, 3) == 4
    assert level(3, 3) == 5
    assert level(0, 3) == 0
    # paragraph 1: "reckless", marked by all three; in paragraph 2 no two students overlap
    first, second = page.row("1", 1), page.row("2", 1)  # after the legend's rows
    assert re.sub(r"\[k\d\]", "", first[1]) == "Officials say the reckless plan will ruin the city."
    assert first[2] == "3 (100%)"
    assert second[1].startswith("Experts say")
    assert second[2] == "1 (33%)"
    # print-safe: the stretch all three marked is bold and underlined, not only darker
    busiest = re.search(r'<span style="([^"]*)">reckless<sup', html)
    assert busiest is not None
    assert "font-weight: bold" in busiest.group(1)
    assert "underline" in busiest.group(1)
    assert "reckless[k1]" in first[1]  # the key item, shown where it ends


def test_hot_spots_and_agreement_in_plain_words(
    three: tuple[Lesson, ClassReview, Batch[Any]],
) -> None:
    _, page = _page(three)
    review = three[1]
    assert page.row("“Critics claim”")[2:] == ["1", "33%"]
    assert page.row("“Officials say”")[2:] == ["1", "33%"]
    among = page.row("Among students")
    assert among[2] == plain_words(review.agreement.among_students)
    assert page.row("Students with the key")[2] == plain_words(review.agreement.with_key)


def test_self_contained_printable_page(three: tuple[Lesson, ClassReview, Batch[Any]]) -> None:
    html, page = _page(three)
    lowered = html.lower()
    for external in ("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"):
        assert external not in lowered
    assert html.count("page-break-before: always") >= 3  # items, heat map, hot spots
    assert {"html", "head", "body", "style"} <= {tag for tag, _ in page.tags}


def test_hostile_names_title_and_article_stay_text(make_lesson: MakeLesson, tmp_path: Path) -> None:
    text = ARTICLE + "\n<script>alert('article')</script> & <b>bold</b>\n"
    lesson_md = LESSON_MD.replace("title: A tiny lesson", 'title: "<img src=x onerror=alert(1)>"')
    folder = tmp_path / "class"
    folder.mkdir()
    hostile = [
        "<script>alert('name')</script>",
        '"><img src=x onerror=alert(2)>',
        "Zoë \x1b[31mRed\x1b[0m",
        '=HYPERLINK("http://x")',
    ]
    for number, name in enumerate(hostile):
        data = submission_dict(BO_MARKS, text=text, name=name)
        data["student"]["id"] = f"<i>{number}</i>"
        write_json(folder / f"s{number}.json", data)
    html, page = _page(_review(make_lesson(text=text, lesson_md=lesson_md), folder))
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "<i>0" not in lowered
    assert "\x1b" not in html
    for name in hostile[:2] + hostile[3:]:
        assert page.row(name)  # shown as the text it is
    assert page.row("Zoë \\x1b[31mRed\\x1b[0m")  # a terminal escape, shown as an escape
    assert "<img src=x onerror=alert(1)>" in page.visible  # the title, as text
    assert "<script>alert('article')</script> & <b>bold</b>" in page.visible


def test_an_empty_class_still_makes_a_report(make_lesson: MakeLesson, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    write_json(folder / "broken.json", {"format": "nonsense"})
    parts = _review(make_lesson(), folder)
    _, page = _page(parts)
    assert "No submissions were graded." in page.visible
    assert "0 students" in page.visible
    assert "1 file(s) could not be used" in page.visible
    assert "broken.json" in page.visible
    assert page.row("0")[1:3] == ["n/a", "n/a"]  # no mean, no median


def test_first_bundled_lesson_with_a_class_of_thirty(tmp_path: Path) -> None:
    from benchmarks.bench_review import class_submissions, first_lesson, write_class

    lesson = first_lesson()
    assert lesson.key is not None
    write_class(tmp_path, class_submissions(lesson, 30))
    _html, page = _page(_review(lesson.folder, tmp_path))
    assert "30 students" in page.visible
    for number in range(30):
        assert page.row(f"Student {number:03d}")[1] == f"s{number:03d}"
    for item in lesson.key.items:
        assert " ".join(item.mark.quote.split()) in page.row(item.id)[1]
    labels = [row[0] for row in page.rows if row[0] in ("H", *map(str, range(1, 8)))]
    assert "H" in labels  # the headline, numbered as the handout numbers it
