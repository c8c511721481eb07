"""Sharing lessons: export a handout (no key) or a full package, and unpack a shared .zip.

A package holds only what docs/formats.md lists (lesson.md, the article, the taxonomy, the key
unless it is a handout, and assets/): a whitelist, so that a stray key export, a student's
submission or an editor's backup file in the lesson folder never reaches a classroom. Zips are
deterministic (sorted names, fixed timestamps and permissions) so the same lesson always gives
the same bytes, and unpacking treats every zip as hostile: nothing may land outside the target.

A handout carries no answers, in any file: besides leaving out the key, it takes its lesson.md
from handout.py, which decides what a handout must not show (and refuses one that would give
the answers away).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.lesson import Lesson
from literacy_app.formats.atomic import create_sibling, create_sibling_folder, keep_mode
from literacy_app.formats.document import open_regular
from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson
from literacy_app.formats.lesson_package import lesson_folder as _lesson_folder
from literacy_app.i18n import _

from .handout import LeftOut, handout_lesson_md
from .writing import ARTICLE_FILE, KEY_FILE, read_metadata

ASSETS = "assets"
TAXONOMY_FILE = "taxonomy.json"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time leaks in
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_PART_BYTES = 255  # one file or folder name: what ext4, APFS and NTFS take
MAX_NAME_CHARACTERS = 1024  # a whole member path, well inside Windows' long paths
_CHUNK = 1024 * 1024
_JUNK = frozenset({"__pycache__", "__MACOSX", "Thumbs.db", "desktop.ini"})


# --- export -----------------------------------------------------------------------------------


def _is_hidden(part: str) -> bool:
    return part.startswith(".") or part.endswith("~") or part in _JUNK


def package_files(folder: Path, handout: bool) -> list[tuple[str, Path]]:
    """(name inside the package, file on disk) of what a package holds, sorted by name.

    Symbolic links are taken only when they resolve to a regular file inside the lesson folder
    (their content is copied); anything pointing out of the folder is left behind.
    """
    folder = _lesson_folder(folder)
    root = folder.resolve()
    meta = read_metadata(folder)
    names = [LESSON_FILE, meta.get("article", ARTICLE_FILE), meta.get("taxonomy", TAXONOMY_FILE)]
    if not handout:
        names.append(meta.get("key", KEY_FILE))
    chosen: dict[str, Path] = {}
    for name in names:
        relative = PurePosixPath(os.path.normpath(name).replace(os.sep, "/"))
        path = folder / relative
        if relative.is_absolute() or ".." in relative.parts:
            continue  # load_lesson has already refused such a lesson
        if _inside(path, root) and path.resolve().is_file():
            chosen[relative.as_posix()] = path
    assets = folder / ASSETS
    if assets.is_dir() and not assets.is_symlink():
        for directory, subfolders, files in os.walk(assets):  # does not follow linked folders
            subfolders[:] = sorted(d for d in subfolders if not _is_hidden(d))
            for name in sorted(files):
                path = Path(directory) / name
                if _is_hidden(name) or not _inside(path, root) or not path.resolve().is_file():
                    continue
                chosen[path.relative_to(folder).as_posix()] = path
    return sorted(chosen.items())


@dataclass(frozen=True)
class Exported:
    """Where a package was written, and what its lesson.md left out (handouts only)."""

    destination: Path
    left_out: tuple[LeftOut, ...] = ()


def package_contents(
    folder: Path, handout: bool, lesson: Lesson | None = None
) -> tuple[list[tuple[str, bytes]], tuple[LeftOut, ...]]:
    """(name, bytes) of each file a package holds, and what a handout's lesson.md left out: the
    files as they are, except a handout's lesson.md (see `handout_lesson_md`)."""
    folder = _lesson_folder(folder)
    contents = []
    left_out: tuple[LeftOut, ...] = ()
    for name, path in package_files(folder, handout):
        data = path.read_bytes()
        if handout and name == LESSON_FILE:
            data, left_out = handout_lesson_md(lesson or load_lesson(folder), path)
        contents.append((name, data))
    return contents, left_out


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def export_package(lesson_folder: Path, destination: Path, handout: bool) -> Path:
    """Write the lesson as a .zip (one top folder named after the lesson id) or a new folder.

    A handout leaves the key out (students then get "Submit" instead of "Check") and every
    part of lesson.md that would give the answers away (see `handout_text`). The lesson is
    loaded first, so a broken lesson is reported (FormatError) rather than shared. A folder
    destination must not exist yet (FileExistsError); a .zip is replaced atomically.
    """
    return export_lesson(lesson_folder, destination, handout).destination


def export_lesson(lesson_folder: Path, destination: Path, handout: bool) -> Exported:
    """`export_package`, also telling what the handout's lesson.md left out."""
    folder = _lesson_folder(lesson_folder)
    lesson = load_lesson(folder)  # with its key, even for a handout: to check for answers
    files, left_out = package_contents(folder, handout, lesson)
    if destination.suffix.lower() == ".zip":
        if destination.is_dir():
            raise FileExistsError(
                _("{path}: is a folder; give a .zip file name").format(path=destination)
            )
        _write_zip(destination, lesson.id, files)
    else:
        if destination.exists():
            raise FileExistsError(
                _("{path}: already exists; choose a new folder name").format(path=destination)
            )
        _copy_tree(destination, files)
    return Exported(destination, left_out)


def _write_zip(destination: Path, top: str, files: list[tuple[str, bytes]]) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = create_sibling(destination)
    try:
        with (
            os.fdopen(descriptor, "wb") as handle,
            zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in files:
                info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever system wrote it: same bytes everywhere
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                archive.writestr(info, data)
        keep_mode(temporary, destination)
        os.replace(temporary, destination)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise _naming(err, destination) from None
        raise


def _copy_tree(destination: Path, files: list[tuple[str, bytes]]) -> None:
    """Copy into a hidden sibling, then rename: the folder appears complete or not at all."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = create_sibling_folder(destination)
    try:
        for name, data in files:
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        staging.rename(destination)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise _naming(err, destination) from None
        raise


def _naming(err: OSError, path: Path) -> OSError:
    """`err` with a file name: a write that fails on a full disk names no file, and "No space
    left on device" alone does not tell the teacher which package was not written."""
    if err.filename:
        return err
    return type(err)(err.errno, err.strerror or str(err), str(path))


# --- import -----------------------------------------------------------------------------------


def _member_problem(zip_path: Path, name: str, message: str) -> FormatError:
    return FormatError.single(
        zip_path,
        _("{member}: {problem}; the package was not unpacked").format(
            member=repr(name), problem=message
        ),
    )


def _safe_parts(zip_path: Path, info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The path parts of a member, or FormatError if it could land outside the target."""
    name = info.filename
    if "\\" in name or "\x00" in name or any(ord(ch) < 32 for ch in name):
        raise _member_problem(zip_path, name, _("unsafe characters in the name"))
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise _member_problem(zip_path, name, _("absolute path"))
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if ".." in parts:
        raise _member_problem(zip_path, name, _("'..' in the path"))
    if len(name) > MAX_NAME_CHARACTERS or any(len(p.encode()) > MAX_PART_BYTES for p in parts):
        raise _member_problem(zip_path, name[:80], _("a name longer than a file system takes"))
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _member_problem(zip_path, name, _("a symbolic link"))
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no type recorded
        raise _member_problem(zip_path, name, _("not a regular file"))
    if info.flag_bits & 0x1:
        raise _member_problem(zip_path, name, _("encrypted"))
    if info.file_size > MAX_MEMBER_BYTES:
        raise _member_problem(
            zip_path,
            name,
            _("too large ({size} bytes; at most {limit})").format(
                size=info.file_size, limit=MAX_MEMBER_BYTES
            ),
        )
    return parts


def _plan(
    zip_path: Path, archive: zipfile.ZipFile
) -> tuple[str, list[tuple[zipfile.ZipInfo, tuple[str, ...]]]]:
    """The lesson's folder name and the files to extract (paths relative to the lesson)."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise FormatError.single(
            zip_path, _("too many files in the package ({count})").format(count=len(infos))
        )
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise FormatError.single(zip_path, _("the package unpacks to more than 256 MiB"))
    members = [(info, _safe_parts(zip_path, info)) for info in infos]
    files = [  # every member was checked above; what the unpacker's OS added is then skipped
        (info, parts)
        for info, parts in members
        if parts and not info.is_dir() and not any(_is_hidden(p) for p in parts)
    ]
    if not files:
        raise FormatError.single(zip_path, _("the package is empty"))
    seen: set[tuple[str, ...]] = set()
    for info, parts in files:
        folded = tuple(p.casefold() for p in parts)
        if folded in seen:
            raise _member_problem(zip_path, info.filename, _("appears twice"))
        seen.add(folded)
    if any(parts == (LESSON_FILE,) for _info, parts in files):
        return zip_path.stem, files
    tops = {parts[0] for _info, parts in files}
    if len(tops) == 1 and all(len(parts) > 1 for _info, parts in files):
        top = next(iter(tops))
        if any(parts == (top, LESSON_FILE) for _info, parts in files):
            return top, [(info, parts[1:]) for info, parts in files]
    raise FormatError.single(
        zip_path,
        _("not a lesson package: expected {file} at its top or in one top folder").format(
            file=LESSON_FILE
        ),
    )


def _extract(zip_path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Copy one member, never writing more than it declared (a zip bomb may lie about it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        source = archive.open(info)
    except _DAMAGED as err:
        raise _member_problem(
            zip_path, info.filename, _("damaged ({reason})").format(reason=err)
        ) from None
    with source, target.open("xb") as sink:  # an OSError of the sink is the disk's: not caught
        while True:
            try:
                chunk = source.read(_CHUNK)
            except _DAMAGED as err:
                raise _member_problem(
                    zip_path, info.filename, _("damaged ({reason})").format(reason=err)
                ) from None
            if not chunk:
                break
            written += len(chunk)
            if written > info.file_size or written > MAX_MEMBER_BYTES:
                raise _member_problem(zip_path, info.filename, _("larger than it declares"))
            sink.write(chunk)


#: What reading a damaged member raises: a header offset before the file's start is a seek the
#: OS refuses (OSError, EINVAL), a bad length an EOFError, a bad stream a zlib.error.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError)


def import_package(zip_path: Path, into: Path) -> Path:
    """Unpack a shared lesson .zip into a new folder inside `into` and check it loads.

    Absolute paths, '..', symbolic links, encrypted or oversized members are refused before
    anything is written; files are unpacked into a hidden staging folder, loaded with
    `load_lesson`, and only then renamed into place. Returns the new lesson folder.
    """
    handle = open_regular(zip_path)  # a FIFO or /dev/zero given as the .zip: refused, not read
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        handle.close()
        raise FormatError.single(
            zip_path, _("not a zip file ({reason})").format(reason=err)
        ) from None
    with handle, archive:
        name, files = _plan(zip_path, archive)
        if not name or _is_hidden(name) or "/" in name:
            raise FormatError.single(
                zip_path, _("unusable lesson folder name {name}").format(name=repr(name))
            )
        destination = into / name
        if destination.exists():
            raise FileExistsError(
                _("{path}: already exists; unpack somewhere else").format(path=destination)
            )
        into.mkdir(parents=True, exist_ok=True)
        staging = create_sibling_folder(destination, ".unpacking")
        try:
            root = staging.resolve()
            for info, parts in files:
                target = staging.joinpath(*parts)
                if not target.resolve().is_relative_to(root):  # belt and braces against slips
                    raise _member_problem(zip_path, info.filename, _("outside the lesson folder"))
                _extract(zip_path, archive, info, target)
            try:
                load_lesson(staging)
            except FormatError as err:
                raise FormatError(_relocated(err.problems, staging, zip_path)) from None
            staging.rename(destination)
        except BaseException as err:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(err, OSError):
                raise _naming(err, destination) from None
            raise
    return destination


def _relocated(problems: list[Problem], staging: Path, zip_path: Path) -> list[Problem]:
    """Problems about the staging copy, told as places inside the zip (zip!member)."""
    prefix = str(staging)
    moved = []
    for problem in problems:
        file = problem.file
        if file.startswith(prefix):
            file = f"{zip_path}!{file[len(prefix) :].lstrip(os.sep) or '.'}"
        moved.append(
            Problem(
                file,
                problem.message,
                problem.line,
                problem.column,
                problem.json_path,
                problem.severity,
            )
        )
    return moved
