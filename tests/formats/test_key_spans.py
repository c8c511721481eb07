"""A key item's core, alternatives and parts: read, checked against the article, written back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from literacy_app.core.errors import FormatError
from literacy_app.core.key import AnswerKey, Span
from literacy_app.formats import native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.native import ArticleRef
from tests.conftest import ARTICLE, key_dict, span_of

TAXONOMY = native.default_taxonomy()
REF = ArticleRef.of(ARTICLE)


def span(quote: str, text: str = ARTICLE) -> dict[str, Any]:
    start, end = span_of(text, quote)
    return {"start": start, "end": end, "quote": quote}


def with_spans() -> dict[str, Any]:
    data = key_dict()
    data["items"][3]["core"] = span("so-called")
    data["items"][1]["alternatives"] = [span("will ruin the city")]
    data["items"][1]["parts"] = [span("ruin"), span("the city")]
    return data


def parse(data: dict[str, Any], article: ArticleRef = REF) -> AnswerKey:
    doc = JsonDocument.parse(json.dumps(data, ensure_ascii=False), "key.json")
    return native.parse_key(doc, TAXONOMY, article).value


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse(data)
    return [str(p) for p in caught.value.problems]


def test_core_alternatives_and_parts_are_read_and_written_back() -> None:
    key = parse(with_spans())
    assert key.items[3].core == Span(*span_of(ARTICLE, "so-called"), "so-called")
    assert [a.quote for a in key.items[1].alternatives] == ["will ruin the city"]
    assert [p.quote for p in key.items[1].parts] == ["ruin", "the city"]
    assert "so-called" in key.items[3].quotes
    again = parse(native.key_to_dict(key))
    assert again == key


def test_an_item_without_them_writes_no_empty_fields() -> None:
    written = native.key_to_dict(parse(key_dict()))
    assert not {"core", "alternatives", "parts"} & set(written["items"][0])


def test_a_core_outside_its_item_is_reported_with_its_place() -> None:
    data = key_dict()
    data["items"][3]["core"] = span("reckless")
    [problem] = problems(data)
    assert "items[3].core" in problem
    assert "expected the core inside the item's span" in problem


def test_a_quote_that_does_not_match_the_article_is_reported() -> None:
    data = key_dict()
    data["items"][3]["core"] = {**span("so-called"), "quote": "so called"}
    [problem] = problems(data)
    assert "items[3].core.quote" in problem
    assert "core quote does not match the article" in problem


def test_overlapping_parts_and_an_alternative_elsewhere_are_reported() -> None:
    data = key_dict()
    data["items"][1]["parts"] = [span("ruin the"), span("the city")]
    data["items"][1]["alternatives"] = [span("Critics claim")]
    found = problems(data)
    assert any("overlap: expected separate fragments" in p for p in found)
    assert any("expected the alternative to overlap the item's span" in p for p in found)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("parts", [], "is too short"),
        ("core", {"start": 1}, "end"),
        ("core", {"start": 5, "end": 3}, "expected end > start"),
        ("core", {"start": 5, "end": 10**6}, "expected an offset within the article"),
    ],
)
def test_malformed_spans_are_reported(field: str, value: Any, expected: str) -> None:
    data = key_dict()
    data["items"][1][field] = value
    assert any(expected in p for p in problems(data)), problems(data)


def test_spans_move_with_their_item_when_the_article_changed() -> None:
    changed = "UPDATED: " + ARTICLE
    key = parse(with_spans(), ArticleRef.of(changed))
    core = key.items[3].core
    assert core is not None
    assert changed[core.start : core.end] == "so-called"
    assert [changed[p.start : p.end] for p in key.items[1].parts] == ["ruin", "the city"]


def _w3c_key(data: dict[str, Any]) -> AnswerKey:
    doc = JsonDocument.parse(json.dumps(data, ensure_ascii=False), "key.w3c.json")
    return w3c.parse_w3c_key(doc, TAXONOMY, REF).value


def test_they_survive_a_trip_through_w3c() -> None:
    key = parse(with_spans())
    assert _w3c_key(w3c.key_to_w3c(key)) == key


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("core", "so-called", "expected an object with start, end and quote"),
        ("core", {"start": -1, "end": 3}, "whole numbers of at least 0"),
        ("parts", {"start": 1, "end": 3}, "expected a list"),
        ("parts", [{"start": 1, "end": 3}], "expected at least two parts"),
        ("core", {"start": 0, "end": 8, "quote": "Officials"}, "core quote does not match"),
    ],
)
def test_malformed_w3c_spans_are_reported_with_their_place(
    name: str, value: Any, expected: str
) -> None:
    data = w3c.key_to_w3c(parse(key_dict()))
    data["first"]["items"][3][f"{w3c.NS}{name}"] = value
    with pytest.raises(FormatError) as caught:
        _w3c_key(data)
    messages = [str(p) for p in caught.value.problems]
    assert any(expected in m for m in messages), messages
    assert any("first.items[3]" in m for m in messages), messages
