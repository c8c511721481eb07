"""`literacy-app install-desktop`: the app in the desktop's menu, with its icon, and the file
types it opens on a double-click (lesson packages, submissions), for one user, without root.

A wheel installed with pipx or pip puts a command on PATH and nothing else: no menu entry, no
icon, no file types; those live in the XDG data folder (~/.local/share), which no Python
installer writes to. This command copies there what packaging/linux/ and assets/icons/ hold
(the same files a distribution package installs under /usr/share), and refreshes the caches
the desktop reads. `--uninstall` removes exactly those files. docs/desktop.md has the rest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from literacy_app.commands.common import UsageError
from literacy_app.i18n import N_, _

APP_ID = "io.github.literacylab.LiteracyApp"
DESKTOP_FILE = f"{APP_ID}.desktop"
MIME_FILE = "literacy-app.xml"
APP_ICON = "literacy-app"  # the stem of the app icon's files in assets/icons/
MIME_ICONS = ("application-x-literacy-lesson+zip", "application-x-literacy-submission+json")
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: Characters that make an Exec argument need quotes (Desktop Entry Specification, "The Exec
#: key"); within quotes, the four after them need a backslash.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def linux_files() -> Path:
    """packaging/linux/ of a source checkout; in a wheel or a bundle, its copy shipped beside
    the bundled assets (literacy_app/bundled_packaging)."""
    from literacy_app.resources import assets_dir

    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "packaging" / "linux"
    if (package.parent / "pyproject.toml").exists() and checkout.is_dir():
        return checkout
    return assets_dir().parent / "bundled_packaging"


def icons_dir() -> Path:
    from literacy_app.resources import assets_dir

    return assets_dir() / "icons"


def default_data_home() -> Path:
    """Where a user's desktop files go: $XDG_DATA_HOME when set to an absolute path (the
    specification says to ignore a relative one), otherwise ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


@dataclass(frozen=True)
class Planned:
    """One file to install: where it comes from (None: `text` is its content) and where it goes,
    relative to the data folder."""

    target: str
    source: Path | None = None
    text: str | None = None


def exec_argument(argument: str) -> str:
    """`argument` as one word of a desktop file's Exec value: quoted and escaped as the Desktop
    Entry Specification says (a launcher under "My Apps" or a home with a `$` in it must still
    start), then escaped once more as every string value of the file is."""
    if any(ord(c) < 0x20 or c == "\x7f" for c in argument):
        raise UsageError(
            _(
                "{path}: a desktop entry cannot start a command whose path holds a line "
                "break or another control character; install the app under another folder"
            ).format(path=repr(argument))
        )
    if "%" in argument:  # the specification allows %%, but GIO looks for the program as written
        raise UsageError(
            _(
                "{path}: GNOME and other GLib desktops cannot start a program whose path "
                "holds a %; install the app under another folder"
            ).format(path=argument)
        )
    word = argument
    if any(c in _RESERVED for c in word):
        word = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in word) + '"'
    return word.replace("\\", "\\\\")


def launcher() -> list[str]:
    """The command that starts this very installation of the app: the `literacy-app` script
    that is running, a frozen bundle's executable, or this Python with `-m literacy_app`. An
    absolute path, because a desktop session's PATH often lacks ~/.local/bin, where pipx and
    `pip install --user` put the script. Links are kept, not followed: a virtual environment's
    python is a link to the system's, and only the link's path brings the environment."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    running = sys.argv[0] if sys.argv else ""
    if Path(running).name == "literacy-app" and os.path.isfile(running):
        return [os.path.abspath(running)]
    found = shutil.which("literacy-app")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "literacy_app"]


def desktop_entry(template: str, command: Sequence[str]) -> str:
    """The packaged desktop entry with `Exec` and `TryExec` naming `command` (see
    `launcher`): the packaged file says `literacy-app`, which only a system install finds.
    TryExec is a plain path (a desktop hides the entry when it names no program), so it gets
    the file's string escapes only, never Exec's quotes."""
    program = " ".join(exec_argument(part) for part in command)
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={program} open %f"
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}".replace("\\", "\\\\")  # a path, not a command line
        lines.append(line)
    return "\n".join(lines) + "\n"


def plan(command: Sequence[str]) -> list[Planned]:
    """Every file install-desktop writes, and so every file --uninstall removes."""
    packaging, icons = linux_files(), icons_dir()
    desktop = packaging / DESKTOP_FILE
    if not desktop.is_file() or not (packaging / MIME_FILE).is_file():
        raise UsageError(
            _(
                "{folder}: this installation of the app carries no desktop files "
                "({desktop_file}, {mime_file}); install it from a complete wheel or a checkout"
            ).format(folder=packaging, desktop_file=DESKTOP_FILE, mime_file=MIME_FILE)
        )
    entry = desktop_entry(desktop.read_text(encoding="utf-8"), command)
    files = [
        Planned(f"applications/{DESKTOP_FILE}", text=entry),
        Planned(f"mime/packages/{MIME_FILE}", source=packaging / MIME_FILE),
        Planned(f"icons/hicolor/scalable/apps/{APP_ID}.svg", source=icons / f"{APP_ICON}.svg"),
    ]
    for size in APP_ICON_SIZES:
        files.append(
            Planned(
                f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png",
                source=icons / f"{APP_ICON}-{size}.png",
            )
        )
    for name in MIME_ICONS:
        files.append(
            Planned(f"icons/hicolor/scalable/mimetypes/{name}.svg", source=icons / f"{name}.svg")
        )
        for size in MIME_ICON_SIZES:
            files.append(
                Planned(
                    f"icons/hicolor/{size}x{size}/mimetypes/{name}.png",
                    source=icons / f"{name}-{size}.png",
                )
            )
    missing = [str(f.source) for f in files if f.source is not None and not f.source.is_file()]
    if missing:
        raise UsageError(
            _("{file}: missing from this installation of the app").format(file=missing[0])
        )
    return files


def install(data: Path, command: Sequence[str]) -> list[Path]:
    """Write every planned file under `data` (each whole or not at all), then refresh the
    desktop's caches. The paths written, in order."""
    from literacy_app.formats.atomic import atomic_write, atomic_write_bytes

    written = []
    for planned in plan(command):
        target = data / planned.target
        try:
            if planned.text is not None:
                atomic_write(target, planned.text)
            else:
                assert planned.source is not None
                atomic_write_bytes(target, planned.source.read_bytes())
        except OSError as err:
            raise UsageError(
                _("{file}: cannot write: {reason}").format(file=target, reason=err.strerror or err)
            ) from None
        written.append(target)
    return written


def uninstall(data: Path) -> list[Path]:
    """Remove the files `install` writes (and nothing else: the folders stay, other apps' files
    live in them too). The paths removed."""
    removed = []
    for planned in plan(["literacy-app"]):
        target = data / planned.target
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as err:
            raise UsageError(
                _("{file}: cannot remove: {reason}").format(file=target, reason=err.strerror or err)
            ) from None
        removed.append(target)
    return removed


#: (program, arguments after it, what is lost without it), run after every change.
CACHES = (
    (
        "update-mime-database",
        ("mime",),
        N_(
            "the file types stay unknown: a double-click on a lesson or submission will not "
            "open the app (install shared-mime-info)"
        ),
    ),
    (
        "update-desktop-database",
        ("applications",),
        N_(
            "some desktops may not offer the app for its files until they next rebuild their "
            "caches (install desktop-file-utils)"
        ),
    ),
    (
        "gtk-update-icon-cache",
        ("-f", "-t", "-q", "icons/hicolor"),
        N_("the icons may show only after the next log-in"),
    ),
)
#: Kept current only when there is one: a user's hicolor folder usually has none, and GTK then
#: reads the folders themselves, whereas a cache made here would go stale as soon as another
#: app added an icon without rebuilding it.
ICON_CACHE = "icons/hicolor/icon-theme.cache"


def refresh_caches(data: Path) -> list[str]:
    """Rebuild the caches the desktop reads the files through. What could not be done, one
    sentence each: a missing cache tool is a warning, not a failure (the files are in place,
    and many desktops rescan them at the next log-in)."""
    notes = []
    for program, arguments, without in CACHES:
        found = shutil.which(program)
        folder = data / arguments[-1]
        if not folder.is_dir():
            continue
        if program == "gtk-update-icon-cache" and not (data / ICON_CACHE).is_file():
            continue
        if found is None:
            notes.append(
                _("{program} was not found: {consequence}").format(
                    program=program, consequence=_(without)
                )
            )
            continue
        done = subprocess.run(
            [found, *arguments[:-1], str(folder)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            reason = (
                detail[-1] if detail else _("exit status {status}").format(status=done.returncode)
            )
            notes.append(
                _("{program} failed ({reason}): {consequence}").format(
                    program=program, reason=reason, consequence=_(without)
                )
            )
    return notes


def _data_folder(prefix: str | None) -> Path:
    if prefix is None:
        return default_data_home()
    return Path(prefix).expanduser().resolve() / "share"


def cmd_install_desktop(args: argparse.Namespace) -> int:
    if sys.platform in ("win32", "darwin") and args.prefix is None:
        raise UsageError(
            _(
                "install-desktop is for Linux and BSD desktops (freedesktop.org); on Windows "
                "and macOS the installer or the app bundle registers the app (see "
                "docs/desktop.md)"
            )
        )
    data = _data_folder(args.prefix)
    if args.uninstall:
        removed = uninstall(data)
        notes = refresh_caches(data)
        print(_("removed {count} files from {folder}").format(count=len(removed), folder=data))
    else:
        written = install(data, launcher())
        notes = refresh_caches(data)
        print(
            _(
                "installed the menu entry, file types and icons in {folder} ({count} files):\n"
                "a double-click on a NAME.literacy.zip lesson or a NAME.submission.json file "
                "now opens the app"
            ).format(folder=data, count=len(written))
        )
    for note in notes:
        warning = _("warning: {note}").format(note=note)
        print(f"literacy-app: {warning}", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add `install-desktop` to the `literacy-app` parser's subcommands."""
    p = commands.add_parser(
        "install-desktop",
        help=_("add the app to the desktop menu and open its files on a double-click (Linux)"),
        description=_(
            "Write the desktop entry, the lesson and submission file types and the "
            "icons into your own data folder ($XDG_DATA_HOME, or ~/.local/share; no root "
            "needed), so that the app is in the menu and a double-click on a NAME.literacy.zip "
            "lesson or a NAME.submission.json file opens it. Run it again after moving the app."
        ),
    )
    p.add_argument(
        "--uninstall", action="store_true", help=_("remove the files install-desktop wrote")
    )
    p.add_argument(
        "--prefix",
        metavar="DIR",
        help=_("install under DIR/share instead (e.g. ~/.local; a staging folder for a package)"),
    )
    p.set_defaults(func=cmd_install_desktop)
