"""`literacy-app install-desktop`: run into a private data folder, then asked of the desktop's
own tools (GIO, shared-mime-info) whether a double-click on a lesson or a submission would now
open the app, and with the command line the app takes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from literacy_app.cli import main
from literacy_app.commands import desktop
from literacy_app.commands.common import UsageError

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "assets" / "icons"
ENTRY = f"applications/{desktop.DESKTOP_FILE}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (scripts/install-system-deps.sh test installs it)")
    return found


def _desktop_env(share: Path, home: Path) -> dict[str, str]:
    """What GIO reads: our data folder first, the system's after it (for application/zip and
    application/json), and nothing of the real user's."""
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(share),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


def _entry_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_it_installs_every_file_under_the_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    share = tmp_path / "share"
    planned = desktop.plan(["literacy-app"])
    for item in planned:
        target = share / item.target
        assert target.is_file(), target
        if item.source is not None:
            assert target.read_bytes() == item.source.read_bytes(), target
    names = {item.target for item in planned}
    assert f"icons/hicolor/scalable/apps/{desktop.APP_ID}.svg" in names
    assert f"icons/hicolor/16x16/apps/{desktop.APP_ID}.png" in names
    assert "icons/hicolor/48x48/mimetypes/application-x-literacy-submission+json.png" in names
    assert f"mime/packages/{desktop.MIME_FILE}" in names
    entry = _entry_values(share / ENTRY)
    program = entry["Exec"].removesuffix(" open %f")
    assert entry["Exec"].endswith(" open %f")
    assert Path(program.split()[0]).is_absolute()  # a desktop session's PATH may lack it
    assert entry["TryExec"] == program.split()[0]
    out = capsys.readouterr().out
    assert str(share) in out
    assert f"({len(planned)} files)" in out


def test_the_installed_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    desktop.install(tmp_path, ["/opt/Media Literacy Lab/bin/literacy-app"])
    done = subprocess.run(
        [_tool("desktop-file-validate"), str(tmp_path / ENTRY)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not done.stdout.strip(), done.stdout


def test_the_desktop_knows_the_file_types_and_opens_them_with_the_app(tmp_path: Path) -> None:
    gio = _tool("gio")
    _tool("update-mime-database")
    share, home, files = tmp_path / "share", tmp_path / "home", tmp_path / "files"
    files.mkdir()
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    main(["package", "bakhmut-op-ed", "-o", str(files / "bakhmut.literacy.zip")])
    shutil.copy(files / "bakhmut.literacy.zip", files / "bakhmut.zip")
    written = '{\n  "format": "literacy-submission",\n  "version": 1\n}\n'
    (files / "ana.submission.json").write_text(written, encoding="utf-8")
    (files / "renamed by the LMS.json").write_text(written, encoding="utf-8")  # magic alone
    (files / "key.json").write_text('{"format": "literacy-key"}', encoding="utf-8")
    with zipfile.ZipFile(files / "holiday.literacy.zip.zip", "w") as archive:
        archive.writestr("photo.txt", "not a lesson")
    env = _desktop_env(share, home)

    def content_type(name: str) -> str:
        done = subprocess.run(
            [gio, "info", "-a", "standard::content-type", str(files / name)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        return done.stdout.rsplit("standard::content-type:", 1)[1].strip()

    assert content_type("bakhmut.literacy.zip") == "application/x-literacy-lesson+zip"
    assert content_type("bakhmut.zip") == "application/zip"  # named as the docs say, or not
    assert content_type("holiday.literacy.zip.zip") == "application/zip"
    assert content_type("ana.submission.json") == "application/x-literacy-submission+json"
    assert content_type("renamed by the LMS.json") == "application/x-literacy-submission+json"
    assert content_type("key.json") == "application/json"
    for mime_type in (
        "application/x-literacy-lesson+zip",
        "application/x-literacy-submission+json",
    ):
        done = subprocess.run(
            [gio, "mime", mime_type], capture_output=True, text=True, env=env, check=True
        )
        default = done.stdout.splitlines()[0]
        assert default.endswith(f"{desktop.DESKTOP_FILE}"), done.stdout


FAKE_APP = """#!{python}
import json, sys
with open({record!r}, "w", encoding="utf-8") as out:
    json.dump(sys.argv[1:], out)
"""


def _fake_app(folder: Path, record: Path) -> Path:
    folder.mkdir(parents=True)
    script = folder / "literacy-app"
    script.write_text(FAKE_APP.format(python=sys.executable, record=str(record)), "utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def _launch(gio: str, entry: Path, argument: Path, env: dict[str, str], record: Path) -> object:
    subprocess.run([gio, "launch", str(entry), str(argument)], env=env, check=True, timeout=30)
    deadline = time.monotonic() + 20
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return json.loads(record.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "folder",
    [
        "My Apps",
        'it\'s "quoted" `tick` $HOME \\back 100 ; & | * ? # ( ) < > ~',
        "Aplicações 教室",
    ],
)
def test_the_desktop_starts_the_installed_launcher_wherever_it_lies(
    tmp_path: Path, folder: str
) -> None:
    """The launcher's path goes through two rounds of escaping (Exec's quoting, then the file's
    string escapes); the desktop's own launcher must get back exactly that path and the file."""
    gio = _tool("gio")
    record = tmp_path / "argv.json"
    launcher = _fake_app(tmp_path / folder / "bin", record)
    share = tmp_path / "share"
    desktop.install(share, [str(launcher)])
    lesson = tmp_path / "Lessons of 5 May" / "Bakhmut $1 op-ed.literacy.zip"
    lesson.parent.mkdir()
    lesson.write_bytes(b"PK\x05\x06" + bytes(18))
    env = _desktop_env(share, tmp_path / "home")
    assert _launch(gio, share / ENTRY, lesson, env, record) == ["open", str(lesson)]


def test_python_with_m_is_one_command_of_three_words(tmp_path: Path) -> None:
    gio = _tool("gio")
    record = tmp_path / "argv.json"
    python = _fake_app(tmp_path / "venv with space" / "bin", record)
    share = tmp_path / "share"
    desktop.install(share, [str(python), "-m", "literacy_app"])
    submission = tmp_path / "ana.submission.json"
    submission.write_text("{}", encoding="utf-8")
    env = _desktop_env(share, tmp_path / "home")
    launched = _launch(gio, share / ENTRY, submission, env, record)
    assert launched == ["-m", "literacy_app", "open", str(submission)]


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("/opt/line\nbreak/literacy-app", "control character"),
        ("/opt/tab\there/literacy-app", "control character"),
        # Exec may say %% for a %, but GIO looks for the program before it reads that: an
        # entry naming /opt/100%/… is hidden by GNOME (found with gio launch, above).
        ("/opt/100%/literacy-app", "holds a %"),
    ],
)
def test_a_launcher_path_no_desktop_entry_can_start_is_refused(
    bad: str, why: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UsageError, match=why):
        desktop.exec_argument(bad)
    monkeypatch.setattr(desktop, "launcher", lambda: [bad])
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 2
    assert not (tmp_path / "share").exists()


def test_uninstall_removes_what_install_wrote_and_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    other_icon = share / "icons" / "hicolor" / "48x48" / "apps" / "another-app.png"
    other_type = share / "mime" / "packages" / "another-app.xml"
    for other in (other_icon, other_type):
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_bytes(b"someone else's")
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0  # again: same files
    capsys.readouterr()
    assert main(["install-desktop", "--prefix", str(tmp_path), "--uninstall"]) == 0
    assert f"removed {len(desktop.plan(['x']))} files" in capsys.readouterr().out
    for item in desktop.plan(["literacy-app"]):
        assert not (share / item.target).exists(), item.target
    assert other_icon.read_bytes() == b"someone else's"
    assert other_type.read_bytes() == b"someone else's"
    assert main(["install-desktop", "--prefix", str(tmp_path), "--uninstall"]) == 0
    assert "removed 0 files" in capsys.readouterr().out


def test_without_a_prefix_it_follows_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data home"))
    assert main(["install-desktop"]) == 0
    assert (tmp_path / "data home" / ENTRY).is_file()
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # the spec says: ignore it
    assert main(["install-desktop"]) == 0
    assert (tmp_path / "home" / ".local" / "share" / ENTRY).is_file()
    assert not (Path.cwd() / "relative").exists()


def test_a_folder_that_cannot_be_written_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "applications").write_text("a file where a folder should be")
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"literacy-app: {tmp_path / 'share' / ENTRY}: cannot write")
    assert len(err.splitlines()) == 1


def test_an_install_without_the_desktop_files_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wheel built without packaging/linux/ in it: a clear message, not a traceback."""
    monkeypatch.setattr(desktop, "linux_files", lambda: tmp_path / "bundled_packaging")
    assert main(["install-desktop", "--prefix", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "carries no desktop files" in err
    assert str(tmp_path / "bundled_packaging") in err
    assert not (tmp_path / "out").exists()


def test_a_missing_icon_is_named_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    icons = tmp_path / "icons"
    shutil.copytree(ICONS, icons)
    (icons / "literacy-app-128.png").unlink()
    monkeypatch.setattr(desktop, "icons_dir", lambda: icons)
    assert main(["install-desktop", "--prefix", str(tmp_path / "out")]) == 2
    assert "literacy-app-128.png: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_without_update_mime_database_the_files_are_installed_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_which = shutil.which
    monkeypatch.setattr(
        desktop.shutil,
        "which",
        lambda name, *a, **k: None if name == "update-mime-database" else real_which(name),
    )
    assert main(["install-desktop", "--prefix", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "warning: update-mime-database was not found" in err
    assert "double-click" in err
    assert (tmp_path / "share" / ENTRY).is_file()


def test_a_cache_tool_that_fails_is_a_warning_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "bin" / "update-mime-database"
    broken.parent.mkdir()
    broken.write_text("#!/bin/sh\necho 'disk on fire' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", f"{broken.parent}{os.pathsep}{os.environ['PATH']}")
    assert main(["install-desktop", "--prefix", str(tmp_path / "p")]) == 0
    assert "update-mime-database failed (disk on fire)" in capsys.readouterr().err


def test_on_windows_and_macos_it_says_what_to_do_instead(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        assert main(["install-desktop"]) == 2
        assert "for Linux and BSD desktops" in capsys.readouterr().err


def test_the_launcher_is_the_running_script_kept_as_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A virtual environment is known by its own path: following the link to the system's
    python (or pipx's link to its script) would start the app without its packages."""
    real = tmp_path / "venv" / "bin" / "real-script"
    real.parent.mkdir(parents=True)
    real.write_text("#!/bin/sh\n")
    link = tmp_path / "bin" / "literacy-app"
    link.parent.mkdir()
    link.symlink_to(real)
    monkeypatch.setattr(sys, "argv", [str(link), "install-desktop"])
    assert desktop.launcher() == [str(link)]
    monkeypatch.setattr(sys, "argv", [str(ROOT / "literacy_app" / "__main__.py")])
    monkeypatch.setattr(desktop.shutil, "which", lambda name, *a, **k: None)
    python = tmp_path / "venv" / "bin" / "python"
    python.symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(python))
    assert desktop.launcher() == [str(python), "-m", "literacy_app"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert desktop.launcher() == [str(python)]
