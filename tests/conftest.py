"""Shared fixtures: small lessons written on the fly, so tests state exactly what they use."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from literacy_app.core.marks import context_of
from literacy_app.core.text import sha256

ARTICLE = (
    "Officials say the reckless plan will ruin the city.\n"
    "\n"
    "Experts say the so-called “reform” was rushed through. "
    "Critics claim 90% of residents oppose it, "
    "which proves the mayor only wants to win the next election. 🚌 Buses will stop running.\n"
)

# (quote, category, required, also_accept)
KEY_ITEMS = [
    ("reckless", "loaded_language", True, []),
    ("ruin the city", "exaggeration", True, ["appeal_to_fear"]),
    ("Experts say", "vague_attribution", True, []),
    ("so-called “reform”", "scare_quotes", True, []),
    ("90% of residents", "unsourced_figure", True, []),
    ("only wants to win the next election", "unsupported_motive", True, []),
    ("Buses will stop running", "speculation_as_fact", False, []),
]


#: Imported by no start-up, CLI or window (tests/core/test_cli_imports.py,
#: tests/gui/test_startup.py): libraries and modules needed only by other commands or later.
NOT_NEEDED_TO_START = (
    "yaml",
    "markdown",
    "fastjsonschema",
    "jsonschema",
    "trafilatura",
    "rapidfuzz",
    "numpy",
    "literacy_app.batch",
    "literacy_app.core.scoring",
    "literacy_app.core.suggest",
    "literacy_app.core.classstats",
)


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the real user's settings, data or cache (the memo of derived
    results lives there too). GUI tests go further and give each test a home of its own."""
    before = os.environ.get("LITERACY_APP_HOME")
    os.environ["LITERACY_APP_HOME"] = str(tmp_path_factory.mktemp("home"))
    yield
    if before is None:
        os.environ.pop("LITERACY_APP_HOME", None)
    else:
        os.environ["LITERACY_APP_HOME"] = before


@pytest.fixture(autouse=True, scope="session")
def _english() -> Iterator[None]:
    """The suite asserts English texts: it runs in English whatever the machine's language,
    and so do the app's copies it starts in subprocesses (they inherit the variable). A test
    of another language sets it for itself (tests/test_i18n.py, tests/gui/test_language.py)."""
    from literacy_app import i18n

    before = os.environ.get(i18n.ENVIRONMENT)
    os.environ[i18n.ENVIRONMENT] = "en"
    i18n.set_language()
    yield
    if before is None:
        os.environ.pop(i18n.ENVIRONMENT, None)
    else:
        os.environ[i18n.ENVIRONMENT] = before


def span_of(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def mark_entry(text: str, mark_id: str, quote: str, category: str, **extra: Any) -> dict[str, Any]:
    start, end = span_of(text, quote)
    return {
        "id": mark_id,
        "start": start,
        "end": end,
        "category": category,
        **context_of(text, start, end),
        **extra,
    }


def key_dict(
    text: str = ARTICLE,
    items: list[tuple[str, str, bool, list[str]]] | None = None,
    **scoring: float,
) -> dict[str, Any]:
    entries = []
    for number, (quote, category, required, also) in enumerate(items or KEY_ITEMS, start=1):
        entries.append(
            mark_entry(
                text,
                f"k{number}",
                quote,
                category,
                required=required,
                also_accept=also,
                weight=1.0,
                rationale=f"Rationale for {quote}. It teaches something.",
            )
        )
    return {
        "format": "literacy-key",
        "version": 1,
        "lesson": "tiny",
        "author": "Tests",
        "revision": 1,
        "article_sha256": sha256(text),
        "scoring": scoring,
        "items": entries,
    }


def submission_dict(
    marks: list[tuple[str, str]], text: str = ARTICLE, name: str = "Ada", lesson: str = "tiny"
) -> dict[str, Any]:
    return {
        "format": "literacy-submission",
        "version": 1,
        "lesson": lesson,
        "article_sha256": sha256(text),
        "student": {"name": name, "id": name.lower()},
        "created": "2026-11-25T10:00:00+00:00",
        "modified": "2026-11-25T10:10:00+00:00",
        "app_version": "0.1.0",
        "attempts": 1,
        "marks": [mark_entry(text, f"m{i}", q, c) for i, (q, c) in enumerate(marks, start=1)],
    }


LESSON_MD = """---
format: literacy-lesson
version: 1
id: tiny
title: A tiny lesson
article: article.txt
article_title: The plan
attribution:
  author: A. Writer
  outlet: The Test Gazette
  date: 2026-11-01
difficulty: beginner
minutes: 5
---

## Instructions
Mark what persuades.

## Hints
### Words
Look at adjectives.
### Sources
Who says so?

## Debrief
Well done.
"""


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def make_lesson(tmp_path: Path) -> Callable[..., Path]:
    """Write a lesson folder; keyword arguments override its parts."""

    def make(
        name: str = "tiny",
        text: str = ARTICLE,
        lesson_md: str = LESSON_MD,
        key: dict[str, Any] | bool | None = True,
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "lesson.md").write_text(lesson_md, encoding="utf-8")
        (folder / "article.txt").write_text(text, encoding="utf-8")
        if key is True:
            write_json(folder / "key.json", key_dict(text))
        elif isinstance(key, dict):
            write_json(folder / "key.json", key)
        return folder

    return make
