"""Every import points down the layers: a widget never reaches up into a command.

An AST scan of every module (imports inside functions and TYPE_CHECKING blocks included, since
those still tie a lower layer to a higher one). The report writers sit below both the commands
and the GUI, which is why the class review window and `review` can share them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "literacy_app"

# layer -> what it must never import (prefixes of dotted module names)
FORBIDDEN = {
    "literacy_app.gui": ("literacy_app.commands", "literacy_app.cli"),
    "literacy_app.reports": (
        "literacy_app.gui",
        "literacy_app.commands",
        "literacy_app.cli",
        "PySide6",
    ),
    "literacy_app.core": (
        "literacy_app.formats",
        "literacy_app.authoring",
        "literacy_app.batch",
        "literacy_app.reports",
        "literacy_app.gui",
        "literacy_app.commands",
        "literacy_app.cli",
        "PySide6",
    ),
    "literacy_app.formats": (
        "literacy_app.authoring",
        "literacy_app.batch",
        "literacy_app.reports",
        "literacy_app.gui",
        "literacy_app.commands",
        "literacy_app.cli",
        "PySide6",
    ),
    "literacy_app.authoring": (
        "literacy_app.gui",
        "literacy_app.commands",
        "literacy_app.cli",
        "PySide6",
    ),
    # The commands share UsageError and require_display through commands/common.py: cli.py
    # imports the commands, so a command importing cli was a circle of nine files.
    "literacy_app.commands": ("literacy_app.cli",),
}


def imported_modules(source: str) -> set[str]:
    """Every module `source` imports, as dotted names; `from a import b` gives a and a.b (b
    may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _violations(layer: str) -> list[str]:
    folder = PACKAGE.joinpath(*layer.split(".")[1:])
    bad = []
    for path in sorted(folder.rglob("*.py")):
        for module in sorted(imported_modules(path.read_text(encoding="utf-8"))):
            if any(module == p or module.startswith(p + ".") for p in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    return bad


def test_the_scanner_sees_every_kind_of_import() -> None:
    source = (
        "import literacy_app.cli\n"
        "from literacy_app import commands\n"
        "def later():\n"
        "    from literacy_app.commands.review import to_csv\n"
    )
    assert {"literacy_app.cli", "literacy_app.commands", "literacy_app.commands.review"} <= (
        imported_modules(source)
    )


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_upward_imports(layer: str) -> None:
    assert PACKAGE.joinpath(*layer.split(".")[1:]).is_dir()
    assert _violations(layer) == []
