"""A module imported when it is first used, not when the window starts.

Start-up is measured against stock widgets (`make bench`), and a module such as `dialogs` sets
up Qt classes (QMessageBox and its enums) that no first frame needs. Callers import `dialogs`
from here and keep writing `dialogs.error(...)`; type checkers see the real module.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


class LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name

    def _module(self) -> ModuleType:
        return importlib.import_module(self._name)

    def __getattr__(self, attribute: str) -> Any:
        # Looked up at every use, so a test that replaces a function in the real module is
        # seen here too.
        return getattr(self._module(), attribute)


if TYPE_CHECKING:
    from literacy_app.gui import dialogs
else:
    dialogs = LazyModule("literacy_app.gui.dialogs")

__all__ = ["LazyModule", "dialogs"]
