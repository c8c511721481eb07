"""Instructor mode and the authoring checks in another language: what a person reads is
translated, what a program reads (lesson.md values, undo merge keys, a handout's parts) is not,
and no check depends on the wording of a message."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from literacy_app import i18n
from literacy_app.authoring.handout import handout_text
from literacy_app.authoring.validate import lesson_problems
from literacy_app.authoring.writing import save_lesson
from literacy_app.core.key import AnswerKey
from literacy_app.core.key_draft import EditDetails, ItemDetails
from literacy_app.core.lesson import Hint, LessonText
from literacy_app.core.lesson_draft import SetField
from literacy_app.formats.lesson_package import load_lesson
from tests.authoring.test_writing import item, make_new_lesson


def _foreign(message: str) -> str:
    """A stand-in language: marked, so an untranslated message shows, and with no plain space
    left, so that code matching English words in a message fails here as in Spanish."""
    return "«" + message.replace(" ", "\u00a0") + "»"


class _Marked(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return _foreign(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _foreign(singular if n == 1 else plural)


@pytest.fixture
def marked() -> Iterator[None]:
    before = i18n._translation
    i18n._translation = _Marked()
    try:
        yield
    finally:
        i18n._translation = before


def test_undo_texts_are_translated_but_typing_still_merges(marked: None) -> None:
    assert SetField("attribution.original", "", "x").text == _foreign("Edit original source")
    assert SetField("difficulty", "beginner", "advanced").text == _foreign("Edit difficulty")
    first = EditDetails("k1", ItemDetails(), ItemDetails(hint="a"), "Edit hint", typing=True)
    later = EditDetails("k1", ItemDetails(), ItemDetails(hint="ab"), "Edit hint", typing=True)
    assert first.text == _foreign("Edit hint")
    assert first.merge_key == later.merge_key == "k1:Edit hint"  # no language in the key
    assert EditDetails("k1", ItemDetails(), ItemDetails()).text == _foreign("Edit key item")


def test_loading_warnings_are_superseded_whatever_the_language(
    tmp_path: Path, marked: None
) -> None:
    """The key's "empty rationale" and "categories outside the palette" warnings are left out
    when an authoring problem says the same thing at the same place, in any language."""
    folder = make_new_lesson(tmp_path / "bus", categories=["loaded_language"])
    lesson = load_lesson(folder)
    text = lesson.article.text
    items = (
        item(text, "k1", "reckless", "loaded_language", rationale=""),
        item(text, "k2", "Experts say", "vague_attribution"),
    )
    key = AnswerKey(items, lesson.id, article_sha256=lesson.article.sha256)
    save_lesson(lesson, key)
    problems = lesson_problems(folder)
    at = [p.json_path for p in problems]
    assert at.count("$.items[0].rationale") == 1  # "has no rationale", not also "empty"
    assert "$.items[1].category" in at
    # the key-wide "categories outside the palette" warning: said by k2's own problem instead
    assert not [p for p in problems if p.file.endswith("key.json") and not p.json_path]
    assert all(p.message.startswith("«") for p in problems if p.json_path.startswith("$.items"))


def test_a_handout_reports_left_out_parts_translated_but_keeps_them_as_data(
    tmp_path: Path, marked: None
) -> None:
    folder = make_new_lesson(tmp_path / "bus")
    lesson = load_lesson(folder)
    text = lesson.article.text
    key = AnswerKey(
        (item(text, "k1", "Experts say", "vague_attribution"),),
        lesson.id,
        article_sha256=lesson.article.sha256,
    )
    lesson = replace(
        lesson,
        key=key,
        text=LessonText(
            instructions="Find the devices.",
            hints=(Hint("Sources", "Who are the Experts say people?"),),
            debrief="The key explained.",
            teacher_notes="For me.",
        ),
    )
    _kept, left_out = handout_text(lesson, "lesson.md", source="")
    assert [part.part for part in left_out] == [
        "the Debrief",
        "the Teacher notes",
        "hint 1 ('Sources')",
    ]
    shown = [str(part) for part in left_out]
    assert all(line.startswith(_foreign("left out")[:-1]) for line in shown)
    assert "'k1'" in shown[2]
