"""semeval_scores against numbers produced by the SemEval-2020 Task 11 organisers' own scorers.

tests/core/data/semeval_reference.json was generated outside this repository by running the
organisers' task-SI_scorer.py (unlabelled) and task-FLC_scorer.py (labelled) on each case; its
"source" and "notes" fields say which files and commits, and how those scorers merge, aggregate
and treat empty sides. Offsets are code-point offsets with exclusive ends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from literacy_app.core.semeval import Span, semeval_scores

REFERENCE_FILE = Path(__file__).parent / "data" / "semeval_reference.json"
REFERENCE: dict[str, Any] = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = REFERENCE["cases"]
LABELLED_CASES: list[dict[str, Any]] = [case for case in CASES if case["labelled"] is not None]
TOLERANCE = 1e-6


def _spans(rows: list[list[Any]]) -> list[Span]:
    return [Span(int(start), int(end), str(label)) for start, end, label in rows]


def _check(case: dict[str, Any], labelled: bool) -> None:
    expected = case["labelled" if labelled else "unlabelled"]
    result = semeval_scores(
        student=_spans(case["student"]), gold=_spans(case["gold"]), labelled=labelled
    )
    assert result.precision == pytest.approx(expected["precision"], abs=TOLERANCE)
    assert result.recall == pytest.approx(expected["recall"], abs=TOLERANCE)
    assert result.f1 == pytest.approx(expected["f1"], abs=TOLERANCE)


def test_reference_file_is_well_formed() -> None:
    assert len(CASES) >= 50
    assert len({case["name"] for case in CASES}) == len(CASES)
    for case in CASES:
        for start, end, label in case["student"] + case["gold"]:
            assert 0 <= start < end <= case["text_length"], case["name"]
            assert isinstance(label, str)
            assert label


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_unlabelled_matches_organisers_si_scorer(case: dict[str, Any]) -> None:
    _check(case, labelled=False)


@pytest.mark.parametrize("case", LABELLED_CASES, ids=[case["name"] for case in LABELLED_CASES])
def test_labelled_matches_organisers_flc_scorer(case: dict[str, Any]) -> None:
    _check(case, labelled=True)
