"""The three generated hint levels: how many are left, where, and one of them, from the marks as
they stand, and never the answer itself (its words or its rationale)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from literacy_app.core.lesson import Lesson
from literacy_app.core.marks import Mark
from literacy_app.core.prepared_key import PreparedKey
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.hint_ladder import (
    NOTHING_LEFT,
    TITLES,
    generated_hint,
    ladder,
    spoken_list,
)
from literacy_app.resources import bundled_lessons_in_order
from tests.conftest import LESSON_MD


def first_lesson() -> tuple[Lesson, PreparedKey]:
    folder, _ = bundled_lessons_in_order(with_key=True)[0]
    lesson = load_lesson(folder)
    assert lesson.id == "getting-started"
    assert lesson.key is not None
    return lesson, PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)


def mark(lesson: Lesson, number: int, quote: str, category: str) -> Mark:
    start = lesson.article.text.index(quote)
    return Mark(f"m{number}", start, start + len(quote), category, quote=quote)


def some_marks(lesson: Lesson) -> list[Mark]:
    """One right, one with the wrong category, one far too long, two more right; the bonus
    item (k04, "trying to sink the project") left alone."""
    return [
        mark(lesson, 1, "Naysayers", "name_calling"),
        mark(lesson, 2, "endless bickering", "name_calling"),
        mark(lesson, 3, "A small band of busybodies from the Elm Street", "name_calling"),
        mark(lesson, 4, "Sources close to the council", "vague_attribution"),
        mark(lesson, 5, "300 hours", "unsourced_figure"),
    ]


def test_level_one_counts_what_is_left_in_each_group() -> None:
    lesson, prepared = first_lesson()
    hint = generated_hint(1, lesson, prepared, some_marks(lesson))
    assert hint.title == TITLES[0]
    assert hint.item_id is None
    # Framing: k03 (marked too broadly), k05, k06, k10, k11; claims: k07, k09, k13, k14.
    assert "**Framing devices:** 5 still to find (1 of them marked already" in hint.text
    assert "**Unsupported claims:** 4 still to find." in hint.text


def test_level_one_with_nothing_marked_counts_every_required_item() -> None:
    lesson, prepared = first_lesson()
    text = generated_hint(1, lesson, prepared, []).text
    assert "**Framing devices:** 7 still to find." in text  # 8 framing items, 1 of them bonus
    assert "**Unsupported claims:** 6 still to find." in text
    assert "marked already" not in text


def test_level_two_names_the_paragraphs_as_a_reader_counts_them() -> None:
    lesson, prepared = first_lesson()
    text = generated_hint(2, lesson, prepared, some_marks(lesson)).text
    assert text.startswith("Read paragraphs 3, 5 and 6 again")
    assert "- **Paragraph 3:** 3 framing devices, 1 unsupported claim" in text
    assert "- **Paragraph 5:** 2 framing devices, 1 unsupported claim" in text
    assert "- **Paragraph 6:** 2 unsupported claims" in text
    assert "headline" not in text  # its one item is found
    untouched = generated_hint(2, lesson, prepared, []).text
    assert untouched.startswith("Read the headline and paragraphs 1, 3, 5 and 6 again")


def test_level_three_points_at_one_item_and_never_gives_it_away() -> None:
    lesson, prepared = first_lesson()
    assert lesson.key is not None
    marks = some_marks(lesson)
    pointed: list[str] = []
    order = []
    for _ in range(9):
        hint = generated_hint(3, lesson, prepared, marks, pointed)
        assert hint.item_id is not None
        item = lesson.key.item(hint.item_id)
        category = lesson.taxonomy[item.category]
        assert f"**{category.name}**" in hint.text
        # The palette shows every category's name and definition anyway, and "so-called" is
        # both a scare-quotes item and the category's name: only the rest must not quote it.
        rest = hint.text.replace(category.name, "").replace(category.definition, "")
        for quote in item.quotes:
            assert quote.casefold() not in rest.casefold()
        for sentence in item.rationale.split(". "):
            assert sentence.strip() not in hint.text
        order.append(hint.item_id)
        pointed.append(hint.item_id)
    assert order == ["k03", "k05", "k06", "k07", "k09", "k10", "k11", "k13", "k14"]
    first = generated_hint(3, lesson, prepared, marks, ())
    assert "still to find in paragraph 3" in first.text
    assert "You are close: your mark there covers much more" in first.text
    assert "How does the article describe the people who objected" in first.text
    again = generated_hint(3, lesson, prepared, marks, pointed)
    assert again.item_id == "k03"
    assert "pointer to every passage left" in again.text


def test_a_hint_question_that_quotes_the_answer_is_left_out(
    make_lesson: Callable[..., Path],
) -> None:
    folder = make_lesson()
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    key["items"][0]["hint"] = "Is RECKLESS a description or a verdict?"
    key["items"][1]["hint"] = "What would the city look like afterwards?"
    (folder / "key.json").write_text(json.dumps(key), encoding="utf-8")
    lesson = load_lesson(folder)
    assert lesson.key is not None
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    first = generated_hint(3, lesson, prepared, [])
    assert first.item_id == "k1"
    assert "reckless" not in first.text.casefold()
    assert "A question to ask" not in first.text
    second = generated_hint(3, lesson, prepared, [], ["k1"])
    assert "**A question to ask:** What would the city look like afterwards?" in second.text


def test_every_level_says_so_when_nothing_is_left() -> None:
    lesson, prepared = first_lesson()
    assert lesson.key is not None
    marks = [
        Mark(f"m{n}", item.start, item.end, item.category)
        for n, item in enumerate(lesson.key.items)
        if item.required  # the bonus item left: nothing *required* is left
    ]
    for level in (1, 2, 3):
        hint = generated_hint(level, lesson, prepared, marks)
        assert hint.text == NOTHING_LEFT
        assert hint.item_id is None


@pytest.mark.parametrize("level", [0, 4, -1])
def test_only_three_levels(level: int) -> None:
    lesson, prepared = first_lesson()
    with pytest.raises(ValueError, match="1 to 3"):
        generated_hint(level, lesson, prepared, [])


def test_paragraph_names_read_as_a_sentence() -> None:
    assert spoken_list(["paragraph 2"]) == "paragraph 2"
    assert spoken_list(["paragraph 2", "paragraph 5", "paragraph 7"]) == "paragraphs 2, 5 and 7"
    assert spoken_list(["the headline", "paragraph 4"]) == "the headline and paragraph 4"
    assert spoken_list(["the article"]) == "the article"


def test_the_ladder_takes_the_authors_hints_first(make_lesson: Callable[..., Path]) -> None:
    lesson, _ = first_lesson()
    assert [body is not None for _, body in ladder(lesson)] == [True, True, True]
    assert ladder(lesson)[0][0] == "Start with the feelings"

    two_hints = load_lesson(make_lesson("two"))
    assert ladder(two_hints) == [
        ("Words", "Look at adjectives."),
        ("Sources", "Who says so?"),
        (TITLES[2], None),
    ]
    no_hints = load_lesson(make_lesson("none", lesson_md=LESSON_MD.split("## Hints")[0]))
    assert ladder(no_hints) == [(title, None) for title in TITLES]
    handout = load_lesson(make_lesson("handout", key=False))
    assert ladder(handout) == [("Words", "Look at adjectives."), ("Sources", "Who says so?")]
    no_key_no_hints = load_lesson(
        make_lesson("bare", lesson_md=LESSON_MD.split("## Hints")[0], key=False)
    )
    assert ladder(no_key_no_hints) == []
