"""Every preference, declared once, over QSettings. Nothing else in the app calls QSettings.

`LITERACY_APP_HOME` (a folder) redirects settings and user data there: tests, screenshots and
classroom machines with shared profiles use it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANIZATION = "MediaLiteracyLab"
APPLICATION = "literacy-app"
MAX_RECENT = 8


def home_override() -> Path | None:
    value = os.environ.get("LITERACY_APP_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """Where recovery files and the error log live."""
    override = home_override()
    if override is not None:
        return override / "data"
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local/share" / APPLICATION


def recovery_dir() -> Path:
    """Where students' and instructors' unsaved work is autosaved (formats/recovery.py)."""
    return data_dir() / "recovery"


ZOOM_RANGE = (-6, 20)  # article zoom steps of one point: about 5 pt to 30 pt


@dataclass(frozen=True)
class LessonProgress:
    """What versions before the progress file kept of one lesson: whether the student ever
    checked their work on it, and their best score so far (0-100)."""

    checked: bool = False
    best_score: float | None = None


@dataclass(frozen=True)
class LastWork:
    """What was on screen when the student last quit: the lesson and, if it was ever saved, the
    submission file that holds the work. A bare start reopens the submission, so that the
    student carries on where they stopped."""

    lesson: Path
    submission: Path | None = None


@dataclass(frozen=True)
class WindowFrame:
    """Where the window stood when it was closed, in the screen's *device* pixels and relative
    to the top left of that screen's available area. Device pixels do not change with the
    scale factor (QT_SCALE_FACTOR, the desktop's scaling), so a size saved at 150 % does not
    come back a third smaller at 100 %; `frame` is what the window manager added around it
    (left, top, right, bottom), needed to keep the title bar on screen."""

    screen: str
    x: int
    y: int
    width: int
    height: int
    frame: tuple[int, int, int, int] = (0, 0, 0, 0)
    maximized: bool = False


class Settings:
    """Typed preferences with defaults."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            override = home_override()
            if override is not None:
                qsettings = QSettings(str(override / "settings.ini"), QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(ORGANIZATION, APPLICATION)
        self._q = qsettings

    def _get(self, key: str, default: Any, kind: type) -> Any:
        value: Any = self._q.value(key, default)
        if kind is bool and isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        if kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value if isinstance(value, kind) else default

    def _set(self, key: str, value: Any) -> None:
        self._q.setValue(key, value)

    # --- the student ---------------------------------------------------------------------------
    @property
    def student_name(self) -> str:
        return str(self._get("student/name", "", str))

    @student_name.setter
    def student_name(self, value: str) -> None:
        self._set("student/name", value)

    @property
    def student_id(self) -> str:
        return str(self._get("student/id", "", str))

    @student_id.setter
    def student_id(self, value: str) -> None:
        self._set("student/id", value)

    # --- files ---------------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        value: Any = self._q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []][:MAX_RECENT]

    @property
    def library_folders(self) -> list[str]:
        """Lesson folders the learner added to the library (beside the bundled lessons and
        their own lessons folder)."""
        value: Any = self._q.value("library/folders", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or [] if str(v)]

    @library_folders.setter
    def library_folders(self, folders: list[str]) -> None:
        self._set("library/folders", list(dict.fromkeys(folders)))

    def add_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry, *(f for f in self.recent_files if f != entry)][:MAX_RECENT]
        self._set("files/recent", files)

    def clear_recent(self) -> None:
        self._set("files/recent", [])

    @property
    def last_folder(self) -> str:
        return str(self._get("files/last_folder", str(Path.home()), str))

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._set("files/last_folder", value)

    @property
    def save_folder(self) -> str:
        """The folder the student last saved or exported work in ("" before the first save).
        Kept apart from `last_folder`, which opening a lesson points at the lesson's own
        folder: not a place for a student's files."""
        return str(self._get("files/save_folder", "", str))

    @save_folder.setter
    def save_folder(self, value: str) -> None:
        self._set("files/save_folder", value)

    @property
    def last_work(self) -> LastWork | None:
        """The lesson and submission on screen at the last quit; None when nothing (or
        something unreadable) was stored."""
        lesson = self._get("continue/lesson", "", str)
        if not lesson:
            return None
        submission = self._get("continue/submission", "", str)
        return LastWork(Path(lesson), Path(submission) if submission else None)

    @last_work.setter
    def last_work(self, value: LastWork | None) -> None:
        self._set("continue/lesson", str(value.lesson) if value else "")
        submission = value.submission if value else None
        self._set("continue/submission", str(submission) if submission else "")

    # --- window --------------------------------------------------------------------------------
    def window_state(self, name: str) -> QByteArray | None:
        value = self._q.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._set(f"window/{name}", value)

    @property
    def window_frame(self) -> WindowFrame | None:
        """The student window's last place and size; None when never stored, or when a value
        is missing or damaged (the window then opens at its default size)."""
        numbers = []
        for key in ("x", "y", "width", "height", "left", "top", "right", "bottom"):
            stored: Any = self._q.value(f"window/frame/{key}")
            try:
                numbers.append(int(stored))
            except (TypeError, ValueError, OverflowError):
                return None
        x, y, width, height, *frame = numbers
        if width <= 0 or height <= 0 or not all(0 <= side <= 200 for side in frame):
            return None
        left, top, right, bottom = frame
        return WindowFrame(
            str(self._get("window/frame/screen", "", str)),
            x,
            y,
            width,
            height,
            (left, top, right, bottom),
            bool(self._get("window/frame/maximized", False, bool)),
        )

    @window_frame.setter
    def window_frame(self, value: WindowFrame) -> None:
        left, top, right, bottom = value.frame
        for key, number in (
            ("screen", value.screen),
            ("x", value.x),
            ("y", value.y),
            ("width", value.width),
            ("height", value.height),
            ("left", left),
            ("top", top),
            ("right", right),
            ("bottom", bottom),
            ("maximized", value.maximized),
        ):
            self._set(f"window/frame/{key}", number)

    @property
    def zoom(self) -> int:
        """Steps from the default article size, within ZOOM_RANGE (a settings file edited by
        hand or damaged must not open the article at a size nobody can read)."""
        low, high = ZOOM_RANGE
        return min(high, max(low, int(self._get("view/zoom", 0, int))))

    @zoom.setter
    def zoom(self, value: int) -> None:
        low, high = ZOOM_RANGE
        self._set("view/zoom", min(high, max(low, value)))

    @property
    def snap_to_words(self) -> bool:
        return bool(self._get("marking/snap_to_words", True, bool))

    @snap_to_words.setter
    def snap_to_words(self, value: bool) -> None:
        self._set("marking/snap_to_words", value)

    @property
    def language(self) -> str:
        """The language the app speaks: "" follows the system, else a code of
        `i18n.LANGUAGES` ("en", "es"). A code this version does not ship (a settings file from
        a newer version, or edited by hand) reads as "" rather than leave the menu unticked."""
        from literacy_app.i18n import LANGUAGES

        value = str(self._get("view/language", "", str))
        return value if value in LANGUAGES else ""

    @language.setter
    def language(self, value: str) -> None:
        self._set("view/language", value)

    @property
    def first_launch_done(self) -> bool:
        return bool(self._get("app/first_launch_done", False, bool))

    @first_launch_done.setter
    def first_launch_done(self, value: bool) -> None:
        self._set("app/first_launch_done", value)

    # --- progress kept here before progress.json ----------------------------------------------
    def legacy_progress(self) -> dict[str, LessonProgress]:
        """What versions before the progress file (gui/study.py) kept here: each lesson's
        "checked" and best score, for the progress file to carry over once. Never raises: a
        hand-edited or damaged entry reads as "not checked" or "no score"."""
        from urllib.parse import unquote

        self._q.beginGroup("progress")
        groups = self._q.childGroups()
        self._q.endGroup()
        return {unquote(group): self._lesson_progress(unquote(group)) for group in groups}

    def forget_legacy_progress(self) -> None:
        """Once carried over into the progress file."""
        self._q.remove("progress")
        self.sync()

    def _lesson_progress(self, lesson_id: str) -> LessonProgress:
        group = _progress_group(lesson_id)
        checked = bool(self._get(f"{group}/checked", False, bool))
        try:
            stored: Any = self._q.value(f"{group}/best_score", "")
            score: float | None = float(stored)
        except (TypeError, ValueError, OverflowError):  # a list, a byte array, "lots"...
            score = None
        if score is not None and not math.isfinite(score):
            score = None
        return LessonProgress(checked, None if score is None else min(100.0, max(0.0, score)))

    def sync(self) -> None:
        self._q.sync()


def _progress_group(lesson_id: str) -> str:
    """The settings group of one lesson. Lesson ids are plain (`^[A-Za-z0-9][A-Za-z0-9_-]*$`);
    quoting keeps anything else from reaching into other keys through a `/`."""
    from urllib.parse import quote  # already imported by pathlib

    return f"progress/{quote(lesson_id, safe='')}"
