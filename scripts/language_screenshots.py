"""docs/screenshots/<lang>-library.png: the lesson library start screen in the language the app
is set to speak (LITERACY_APP_LANGUAGE), at 1366x768. scripts/screenshots.sh runs it in a
throwaway settings home, after the lesson window's own `--screenshot` in the same language.

    LITERACY_APP_LANGUAGE=es .venv/bin/python scripts/language_screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from literacy_app import i18n
from literacy_app.gui.app import application
from literacy_app.gui.settings import Settings
from literacy_app.gui.study_windows import make_library
from literacy_app.resources import lessons_dir

ROOT = Path(__file__).resolve().parents[1]


def main(out: Path) -> int:
    application()  # applies the language, as a start does
    language = i18n.current_language()
    settings = Settings()
    settings.first_launch_done = True
    library = make_library(settings)
    library.select_folder(lessons_dir() / "school-budget-vote")
    library.resize(1366, 768)
    library.show()
    for _round in range(5):
        QApplication.processEvents()
    path = out / f"{language}-library.png"
    if not library.grab().save(str(path)):
        print(f"{path}: cannot write the screenshot", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
