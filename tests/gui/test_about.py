"""The about box and the window icon (issue #18): what a teacher checks before installing an
app in a classroom (version, licence, where the article comes from, where the data goes), and
the app's own icon rather than Qt's or the window manager's default."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from literacy_app import __version__
from literacy_app.core.workspace import Workspace
from literacy_app.gui import dialogs
from literacy_app.gui.actions import ActionId
from literacy_app.gui.app import ICON_SIZES, app_icon
from tests.gui.helpers import shown_window

ROOT = Path(__file__).resolve().parents[2]
MARKER_YELLOW = QColor("#ffc629")  # the highlighter band of the icon: no Qt icon has it


def _has_marker_yellow(image: QImage) -> bool:
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 200 and all(
                abs(a - b) <= 24
                for a, b in zip(pixel.getRgb()[:3], MARKER_YELLOW.getRgb()[:3], strict=True)
            ):
                return True
    return False


@pytest.fixture
def app_with_icon(qapp: QApplication) -> Iterator[QApplication]:
    """pytest-qt's QApplication with the icon `application()` gives the app's own."""
    before = qapp.windowIcon()
    qapp.setWindowIcon(app_icon())
    yield qapp
    qapp.setWindowIcon(before)


def test_the_about_text_names_the_version_the_licence_the_article_and_the_data_folder(
    private_home: Path,
) -> None:
    text = dialogs.about_html()
    assert f"Media Literacy Lab {__version__}" in text
    assert "MIT licence" in text
    assert "Media Literacy Lab contributors" in text
    # The bundled first lesson's article: whose it is and on what terms it is shown.
    assert "Andrew Korybko" in text
    assert "Global Research" in text
    assert "for criticism, review and teaching" in text
    assert str(private_home / "data") in text  # LITERACY_APP_HOME moves it; the box says so


def test_the_licence_in_the_about_box_is_the_one_in_license() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith(f"{dialogs.LICENCE} License\n")
    holder = dialogs.COPYRIGHT.removeprefix("© ")
    assert re.search(rf"^Copyright \(c\) {re.escape(holder)}$", licence, re.MULTILINE)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'license = "{dialogs.LICENCE}"' in pyproject


def test_a_data_folder_with_markup_in_its_name_is_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "<b>class & co</b>"
    monkeypatch.setenv("LITERACY_APP_HOME", str(home))
    text = dialogs.about_html()
    assert "<b>class" not in text
    assert "&lt;b&gt;class &amp; co&lt;/b&gt;" in text


def test_a_first_lesson_without_attribution_leaves_the_credit_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "lesson.md").write_text(
        "---\nformat: literacy-lesson\nversion: 1\nid: x\ntitle: X\narticle: a.txt\n---\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("literacy_app.resources.default_lesson", lambda: lesson)
    assert dialogs.article_credit() == ""
    assert "MIT licence" in dialogs.about_html()
    monkeypatch.setattr("literacy_app.resources.default_lesson", lambda: tmp_path / "gone")
    assert dialogs.article_credit() == ""


def test_help_about_opens_a_box_with_the_apps_icon_and_closes_on_enter(
    qtbot: QtBot, tiny_workspace: Workspace, app_with_icon: QApplication
) -> None:
    window = shown_window(qtbot, tiny_workspace)
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["icon"] = box.iconPixmap().toImage()
        qtbot.keyClick(box, "\r")  # the OK button is the default: Enter closes the box

    QTimer.singleShot(0, answer)
    window.registry[ActionId.ABOUT].trigger()  # modal: returns once the box is closed
    assert seen["title"] == "About Media Literacy Lab"
    assert __version__ in str(seen["text"])
    assert "MIT licence" in str(seen["text"])
    icon = seen["icon"]
    assert isinstance(icon, QImage)
    assert not icon.isNull()
    assert _has_marker_yellow(icon), "the about box shows Qt's information icon, not the app's"
    assert QApplication.activeModalWidget() is None


def test_the_window_icon_has_every_size_and_each_is_the_artwork() -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert sizes == {(n, n) for n in ICON_SIZES}
    for size in (16, 32):  # where a title bar and a task bar draw it
        image = icon.pixmap(QSize(size, size)).toImage()
        assert (image.width(), image.height()) == (size, size)
        assert _has_marker_yellow(image)


START = """
import json, sys
from literacy_app.gui.app import application
app = application()
icon = app.windowIcon()
print(json.dumps({
    "sizes": sorted(s.width() for s in icon.availableSizes()),
    "desktop_file": app.desktopFileName(),
    "svg": sorted(m for m in sys.modules if "QtSvg" in m),
}))
"""


def test_the_app_sets_its_icon_at_start_up_without_loading_qtsvg(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", START], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["sizes"] == sorted(ICON_SIZES)
    assert seen["desktop_file"] == "io.github.literacylab.LiteracyApp"
    assert seen["svg"] == []


def test_an_icon_file_gone_from_the_install_costs_that_size_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A damaged install (a PNG deleted) still starts, with the sizes that remain."""
    icons = tmp_path / "icons"
    icons.mkdir()
    for size in ICON_SIZES:
        if size != 32:
            source = ROOT / "assets" / "icons" / f"literacy-app-{size}.png"
            (icons / source.name).write_bytes(source.read_bytes())
    (icons / "literacy-app-64.png").write_bytes(b"not a png")
    monkeypatch.setattr("literacy_app.gui.app.assets_dir", lambda: tmp_path)
    icon = app_icon()
    assert isinstance(icon, QIcon)
    image = icon.pixmap(QSize(32, 32)).toImage()  # from another size, scaled
    assert not image.isNull()
    assert _has_marker_yellow(image)
