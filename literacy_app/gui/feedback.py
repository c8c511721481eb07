"""Words for the feedback on one key item: plain Python, so the wording is tested without Qt."""

from __future__ import annotations

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
) -> str:
    """Markdown explaining what the key expected, what the student did, the credit and why."""
    expected = _name(taxonomy, item.category)
    also = ", ".join(_name(taxonomy, c) for c in item.also_accept)
    lines = [
        f"**Expected:** “{item.mark.quote}” — *{expected}*"
        + (f" (also accepted: {also})" if also else "")
        + ("" if item.required else " — bonus item")
    ]
    if mark is None:
        lines.append("**Your marks:** nothing here. This passage was missed.")
        if item.hint:
            lines.append(f"**A question to ask next time:** {item.hint}")
    else:
        given = _name(taxonomy, mark.category)
        lines.append(f"**Your mark:** “{mark.quote}” — *{given}*")
        if result.relation and result.relation is not SpanRelation.MATCH:
            lines.append(_SPAN_ADVICE[result.relation])
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
    lines.append(f"**Credit:** {result.credit:g} of {result.max_credit:g}")
    lines.append("---")
    lines.append("**Why it matters**\n\n" + item.rationale)
    return "\n\n".join(lines)
