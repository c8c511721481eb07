"""Importing pages built to break the importer: huge pages, huge or deeply nested JSON-LD,
broken encodings, structured data that lies. Nothing may crash, hang or take long."""

from __future__ import annotations

import json
import time
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]
import pytest

from literacy_app.authoring.importing import import_article
from literacy_app.authoring.leftovers import is_boilerplate, is_doubtful, original_source
from literacy_app.authoring.page_metadata import (
    author_name,
    iso_date,
    json_ld_objects,
    licence_name,
    read_page,
)
from literacy_app.core.errors import FormatError

SECONDS = 5.0  # "a couple of seconds" on a loaded two-core machine, with room to spare
PROSE = (
    "<p>The council said on Tuesday that the scheme would cost more than expected, and "
    "residents who objected at the meeting said they had not been told. {n}</p>\n"
)


def _page(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Headline Here</title>'
        f"{head}</head><body><article><h1>Headline Here</h1>{body}</article></body></html>"
    )


def _article_paragraphs(count: int) -> str:
    return "".join(PROSE.format(n=f"Point {i}.") for i in range(count))


def _timed_import(path: Path) -> tuple[object, float]:
    start = time.perf_counter()
    try:
        result: object = import_article(path)
    except FormatError as err:
        result = err
    return result, time.perf_counter() - start


def test_twenty_megabytes_of_text_is_refused_quickly(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_text(_page(_article_paragraphs(130_000)), encoding="utf-8")
    assert page.stat().st_size > 20_000_000
    result, seconds = _timed_import(page)
    assert seconds < SECONDS
    assert isinstance(result, FormatError)
    assert "far more than one article" in result.problems[0].message
    assert result.problems[0].file == str(page)


def test_twenty_megabytes_of_scripts_and_images_around_an_article(tmp_path: Path) -> None:
    state = json.dumps({"items": [{"id": i, "label": "x" * 60} for i in range(120_000)]})
    image = "A" * 6_000_000
    page = tmp_path / "heavy.html"
    page.write_text(
        _page(
            _article_paragraphs(8) + f'<img src="data:image/png;base64,{image}">'
            "<svg>" + '<path d="M0 0L1 1"/>' * 100_000 + "</svg>",
            head=f"<script>window.__STATE__ = {state};</script><style>"
            + ".a{color:red}" * 200_000
            + "</style>",
        ),
        encoding="utf-8",
    )
    assert page.stat().st_size > 15_000_000
    result, seconds = _timed_import(page)
    assert seconds < SECONDS
    assert not isinstance(result, FormatError)
    assert "Point 7." in result.text  # type: ignore[attr-defined]
    assert "color:red" not in result.text  # type: ignore[attr-defined]


def test_five_megabyte_json_ld_script(tmp_path: Path) -> None:
    body = " ".join(f"word{i}" for i in range(700_000))
    ld = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": body})
    assert len(ld) > 5_000_000
    page = tmp_path / "ld.html"
    page.write_text(
        _page(_article_paragraphs(6), f'<script type="application/ld+json">{ld}</script>'),
        encoding="utf-8",
    )
    result, seconds = _timed_import(page)
    assert seconds < SECONDS
    assert not isinstance(result, FormatError)
    assert "word1" not in result.text  # type: ignore[attr-defined]  # a novel is no article
    assert "Point 5." in result.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "script",
    [
        "[" * 200_000 + "]" * 200_000,  # too deep for the parser: RecursionError
        '{"@type": "NewsArticle", "a": ' * 900 + "1" + "}" * 900,  # deep, but parses
        '{"@type": "NewsArticle", "author": {"name": "Jo Bloggs",}}',  # trailing comma
        '{"@type": "NewsArticle", "author": "\\ud83d Lone Surrogate"',  # cut short
        "<!--",
        "",
        "null",
        '"just a string"',
        '{"@type": 5, "author": [null, 3, {"name": ["x", 4]}], "publisher": "P"}',
    ],
)
def test_hostile_json_ld_never_crashes(tmp_path: Path, script: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        _page(_article_paragraphs(6), f'<script type="application/ld+json">{script}</script>'),
        encoding="utf-8",
    )
    result, seconds = _timed_import(page)
    assert seconds < SECONDS
    assert not isinstance(result, FormatError)
    assert result.text.startswith("Headline Here\n\n")  # type: ignore[attr-defined]


def test_json_ld_lone_surrogates_and_control_characters_are_cleaned(tmp_path: Path) -> None:
    ld = (
        '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ana\\u0000 Silva"},'
        ' "publisher": {"name": "Daily \\ud83d Post"}}'
    )
    page = tmp_path / "page.html"
    page.write_text(
        _page(_article_paragraphs(6), f'<script type="application/ld+json">{ld}</script>'),
        encoding="utf-8",
    )
    article = import_article(page)
    assert article.author == "Ana Silva"
    assert article.site == "Daily \ufffd Post"
    article.site.encode("utf-8")  # writable to lesson.md


def test_json_ld_objects_are_capped_and_found_in_graphs_and_lists() -> None:
    many = json.dumps([{"@type": "Thing", "n": i} for i in range(100_000)])
    assert len(json_ld_objects([many])) == 20_000
    graph = json.dumps(
        {"@graph": [{"@type": "WebPage"}, {"@type": ["Thing", "OpinionNewsArticle"]}]}
    )
    assert [o.get("@type") for o in json_ld_objects([graph])][-1] == [
        "Thing",
        "OpinionNewsArticle",
    ]
    raw_newline = '{"@type": "NewsArticle", "articleBody": "One.\nTwo."}'  # invalid, common
    assert json_ld_objects([raw_newline])[0]["articleBody"] == "One.\nTwo."
    wrapped = '<!--\n{"@type": "Article"}\n-->'
    assert json_ld_objects([wrapped]) == [{"@type": "Article"}]


def test_declared_utf8_with_a_few_bad_bytes_is_read_with_a_note(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        _page(_article_paragraphs(6)).encode("utf-8").replace(b"Point 3.", b"Point \xff3.")
    )
    article = import_article(page)
    assert "Point \ufffd3." in article.text
    assert len(article.notes) == 1
    assert article.notes[0].startswith("The page is not valid utf-8 in 1 place (the first at")


def test_declared_encoding_that_is_wrong_or_unknown_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(_page(_article_paragraphs(6)).encode("utf-8") + b"\xff\xfe" * 100)
    with pytest.raises(FormatError, match="declares the encoding 'utf-8' but cannot be read"):
        import_article(page)
    page.write_bytes(_page(_article_paragraphs(6)).replace("utf-8", "x-klingon").encode() + b"\xff")
    with pytest.raises(FormatError, match="declares the encoding 'x-klingon', which is unknown"):
        import_article(page)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00" * 1000,
        b'<?xml version="1.0" encoding="utf-8"?>',
        b"<html><body>" + b"<div>" * 100_000 + b"</body></html>",
    ],
)
def test_empty_nul_and_deeply_nested_pages_are_refused_with_a_message(
    tmp_path: Path, content: bytes
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    result, seconds = _timed_import(page)
    assert seconds < SECONDS
    assert isinstance(result, FormatError)
    assert result.problems[0].file == str(page)
    if b"<div>" in content:
        assert "nested more than 400 levels deep" in result.problems[0].message


def test_xhtml_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.xhtml.html"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + _page(_article_paragraphs(6)))
    assert "Point 5." in import_article(page).text


# --- attribution: structured data first, never a menu or a credit ------------------------------


def _read(html: str, scripts: tuple[str, ...] = ()) -> object:
    return read_page(lxml.html.document_fromstring(html), list(scripts))


def test_structured_author_beats_a_conflicting_byline_and_says_so(tmp_path: Path) -> None:
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Hana Kobayashi"}}'
    page = tmp_path / "page.html"
    page.write_text(
        _page(
            '<p class="byline">By Gregor Lindqvist</p>' + _article_paragraphs(6),
            f'<script type="application/ld+json">{ld}</script>',
        )
    )
    article = import_article(page)
    assert article.author == "Hana Kobayashi"
    assert article.notes == (
        "The page's metadata names the author “Hana Kobayashi” but its byline reads "
        "“Gregor Lindqvist”; the attribution says “Hana Kobayashi”: check which is right.",
    )


def test_organization_author_only_when_no_person_is_named() -> None:
    ld = '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Wire Desk"}}'
    page = _read("<html><head></head><body><p>x</p></body></html>", (ld,))
    assert page.author == "Wire Desk"  # type: ignore[attr-defined]
    page = _read(
        '<html><head><meta name="author" content="Sam Reyes"></head><body></body></html>', (ld,)
    )
    assert page.author == "Sam Reyes"  # type: ignore[attr-defined]


def test_bylines_by_class_skip_menus_and_photo_credits() -> None:
    menu = (
        '<html><body><nav><div class="author"><a href="/a">Anna Price</a></div></nav>'
        '<div class="authors"><a href="/1">A One</a><a href="/2">B Two</a><a href="/3">C</a>'
        '</div><div class="byline">Photo by Desmond Achterberg. By Amara Osei</div></body></html>'
    )
    assert _read(menu).author == "Amara Osei"  # type: ignore[attr-defined]
    credit_only = '<html><body><div class="byline">Photo: Desmond Achterberg</div></body></html>'
    assert _read(credit_only).author == ""  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("By Priya Natarajan, Local Democracy Reporter · 17 March 2026", "Priya Natarajan"),
        ("Jane Doe | 12 May 2024", "Jane Doe"),
        ("Jane Doe, John Roe and Ann Lee", "Jane Doe, John Roe and Ann Lee"),
        ("Amara Osei in Accra", "Amara Osei"),
        ("Written by: Kai Müller", "Kai Müller"),
        ("https://www.facebook.com/someone", ""),
        ("Photo: Desmond Achterberg", ""),
        ("Getty Images", ""),
        ("Home", ""),
        ("@janedoe", ""),
        ("The council said on Tuesday that it would not change its mind.", ""),
        ("x" * 500, ""),
    ],
)
def test_author_name(raw: str, name: str) -> None:
    assert author_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "licence"),
    [
        ("https://creativecommons.org/licenses/by-nd/4.0/", "CC BY-ND 4.0"),
        ("http://creativecommons.org/licenses/by-nc-sa/3.0/deed.en", "CC BY-NC-SA 3.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"),
        ("Creative Commons Attribution-NoDerivatives 4.0 International", "CC BY-ND 4.0"),
        ("cc-by-sa 4.0", "CC BY-SA 4.0"),
    ],
)
def test_licence_name(raw: str, licence: str) -> None:
    assert licence_name(raw) == licence


def test_iso_date_accepts_only_real_dates() -> None:
    assert iso_date("2026-03-17T09:30:00+00:00") == "2026-03-17"
    assert iso_date("2026-02-30") == ""
    assert iso_date("17 March 2026") == ""


# --- leftovers: whole lines only, never a sentence of the article ------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Council approves budget",
        "READ NEXT",
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our newsletter",
        "Submit your letter to the editor",
        "Share this article",
        "Photo: Jane Doe/Agency",
        "(Getty Images)",
        "Demonstrators outside the town hall on Monday. (AP Photo/Sam Lee)",
        "© 2023 The Gazette",
        "Copyright 2024 Northern Media Ltd",
        "• Read more: a bulleted link",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Critics say residents should read more before signing petitions.",
        "Copyright law has not kept up with AI, critics say.",
        "The band sued for copyright infringement, its lawyer said.",
        "She took the photo: a crowd of two hundred outside the gates.",
        "Advertisement revenue fell by a third, the company said in its report.",
        "Sign up rates for the scheme fell sharply after the price rise was announced.",
        "This article originally appeared in The Northern Review.",
    ],
)
def test_prose_and_credit_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_doubtful_lines_are_flagged_but_sentences_are_not() -> None:
    assert is_doubtful("Watch: drone footage of the bridge")
    assert is_doubtful("Read more about the plan on the council website.")
    assert is_doubtful("Our newsletter is free")
    assert not is_doubtful("The newsletter, she said, was never read by anyone.")


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("This article originally appeared on Grist. Grist is a nonprofit.", "Grist"),
        (
            "This article is republished from The Exchange under a Creative Commons license.",
            "The Exchange",
        ),
        ("First published in The Northern Review on 3 May 2024.", "The Northern Review"),
        ("A version of this story first appeared in Yale Environment 360.", "Yale Environment 360"),
        ("The council first published its plan in March.", ""),
        ("He said the idea originally", ""),
    ],
)
def test_original_source(line: str, source: str) -> None:
    assert original_source(line) == source


# --- too short for the page -------------------------------------------------------------------


def test_prose_the_extraction_missed_is_reported() -> None:
    from literacy_app.authoring.html_import import _shortness_notes

    paragraphs = [PROSE.replace("<p>", f"<p>Point {i}: ").format(n="") for i in range(8)]
    html = (
        "<html><body><article>" + "".join(paragraphs) + "</article>"
        '<section class="comments">' + PROSE.format(n="A comment.") * 20 + "</section>"
        "<nav>" + PROSE.format(n="A menu.") * 20 + "</nav></body></html>"
    )
    tree = lxml.html.document_fromstring(html)
    whole = "Headline\n\n" + "\n\n".join(lxml.html.fromstring(p).text_content() for p in paragraphs)
    assert _shortness_notes(tree, whole, "Headline") == ()  # comments and menus do not count
    first = whole.split("\n\n")[:2]
    (note,) = _shortness_notes(tree, "\n\n".join(first), "Headline")
    assert note.startswith("The imported text has 28 words, but the page shows about 196 more")
    assert "“Point 1: The council said on Tuesday" in note


def test_a_short_article_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "short.html"
    page.write_text(_page(_article_paragraphs(2)), encoding="utf-8")
    article = import_article(page)
    assert article.notes == (
        "Only 56 words of article text were found: if the article is longer, the saved page "
        "may not hold it (some sites load it with scripts); copy its text into a .txt file "
        "instead.",
    )
