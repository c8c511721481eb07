"""The student feedback report: what it says (read back as text, not just "a file exists"),
that it is one self-contained page, and that nothing a student or an author typed can run in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from literacy_app import i18n
from literacy_app.core.grade_result import GradeResult, Outcome
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.core.submission import AnswersShown, Student, Submission
from literacy_app.formats.io import read_submission
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.reports.feedback import LABEL, SYMBOL, feedback_html
from literacy_app.resources import find_lesson
from tests.conftest import ARTICLE, key_dict, span_of, write_json

READINGS = Path(__file__).resolve().parents[1] / "lessons" / "readings" / "bakhmut-op-ed"


class _Text(HTMLParser):
    """The words a reader sees: no head, no style; a <br> or block end is a space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0
        self.open: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("head", "style", "script"):
            self._skip += 1
        if tag not in ("br", "meta", "img", "hr"):
            self.open[tag] = self.open.get(tag, 0) + 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self._skip -= 1
        self.open[tag] = self.open.get(tag, 0) - 1
        if tag in ("p", "div", "td", "tr", "h1", "h2", "h3", "li", "blockquote"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _read(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return parser


def _words(page: str) -> str:
    return " ".join("".join(_read(page).parts).replace("\xa0", " ").split())


def _letters(text: str) -> str:
    """Only letters and digits: Markdown, typographic quotes and line breaks do not count."""
    text = re.sub(r"\]\([^)]*\)", "", text)  # a link's address is not shown as words
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _graded(lesson: Lesson, submission: Submission) -> GradeResult:
    assert lesson.key is not None
    return grade(PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text), submission.marks)


@pytest.fixture(scope="module")
def bakhmut() -> tuple[Lesson, Submission, GradeResult, str]:
    lesson = load_lesson(find_lesson("bakhmut-op-ed"))
    submission = read_submission(READINGS / "reader-phrase.json", lesson).value
    result = _graded(lesson, submission)
    return lesson, submission, result, feedback_html(lesson, submission, result)


def test_the_report_says_title_student_score_and_counts(
    bakhmut: tuple[Lesson, Submission, GradeResult, str],
) -> None:
    lesson, submission, result, page = bakhmut
    words = _words(page)
    assert lesson.title in words
    assert lesson.article.attribution.author in words
    assert f"Feedback for {submission.student.display()}" in words
    assert f"{result.score:.0f}%" in words
    assert 0 < result.score < 100  # a realistic submission: some found, some missed
    for outcome in Outcome:
        assert f"{SYMBOL[outcome]} {LABEL[outcome]}: {result.count(outcome)}" in words
    assert f"Not in the key: {result.not_in_key}" in words
    assert "had not seen the answers" in words
    assert "<title>" in page
    assert lesson.title in page.split("<title>")[1].split("</title>")[0]


def test_every_key_item_has_its_outcome_quote_and_rationale(
    bakhmut: tuple[Lesson, Submission, GradeResult, str],
) -> None:
    lesson, _submission, result, page = bakhmut
    assert lesson.key is not None
    words = _words(page)
    letters = _letters(words)
    text = lesson.article.text
    items = sorted(lesson.key.items, key=lambda item: item.start)
    outcomes = {r.item_id: r for r in result.items}
    for number, item in enumerate(items, 1):
        found = outcomes[item.id]
        heading = f"{SYMBOL[found.outcome]} {number}. {LABEL[found.outcome]}"
        assert heading in words, item.id
        assert f"credit {found.credit:g} of {found.max_credit:g}" in words
        assert _letters(item.rationale) in letters, item.id
        assert _letters(text[item.start : item.end]) in letters
    # the headings come in reading order, one per item
    found_order = [
        int(n) for n in re.findall(r"[✓≈~✗] (\d+)\. (?:Found|Different|Near|Missed)", words)
    ]
    assert found_order == list(range(1, len(items) + 1))
    assert words.count("none, this passage was not marked") == result.count(Outcome.MISSED)


def test_the_students_quotes_and_notes_are_in_it(
    bakhmut: tuple[Lesson, Submission, GradeResult, str],
) -> None:
    _lesson, submission, _result, page = bakhmut
    words = _words(page)
    for mark in submission.marks:
        assert f"Your mark: “{' '.join(mark.quote.split())}”" in words, mark.id
        if mark.note:
            assert f"Your note: {mark.note}" in words


def test_the_article_labels_each_item_with_symbol_and_number_not_colour_alone(
    bakhmut: tuple[Lesson, Submission, GradeResult, str],
) -> None:
    lesson, _submission, result, page = bakhmut
    assert lesson.key is not None
    article = page.split("<h2>The article</h2>")[1].split("<h2>")[0]
    numbers = {
        item.id: n for n, item in enumerate(sorted(lesson.key.items, key=lambda i: i.start), 1)
    }
    for item_result in result.items:
        outcome = item_result.outcome
        label = f"{SYMBOL[outcome]}{numbers[item_result.item_id]}</span>"
        assert label in article, item_result.item_id
    # each outcome has a line style of its own, for browsers and for Qt alike
    styles = re.findall(
        r"\.u-(\w+) \{[^}]*text-decoration-style: (\w+);[^}]*text-underline-style: ([\w-]+);", page
    )
    assert {name for name, _, _ in styles} == {o.value for o in Outcome}
    assert len({style for _, style, _ in styles}) == len(Outcome)
    assert len({style for _, _, style in styles}) == len(Outcome)
    assert article.count('class="bracket">[') == article.count('class="bracket">]')
    assert "@media print" in page
    assert "page-break-inside: avoid" in page


def test_paragraph_numbers_in_the_margin(
    bakhmut: tuple[Lesson, Submission, GradeResult, str],
) -> None:
    _lesson, _submission, _result, page = bakhmut
    labels = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', page)
    assert labels[0] == "H"  # the article starts with its headline
    assert labels[1:] == [str(n) for n in range(1, len(labels))]


def test_the_page_is_self_contained(bakhmut: tuple[Lesson, Submission, GradeResult, str]) -> None:
    page = bakhmut[3]
    lowered = page.lower()
    for forbidden in ("<script", "<link", "src=", "url(", "@import", "<iframe", "<object"):
        assert forbidden not in lowered, forbidden
    assert "default-src 'none'" in page
    assert lowered.startswith("<!doctype html>")
    parser = _read(page)
    assert {tag: n for tag, n in parser.open.items() if n} == {}  # every tag closed


# --- hostile input -----------------------------------------------------------------------------


def _tiny(
    make_lesson: Callable[..., Path], rationale: str = "", title: str = "A tiny lesson"
) -> Lesson:
    key = key_dict()
    if rationale:
        key["items"][0]["rationale"] = rationale
    from tests.conftest import LESSON_MD

    folder = make_lesson(
        lesson_md=LESSON_MD.replace("title: A tiny lesson", f"title: {title!r}"), key=False
    )
    write_json(folder / "key.json", key)
    return load_lesson(folder)


def _mark(
    mark_id: str, start: int, end: int, category: str = "loaded_language", note: str = ""
) -> Mark:
    return Mark(mark_id, start, end, category, note, ARTICLE[max(0, start) : max(0, end)])


def test_hostile_names_notes_titles_and_rationales_are_text(
    make_lesson: Callable[..., Path],
) -> None:
    lesson = _tiny(
        make_lesson,
        rationale='Why <script>alert("r")</script> and ![x](http://evil.example/x.png) '
        '<img src="http://evil.example/y.png" onerror="alert(1)"> [a link](javascript:alert(2))',
        title="<script>alert('t')</script>",
    )
    start, end = span_of(ARTICLE, "reckless")
    submission = Submission(
        marks=(_mark("m1", start, end, note="</td></tr></table><script>alert('n')</script>"),),
        student=Student(name="<script>alert('s')</script>", id='" onmouseover="x'),
    )
    page = feedback_html(lesson, submission, _graded(lesson, submission))
    lowered = page.lower()
    assert "<script" not in lowered
    assert "src=" not in lowered
    assert "onerror" not in lowered
    assert 'onmouseover="' not in lowered
    assert "javascript:" not in lowered
    words = _words(page)
    assert "Feedback for <script>alert('s')</script>" in words
    assert "Your note: </td></tr></table><script>alert('n')</script>" in words
    assert "<script>alert('t')</script>" in words  # the title, shown as written
    assert {tag: n for tag, n in _read(page).open.items() if n} == {}


def test_overlapping_marks_across_paragraphs_and_out_of_range_offsets_stay_well_formed(
    make_lesson: Callable[..., Path],
) -> None:
    lesson = _tiny(make_lesson)
    length = len(ARTICLE)
    marks = (
        _mark("m1", -50, 20),  # starts before the article
        _mark("m2", 10, 70),  # across the blank line between paragraphs
        _mark("m3", 60, 61),  # inside m2
        _mark("m4", length - 5, length + 100),  # runs past the end
        _mark("m5", length + 10, length + 20),  # wholly outside
        _mark("m6", 30, 30),  # empty
        _mark("m7", 52, 53),  # only the blank line
        _mark("m8", *span_of(ARTICLE, "so-called “reform”"), category="scare_quotes"),
    )
    submission = Submission(marks=marks, student=Student(name="Edge"))
    # the readers refuse such offsets and grading needs them in range: the report must cope
    # with marks its result does not describe
    valid = Submission(marks=tuple(m for m in marks if 0 <= m.start < m.end <= length))
    result = _graded(lesson, valid)
    page = feedback_html(lesson, submission, result)
    parser = _read(page)
    assert {tag: n for tag, n in parser.open.items() if n} == {}
    article = page.split('<table class="article"')[1].split("</table>")[0]
    assert article.count('class="bracket">[') == article.count('class="bracket">]') == 5
    # without its labels and brackets, the article reads as written, none of it lost
    bare = re.sub(r'<span class="(lab|bracket)[^"]*">[^<]*</span>', "", article)
    bare = re.sub(r'<td class="num"[^>]*>[^<]*</td>', "", bare)
    assert _letters(_words("<table" + bare)) == _letters(ARTICLE)


def test_hints_and_revealed_answers_are_said(make_lesson: Callable[..., Path]) -> None:
    lesson = _tiny(make_lesson)
    marks = tuple(
        _mark(f"m{n}", *span_of(ARTICLE, quote), category=category)
        for n, (quote, category) in enumerate(
            [
                ("reckless", "loaded_language"),
                ("ruin the city", "exaggeration"),
                ("90% of residents", "exaggeration"),
            ],
            1,
        )
    )
    submission = Submission(
        marks=marks, student=Student(name="Ada"), attempts=2, answers_shown=AnswersShown(2, True)
    )
    result = _graded(lesson, submission)
    words = _words(feedback_html(lesson, submission, result, hints_used=2, deduction=10.0))
    assert f"{max(0.0, result.score - 10):.0f}%" in words
    assert f"{result.score:.0f}% less 10 for 2 hints" in words
    assert (
        "answers had been shown to the student (at the student's request, after 2 attempts)"
        in words
    )
    assert "≈ 5. Different category" in words  # the figure marked, but as an exaggeration
    by_rule = Submission(marks=marks, answers_shown=AnswersShown(1, False))
    assert "by the lesson's rule, after 1 attempt)" in _words(
        feedback_html(lesson, by_rule, result)
    )


def test_marks_the_key_lacks_are_lettered_and_listed(make_lesson: Callable[..., Path]) -> None:
    lesson = _tiny(make_lesson)
    stray = _mark(
        "m1", *span_of(ARTICLE, "Officials say"), category="vague_attribution", note="who?"
    )
    submission = Submission(marks=(stray,), student=Student(name="Ada"))
    page = feedback_html(lesson, submission, _graded(lesson, submission))
    words = _words(page)
    assert "Your marks the key does not hold" in words
    assert "a. “Officials say” — Vague attribution Your note: who?" in words
    assert '<span class="bracket">]</span><span class="lab">a</span>' in page


def test_a_lesson_without_a_key_has_no_feedback(make_lesson: Callable[..., Path]) -> None:
    lesson = load_lesson(make_lesson(key=False))
    with pytest.raises(ValueError, match="answer key"):
        feedback_html(
            lesson, Submission(marks=()), _graded(_tiny_key(make_lesson), Submission(marks=()))
        )


def _tiny_key(make_lesson: Callable[..., Path]) -> Lesson:
    return load_lesson(make_lesson(name="keyed"))


def test_figures_are_written_with_the_languages_decimal_sign(
    bakhmut: tuple[Lesson, Submission, GradeResult, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "10.25 de 28" reads as ten thousand in Spanish: a Spanish report writes "10,25"."""
    lesson, submission, result, english = bakhmut
    earned = f"{result.earned:g}"
    assert "." in earned  # the case worth checking: a fraction of credit
    assert f"credit {earned} of {result.possible:g}" in _words(english)
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    try:
        assert i18n.set_language("es") == "es"
        spanish = _words(feedback_html(lesson, submission, result))
        assert f"{earned.replace('.', ',')} de {result.possible:g}" in spanish
        assert f"{earned} de" not in spanish
    finally:
        i18n.set_language("en")
    assert i18n.decimal("3.125") == "3.125"  # and back in English, Python's figures
