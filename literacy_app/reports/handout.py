"""A printable handout, for classes that work on paper first: the article with paragraph and
line numbers, the instructions, the palette as a checklist, and room for notes.

It carries no answers. Which parts of lesson.md a student may read is decided where the
packaged handout decides it (authoring/handout.py): the key, the Debrief and the Teacher notes
never come, and a lesson whose instructions quote a key item is refused with the line to
reword. Hints are left out as well: on paper they would all be read at once.

The article is wrapped here at a fixed measure (LINE_WIDTH characters), not by the browser or
printer, so that "paragraph 3, line 12" names the same words on every copy; each line is a row
of its own and is never wrapped again.
"""

from __future__ import annotations

import textwrap

from literacy_app.authoring.handout import handout_text
from literacy_app.core.lesson import Lesson
from literacy_app.core.taxonomy import Group
from literacy_app.i18n import _, pgettext
from literacy_app.reports.printable import (
    attribution_html,
    esc,
    language_attribute,
    page,
    paragraphs,
    without_images,
)

LINE_WIDTH = 72
NUMBER_EVERY = 5
NOTE_LINES = 12

_CSS = """
table.lines { border-collapse: collapse; }
table.lines td { vertical-align: top; padding: 0; }
td.line { font-size: 10.5pt; white-space: pre; line-height: 140%; }
td.num { padding-right: 0.6em; }
td.gap { font-size: 5pt; }
.check { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 12pt; }
table.palette td { vertical-align: top; font-size: 10pt; }
td.rule { border-bottom: 1px solid #999999; height: 2em; }
"""


def article_lines(text: str, width: int = LINE_WIDTH) -> list[str]:
    """One paragraph's text as the handout prints it: each of its lines wrapped at `width`
    characters (a word longer than that is cut), never joined with the next."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(
            textwrap.wrap(line, width, break_on_hyphens=False, drop_whitespace=True) or [""]
        )
    return lines


def _article_html(lesson: Lesson) -> str:
    rows = []
    number = 0
    for index, paragraph in enumerate(paragraphs(lesson.article)):
        if index:
            rows.append('<tr><td class="gap" colspan="3">&nbsp;</td></tr>')
        lines = article_lines(lesson.article.text[paragraph.start : paragraph.end])
        for place, line in enumerate(lines):
            number += 1
            label = f"{esc(paragraph.label)}&nbsp;&nbsp;" if place == 0 else ""
            shown = str(number) if number % NUMBER_EVERY == 0 else ""
            rows.append(
                f'<tr><td class="num" width="6%" nowrap>{label}</td>'
                f'<td class="line" width="86%" nowrap>{esc(line) or "&nbsp;"}</td>'
                f'<td class="lnum" width="8%" nowrap>{shown}</td></tr>'
            )
    return (
        f'<table class="lines article" width="100%" cellspacing="0" cellpadding="2"'
        f"{language_attribute(lesson.language)}>" + "\n".join(rows) + "</table>"
    )


def _palette_html(lesson: Lesson) -> str:
    parts = []
    for group in Group:
        categories = [c for c in lesson.palette if c.group is group]
        if not categories:
            continue
        rows = "".join(
            f'<tr><td class="check" width="4%">☐</td><td width="96%"><b>{esc(c.display_name)}</b>: '
            f"{esc(c.display_definition)}</td></tr>"
            for c in categories
        )
        parts.append(
            f"<h3>{esc(group.display_label)}</h3>"
            f'<table class="palette" width="100%" cellspacing="0" cellpadding="2">{rows}</table>'
        )
    return "".join(parts)


def _markdown(text: str) -> str:
    from literacy_app.render import render_markdown

    return without_images(render_markdown(text))


def handout_html(lesson: Lesson) -> str:
    """The handout page. Raises FormatError (naming lesson.md and the line) when a part
    students read before they check quotes a key item."""
    text, _left_out = handout_text(lesson, str(lesson.folder / "lesson.md"))
    name = _("Name:")
    when = _("Date:")
    body = [
        f"<h1>{esc(lesson.title)}</h1>",
        attribution_html(lesson.article),
        f"<p>{name} ________________________________ &nbsp;&nbsp; {when} ________________</p>",
    ]
    if text.instructions.strip():
        body += ["<h2>" + _("Instructions") + "</h2>", _markdown(text.instructions)]
    for heading, section in text.other:
        body += [f"<h2>{esc(heading)}</h2>", _markdown(section)]
    tick = _(
        "Tick each kind of passage once you have found one. Write the paragraph and line "
        "number beside your note."
    )
    numbered = _(
        "Paragraphs are numbered on the left ({headline}: the headline), lines every {every} on "
        "the right."
    ).format(
        headline=pgettext("the label of an article's headline, before paragraph 1", "H"),
        every=NUMBER_EVERY,
    )
    body += [
        "<h2>" + _("Categories to look for") + "</h2>",
        f'<p class="small">{tick}</p>',
        _palette_html(lesson),
        "<h2>" + _("The article") + "</h2>",
        f'<p class="small">{numbered}</p>',
        _article_html(lesson),
        "<h2>" + _("Notes") + "</h2>",
        '<p class="small">' + _("Paragraph, line, the words, the category, and why.") + "</p>",
        '<table width="100%" cellspacing="0" cellpadding="2">'
        + '<tr><td class="rule">&nbsp;</td></tr>' * NOTE_LINES
        + "</table>",
    ]
    return page(_("{title}: handout").format(title=lesson.title), _CSS, body)
