"""The bundled lesson collection as a whole: valid, complete, and covering the taxonomy."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from literacy_app.authoring.checking import check
from literacy_app.core.lesson import Lesson
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import default_taxonomy
from literacy_app.resources import bundled_lessons

LESSONS = bundled_lessons()
IDS = [p.name for p in LESSONS]
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]*_]*(?:\s|$)")


def _load(path: Path) -> Lesson:
    return load_lesson(path)


def _is_control(lesson: Lesson) -> bool:
    """A control text is a careful, almost clean report that teaches students not to over-mark.
    It says so to the student in its Instructions, which is what this test relies on: its key
    holds only the few genuine slips, so it cannot meet the item count of the slanted lessons."""
    return "this is a control text" in lesson.text.instructions.casefold()


def test_the_collection_has_the_first_lesson_getting_started_and_the_practice_lessons() -> None:
    assert "bakhmut-op-ed" in IDS
    assert "getting-started" in IDS
    # a control text, and a slanted column arguing in the opposite political direction to
    # school-budget-vote and transport-plan-column
    assert "library-hours-report" in IDS
    assert "water-lease-column" in IDS
    assert len(IDS) >= 9


@pytest.mark.parametrize("folder", LESSONS, ids=IDS)
def test_lesson_is_valid_without_warnings(folder: Path) -> None:
    assert [str(p) for p in check(folder)] == []


@pytest.mark.parametrize("folder", LESSONS, ids=IDS)
def test_lesson_is_complete(folder: Path) -> None:
    lesson = _load(folder)
    assert lesson.key is not None
    assert len(lesson.key.items) >= (2 if _is_control(lesson) else 12)
    assert len(lesson.text.hints) == 3
    assert lesson.text.debrief.strip()
    assert lesson.text.instructions.strip()
    assert lesson.difficulty in ("beginner", "intermediate", "advanced")
    assert lesson.minutes > 0
    assert lesson.article.attribution.author
    assert lesson.article.attribution.outlet
    # the lesson lists what it practises: its palette holds every category its key uses
    assert {item.category for item in lesson.key.items} <= set(lesson.palette.ids)


def test_a_control_lesson_keys_only_a_few_genuine_slips() -> None:
    controls = [lesson for lesson in map(_load, LESSONS) if _is_control(lesson)]
    assert [lesson.id for lesson in controls] == ["library-hours-report"]
    for lesson in controls:
        assert lesson.key is not None
        # a handful of items, all of them required: a bonus item would reward the over-marking
        # the lesson is there to discourage
        assert 2 <= len(lesson.key.items) <= 4
        assert all(item.required for item in lesson.key.items)


@pytest.mark.parametrize("folder", LESSONS, ids=IDS)
def test_every_rationale_teaches_in_at_least_two_sentences(folder: Path) -> None:
    lesson = _load(folder)
    assert lesson.key is not None
    short = [
        item.id
        for item in lesson.key.items
        if len(_SENTENCE_END.findall(item.rationale.strip())) < 2
    ]
    assert short == []


def test_every_default_category_appears_in_at_least_two_key_items() -> None:
    counts: Counter[str] = Counter()
    for folder in LESSONS:
        key = _load(folder).key
        assert key is not None
        counts.update(item.category for item in key.items)
    missing = {c: counts[c] for c in default_taxonomy().ids if counts[c] < 2}
    assert missing == {}


def test_practice_lessons_are_original_and_sized() -> None:
    for folder in LESSONS:
        lesson = _load(folder)
        if lesson.id in ("bakhmut-op-ed", "getting-started"):
            continue
        words = len(lesson.article.text.split())
        assert 300 <= words <= 800, (lesson.id, words)
        assert (
            "fictional" in lesson.article.attribution.outlet.lower()
            or "original" in lesson.article.attribution.licence.lower()
        )


def test_the_first_lesson_keeps_its_attribution() -> None:
    lesson = _load(Path(LESSONS[IDS.index("bakhmut-op-ed")]))
    attribution = lesson.article.attribution
    assert attribution.author == "Andrew Korybko"
    assert "Global Research" in attribution.outlet
    assert "Newsletter" in attribution.original
    assert lesson.article.text.startswith("The Battle of Bakhmut")
