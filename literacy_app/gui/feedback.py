"""Words for the feedback on one key item: plain Python, so the wording is tested without Qt."""

from __future__ import annotations

from collections.abc import Sequence

from literacy_app.core.key import KeyItem, ScoringSettings
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import ItemResult, Outcome, SpanRelation
from literacy_app.core.taxonomy import Taxonomy

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
