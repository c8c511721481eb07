"""The core of instructor-mode editing without Qt: moving a key item's ends word by word
(Shift+arrows), as one undoable edit that keeps what was written for the item, and the
attribution fields of the lesson draft."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from literacy_app.authoring.writing import lesson_files, lesson_metadata
from literacy_app.core.key_draft import ItemDetails, KeyDraft, MoveItem, stepped_span
from literacy_app.core.lesson_draft import LessonDraft, SetField
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.markset import MarkSet
from literacy_app.core.text import snap_to_words
from literacy_app.formats.lesson_package import load_lesson, parse_metadata, split_front_matter
from tests.authoring.test_writing import make_new_lesson

TEXT = "“Reckless,” said Russia’s minister. The plan — a war on drivers — failed (again)."


def _quote(span: tuple[int, int] | None) -> str | None:
    return None if span is None else TEXT[span[0] : span[1]]


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


@pytest.mark.parametrize(
    ("quote", "edge", "step", "expected"),
    [
        ("a war", "end", 1, "a war on"),
        ("a war on", "end", -1, "a war"),
        ("a war", "start", -1, "plan — a war"),  # over a dash: to the word before it
        ("plan — a war", "start", 1, "a war"),
        ("said", "end", 1, "said Russia’s"),  # the apostrophe is inside the word
        ("said Russia’s", "end", -1, "said"),
        ("Russia’s minister", "start", -1, "said Russia’s minister"),
        ("Reckless", "start", -1, None),  # nothing before but a quote mark
        ("again", "end", 1, None),  # nothing after but punctuation
        ("war", "end", -1, None),  # one word: it would be empty
        ("war", "start", 1, None),
        ("drivers — failed", "end", -1, "drivers"),
    ],
)
def test_an_end_moves_by_a_whole_word(
    quote: str, edge: str, step: int, expected: str | None
) -> None:
    moved = stepped_span(TEXT, *_span(quote), edge, step)
    assert _quote(moved) == expected
    if moved is not None:
        assert snap_to_words(TEXT, *moved) == moved  # always whole words


def test_stepping_out_and_back_returns_to_the_same_span() -> None:
    span = _span("a war on")
    for edge in ("start", "end"):
        out = stepped_span(TEXT, *span, edge, -1 if edge == "start" else 1)
        assert out is not None
        back = stepped_span(TEXT, *out, edge, 1 if edge == "start" else -1)
        assert back == span


def _mark(mark_id: str, quote: str, category: str = "loaded_language") -> Mark:
    start, end = _span(quote)
    return Mark(mark_id, start, end, category, **context_of(TEXT, start, end))


def test_moving_an_item_keeps_its_teaching_fields_and_document_order() -> None:
    first, second = _mark("k1", "war on drivers"), _mark("k2", "Reckless")
    details = ItemDetails(rationale="It judges. A fair writer would not.", hint="Who says?")
    draft = KeyDraft(MarkSet([first, second]), {"k1": details})
    assert [m.id for m in draft.marks] == ["k2", "k1"]
    start, end = _span("minister. The plan — a war on drivers")
    moved = replace(first, start=start, end=end, **context_of(TEXT, start, end))
    edit = MoveItem(first, moved)
    draft.apply(edit)
    assert draft.marks.get("k1").quote == "minister. The plan — a war on drivers"
    assert draft.details_of("k1") == details
    assert [item.id for item in draft.to_key().items] == ["k2", "k1"]
    # k2 moved past k1: the key follows the document, not the order items were made in.
    later = _mark("k2", "failed")
    draft.apply(MoveItem(second, later))
    assert [item.id for item in draft.to_key().items] == ["k1", "k2"]
    draft.revert(MoveItem(second, later))
    draft.revert(edit)
    assert list(draft.marks) == [second, first]
    assert edit.text.startswith("Adjust key item to “minister.")


def test_attribution_fields_are_undoable_draft_fields(tmp_path: Path) -> None:
    lesson = load_lesson(make_new_lesson(tmp_path / "bus"))
    draft = LessonDraft.from_lesson(lesson)
    assert draft.get("attribution.author") == lesson.article.attribution.author
    changed: list[str] = []
    draft.subscribe(changed.append)
    edit = SetField("attribution.original", "", "The Conversation")
    draft.apply(edit)
    assert (draft.attribution.original, changed) == ("The Conversation", ["attribution.original"])
    assert edit.text == "Edit original source"
    assert edit.merge_key == "attribution.original"  # typing in it is one undo step
    assert SetField("teacher_notes", "", "x").text == "Edit teacher notes"
    draft.apply(SetField("attribution.licence", "", "  CC BY 4.0\n"))
    with pytest.raises(KeyError):
        draft.set("attribution.colour", "red")

    applied = draft.applied_to(lesson)
    assert applied.article.text == lesson.article.text  # the article itself never changes
    meta = lesson_metadata(applied)
    assert meta["attribution"]["original"] == "The Conversation"
    assert meta["attribution"]["licence"] == "CC BY 4.0"  # one line, as front matter holds it
    lesson_md = lesson_files(applied, applied.key)["lesson.md"]
    source, _, _ = split_front_matter(lesson_md, "lesson.md")
    assert parse_metadata(source, "lesson.md", 2)["attribution"]["original"] == "The Conversation"

    draft.revert(edit)
    assert draft.attribution.original == ""
    assert "original" not in lesson_metadata(draft.applied_to(lesson)).get("attribution", {})


def test_a_new_lesson_keeps_the_original_source_and_licence_an_importer_found(
    tmp_path: Path,
) -> None:
    from dataclasses import dataclass

    from literacy_app.authoring.importing import ImportedArticle
    from literacy_app.authoring.writing import new_lesson

    @dataclass(frozen=True)
    class Republished(ImportedArticle):  # the fields the importer is gaining
        original: str = "The Conversation"
        licence: str = "CC BY-ND 4.0"

    article = Republished("Bus plan\n\nThe so-called experts were ignored.", author="A. Writer")
    folder = new_lesson(tmp_path / "bus", article, "bus", "Bus plan")
    attribution = load_lesson(folder).article.attribution
    assert (attribution.author, attribution.original, attribution.licence) == (
        "A. Writer",
        "The Conversation",
        "CC BY-ND 4.0",
    )
