from __future__ import annotations

from literacy_app.core.key import KeyItem, ScoringSettings
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
