"""Words for the review: the feedback on one key item, on a mark the key does not hold, and on
what is still to find while the answers are hidden. Plain Python, so the wording (and what it
gives away) is tested without Qt."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.lesson import Reveal
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import GradeResult, ItemResult, MarkResult, Outcome, SpanRelation
from literacy_app.core.taxonomy import Group, Taxonomy
from literacy_app.i18n import N_, _, ngettext

_SPAN_ADVICE = {
    SpanRelation.TOO_BROAD: N_(
        "Your selection was much longer than the passage that does the work: "
        "mark only the words that persuade."
    ),
    SpanRelation.TOO_NARROW: N_(
        "Your selection covered only part of the passage: include all the "
        "words that do the work."
    ),
    SpanRelation.OVERLAP: N_("Your selection only partly overlapped the passage."),
}


def _name(taxonomy: Taxonomy, category: str | None) -> str:
    found = taxonomy.get(category) if category else None
    return found.display_name if found else (category or "")


def item_feedback_markdown(
    item: KeyItem,
    result: ItemResult,
    mark: Mark | None,
    taxonomy: Taxonomy,
    settings: ScoringSettings,
    hedges: Sequence[tuple[Mark, float]] = (),
) -> str:
    """Markdown explaining what the key expected, what the student did, the credit and why.

    `hedges` are the student's further marks on this passage that went unpaired, with what
    each cost: one item earns one credit, so the student needs to see why the score fell.
    """
    expected = _name(taxonomy, item.category)
    also = ", ".join(_name(taxonomy, c) for c in item.also_accept)
    expected_line = _("**Expected:** “{quote}” — *{category}*").format(
        quote=item.mark.quote, category=expected
    )
    if also:
        expected_line += _(" (also accepted: {categories})").format(categories=also)
    if not item.required:
        expected_line += _(" — bonus item")
    lines = [expected_line]
    if item.core:
        lines.append(_("The words that do the work: “{quote}”.").format(quote=item.core.quote))
    if item.parts:
        quoted = ", ".join(f"“{part.quote}”" for part in item.parts)
        lines.append(
            ngettext(  # the same in English: an item of parts has two or more
                "It is made of {count} parts, each worth its share: {quotes}.",
                "It is made of {count} parts, each worth its share: {quotes}.",
                len(item.parts),
            ).format(count=len(item.parts), quotes=quoted)
        )
    if mark is None:
        lines.append(_("**Your marks:** nothing here. This passage was missed."))
        if item.hint:
            lines.append(_("**A question to ask next time:** {hint}").format(hint=item.hint))
    else:
        given = _name(taxonomy, mark.category)
        lines.append(
            _("**Your mark:** “{quote}” — *{category}*").format(quote=mark.quote, category=given)
        )
        if result.parts:
            lines.append(
                ngettext(
                    "You marked {found} of its {count} parts.",
                    "You marked {found} of its {count} parts.",
                    result.parts,
                ).format(found=result.parts_found, count=result.parts)
            )
        elif result.relation and result.relation is not SpanRelation.MATCH:
            lines.append(_(_SPAN_ADVICE[result.relation]))
            if result.credit == 0:
                lines.append(_("So much more than the passage earns no near-miss credit."))
        if result.outcome is Outcome.MISLABELED or (
            result.outcome is Outcome.IMPRECISE and result.category_credit < 1.0
        ):
            same = result.category_credit == settings.same_group_credit
            lines.append(
                _("You found the passage but chose a different category from the same group.")
                if same
                else _(
                    "You found the passage but chose a different category from the other group."
                )
            )
        if mark.note:
            lines.append(_("**Your note:** {note}").format(note=mark.note))
    for extra, cost in hedges:
        lines.append(
            _(
                "**Another mark here:** “{quote}” — *{category}*. "
                "Each passage earns credit once, so this mark cost {cost}."
            ).format(
                quote=extra.quote, category=_name(taxonomy, extra.category), cost=f"{cost:g}"
            )
        )
    lines.append(
        _("**Credit:** {credit} of {possible}").format(
            credit=f"{result.credit:g}", possible=f"{result.max_credit:g}"
        )
    )
    lines.append("---")
    lines.append(_("**Why it matters**") + "\n\n" + item.rationale)
    return "\n\n".join(lines)


# --- what is still to find, while the answers are hidden ----------------------------------------

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # a run of non-blank lines
_LOOK_FOR = {
    Group.FRAMING: N_("words that judge, label or picture instead of describing"),
    Group.CLAIM: N_("statements given as fact with no source, figure or support you could check"),
}


def paragraph_name(number: int) -> str:
    """ "paragraph 3", as the review and the hints name a paragraph."""
    return _("paragraph {number}").format(number=number)


def article_name() -> str:
    """What the review calls an article with no paragraphs to count."""
    return _("the article")


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines of the article, named as a student counts them."""

    start: int
    end: int
    name: str  # "the headline" or "paragraph 3", in the language shown


def paragraphs(text: str, headline: str = "") -> list[Paragraph]:
    """The article's paragraphs. When it starts with its headline, that is "the headline" and
    the paragraphs after it are counted from 1, as a reader counts them."""
    found = []
    number = 0
    for index, match in enumerate(_PARAGRAPH.finditer(text)):
        if index == 0 and headline.strip() and match.group().strip() == headline.strip():
            found.append(Paragraph(match.start(), match.end(), _("the headline")))
            continue
        number += 1
        found.append(Paragraph(match.start(), match.end(), paragraph_name(number)))
    return found


@dataclass(frozen=True)
class MissingGroup:
    """Key items nobody marked, counted per paragraph and never quoted: where to look again,
    not what to find."""

    paragraph: Paragraph
    item_ids: tuple[str, ...]
    framing: int
    claims: int
    bonus: int

    @property
    def count(self) -> int:
        return len(self.item_ids)

    @property
    def start(self) -> int:
        return self.paragraph.start

    def short(self) -> str:
        """The table's version, for a narrow column: "1 framing, 2 claims (1 bonus)"."""
        parts = []
        if self.framing:
            framing = ngettext("{count} framing", "{count} framing", self.framing)
            parts.append(framing.format(count=self.framing))
        if self.claims:
            claims = ngettext("{count} claim", "{count} claims", self.claims)
            parts.append(claims.format(count=self.claims))
        text = ", ".join(parts)
        if self.bonus:
            text = _("{kinds} ({count} bonus)").format(kinds=text, count=self.bonus)
        return text

    def kinds(self) -> str:
        """What kinds of passage, as in "1 framing device, 2 unsupported claims"."""
        parts = []
        if self.framing:
            parts.append(framing_devices(self.framing))
        if self.claims:
            parts.append(unsupported_claims(self.claims))
        text = ", ".join(parts)
        if self.bonus and self.count > 1:
            text = _("{kinds} ({count} of them a bonus)").format(kinds=text, count=self.bonus)
        elif self.bonus:
            text = _("{kinds} ({count} of it a bonus)").format(kinds=text, count=self.bonus)
        return text


def framing_devices(count: int) -> str:
    """ "2 framing devices"."""
    words = ngettext("{count} framing device", "{count} framing devices", count)
    return words.format(count=count)


def unsupported_claims(count: int) -> str:
    """ "1 unsupported claim"."""
    words = ngettext("{count} unsupported claim", "{count} unsupported claims", count)
    return words.format(count=count)


def missing_groups(
    result: GradeResult, key: AnswerKey, taxonomy: Taxonomy, text: str, headline: str = ""
) -> list[MissingGroup]:
    """The missed items of `result`, grouped by the paragraph they start in, in reading order."""
    found = paragraphs(text, headline)
    starts = [p.start for p in found]
    grouped: dict[int, list[KeyItem]] = {}
    for item_result in result.items:
        if item_result.outcome is not Outcome.MISSED:
            continue
        item = key.item(item_result.item_id)
        index = max(0, bisect.bisect_right(starts, item.start) - 1)
        grouped.setdefault(index, []).append(item)
    groups = []
    for index in sorted(grouped):
        items = grouped[index]
        claims = sum(1 for item in items if taxonomy.group_of(item.category) is Group.CLAIM)
        groups.append(
            MissingGroup(
                found[index] if found else Paragraph(0, len(text), article_name()),
                tuple(item.id for item in items),
                len(items) - claims,
                claims,
                sum(1 for item in items if not item.required),
            )
        )
    return groups


def _until(reveal: Reveal) -> str:
    if reveal is Reveal.ON_REQUEST:
        return _("until you choose Lesson › Show answers")
    return _("until your next attempt (or Lesson › Show answers)")


def hidden_answers_note(reveal: Reveal, missed: int) -> str:
    """What the review says about the passages it does not show yet, and how to see them."""
    if missed == 0:
        return ""
    return ngettext(
        "{count} passage is still to find, hidden {until}. Read the paragraphs listed again, "
        "mark what you find, and check again.",
        "{count} passages are still to find, hidden {until}. Read the paragraphs listed again, "
        "mark what you find, and check again.",
        missed,
    ).format(count=missed, until=_until(reveal))


def missing_group_markdown(group: MissingGroup, reveal: Reveal) -> str:
    """The detail of a "still to find" row: where and what kind, never which words."""
    where = group.paragraph.name
    lines = [
        ngettext(
            "**Still to find in {where}:** {count} passage — {kinds}.",
            "**Still to find in {where}:** {count} passages — {kinds}.",
            group.count,
        ).format(where=where, count=group.count, kinds=group.kinds())
    ]
    counts = ((Group.FRAMING, group.framing), (Group.CLAIM, group.claims))
    looks = [_(_LOOK_FOR[kind]) for kind, n in counts if n]
    if len(looks) == 2:
        lines.append(
            _("Read {where} again and look for {first}, and for {second}.").format(
                where=where, first=looks[0], second=looks[1]
            )
        )
    else:
        lines.append(
            _("Read {where} again and look for {things}.").format(
                where=where, things="".join(looks)
            )
        )
    lines.append(
        _("The words and the explanations stay hidden {until}.").format(until=_until(reveal))
    )
    return "\n\n".join(lines)


# --- a mark the key does not hold ---------------------------------------------------------------


def stray_mark_text(
    mark: Mark,
    mark_result: MarkResult,
    taxonomy: Taxonomy,
    result: GradeResult,
    key: AnswerKey,
    credited: Mark | None,
    shown: bool,
) -> tuple[str, str]:
    """(Markdown for the results panel, one line for the status bar) about a mark that earned
    no credit: whether it doubles a passage another mark was credited for (a hedge, and what it
    cost), or touches nothing in the key: perhaps a fair find the key does not list, worth
    asking the teacher about. `credited` is the mark that earned the nearby item's credit;
    `shown` says whether that item may be quoted (never while it is a hidden answer)."""
    given = _name(taxonomy, mark.category)
    quote = _short(mark.quote)
    lines = [
        _("**Not in the key:** “{quote}” — *{category}*").format(quote=mark.quote, category=given)
    ]
    cost = ""
    if mark_result.penalty:
        points = _points(mark_result.penalty, result.possible)
        cost = _("cost {penalty} of an item's credit (about {points} of your score)").format(
            penalty=f"{mark_result.penalty:g}", points=points
        )
    near = key.item(mark_result.near_item_id) if mark_result.near_item_id else None
    if near is not None and shown:
        near_category = _name(taxonomy, near.category)
        overlaps = (
            _(
                "It overlaps “{quote}” (*{category}*), whose credit already went to your mark "
                "“{credited}”."
            ).format(quote=near.mark.quote, category=near_category, credited=credited.quote)
            if credited is not None
            else _("It overlaps “{quote}” (*{category}*), whose credit already went.").format(
                quote=near.mark.quote, category=near_category
            )
        )
        earns = (
            _(
                "Each passage earns credit once, so this second mark earns nothing and {cost}."
            ).format(cost=cost)
            if cost
            else _("Each passage earns credit once, so this second mark earns nothing.")
        )
        lines.append(f"{overlaps} {earns}")
        lines.append(_("Keep the mark that fits the passage best and delete the other."))
        status = (
            _("“{quote}” is not in the key: it doubles a passage already credited; it {cost}.")
            if cost
            else _("“{quote}” is not in the key: it doubles a passage already credited.")
        ).format(quote=quote, cost=cost)
    elif near is not None:
        lines.append(_("It overlaps a passage in the key whose credit went to another mark."))
        status = _("“{quote}” is not in the key: another mark has the passage it overlaps.").format(
            quote=quote
        )
    else:
        lines.append(
            (
                _(
                    "It touches nothing in the answer key. Keys are never complete: if you think "
                    "these words persuade, this may be a fair find the key does not list. Ask "
                    "your teacher “Is ‘{quote}’ a case of {category}?”, and say why (your note "
                    "helps)."
                )
                if mark.note
                else _(
                    "It touches nothing in the answer key. Keys are never complete: if you think "
                    "these words persuade, this may be a fair find the key does not list. Ask "
                    "your teacher “Is ‘{quote}’ a case of {category}?”, and say why (a note on "
                    "the mark helps: back to marking, then F2)."
                )
            ).format(quote=mark.quote, category=given)
        )
        if cost:
            lines.append(
                _(
                    "A few marks outside the key are free, but you have more of them than the "
                    "key allows for, so this one {cost}."
                ).format(cost=cost)
            )
        status = _(
            "“{quote}” is not in the key and touches none of its passages: perhaps a fair "
            "find it does not list. Ask your teacher."
        ).format(quote=quote)
    if mark.note:
        lines.append(_("**Your note:** {note}").format(note=mark.note))
    return "\n\n".join(lines), status


def _points(cost: float, possible: float) -> str:
    points = round(100.0 * cost / possible) if possible else 0
    return ngettext("{count} point", "{count} points", points).format(count=points)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
