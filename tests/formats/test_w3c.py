"""W3C Web Annotation: what we write is standard JSON-LD, and what others write is read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.marks import Mark
from literacy_app.core.submission import Submission
from literacy_app.formats import io, native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import ArticleRef, Loaded
from tests.conftest import ARTICLE, key_dict, span_of, submission_dict, write_json
from tests.formats.positions import line_col

TAXONOMY = native.default_taxonomy()
REF = ArticleRef.of(ARTICLE)


def _doc(data: Any) -> JsonDocument:
    return JsonDocument.parse(json.dumps(data, indent=2, ensure_ascii=False), "annotations.json")


def _read(data: Any) -> Loaded[Submission]:
    return w3c.parse_w3c_submission(_doc(data), TAXONOMY, REF)


def _problems(data: Any) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        _read(data)
    return caught.value.problems


def _submission() -> Submission:
    data = submission_dict(
        [
            ("reckless", "loaded_language"),
            ("Experts say", "vague_attribution"),
            ("🚌 Buses will stop running", "speculation_as_fact"),
        ]
    )
    data["marks"][0]["note"] = "A charged word 💥"
    data["marks"][2]["note"] = "Said as if certain."
    return native.parse_submission(_doc(data), TAXONOMY, REF).value


def _key() -> AnswerKey:
    data = key_dict()
    data["items"][0]["hint"] = "Which adjective judges the plan?"
    data["items"][1]["also_accept"] = ["appeal_to_fear", "doubt"]
    data["items"][2]["weight"] = 2.0
    return native.parse_key(_doc(data), TAXONOMY, REF).value


def _annotation(
    mark_id: str, category: str, selectors: list[dict[str, Any]], note: str = ""
) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": category}
    ]
    if note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": note})
    return {
        "id": f"https://example.org/annotations/{mark_id}",
        "type": "Annotation",
        "body": body,
        "target": {"source": "https://example.org/article", "selector": selectors},
    }


def _position(quote: str, occurrence: int = 0) -> dict[str, Any]:
    start, end = span_of(ARTICLE, quote, occurrence)
    return {"type": "TextPositionSelector", "start": start, "end": end}


def _quote(exact: str, prefix: str = "", suffix: str = "") -> dict[str, Any]:
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}


def _spans(marks: tuple[Mark, ...]) -> list[tuple[str, int, int, str, str]]:
    return [(m.id, m.start, m.end, m.category, m.note) for m in marks]


# --- writing and reading back ---------------------------------------------------------------


def test_submission_round_trip_keeps_ids_offsets_categories_notes() -> None:
    submission = _submission()
    text = native.dumps(w3c.submission_to_w3c(submission))
    loaded = w3c.parse_w3c_submission(JsonDocument.parse(text, "w3c.json"), TAXONOMY, REF)
    assert loaded.value.marks == submission.marks  # quotes and contexts too
    assert _spans(loaded.value.marks)[0] == ("m1", 18, 26, "loaded_language", "A charged word 💥")
    assert loaded.value.student == submission.student
    assert loaded.value.lesson == "tiny"
    assert loaded.warnings == []
    assert loaded.anchoring is None


def test_written_submission_is_a_w3c_annotation_collection() -> None:
    data = json.loads(native.dumps(w3c.submission_to_w3c(_submission())))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == 3
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage"
    assert [a["type"] for a in items] == ["Annotation"] * 3
    first = items[0]
    assert [b["purpose"] for b in first["body"]] == ["classifying", "commenting"]
    assert first["body"][0] == {
        "type": "TextualBody",
        "purpose": "classifying",
        "value": "loaded_language",
    }
    assert first["body"][1]["value"] == "A charged word 💥"
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "reckless"
    assert selectors["TextQuoteSelector"]["prefix"] == ARTICLE[:18]
    assert selectors["TextPositionSelector"] == {
        "type": "TextPositionSelector",
        "start": 18,
        "end": 26,
    }
    assert "commenting" not in [b["purpose"] for b in items[1]["body"]]  # no empty notes
    assert first["target"]["source"] == f"urn:sha256:{REF.sha256}"


def test_offsets_in_the_written_form_are_code_points() -> None:
    data = w3c.submission_to_w3c(_submission())
    bus = data["first"]["items"][2]["target"]["selector"]
    position = next(s for s in bus if s["type"] == "TextPositionSelector")
    assert ARTICLE[position["start"] : position["end"]] == "🚌 Buses will stop running"


def test_key_round_trip_keeps_rationale_also_accept_required_weight_hint() -> None:
    key = _key()
    text = native.dumps(w3c.key_to_w3c(key))
    loaded = w3c.parse_w3c_key(JsonDocument.parse(text, "key.jsonld"), TAXONOMY, REF)
    assert loaded.value.items == key.items
    again = {item.id: item for item in loaded.value.items}
    assert again["k1"].hint == "Which adjective judges the plan?"
    assert again["k2"].also_accept == ("appeal_to_fear", "doubt")
    assert again["k3"].weight == 2.0
    assert again["k7"].required is False
    assert again["k4"].rationale == "Rationale for so-called “reform”. It teaches something."
    assert loaded.value.article_sha256 == REF.sha256


def test_written_key_is_a_w3c_annotation_collection() -> None:
    data = json.loads(native.dumps(w3c.key_to_w3c(_key())))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    second = data["first"]["items"][1]
    classifying = [b["value"] for b in second["body"] if b["purpose"] == "classifying"]
    assert classifying == ["exaggeration", "appeal_to_fear", "doubt"]
    questioning = [b for b in data["first"]["items"][0]["body"] if b["purpose"] == "questioning"]
    assert [b["value"] for b in questioning] == ["Which adjective judges the plan?"]


# --- reading what other tools write ---------------------------------------------------------


def test_collection_with_items_at_top_level() -> None:
    data = {
        "@context": w3c.CONTEXT,
        "type": "AnnotationCollection",
        "items": [
            _annotation("a1", "loaded_language", [_position("reckless")], note="tone"),
            _annotation("a2", "exaggeration", [_position("ruin the city")]),
        ],
    }
    marks = _read(data).value.marks
    assert _spans(marks) == [
        ("a1", 18, 26, "loaded_language", "tone"),
        ("a2", *span_of(ARTICLE, "ruin the city"), "exaggeration", ""),
    ]


def test_plain_list_of_annotations() -> None:
    data = [
        _annotation("x", "doubt", [_position("Critics claim")]),
        _annotation("y", "unsourced_figure", [_position("90% of residents")]),
    ]
    marks = _read(data).value.marks
    assert [(m.id, m.quote, m.category) for m in marks] == [
        ("x", "Critics claim", "doubt"),
        ("y", "90% of residents", "unsourced_figure"),
    ]


def test_single_annotation_object() -> None:
    [mark] = _read(_annotation("solo", "doubt", [_position("Critics claim")])).value.marks
    assert (mark.id, mark.quote) == ("solo", "Critics claim")


def test_only_a_quote_selector_is_placed_by_the_quote() -> None:
    data = [_annotation("a1", "vague_attribution", [_quote("Experts say")])]
    loaded = _read(data)
    [mark] = loaded.value.marks
    assert (mark.start, mark.end) == span_of(ARTICLE, "Experts say")
    assert mark.prefix == ARTICLE[max(0, mark.start - 32) : mark.start]
    assert loaded.anchoring is not None
    assert loaded.anchoring.orphans == ()


@pytest.mark.parametrize(
    ("prefix", "suffix", "occurrence"),
    [
        ("Officials ", " the reckless", 0),
        ("Experts ", " the so-called", 1),
        ("", " the so-called", 1),  # the suffix alone decides
        ("Officials ", "", 0),  # the prefix alone decides
    ],
)
def test_repeated_quote_is_told_apart_by_its_context(
    prefix: str, suffix: str, occurrence: int
) -> None:
    assert ARTICLE.count("say") == 2
    data = [_annotation("a1", "vague_attribution", [_quote("say", prefix, suffix)])]
    [mark] = _read(data).value.marks
    assert (mark.start, mark.end) == span_of(ARTICLE, "say", occurrence)


def test_only_a_position_selector_takes_quote_and_context_from_the_article() -> None:
    [mark] = _read([_annotation("a1", "loaded_language", [_position("reckless")])]).value.marks
    assert mark.quote == "reckless"
    assert mark.prefix == "Officials say the "
    assert mark.suffix == ARTICLE[26 : 26 + 32]


def test_position_that_disagrees_with_the_quote_is_placed_by_the_quote_with_a_warning() -> None:
    wrong = {"type": "TextPositionSelector", "start": 0, "end": 8}
    loaded = _read([_annotation("a1", "loaded_language", [_quote("reckless"), wrong])])
    [mark] = loaded.value.marks
    assert (mark.start, mark.end) == span_of(ARTICLE, "reckless")
    [warning] = loaded.warnings
    assert warning.severity == "warning"
    assert "'a1'" in warning.message


def test_category_as_a_ptc_label() -> None:
    data = [_annotation("a1", "Name_Calling,Labeling", [_position("reckless")])]
    [mark] = _read(data).value.marks
    assert mark.category == "name_calling"


def test_missing_classifying_body_is_an_error_with_its_json_path() -> None:
    annotation = _annotation("a1", "loaded_language", [_position("reckless")])
    annotation["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": "hmm"}]
    data = {"type": "AnnotationCollection", "items": [annotation]}
    [problem] = _problems(data)
    assert problem.json_path == "$.items[0].body"
    assert "classifying" in problem.message
    text = json.dumps(data, indent=2, ensure_ascii=False)
    line, column = line_col(text, '"body": [')
    assert (problem.line, problem.column) == (line, column + len('"body": '))


def test_unknown_category_is_an_error() -> None:
    [problem] = _problems([_annotation("a1", "Totally_Made_Up", [_position("reckless")])])
    assert "unknown category 'Totally_Made_Up'" in problem.message
    assert problem.json_path == "$[0].body"
    assert problem.severity == "error"


def test_annotation_without_selectors_is_an_error() -> None:
    annotation = _annotation("a1", "doubt", [])
    [problem] = _problems([annotation])
    assert problem.json_path == "$[0].target"
    assert "TextQuoteSelector" in problem.message


def test_position_outside_the_article_without_quote_is_an_error() -> None:
    beyond = {"type": "TextPositionSelector", "start": 5, "end": len(ARTICLE) + 1}
    [problem] = _problems([_annotation("a1", "doubt", [beyond])])
    assert "outside the article" in problem.message
    assert str(len(ARTICLE)) in problem.message


def test_quote_not_in_the_article_is_an_orphan_not_dropped() -> None:
    data = [
        _annotation("a1", "doubt", [_quote("Critics claim")]),
        _annotation("a2", "doubt", [_quote("words that were never written")]),
    ]
    loaded = _read(data)
    assert [m.id for m in loaded.value.marks] == ["a1"]
    assert loaded.anchoring is not None
    assert [m.id for m in loaded.anchoring.orphans] == ["a2"]
    [warning] = loaded.warnings
    assert "orphan" in warning.message
    assert warning.json_path == "$[1]"


def test_duplicate_annotation_ids_get_fresh_mark_ids() -> None:
    data = [
        _annotation("same", "doubt", [_position("Critics claim")]),
        _annotation("same", "doubt", [_position("reckless")]),
    ]
    ids = [m.id for m in _read(data).value.marks]
    assert ids[0] == "same"
    assert len(set(ids)) == 2


def test_reader_picks_w3c_by_content(make_lesson: Callable[..., Path], tmp_path: Path) -> None:
    lesson = load_lesson(make_lesson())
    path = write_json(tmp_path / "from-hypothesis.json", w3c.submission_to_w3c(_submission()))
    assert io.kind_of(path) == "w3c"
    assert io.read_submission(path, lesson).value.marks == _submission().marks
