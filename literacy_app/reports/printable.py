"""What the printable reports share: the page around them, escaping, and the article's paragraphs.

A report is opened in a browser, printed, mailed to a parent or rendered to PDF by Qt's own
QTextDocument (gui/report_pdf.py), so the page is one self-contained file: styles inline, no
scripts, no external files (a Content-Security-Policy forbids them should anything slip in),
and only the CSS subset both a browser and QTextDocument read. Where the two differ the rule
says it twice (`text-decoration-line` for browsers, `text-underline-style` for Qt, which reads
neither the other's name nor `@media print`, so print-only rules go there; a centred column
for the screen is in `@supports`, which Qt skips: its `margin: auto` narrows the page).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from literacy_app.core.text import Article
from literacy_app.i18n import _, current_language, pgettext

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # a run of non-blank lines
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')

BASE_CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; font-size: 11pt; line-height: 125%;
       color: #111111; max-width: 46em; }
h1 { font-size: 17pt; margin: 0 0 0.3em 0; }
h2 { font-size: 13pt; margin: 1em 0 0.4em 0; }
h3 { font-size: 11pt; margin: 0.6em 0 0.1em 0; }
p { margin: 0.2em 0 0.4em 0; }
.meta { color: #444444; font-size: 9.5pt; }
.small { font-size: 9pt; color: #444444; }
.nowrap { white-space: nowrap; }
table.article { border-collapse: collapse; }
table.article td { vertical-align: top; }
td.num, td.lnum { color: #555555; font-size: 8pt; font-family: 'DejaVu Sans', Arial, sans-serif; }
td.num { text-align: right; }
.block { page-break-inside: avoid; break-inside: avoid; }
@supports (display: block) {
  body { margin: 1.5em auto; padding: 0 1em; }
}
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  .block, tr { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    """Every string from a file goes through here: a name or note holding `<script>` is text."""
    return html.escape(text, quote=True)


def esc_lines(text: str) -> str:
    """Escaped, its line breaks kept."""
    return "<br>".join(esc(line) for line in text.split("\n"))


def without_images(fragment: str) -> str:
    """Sanitised rationale HTML with each picture replaced by its description: the report is
    one file, and a picture in the lesson package would be a broken link outside it."""

    def alt(match: re.Match[str]) -> str:
        found = _ALT.search(match.group(0))
        if found and found.group(1):
            return _("[picture: {description}]").format(description=found.group(1))
        return _("[picture]")

    return _IMAGE.sub(alt, fragment)


def language_attribute(language: str) -> str:
    """` lang="xx"` for text in `language` (a lesson's article) on a page in the app's
    language, so that a reader, a screen reader or a hyphenating printer treats it as what it
    is; nothing when the two are the same."""
    base = language.replace("_", "-").split("-")[0].casefold()
    if not language or base == current_language():
        return ""
    return f' lang="{esc(language)}"'


def page(title: str, css: str, body: Iterable[str], language: str | None = None) -> str:
    """A whole HTML document: `title` is escaped here, `body` is HTML already escaped. The
    page is in the language its own words are in (by default the app's, `i18n`)."""
    language = language or current_language()
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines of the article, numbered as a student counts them: the headline
    (when the article starts with it) is "H", the paragraphs after it 1, 2, 3..."""

    start: int
    end: int
    label: str


def paragraphs(article: Article) -> list[Paragraph]:
    text = article.text
    found = []
    number = 0
    headline_label = pgettext("the label of an article's headline, before paragraph 1", "H")
    for index, match in enumerate(_PARAGRAPH.finditer(text)):
        headline = article.title.strip()
        if index == 0 and headline and match.group().strip() == headline:
            found.append(Paragraph(match.start(), match.end(), headline_label))
            continue
        number += 1
        found.append(Paragraph(match.start(), match.end(), str(number)))
    return found


def attribution_html(article: Article) -> str:
    """Whose article it is, as the lesson credits it: reports travel without the lesson."""
    source = article.attribution
    lines = []
    if article.title:
        lines.append(f"<b>{esc(article.title)}</b>")
    summary = source.summary()
    if summary:
        lines.append(esc(summary))
    if source.url:
        lines.append(_("Source: {url}").format(url=esc(source.url)))
    if source.licence:
        lines.append(f'<span class="small">{esc(source.licence)}</span>')
    return f'<p class="meta">{"<br>".join(lines)}</p>' if lines else ""
