"""A student's feedback report: one self-contained HTML page to keep, print or send home.

It is read after the answers: every key item is shown with its outcome, the student's mark and
the instructor's rationale, so the page says at the top whether the student had seen the
answers while working (a teacher handing it out early should know it gives them away).

Printed in black and white it must still read: each outcome has its own underline (solid,
wavy, dotted, dashed) and symbol (✓ ≈ ~ ✗) with the item's number, the student's marks are in
brackets, and colour only repeats what those say. The wording is the report's own: the app's
review panel (gui/feedback.py) sits above this layer.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from literacy_app.core.grade_result import GradeResult, ItemResult, Outcome
from literacy_app.core.key import KeyItem
from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.submission import Submission
from literacy_app.i18n import N_, _, decimal, ngettext
from literacy_app.reports.printable import (
    Paragraph,
    attribution_html,
    esc,
    esc_lines,
    language_attribute,
    page,
    paragraphs,
    without_images,
)

SYMBOL = {
    Outcome.FOUND: "✓",
    Outcome.MISLABELED: "≈",
    Outcome.IMPRECISE: "~",
    Outcome.MISSED: "✗",
}
LABEL = {  # translated where shown: _(LABEL[outcome])
    Outcome.FOUND: N_("Found"),
    Outcome.MISLABELED: N_("Different category"),
    Outcome.IMPRECISE: N_("Near miss"),
    Outcome.MISSED: N_("Missed"),
}
# (browser style, Qt's name for it, colour): the line alone tells the outcomes apart.
_LINE = {
    Outcome.FOUND: ("solid", "solid", "#2e7d32"),
    Outcome.MISLABELED: ("wavy", "wave", "#e65100"),
    Outcome.IMPRECISE: ("dotted", "dotted", "#8d6e00"),
    Outcome.MISSED: ("dashed", "dashed", "#c62828"),
}
# The worst outcome wins where items overlap: a missed passage must not hide under a found one.
_RANK = {Outcome.MISSED: 0, Outcome.MISLABELED: 1, Outcome.IMPRECISE: 2, Outcome.FOUND: 3}


def _css() -> str:
    rules = [
        ".mine { background-color: #ececec; }",
        ".bracket { font-weight: bold; color: #333333; font-family: 'DejaVu Sans', Arial, "
        "sans-serif; }",
        ".lab { font-size: 7.5pt; font-weight: bold; font-family: 'DejaVu Sans', Arial, "
        "sans-serif; vertical-align: super; }",
        ".score { font-size: 26pt; font-weight: bold; }",
        ".note { border: 1px solid #888888; padding: 0.4em 0.6em; margin: 0.6em 0; }",
        ".item { margin: 0.5em 0 0.3em 0; }",
        "p.head { margin: 0.9em 0 0.1em 0; font-size: 11.5pt; }",
        ".outcome { font-weight: bold; font-family: 'DejaVu Sans', Arial, sans-serif; }",
        ".why { font-size: 10pt; margin: 0 0 0 1.5em; color: #222222; }",
    ]
    for outcome, (style, qt_style, colour) in _LINE.items():
        # text-decoration-line, not the text-decoration shorthand: Qt reads the shorthand as
        # a plain underline that overrides its own text-underline-style.
        rules.append(
            f".u-{outcome.value} {{ text-decoration-line: underline; "
            f"text-decoration-style: {style}; text-decoration-color: {colour}; "
            f"text-decoration-thickness: 2px; text-underline-offset: 3px; "
            f"text-underline-style: {qt_style}; }}"
        )
        rules.append(f".c-{outcome.value} {{ color: {colour}; }}")
    return "\n".join(rules)


def _category(lesson: Lesson, category: str | None) -> str:
    found = lesson.taxonomy.get(category) if category else None
    return found.display_name if found else (category or "")


@dataclass(frozen=True)
class _Numbered:
    """Key items numbered in reading order, and the student's marks the key lacks lettered:
    the labels in the article point to the list below it."""

    items: dict[str, int]
    strays: dict[str, str]


def _numbering(result: GradeResult, items: Sequence[KeyItem], marks: Sequence[Mark]) -> _Numbered:
    numbers = {item.id: n for n, item in enumerate(sorted(items, key=lambda i: i.start), 1)}
    in_key = {m.mark_id for m in result.marks if m.in_key}
    strays = [m for m in sorted(marks, key=lambda m: (m.start, m.end)) if m.id not in in_key]
    letters = {}
    for index, mark in enumerate(strays):
        letters[mark.id] = _letters(index)
    return _Numbered(numbers, letters)


def _letters(index: int) -> str:
    """a, b, ... z, aa, ab, ...: as many as a hostile file has marks."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _placed(start: int, end: int, found: Sequence[Paragraph]) -> tuple[int, int] | None:
    """[start, end) within the paragraphs shown: an end in the blank lines between two
    paragraphs is drawn at the end of the first, a start there at the start of the next, and a
    span outside every paragraph (or out of the article: a hostile file) is not drawn."""
    starts = [p.start for p in found]
    ends = [p.end for p in found]
    after = bisect.bisect_left(ends, start + 1)  # the first paragraph ending after `start`
    if after == len(found):
        return None
    start = max(start, found[after].start)
    before = bisect.bisect_right(starts, end - 1) - 1  # the last paragraph starting before end
    if before < 0:
        return None
    end = min(end, found[before].end)
    return (start, end) if start < end else None


def _article_html(
    lesson: Lesson,
    marks: Sequence[Mark],
    outcomes: dict[str, Outcome],
    numbered: _Numbered,
) -> str:
    """The article, paragraph numbers in the margin, the key's items underlined by outcome and
    labelled at their end, the student's marks in brackets (lettered when the key lacks them)."""
    key = lesson.key
    found = paragraphs(lesson.article)
    items = [
        (span, item.id)
        for item in (key.items if key else ())
        if item.id in outcomes and (span := _placed(item.start, item.end, found))
    ]
    spans = [(span, mark.id) for mark in marks if (span := _placed(mark.start, mark.end, found))]
    text = lesson.article.text
    rows = []
    for paragraph in found:
        cuts = {paragraph.start, paragraph.end}
        for (start, end), _id in (*items, *spans):
            cuts.update(c for c in (start, end) if paragraph.start < c < paragraph.end)
        ordered = sorted(cuts)
        parts = []
        for index, position in enumerate(ordered):
            # what closes here (labels of items ending, brackets of marks), then what opens
            for (start, end), item_id in items:
                if end == position and start < position and paragraph.start < end:
                    outcome = outcomes[item_id]
                    parts.append(
                        f'<span class="lab c-{outcome.value}">{SYMBOL[outcome]}'
                        f"{numbered.items[item_id]}</span>"
                    )
            for (start, end), mark_id in spans:
                if end == position and start < position and paragraph.start < end:
                    letter = numbered.strays.get(mark_id)
                    parts.append('<span class="bracket">]</span>')
                    if letter:
                        parts.append(f'<span class="lab">{letter}</span>')
            for (start, end), _id in spans:
                if start == position and position < paragraph.end and start < end:
                    parts.append('<span class="bracket">[</span>')
            if index + 1 == len(ordered):
                break
            stop = ordered[index + 1]
            words = esc_lines(text[position:stop])
            covering = [
                outcomes[item_id] for (s, e), item_id in items if s <= position and stop <= e
            ]
            if covering:
                worst = min(covering, key=_RANK.__getitem__)
                words = f'<span class="u-{worst.value}">{words}</span>'
            if any(s <= position and stop <= e for (s, e), _ in spans):
                words = f'<span class="mine">{words}</span>'
            parts.append(words)
        rows.append(
            f'<tr class="block"><td class="num" width="4%">{esc(paragraph.label)}</td>'
            f'<td width="96%">{"".join(parts)}</td></tr>'
        )
    return (
        f'<table class="article" width="100%" cellspacing="0" cellpadding="4"'
        f"{language_attribute(lesson.language)}>" + "\n".join(rows) + "</table>"
    )


def _answers_note(submission: Submission) -> str:
    shown = submission.answers_shown
    if shown is None:
        return _(
            "The student had not seen the answers when this work was saved. This report shows "
            "every passage in the key with the instructor's explanation: it is meant for after "
            "the lesson."
        )
    if shown.requested:
        note = ngettext(
            "The answers had been shown to the student (at the student's request, after "
            "{count} attempt); any marks changed after that were made knowing the key.",
            "The answers had been shown to the student (at the student's request, after "
            "{count} attempts); any marks changed after that were made knowing the key.",
            shown.attempts,
        )
    else:
        note = ngettext(
            "The answers had been shown to the student (by the lesson's rule, after "
            "{count} attempt); any marks changed after that were made knowing the key.",
            "The answers had been shown to the student (by the lesson's rule, after "
            "{count} attempts); any marks changed after that were made knowing the key.",
            shown.attempts,
        )
    return note.format(count=shown.attempts)


def _score_html(result: GradeResult, hints_used: int, deduction: float) -> str:
    score = max(0.0, result.score - deduction)
    lines = [f'<span class="score">{score:.0f}%</span>']
    details = []
    if deduction:
        details.append(
            ngettext(
                "{score}% less {deduction} for {count} hint",
                "{score}% less {deduction} for {count} hints",
                hints_used,
            ).format(
                score=f"{result.score:.0f}", deduction=decimal(f"{deduction:g}"), count=hints_used
            )
        )
    details.append(
        _("credit {earned} of {possible}").format(
            earned=decimal(f"{result.earned:g}"), possible=decimal(f"{result.possible:g}")
        )
    )
    if result.bonus_possible:
        details.append(
            _("bonus {earned} of {possible}").format(
                earned=decimal(f"{result.bonus_earned:g}"),
                possible=decimal(f"{result.bonus_possible:g}"),
            )
        )
    if result.penalty:
        details.append(
            _("extra marks cost {penalty}").format(penalty=decimal(f"{result.penalty:g}"))
        )
    lines.append(f'<span class="meta">&nbsp;&nbsp;{esc(" · ".join(details))}</span>')
    return f"<p>{''.join(lines)}</p>"


NBSP = "&nbsp;"


def _counts_html(result: GradeResult) -> str:
    """One line of counts; each stays whole with its symbol (non-breaking spaces: QTextDocument
    does not read `white-space` on an inline span)."""
    cells = [
        f'<span class="c-{outcome.value}"><span class="outcome">{SYMBOL[outcome]}</span>{NBSP}'
        f"{_(LABEL[outcome]).replace(' ', NBSP)}:{NBSP}<b>{result.count(outcome)}</b></span>"
        for outcome in Outcome
    ]
    not_in_key = _("Not in the key").replace(" ", NBSP)
    cells.append(f"{not_in_key}:{NBSP}<b>{result.not_in_key}</b>")
    return f"<p>{' &nbsp;&nbsp; '.join(cells)}</p>"


def _legend_html() -> str:
    mine = esc(_("your mark"))
    entries = [
        f'<span class="bracket">[</span><span class="mine">{mine}</span>'
        '<span class="bracket">]</span>'
    ]
    entries += [
        f'<span class="u-{o.value}">{_(LABEL[o]).lower().replace(" ", NBSP)}</span>'
        f'<span class="lab c-{o.value}">{SYMBOL[o]}1</span>'
        for o in Outcome
    ]
    explained = _(
        "Underlined: the passages in the key, each labelled with its outcome and its number in "
        "the list below. In brackets: your marks; a letter after one means the key does not "
        "hold it."
    )
    return f'<p class="small">{" &nbsp;&nbsp; ".join(entries)}<br>{explained}</p>'


def _item_html(
    lesson: Lesson, item: KeyItem, result: ItemResult, number: int, marks: dict[str, Mark]
) -> str:
    from literacy_app.render import render_markdown

    text = lesson.article.text
    outcome = result.outcome
    expected = text[item.start : item.end] or item.mark.quote
    also = ", ".join(_category(lesson, c) for c in item.also_accept)
    if result.parts:
        credit = _("credit {earned} of {possible}; {found} of its {parts} parts marked")
    else:
        credit = _("credit {earned} of {possible}")
    credit = credit.format(
        earned=decimal(f"{result.credit:g}"),
        possible=decimal(f"{result.max_credit:g}"),
        found=result.parts_found,
        parts=result.parts,
    )
    bonus = "" if item.required else " · " + _("bonus item")
    also_accepted = _("also accepted: {categories}").format(categories=esc(also))
    lines = [
        f'<p class="head"><span class="c-{outcome.value} outcome">{SYMBOL[outcome]} {number}. '
        f'{_(LABEL[outcome])}</span> <span class="meta">· {credit}'
        f"{bonus}</span></p>",
        "<b>" + _("In the key:") + f"</b> “{esc_lines(expected)}” — "
        f"<i>{esc(_category(lesson, item.category))}</i>"
        + (f' <span class="meta">({also_accepted})</span>' if also else ""),
    ]
    found = [marks[m] for m in result.mark_ids if m in marks]
    your_mark = _("Your mark:")
    if not found:
        lines.append(_("<b>Your mark:</b> none, this passage was not marked."))
    for mark in found:
        quote = text[max(0, mark.start) : max(0, mark.end)] or mark.quote
        lines.append(
            f"<b>{your_mark}</b> “{esc_lines(quote)}” — "
            f"<i>{esc(_category(lesson, mark.category))}</i>"
        )
        if mark.note:
            lines.append("<b>" + _("Your note:") + f"</b> {esc_lines(mark.note)}")
    rationale = without_images(render_markdown(item.rationale)) if item.rationale.strip() else ""
    why = f'<div class="why">{rationale}</div>' if rationale else ""
    return f'<div class="item block">{lines[0]}<p>{"<br>".join(lines[1:])}</p>{why}</div>'


def _strays_html(lesson: Lesson, marks: Sequence[Mark], numbered: _Numbered) -> str:
    """The student's marks the key does not hold: perhaps a fair find, perhaps a guess."""
    text = lesson.article.text
    rows = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        letter = numbered.strays.get(mark.id)
        if letter is None:
            continue
        quote = text[max(0, mark.start) : max(0, mark.end)] or mark.quote
        note = "<br>" + _("Your note:") + f" {esc_lines(mark.note)}" if mark.note else ""
        rows.append(
            f'<p class="block"><b>{letter}.</b> “{esc_lines(quote)}” — '
            f"<i>{esc(_category(lesson, mark.category))}</i>{note}</p>"
        )
    if not rows:
        return ""
    return (
        "<h2>"
        + _("Your marks the key does not hold")
        + '</h2><p class="small">'
        + _("Keys are never complete: talk these over with your teacher.")
        + "</p>"
        + "".join(rows)
    )


def feedback_html(
    lesson: Lesson,
    submission: Submission,
    result: GradeResult,
    hints_used: int | None = None,
    deduction: float | None = None,
) -> str:
    """The whole page for one student's graded work. `deduction`: the score points the
    `hints_used` cost (the lesson's hint_penalty), taken off the score shown, and said so;
    by default what `result` was charged (scoring.charged)."""
    hints_used = result.hints_used if hints_used is None else hints_used
    deduction = result.hint_deduction if deduction is None else deduction
    if lesson.key is None:
        raise ValueError("a feedback report needs the lesson's answer key")
    marks = {mark.id: mark for mark in submission.marks}
    outcomes = {r.item_id: r.outcome for r in result.items}
    numbered = _numbering(result, lesson.key.items, submission.marks)
    student = submission.student.display()
    feedback_for = _("Feedback for {student}").format(student=esc(student))
    saved = _("saved {date}").format(date=esc(submission.modified[:10]))
    attempts = _("attempts: {count}").format(count=submission.attempts)
    body = [
        f"<h1>{esc(lesson.title)}</h1>",
        attribution_html(lesson.article),
        f"<p><b>{feedback_for}</b>"
        + (f" · {saved}" if submission.modified else "")
        + f" · {attempts}</p>",
        f'<p class="note">{esc(_answers_note(submission))}</p>',
        _score_html(result, hints_used, deduction),
        _counts_html(result),
        "<h2>" + _("The article") + "</h2>",
        _legend_html(),
        _article_html(lesson, submission.marks, outcomes, numbered),
        "<h2>" + _("The key, item by item") + "</h2>",
    ]
    by_id = {r.item_id: r for r in result.items}
    for item in sorted(lesson.key.items, key=lambda i: i.start):
        found = by_id.get(item.id)
        if found is not None:
            body.append(_item_html(lesson, item, found, numbered.items[item.id], marks))
    body.append(_strays_html(lesson, submission.marks, numbered))
    title = _("{title}: feedback for {student}").format(title=lesson.title, student=student)
    return page(title, _css(), body)
