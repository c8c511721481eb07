"""Deterministic synthetic classes: an article, a key and many submissions, for benchmarks and
load tests. Submissions look like real work: most marks near key items (some exact, some too
broad or narrow, some mislabeled), the rest elsewhere in the text."""

from __future__ import annotations

import random

from literacy_app.core.key import AnswerKey, KeyItem
from literacy_app.core.marks import Mark, context_of
from literacy_app.core.submission import Student, Submission
from literacy_app.core.text import sha256
from literacy_app.formats.native import default_taxonomy

WORDS = [
    "the",
    "plan",
    "will",
    "ruin",
    "reckless",
    "experts",
    "say",
    "critics",
    "claim",
    "officials",
    "residents",
    "city",
    "budget",
    "vote",
    "council",
    "mayor",
    "school",
    "reports",
    "suggest",
    "so-called",
    "reform",
    "crisis",
    "disaster",
]


def article(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(words):
        out.append(rng.choice(WORDS))
        if i % 17 == 16:
            out[-1] += "."
        if i % 120 == 119:
            out[-1] += "\n\n"
    return " ".join(out).replace("\n\n ", "\n\n") + "\n"


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isalnum() or ch == "-":
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i))
            start = None
    return spans


def key(text: str, items: int, seed: int = 2) -> AnswerKey:
    rng = random.Random(seed)
    words = _word_spans(text)
    categories = default_taxonomy().ids
    step = len(words) // items
    result = []
    for n in range(items):
        first = n * step + rng.randrange(max(1, step - 4))
        last = min(first + rng.randrange(4), len(words) - 1)
        start, end = words[first][0], words[last][1]
        mark = Mark(f"k{n + 1}", start, end, rng.choice(categories), **context_of(text, start, end))
        result.append(KeyItem(mark, "Rationale. It teaches.", required=rng.random() < 0.85))
    return AnswerKey(tuple(result), article_sha256=sha256(text))


def submission(text: str, answer_key: AnswerKey, marks: int, seed: int) -> Submission:
    rng = random.Random(seed)
    words = _word_spans(text)
    categories = default_taxonomy().ids
    result = []
    for n in range(marks):
        if rng.random() < 0.7 and answer_key.items:
            item = rng.choice(answer_key.items)
            start = max(0, item.start + rng.choice((0, 0, 0, -6, 3)))
            end = min(len(text), item.end + rng.choice((0, 0, 0, 8, -2)))
            category = item.category if rng.random() < 0.7 else rng.choice(categories)
        else:
            first = rng.randrange(len(words) - 3)
            start, end = words[first][0], words[first + rng.randrange(3)][1]
            category = rng.choice(categories)
        if end <= start:
            end = start + 1
        result.append(Mark(f"m{n + 1}", start, end, category, **context_of(text, start, end)))
    return Submission(
        tuple(result),
        lesson="bench",
        article_sha256=sha256(text),
        student=Student(f"Student {seed}", f"s{seed}"),
    )
