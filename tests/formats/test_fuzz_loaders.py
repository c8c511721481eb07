"""Issue #14: a fuzz of every loader. Whatever the bytes, a loader either loads them or raises
the app's own FormatError (which the CLI prints as FILE:LINE:COL lines and the window shows
in a dialog), within a time bound; never a KeyError, a RecursionError, a UnicodeError or a
hang.

Inputs are drawn three ways, since random bytes alone rarely get past the first parser: a
valid file with a few values replaced by hostile ones (wrong types, NaN, 5,000-digit numbers,
deep nesting, lone surrogates, control characters), the same with its bytes then cut or
flipped, and plain random bytes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from literacy_app.authoring.checking import check
from literacy_app.authoring.packaging import import_package
from literacy_app.core.errors import FormatError
from literacy_app.core.lesson import Lesson
from literacy_app.formats import io as formats_io
from literacy_app.formats import native
from literacy_app.formats.lesson_package import (
    load_lesson,
    parse_metadata,
    split_front_matter,
)
from tests.bad_inputs.corpus import (
    TAXONOMY,
    good_lesson,
    good_submission,
    lesson_members,
    w3c_key,
    w3c_submission,
)
from tests.conftest import LESSON_MD, key_dict

SECONDS = 5.0
#: 60 per loader in the suite (480 in all, a few seconds); set LITERACY_FUZZ_EXAMPLES for a
#: longer hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("LITERACY_FUZZ_EXAMPLES", "60")),
    deadline=None,  # timed by `answered`: a loaded CI machine must not make it flaky
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    # The same examples on every run of the suite (CI fails for a change, not for luck); a
    # longer hunt draws new ones each time.
    derandomize="LITERACY_FUZZ_EXAMPLES" not in os.environ,
)

#: Text put in place of a JSON value as it is, not as a JSON string: what json.dumps never
#: writes but a stranger's file may hold.
RAW_TOKENS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "9" * 5000,
    "-" + "9" * 40,
    "[" * 3000 + "]" * 3000,
    '{"a":' * 1500 + "1" + "}" * 1500,
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"a\\u0000b\\u001b[2J\\r\\n"',
    "1.0",
    "-0",
    "0.5e-400",
    "true",
    "null",
    "{}",
    "[]",
    '""',
    "[1, 2",
    "'single'",
]

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    st.sampled_from(["loaded_language", "k1", "m1", "tiny", "literacy-key", "Annotation"]),
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    *parents, last = path
    holder = data
    for part in parents:
        holder = holder[part]
    holder[last] = value
    return data


@st.composite
def json_bytes(draw: st.DrawFn, base: Callable[[], Any]) -> bytes:
    """A valid document with one to three values replaced, then perhaps damaged as bytes."""
    shape = draw(st.sampled_from(["values", "values", "values", "damaged", "random"]))
    if shape == "random":
        return draw(st.binary(max_size=300))
    data = json.loads(json.dumps(base()))  # a copy: key_dict shares lists with conftest
    raw: dict[str, str] = {}
    for number in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        if draw(st.booleans()):
            marker = f"@@raw{number}@@"
            raw[json.dumps(marker)] = draw(st.sampled_from(RAW_TOKENS))
            data = _set(data, path, marker)
        elif path and draw(st.integers(0, 4)) == 0 and isinstance(_parent(data, path), dict):
            del _parent(data, path)[path[-1]]
        else:
            data = _set(data, path, draw(_values))
    text = json.dumps(data, indent=1)  # ensure_ascii: a lone surrogate stays an escape
    for marker, token in raw.items():
        text = text.replace(marker, token)
    encoded = text.encode("utf-8")
    if shape == "damaged":
        encoded = _damage(encoded, draw(st.randoms(use_true_random=False)))
    return encoded


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _damage(data: bytes, rng: random.Random) -> bytes:
    """Cut, flip or insert a few bytes, as a bad download or a bad editor would."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not out:
            break
        at = rng.randrange(len(out))
        action = rng.choice(["flip", "cut", "insert", "bom", "utf16"])
        if action == "flip":
            out[at] = rng.randrange(256)
        elif action == "cut":
            del out[at:]
        elif action == "insert":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif action == "bom":
            out[0:0] = b"\xef\xbb\xbf"
        else:
            return bytes(out).decode("utf-8", "replace").encode("utf-16")
    return bytes(out)


#: What a problem line must never hold: controls (a newline would split it, an ESC rewrite the
#: terminal), line separators and lone surrogates (which cannot be printed at all).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def answered(load: Callable[[], Any]) -> Any:
    """Run a loader: it loads, or raises FormatError (anything else fails the test), in time."""
    started = time.monotonic()
    try:
        result = load()
    except FormatError as err:
        for problem in err.problems:
            assert not _UNPRINTABLE.search(str(problem)), problem
        result = err
    assert time.monotonic() - started < SECONDS
    return result


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def lesson(place: Path) -> Lesson:
    return load_lesson(good_lesson(place / "good"))


def _write(place: Path, name: str, data: bytes) -> Path:
    path = place / name
    path.write_bytes(data)
    return path


# --- keys, submissions, taxonomies, W3C ----------------------------------------------------------


@FUZZ
@given(data=json_bytes(good_submission))
def test_any_submission_loads_or_says_why(place: Path, lesson: Lesson, data: bytes) -> None:
    path = _write(place, "ada.json", data)
    answered(lambda: formats_io.read_submission(path, lesson))
    answered(lambda: check(path, lesson))
    answered(lambda: formats_io.lesson_id_of(path))
    assert formats_io.kind_of(path) in ("submission", "key", "taxonomy", "w3c", "unknown")


@FUZZ
@given(data=json_bytes(key_dict))
def test_any_key_loads_or_says_why(place: Path, lesson: Lesson, data: bytes) -> None:
    path = _write(place, "key.json", data)
    answered(lambda: formats_io.read_key(path, lesson))
    answered(lambda: check(path, lesson))


@FUZZ
@given(data=json_bytes(lambda: json.loads(json.dumps(TAXONOMY))))
def test_any_taxonomy_loads_or_says_why(place: Path, data: bytes) -> None:
    path = _write(place, "taxonomy.json", data)
    answered(lambda: native.read_taxonomy(path))
    answered(lambda: check(path))


@FUZZ
@given(data=json_bytes(w3c_submission), as_key=st.booleans())
def test_any_w3c_annotations_load_or_say_why(
    place: Path, lesson: Lesson, data: bytes, as_key: bool
) -> None:
    path = _write(place, "annotations.json", data)
    if as_key:
        answered(lambda: formats_io.read_key(path, lesson))
    else:
        answered(lambda: formats_io.read_submission(path, lesson))
    answered(lambda: check(path, lesson))


@FUZZ
@given(data=json_bytes(w3c_key))
def test_any_w3c_key_loads_or_says_why(place: Path, lesson: Lesson, data: bytes) -> None:
    path = _write(place, "w3c-key.json", data)
    answered(lambda: formats_io.read_key(path, lesson))


# --- lesson folders and their metadata block ----------------------------------------------------


YAML_TOKENS = [
    "&a [*a]",
    "*undefined",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!timestamp 2001-12-14",
    "!!float nan",
    ".nan",
    ".inf",
    "9" * 5000,
    "0x" + "f" * 5000,
    "1_000_000",
    "[" * 2000 + "]" * 2000,
    "{" * 200 + "}" * 200,
    '"\\ud800"',
    '"\\e[2J\\0\\r\\n"',
    "'a\tb'",
    "? [a, b]\n  : c",
    "|\n  text",
    "-",
    "~",
    "",
    "[1, 2",
    "'unclosed",
]


@st.composite
def lesson_md(draw: st.DrawFn) -> bytes:
    """lesson.md with metadata values replaced by hostile YAML, lines cut or shuffled."""
    lines = LESSON_MD.split("\n")
    shape = draw(st.sampled_from(["values", "values", "lines", "damaged", "random"]))
    if shape == "random":
        return draw(st.binary(max_size=300))
    if shape == "lines":
        rng = draw(st.randoms(use_true_random=False))
        rng.shuffle(lines)
        lines = lines[: draw(st.integers(0, len(lines)))]
    else:
        metadata = [i for i, line in enumerate(lines[:15]) if ": " in line or line.endswith(":")]
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.sampled_from(metadata))
            name = lines[at].split(":", 1)[0]
            value = draw(
                st.one_of(
                    st.sampled_from(YAML_TOKENS),
                    st.text(st.characters(codec="utf-8"), max_size=20),
                )
            )
            lines[at] = f"{name}: {value}"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    encoded = newline.join(lines).encode("utf-8", "surrogatepass")
    if shape == "damaged":
        encoded = _damage(encoded, draw(st.randoms(use_true_random=False)))
    return encoded


@FUZZ
@given(data=lesson_md())
def test_any_lesson_md_loads_or_says_why(place: Path, data: bytes) -> None:
    folder = place / "lesson"
    if not folder.exists():
        good_lesson(place / "lesson-parent").rename(folder)
    (folder / "lesson.md").write_bytes(data)
    answered(lambda: load_lesson(folder))
    answered(lambda: check(folder))
    text = data.decode("utf-8", "replace")
    metadata = answered(lambda: split_front_matter(text, "lesson.md"))
    if isinstance(metadata, tuple):
        answered(lambda: parse_metadata(metadata[0], "lesson.md", 2))


@FUZZ
@given(
    which=st.sampled_from(["key.json", "taxonomy.json", "article.txt"]),
    data=st.one_of(
        json_bytes(key_dict),
        json_bytes(lambda: json.loads(json.dumps(TAXONOMY))),
        st.binary(max_size=200),
    ),
)
def test_any_file_in_a_lesson_folder_loads_or_says_why(
    place: Path, which: str, data: bytes
) -> None:
    folder = place / "lesson-files"
    if not folder.exists():
        good_lesson(place / "lesson-files-parent").rename(folder)
    for name in ("key.json", "taxonomy.json", "article.txt"):  # back to good, then break one
        good = place / "lesson-files-parent-good"
        if not good.exists():
            good_lesson(good)
        source = good / "tiny" / name
        if source.exists():
            (folder / name).write_bytes(source.read_bytes())
        else:
            (folder / name).unlink(missing_ok=True)
    (folder / which).write_bytes(data)
    answered(lambda: load_lesson(folder))


# --- shared packages ---------------------------------------------------------------------------


HOSTILE_NAMES = [
    "tiny/../../evil.txt",
    "/abs/evil.txt",
    "C:/evil.txt",
    "tiny\\..\\evil.txt",
    "tiny/\x1b[2J.txt",
    "tiny/a\x00b",
    "tiny/LESSON.md",
    "tiny/assets/",
    "other/lesson.md",
    "lesson.md",
    "tiny/assets/" + "a" * 300,
    "tiny/./key.json",
    "../tiny/lesson.md",
]


@st.composite
def zip_bytes(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["members", "members", "damaged", "random"]))
    if shape == "random":
        return draw(st.binary(max_size=400))
    members = [(name, data) for name, data in lesson_members()]  # type: ignore[misc]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            if draw(st.integers(0, 5)) == 0:
                continue  # a member left out
            archive.writestr(str(name), data)
        for _ in range(draw(st.integers(0, 2))):
            info = zipfile.ZipInfo(draw(st.sampled_from(HOSTILE_NAMES)))
            info.external_attr = draw(st.sampled_from([0, 0o100644, 0o120777, 0o010644, 0o040755]))
            info.external_attr <<= 16
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            with contextlib.suppress(ValueError), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Duplicate name": a case, not a mistake
                archive.writestr(info, draw(st.binary(max_size=50)))  # a few are refused
    data = buffer.getvalue()
    if shape == "damaged":
        rng = draw(st.randoms(use_true_random=False))
        out = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        data = bytes(out)
    return data


@FUZZ
@given(data=zip_bytes())
def test_any_zip_unpacks_or_says_why(place: Path, data: bytes) -> None:
    package = _write(place, "shared.zip", data)
    target = place / f"unpacked-{time.monotonic_ns()}"
    result = answered(lambda: import_package(package, target))
    if isinstance(result, Path):  # what was unpacked is inside the target, and loads
        assert result.resolve().is_relative_to(target.resolve())
        load_lesson(result)
    else:
        assert not target.exists() or not any(target.iterdir())  # nothing left behind
