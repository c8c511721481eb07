"""An answer key in W3C Web Annotation: nothing is lost on a round trip, a lesson may ship its
key in that format, and saving keeps the format the author chose."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest

from literacy_app.authoring.writing import save_lesson
from literacy_app.core.errors import FormatError
from literacy_app.core.key import AnswerKey, ScoringSettings
from literacy_app.core.scoring import PreparedKey, grade
from literacy_app.formats import native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import ArticleRef
from literacy_app.resources import default_lesson
from tests.conftest import ARTICLE, key_dict, write_json

TAXONOMY = native.default_taxonomy()
REF = ArticleRef.of(ARTICLE)


def _key(**changes: Any) -> AnswerKey:
    data = key_dict()
    data.update(changes)
    doc = JsonDocument.parse(json.dumps(data), "key.json")
    return native.parse_key(doc, TAXONOMY, REF).value


def _through_w3c(key: AnswerKey) -> AnswerKey:
    text = native.dumps(w3c.key_to_w3c(key))
    return w3c.parse_w3c_key(JsonDocument.parse(text, "key.w3c.json"), TAXONOMY, REF).value


def test_a_round_trip_keeps_the_whole_key() -> None:
    key = _key(
        lesson="tiny",
        author="A. Teacher",
        revision=4,
        scoring={"match_threshold": 0.4, "same_group_credit": 0.6, "extra_mark_penalty": 0.25},
    )
    assert _through_w3c(key) == key
    assert native.key_to_dict(_through_w3c(key)) == native.key_to_dict(key)


def test_the_bundled_key_survives_a_round_trip() -> None:
    lesson = load_lesson(default_lesson())
    assert lesson.key is not None
    ref = ArticleRef(lesson.article.text, lesson.article.sha256)
    text = native.dumps(w3c.key_to_w3c(lesson.key))
    again = w3c.parse_w3c_key(JsonDocument.parse(text, "k.json"), lesson.taxonomy, ref).value
    assert again == lesson.key


def test_every_scoring_setting_is_written() -> None:
    assert set(w3c.scoring_limits()) == {f.name for f in fields(ScoringSettings)}


def _w3c_problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(FormatError) as caught:
        w3c.parse_w3c_key(JsonDocument.parse(json.dumps(data), "key.w3c.json"), TAXONOMY, REF)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("match_threshold", 0, "expected a value more than 0, got 0"),
        ("same_group_credit", 1.5, "expected a value at most 1, got 1.5"),
        ("extra_mark_penalty", -1, "expected a value at least 0, got -1"),
        ("imprecise_multiplier", True, "expected a number, got True"),
        ("speed_bonus", 1, "unknown scoring setting 'speed_bonus'"),
    ],
)
def test_bad_scoring_settings_are_reported_with_their_place(
    setting: str, value: Any, expected: str
) -> None:
    data = w3c.key_to_w3c(_key())
    data[f"{w3c.NS}scoring"][setting] = value
    (problem,) = _w3c_problems(data)
    assert expected in problem
    assert problem.startswith("key.w3c.json:")
    assert f"{w3c.NS}scoring" in problem


def test_a_key_item_that_cannot_be_found_is_an_error_not_a_dropped_item() -> None:
    data = w3c.key_to_w3c(_key())
    item = data["first"]["items"][0]
    item["target"]["selector"] = [{"type": "TextQuoteSelector", "exact": "never in the text"}]
    (problem,) = _w3c_problems(data)
    assert "orphan key item" in problem


def test_a_lesson_may_ship_its_key_as_w3c(make_lesson: Callable[..., Path]) -> None:
    native_folder = make_lesson("native")
    w3c_folder = make_lesson("w3c", key=False)
    key = load_lesson(native_folder).key
    assert key is not None
    write_json(w3c_folder / "key.json", w3c.key_to_w3c(key))
    from_w3c = load_lesson(w3c_folder)
    assert from_w3c.key == key
    marks = [item.mark for item in key.items[:3]]
    graded = [grade(PreparedKey(k, from_w3c.taxonomy, ARTICLE), marks) for k in (key, from_w3c.key)]
    assert graded[0].score == graded[1].score


def test_saving_keeps_a_w3c_key_w3c(make_lesson: Callable[..., Path]) -> None:
    folder = make_lesson("w3c", key=False)
    key = load_lesson(make_lesson("source")).key
    assert key is not None
    write_json(folder / "key.json", w3c.key_to_w3c(key))
    lesson = load_lesson(folder)
    assert lesson.key is not None
    edited = replace(lesson.key, items=lesson.key.items[1:], revision=lesson.key.revision + 1)
    save_lesson(lesson, edited)
    stored = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert w3c.looks_like_w3c(stored)
    assert load_lesson(folder).key == replace(edited, lesson=edited.lesson or lesson.id)


def test_saving_keeps_a_native_key_native(make_lesson: Callable[..., Path]) -> None:
    folder = make_lesson()
    lesson = load_lesson(folder)
    save_lesson(lesson, lesson.key)
    stored = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    assert stored["format"] == native.KEY_FORMAT


def test_check_knows_a_w3c_key_from_a_w3c_submission(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    from literacy_app.authoring.checking import check

    lesson = load_lesson(make_lesson())
    assert lesson.key is not None
    key_data = w3c.key_to_w3c(lesson.key)
    assert w3c.looks_like_w3c_key(key_data)
    good = write_json(tmp_path / "key.w3c.json", key_data)
    assert [p for p in check(good, lesson) if p.severity == "error"] == []

    key_data[f"{w3c.NS}scoring"]["match_threshold"] = 2
    key_data["first"]["items"][0]["target"]["selector"] = [
        {"type": "TextQuoteSelector", "exact": "never in the text"}
    ]
    bad = write_json(tmp_path / "bad.w3c.json", key_data)
    problems = [p for p in check(bad, lesson) if p.severity == "error"]
    assert any("orphan key item" in p.message for p in problems)  # a submission: a warning
    assert any("match_threshold" in p.json_path for p in problems)


def test_a_submission_in_w3c_is_not_taken_for_a_key() -> None:
    from literacy_app.core.submission import Student, Submission

    submission = Submission(
        lesson="tiny", article_sha256=REF.sha256, student=Student("Ada"), marks=()
    )
    assert not w3c.looks_like_w3c_key(w3c.submission_to_w3c(submission))
    assert not w3c.looks_like_w3c_key({"type": "AnnotationCollection"})  # no items anywhere


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("weight", "heavy", "expected a number above 0 and at most 100"),
        ("weight", 0, "expected a number above 0 and at most 100"),
        ("weight", 1e9, "expected a number above 0 and at most 100"),
        ("weight", True, "expected a number above 0 and at most 100"),
        ("required", "yes", "expected true or false"),
    ],
)
def test_bad_item_settings_are_reported_not_raised(field: str, value: Any, expected: str) -> None:
    """Issue #14: a W3C key item with weight "heavy" raised ValueError from float()."""
    data = w3c.key_to_w3c(_key())
    data["first"]["items"][0][f"{w3c.NS}{field}"] = value
    problems = _w3c_problems(data)
    assert any(expected in p and f"{w3c.NS}{field}" in p for p in problems), problems


def test_no_scoring_setting_is_unbounded() -> None:
    """A finite but huge penalty turned every score to 0; every setting now has a ceiling."""
    assert all("maximum" in bounds for bounds in w3c.scoring_limits().values())
