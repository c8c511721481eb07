"""docs/screenshots/progress.png: the progress window at 1366x768 with two lessons, a few
attempts and eight categories, drawn offscreen in a throwaway home so nothing of yours is read.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/progress_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LITERACY_APP_HOME", tempfile.mkdtemp(prefix="literacy-shot-"))

from PySide6.QtWidgets import QApplication

from literacy_app.core.progress import Attempt, Progress, Tally
from literacy_app.formats.native import default_taxonomy
from literacy_app.gui.progress_view import ProgressWindow

ROOT = Path(__file__).resolve().parents[1]


def sample_progress() -> Progress:
    """A learner two weeks in: one lesson tried three times (answers shown after the second),
    one tried once, one opened but not checked, and some drills."""
    progress = Progress()
    bakhmut = [
        (
            "2026-11-18T16:05:00+00:00",
            46.0,
            46.0,
            1260,
            0,
            False,
            {
                "loaded_language": Tally(2, 1, 0, 1),
                "vague_attribution": Tally(0, 1, 0, 2),
                "unsourced_figure": Tally(1, 0, 0, 1),
                "exaggeration": Tally(1, 0, 1, 0),
                "appeal_to_fear": Tally(0, 0, 0, 2),
                "doubt": Tally(1, 0, 0, 0),
            },
        ),
        (
            "2026-11-18T16:31:00+00:00",
            61.5,
            71.5,
            840,
            2,
            False,
            {
                "loaded_language": Tally(3, 0, 1, 0),
                "vague_attribution": Tally(1, 1, 0, 1),
                "unsourced_figure": Tally(2, 0, 0, 0),
                "exaggeration": Tally(2, 0, 0, 0),
                "appeal_to_fear": Tally(0, 1, 0, 1),
                "doubt": Tally(1, 0, 0, 0),
            },
        ),
        (
            "2026-11-19T17:12:00+00:00",
            80.0,
            90.0,
            600,
            2,
            True,
            {
                "loaded_language": Tally(4, 0, 0, 0),
                "vague_attribution": Tally(2, 0, 1, 0),
                "unsourced_figure": Tally(2, 0, 0, 0),
                "exaggeration": Tally(2, 0, 0, 0),
                "appeal_to_fear": Tally(1, 0, 0, 1),
                "doubt": Tally(1, 0, 0, 0),
            },
        ),
    ]
    for finished, score, raw, seconds, hints, revealed, tallies in bakhmut:
        attempt = Attempt(1, finished, score, raw, seconds, hints, revealed, tallies)
        progress = progress.with_attempt("bakhmut-op-ed", "Bakhmut op-ed", attempt)
        if finished.startswith("2026-11-18T16:31"):
            progress = progress.with_answers_revealed("bakhmut-op-ed", "Bakhmut op-ed", 2)
    bus = Attempt(
        1,
        "2026-11-24T09:40:00+00:00",
        58.3,
        63.3,
        1530,
        1,
        False,
        {
            "speculation_as_fact": Tally(1, 1, 0, 2),
            "unsupported_motive": Tally(0, 0, 0, 2),
            "loaded_language": Tally(2, 0, 0, 1),
            "vague_attribution": Tally(1, 0, 0, 1),
        },
    )
    progress = progress.with_attempt("bus-lanes", "Bus lanes: the council's “reform”", bus)
    progress = progress.with_work("school-meals", "School meals", "/home/ada/meals.json")
    for category, right, wrong in [
        ("vague_attribution", 3, 2),
        ("appeal_to_fear", 1, 3),
        ("loaded_language", 5, 0),
        ("not-a-device", 2, 1),
    ]:
        for index in range(right + wrong):
            progress = progress.with_drill_answer(category, index < right)
    return progress


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots/progress.png"
    app = QApplication.instance() or QApplication([])
    names = {category.id: category.name for category in default_taxonomy()}
    window = ProgressWindow(sample_progress(), names)
    window.resize(1366, 768)
    window.show()
    window.lessons.setCurrentIndex(window.lesson_index("bakhmut-op-ed"))
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        print(f"{out}: could not save the screenshot", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
