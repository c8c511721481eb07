"""Issue #14: a lesson's pictures never show, or make Qt read, a file from outside the lesson
folder. Qt's SVG renderer follows `<image xlink:href=...>` and friends, so an SVG is shown only
when it refers to nothing but itself."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QImageReader, QTextDocument
from pytestqt.qtbot import QtBot

import literacy_app
from literacy_app.formats import memo
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.gui.lesson_view import LessonBrowser, LessonView
from literacy_app.image_safety import refusal

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
SVG += 'width="10" height="10">{}</svg>'
RED_SQUARE = '<rect width="10" height="10" fill="#00ff00"/>'


def _png(path: Path, color: str) -> bytes:
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path.read_bytes()


@pytest.fixture
def folders(tmp_path: Path, make_lesson: Callable[..., Path]) -> tuple[Path, Path]:
    """(a lesson folder, a secret picture outside it: solid red)."""
    secret = tmp_path / "secret.png"
    _png(secret, "#ff0000")
    return make_lesson(), secret


def hostile_svgs(secret: Path) -> dict[str, str]:
    data_svg = "data:image/svg+xml;utf8," + SVG.format(f'<image href="{secret}"/>')
    return {
        "absolute.svg": SVG.format(f'<image xlink:href="{secret}" width="10" height="10"/>'),
        "relative.svg": SVG.format('<image xlink:href="../secret.png" width="10" height="10"/>'),
        "file-url.svg": SVG.format(f'<image href="file://{secret}" width="10" height="10"/>'),
        "use.svg": SVG.format('<use href="other.svg#shape"/>'),
        "style.svg": SVG.format(f'<rect width="10" height="10" style="fill: url({secret})"/>'),
        "import.svg": SVG.format(f'<style>@import "{secret}";</style>'),
        "entity.svg": f'<!DOCTYPE svg [<!ENTITY x SYSTEM "{secret}">]>' + SVG.format("&x;"),
        "nested.svg": SVG.format(f"<image href='{data_svg}' width='10' height='10'/>"),
        "stylesheet.svg": f'<?xml-stylesheet href="{secret}"?>' + SVG.format(RED_SQUARE),
        "disguised.png": SVG.format(f'<image xlink:href="{secret}" width="10" height="10"/>'),
    }


def test_the_attacks_are_real_without_the_check(folders: tuple[Path, Path]) -> None:
    """Qt itself follows the reference: reading the SVG shows the secret's red pixels. This is
    what the lesson view must never do."""
    lesson, secret = folders
    (lesson / "absolute.svg").write_text(hostile_svgs(secret)["absolute.svg"], encoding="utf-8")
    image = QImageReader(str(lesson / "absolute.svg")).read()
    assert QColor(image.pixel(5, 5)).name() == "#ff0000"


@pytest.mark.parametrize("name", sorted(hostile_svgs(Path("/x")).keys()))
def test_an_svg_that_refers_outside_itself_shows_nothing(
    qtbot: QtBot, folders: tuple[Path, Path], name: str
) -> None:
    lesson, secret = folders
    (lesson / name).write_text(hostile_svgs(secret)[name], encoding="utf-8")
    assert refusal((lesson / name).read_bytes()) is not None
    browser = LessonBrowser(lesson)
    qtbot.addWidget(browser)
    image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
    assert isinstance(image, QImage)
    assert image.size().toTuple() == (1, 1)  # the transparent stand-in, not the picture
    assert image.pixelColor(0, 0).alpha() == 0


def test_self_contained_pictures_still_show(qtbot: QtBot, folders: tuple[Path, Path]) -> None:
    lesson, _ = folders
    (lesson / "shape.svg").write_text(
        SVG.format(
            '<defs><rect id="r" width="10" height="10" fill="#00ff00"/></defs><use href="#r"/>'
        ),
        encoding="utf-8",
    )
    _png(lesson / "photo.png", "#0000ff")
    embedded = __import__("base64").b64encode((lesson / "photo.png").read_bytes()).decode()
    (lesson / "embedded.svg").write_text(
        SVG.format(f'<image href="data:image/png;base64,{embedded}" width="10" height="10"/>'),
        encoding="utf-8",
    )
    browser = LessonBrowser(lesson)
    qtbot.addWidget(browser)
    expected = {"shape.svg": "#00ff00", "photo.png": "#0000ff", "embedded.svg": "#0000ff"}
    for name, color in expected.items():
        image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert isinstance(image, QImage)
        assert image.size().toTuple() == (10, 10), name
        assert QColor(image.pixel(5, 5)).name() == color, name


@pytest.fixture
def opened_files() -> Iterator[list[str]]:
    """Every file Python opens while the test runs (audit events: `open` and `os.open`)."""
    seen: list[str] = []
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if active[0] and event == "open" and args and isinstance(args[0], str | bytes | Path):
            seen.append(str(Path(args[0] if not isinstance(args[0], bytes) else args[0].decode())))

    sys.addaudithook(hook)  # hooks cannot be removed: this one goes quiet after the test
    yield seen
    active[0] = False


def test_a_hostile_lesson_view_opens_nothing_outside_its_folder(
    qtbot: QtBot, folders: tuple[Path, Path], opened_files: list[str]
) -> None:
    lesson, secret = folders
    pictures = []
    for name, text in hostile_svgs(secret).items():
        (lesson / name).write_text(text, encoding="utf-8")
        pictures.append(f"![{name}]({name})")
    (lesson / "link.png").symlink_to(secret)  # a link inside the package pointing out of it
    pictures += [
        "![link](link.png)",
        f"![absolute]({secret})",
        "![up](../secret.png)",
        f"![url](file://{secret})",
    ]
    lesson_md = lesson / "lesson.md"
    text = lesson_md.read_text(encoding="utf-8")
    lesson_md.write_text(
        text.replace("## Instructions\n", "## Instructions\n\n" + "\n\n".join(pictures) + "\n\n"),
        encoding="utf-8",
    )
    loaded = load_lesson(lesson)
    opened_files.clear()
    view = LessonView(loaded)
    qtbot.addWidget(view)
    view.resize(600, 800)
    view.show()
    view.grab()
    allowed = [
        lesson.resolve(),
        memo.cache_dir().resolve(),  # the app's own cache of rendered lessons
        Path(sys.prefix).resolve(),  # Python's and the libraries' modules, imported on first use
        Path(sys.base_prefix).resolve(),
        Path(literacy_app.__file__).parent.resolve(),
    ]
    outside = [
        f for f in opened_files if not any(Path(f).resolve().is_relative_to(a) for a in allowed)
    ]
    assert outside == []
    assert any(Path(f).name == "absolute.svg" for f in opened_files)  # it did read pictures
