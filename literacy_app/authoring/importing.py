"""Bringing an article into the app: a .txt, .md or saved .html page, or pasted text.

Whatever the source, the result is plain text in the app's one normalized form, paragraphs
separated by blank lines, with the headline as the first paragraph (headlines persuade too, and
the bundled lessons mark them). The author then trims any leftover site text before the lesson
is created, because from that moment the article is frozen: the key is anchored to its offsets.

Here the source picks the path: a saved page (html_import.py), Markdown (markdown_import.py),
plain text; the article they all make, and what they share, is in imported_article.py.
"""

from __future__ import annotations

from pathlib import Path

from literacy_app.core.errors import FormatError
from literacy_app.core.text import decode
from literacy_app.formats.document import read_bytes
from literacy_app.i18n import _

from .html_import import decode_html, import_html
from .imported_article import ImportedArticle, first_line, flagged, tidy
from .markdown_import import import_markdown

# ImportedArticle and tidy are imported from here by the writers and the commands.
__all__ = ["SUFFIXES", "ImportedArticle", "import_article", "import_text", "tidy"]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def import_text(text: str) -> ImportedArticle:
    """Pasted text: tidied, its first non-empty line taken as the title. Nothing is taken out
    of what the author pasted; lines that look like site text are named in notes."""
    tidied = tidy(text)
    return flagged(ImportedArticle(tidied, first_line(tidied)))


def import_article(path: Path) -> ImportedArticle:
    """Read an article file (.txt, .md, .html/.htm); FormatError names the file when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FormatError.single(
            path,
            _("expected an article as a .txt, .md, .html or .htm file, got {suffix}").format(
                suffix=repr(suffix)
            ),
        )
    data = read_bytes(path)
    if suffix in (".html", ".htm"):
        html, notes = decode_html(data, path)
        article = import_html(html, path, notes)
    elif suffix in (".md", ".markdown"):
        article = import_markdown(decode(data, path), path)
    else:
        article = import_text(decode(data, path))
    if suffix in (".md", ".markdown"):
        article = flagged(article)
    if not article.text.strip():
        raise FormatError.single(path, _("the article is empty: no text to make a lesson from"))
    return article
