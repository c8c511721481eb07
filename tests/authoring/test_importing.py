"""Importing articles: a saved news page, Markdown, plain text, pasted text, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from literacy_app.authoring.importing import ImportedArticle, import_article, import_text
from literacy_app.core.errors import FormatError

DATA = Path(__file__).parent / "data"
NEWS_PAGE = DATA / "news_page.html"

BODY_PARAGRAPHS = [
    "Council Backs Riverside Bus Lanes After Heated Debate",
    "Wrenfield town council voted by seven votes to four on Tuesday night",
    "Supporters say the lanes will cut journey times on the number 12 route",
    "Councillor Martin Okafor, who chairs the transport committee",
    "“a war on drivers dreamed up by people who never leave the town centre”",
    "Work is expected to begin in the summer and will cost £2.3 million",
    "The full council papers, including the consultation report",
]
BOILERPLATE = [
    "cookies",  # consent banner
    "Subscribe for just",  # navigation
    "ADVERTISEMENT",
    "Holiday deals",
    "crossword app",  # inline advert inside the story body
    "Share on Facebook",
    "Related stories",
    "Bus fares to rise",
    "RoadRage77",  # comments
    "Absolute madness",
    "About time!",
    "Sign up to our free daily newsletter",
    "All rights reserved",  # footer
    "Privacy policy",
    "dataLayer",  # scripts and styles
    "min-height",
    "Local Democracy Reporter",  # byline is metadata, not article text
]


def test_news_page_metadata_comes_from_meta_tags_and_json_ld() -> None:
    article = import_article(NEWS_PAGE)
    assert article.title == "Council Backs Riverside Bus Lanes After Heated Debate"
    assert article.author == "Priya Natarajan"
    assert article.date == "2026-03-17"
    assert article.site == "The Wrenfield Gazette"
    assert article.url == "https://gazette.example.org/news/2026/03/riverside-bus-lanes"
    attribution = article.attribution()
    assert (attribution.author, attribution.outlet, attribution.date) == (
        "Priya Natarajan",
        "The Wrenfield Gazette",
        "2026-03-17",
    )


def test_news_page_body_is_the_story_in_paragraphs_without_boilerplate() -> None:
    text = import_article(NEWS_PAGE).text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == len(BODY_PARAGRAPHS)
    for paragraph, start in zip(paragraphs, BODY_PARAGRAPHS, strict=True):
        assert start in paragraph
        assert "\n" not in paragraph
    assert paragraphs[0] == "Council Backs Riverside Bus Lanes After Heated Debate"
    for junk in BOILERPLATE:
        assert junk not in text, junk
    assert text == text.strip()
    assert "  " not in text


def test_page_in_a_declared_legacy_encoding_is_read(tmp_path: Path) -> None:
    html = NEWS_PAGE.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">'
    )
    html = html.replace("£", "&pound;").replace("“", '"').replace("”", '"').replace("›", ">")
    page = tmp_path / "page.htm"
    page.write_bytes(html.replace("Okafor", "Okaför").encode("cp1252"))
    article = import_article(page)
    assert "Councillor Martin Okaför" in article.text
    assert "£2.3 million" in article.text


def test_page_without_an_article_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "front.html"
    page.write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><footer>© 2026</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as raised:
        import_article(page)
    problem = raised.value.problems[0]
    assert problem.file == str(page)
    assert "no article text found" in problem.message


def test_markdown_keeps_what_a_reader_sees() -> None:
    article = import_article(DATA / "opinion.md")
    assert article.title == "Why the Riverside Bus Lanes Are a Mistake"
    assert article.text == (
        "Why the Riverside Bus Lanes Are a Mistake\n"
        "\n"
        "By a concerned resident. The council calls this plan a bold vision; "
        "I call it a waste of money.\n"
        "\n"
        "What the council will not tell you\n"
        "\n"
        "Everyone knows the buses are half empty:\n"
        "\n"
        "• the 12 runs every ten minutes,\n"
        "• the 14 runs every twenty minutes.\n"
        "\n"
        '"We listened to residents," said the council.\n'
        "\n"
        "Share this\n"
        "\n"
        "Ask yourself who really benefits."
    )
    for markup in ("*", "#", "](", "`", "<div", "road.jpg", "> "):
        assert markup not in article.text


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text(
        "---\ntitle: A Headline: With a Colon\nauthor: Sam Lee\ndate: 2025-02-03\n"
        "site: The Blog\nurl: https://blog.example.org/p\n---\n\nFirst paragraph.\n",
        encoding="utf-8",
    )
    article = import_article(source)
    assert article == ImportedArticle(
        "A Headline: With a Colon\n\nFirst paragraph.",
        "A Headline: With a Colon",
        "Sam Lee",
        "2025-02-03",
        "The Blog",
        "https://blog.example.org/p",
    )


def test_text_file_is_normalized_and_titled_by_its_first_line(tmp_path: Path) -> None:
    source = tmp_path / "skate.txt"
    source.write_bytes(
        b"\xef\xbb\xbf\r\n  Skate Park Opens at Last  \r\n\r\n\r\n\r\n"
        b"After two years of bickering, the park opened.   \r\nIt cost $84,000.\r\n"
        b"Cafe\xcc\x81 owners cheered.\r\n"
    )
    article = import_article(source)
    assert article.title == "Skate Park Opens at Last"
    assert article.text == (
        "  Skate Park Opens at Last\n\nAfter two years of bickering, the park opened.\n"
        "It cost $84,000.\nCafé owners cheered."
    )
    assert "\u0301" not in article.text  # NFC: é is one code point
    assert (article.author, article.date, article.site, article.url) == ("", "", "", "")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_not_utf8_is_reported_with_file_and_place(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"latin1{suffix}"
    source.write_bytes("Headline\nThe café opened.\n".encode("latin-1"))
    with pytest.raises(FormatError) as raised:
        import_article(source)
    problem = raised.value.problems[0]
    assert problem.file == str(source)
    assert (problem.line, problem.column) == (2, 8)
    assert "not UTF-8" in problem.message


def test_missing_unsupported_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="file not found"):
        import_article(tmp_path / "gone.txt")
    (tmp_path / "article.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(FormatError, match=r"expected an article as a \.txt"):
        import_article(tmp_path / "article.pdf")
    (tmp_path / "empty.txt").write_text("\n  \n", encoding="utf-8")
    with pytest.raises(FormatError, match="the article is empty"):
        import_article(tmp_path / "empty.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(FormatError, match="found a folder"):
        import_article(tmp_path / "folder.txt")


def test_pasted_text_and_trimming_leftovers() -> None:
    article = import_text("\n\nBig News Today\r\n\r\nSomething happened.\n\n\n\nShare this!\n")
    assert article.title == "Big News Today"
    assert article.text == "Big News Today\n\nSomething happened.\n\nShare this!"
    trimmed = article.with_text(article.text.replace("\n\nShare this!", "") + "  \r\n\r\n")
    assert trimmed.text == "Big News Today\n\nSomething happened."
    assert trimmed.title == article.title
    assert article.text.endswith("Share this!")  # the original is unchanged (frozen dataclass)
