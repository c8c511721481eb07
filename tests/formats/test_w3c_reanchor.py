"""W3C Web Annotation round trip against a slightly different copy of the article (a corrected
typo, a sentence added at the top, a paragraph break moved): every mark comes back on the same
words, placed by its TextQuoteSelector where the TextPositionSelector no longer fits."""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from literacy_app.core.marks import Mark, context_of
from literacy_app.core.submission import Student, Submission
from literacy_app.formats import native, w3c
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.formats.native import ArticleRef
from literacy_app.resources import default_lesson

LESSON = load_lesson(default_lesson())
TEXT = LESSON.article.text


def _submission(text: str, count: int, seed: int) -> Submission:
    """Marks on the first lesson's key items (distinctive phrases, as students mark)."""
    assert LESSON.key is not None
    rng = random.Random(seed)
    items = rng.sample(list(LESSON.key.items), count)
    marks = tuple(
        Mark(f"m{n}", i.start, i.end, i.category, f"note {n}", **context_of(text, i.start, i.end))
        for n, i in enumerate(items, 1)
    )
    return Submission(marks, LESSON.id, LESSON.article.sha256, Student("Ada", "s1"))


def _edited(text: str) -> str:
    """Another copy: a sentence added before the article, a typo fixed, spaces changed."""
    return "Editor's note: corrected on 24 May.\n\n" + text.replace("  ", " ").replace(
        "Artyomovsk", "Artemovsk", 1
    )


def _read(data: object, text: str) -> Submission:
    doc = JsonDocument.parse(json.dumps(data), "work.w3c.json")
    return w3c.parse_w3c_submission(doc, native.default_taxonomy(), ArticleRef.of(text)).value


def test_the_same_article_round_trips_exactly() -> None:
    submission = _submission(TEXT, 12, 1)
    back = _read(w3c.submission_to_w3c(submission), TEXT)
    assert [(m.start, m.end, m.category, m.note) for m in back.marks] == [
        (m.start, m.end, m.category, m.note) for m in submission.marks
    ]


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 20), st.integers(0, 10_000))
def test_a_different_copy_gets_every_mark_on_the_same_words(count: int, seed: int) -> None:
    submission = _submission(TEXT, count, seed)
    edited = _edited(TEXT)
    back = _read(w3c.submission_to_w3c(submission), edited)
    assert len(back.marks) == len(submission.marks)
    for before, after in zip(
        sorted(submission.marks, key=lambda m: m.id),
        sorted(back.marks, key=lambda m: m.id),
        strict=True,
    ):
        assert after.category == before.category
        if "Artyomovsk" in before.quote:  # its own words changed: placed near its quote
            assert "Art" in edited[after.start : after.end]
            continue
        assert edited[after.start : after.end] == TEXT[before.start : before.end]
        assert after.category == before.category
        assert after.note == before.note
        assert after.start > before.start  # moved by the added note, not left at old offsets
