"""The bundled lessons and assets work from an installed wheel, run from another directory."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_grades_the_bundled_lesson(tmp_path: Path) -> None:
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
    assert str(env_dir) in location, "the test must import the installed wheel, not the source"
    checked = run("check", "bakhmut-op-ed")
    assert checked.returncode == 0, checked.stderr
    exported = run("export", "bakhmut-op-ed", "--to", "w3c", "-o", "key.w3c.json")
    assert exported.returncode == 0, exported.stderr
    graded = run("grade", "--lesson", "bakhmut-op-ed", "key.w3c.json", "--format", "csv")
    assert graded.returncode == 0, graded.stderr
    assert ",100.0," in graded.stdout  # the key graded against itself
    assert run("taxonomy").returncode == 0
