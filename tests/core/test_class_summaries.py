"""The class review made from summaries sent back by worker processes is the review made
from full grades: the same gradebook, item figures, heat map, hot spots and agreement."""

from __future__ import annotations

import pickle
import random

from literacy_app.core.classstats import (
    agreement,
    class_review,
    coverage,
    gradebook,
    item_stats,
    later_agreement,
    review_of,
    summarise,
)
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.scoring import grade
from literacy_app.core.submission import Student, Submission
from literacy_app.formats.native import default_taxonomy
from tests.core.test_classstats import KEY, PREPARED, TEXT


def _class(count: int, seed: int) -> list[Submission]:
    rng = random.Random(seed)
    categories = list(default_taxonomy().ids)
    result = []
    for number in range(count):
        marks = []
        for n in range(rng.randint(0, 12)):
            if rng.random() < 0.6 and KEY.items:
                item = rng.choice(KEY.items)
                start = max(0, item.start + rng.choice((0, 0, -3, 2)))
                end = min(len(TEXT), item.end + rng.choice((0, 0, 4, -1)))
                category = item.category if rng.random() < 0.6 else rng.choice(categories)
            else:
                start = rng.randrange(len(TEXT) - 10)
                end = start + rng.randint(1, 10)
                category = rng.choice(categories)
            end = max(end, start + 1)
            marks.append(Mark(f"m{n}", start, end, category, **context_of(TEXT, start, end)))
        name = rng.choice(["ada", "Bo", "cy", "Ada", ""]) + f" {number % 7}"
        result.append(Submission(tuple(marks), student=Student(name, f"id{number}")))
    return result


def test_a_review_from_pickled_summaries_is_the_review_from_grades() -> None:
    prepared = PREPARED
    for seed in range(5):
        work = _class(40, seed)
        graded = [(f"f{i:02d}.json", s, grade(prepared, s.marks)) for i, s in enumerate(work)]
        direct = class_review(KEY, len(TEXT), graded, min_share=0.2)
        summaries = [summarise(KEY, f, s, r, len(TEXT)) for f, s, r in graded]
        shipped = pickle.loads(pickle.dumps(summaries))  # as a worker process sends them
        assert review_of(KEY, len(TEXT), shipped, min_share=0.2) == direct
        # and the summaries say what the per-student functions say from full grades
        results = [result for _, _, result in graded]
        assert direct.items == item_stats(KEY, results, [s.marks for s in work])
        assert direct.gradebook == gradebook(graded)
        assert direct.coverage == coverage(len(TEXT), [s.marks for s in work])
        assert direct.agreement == agreement(len(TEXT), [s.marks for s in work], KEY)
        # a window shows the class first and the agreement a moment later: the same figure
        first = class_review(KEY, len(TEXT), graded, min_share=0.2, agreement_later=True)
        assert first.agreement.pending
        assert later_agreement(first, KEY, len(TEXT)) == direct.agreement
        assert any(stat.wrong_category for stat in direct.items)  # the case worth checking


def test_a_summary_keeps_only_what_the_review_reads() -> None:
    prepared = PREPARED
    [submission] = _class(1, 3)
    summary = summarise(KEY, "f.json", submission, grade(prepared, submission.marks), len(TEXT))
    assert len(summary.outcomes) == len(KEY.items)
    # every character the student marked, once, with the innermost mark's category
    bounds = summary.coding.bounds
    assert list(bounds) == sorted(bounds)
    assert len(bounds) == 2 * len(summary.coding.values)
    runs = zip(bounds[::2], bounds[1::2], strict=True)
    value_at = {
        p: value
        for (a, b), value in zip(runs, summary.coding.values, strict=True)
        for p in range(a, b)
    }
    covered = {p for m in submission.marks for p in range(m.start, m.end)}
    assert value_at.keys() == covered
    for position, value in value_at.items():
        innermost = min(
            (m for m in submission.marks if m.start <= position < m.end),
            key=lambda m: (m.end - m.start, m.start, m.category, m.id),
        )
        assert value == innermost.category
    assert len(pickle.dumps(summary)) < len(pickle.dumps(grade(prepared, submission.marks)))
