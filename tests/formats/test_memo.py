"""The memo of derived results: a returning start skips YAML, Markdown and schema compilation,
and the cache can never change what a lesson means or hide a problem in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from literacy_app.core.errors import FormatError
from literacy_app.formats import memo
from literacy_app.formats.lesson_package import METADATA, load_lesson
from literacy_app.render import RENDERED, render_markdown
from literacy_app.resources import default_lesson

PROBE = """
import json, sys
from literacy_app.formats.lesson_package import load_lesson
from literacy_app.render import render_markdown
from literacy_app.resources import default_lesson
lesson = load_lesson(default_lesson())
html = [render_markdown(lesson.text.instructions, remember=True),
        render_markdown(lesson.text.debrief, remember=True)]
heavy = sorted(m for m in ("yaml", "markdown", "fastjsonschema", "jsonschema") if m in sys.modules)
print(json.dumps({"title": lesson.title, "items": len(lesson.key.items), "html": html,
                  "heavy": heavy}))
"""


def _start(home: Path) -> dict[str, object]:
    env = {**os.environ, "LITERACY_APP_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_second_start_reads_the_same_lesson_without_the_heavy_libraries(
    tmp_path: Path,
) -> None:
    first = _start(tmp_path)
    second = _start(tmp_path)
    assert first["heavy"] == ["fastjsonschema", "markdown", "yaml"]
    assert second["heavy"] == []
    assert {k: v for k, v in second.items() if k != "heavy"} == {
        k: v for k, v in first.items() if k != "heavy"
    }


def _copy_lesson(tmp_path: Path) -> Path:
    folder = tmp_path / "lesson"
    folder.mkdir()
    for file in default_lesson().iterdir():
        if file.is_file():
            (folder / file.name).write_bytes(file.read_bytes())
    return folder


def test_an_edited_lesson_is_read_afresh(tmp_path: Path) -> None:
    folder = _copy_lesson(tmp_path)
    load_lesson(folder)
    lesson_md = folder / "lesson.md"
    text = lesson_md.read_text(encoding="utf-8")
    lesson_md.write_text(text.replace('\ntitle: "', '\ntitle: "Edited - ', 1), encoding="utf-8")
    assert load_lesson(folder).title.startswith("Edited - ")


def test_a_problem_is_reported_every_time_never_remembered_away(tmp_path: Path) -> None:
    folder = _copy_lesson(tmp_path)
    key = folder / "key.json"
    data = json.loads(key.read_text(encoding="utf-8"))
    data["items"][0]["start"] = "twelve"
    key.write_text(json.dumps(data), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FormatError) as err:
            load_lesson(folder)
        assert any("expected a whole number" in str(p) for p in err.value.problems)


def _entries(kind: str) -> list[Path]:
    folder = memo.cache_dir() / kind
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_damaged_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITERACY_APP_HOME", str(tmp_path / "home"))
    expected = load_lesson(default_lesson())
    html = render_markdown(expected.text.instructions, remember=True)
    for entry in _entries(METADATA) + _entries(RENDERED):
        entry.write_bytes(b"\xff\xfe not what was stored")
    again = load_lesson(default_lesson())
    assert (again.title, again.minutes, again.palette.ids) == (
        expected.title,
        expected.minutes,
        expected.palette.ids,
    )
    # The rendered entry held bytes that are not UTF-8: a miss, rendered and stored afresh.
    assert render_markdown(expected.text.instructions, remember=True) == html


def test_no_writable_cache_still_opens_the_lesson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home folder should be", encoding="utf-8")
    monkeypatch.setenv("LITERACY_APP_HOME", str(blocker))
    lesson = load_lesson(default_lesson())
    assert lesson.key is not None
    assert render_markdown("**bold**", remember=True) == "<p><strong>bold</strong></p>"
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_keys_are_unambiguous_and_tied_to_the_code() -> None:
    assert memo.key_for("code", "ab", "c") != memo.key_for("code", "a", "bc")
    assert memo.key_for("code", "x") != memo.key_for("other code", "x")
    assert memo.key_for("code", "x") == memo.key_for("code", b"x")


def test_the_code_identity_follows_the_files(tmp_path: Path) -> None:
    module = tmp_path / "renderer.py"
    module.write_text("VERSION = 1\n", encoding="utf-8")
    before = memo.code_identity.__wrapped__(str(module))
    module.write_text("VERSION = 22\n", encoding="utf-8")
    assert memo.code_identity.__wrapped__(str(module)) != before
    assert memo.code_identity.__wrapped__("no_such_module_here") != before


def test_entries_unused_for_two_months_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITERACY_APP_HOME", str(tmp_path / "home"))
    memo.store("test-kind", memo.key_for("code", "old"), "old result")
    memo.store("test-kind", memo.key_for("code", "recent"), "recent result")
    old, recent = sorted(_entries("test-kind"), key=lambda p: p.read_text(encoding="utf-8"))
    long_ago = old.stat().st_mtime - 61 * memo.DAY
    os.utime(old, (long_ago, long_ago))
    assert memo.prune("test-kind") == 1
    assert _entries("test-kind") == [recent]


def test_a_hit_keeps_an_entry_alive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITERACY_APP_HOME", str(tmp_path / "home"))
    key = memo.key_for("code", "often read")
    memo.store("test-kind", key, "value")
    (entry,) = _entries("test-kind")
    long_ago = entry.stat().st_mtime - 61 * memo.DAY
    os.utime(entry, (long_ago, long_ago))
    assert memo.lookup("test-kind", key) == "value"
    assert memo.prune("test-kind") == 0
    assert memo.lookup("test-kind", key) == "value"


def test_only_what_asks_to_be_remembered_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LITERACY_APP_HOME", str(tmp_path / "home"))
    for typed in ("*draft", "*draft*", "*draft* one"):  # a live preview, keystroke by keystroke
        render_markdown(typed)
    assert _entries(RENDERED) == []
    render_markdown("*final*", remember=True)
    assert len(_entries(RENDERED)) == 1


def test_an_entry_is_only_ever_a_hit_for_exactly_its_own_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are found by a CRC-32 of their input, which two inputs can share: the entry
    keeps its input and a lookup compares it in full, so sharing a name is only ever a miss."""
    monkeypatch.setenv("LITERACY_APP_HOME", str(tmp_path / "home"))
    mine, other = memo.key_for("code", "my lesson"), memo.key_for("code", "another lesson")
    memo.store("test-kind", other, "the other lesson's HTML")
    (entry,) = _entries("test-kind")
    collided = entry.with_name(mine.name)  # as if the two names were the same
    collided.parent.mkdir(parents=True, exist_ok=True)
    entry.rename(collided)
    assert memo.lookup("test-kind", mine) is None
    memo.store("test-kind", mine, "my HTML")  # the two now take turns in that one entry
    assert memo.lookup("test-kind", mine) == "my HTML"
    assert "hashlib" not in memo.__dict__  # a file name needs no OpenSSL (see the docstring)
