from __future__ import annotations

from literacy_app.core.key import KeyItem, ScoringSettings, Span
from literacy_app.core.marks import Mark
from literacy_app.core.scoring import ItemResult, Outcome, SpanRelation
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.feedback import item_feedback_markdown

TAXONOMY = default_taxonomy()
ITEM = KeyItem(
    Mark("k1", 0, 8, "loaded_language", quote="reckless"),
    "It judges. A neutral writer would describe.",
    ("exaggeration",),
    hint="Which word judges?",
)


def test_missed_item_shows_the_hint_and_the_rationale() -> None:
    result = ItemResult("k1", Outcome.MISSED, 0.0, 1.0, True, "loaded_language")
    text = item_feedback_markdown(ITEM, result, None, TAXONOMY, ScoringSettings())
    assert "missed" in text
    assert "Which word judges?" in text
    assert "A neutral writer would describe." in text
    assert "also accepted: Exaggeration" in text


def test_mislabeled_and_imprecise_explain_why() -> None:
    mark = Mark("m1", 0, 20, "name_calling", quote="reckless plan to ruin")
    result = ItemResult(
        "k1",
        Outcome.IMPRECISE,
        0.25,
        1.0,
        True,
        "loaded_language",
        "m1",
        "name_calling",
        0.5,
        0.4,
        SpanRelation.TOO_BROAD,
    )
    text = item_feedback_markdown(ITEM, result, mark, TAXONOMY, ScoringSettings())
    assert "much longer" in text
    assert "same group" in text
    assert "0.25 of 1" in text


def test_core_parts_and_hedges_are_explained() -> None:
    item = KeyItem(
        Mark("k2", 0, 40, "repetition", quote="doomed, a provocation, for propaganda"),
        "It repeats the opening. A neutral writer would not.",
        core=Span(0, 6, "doomed"),
        parts=(Span(0, 6, "doomed"), Span(8, 21, "a provocation")),
    )
    mark = Mark("m1", 0, 6, "repetition", quote="doomed")
    hedge = Mark("m2", 0, 6, "loaded_language", quote="doomed")
    result = ItemResult(
        "k2", Outcome.IMPRECISE, 0.5, 1.0, True, "repetition", "m1", "repetition", 1.0, 1.0,
        SpanRelation.TOO_NARROW, parts_found=1, parts=2,
    )  # fmt: skip
    text = item_feedback_markdown(item, result, mark, TAXONOMY, ScoringSettings(), [(hedge, 1.0)])
    assert "The words that do the work: “doomed”." in text
    assert "made of 2 parts" in text
    assert "You marked 1 of its 2 parts." in text
    assert "this mark cost 1" in text
    assert "*Loaded language*" in text


def test_a_far_too_broad_mark_is_told_it_earned_nothing() -> None:
    mark = Mark("m1", 0, 200, "loaded_language", quote="the whole paragraph")
    result = ItemResult(
        "k1", Outcome.IMPRECISE, 0.0, 1.0, True, "loaded_language", "m1", "loaded_language",
        1.0, 0.04, SpanRelation.TOO_BROAD,
    )  # fmt: skip
    text = item_feedback_markdown(ITEM, result, mark, TAXONOMY, ScoringSettings())
    assert "earns no near-miss credit" in text
