"""Builders for scoring tests: keys and marks from plain tuples."""

from __future__ import annotations

from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.marks import Mark
from literacy_app.formats.native import default_taxonomy

TAXONOMY = default_taxonomy()


def key_of(
    spans: list[tuple[int, int, str]],
    required: list[bool] | None = None,
    weights: list[float] | None = None,
    also: dict[int, tuple[str, ...]] | None = None,
    **settings: float,
) -> AnswerKey:
    items = tuple(
        KeyItem(
            Mark(f"k{i}", s, e, c),
            rationale="why",
            also_accept=(also or {}).get(i, ()),
            required=required[i] if required else True,
            weight=weights[i] if weights else 1.0,
        )
        for i, (s, e, c) in enumerate(spans)
    )
    return AnswerKey(items, scoring=ScoringSettings(**settings))


def marks_of(spans: list[tuple[int, int, str]]) -> list[Mark]:
    return [Mark(f"m{i}", s, e, c) for i, (s, e, c) in enumerate(spans)]
