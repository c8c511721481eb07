"""What an installed copy of the app must do however it was installed (a wheel in a clean
environment, the one-folder bundle): shared by tests/test_wheel.py and tests/test_bundle.py.

The installed copy is always compared with the checkout's own CLI on the same input, so that a
copy that runs but has lost a data file, a schema or a module answers differently and fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "docs" / "examples" / "bakhmut-op-ed.sample.submission.json"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: A student's file as classes hand them in: a space and accents in its name.
SUBMISSION_NAME = "Zoë homework.json"


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment with a home of its own (settings, progress, cache) and nothing that
    would let the installed copy import the checkout instead of itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        LITERACY_APP_HOME=str(home / "literacy-app"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def small_submission(folder: Path) -> Path:
    """Three of the sample's marks (two found, one mislabelled) by a student whose name and id
    are not ASCII."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["student"] = {"name": "Zoë Ñúñez", "id": "s-ü1"}
    data["marks"] = data["marks"][:3]
    path = folder / SUBMISSION_NAME
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def from_source(
    args: Sequence[str], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """The checkout's CLI on the same command line, in the same folder: what the copy must say."""
    source_env = dict(env)
    source_env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "literacy_app", *args],
        cwd=cwd,
        env=source_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def assert_png(path: Path, width: int, height: int) -> None:
    """A PNG of the asked size with something drawn on it (a window, not a blank surface)."""
    from PySide6.QtGui import QImage

    assert path.is_file(), f"no screenshot at {path}"
    assert path.read_bytes()[:8] == PNG_MAGIC, f"{path} is not a PNG"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} does not decode"
    assert (image.width(), image.height()) == (width, height)
    colours = {
        image.pixel(x, y) for x in range(0, width, max(1, width // 64)) for y in range(0, height, 8)
    }
    assert len(colours) > 20, f"{path} is nearly blank ({len(colours)} colours)"
