"""A Markdown article as plain text: markup stripped, the text a reader sees kept (list
markers, line breaks, table cells), the first heading as the title, and a static site's YAML
front matter read for the attribution rather than kept as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # no stubs in the dev extras
import yaml

from literacy_app.core.text import normalize

from .imported_article import SPACES, ImportedArticle, first_line, one_line, tidy

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
            text = SPACES.sub(" ", raw.replace("\n", " "))
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
            return one_line(str(value))
    return ""


def import_markdown(source: str, path: Path) -> ImportedArticle:
    """Markup stripped, the text a reader sees kept; the first heading is the title."""
    meta, body = _front_matter(normalize(source))
    html = markdown.markdown(body, extensions=["tables", "fenced_code"], output_format="html")
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = tidy("\n\n".join(collector.paragraphs))
    title = _meta_string(meta, "title") or (
        first_line(collector.headings[0]) if collector.headings else first_line(text)
    )
    if title and first_line(text).casefold() != title.casefold() and "title" in meta:
        text = tidy(f"{title}\n\n{text}")
    return ImportedArticle(
        text=text,
        title=title,
        author=_meta_string(meta, "author", "authors", "byline"),
        date=_meta_string(meta, "date", "published"),
        site=_meta_string(meta, "site", "outlet", "publisher", "sitename"),
        url=_meta_string(meta, "url", "source", "link"),
    )
