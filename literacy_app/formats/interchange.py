"""Other tools' annotation formats, in one table: how to tell a file of each (`claims`), read
it into articles with marks (`read`, standoff.Standoff) and write a key's or a submission's
marks (`write`). `literacy-app import` / `export` and the window's File menu both use it.

W3C Web Annotation carries no text of its own and is read by formats/io.py, which keeps all a
key says; `native` is the app's own format, written only. Each function imports what it uses.
A writer raises ValueError for an output it cannot use (brat needs a .ann name, PTC a folder)
and OSError when the disk refuses; warnings go to the `warn` it is given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.i18n import _

if TYPE_CHECKING:
    from literacy_app.core.errors import Problem
    from literacy_app.core.key import AnswerKey
    from literacy_app.core.lesson import Lesson
    from literacy_app.core.marks import Mark
    from literacy_app.core.submission import Submission
    from literacy_app.core.taxonomy import Taxonomy
    from literacy_app.formats.standoff import Standoff


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need beyond the file: the categories in force, the lesson (for
    formats without a text of their own), and Label Studio's choice of annotation."""

    taxonomy: Taxonomy
    lesson: Lesson | None = None
    annotation: int | None = None
    predictions: bool = False
    text_key: str | None = None


@dataclass(frozen=True)
class Exporting:
    """A key or a submission to write, with the article its offsets count in. `marks` are
    what stand-off formats hold: a submission's marks, or a key's items with the rationale
    as the note."""

    text: str
    marks: tuple[Mark, ...]
    lesson: Lesson
    key: AnswerKey | None = None
    submission: Submission | None = None


Reader = Callable[[Path, ReadOptions], "list[Standoff]"]
Warn = Callable[["Problem"], None]
Writer = Callable[[Exporting, "str | Path | None", Warn], None]


def to_stderr(problem: Problem) -> None:
    print(problem, file=sys.stderr)


@dataclass(frozen=True)
class Format:
    claims: Callable[[Path], bool] | None = None  # whether `import` takes this file as ours
    read: Reader | None = None
    write: Writer | None = None


# --- output -----------------------------------------------------------------------------------


def write_text(text: str, destination: str | Path | None) -> None:
    """stdout, or a file written whole or not at all (formats/atomic.py)."""
    if destination is None or str(destination) == "-":
        sys.stdout.write(text)
        return
    from literacy_app.formats.atomic import atomic_write

    atomic_write(Path(destination), text)


# --- formats ----------------------------------------------------------------------------------


def _json_data(path: Path) -> Any:
    from literacy_app.core.errors import FormatError
    from literacy_app.formats.document import JsonDocument

    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        return JsonDocument.read(path).data
    except FormatError:
        return None


def _claims_brat(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").exists())


def _claims_labelstudio(path: Path) -> bool:
    from literacy_app.formats.labelstudio import looks_like_labelstudio

    return looks_like_labelstudio(_json_data(path))


def _claims_w3c(path: Path) -> bool:
    from literacy_app.formats.w3c import looks_like_w3c

    return looks_like_w3c(_json_data(path))


def _read_brat(path: Path, options: ReadOptions) -> list[Standoff]:
    from literacy_app.formats.brat import read_brat

    ann = path.with_suffix(".ann") if path.suffix.lower() == ".txt" else path
    return [read_brat(ann, options.taxonomy)]


def _read_labelstudio(path: Path, options: ReadOptions) -> list[Standoff]:
    from literacy_app.formats.labelstudio import read_labelstudio

    return read_labelstudio(
        path, options.taxonomy, options.annotation, options.predictions, options.text_key
    )


def _write_json(item: Exporting, output: str | Path | None, w3c_form: bool) -> None:
    """A key or a submission as JSON: W3C Web Annotation, or the app's own format."""
    from literacy_app.formats import native, w3c

    if item.key is not None:
        data = w3c.key_to_w3c(item.key) if w3c_form else native.key_to_dict(item.key)
    else:
        assert item.submission is not None
        submission = item.submission
        data = (
            w3c.submission_to_w3c(submission) if w3c_form else native.submission_to_dict(submission)
        )
    write_text(native.dumps(data), output)


def _write_w3c(item: Exporting, output: str | Path | None, warn: Warn) -> None:
    _write_json(item, output, w3c_form=True)


def _write_native(item: Exporting, output: str | Path | None, warn: Warn) -> None:
    _write_json(item, output, w3c_form=False)


def _write_brat(item: Exporting, output: str | Path | None, warn: Warn) -> None:
    from literacy_app.formats.brat import text_path_of, to_brat

    if output is None or str(output) == "-" or Path(output).suffix.lower() != ".ann":
        raise ValueError(_("brat needs a FILE.ann to write (the .txt is written beside it)"))
    txt, ann = to_brat(item.text, item.marks)
    write_text(txt, text_path_of(Path(output)))  # the text first: an .ann never lacks its text
    write_text(ann, output)


def _write_labelstudio(item: Exporting, output: str | Path | None, warn: Warn) -> None:
    from literacy_app.formats.labelstudio import to_labelstudio
    from literacy_app.formats.native import dumps

    student = item.submission.student.display() if item.submission is not None else ""
    tasks = to_labelstudio(
        item.text, item.marks, item.lesson.id, item.lesson.title, "" if item.key else student
    )
    write_text(dumps(tasks), output)


def _claims_ptc(path: Path) -> bool:
    from literacy_app.formats.ptc import claims

    return claims(path)


def _read_ptc(path: Path, options: ReadOptions) -> list[Standoff]:
    from literacy_app.formats.ptc import read_standoffs

    return read_standoffs(path, options.taxonomy)


def _write_ptc(item: Exporting, output: str | Path | None, warn: Warn) -> None:
    from literacy_app.formats.ptc import article_id_for, write_ptc

    if output is None or str(output) == "-":
        raise ValueError(
            _("PTC needs a FOLDER to write (article<ID>.txt and .labels.tsv go there)")
        )
    spans = [(m.start, m.end, m.category) for m in item.marks]
    write_ptc(Path(output), article_id_for(item.lesson.id), item.text, spans, on_warning=warn)


#: name -> how to tell, read and write it. `import` tries `claims` in this order; another
#: format is added with one entry (`--from` and `--to` take their choices from here).
FORMATS: dict[str, Format] = {
    "brat": Format(claims=_claims_brat, read=_read_brat, write=_write_brat),
    "labelstudio": Format(
        claims=_claims_labelstudio, read=_read_labelstudio, write=_write_labelstudio
    ),
    "ptc": Format(claims=_claims_ptc, read=_read_ptc, write=_write_ptc),
    "w3c": Format(claims=_claims_w3c, write=_write_w3c),  # read by formats/io.py, see above
    "native": Format(write=_write_native),
}


# --- import -----------------------------------------------------------------------------------


def format_of(path: Path, forced: str | None = None) -> str:
    if forced is not None:
        return forced
    for name, entry in FORMATS.items():
        if entry.claims is not None and entry.claims(path):
            return name
    from literacy_app.core.errors import FormatError

    if not path.exists():
        raise FormatError.single(path, _("file not found"))
    readable = ", ".join(n for n, f in FORMATS.items() if f.claims is not None)
    raise FormatError.single(
        path,
        _("not a file import knows ({formats}); name the format with --from").format(
            formats=readable
        ),
    )
