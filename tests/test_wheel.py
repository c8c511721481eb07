"""The bundled lessons and assets work from an installed wheel, run from another directory.

The wheel is built from the checkout and installed into a clean environment, as
`pipx install literacy-app-*.whl` does on a user's machine; the `literacy-app` command that
install made is then run from an unrelated folder, with a home of its own.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from literacy_app import __version__
from tests.install_smoke import (
    ROOT,
    SUBMISSION_NAME,
    assert_png,
    from_source,
    isolated_env,
    small_submission,
)

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Installed:
    python: Path
    script: Path  # the `literacy-app` the wheel's entry point made
    env_dir: Path
    elsewhere: Path  # a folder with nothing of the checkout in it
    home: Path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp_path = tmp_path_factory.mktemp("wheel")
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # Reuse this environment's dependencies (PySide6 is large) through a .pth line; .pth files
    # inside that folder are not processed, so this project's editable install stays invisible.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(site) / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return Installed(
        python, env_dir / "bin" / "literacy-app", env_dir, elsewhere, tmp_path / "home ñ"
    )


def test_wheel_installs_and_grades_the_bundled_lesson(installed: Installed) -> None:
    python, elsewhere = installed.python, installed.elsewhere

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "literacy_app", *args],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            check=False,
        )

    location = subprocess.run(
        [str(python), "-c", "import literacy_app, sys; print(literacy_app.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed.env_dir) in location, "the test must import the installed wheel"
    checked = run("check", "bakhmut-op-ed")
    assert checked.returncode == 0, checked.stderr
    exported = run("export", "bakhmut-op-ed", "--to", "w3c", "-o", "key.w3c.json")
    assert exported.returncode == 0, exported.stderr
    graded = run("grade", "--lesson", "bakhmut-op-ed", "key.w3c.json", "--format", "csv")
    assert graded.returncode == 0, graded.stderr
    assert ",100.0," in graded.stdout  # the key graded against itself
    assert run("taxonomy").returncode == 0


def _script(installed: Installed, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed `literacy-app` command, as a user types it, from the unrelated folder."""
    return subprocess.run(
        [str(installed.script), *args],
        cwd=installed.elsewhere,
        env=isolated_env(installed.home, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_the_installed_command_says_its_version(installed: Installed) -> None:
    shown = _script(installed, "--version")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"literacy-app {__version__}\n"


def test_the_installed_command_checks_the_lesson_the_wheel_carries(installed: Installed) -> None:
    checked = _script(installed, "check", "bakhmut-op-ed")
    assert checked.returncode == 0, checked.stderr
    # the wheel's own copy of the lesson, not the checkout's lessons/ folder
    assert str(installed.env_dir) in checked.stdout
    assert "bundled_lessons" in checked.stdout


def test_the_installed_command_grades_as_the_checkout_does(installed: Installed) -> None:
    small_submission(installed.elsewhere)
    args = ("grade", "--lesson", "bakhmut-op-ed", SUBMISSION_NAME, "--format", "csv")
    graded = _script(installed, *args, LC_ALL="C")  # no UTF-8 locale: the name is not ASCII
    assert graded.returncode == 0, graded.stderr
    assert "Zoë Ñúñez,s-ü1," in graded.stdout
    expected = from_source(args, installed.elsewhere, isolated_env(installed.home))
    assert expected.returncode == 0, expected.stderr
    assert graded.stdout == expected.stdout


def test_the_installed_command_opens_the_window_offscreen(installed: Installed) -> None:
    shot = installed.elsewhere / "window.png"
    opened = _script(
        installed,
        "open",
        "bakhmut-op-ed",
        "--screenshot",
        str(shot),
        "--size",
        "1024x768",
        QT_QPA_PLATFORM="offscreen",
    )
    assert opened.returncode == 0, opened.stderr
    assert_png(shot, 1024, 768)


def test_the_installed_command_puts_itself_in_the_desktop_menu(installed: Installed) -> None:
    """The wheel carries the desktop entry and file types; the entry starts the installed
    command, wherever pipx put it."""
    from literacy_app.commands.desktop import DESKTOP_FILE, exec_argument

    data_home = installed.home / "share"
    done = _script(installed, "install-desktop", XDG_DATA_HOME=str(data_home))
    assert done.returncode == 0, done.stderr
    entry = (data_home / "applications" / DESKTOP_FILE).read_text(encoding="utf-8")
    assert f"Exec={exec_argument(str(installed.script))} open %f\n" in entry


def test_the_installed_copy_finds_its_spanish_catalogue(installed: Installed) -> None:
    """The wheel ships the compiled translations: asked for Spanish, the installed copy loads
    its own catalogue (a missing or unreadable one falls back to English, silently)."""
    probe = (
        "from literacy_app import i18n; language = i18n.set_language('es'); "
        "print(language, i18n.LOCALE_DIR)"
    )
    done = subprocess.run(
        [str(installed.python), "-c", probe],
        cwd=installed.elsewhere,
        env=isolated_env(installed.home, LITERACY_APP_LANGUAGE="es"),
        capture_output=True,
        text=True,
        check=True,
    )
    language, folder = done.stdout.split(maxsplit=1)
    assert language == "es", done.stdout
    assert str(installed.env_dir) in folder
