"""The values an author chooses from when making a lesson. Kept apart from `writing` so the
command-line parser can offer them as choices without importing PyYAML and the formats."""

from __future__ import annotations

import re

DIFFICULTIES = ("beginner", "intermediate", "advanced")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
