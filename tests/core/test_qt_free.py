"""The core, the formats and the CLI must work without Qt: prove no module there imports it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import literacy_app

PACKAGE = Path(literacy_app.__file__).parent
QT_FREE = ["core", "formats", "authoring", "commands"]
QT_FREE_MODULES = ["cli.py", "batch.py", "output.py", "resources.py", "render.py"]


def _imports(path: Path) -> set[str]:
    """Module-level imports: the CLI may import the GUI inside `open`, only when a window opens."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_anywhere_in_the_core() -> None:
    files = [f for folder in QT_FREE for f in (PACKAGE / folder).rglob("*.py")]
    files += [PACKAGE / name for name in QT_FREE_MODULES if (PACKAGE / name).exists()]
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            n
            for n in _imports(f)
            if n.split(".")[0] in ("PySide6", "shiboken6") or n.startswith("literacy_app.gui")
        )
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_grading_runs_without_loading_qt() -> None:
    code = (
        "import sys\n"
        "from literacy_app.cli import main\n"
        "main(['taxonomy', '--format', 'json', '-o', '/dev/null'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
