"""GUI test set-up: offscreen Qt, a private settings/data folder, and scripted dialogs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from literacy_app.core.workspace import Workspace
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui import dialogs

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from literacy_app.gui.author_window import AuthorWindow


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and recovery files go to a folder of the test's own, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("LITERACY_APP_HOME", str(home))
    return home


class Dialogs:
    """Records every modal the app would show, and answers for the user."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, Any]] = []
        self.save_answer: Any = None
        self.restore_answer = "restore"
        self.changed_answer = "cancel"

    def problems(self, parent: object, title: str, found: Any, warning: bool = False) -> None:
        self.shown.append(("problems", (title, [str(p) for p in found], warning)))

    def error(self, parent: object, title: str, message: str) -> None:
        self.shown.append(("error", (title, message)))

    def ask_save(self, parent: object) -> Any:
        self.shown.append(("ask_save", None))
        return self.save_answer

    def ask_restore(self, parent: object, description: str) -> str:
        self.shown.append(("ask_restore", description))
        return self.restore_answer

    def show_text(self, parent: object, title: str, text: str) -> None:
        self.shown.append(("show_text", (title, text)))

    def ask_changed_on_disk(self, parent: object, path: Path, can_save_as: bool = True) -> str:
        self.shown.append(("ask_changed_on_disk", path))
        return self.changed_answer


@pytest.fixture(autouse=True)
def scripted_dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    script = Dialogs()
    asks = ("ask_save", "ask_restore", "ask_changed_on_disk")
    for name in ("problems", "error", "show_text", *asks):
        monkeypatch.setattr(dialogs, name, getattr(script, name))
    return script


@pytest.fixture
def tiny_workspace(make_lesson: Callable[..., Path]) -> Workspace:
    return Workspace(load_lesson(make_lesson()))


NEWS_PAGE = Path(__file__).resolve().parents[1] / "authoring" / "data" / "news_page.html"


@pytest.fixture
def authored(qtbot: QtBot, tmp_path: Path) -> AuthorWindow:
    """The author window on a new lesson imported from a saved news page."""
    from literacy_app.authoring.importing import import_article
    from literacy_app.authoring.writing import new_lesson
    from literacy_app.gui.author_window import AuthorWindow

    article = import_article(NEWS_PAGE)
    folder = new_lesson(tmp_path / "bus-lanes", article, "bus-lanes", "Bus lanes")
    window = AuthorWindow(load_lesson(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
