"""Bringing an article into the app: a .txt, .md or saved .html page, or pasted text.

Whatever the source, the result is plain text in the app's one normalized form, paragraphs
separated by blank lines, with the headline as the first paragraph (headlines persuade too, and
the bundled lessons mark them). The author then trims any leftover site text before the lesson
is created, because from that moment the article is frozen: the key is anchored to its offsets.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs in the dev extras
import yaml

from literacy_app.core.errors import FormatError
from literacy_app.core.text import Attribution, decode, normalize
from literacy_app.formats.document import read_bytes

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

_BLANK_RUN = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\f\v]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE_LIMIT = 200
MIN_BODY_WORDS = 12  # fewer is a page of links and labels, not an article to teach with


@dataclass(frozen=True)
class ImportedArticle:
    """An article ready to become a lesson: its text and what is known about where it is from."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""

    def with_text(self, new_text: str) -> ImportedArticle:
        """The same article with text the author corrected (leftover menus, captions cut).

        The new text is tidied exactly like imported text, so offsets later taken from the
        lesson's article.txt are offsets into what the author saw.
        """
        return replace(self, text=tidy(new_text))

    def attribution(self) -> Attribution:
        return Attribution(author=self.author, outlet=self.site, date=self.date, url=self.url)


def tidy(text: str) -> str:
    """Normalized text, trailing spaces dropped, at most one blank line between paragraphs.

    Invisible differences (trailing blanks, runs of empty lines) would otherwise end up in the
    frozen article and make re-typed quotes fail to match.
    """
    lines = [line.rstrip() for line in normalize(text).split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:_TITLE_LIMIT]
    return ""


def import_text(text: str) -> ImportedArticle:
    """Pasted text: tidied, its first non-empty line taken as the title."""
    tidied = tidy(text)
    return ImportedArticle(tidied, _first_line(tidied))


def import_article(path: Path) -> ImportedArticle:
    """Read an article file (.txt, .md, .html/.htm); FormatError names the file when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FormatError.single(
            path, "expected an article as a .txt, .md, .html or .htm file, got " + repr(suffix)
        )
    data = read_bytes(path)
    if suffix in (".html", ".htm"):
        article = _import_html(_decode_html(data, path), path)
    elif suffix in (".md", ".markdown"):
        article = _import_markdown(decode(data, path), path)
    else:
        article = import_text(decode(data, path))
    if not article.text.strip():
        raise FormatError.single(path, "the article is empty: no text to make a lesson from")
    return article


# --- HTML -------------------------------------------------------------------------------------


def _decode_html(data: bytes, path: Path) -> str:
    """UTF-8, or the charset the page itself declares: browsers save pages in the site's own
    encoding, and such a page is not a mistake of the author's the way a .txt file in Latin-1 is.
    """
    try:
        return decode(data, path).removeprefix("\ufeff")
    except FormatError:
        declared = _CHARSET.search(data[:4096])
        if declared is None:
            raise
        name = declared.group(1).decode("ascii")
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            raise FormatError.single(
                path, f"the page declares the encoding {name!r} but cannot be read with it"
            ) from None


def _extract(html: str, favor_precision: bool) -> Any:
    # Imported here: trafilatura pulls in lxml, dateparser and more (about half a second), which
    # only the import of a web page needs, never the student's start-up.
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=favor_precision,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _import_html(html: str, path: Path) -> ImportedArticle:
    """The main article of a saved page, without menus, ads, comments or footer (trafilatura)."""
    document = _extract(html, favor_precision=True)
    paragraphs = _body_paragraphs(document)
    if _words(paragraphs, document) < MIN_BODY_WORDS:  # some pages need the less strict mode
        document = _extract(html, favor_precision=False)
        paragraphs = _body_paragraphs(document)
    if _words(paragraphs, document) < MIN_BODY_WORDS:  # menus and link lists are not articles
        raise FormatError.single(
            path,
            "no article text found in the page: save the article's own page (not a front page "
            "or a search result), or copy its text into a .txt file",
        )
    title = _clean(_attribute(document, "title"))
    if title and _clean(paragraphs[0]).casefold() != title.casefold():
        paragraphs.insert(0, title)
    return ImportedArticle(
        text=tidy("\n\n".join(paragraphs)),
        title=title or _first_line(paragraphs[0]),
        author=_clean(_attribute(document, "author")),
        date=_clean(_attribute(document, "date")),
        site=_clean(_attribute(document, "sitename")),
        url=_clean(_attribute(document, "url")),
    )


def _words(paragraphs: list[str], document: Any) -> int:
    """Words of the body besides the headline."""
    title = _clean(_attribute(document, "title")).casefold()
    return sum(len(p.split()) for p in paragraphs if _clean(p).casefold() != title)


def _attribute(document: Any, name: str) -> str:
    value = getattr(document, name, None) if document is not None else None
    return value if isinstance(value, str) else ""


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _body_paragraphs(document: Any) -> list[str]:
    """Paragraphs of trafilatura's XML body: one per block, list items and table rows on lines
    of their own (its plain-text output separates paragraphs by a single newline only)."""
    body = getattr(document, "body", None) if document is not None else None
    if body is None:
        return []
    paragraphs: list[str] = []
    for element in body:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            lines = [f"• {_inline(item)}" for item in element.iter("item")]
            block = "\n".join(line for line in lines if line.strip("• "))
        elif tag == "table":
            rows = [" | ".join(_inline(c) for c in row.iter("cell")) for row in element.iter("row")]
            block = "\n".join(row for row in rows if row.strip(" |"))
        elif tag in ("graphic", "comments"):
            continue
        else:
            block = _inline(element)
        if block.strip():
            paragraphs.append(block)
    return paragraphs


def _inline(element: Any) -> str:
    """Text of one block as a reader sees it: spaces collapsed, <lb/> kept as a line break."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# --- Markdown ---------------------------------------------------------------------------------

_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "tr", "div", "dt", "dd"}
)
_SKIPPED = frozenset({"script", "style", "head", "title", "template"})
_MARKER = re.compile(r"•|\d+\.")
_BREAK = "\x00"  # stands for <br> until a paragraph's whitespace is collapsed


class _TextCollector(HTMLParser):
    """Plain paragraphs from the HTML the Markdown renders to: what a reader of it would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.headings: list[str] = []
        self._current: list[str] = []
        self._skipping = 0
        self._lists: list[list[int]] = []  # per open list: [next number] (ordered) or [] (bullets)
        self._pre = 0
        self._heading = False
        self._in_item = False  # inside an <li>
        self._joining = False  # the last paragraph was a list item: the next item joins it

    def _flush(self) -> None:
        raw = "".join(self._current)
        self._current = []
        if self._pre:
            text = raw.strip("\n")
        else:  # soft line breaks are spaces to a reader; only <br> (the sentinel) breaks a line
            text = _SPACES.sub(" ", raw.replace("\n", " "))
            text = "\n".join(line.strip() for line in text.split(_BREAK) if line.strip())
        if not text.strip():
            return
        if self._in_item and self._joining:  # items of one list stay on consecutive lines
            self.paragraphs[-1] += "\n" + text
        else:
            self.paragraphs.append(text)
        self._joining = self._in_item
        if self._heading:
            self.headings.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
            return
        if tag in ("ul", "ol"):
            self._flush()
            self._lists.append([1] if tag == "ol" else [])
        elif tag == "br":
            self._current.append(_BREAK)
        elif tag in ("td", "th"):
            if self._current and "".join(self._current).strip():
                self._current.append(" | ")
        elif tag in _BLOCKS:
            if tag == "li" or not _MARKER.fullmatch("".join(self._current).strip()):
                self._flush()  # (a <p> inside a loose list item keeps the item's bullet)
            self._heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
            if tag == "pre":
                self._pre += 1
            self._in_item = self._in_item or tag == "li"
            if tag == "li" and self._lists:
                numbers = self._lists[-1]
                if numbers:
                    self._current.append(f"{numbers[0]}. ")
                    numbers[0] += 1
                else:
                    self._current.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
            return
        if tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()
            self._joining = bool(self._lists) and self._joining
        elif tag in _BLOCKS:
            if tag == "li" or not _MARKER.fullmatch("".join(self._current).strip()):
                self._flush()  # (a <p> inside a loose list item keeps the item's bullet)
            self._heading = False
            self._in_item = self._in_item and tag != "li"
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A YAML block at the top of a Markdown file (static-site style) gives metadata, not text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            block = lines[1:number]
            try:
                data = yaml.safe_load("\n".join(block))
            except yaml.YAMLError:  # hand-written blocks often have a bare ': ' in a title
                data = {
                    k.strip(): v.strip().strip("\"'")
                    for k, _, v in (row.partition(":") for row in block if ":" in row)
                }
            if isinstance(data, dict):
                return data, "\n".join(lines[number + 1 :])
            return {}, text
    return {}, text


def _meta_string(meta: dict[str, Any], *names: str) -> str:
    for name in names:
        value = meta.get(name)
        if isinstance(value, list) and value:
            value = ", ".join(str(v) for v in value)
        if value is not None and not isinstance(value, dict | list) and str(value).strip():
            return _clean(str(value))
    return ""


def _import_markdown(source: str, path: Path) -> ImportedArticle:
    """Markup stripped, the text a reader sees kept; the first heading is the title."""
    meta, body = _front_matter(normalize(source))
    html = markdown.markdown(body, extensions=["tables", "fenced_code"], output_format="html")
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = tidy("\n\n".join(collector.paragraphs))
    title = _meta_string(meta, "title") or (
        _first_line(collector.headings[0]) if collector.headings else _first_line(text)
    )
    if title and _first_line(text).casefold() != title.casefold() and "title" in meta:
        text = tidy(f"{title}\n\n{text}")
    return ImportedArticle(
        text=text,
        title=title,
        author=_meta_string(meta, "author", "authors", "byline"),
        date=_meta_string(meta, "date", "published"),
        site=_meta_string(meta, "site", "outlet", "publisher", "sitename"),
        url=_meta_string(meta, "url", "source", "link"),
    )
