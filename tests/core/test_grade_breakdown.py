"""A grade asked for without its per-category breakdown (the class review's) is otherwise the
very same grade."""

from __future__ import annotations

from dataclasses import replace

from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.resources import default_lesson
from tests.formats.test_w3c_reanchor import _submission


def test_a_grade_without_breakdown_differs_only_by_the_breakdown() -> None:
    """The class review asks for no per-category figures; everything else is the same grade."""
    lesson = load_lesson(default_lesson())
    assert lesson.key is not None
    prepared = PreparedKey(lesson.key, lesson.taxonomy, lesson.article.text)
    marks = _submission(lesson.article.text, 15, 3).marks
    full, lean = grade(prepared, marks), grade(prepared, marks, breakdown=False)
    assert full.per_category
    assert full.per_group
    assert (lean.per_category, lean.per_group) == ({}, {})
    assert replace(full, per_category={}, per_group={}) == lean
