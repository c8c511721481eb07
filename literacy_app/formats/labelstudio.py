"""Label Studio's JSON export of span labels: a list of tasks, one article each.

A task holds its text in `data` (under `text`, or the one text field there is), and the
annotators' work in `annotations[].result[]`: entries of type `labels` with `value.start`,
`value.end`, `value.text` and `value.labels`; a per-region `textarea` entry with the same `id`
is that region's note. `predictions` (a model's guesses) have the same shape. When a task has
several annotations one is taken (the first unless told), and the reader says so.

Label Studio counts offsets in code points today, but versions before 1.4 counted UTF-16 units
(an emoji two): a span whose text matches only when counted that way is taken so, with a
warning; one matching neither is placed by its text, or refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeGuard

from literacy_app.core.marks import Mark
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.core.text import Utf16Index
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.json_source import format_path
from literacy_app.formats.standoff import (
    Place,
    SourceMark,
    SourceText,
    Standoff,
    resolve_label,
    unique_id,
    unknown_label,
)
from literacy_app.i18n import _

__all__ = ["looks_like_labelstudio", "parse_labelstudio", "read_labelstudio", "to_labelstudio"]

_Path = tuple[str | int, ...]
FROM_NAME = "label"
NOTE_NAME = "note"
TO_NAME = "text"
#: Fields `to_labelstudio` writes beside the text, never taken for it.
_NOT_TEXT = ("lesson", "title", "student")


def looks_like_labelstudio(data: Any) -> bool:
    """A task, or a list of them: objects with a `data` object and annotations or predictions."""
    tasks = data if isinstance(data, list) else [data]
    return bool(tasks) and all(
        isinstance(t, dict)
        and isinstance(t.get("data"), dict)
        and any(k in t for k in ("annotations", "predictions", "completions"))
        for t in tasks
    )


def read_labelstudio(
    path: Path,
    taxonomy: Taxonomy,
    annotation: int | None = None,
    predictions: bool = False,
    text_key: str | None = None,
) -> list[Standoff]:
    return parse_labelstudio(JsonDocument.read(path), taxonomy, annotation, predictions, text_key)


def parse_labelstudio(
    doc: JsonDocument,
    taxonomy: Taxonomy,
    annotation: int | None = None,
    predictions: bool = False,
    text_key: str | None = None,
) -> list[Standoff]:
    """One Standoff per task. `annotation` picks which of a task's annotations (0-based;
    default the first, said when there are more); `predictions` reads those instead."""
    data = doc.data
    if isinstance(data, dict) and looks_like_labelstudio(data):
        tasks: list[tuple[_Path, Any]] = [((), data)]
    elif isinstance(data, list) and data:
        tasks = [((i,), t) for i, t in enumerate(data)]
    else:
        doc.error(
            (), _("expected a Label Studio export: a list of tasks with data and annotations")
        )
        doc.raise_if_errors()
        tasks = []
    read = []
    for path, task in tasks:
        standoff = _task(doc, path, task, taxonomy, annotation, predictions, text_key)
        if standoff is not None:
            read.append(standoff)
    doc.raise_if_errors()
    return read


def _task(
    doc: JsonDocument,
    path: _Path,
    task: Any,
    taxonomy: Taxonomy,
    annotation: int | None,
    predictions: bool,
    text_key: str | None,
) -> Standoff | None:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        doc.error(path, _("expected a task: an object with a 'data' object"))
        return None
    before = len(doc.problems)
    raw = _text(doc, path, task["data"], text_key)
    if raw is None:
        return None
    source = SourceText(raw)
    if not source.text.strip():
        doc.error((*path, "data"), _("the task's text is empty: no article to mark"))
        return None
    chosen = _chosen(doc, path, task, annotation, predictions)
    if chosen is None:
        return None
    where, results = chosen
    marks = _marks(doc, where, results, source, taxonomy)
    mapped = source.mapped_warning(doc.file, "Label Studio")
    if mapped is not None:
        doc.problems.append(doc.problem((*path, "data"), mapped.message, "warning"))
    task_id = task.get("id")
    name = f"task-{task_id}" if isinstance(task_id, int | str) and str(task_id) else ""
    info = task["data"]
    return Standoff(
        file=doc.file,
        text=source.text,
        marks=tuple(marks),
        warnings=tuple(p for p in doc.problems[before:] if p.severity == "warning"),
        title=_string(info.get("title")) or _first_line(source.text),
        name=name or f"task-{path[0] if path else 0}",
        student=_string(info.get("student")),
    )


def _string(value: Any) -> str:
    return value.strip()[:200] if isinstance(value, str) else ""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")[:200]


def _text(doc: JsonDocument, path: _Path, data: dict[str, Any], key: str | None) -> str | None:
    here = (*path, "data")
    if key is not None:
        if not isinstance(data.get(key), str):
            doc.error(
                here,
                _("no text under data.{key} (the task's fields: {fields})").format(
                    key=key[:40], fields=_fields(data)
                ),
            )
            return None
        return str(data[key])
    if isinstance(data.get("text"), str):
        return str(data["text"])
    texts = [k for k, v in data.items() if isinstance(v, str) and k not in _NOT_TEXT]
    if len(texts) == 1:
        return str(data[texts[0]])
    doc.error(
        here,
        _(
            "which field is the text? expected data.text or one text field, found: {fields} "
            "(name it with --text-key)"
        ).format(fields=_fields(data)),
    )
    return None


def _fields(data: dict[str, Any]) -> str:
    return ", ".join(str(k)[:40] for k in list(data)[:20]) or _("none")


def _chosen(
    doc: JsonDocument, path: _Path, task: dict[str, Any], index: int | None, predictions: bool
) -> tuple[_Path, list[Any]] | None:
    """The result list to read and its path, saying which was taken when there was a choice."""
    kind = "predictions" if predictions else "annotations"
    if kind == "annotations" and "annotations" not in task and "completions" in task:
        kind = "completions"  # exports before Label Studio 1.0
    entries = task.get(kind, [])
    if not isinstance(entries, list):
        doc.error((*path, kind), _("expected a list of {kind}").format(kind=kind))
        return None
    if not entries and kind != "predictions" and task.get("predictions") and index is None:
        doc.warn(
            (*path, "predictions"),
            _("the task has no annotations: its first prediction was imported instead"),
        )
        kind, entries = "predictions", task["predictions"]
        if not isinstance(entries, list):
            doc.error((*path, kind), _("expected a list of predictions"))
            return None
    if not entries:
        doc.warn(
            (*path, kind), _("the task has no {kind}: imported without marks").format(kind=kind)
        )
        return (*path, kind), []
    chosen = 0 if index is None else index
    if not 0 <= chosen < len(entries):
        doc.error(
            (*path, kind),
            _("--annotation {chosen}: the task has {count} {kind} (0 to {last})").format(
                chosen=chosen, count=len(entries), kind=kind, last=len(entries) - 1
            ),
        )
        return None
    if len(entries) > 1 and index is None:
        doc.warn(
            (*path, kind),
            _(
                "the task has {count} {kind}: the first was imported (choose another with "
                "--annotation N, counting from 0)"
            ).format(count=len(entries), kind=kind),
        )
    entry = entries[chosen]
    here = (*path, kind, chosen)
    if not isinstance(entry, dict) or not isinstance(entry.get("result", []), list):
        doc.error(here, _("expected an object with a 'result' list"))
        return None
    if entry.get("was_cancelled") is True:
        doc.warn(here, _("this annotation was cancelled (skipped) in Label Studio"))
    return (*here, "result"), entry.get("result", [])


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _marks(
    doc: JsonDocument, where: _Path, results: list[Any], source: SourceText, taxonomy: Taxonomy
) -> list[SourceMark]:
    notes: dict[str, list[str]] = {}
    others: Counter[str] = Counter()
    regions: list[tuple[_Path, dict[str, Any]]] = []
    for k, result in enumerate(results):
        here = (*where, k)
        if not isinstance(result, dict):
            doc.error(here, _("expected a result object"))
            continue
        kind = result.get("type")
        if kind == "labels":
            regions.append((here, result))
        elif kind == "textarea" and isinstance(result.get("id"), str | int):
            texts = (result.get("value") or {}).get("text", [])
            texts = [texts] if isinstance(texts, str) else texts
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                doc.error((*here, "value", "text"), _("expected the note as a list of texts"))
                continue
            notes.setdefault(str(result["id"]), []).extend(texts)
        else:
            others[str(kind)[:30]] += 1
    if others:
        counts = ", ".join(
            _("{count} of type {type}").format(count=n, type=repr(k))
            for k, n in sorted(others.items())
        )
        doc.warn(
            where,
            _("ignored results the app has no use for ({counts}): only span labels").format(
                counts=counts
            ),
        )
    utf16 = Utf16Index(source.raw) if any(ord(c) > 0xFFFF for c in source.raw) else None
    used: set[str] = set()
    marks = []
    for here, result in regions:
        read = _region(doc, here, result, source, taxonomy, utf16)
        if read is None:
            continue
        start, end, category = read
        region_id = str(result.get("id", ""))
        note = "\n".join(notes.get(region_id, ())) if region_id else ""
        mark = source.mark(unique_id(region_id, used), start, end, category, note)
        if mark is None:
            doc.error(here, _("its text cannot be found in the normalized article"))
            continue
        position = doc.locate(here)
        marks.append(
            SourceMark(mark, Place(doc.file, position.line, position.column, format_path(here)))
        )
    return marks


def _region(
    doc: JsonDocument,
    here: _Path,
    result: dict[str, Any],
    source: SourceText,
    taxonomy: Taxonomy,
    utf16: Utf16Index | None,
) -> tuple[int, int, str] | None:
    value = result.get("value")
    if not isinstance(value, dict):
        doc.error((*here, "value"), _("expected a value with start, end and labels"))
        return None
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        doc.error((*here, "value", "labels"), _("expected a list of one or more label names"))
        return None
    category = resolve_label(taxonomy, labels[0])
    if category is None:
        doc.error((*here, "value", "labels", 0), unknown_label(taxonomy, labels[0]))
        return None
    if len(labels) > 1:
        doc.warn(
            (*here, "value", "labels"),
            _("{count} labels on one span: the first taken").format(count=len(labels)),
        )
    start, end = value.get("start"), value.get("end")
    if not _whole(start) or not _whole(end):
        doc.error((*here, "value"), _("expected start and end as whole numbers"))
        return None
    length = len(source.raw)
    said = value.get("text")
    said = said if isinstance(said, str) else None
    if 0 <= start < end <= length and (said is None or source.raw[start:end] == said):
        return start, end, category
    if utf16 is not None and said is not None:
        begin, finish = utf16.from_utf16(start), utf16.from_utf16(end)
        if begin < finish and source.raw[begin:finish] == said:
            doc.warn((*here, "value"), _("offsets counted in UTF-16 units (older Label Studio)"))
            return begin, finish, category
    if said:
        found = _nearest(source.raw, said, start)
        if found is not None:
            doc.warn(
                (*here, "value"),
                _("the text at {start}-{end} is not {said}: placed by that text instead").format(
                    start=start, end=end, said=repr(said[:40])
                ),
            )
            return found, found + len(said), category
        doc.error(
            (*here, "value", "text"),
            _("text {said} not found in the task's text").format(said=repr(said[:40])),
        )
        return None
    doc.error(
        (*here, "value"),
        _("span {start}-{end} is not within the text ({length} characters, start < end)").format(
            start=start, end=end, length=length
        ),
    )
    return None


def _nearest(text: str, quote: str, near: int) -> int | None:
    best: int | None = None
    position = text.find(quote)
    while position != -1:
        if best is None or abs(position - near) < abs(best - near):
            best = position
        position = text.find(quote, position + 1)
    return best


def to_labelstudio(
    text: str,
    marks: Sequence[Mark],
    lesson: str = "",
    title: str = "",
    student: str = "",
) -> list[dict[str, Any]]:
    """One task with the marks as one annotation: a `labels` region per mark (label: the
    category id, `from_name` "label", `to_name` "text") and a per-region `textarea` ("note")
    for each note, the shape Label Studio imports with a labeling config of those names."""
    result: list[dict[str, Any]] = []
    for mark in marks:
        span = {"start": mark.start, "end": mark.end}
        result.append(
            {
                "id": mark.id,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "origin": "manual",
                "value": {**span, "text": text[mark.start : mark.end], "labels": [mark.category]},
            }
        )
        if mark.note:
            result.append(
                {
                    "id": mark.id,
                    "from_name": NOTE_NAME,
                    "to_name": TO_NAME,
                    "type": "textarea",
                    "origin": "manual",
                    "value": {**span, "text": [mark.note]},
                }
            )
    data: dict[str, Any] = {"text": text}
    for name, value in (("lesson", lesson), ("title", title), ("student", student)):
        if value:
            data[name] = value
    return [
        {"id": 1, "data": data, "annotations": [{"id": 1, "result": result}], "predictions": []}
    ]
