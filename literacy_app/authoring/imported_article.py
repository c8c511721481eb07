"""An imported article: its text in the app's one normalized form, what is known about where
it is from, and notes for the author; and the tidying and notes every import path shares.

Whatever the source (pasted text, .txt, .md, a saved page), the text ends as paragraphs
separated by blank lines, the headline first; importing.py picks the path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from literacy_app.core.text import Attribution, normalize
from literacy_app.i18n import _

from .leftovers import Sorted, line_notes, quote, sort_leftovers

_BLANK_RUN = re.compile(r"\n{3,}")
SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\f\v]+")  # the spaces a reader sees as one
TITLE_LIMIT = 200


@dataclass(frozen=True)
class ImportedArticle:
    """An article ready to become a lesson: its text, what is known about where it is from,
    and notes: plain sentences on what the author should check (text that may be missing or
    may be site furniture), shown in instructor mode and printed by `new-lesson`."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    site: str = ""
    url: str = ""
    original: str = ""  # where the article first appeared, when this is a republication
    licence: str = ""
    notes: tuple[str, ...] = ()

    @property
    def outlet(self) -> str:
        """The site under the name the lesson's attribution gives it."""
        return self.site

    def with_text(self, new_text: str) -> ImportedArticle:
        """The same article with text the author corrected (leftover menus, captions cut).

        The new text is tidied exactly like imported text, so offsets later taken from the
        lesson's article.txt are offsets into what the author saw. Notes and attribution stay:
        what the page said about itself has not changed.
        """
        return replace(self, text=tidy(new_text))

    def attribution(self) -> Attribution:
        return Attribution(
            author=self.author,
            outlet=self.site,
            date=self.date,
            url=self.url,
            original=self.original,
            licence=self.licence,
        )


def tidy(text: str) -> str:
    """Normalized text, trailing spaces dropped, at most one blank line between paragraphs.

    Invisible differences (trailing blanks, runs of empty lines) would otherwise end up in the
    frozen article and make re-typed quotes fail to match.
    """
    lines = [line.rstrip() for line in normalize(text).split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def first_line(text: str) -> str:
    """The first non-empty line, cut to a title's length: the headline when nothing says."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:TITLE_LIMIT]
    return ""


def one_line(text: str) -> str:
    """Text on one line with its spaces collapsed: how a headline or a byline is compared."""
    return SPACES.sub(" ", text.replace("\n", " ")).strip()


def flagged(article: ImportedArticle) -> ImportedArticle:
    """A text the author chose (pasted, .txt, .md): leftovers flagged, credit lines read."""
    found = sort_leftovers(article.text.split("\n\n"), remove=False, skip_first=True)
    notes = line_notes(article.text, found)
    return replace(
        article,
        original=article.original or found.original,
        licence=article.licence or found.licence,
        notes=article.notes + tuple(notes) + credit_notes(found),
    )


def credit_notes(found: Sorted) -> tuple[str, ...]:
    if not found.credits:
        return ()
    return (
        _(
            "Kept the credit line {line} in the text and filled the attribution from it; remove "
            "the line from the text if the lesson's attribution says enough."
        ).format(line=quote(found.credits[0])),
    )
