"""Lesson Markdown is untrusted: prove the renderer neutralises what a hostile package could try,
and keeps what an honest author writes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from literacy_app.render import (
    MAX_NESTING_SHOWN,
    is_safe_link,
    is_safe_resource,
    normalize_list_indentation,
    render_markdown,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag with its attributes, as a browser's parser would see them."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.found


def attributes(html: str, name: str) -> list[str | None]:
    return [value for _, attrs in tags(html) for key, value in attrs if key == name]


def attribute_names(html: str) -> set[str]:
    return {key for _, attrs in tags(html) for key, _ in attrs}


# --- what must not survive ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>Hello",
        "Hello <script src='https://evil.example/x.js'></script>",
        "<SCRIPT>alert(1)</SCRIPT>Hello",
        "<scr<script>ipt>alert(1)</script>Hello",
        "<style>body { display: none }</style>Hello",
    ],
)
def test_scripts_and_styles_are_removed_with_their_content(source: str) -> None:
    html = render_markdown(source)
    assert "<script" not in html.lower()
    assert "<style" not in html.lower()
    assert "alert(1)" not in html
    assert "display: none" not in html
    assert "Hello" in html


@pytest.mark.parametrize(
    "source",
    [
        "<img src=x onerror=alert(1)>",
        '<p onclick="alert(1)">text</p>',
        '<a href="https://example.com" onmouseover="alert(1)">x</a>',
        '<div ONLOAD="alert(1)">x</div>',
        'Para\n{: onclick="alert(1)" }',
        '## Heading {: onclick="alert(1)" }',
        '[link](https://example.com){: onclick="alert(1)" }',
    ],
)
def test_event_handler_attributes_are_removed(source: str) -> None:
    html = render_markdown(source)
    assert not any(name.startswith("on") for name in attribute_names(html))


def test_raw_html_image_with_onerror_keeps_only_its_safe_parts() -> None:
    html = render_markdown('Look: <img src=x onerror="alert(document.cookie)">')
    assert "onerror" not in html
    assert "alert" not in html
    assert attributes(html, "src") == ["x"]  # a plain relative path is allowed


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java&#9;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "FILE:///C:/Windows/win.ini",
        "ftp://example.com/x",
        "//evil.example/x",
        "other-page.html",
        "/etc/passwd",
        "htt&#9;p://example.com",
    ],
)
def test_unsafe_links_lose_their_target(href: str) -> None:
    for source in (f'<a href="{href}">click</a>', f"[click]({href})"):
        html = render_markdown(source)
        assert "click" in html
        assert attributes(html, "href") == [], source
        assert "javascript" not in html.lower()


@pytest.mark.parametrize(
    "src",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "http://example.com/x.png",
        "https://example.com/tracker.gif",
        "//example.com/x.png",
        "file:///etc/passwd",
        "file://host/share/x.png",
        "../secret.png",
        "assets/../../secret.png",
        "%2e%2e/secret.png",
        "assets/..%2f..%2fsecret.png",
        "/etc/passwd",
        "C:/Windows/x.png",
        "..\\secret.png",
        "~/x.png",
        "javascript:alert(1)",
    ],
)
def test_images_load_only_from_relative_paths(src: str) -> None:
    for source in (f"![the alt text]({src})", f'<img alt="the alt text" src="{src}">'):
        html = render_markdown(source)
        assert "<img" not in html, source
        assert "the alt text" in html  # the description is what the student sees instead


def test_refused_image_alt_text_is_escaped_not_markup() -> None:
    html = render_markdown('<img alt="&lt;script&gt;alert(1)&lt;/script&gt;" src="http://x">')
    assert "<script" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "tag",
    [
        '<iframe src="https://example.com"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
        '<svg onload="alert(1)"><circle r="5"/></svg>',
        "<math><mi>x</mi></math>",
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<meta http-equiv="refresh" content="0; url=https://evil.example">',
        '<base href="https://evil.example/">',
    ],
)
def test_active_and_embedded_content_is_removed(tag: str) -> None:
    html = render_markdown(f"Before\n\n{tag}\n\nAfter")
    for name in (
        "iframe",
        "object",
        "embed",
        "form",
        "input",
        "button",
        "svg",
        "math",
        "link",
        "meta",
        "base",
    ):
        assert f"<{name}" not in html
    assert "Before" in html
    assert "After" in html


def test_style_and_class_attributes_are_removed() -> None:
    html = render_markdown(
        '<p style="position: fixed; top: 0" class="x">text</p>\n\n'
        'Para\n{: style="color: red" .warning }'
    )
    assert {"style", "class"}.isdisjoint(attribute_names(html))
    assert "text" in html
    assert "Para" in html


def test_layout_numbers_are_capped() -> None:
    html = render_markdown(
        '<table><tr><td colspan="100000">x</td></tr></table>'
        '<img src="a.png" width="999999" height="20">'
    )
    assert "colspan" not in html
    assert "999999" not in html
    assert 'height="20"' in html


def test_comments_are_dropped() -> None:
    assert "secret" not in render_markdown("text <!-- secret --> more")


# --- what must survive -------------------------------------------------------------------------
def test_ordinary_markdown_survives() -> None:
    html = render_markdown(
        "Some *emphasis*, **strong** and `code`.\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
        "```\nx = 1 < 2\n```\n\n"
        "> quoted\n\n"
        "[a site](https://example.com/page?q=1), [plain](http://example.org), "
        "[mail](mailto:teacher@example.com) and [a note](#notes).\n\n"
        "![a picture](assets/pic.png)"
    )
    for fragment in (
        "<em>emphasis</em>",
        "<strong>strong</strong>",
        "<code>code</code>",
        "<ul>",
        "<ol>",
        "<li>one</li>",
        "<table>",
        '<th align="left">A</th>',
        '<td align="right">2</td>',
        "<pre><code>x = 1 &lt; 2",
        "<blockquote>",
    ):
        assert fragment in html
    assert attributes(html, "href") == [
        "https://example.com/page?q=1",
        "http://example.org",
        "mailto:teacher@example.com",
        "#notes",
    ]
    assert attributes(html, "src") == ["assets/pic.png"]


def test_links_get_noopener_noreferrer() -> None:
    html = render_markdown("[a site](https://example.com)")
    assert 'rel="noopener noreferrer"' in html


def test_footnotes_and_smart_quotes() -> None:
    html = render_markdown('He said "so-called" -- twice.[^1]\n\n[^1]: A note.')
    assert "“so-called”" in html
    assert 'href="#fn:1"' in html
    assert "A note." in html


def test_empty_text_renders_to_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown("  \n\n") == ""


# --- nested lists as authors write them --------------------------------------------------------
def test_sub_list_indented_under_its_parent_text_is_nested() -> None:
    html = render_markdown(
        "3. Choose a category:\n"
        "   - **Framing devices** are about *how*,\n"
        "     and more.\n"
        "   - **Unsupported claims**.\n"
        "4. Add a note."
    )
    assert re.search(r"Choose a category:\s*<ul>\s*<li><strong>Framing", html)
    assert "- <strong>" not in html
    assert '<ol start="3">' in html


def test_two_space_nesting_and_continuation_paragraphs() -> None:
    html = render_markdown("- a\n  - b\n    - c\n- d\n\n  more of d\n")
    assert re.search(r"<li>a\s*<ul>\s*<li>b\s*<ul>\s*<li>c</li>", html)
    assert re.search(r"<p>d</p>\s*<p>more of d</p>", html)


def test_list_normalisation_leaves_code_alone() -> None:
    text = "Para\n\n    code\n    - not a list\n\n```\n  - in a fence\n```\n"
    assert normalize_list_indentation(text) == text
    html = render_markdown(text)
    assert "<li>" not in html


# --- the predicates the widget uses ------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "safe"),
    [
        ("assets/pic.png", True),
        ("pic.png", True),
        ("./assets/pic.png", True),
        ("assets/my%20pic.png", True),
        ("assets/my pic.png", True),
        ("", False),
        (".", False),
        ("../secret.png", False),
        ("assets/../../secret.png", False),
        ("%2E%2E/secret.png", False),
        ("/etc/passwd", False),
        ("C:/x.png", False),
        ("c:x.png", False),
        ("..\\secret.png", False),
        ("assets\\pic.png", False),
        ("~/pic.png", False),
        ("data:image/png;base64,AAAA", False),
        ("http://example.com/x.png", False),
        ("file:///etc/passwd", False),
        ("pic.png?x=1", False),
        ("pic.png#frag", False),
        (" pic.png", False),
        ("pic\u200b.png", False),
        ("pic\x00.png", False),
    ],
)
def test_is_safe_resource(path: str, safe: bool) -> None:
    assert is_safe_resource(path) is safe


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com", True),
        ("HTTP://example.com", True),
        ("mailto:a@example.com", True),
        ("#section", True),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("ht\ntp://example.com", False),
        ("\u200bjavascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("relative.html", False),
        ("//example.com", False),
        ("", False),
    ],
)
def test_is_safe_link(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


@pytest.mark.parametrize(
    "markdown_text",
    [
        "\n".join("    " * level + f"- item {level}" for level in range(400)),
        "\n".join("  " * level + "1. item" for level in range(2000)),
        ">" * 400 + " a quote four hundred deep",
        "\n".join("> " * level + "line" for level in range(1, 300)),
    ],
    ids=["list-400", "ordered-2000", "quote-400", "quotes-stair"],
)
def test_nesting_deeper_than_any_lesson_needs_still_renders(markdown_text: str) -> None:
    """Issue #14: a 400-deep list passed `check` and then failed in the lesson view."""
    html = render_markdown(markdown_text)
    assert "item" in html or "quote" in html or "line" in html
    assert html.count("<ul>") + html.count("<ol>") <= MAX_NESTING_SHOWN + 1
    assert html.count("<blockquote>") <= MAX_NESTING_SHOWN
