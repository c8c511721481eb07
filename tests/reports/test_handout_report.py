"""The printable handout: the article numbered by paragraph and line, the task and the
categories, and never the answers.

Every bundled lesson's handout is searched for every quote of every key item (read from key.json
here, not through the exporter's own search), for the rationales, the Debrief, the Teacher notes
and the hints: only the article itself (and its headline in the credits) may hold key words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from literacy_app.core.errors import FormatError
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.reports.handout import LINE_WIDTH, NUMBER_EVERY, article_lines, handout_html
from literacy_app.resources import bundled_lessons
from tests.conftest import LESSON_MD

LESSONS = bundled_lessons()
_INLINE = ("b", "i", "em", "strong", "span", "a", "code")
_QUOTES = str.maketrans("‘’‚‛“”„«»", "'''''''''")


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("head", "style")
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("head", "style")
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _words(fragment: str) -> str:
    parser = _Words()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).replace("\xa0", " ").split())


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[*_`\\]", "", text.translate(_QUOTES)).casefold().split())


def _around_the_article(page: str) -> str:
    """The page without the article's lines, the credits (the headline and the address made
    from it, which students read with the article anyway) and the categories' own names and
    definitions (the same for every lesson: "so-called" names a category, not a passage)."""
    before, rest = page.split('<table class="lines article"', 1)
    after = rest.split("</table>", 1)[1]
    before = re.sub(r'<p class="meta">.*?</p>', "", before, count=1, flags=re.S)
    before = re.sub(r'<table class="palette".*?</table>', "", before, flags=re.S)
    return before + after


def _key(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    return data


def _quotes(folder: Path, text: str) -> list[tuple[str, str]]:
    found = []
    for item in _key(folder)["items"]:
        spans = [item, *([item["core"]] if item.get("core") else [])]
        spans += item.get("alternatives", []) + item.get("parts", [])
        for span in spans:
            for words in (span.get("quote", ""), text[span["start"] : span["end"]]):
                if words.strip():
                    found.append((item["id"], words))
    return found


@pytest.mark.parametrize("folder", LESSONS, ids=[p.name for p in LESSONS])
def test_the_handout_gives_no_answer_away(folder: Path) -> None:
    lesson = load_lesson(folder)
    page = handout_html(lesson)
    outside = _normal(_words(_around_the_article(page)))
    leaks = [
        (item_id, words)
        for item_id, words in _quotes(folder, lesson.article.text)
        if re.search(rf"(?<!\w){re.escape(_normal(words))}(?!\w)", outside)
    ]
    assert leaks == []
    secrets = [item["rationale"].split(". ")[0] for item in _key(folder)["items"]]
    for text in (lesson.text.debrief, lesson.text.teacher_notes):
        secrets += text.split("\n")
    secrets += [hint.body.split("\n")[0] for hint in lesson.text.hints]
    told = [s for s in secrets if len(s.strip()) > 25 and _normal(s.strip("#-* ")) in outside]
    assert told == []
    assert not re.search(r"<h\d>\s*(debrief|teacher|hints?)\b", page, re.I)


@pytest.mark.parametrize("folder", LESSONS, ids=[p.name for p in LESSONS])
def test_the_article_is_all_there_numbered_by_paragraph_and_line(folder: Path) -> None:
    lesson = load_lesson(folder)
    page = handout_html(lesson)
    rows = re.findall(
        r'<tr><td class="num"[^>]*>([^<]*)</td><td class="line"[^>]*>([^<]*)</td>'
        r'<td class="lnum"[^>]*>([^<]*)</td></tr>',
        page,
    )
    lines = [_words(f"<p>{line}</p>") for _, line, _ in rows]
    assert all(len(line) <= LINE_WIDTH for line in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(lesson.article.text.split())
    numbers = [shown for _, _, shown in rows]
    assert numbers == [str(n) if n % NUMBER_EVERY == 0 else "" for n in range(1, len(rows) + 1)]
    labels = [_words(f"<p>{label}</p>") for label, _, _ in rows if _words(f"<p>{label}</p>")]
    starts_with_headline = lesson.article.text.lstrip().startswith(lesson.article.title.strip())
    if lesson.article.title.strip() and starts_with_headline:
        assert labels[0] == "H"
        labels = labels[1:]
    assert labels == [str(n) for n in range(1, len(labels) + 1)]


def test_the_first_lesson_handout_reads_as_a_handout() -> None:
    folder = LESSONS[0]
    lesson = load_lesson(folder)
    words = _words(handout_html(lesson))
    assert lesson.title in words
    assert "Instructions" in words
    assert _normal(lesson.text.instructions.split("\n")[0]) in _normal(words)
    for category in lesson.palette:
        assert f"☐ {category.name}: {category.definition}" in words
    assert "Notes" in words
    assert "Name:" in words


def test_wrapping_keeps_every_word_and_cuts_only_what_cannot_fit() -> None:
    text = "short line\n" + "word " * 40 + "\n" + "x" * 200
    lines = article_lines(text, 30)
    assert lines[0] == "short line"
    assert all(len(line) <= 30 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_instructions_quoting_the_key_refuse_the_handout_with_the_line(
    make_lesson: Callable[..., Path],
) -> None:
    lesson_md = LESSON_MD.replace(
        "Mark what persuades.", "Mark what persuades,\nlike *ruin the city*."
    )
    lesson = load_lesson(make_lesson(lesson_md=lesson_md))
    with pytest.raises(FormatError) as raised:
        handout_html(lesson)
    [problem] = raised.value.problems
    assert problem.file.endswith("lesson.md")
    assert "key item 'k2'" in problem.message
    lines = lesson_md.split("\n")
    assert "ruin the city" in lines[problem.line - 1]


def test_hostile_lesson_text_is_shown_as_text(make_lesson: Callable[..., Path]) -> None:
    lesson_md = LESSON_MD.replace(
        "Mark what persuades.",
        'Mark <script>alert(1)</script> and <img src="http://evil.example/x.png" onerror="x()">'
        " and ![p](http://evil.example/p.png).",
    ).replace("title: A tiny lesson", "title: \"<script>alert('t')</script>\"")
    page = handout_html(load_lesson(make_lesson(lesson_md=lesson_md)))
    lowered = page.lower()
    for forbidden in ("<script", "src=", "onerror", "<link", "url("):
        assert forbidden not in lowered, forbidden
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
