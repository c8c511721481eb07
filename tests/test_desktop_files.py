"""packaging/linux/: the desktop entry, the AppStream metadata and the file types, read as the
desktop and software centres read them, and checked by their own validators when this machine
has them (scripts/install-system-deps.sh installs them for `make test`)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from literacy_app import __version__
from literacy_app.commands import desktop

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ENTRY = LINUX / desktop.DESKTOP_FILE
METAINFO = LINUX / f"{desktop.APP_ID}.metainfo.xml"
MIME_XML = LINUX / desktop.MIME_FILE
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
TYPES = ("application/x-literacy-lesson+zip", "application/x-literacy-submission+json")
SCREENSHOT_BASE = "https://raw.githubusercontent.com/literacylab/literacy-app/main/"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ENTRY, encoding="utf-8")
    return parser["Desktop Entry"]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (scripts/install-system-deps.sh test installs it)")
    return found


def test_the_desktop_entry_starts_the_app_on_one_file_and_claims_both_types() -> None:
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Media Literacy Lab"
    # `literacy-app FILE` is not a command line the CLI takes: `open` must be there. %f (one
    # file), not %F: `open` takes one target, so several files start one window each.
    assert entry["Exec"] == "literacy-app open %f"
    assert entry["Icon"] == desktop.APP_ID
    assert entry["Terminal"] == "false"
    assert entry["MimeType"].rstrip(";").split(";") == list(TYPES)
    assert "Education" in entry["Categories"].split(";")


def test_the_cli_takes_the_command_line_the_desktop_entry_runs() -> None:
    from literacy_app.cli import parser_for

    argv = [*_entry()["Exec"].split()[1:-1], "/home/ana/Lessons/bakhmut op-ed.literacy.zip"]
    args = parser_for(argv).parse_args(argv)
    assert args.command == "open"
    assert args.target == "/home/ana/Lessons/bakhmut op-ed.literacy.zip"
    bare = parser_for(["open"]).parse_args(["open"])  # started from the menu: no file
    assert bare.command == "open"
    assert bare.target is None


def test_the_file_types_are_the_ones_the_entry_claims_and_name_existing_icons() -> None:
    root = ET.parse(MIME_XML).getroot()
    types = {t.get("type"): t for t in root.findall(f"{MIME_NS}mime-type")}
    assert tuple(types) == TYPES
    lesson, submission = types[TYPES[0]], types[TYPES[1]]
    parents = [t.find(f"{MIME_NS}sub-class-of") for t in (lesson, submission)]
    assert [p.get("type") if p is not None else None for p in parents] == [
        "application/zip",
        "application/json",
    ]
    assert [g.get("pattern") for g in lesson.findall(f"{MIME_NS}glob")] == ["*.literacy.zip"]
    assert [g.get("pattern") for g in submission.findall(f"{MIME_NS}glob")] == ["*.submission.json"]
    (match,) = submission.iter(f"{MIME_NS}match")
    from literacy_app.formats.native import SUBMISSION_FORMAT

    assert match.get("value") == f'"{SUBMISSION_FORMAT}"'
    for mime_type in types.values():
        (icon,) = mime_type.findall(f"{MIME_NS}icon")
        assert icon.get("name") in desktop.MIME_ICONS
        assert (ROOT / "assets" / "icons" / f"{icon.get('name')}.svg").is_file()


def test_the_magic_finds_a_submission_as_the_app_writes_it() -> None:
    """The match looks at the first 256 bytes: the app's own writer must put the format there,
    under a byte-order mark and the indentation it uses."""
    from literacy_app.core.marks import Mark
    from literacy_app.core.submission import Submission
    from literacy_app.formats import native

    root = ET.parse(MIME_XML).getroot()
    (match,) = root.iter(f"{MIME_NS}match")
    start, end = (int(n) for n in str(match.get("offset")).split(":"))
    value = str(match.get("value")).encode()
    submission = Submission(
        lesson="x" * 300,  # a long lesson id after the format must not push it out
        article_sha256="0" * 64,
        marks=(Mark("m1", 0, 3, "loaded_language", quote="abc"),),
    )
    written = native.dumps(native.submission_to_dict(submission)).encode("utf-8")
    assert value in written[start : end + len(value)]


def test_the_metainfo_names_the_entry_the_licence_the_version_and_real_screenshots() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == desktop.APP_ID
    assert root.findtext("launchable") == desktop.DESKTOP_FILE
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("name") == _entry()["Name"]
    assert root.find("content_rating") is not None
    assert root.find("description") is not None
    assert root.findtext("summary")
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == __version__, "add a <release> for the new version"
    provided = [m.text for m in root.iterfind("provides/mediatype")]
    assert provided == list(TYPES)
    images = [i.text or "" for i in root.iterfind("screenshots/screenshot/image")]
    assert images
    for image in images:
        assert image.startswith(SCREENSHOT_BASE), image
        assert (ROOT / image.removeprefix(SCREENSHOT_BASE)).is_file(), image


def test_desktop_file_validate_accepts_the_entry() -> None:
    done = subprocess.run(
        [_tool("desktop-file-validate"), str(ENTRY)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not done.stdout.strip(), done.stdout  # hints too: the file should need none


def test_appstreamcli_accepts_the_metainfo() -> None:
    done = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_update_mime_database_reads_the_file_types_without_complaint(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    done = subprocess.run(
        [_tool("update-mime-database"), str(tmp_path / "mime")],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},  # else it notes it is not searched
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr.strip(), done.stderr  # it only warns on a malformed file
    types = (tmp_path / "mime" / "types").read_text(encoding="utf-8").split()
    assert set(TYPES) <= set(types)


def test_the_wheel_ships_the_desktop_files_where_install_desktop_looks() -> None:
    """A pipx user's `install-desktop` reads them from the installed package, not a checkout."""
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    assert setuptools["package-dir"].get("literacy_app.bundled_packaging") == "packaging/linux"
    assert "literacy_app.bundled_packaging" in setuptools["packages"]
    assert setuptools["package-data"].get("literacy_app.bundled_packaging")
    assert desktop.linux_files() == LINUX  # in a checkout, the files themselves
