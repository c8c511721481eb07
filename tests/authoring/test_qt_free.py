"""The authoring core is shared by the GUI and the CLI: it must load without Qt, and the
command line must not pay for the HTML extractor until a web page is imported."""

from __future__ import annotations

import subprocess
import sys


def test_authoring_imports_neither_qt_nor_trafilatura_up_front() -> None:
    code = (
        "import sys\n"
        "import literacy_app.authoring.importing, literacy_app.authoring.writing\n"
        "import literacy_app.authoring.validate, literacy_app.authoring.packaging\n"
        "from literacy_app.cli import main\n"
        "main(['taxonomy', '--format', 'json', '-o', '/dev/null'])\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not loaded, loaded\n"
        "assert 'literacy_app.commands.lesson_tools' in sys.modules\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura was imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
