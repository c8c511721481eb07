"""What a start-up does and does not do: these keep the start-up benchmark's gains from
quietly coming undone (benchmarks/bench_startup.py has the timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import NOT_NEEDED_TO_START

PROBE = """
import json, sys
from literacy_app.cli import build_parser
from literacy_app.gui.app import application, open_window
opened = open_window(build_parser().parse_args(["open"]))
window = opened[0] if isinstance(opened, tuple) else opened
window.show()
window.grab()
lesson = (
    window.workspace.lesson.id if isinstance(opened, tuple) else window.current_entry().id
)
print(json.dumps({
    "screen": "lesson" if isinstance(opened, tuple) else "library",
    "lesson": lesson,
    "style": application().style().name(),
    "modules": sorted(sys.modules),
}))
"""


def _start(home: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_returning_start_loads_only_what_the_first_screen_needs(tmp_path: Path) -> None:

    from literacy_app.core.progress import Attempt
    from literacy_app.formats.progress_file import PROGRESS_FILE, update_progress
    from literacy_app.resources import bundled_lessons_in_order

    first = _start(tmp_path)  # the first launch ever: Getting started
    # Getting started done: the library, on the next lesson by difficulty, listed for the first
    # time by this start, from the caches by the next.
    attempt = Attempt(1, "2026-12-01T10:00:00+00:00", 75.0, 75.0, 60)
    update_progress(
        tmp_path / "data" / PROGRESS_FILE,
        lambda progress: progress.with_attempt(str(first["lesson"]), "Getting started", attempt),
    )
    _start(tmp_path)
    warm = _start(tmp_path)
    assert (first["screen"], first["lesson"]) == ("lesson", "getting-started")
    assert (warm["screen"], warm["lesson"]) == ("library", bundled_lessons_in_order()[1][1])
    assert warm["style"] == "fusion"
    modules = set(warm["modules"])  # type: ignore[arg-type]
    unneeded = {
        *NOT_NEEDED_TO_START,
        "literacy_app.gui.results_panel",
        "literacy_app.gui.quick_picker",
        "literacy_app.gui.author_window",
        "literacy_app.gui.dialogs",  # QMessageBox and friends: after the first frame
        "literacy_app.gui.note_editor",
    }
    assert modules & unneeded == set()


def test_every_startup_probe_kind_paints_a_window(tmp_path: Path) -> None:
    """The benchmark's probes run as `make bench` runs them, so a rename in the app cannot leave
    the start-up numbers silently unmeasurable."""
    from benchmarks import bench_startup

    html = bench_startup._write_skeleton_lesson(str(tmp_path))
    assert "<h2>" in Path(html).read_text(encoding="utf-8")
    for kind in ("bare", "skeleton", "app"):
        painted, exited, output = bench_startup._probe(kind, str(tmp_path))
        assert 0 < painted <= exited, kind
        assert "painted " in output, kind


FIRST_FRAME = """
import json, sys
from literacy_app.cli import build_parser
from literacy_app.gui.app import application, open_window
window = open_window(build_parser().parse_args(["open", "bakhmut-op-ed"]), deferred=True)[0]
window.show()
window.grab()
first = sorted(sys.modules)
complete_at_first_frame = window.is_complete
while not window.is_complete:
    application().processEvents()
print(json.dumps({"first": first, "then": sorted(sys.modules),
                  "complete_at_first_frame": complete_at_first_frame}))
"""

#: Built after the first frame of `literacy-app` (MainWindow's deferred start), so not imported
#: before it: the marks pane, the palette, the actions and what edits.
SECOND_PHASE = {
    "literacy_app.gui.actions",
    "literacy_app.gui.autosave",
    "literacy_app.gui.marks_model",
    "literacy_app.gui.marks_panel",
    "literacy_app.gui.palette",
    "literacy_app.gui.table_model",
    "literacy_app.gui.undo",
    "literacy_app.formats.recovery",
}


def test_the_first_frame_leaves_the_marks_pane_and_the_actions_for_after(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(tmp_path)}
    for _ in range(2):  # the second start is a returning one, with the caches warm
        done = subprocess.run(
            [sys.executable, "-c", FIRST_FRAME], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert not seen["complete_at_first_frame"]
    assert set(seen["first"]) & SECOND_PHASE == set()
    # Built right after it; the undo commands and recovery files wait for the first edit.
    later = {"literacy_app.gui.undo", "literacy_app.formats.recovery"}
    assert SECOND_PHASE - later <= set(seen["then"])
