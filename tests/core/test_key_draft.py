from __future__ import annotations

from literacy_app.core.edits import change_category
from literacy_app.core.key import AnswerKey, KeyItem, Span
from literacy_app.core.key_draft import (
    AddItem,
    EditDetails,
    ItemDetails,
    KeyDraft,
    RemoveItem,
)
from literacy_app.core.marks import Mark


def _key() -> AnswerKey:
    items = (
        KeyItem(
            Mark("k1", 0, 5, "doubt", quote="hello"),
            "Why. Because.",
            ("repetition",),
            False,
            2.0,
            "look",
        ),
        KeyItem(Mark("k2", 10, 15, "slogans", quote="world"), "Why not. Indeed."),
    )
    return AnswerKey(items, "lesson", "me", 3, "a" * 64)


def test_round_trip_through_a_draft() -> None:
    key = _key()
    assert KeyDraft.from_key(key, "lesson", "a" * 64).to_key() == key


def test_every_edit_undoes_exactly() -> None:
    key = _key()
    draft = KeyDraft.from_key(key, "lesson", "a" * 64)
    seen: list[str] = []
    draft.subscribe_details(seen.append)
    new = Mark("k3", 20, 25, "doubt", quote="again")
    edits = [
        AddItem(new, ItemDetails("A rationale. Two sentences.")),
        EditDetails("k1", draft.details_of("k1"), ItemDetails("Changed.", True, 1.0)),
        change_category(draft.marks.get("k2"), "bandwagon"),
        RemoveItem(draft.marks.get("k2"), draft.details_of("k2")),
    ]
    for edit in edits:
        draft.apply(edit)
    assert [m.id for m in draft.marks] == ["k1", "k3"]
    assert draft.details_of("k1").rationale == "Changed."
    for edit in reversed(edits):
        draft.revert(edit)
    assert draft.to_key() == key
    assert "k1" in seen
    assert "k3" in seen


def _key_with_spans() -> AnswerKey:
    item = KeyItem(
        Mark("k1", 10, 40, "repetition", quote="x" * 30),
        "Why. Because.",
        core=Span(12, 18, "core"),
        alternatives=(Span(5, 20, "alt"),),
        parts=(Span(10, 18, "one"), Span(25, 40, "two")),
    )
    return AnswerKey((item,), "lesson", "me", 1, "a" * 64)


def test_core_alternatives_and_parts_survive_instructor_mode() -> None:
    key = _key_with_spans()
    assert KeyDraft.from_key(key, "lesson", "a" * 64).to_key() == key


def test_an_item_moved_away_keeps_only_the_spans_that_still_fit() -> None:
    draft = KeyDraft.from_key(_key_with_spans(), "lesson", "a" * 64)
    draft.marks.remove("k1")
    draft.marks.add(Mark("k1", 19, 40, "repetition", quote="y" * 21))
    [item] = draft.to_key().items
    assert item.core is None  # 12-18 is no longer inside 19-40
    assert item.alternatives == (Span(5, 20, "alt"),)  # still overlaps
    assert item.parts == ()  # one part left is not a set of parts
