"""The one-folder bundle (packaging/literacy-app.spec) works for someone without Python.

The bundle is built from the checkout into a folder whose name has a space and an accent (as
"C:\\Users\\Zoë\\Media Lab" would), then run from an unrelated folder with an environment that
points Python at a poisoned copy of the package: a bundle that reached outside itself for code
or data would fail or answer differently from the checkout's own CLI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from literacy_app import __version__
from tests.install_smoke import (
    ROOT,
    SAMPLE,
    SUBMISSION_NAME,
    assert_png,
    from_source,
    isolated_env,
    small_submission,
)

pytestmark = pytest.mark.slow

SPEC = ROOT / "packaging" / "literacy-app.spec"


@dataclass(frozen=True)
class Bundle:
    program: Path  # dist/literacy-app/literacy-app
    folder: Path
    elsewhere: Path
    poison: Path  # a fake literacy_app that fails on import
    home: Path
    seconds: float


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    if importlib.util.find_spec("PyInstaller") is None:
        reason = (
            "PyInstaller is not installed (it comes with the dev extra: pip install -e '.[dev]')"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must build the bundle: {reason}")
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("bundle")
    dist = tmp / "Media Lab ñ"
    started = time.monotonic()
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(tmp / "work"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    seconds = time.monotonic() - started
    folder = dist / "literacy-app"
    poison = tmp / "poison" / "literacy_app"
    poison.mkdir(parents=True)
    (poison / "__init__.py").write_text('raise SystemExit("imported from PYTHONPATH")\n')
    elsewhere = tmp / "somewhere else"
    elsewhere.mkdir()
    return Bundle(
        folder / "literacy-app", folder, elsewhere, poison.parent, tmp / "home ü", seconds
    )


def run(bundle: Bundle, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The bundle's program from the unrelated folder, Python told to look in the wrong place."""
    environment = isolated_env(bundle.home, PYTHONPATH=str(bundle.poison), **env)
    return subprocess.run(
        [str(bundle.program), *args],
        cwd=bundle.elsewhere,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def same_as_source(bundle: Bundle, *args: str) -> subprocess.CompletedProcess[str]:
    ran = run(bundle, *args)
    expected = from_source(args, bundle.elsewhere, isolated_env(bundle.home))
    assert (ran.returncode, ran.stdout) == (expected.returncode, expected.stdout), ran.stderr
    return ran


def test_the_bundle_is_a_folder_with_one_program(bundle: Bundle) -> None:
    assert os.access(bundle.program, os.X_OK)
    assert bundle.seconds < 300, f"the bundle took {bundle.seconds:.0f} s to build"
    print(f"bundle built in {bundle.seconds:.0f} s")  # read with -s when measuring


def test_the_bundle_says_its_version(bundle: Bundle) -> None:
    shown = run(bundle, "--version")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"literacy-app {__version__}\n"


def test_the_bundle_checks_its_own_copy_of_the_bundled_lesson(bundle: Bundle) -> None:
    checked = run(bundle, "check", "bakhmut-op-ed")
    assert checked.returncode == 0, checked.stderr
    [line] = checked.stdout.splitlines()
    lesson = Path(line.removesuffix(": ok"))
    assert lesson.is_relative_to(bundle.folder), "the lesson must come from inside the bundle"
    assert (lesson / "lesson.md").is_file()


def test_the_bundle_grades_as_the_checkout_does(bundle: Bundle) -> None:
    small_submission(bundle.elsewhere)
    args = ("grade", "--lesson", "bakhmut-op-ed", SUBMISSION_NAME, "--format", "csv")
    graded = run(bundle, *args, LC_ALL="C")  # no UTF-8 locale, a name that is not ASCII
    assert graded.returncode == 0, graded.stderr
    assert "Zoë Ñúñez,s-ü1," in graded.stdout
    same_as_source(bundle, *args)


def test_the_bundle_takes_a_screenshot_offscreen(bundle: Bundle) -> None:
    shot = bundle.elsewhere / "ventana ñ.png"
    opened = run(
        bundle,
        "open",
        "bakhmut-op-ed",
        "--screenshot",
        str(shot),
        "--size",
        "1024x768",
        QT_QPA_PLATFORM="offscreen",
    )
    assert opened.returncode == 0, opened.stderr
    assert "Could not load the Qt platform plugin" not in opened.stderr
    assert_png(shot, 1024, 768)


def test_without_a_display_the_bundle_says_so_instead_of_crashing(bundle: Bundle) -> None:
    opened = run(bundle, "open", "bakhmut-op-ed", DISPLAY="", WAYLAND_DISPLAY="")
    assert opened.returncode == 2
    assert "no display" in opened.stderr


def test_the_bundle_carries_the_taxonomy_rules_and_schemas(bundle: Bundle) -> None:
    same_as_source(bundle, "taxonomy", "--format", "json")  # core/default_taxonomy.json
    suggested = same_as_source(bundle, "suggest", "bakhmut-op-ed")  # core/suggest_rules.json
    assert "scare_quotes" in suggested.stdout
    broken = json.loads(SAMPLE.read_text(encoding="utf-8"))
    broken["marks"][0]["end"] = "late"  # formats/schemas/submission.json refuses it
    path = bundle.elsewhere / "broken.json"
    path.write_text(json.dumps(broken, indent=1), encoding="utf-8")
    ran = run(bundle, "check", "--lesson", "bakhmut-op-ed", "broken.json")
    expected = from_source(ran.args[1:], bundle.elsewhere, isolated_env(bundle.home))
    assert ran.returncode == expected.returncode == 1
    assert ran.stderr == expected.stderr
    assert ran.stderr.startswith("broken.json:")  # FILE:LINE:COL: message


def test_the_bundle_carries_the_spanish_catalogue(bundle: Bundle) -> None:
    """The compiled translations ship, where literacy_app/i18n.py looks for them."""
    found = [
        path.relative_to(bundle.folder).as_posix()
        for path in bundle.folder.rglob("literacy_app.mo")
    ]
    assert any(p.endswith("literacy_app/locale/es/LC_MESSAGES/literacy_app.mo") for p in found)
    qt = list(bundle.folder.rglob("qtbase_es.qm"))  # Qt's own buttons and dialogs in Spanish
    assert qt, "Qt's Spanish catalogue was not collected"


def test_the_bundle_imports_a_saved_web_page(bundle: Bundle) -> None:
    """trafilatura's settings and jusText's stop lists are data files no hook collects."""
    page = bundle.elsewhere / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Council votes on the bus plan</title></head><body>"
        "<nav>Home | News | Sport</nav><article><h1>Council votes on the bus plan</h1>"
        "<p>Officials say the reckless plan will ruin the city, and experts say the so-called "
        "reform was rushed through without a single public hearing.</p>"
        "<p>Critics claim 90% of residents oppose it, which proves the mayor only wants to win "
        "the next election.</p></article><footer>© The Paper</footer></body></html>",
        encoding="utf-8",
    )
    made = run(bundle, "new-lesson", "page.html", "-o", "from bundle")
    assert made.returncode == 0, made.stderr
    expected = from_source(
        ("new-lesson", "page.html", "-o", "from source"),
        bundle.elsewhere,
        isolated_env(bundle.home),
    )
    assert expected.returncode == 0, expected.stderr
    article = (bundle.elsewhere / "from bundle" / "article.txt").read_text(encoding="utf-8")
    assert "rushed through" in article
    assert "Home | News" not in article
    assert article == (bundle.elsewhere / "from source" / "article.txt").read_text("utf-8")


def test_the_bundle_reviews_a_class_with_worker_processes(bundle: Bundle) -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    folder = bundle.elsewhere / "class"
    folder.mkdir()
    for number in range(48):
        sample["student"] = {"name": f"Student {number}", "id": f"s{number:03d}"}
        marks = json.loads(SAMPLE.read_text(encoding="utf-8"))["marks"]
        sample["marks"] = marks[: number % len(marks) + 1]
        (folder / f"s{number:03d}.json").write_text(json.dumps(sample), encoding="utf-8")
    args = ("review", "--lesson", "bakhmut-op-ed", "class", "--jobs", "2", "--format", "csv")
    reviewed = same_as_source(bundle, *args)
    assert reviewed.stdout.count("\n") == 49


def test_the_bundle_fingerprints_its_own_code_for_the_cache(bundle: Bundle) -> None:
    """Derived results are cached under the size and time of the code that made them
    (formats/memo.py), so that an upgraded app starts afresh; modules packed in an archive have
    no file, and every version of the bundle would have read the same stale entries."""
    home = bundle.home.with_name("cache home")
    checked = run(bundle, "check", "bakhmut-op-ed", LITERACY_APP_HOME=str(home))
    assert checked.returncode == 0, checked.stderr
    entries = [p.read_bytes() for p in (home / "cache").rglob("*") if p.is_file()]
    assert entries, "checking a lesson caches what it read"
    assert any(str(bundle.folder).encode() in entry for entry in entries)
    for entry in entries:
        assert not re.search(rb":missing(?!\w)", entry), entry[:400]


def test_the_windowed_program_opens_a_bare_file_name(bundle: Bundle) -> None:
    """Windows' file associations and the Finder start the windowed program (built there under
    this name from the same launcher) with the file alone; the console program keeps refusing
    a bare name, as the CLI always has."""
    windowed = bundle.folder / "Media Literacy Lab"
    windowed.write_bytes(bundle.program.read_bytes())
    windowed.chmod(0o755)
    handed_in = bundle.elsewhere / "Sam's hand-in.json"
    handed_in.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    shot = bundle.elsewhere / "double-click.png"
    try:
        opened = subprocess.run(
            [str(windowed), handed_in.name, "--screenshot", str(shot), "--size", "1024x768"],
            cwd=bundle.elsewhere,
            env=isolated_env(bundle.home, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        windowed.unlink()
    assert opened.returncode == 0, opened.stderr
    assert_png(shot, 1024, 768)
    refused = run(bundle, handed_in.name)
    assert refused.returncode == 2
    assert "invalid choice" in refused.stderr


def test_the_bundle_puts_itself_in_the_desktop_menu(bundle: Bundle) -> None:
    """`install-desktop` from the bundle: the entry must start this bundle's program, quoted as
    the Desktop Entry Specification asks (its folder has a space in its name)."""
    from literacy_app.commands.desktop import DESKTOP_FILE, exec_argument

    data_home = bundle.home / "share"
    installed = run(bundle, "install-desktop", XDG_DATA_HOME=str(data_home))
    assert installed.returncode == 0, installed.stderr
    entry = (data_home / "applications" / DESKTOP_FILE).read_text(encoding="utf-8")
    assert f"Exec={exec_argument(str(bundle.program))} open %f\n" in entry
    assert f"TryExec={bundle.program}\n" in entry
    assert (data_home / "mime" / "packages").is_dir()
