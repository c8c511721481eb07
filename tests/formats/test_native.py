"""The native key and submission formats: round trips, schema errors with places, re-anchoring."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.anchoring import AnchorStatus
from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.submission import Student, Submission
from literacy_app.core.text import sha256
from literacy_app.formats import io, native
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import ArticleRef, Loaded
from tests.conftest import ARTICLE, key_dict, span_of, submission_dict
from tests.formats.positions import line_col

TAXONOMY = native.default_taxonomy()
REF = ArticleRef.of(ARTICLE)


def _mark(mark_id: str, quote: str, category: str, note: str = "", text: str = ARTICLE) -> Mark:
    start, end = span_of(text, quote)
    return Mark(mark_id, start, end, category, note, **context_of(text, start, end))


def _parse_submission(data: Any, article: ArticleRef | None = REF) -> Loaded[Submission]:
    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False)
    return native.parse_submission(JsonDocument.parse(text, "work.json"), TAXONOMY, article)


def _submission_problems(data: Any, article: ArticleRef | None = REF) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        _parse_submission(data, article)
    return caught.value.problems


def _round_trip_submission(submission: Submission, article: ArticleRef | None) -> Submission:
    text = native.dumps(native.submission_to_dict(submission))
    return native.parse_submission(JsonDocument.parse(text, "x.json"), TAXONOMY, article).value


# --- round trips ----------------------------------------------------------------------------


EMOJI_SUBMISSION = Submission(
    marks=(
        _mark("m1", "reckless", "loaded_language", note="Strong word 💥 — why?"),
        _mark(
            "m2", "🚌 Buses will stop running", "speculation_as_fact", note="🚌👍🏽 said as fact"
        ),
        _mark("m3", "so-called “reform”", "scare_quotes"),
    ),
    lesson="tiny",
    article_sha256=sha256(ARTICLE),
    student=Student("Zoë 🦊", "z-01"),
    created="2026-11-25T10:00:00+00:00",
    modified="2026-11-25T10:20:00+00:00",
    app_version="0.1.0",
    attempts=2,
)


def test_submission_round_trip_with_emoji() -> None:
    assert _round_trip_submission(EMOJI_SUBMISSION, REF) == EMOJI_SUBMISSION


def test_submission_round_trip_without_an_article() -> None:
    assert _round_trip_submission(EMOJI_SUBMISSION, None) == EMOJI_SUBMISSION


def test_written_submission_is_readable_utf8_not_escapes() -> None:
    text = native.dumps(native.submission_to_dict(EMOJI_SUBMISSION))
    assert "🦊" in text
    assert "\\u" not in text
    assert text.endswith("\n")
    assert json.loads(text)["format"] == "literacy-submission"


def test_key_round_trip() -> None:
    data = key_dict(match_threshold=0.6, extra_mark_penalty=0.25)
    data["items"][0]["hint"] = "Look at the adjective."
    data["items"][1]["also_accept"] = ["appeal_to_fear", "doubt"]
    data["items"][2]["weight"] = 2.5
    doc = JsonDocument.parse(json.dumps(data), "key.json")
    key = native.parse_key(doc, TAXONOMY, REF).value
    assert key.scoring == ScoringSettings(match_threshold=0.6, extra_mark_penalty=0.25)
    assert key.items[0].hint == "Look at the adjective."
    assert key.items[2].weight == 2.5
    assert key.items[6].required is False
    text = native.dumps(native.key_to_dict(key))
    again = native.parse_key(JsonDocument.parse(text, "again.json"), TAXONOMY, REF).value
    assert again == key


def test_key_to_dict_writes_an_item_without_hint_without_the_field() -> None:
    item = KeyItem(_mark("k1", "reckless", "loaded_language"), "Why.")
    data = native.key_to_dict(AnswerKey((item,), lesson="tiny", article_sha256=REF.sha256))
    assert "hint" not in data["items"][0]
    assert data["items"][0]["quote"] == "reckless"


_NON_BMP = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
_notes = st.one_of(
    st.just(""),
    st.text(max_size=30),
    st.text(alphabet=_NON_BMP, max_size=5),
    st.lists(st.text(max_size=5) | st.text(alphabet=_NON_BMP, max_size=2)).map("".join),
)


@st.composite
def _marks(draw: st.DrawFn) -> tuple[Mark, ...]:
    ids = draw(st.lists(st.text(min_size=1, max_size=6), unique=True, max_size=8))
    marks = []
    for mark_id in ids:
        start = draw(st.integers(0, len(ARTICLE) - 1))
        end = draw(st.integers(start + 1, len(ARTICLE)))
        category = draw(st.sampled_from(TAXONOMY.ids))
        marks.append(
            Mark(mark_id, start, end, category, draw(_notes), **context_of(ARTICLE, start, end))
        )
    return tuple(marks)


@settings(max_examples=60, deadline=None)
@given(marks=_marks(), name=_notes, student_id=st.text(max_size=8), attempts=st.integers(0, 50))
def test_submission_round_trip_property(
    marks: tuple[Mark, ...], name: str, student_id: str, attempts: int
) -> None:
    submission = Submission(
        marks,
        "tiny",
        REF.sha256,
        Student(name, student_id),
        "2026-11-25T10:00:00+00:00",
        "",
        "0.1.0",
        attempts,
    )
    assert _round_trip_submission(submission, REF) == submission


# --- schema errors --------------------------------------------------------------------------


def _good() -> dict[str, Any]:
    return submission_dict([("reckless", "loaded_language"), ("Experts say", "vague_attribution")])


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def test_good_submission_parses_with_no_warnings() -> None:
    loaded = _parse_submission(_good())
    assert [m.quote for m in loaded.value.marks] == ["reckless", "Experts say"]
    assert loaded.value.student == Student("Ada", "ada")
    assert loaded.warnings == []
    assert loaded.anchoring is None


def test_wrong_format_name() -> None:
    text = _text({**_good(), "format": "literacy-key"})
    [problem] = _submission_problems(text)
    assert problem.message == 'expected "literacy-submission"'
    assert problem.json_path == "$.format"
    assert (problem.line, problem.column) == line_col(text, '"literacy-key"')


def test_wrong_format_through_the_reader_names_what_was_found(
    make_lesson: Callable[..., Path], tmp_path: Path
) -> None:
    lesson = load_lesson(make_lesson())
    path = tmp_path / "not-a-submission.json"
    path.write_text(_text(key_dict()), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        io.read_submission(path, lesson)
    [problem] = caught.value.problems
    assert "'literacy-submission'" in problem.message
    assert "'literacy-key'" in problem.message
    assert problem.file == str(path)


def test_wrong_version() -> None:
    text = _text({**_good(), "version": 2})
    [problem] = _submission_problems(text)
    assert problem.message == "expected 1"
    assert problem.json_path == "$.version"
    assert (problem.line, problem.column) == line_col(text, "2,")


def test_missing_marks() -> None:
    data = _good()
    del data["marks"]
    [problem] = _submission_problems(data)
    assert problem.message == "missing required field 'marks'"
    assert problem.json_path == "$"


def test_extra_unknown_field_lists_the_allowed_fields() -> None:
    [problem] = _submission_problems({**_good(), "colour": "blue"})
    assert "'colour'" in problem.message
    allowed = problem.message.split("allowed:")[1]
    for name in (
        "app_version",
        "article_sha256",
        "attempts",
        "created",
        "format",
        "lesson",
        "marks",
        "modified",
        "student",
        "version",
    ):
        assert name in allowed
    assert "colour" not in allowed


def test_start_as_string() -> None:
    data = _good()
    data["marks"][0]["start"] = "18"
    text = _text(data)
    [problem] = _submission_problems(text)
    assert problem.message == "expected a whole number"
    assert problem.json_path == "$.marks[0].start"
    assert (problem.line, problem.column) == line_col(text, '"18"')
    assert (
        str(problem) == f"work.json:{problem.line}:{problem.column}: expected a whole number "
        "(at $.marks[0].start)"
    )


def test_negative_start() -> None:
    data = _good()
    data["marks"][1]["start"] = -1
    text = _text(data)
    [problem] = _submission_problems(text)
    assert problem.json_path == "$.marks[1].start"
    assert "at least 0" in problem.message
    assert "-1" in problem.message
    assert (problem.line, problem.column) == line_col(text, "-1,")


def test_end_not_after_start() -> None:
    data = _good()
    data["marks"][0]["end"] = data["marks"][0]["start"]
    [problem] = _submission_problems(data)
    assert problem.json_path == "$.marks[0].end"
    assert "end > start" in problem.message


def test_mark_quote_mismatch_names_both_texts() -> None:
    data = _good()
    data["marks"][0]["quote"] = "careful"
    text = _text(data)
    [problem] = _submission_problems(text)
    assert problem.json_path == "$.marks[0].quote"
    assert "'reckless'" in problem.message
    assert "'careful'" in problem.message
    assert (problem.line, problem.column) == line_col(text, '"careful"')


def test_several_problems_are_all_reported() -> None:
    data = _good()
    data["marks"][0]["start"] = "18"
    data["marks"][1]["category"] = 7
    paths = {p.json_path for p in _submission_problems(data)}
    assert paths == {"$.marks[0].start", "$.marks[1].category"}


def test_mark_without_quote_gets_its_context_from_the_article() -> None:
    data = _good()
    for key in ("quote", "prefix", "suffix"):
        del data["marks"][0][key]
    mark = _parse_submission(data).value.marks[0]
    assert mark.quote == "reckless"
    assert mark.prefix == ARTICLE[: mark.start]
    assert mark.suffix == ARTICLE[mark.end : mark.end + 32]


def test_category_alias_in_a_submission_is_resolved() -> None:
    data = _good()
    data["marks"][0]["category"] = "Loaded_Language"
    assert _parse_submission(data).value.marks[0].category == "loaded_language"


# --- re-anchoring ---------------------------------------------------------------------------


def test_submission_for_a_changed_article_is_moved_with_warnings() -> None:
    added = "A new first sentence. "
    changed = ArticleRef.of(added + ARTICLE)
    loaded = _parse_submission(_good(), changed)
    assert [(m.start, m.end) for m in loaded.value.marks] == [
        (s + len(added), e + len(added))
        for s, e in (span_of(ARTICLE, "reckless"), span_of(ARTICLE, "Experts say"))
    ]
    assert loaded.value.article_sha256 == changed.sha256
    assert loaded.anchoring is not None
    assert [a.status for a in loaded.anchoring.placed] == [AnchorStatus.MOVED] * 2
    assert loaded.anchoring.orphans == ()
    moved = [w for w in loaded.warnings if "re-anchored (moved)" in w.message]
    assert [w.json_path for w in moved] == ["$.marks[0]", "$.marks[1]"]
    assert all(w.severity == "warning" for w in loaded.warnings)


def test_submission_for_a_reworded_article_is_placed_fuzzily() -> None:
    data = submission_dict([("so-called “reform”", "scare_quotes")])
    changed = ArticleRef.of(ARTICLE.replace("“reform” was", "“reforms” were"))
    loaded = _parse_submission(data, changed)
    assert loaded.anchoring is not None
    [anchored] = loaded.anchoring.placed
    assert anchored.status is AnchorStatus.FUZZY
    [mark] = loaded.value.marks
    assert mark.category == "scare_quotes"
    assert mark.overlaps(*span_of(changed.text, "so-called “reforms”"))
    assert mark.quote == changed.text[mark.start : mark.end]
    assert any("re-anchored (fuzzy)" in w.message for w in loaded.warnings)


def test_fuzzy_placement_covers_the_corrected_words_exactly() -> None:
    data = submission_dict([("Buses will stop running", "speculation_as_fact")])
    changed = ArticleRef.of(ARTICLE.replace("stop running", "stop runing"))
    [mark] = _parse_submission(data, changed).value.marks
    assert mark.quote == "Buses will stop runing"


def test_unplaceable_mark_becomes_an_orphan_with_a_warning() -> None:
    changed = ArticleRef.of(ARTICLE.replace("Experts say", "An independent review found"))
    loaded = _parse_submission(_good(), changed)
    assert [m.id for m in loaded.value.marks] == ["m1"]
    assert loaded.anchoring is not None
    assert [m.id for m in loaded.anchoring.orphans] == ["m2"]
    assert loaded.anchoring.orphans[0].quote == "Experts say"
    # never silently dropped: every mark read is either placed or reported as an orphan
    assert len(loaded.value.marks) + len(loaded.anchoring.orphans) == len(_good()["marks"])
    [orphan_warning] = [w for w in loaded.warnings if "orphan" in w.message]
    assert orphan_warning.severity == "warning"
    assert orphan_warning.json_path == "$.marks[1]"
    assert "'m2'" in orphan_warning.message
    assert any(w.json_path == "$.article_sha256" for w in loaded.warnings)
