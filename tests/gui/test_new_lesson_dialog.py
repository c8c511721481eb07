"""`literacy-app author --new`: the chain of questions that turns an article into a lesson
folder. Each dialog is answered as an instructor would (or cancelled), and what is left on disk
is checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from literacy_app.authoring.importing import import_article
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.article_text_dialog import ArticleTextDialog
from literacy_app.gui.author_window import new_lesson_dialog
from tests.gui.conftest import Dialogs

NEWS_PAGE = Path(__file__).resolve().parents[1] / "authoring" / "data" / "news_page.html"
PASTED = "Council rams through bus plan\n\nExperts say the reckless plan will ruin the city."


class Instructor:
    """Answers the dialogs in the order they come; records the prompts it was shown."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: list[Any]) -> None:
        self._answers: Iterator[Any] = iter(answers)
        self.prompts: list[str] = []
        for cls, name in (
            (QInputDialog, "getItem"),
            (QInputDialog, "getMultiLineText"),
            (QInputDialog, "getText"),
            (QFileDialog, "getOpenFileName"),
            (QFileDialog, "getExistingDirectory"),
            (ArticleTextDialog, "ask"),  # "Check the article text": (text, notes, parent)
        ):
            monkeypatch.setattr(cls, name, self._answerer(name))

    def _answerer(self, name: str) -> Any:
        def answer(*args: Any, **kwargs: Any) -> Any:
            self.prompts.append(f"{name}: {args[0] if name == 'ask' else args[1]}")
            value = next(self._answers)
            return value(*args, **kwargs) if callable(value) else value

        return answer


def _edit_text(text: str, *args: Any) -> str:
    """The instructor trims the imported text: drops its last paragraph."""
    return text.rsplit("\n\n", 1)[0]


def test_a_lesson_from_an_html_page(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instructor = Instructor(
        monkeypatch,
        [
            ("An article file (.txt, .md, .html)", True),
            (str(NEWS_PAGE), ""),
            _edit_text,
            ("Bus lanes: a council report", True),
            str(tmp_path),
        ],
    )
    folder = new_lesson_dialog(None)
    assert folder == tmp_path / "bus-lanes--a-council-report"
    lesson = load_lesson(folder)
    assert lesson.title == "Bus lanes: a council report"
    assert lesson.key is not None
    assert lesson.key.items == ()
    imported = import_article(NEWS_PAGE).text
    assert lesson.article.text.rstrip() == imported.rsplit("\n\n", 1)[0]  # trimmed, as edited
    assert [p.split(":")[0] for p in instructor.prompts] == [
        "getItem",
        "getOpenFileName",
        "ask",
        "getText",
        "getExistingDirectory",
    ]


def test_a_lesson_from_pasted_text(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Instructor(
        monkeypatch,
        [
            ("Pasted text", True),
            (PASTED, True),
            lambda text, *a: text,  # text kept as pasted
            ("Bus plan", True),
            str(tmp_path),
        ],
    )
    folder = new_lesson_dialog(None)
    assert folder is not None
    lesson = load_lesson(folder)
    assert "reckless plan" in lesson.article.text
    assert lesson.article.title == "Council rams through bus plan"


@pytest.mark.parametrize("cancel_at", range(5))
def test_cancelling_any_question_creates_nothing(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cancel_at: int
) -> None:
    answers: list[Any] = [
        ("Pasted text", True),
        (PASTED, True),
        PASTED,
        ("Bus plan", True),
        str(tmp_path / "lessons"),
    ]
    cancelled = [("", False), ("", False), None, ("", False), ""]
    answers[cancel_at] = cancelled[cancel_at]
    (tmp_path / "lessons").mkdir()
    Instructor(monkeypatch, answers)
    assert new_lesson_dialog(None) is None
    assert list((tmp_path / "lessons").iterdir()) == []


def test_an_unreadable_article_is_reported_and_nothing_is_created(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripted_dialogs: Dialogs
) -> None:
    broken = tmp_path / "article.txt"
    broken.write_bytes(b"caf\xe9 au lait\n")  # Latin-1, not UTF-8
    Instructor(monkeypatch, [("An article file (.txt, .md, .html)", True), (str(broken), "")])
    assert new_lesson_dialog(None) is None
    (kind, (title, problems, _warning)) = scripted_dialogs.shown[-1]
    assert (kind, title) == ("problems", "Could not import the article")
    assert str(broken) in problems[0]


def test_an_existing_folder_is_never_overwritten(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripted_dialogs: Dialogs
) -> None:
    existing = tmp_path / "bus-plan"
    existing.mkdir()
    (existing / "notes.txt").write_text("an instructor's own file", encoding="utf-8")
    Instructor(
        monkeypatch,
        [("Pasted text", True), (PASTED, True), PASTED, ("Bus plan", True), str(tmp_path)],
    )
    assert new_lesson_dialog(None) is None
    assert scripted_dialogs.shown[-1][0] == "error"
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]
