"""assets/icons/: every PNG the app, the menus and the file managers use is there, at its size,
drawn from the SVG it is committed with (scripts/render_icons.py), and still reads at 16 px."""

from __future__ import annotations

import importlib.util
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from literacy_app.commands import desktop

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "assets" / "icons"
SVG = "{http://www.w3.org/2000/svg}"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "scripts/render_icons.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_and_the_installer_agree_on_the_icons_and_sizes() -> None:
    script = _script()
    assert dict(script.SOURCES) == {
        desktop.APP_ICON: desktop.APP_ICON_SIZES,
        **dict.fromkeys(desktop.MIME_ICONS, desktop.MIME_ICON_SIZES),
    }


@pytest.mark.parametrize("svg", sorted(ICONS.glob("*.svg")), ids=lambda p: p.name)
def test_each_svg_is_self_contained(svg: Path) -> None:
    """Nothing fetched, run or linked: an icon theme may render it anywhere."""
    root = ET.parse(svg).getroot()
    assert root.tag == f"{SVG}svg"
    width, height = root.get("width"), root.get("height")
    assert width == height
    assert root.get("viewBox") == f"0 0 {width} {height}"
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in ("script", "image", "foreignObject", "use")
        for name, value in element.attrib.items():
            assert "href" not in name, (element.tag, name)
            assert "url(" not in value, (element.tag, name, value)  # QtSvg drops clip-paths


def _alpha_and_colours(image: object) -> tuple[int, set[tuple[int, int, int]]]:
    from PySide6.QtGui import QImage

    assert isinstance(image, QImage)
    opaque, colours = 0, set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                opaque += 1
                colours.add((pixel.red() // 32, pixel.green() // 32, pixel.blue() // 32))
    return opaque, colours


def test_every_png_is_there_at_its_size_on_a_transparent_ground(qapp: object) -> None:
    from PySide6.QtGui import QImage

    script = _script()
    for stem, sizes in script.SOURCES:
        for size in sizes:
            path = ICONS / script.png_name(stem, size)
            image = QImage(str(path))
            assert not image.isNull(), path
            assert (image.width(), image.height()) == (size, size), path
            assert image.hasAlphaChannel(), path
            assert image.pixelColor(0, size - 1).alpha() == 0, f"{path}: a square, not a shape"
            opaque, colours = _alpha_and_colours(image)
            # Reads at this size: a real share of solid pixels, and the page, the marker band
            # and the outline in distinct colours (not a blur of one).
            assert opaque >= size * size // 4, path
            assert len(colours) >= 3, path


def test_the_pngs_are_the_svgs_as_the_script_draws_them(tmp_path: Path, qapp: object) -> None:
    """Changing an SVG without running scripts/render_icons.py fails here."""
    from PySide6.QtGui import QImage

    script = _script()
    written = script.render_all(tmp_path)
    assert len(written) == sum(len(sizes) for _, sizes in script.SOURCES)
    for fresh in written:
        committed = QImage(str(ICONS / fresh.name))
        drawn = QImage(str(fresh))
        assert (committed.width(), committed.height()) == (drawn.width(), drawn.height())
        differing = 0
        for y in range(drawn.height()):
            for x in range(drawn.width()):
                was, now = committed.pixelColor(x, y).getRgb(), drawn.pixelColor(x, y).getRgb()
                differing += max(abs(a - b) for a, b in zip(was, now, strict=True)) > 8
        # Anti-aliasing may differ by a shade between Qt releases; a changed drawing moves far
        # more than 1 % of the pixels.
        assert differing <= drawn.width() * drawn.height() // 100, (
            f"{fresh.name}: run scripts/render_icons.py"
        )


def test_small_sizes_come_from_the_small_drawing(tmp_path: Path) -> None:
    script = _script()
    assert script.source_for(ICONS, "literacy-app", 16).name == "literacy-app-small.svg"
    assert script.source_for(ICONS, "literacy-app", 32).name == "literacy-app-small.svg"
    assert script.source_for(ICONS, "literacy-app", 48).name == "literacy-app.svg"
    # An icon without a small drawing uses its only one at every size.
    stem = "application-x-literacy-lesson+zip"
    assert script.source_for(ICONS, stem, 16).name == f"{stem}.svg"


@pytest.mark.qt_log_ignore("Cannot read file")
def test_a_broken_svg_stops_the_script_with_its_name(tmp_path: Path, qapp: object) -> None:
    script = _script()
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"broken\.svg: not a valid SVG"):
        script.render(broken, 16)
