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

_SPAN_ADVICE = {
    SpanRelation.TOO_BROAD: "Your selection was much longer than the passage that does the work: "
    "mark only the words that persuade.",
    SpanRelation.TOO_NARROW: "Your selection covered only part of the passage: include all the "
    "words that do the work.",
    SpanRelation.OVERLAP: "Your selection only partly overlapped the passage.",
}


def _name(taxonomy: Taxonomy, category: str | None) -> str:
    found = taxonomy.get(category) if category else None
    return found.name if found else (category or "")


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
    lines = [
        f"**Expected:** “{item.mark.quote}” — *{expected}*"
        + (f" (also accepted: {also})" if also else "")
        + ("" if item.required else " — bonus item")
    ]
    if item.core:
        lines.append(f"The words that do the work: “{item.core.quote}”.")
    if item.parts:
        quoted = ", ".join(f"“{part.quote}”" for part in item.parts)
        lines.append(f"It is made of {len(item.parts)} parts, each worth its share: {quoted}.")
    if mark is None:
        lines.append("**Your marks:** nothing here. This passage was missed.")
        if item.hint:
            lines.append(f"**A question to ask next time:** {item.hint}")
    else:
        given = _name(taxonomy, mark.category)
        lines.append(f"**Your mark:** “{mark.quote}” — *{given}*")
        if result.parts:
            lines.append(f"You marked {result.parts_found} of its {result.parts} parts.")
        elif result.relation and result.relation is not SpanRelation.MATCH:
            lines.append(_SPAN_ADVICE[result.relation])
            if result.credit == 0:
                lines.append("So much more than the passage earns no near-miss credit.")
        if result.outcome is Outcome.MISLABELED or (
            result.outcome is Outcome.IMPRECISE and result.category_credit < 1.0
        ):
            same = result.category_credit == settings.same_group_credit
            lines.append(
                "You found the passage but chose a different category"
                + (" from the same group." if same else " from the other group.")
            )
        if mark.note:
            lines.append(f"**Your note:** {mark.note}")
    for extra, cost in hedges:
        lines.append(
            f"**Another mark here:** “{extra.quote}” — *{_name(taxonomy, extra.category)}*. "
            f"Each passage earns credit once, so this mark cost {cost:g}."
        )
    lines.append(f"**Credit:** {result.credit:g} of {result.max_credit:g}")
    lines.append("---")
    lines.append("**Why it matters**\n\n" + item.rationale)
    return "\n\n".join(lines)


# --- what is still to find, while the answers are hidden ----------------------------------------

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # a run of non-blank lines
_LOOK_FOR = {
    Group.FRAMING: "words that judge, label or picture instead of describing",
    Group.CLAIM: "statements given as fact with no source, figure or support you could check",
}


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines of the article, named as a student counts them."""

    start: int
    end: int
    name: str  # "the headline" or "paragraph 3"


def paragraphs(text: str, headline: str = "") -> list[Paragraph]:
    """The article's paragraphs. When it starts with its headline, that is "the headline" and
    the paragraphs after it are counted from 1, as a reader counts them."""
    found = []
    number = 0
    for index, match in enumerate(_PARAGRAPH.finditer(text)):
        if index == 0 and headline.strip() and match.group().strip() == headline.strip():
            found.append(Paragraph(match.start(), match.end(), "the headline"))
            continue
        number += 1
        found.append(Paragraph(match.start(), match.end(), f"paragraph {number}"))
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
            parts.append(f"{self.framing} framing")
        if self.claims:
            parts.append(f"{self.claims} claim{'s' if self.claims != 1 else ''}")
        return ", ".join(parts) + (f" ({self.bonus} bonus)" if self.bonus else "")

    def kinds(self) -> str:
        """What kinds of passage, as in "1 framing device, 2 unsupported claims"."""
        parts = []
        if self.framing:
            parts.append(f"{self.framing} framing device{'s' if self.framing != 1 else ''}")
        if self.claims:
            parts.append(f"{self.claims} unsupported claim{'s' if self.claims != 1 else ''}")
        text = ", ".join(parts)
        if self.bonus:
            text += f" ({self.bonus} of {'them' if self.count > 1 else 'it'} a bonus)"
        return text


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
                found[index] if found else Paragraph(0, len(text), "the article"),
                tuple(item.id for item in items),
                len(items) - claims,
                claims,
                sum(1 for item in items if not item.required),
            )
        )
    return groups


def _until(reveal: Reveal) -> str:
    if reveal is Reveal.ON_REQUEST:
        return "until you choose Lesson › Show answers"
    return "until your next attempt (or Lesson › Show answers)"


def hidden_answers_note(reveal: Reveal, missed: int) -> str:
    """What the review says about the passages it does not show yet, and how to see them."""
    if missed == 0:
        return ""
    these = "1 passage is" if missed == 1 else f"{missed} passages are"
    return (
        f"{these} still to find, hidden {_until(reveal)}. Read the paragraphs listed again, "
        "mark what you find, and check again."
    )


def missing_group_markdown(group: MissingGroup, reveal: Reveal) -> str:
    """The detail of a "still to find" row: where and what kind, never which words."""
    where = group.paragraph.name
    passages = "passage" if group.count == 1 else "passages"
    lines = [f"**Still to find in {where}:** {group.count} {passages} — {group.kinds()}."]
    counts = ((Group.FRAMING, group.framing), (Group.CLAIM, group.claims))
    looks = [_LOOK_FOR[kind] for kind, n in counts if n]
    lines.append(f"Read {where} again and look for " + ", and for ".join(looks) + ".")
    lines.append(f"The words and the explanations stay hidden {_until(reveal)}.")
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
    lines = [f"**Not in the key:** “{mark.quote}” — *{given}*"]
    cost = ""
    if mark_result.penalty:
        points = _points(mark_result.penalty, result.possible)
        cost = f"cost {mark_result.penalty:g} of an item's credit (about {points} of your score)"
    near = key.item(mark_result.near_item_id) if mark_result.near_item_id else None
    if near is not None and shown:
        by = f" to your mark “{credited.quote}”" if credited is not None else ""
        lines.append(
            f"It overlaps “{near.mark.quote}” (*{_name(taxonomy, near.category)}*), whose "
            f"credit already went{by}. Each passage earns credit once, so this second mark "
            + (f"earns nothing and {cost}." if cost else "earns nothing.")
        )
        lines.append("Keep the mark that fits the passage best and delete the other.")
        status = f"“{quote}” is not in the key: it doubles a passage already credited" + (
            f"; it {cost}." if cost else "."
        )
    elif near is not None:
        lines.append("It overlaps a passage in the key whose credit went to another mark.")
        status = f"“{quote}” is not in the key: another mark has the passage it overlaps."
    else:
        lines.append(
            "It touches nothing in the answer key. Keys are never complete: if you think these "
            "words persuade, this may be a fair find the key does not list. Ask your teacher "
            f"“Is ‘{mark.quote}’ a case of {given}?”, and say why"
            + (
                " (your note helps)."
                if mark.note
                else " (a note on the mark helps: back to marking, then F2)."
            )
        )
        if cost:
            lines.append(
                "A few marks outside the key are free, but you have more of them than the key "
                f"allows for, so this one {cost}."
            )
        status = (
            f"“{quote}” is not in the key and touches none of its passages: perhaps a fair "
            "find it does not list. Ask your teacher."
        )
    if mark.note:
        lines.append(f"**Your note:** {mark.note}")
    return "\n\n".join(lines), status


def _points(cost: float, possible: float) -> str:
    points = round(100.0 * cost / possible) if possible else 0
    return f"{points} point{'s' if points != 1 else ''}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
