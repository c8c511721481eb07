"""A content-addressed cache for work derived from lesson files, so a returning student's start
does not pay again for what the last start already worked out.

Three results are kept: "this document passed its JSON Schema" (schema validation), the parsed
YAML metadata of a lesson.md, and the safe HTML rendered from a lesson's Markdown. Each is a pure
function of its input and of the code that produced it (see `code_identity`), and each entry
keeps that input and identity beside the result: a lookup compares them in full, so a hit is
always for exactly this text processed by exactly this code. Change the file, the schema, our
module or the library, and the entry is simply never found again. Only successes are stored; a
file with problems is checked in full every time, so its messages never come from the cache.

Entries are named by a CRC-32 and the length of what they are for; the name only finds the
entry, the comparison decides. Two inputs that share a name just take turns in one entry (a
miss, never a wrong answer), and no cryptographic hash is needed: `hashlib` loads OpenSSL,
~3 ms of every start-up for a file name.

Skipping those three is what keeps PyYAML, Python-Markdown and fastjsonschema out of a normal
start-up (about 0.1 s together; see benchmarks/bench_startup.py).

The cache is an optimisation, never a source of truth: every failure to read or write it (no
home folder, a full disk, a damaged entry) is a miss, never an error. Entries are small files
under the user's cache folder, written by write-then-rename.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import time
import zlib
from functools import cache
from pathlib import Path

__all__ = ["Key", "cache_dir", "code_identity", "key_for", "lookup", "prune", "store"]

APP_FOLDER = "literacy-app"
DAY = 24 * 60 * 60
KEEP_DAYS = 60  # an entry unused this long is deleted (see `prune`)
_pruned: set[str] = set()  # kinds pruned by this process


def cache_dir() -> Path:
    """`LITERACY_APP_HOME/cache` when that is set (tests, benchmarks, portable installs),
    otherwise the platform's per-user cache folder."""
    override = os.environ.get("LITERACY_APP_HOME")
    if override:
        return Path(override) / "cache"
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_FOLDER / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_FOLDER
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP_FOLDER


@cache
def code_identity(*sources: str) -> str:
    """A fingerprint of the code behind a cached result. Each source is a file path or an
    importable module name (found without importing it); its size and modification time
    stand for its contents, so upgrading a library or editing our module starts afresh."""
    parts: list[str] = []
    for source in sources:
        path = source
        if os.path.sep not in source:
            spec = importlib.util.find_spec(source)
            path = (spec.origin if spec else None) or source
        try:
            stat = os.stat(path)
            parts.append(f"{source}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:missing")
    return "\n".join(parts)


class Key:
    """What an entry is for: the code's identity and the inputs, length-prefixed so that
    ("ab", "c") and ("a", "bc") never match, and the entry's file name derived from them."""

    __slots__ = ("content", "name")

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.name = f"{zlib.crc32(content):08x}{len(content):x}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Key) and other.content == self.content

    def __hash__(self) -> int:
        return hash(self.content)

    def __repr__(self) -> str:
        return f"Key({self.name})"


def key_for(identity: str, *inputs: str | bytes) -> Key:
    """The key for `inputs` processed by the code `identity` names."""
    parts = []
    for value in (identity, *inputs):
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
        parts += [len(data).to_bytes(8, "little"), data]
    return Key(b"".join(parts))


def _entry(kind: str, key: Key) -> Path:
    return cache_dir() / kind / key.name[:2] / key.name


def lookup(kind: str, key: Key) -> str | None:
    """The stored text, or None on a miss of any sort (no entry, an entry for other input that
    shares the name, a damaged entry). A hit marks the entry as used (at most once a day, one
    cheap write) so that `prune` keeps what is still read."""
    entry = _entry(kind, key)
    try:
        data = entry.read_bytes()
        header_end = data.index(b"\n")
        length = int(data[:header_end])
        stored_for = data[header_end + 1 : header_end + 1 + length]
        if stored_for != key.content:
            return None
        text = data[header_end + 1 + length :].decode("utf-8")
        if time.time() - entry.stat().st_mtime > DAY:
            os.utime(entry)
    except (OSError, ValueError):  # ValueError: no header, a bad length, not UTF-8
        return None
    return text


def store(kind: str, key: Key, value: str) -> None:
    """Keep `value` for later starts; silently does nothing if the cache cannot be written.
    The first store of each kind in a process also prunes that kind."""
    if kind not in _pruned:
        _pruned.add(kind)
        prune(kind)
    target = _entry(kind, key)
    temporary = target.with_name(f".{key.name}.{os.getpid()}.tmp")
    data = b"%d\n" % len(key.content) + key.content + value.encode("utf-8", "surrogatepass")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def prune(kind: str, max_age_days: float = KEEP_DAYS) -> int:
    """Delete entries of `kind` unused for `max_age_days`: an author who edits a lesson a
    hundred times leaves a hundred superseded entries, which nothing will ever ask for again.
    Returns how many were deleted."""
    folder = cache_dir() / kind
    cutoff = time.time() - max_age_days * DAY
    deleted = 0
    try:
        entries = [p for p in folder.glob("*/*") if p.is_file()]
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
                deleted += 1
    return deleted
