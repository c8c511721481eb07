"""File > Export marks and Import marks, driven as a student would: marks go out to another
annotation tool's format and come back the same; a bad or foreign file never costs the work on
screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from literacy_app.core.workspace import Workspace
from literacy_app.gui.actions import ActionId
from literacy_app.gui.main_window import MainWindow
from literacy_app.gui.window_files import EXPORT_FILTERS
from tests.conftest import ARTICLE, span_of
from tests.gui.conftest import Dialogs
from tests.gui.helpers import shown_window

MARKED = (("reckless", "loaded_language"), ("Experts say", "vague_attribution"))


@pytest.fixture
def window(qtbot: QtBot, tiny_workspace: Workspace) -> MainWindow:
    window = shown_window(qtbot, tiny_workspace)
    for quote, category in MARKED:
        window.article.select_span(*span_of(ARTICLE, quote))
        window.mark_selection(category)
    return window


def _marks(window: MainWindow) -> list[tuple[str, str]]:
    return sorted((m.quote, m.category) for m in window.workspace.marks)


def _export(window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path, fmt: str) -> None:
    chosen = next(name for name, f in EXPORT_FILTERS.items() if f == fmt)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), chosen))
    window.registry[ActionId.EXPORT_MARKS].trigger()


def _import(window: MainWindow, monkeypatch: pytest.MonkeyPatch, source: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    window.registry[ActionId.IMPORT_MARKS].trigger()


@pytest.mark.parametrize(
    ("fmt", "name", "written"),
    [
        ("brat", "marks.ann", "marks.ann"),
        ("labelstudio", "marks.json", "marks.json"),
        ("ptc", "article.labels.tsv", "articletiny.labels.tsv"),
        ("w3c", "marks.w3c.json", "marks.w3c.json"),
    ],
)
def test_marks_go_out_and_come_back_the_same(
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    scripted_dialogs: Dialogs,
    tmp_path: Path,
    fmt: str,
    name: str,
    written: str,
) -> None:
    before = _marks(window)
    _export(window, monkeypatch, tmp_path / name, fmt)
    assert (tmp_path / written).is_file(), sorted(p.name for p in tmp_path.iterdir())
    for mark in list(window.workspace.marks):  # start again from an empty article
        window.select_mark(mark.id)
        window.registry[ActionId.DELETE_MARK].trigger()
    assert _marks(window) == []
    window.undo_stack.setClean()
    _import(window, monkeypatch, tmp_path / written)
    assert _marks(window) == before
    assert not [k for k, _ in scripted_dialogs.shown if k == "error"]


def test_imported_marks_are_unsaved_work(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _export(window, monkeypatch, tmp_path / "marks.ann", "brat")
    window.undo_stack.setClean()
    _import(window, monkeypatch, tmp_path / "marks.ann")
    assert window.isWindowModified()
    assert window.workspace.path is None


def test_a_bad_file_is_explained_and_the_work_stays(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, scripted_dialogs: Dialogs, tmp_path: Path
) -> None:
    (tmp_path / "bad.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.ann").write_text("T1\tloaded_language 10 12;20 25\treckless\n", "utf-8")
    before = _marks(window)
    _import(window, monkeypatch, tmp_path / "bad.ann")
    assert _marks(window) == before
    [(title, problems, _warning)] = [a for k, a in scripted_dialogs.shown if k == "problems"]
    assert "Could not import bad.ann" in title
    assert any("bad.ann:1" in p for p in problems)


def test_marks_made_on_another_article_do_not_replace_the_work(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, scripted_dialogs: Dialogs, tmp_path: Path
) -> None:
    (tmp_path / "other.txt").write_text("A completely different text about gardens.\n", "utf-8")
    (tmp_path / "other.ann").write_text("T1\tloaded_language 2 12\tcompletely\n", "utf-8")
    before = _marks(window)
    _import(window, monkeypatch, tmp_path / "other.ann")
    assert _marks(window) == before
    titles = [a[0] for k, a in scripted_dialogs.shown if k == "problems"]
    assert any("No marks from other.ann fit this article" in t for t in titles)
