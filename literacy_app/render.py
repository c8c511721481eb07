"""Lesson Markdown to safe HTML, for display in the app's rich-text views.

Lesson packages come from other people, so their Markdown is untrusted input. Python-Markdown
passes raw HTML straight through (it has no "safe mode" any more), which makes its output as
dangerous as the author cares to make it. Every fragment is therefore sanitised with nh3 (the
Rust `ammonia` sanitiser) against an allow-list: the tags prose needs, a few harmless attributes,
links only to the web or to e-mail, and images only from inside the lesson package.

The rules here are the first line of defence; the lesson view checks links and image paths again
when they are used (see `literacy_app.gui.lesson_view`), so one mistake does not open the door.

Nothing here imports Qt: the CLI and the tests use it headless (tests/core/test_qt_free.py).
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from literacy_app.formats import memo

if TYPE_CHECKING:
    import nh3

__all__ = ["is_safe_link", "is_safe_resource", "render_markdown"]

#: The "extra" bundle spelled out, so that tables can use `align=` instead of a style attribute
#: (style attributes are stripped), plus saner list handling and typographic quotes.
MARKDOWN_EXTENSIONS = [
    "abbr",
    "attr_list",
    "def_list",
    "fenced_code",
    "footnotes",
    "md_in_html",
    "tables",
    "sane_lists",
    "smarty",
]
MARKDOWN_CONFIG = {"tables": {"use_align_attribute": True}}

#: Tags for prose. No script, style, iframe, object, embed, form, input, svg or math: anything
#: active, embedded or interactive is dropped.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "img",
        "sup",
        "sub",
        "abbr",
        "span",
        "div",
    }
)
#: Tags removed together with everything inside them: their content is code or markup, never
#: prose, and showing it as text would only confuse the reader.
REMOVED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "svg",
        "math",
        "template",
        "noscript",
        "textarea",
        "select",
        "title",
        "noembed",
        "noframes",
        "xmp",
    }
)
#: No event handlers (on*), no style, no class: nothing that runs or restyles the app.
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: Caps on numbers that size the layout: an `<img width=999999>` or `colspan=1000000` from a
#: hostile package should not make the view allocate or scroll forever.
MAX_NUMBER = {"width": 2000, "height": 2000, "colspan": 50, "rowspan": 500, "start": 1_000_000}
LINK_REL = "noopener noreferrer"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
#: Characters a browser skips or a reader cannot see: controls, soft hyphen, zero-width and
#: direction marks. `_INVISIBLE` adds the space, which a browser also strips from a scheme.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_INVISIBLE = re.compile(_HIDDEN.pattern[:-1] + r"\x20]")


def is_safe_link(url: str) -> bool:
    """True for http, https and mailto URLs and for in-document `#fragment` links.

    Browsers ignore tabs, newlines and control characters inside a URL, so "java\\tscript:" is
    still javascript: to them. The scheme is judged on the URL with those removed, and must
    also appear unbroken at the start of the URL as written. Relative links are refused: a
    lesson has no other pages to link to, and a bare "evil.example/x" or "//host" would be
    resolved against whatever base the viewer happens to have.
    """
    written = url.strip()
    seen = _INVISIBLE.sub("", written)
    if not seen:
        return False
    if seen.startswith("#"):
        return written.startswith("#")
    match = _SCHEME.match(seen)
    if match is None:
        return False
    scheme = match.group(1)
    return scheme.lower() in LINK_SCHEMES and written.startswith(scheme + ":")


def is_safe_resource(path: str) -> bool:
    """True if `path` is a plain relative path that cannot leave the folder it is resolved in.

    Images must come from the lesson package itself: no scheme (so no http:, file: or data:,
    and no Windows drive letters), no leading '/' or '~', no '..' segment, no backslashes, no
    query or fragment, nothing invisible. Percent-escapes are judged after decoding too, so
    "my%20pic.png" is fine and "%2e%2e/secret.png" is not. This is a syntactic check only:
    whoever opens the file must still resolve it and make sure it stays inside the folder,
    because a symbolic link could point anywhere.
    """
    return _plain_relative(path) and _plain_relative(unquote(path, errors="replace"))


def _plain_relative(path: str) -> bool:
    if not path or path != path.strip() or _HIDDEN.search(path):
        return False
    if _SCHEME.match(path) or path.startswith(("/", "~")):
        return False
    if any(ch in path for ch in "\\?#:"):
        return False
    segments = path.split("/")
    return ".." not in segments and any(s not in ("", ".") for s in segments)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Per-attribute rules nh3's allow-list cannot express: which URLs, how large a number.

    Must never raise: nh3 reports a raising filter through `sys.unraisablehook`.
    """
    if attribute == "href":
        return value if is_safe_link(value) else None
    if attribute == "src":
        return value if tag == "img" and is_safe_resource(value) else None
    if attribute in MAX_NUMBER:
        text = value.strip()
        if not text.isascii() or not text.isdigit() or int(text) > MAX_NUMBER[attribute]:
            return None
        return text
    if attribute == "align":
        return value if value in ("left", "center", "right") else None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    import nh3

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=LINK_REL,
        url_schemes=set(LINK_SCHEMES),
    )


#: An image tag as nh3 serialises it: lower-case names, values double-quoted with '"' escaped.
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _image_or_alt(match: re.Match[str]) -> str:
    """Keep an image whose source survived; show the alt text of one whose source was refused.

    A rich-text view draws a "broken file" icon for an image without a source, which tells the
    student nothing; the author's description of the picture does.
    """
    import html  # with its table of entities: only when Markdown is rendered, never at start-up

    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    if "src" in attributes:
        return match.group(0)
    return html.escape(html.unescape(attributes.get("alt", "")), quote=False)


def sanitize_html(fragment: str) -> str:
    """Reduce any HTML to the allow-listed subset above."""
    return _IMG.sub(_image_or_alt, _cleaner().clean(fragment))


_LIST_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^ *(```|~~~)")


def normalize_list_indentation(text: str) -> str:
    """Re-indent nested lists so Python-Markdown sees what CommonMark (and the author) meant.

    Python-Markdown nests a list only when it is indented by four spaces per level; authors
    (and CommonMark, GitHub, most editors) indent a sub-list under the text of its parent item:
    three spaces under "1. ", two under "- ". Left alone, such a sub-list is run into the
    parent's paragraph as "... two groups: - Framing devices are ...". Each list item here is
    moved to four spaces per nesting level, and the lines belonging to it keep their indent
    relative to its text. Fenced code is left exactly as written.
    """
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # open items: (content column as written, new indent)
    fenced = False
    blank_before = True
    for raw in text.split("\n"):
        line = raw.expandtabs(4) if raw.startswith((" ", "\t")) else raw
        if _FENCE.match(line):
            fenced = not fenced
            out.append(raw)
            blank_before = False
            continue
        if fenced or not line.strip():
            out.append(raw)
            blank_before = blank_before or not line.strip()
            continue
        indent = len(line) - len(line.lstrip(" "))
        item = _LIST_ITEM.match(line)
        if item:
            while stack and indent < stack[-1][0]:
                stack.pop()
            if not stack and indent > 3:
                out.append(raw)  # an indented code block, not a list
                blank_before = False
                continue
            new = stack[-1][1] + 4 if stack else 0
            content = indent + len(item.group(2)) + max(len(item.group(3)), 1)
            stack.append((content, new))
            out.append(" " * new + line[indent:])
        elif stack and blank_before:
            while stack and indent < stack[-1][0]:
                stack.pop()
            if stack:
                column, new = stack[-1]
                out.append(" " * (new + 4 + indent - column) + line[indent:])
            else:
                out.append(raw)
        elif stack and indent >= stack[-1][0]:
            column, new = stack[-1]
            out.append(" " * (new + 4 + indent - column) + line[indent:])
        else:
            out.append(raw)  # a lazy continuation line, or text outside any list
        blank_before = False
    return "\n".join(out)


RENDERED = "rendered-html"  # the memo's kind for sanitised HTML, named by its Markdown


def render_markdown(text: str, *, remember: bool = False) -> str:
    """Markdown from a lesson package as HTML that is safe to show.

    A fresh `Markdown` instance per call keeps footnote and abbreviation state from leaking
    between sections. The result is always sanitised, whatever the Markdown contained.

    With `remember`, the sanitised HTML is kept in the memo (`literacy_app.formats.memo`) and
    served from it next time, so a lesson opened before shows without importing
    Python-Markdown at all. The lesson view asks for that; a live preview, which renders
    every few keystrokes, does not.
    """
    if not text.strip():
        return ""
    if not remember:
        return _render(text)
    key = memo.key_for(memo.code_identity(__file__, "markdown", "nh3"), text)
    remembered = memo.lookup(RENDERED, key)
    if remembered is not None:
        return remembered
    safe = _render(text)
    memo.store(RENDERED, key, safe)
    return safe


def _render(text: str) -> str:
    import markdown  # type: ignore[import-untyped]  # no stubs in the dev extras yet

    try:
        html = markdown.markdown(
            clamp_nesting(normalize_list_indentation(text)),
            extensions=_extensions(),
            output_format="html",
        )
    except RecursionError:  # whatever `clamp_nesting` missed: the words, if not the layout
        return "".join(f"<p>{_escape(part)}</p>" for part in text.split("\n\n") if part.strip())
    return sanitize_html(html)


#: The deepest a lesson's lists and quotes nest when shown. Python-Markdown recurses per level
#: (a 400-level list raised RecursionError when the lesson was opened, though `check` passed),
#: and no lesson needs more than a few.
MAX_NESTING_SHOWN = 12
_QUOTE_MARKERS = re.compile(r"^((?:[ \t]*>)+)")


def clamp_nesting(text: str) -> str:
    """Lines indented or quoted deeper than `MAX_NESTING_SHOWN` levels brought up to it (four
    spaces a level, as `normalize_list_indentation` writes them); fenced code is left alone."""
    widest = 4 * MAX_NESTING_SHOWN
    out = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            indent = len(line) - len(line.lstrip(" "))
            if indent > widest:
                line = " " * widest + line.lstrip(" ")
            quotes = _QUOTE_MARKERS.match(line)
            if quotes and quotes.group(1).count(">") > MAX_NESTING_SHOWN:
                line = ">" * MAX_NESTING_SHOWN + " " + line[quotes.end() :].lstrip()
        out.append(line)
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _extensions() -> list[Any]:
    """Fresh extension objects for MARKDOWN_EXTENSIONS. Naming extensions by string makes
    Python-Markdown scan every installed package's entry points (importlib.metadata, ~35 ms
    at start-up); the classes themselves are found directly."""
    made = []
    for name in MARKDOWN_EXTENSIONS:
        module = importlib.import_module(f"markdown.extensions.{name}")
        made.append(module.makeExtension(**MARKDOWN_CONFIG.get(name, {})))
    return made
