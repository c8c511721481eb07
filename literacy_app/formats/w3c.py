"""W3C Web Annotation (JSON-LD) for submissions and keys.

Tools such as Hypothesis speak this format, so a class can annotate elsewhere and be graded
here. A mark is an Annotation whose target has a TextQuoteSelector and/or a TextPositionSelector
and whose `classifying` TextualBody names the category; a `commenting` body is the note (for a
key, the rationale).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeGuard

from literacy_app.core.anchoring import (
    AnchorBudget,
    Anchored,
    AnchorReport,
    AnchorStatus,
    anchor_mark,
)
from literacy_app.core.key import AnswerKey, KeyItem, ScoringSettings
from literacy_app.core.marks import Mark, next_mark_id
from literacy_app.core.submission import Student, Submission
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.native import ArticleRef, ItemSpans, Loaded, span_dict
from literacy_app.formats.validation import schema
from literacy_app.i18n import _

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "https://literacy-lab.invalid/ns#"
_Path = tuple[str | int, ...]


def looks_like_w3c(data: Any) -> bool:
    if isinstance(data, list):  # an empty list says nothing: `[]` as a key is no W3C key
        return bool(data) and all(isinstance(a, dict) and _is_annotation(a) for a in data)
    if not isinstance(data, dict):
        return False
    return data.get("type") in ("AnnotationCollection", "AnnotationPage") or _is_annotation(data)


def looks_like_w3c_key(data: Any) -> bool:
    """W3C annotations written as an answer key (by `key_to_w3c`): the collection carries
    scoring settings or a revision, or its annotations say whether they are required."""
    if not looks_like_w3c(data):
        return False
    if isinstance(data, dict) and (f"{NS}scoring" in data or f"{NS}revision" in data):
        return True
    return any(
        isinstance(a, dict) and (f"{NS}required" in a or f"{NS}weight" in a)
        for _, a in _items(data) or []
    )


def _is_annotation(data: dict[str, Any]) -> bool:
    kind = data.get("type")
    return kind == "Annotation" or (isinstance(kind, list) and "Annotation" in kind)


def _items(data: Any) -> list[tuple[_Path, Any]] | None:
    """The annotations with their JSON paths, wherever the three shapes keep them; None if
    `data` is a collection without any place for them."""
    if isinstance(data, list):
        return [((i,), a) for i, a in enumerate(data)]
    if not isinstance(data, dict):
        return None
    if _is_annotation(data):
        return [((), data)]
    if isinstance(data.get("items"), list):
        return [(("items", i), a) for i, a in enumerate(data["items"])]
    first = data.get("first")
    if isinstance(first, dict) and isinstance(first.get("items"), list):
        return [(("first", "items", i), a) for i, a in enumerate(first["items"])]
    return None


def _annotations(doc: JsonDocument) -> list[tuple[_Path, Any]]:
    found = _items(doc.data)
    if found is None:
        doc.error((), _("expected an AnnotationCollection with 'items' or 'first.items'"))
        return []
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _bodies(annotation: dict[str, Any], purpose: str) -> list[str]:
    values = []
    for body in _as_list(annotation.get("body")):
        if isinstance(body, dict) and purpose in _as_list(body.get("purpose")):
            value = body.get("value")
            if isinstance(value, str):
                values.append(value)
    return values


def _selectors(annotation: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    quote = position = None
    for target in _as_list(annotation.get("target")):
        if not isinstance(target, dict):
            continue
        for selector in _as_list(target.get("selector")):
            if not isinstance(selector, dict):
                continue
            if selector.get("type") == "TextQuoteSelector" and quote is None:
                quote = selector
            elif selector.get("type") == "TextPositionSelector" and position is None:
                position = selector
    return quote, position


def _whole(value: Any) -> TypeGuard[int]:
    """A whole number as JSON writes one: `true` is an int to Python, not an offset to us."""
    return isinstance(value, int) and not isinstance(value, bool)


def _local_id(annotation: dict[str, Any]) -> str:
    raw = annotation.get("id") or annotation.get("@id") or ""
    if not isinstance(raw, str):
        return ""
    for separator in ("#", "/", ":"):
        raw = raw.rsplit(separator, 1)[-1]
    return raw


def _read_mark(
    doc: JsonDocument,
    path: _Path,
    annotation: dict[str, Any],
    taxonomy: Taxonomy,
    article: ArticleRef,
    used_ids: set[str],
    orphans_are_errors: bool = False,
    budget: AnchorBudget | None = None,
) -> tuple[Mark, Anchored | None] | None:
    categories = _bodies(annotation, "classifying")
    if not categories:
        doc.error(
            (*path, "body"),
            _("expected a TextualBody with purpose 'classifying' naming a category"),
        )
        return None
    category = taxonomy.resolve(categories[0])
    if category is None:
        doc.error((*path, "body"), _("unknown category {name}").format(name=repr(categories[0])))
        return None
    quote, position = _selectors(annotation)
    if quote is None and position is None:
        doc.error((*path, "target"), _("expected a TextQuoteSelector or a TextPositionSelector"))
        return None
    mark_id = _local_id(annotation)
    if not mark_id or mark_id in used_ids:
        mark_id = next_mark_id(used_ids)
    used_ids.add(mark_id)
    note = "\n\n".join(_bodies(annotation, "commenting"))
    exact = str(quote.get("exact", "")) if quote else ""
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if not (_whole(start) and _whole(end) and 0 <= start < end):
            doc.error(
                (*path, "target"),
                _("expected TextPositionSelector start < end, whole numbers"),
            )
            return None
    else:
        start = end = 0
    mark = Mark(
        mark_id,
        start,
        end,
        category,
        note,
        exact,
        str(quote.get("prefix", "")) if quote else "",
        str(quote.get("suffix", "")) if quote else "",
    )
    if (
        position is not None
        and end <= len(article.text)
        and (not exact or article.text[start:end] == exact)
    ):
        return mark.with_context(article.text), None
    if not exact:
        doc.error(
            (*path, "target"),
            _("position {start}-{end} is outside the article (length {length})").format(
                start=start, end=end, length=len(article.text)
            ),
        )
        return None
    anchored = anchor_mark(
        article.text,
        mark
        if position is not None
        else Mark(mark_id, 0, 0, category, note, exact, mark.prefix, mark.suffix),
        budget,
    )
    if anchored.status is AnchorStatus.ORPHAN and orphans_are_errors:
        # A key item nobody can find would mark every student down: the same rule as native keys.
        doc.error(
            path,
            _("quote {quote} not found in the article (an orphan key item)").format(
                quote=repr(exact[:40])
            ),
        )
    elif anchored.status is AnchorStatus.ORPHAN:
        doc.warn(
            path,
            _("quote {quote} not found in the article: shown as an orphan").format(
                quote=repr(exact[:40])
            ),
        )
    elif position is not None:
        doc.warn(
            path,
            _("mark {id} placed by its quote ({how})").format(
                id=repr(mark_id), how=anchored.status.value
            ),
        )
    return anchored.mark, anchored


def parse_w3c_marks(
    doc: JsonDocument, taxonomy: Taxonomy, article: ArticleRef, orphans_are_errors: bool = False
) -> tuple[list[tuple[Mark, dict[str, Any], _Path]], AnchorReport]:
    """Marks with their annotation objects and places, plus what had to be placed by quote."""
    result: list[tuple[Mark, dict[str, Any], _Path]] = []
    placed: list[Anchored] = []
    orphans: list[Mark] = []
    used: set[str] = set()
    budget = AnchorBudget()  # one for the whole file: see core/anchoring.py
    for path, annotation in _annotations(doc):
        if not isinstance(annotation, dict):
            doc.error(path, _("expected an Annotation object"))
            continue
        read = _read_mark(
            doc, path, annotation, taxonomy, article, used, orphans_are_errors, budget
        )
        if read is None:
            continue
        mark, anchored = read
        if anchored is not None and anchored.status is AnchorStatus.ORPHAN:
            orphans.append(mark)
            continue
        if anchored is not None:
            placed.append(anchored)
        result.append((mark, annotation, path))
    return result, AnchorReport(tuple(placed), tuple(orphans))


def _creator(data: Any) -> Student:
    creator = data.get("creator") if isinstance(data, dict) else None
    if isinstance(creator, dict):
        return Student(str(creator.get("name", "")), str(creator.get("id", "")))
    if isinstance(creator, str):
        return Student(creator, "")
    return Student()


def parse_w3c_submission(
    doc: JsonDocument, taxonomy: Taxonomy, article: ArticleRef
) -> Loaded[Submission]:
    marks, report = parse_w3c_marks(doc, taxonomy, article)
    doc.raise_if_errors()
    first = marks[0][1] if marks else {}
    student = _creator(doc.data)
    if not (student.name or student.id):
        student = _creator(first)
    submission = Submission(
        marks=tuple(m for m, _, _ in marks),
        lesson=str(doc.data.get(f"{NS}lesson", "")) if isinstance(doc.data, dict) else "",
        article_sha256=article.sha256,
        student=student,
        created=str(first.get("created", "")),
        modified=str(first.get("modified", "")),
    )
    return Loaded(submission, doc.warnings, report if report.placed or report.orphans else None)


def scoring_limits() -> dict[str, dict[str, float]]:
    """The classroom metric's settings a key may carry and the bounds of each, read from the
    native key's schema so that both formats accept exactly the same values."""
    properties: dict[str, dict[str, float]] = schema("key")["properties"]["scoring"]["properties"]
    return properties


def _scoring_problem(value: Any, limits: dict[str, float]) -> str | None:
    """What is wrong with one scoring value, in the words the schema's checks would use."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("expected a number, got {value}").format(value=repr(value))
    if "exclusiveMinimum" in limits and value <= limits["exclusiveMinimum"]:
        return _("expected a value more than {limit}, got {value}").format(
            limit=f"{limits['exclusiveMinimum']:g}", value=repr(value)
        )
    if "minimum" in limits and value < limits["minimum"]:
        return _("expected a value at least {limit}, got {value}").format(
            limit=f"{limits['minimum']:g}", value=repr(value)
        )
    if "maximum" in limits and value > limits["maximum"]:
        return _("expected a value at most {limit}, got {value}").format(
            limit=f"{limits['maximum']:g}", value=repr(value)
        )
    return None


def _key_fields(doc: JsonDocument) -> dict[str, Any]:
    """What a collection says about the key as a whole (lesson, author, revision, scoring):
    written by `key_to_w3c` so that a key survives a round trip through this format."""
    data = doc.data if isinstance(doc.data, dict) else {}
    fields: dict[str, Any] = {}
    lesson = data.get(f"{NS}lesson", "")
    if isinstance(lesson, str):
        fields["lesson"] = lesson
    author = _creator(data).name
    if author:
        fields["author"] = author
    revision = data.get(f"{NS}revision", 1)
    if isinstance(revision, int) and not isinstance(revision, bool) and revision >= 0:
        fields["revision"] = revision
    else:
        doc.error((f"{NS}revision",), _("expected a whole number, 0 or more"))
    scoring = data.get(f"{NS}scoring", {})
    if not isinstance(scoring, dict):
        doc.error((f"{NS}scoring",), _("expected an object of scoring settings"))
        return fields
    settings: dict[str, float] = {}
    limits = scoring_limits()
    for name, value in scoring.items():
        here = (f"{NS}scoring", name)
        if name not in limits:
            doc.error(
                here,
                _("unknown scoring setting {name} (allowed: {allowed})").format(
                    name=repr(name), allowed=", ".join(limits)
                ),
            )
            continue
        problem = _scoring_problem(value, limits[name])
        if problem is not None:
            doc.error(here, problem)
            continue
        settings[name] = float(value)
    fields["scoring"] = ScoringSettings(**settings)
    return fields


def parse_w3c_key(doc: JsonDocument, taxonomy: Taxonomy, article: ArticleRef) -> Loaded[AnswerKey]:
    marks, report = parse_w3c_marks(doc, taxonomy, article, orphans_are_errors=True)
    fields = _key_fields(doc)
    doc.raise_if_errors()
    for _mark, annotation, path in marks:  # the native schema's checks, said the same way
        weight = annotation.get(f"{NS}weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 100:
            doc.error((*path, f"{NS}weight"), _("expected a number above 0 and at most 100"))
        if not isinstance(annotation.get(f"{NS}required", True), bool):
            doc.error((*path, f"{NS}required"), _("expected true or false"))
    doc.raise_if_errors()
    items = []
    for mark, annotation, path in marks:
        also = [taxonomy.resolve(c) or c for c in _bodies(annotation, "classifying")[1:]]
        _quote, position = _selectors(annotation)
        delta = mark.start - position["start"] if position is not None else 0
        spans = ItemSpans(doc, path, _item_spans(doc, path, annotation), delta, mark, article)
        items.append(
            KeyItem(
                mark=replace(mark, note=""),
                rationale=mark.note,
                also_accept=tuple(also),
                required=annotation.get(f"{NS}required", True),
                weight=float(annotation.get(f"{NS}weight", 1.0)),
                hint="\n".join(_bodies(annotation, "questioning")),
                core=spans.core,
                alternatives=spans.alternatives,
                parts=spans.parts,
            )
        )
    doc.raise_if_errors()
    return Loaded(
        AnswerKey(tuple(items), article_sha256=article.sha256, **fields),
        doc.warnings,
        report if report.placed or report.orphans else None,
    )


def _item_spans(doc: JsonDocument, path: _Path, annotation: dict[str, Any]) -> dict[str, Any]:
    """The item's core, alternatives and parts as the native reader takes them, after checking
    here what the native format's schema would have checked."""
    entry: dict[str, Any] = {}
    for name, many in (("core", False), ("alternatives", True), ("parts", True)):
        value = annotation.get(f"{NS}{name}")
        if value is None:
            continue
        here = (*path, f"{NS}{name}")
        values = value if many else [value]
        if many and not isinstance(value, list):
            doc.error(here, _("expected a list of {start, end, quote} objects"))
            continue
        if name == "parts" and len(values) < 2:
            doc.error(here, _("expected at least two parts"))
            continue
        good = [v for i, v in enumerate(values) if _span_ok(doc, (*here, i) if many else here, v)]
        if len(good) == len(values):
            entry[name] = good if many else good[0]
    return entry


def _span_ok(doc: JsonDocument, here: _Path, value: Any) -> bool:
    if not isinstance(value, dict):
        doc.error(here, _("expected an object with start, end and quote"))
        return False
    start, end, quote = value.get("start"), value.get("end"), value.get("quote", "")
    whole = all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (start, end))
    if not whole or not isinstance(quote, str):
        doc.error(here, _("expected start and end as whole numbers of at least 0, quote as text"))
        return False
    return True


# --- writing ----------------------------------------------------------------------------------


def _annotation(
    mark: Mark, source: str, comments: list[str], extra_classes: tuple[str, ...] = ()
) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "classifying", "value": category}
        for category in (mark.category, *extra_classes)
    ]
    bodies.extend(
        {"type": "TextualBody", "purpose": "commenting", "value": c, "format": "text/markdown"}
        for c in comments
        if c
    )
    return {
        "id": f"{source}#{mark.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": bodies,
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": mark.quote,
                    "prefix": mark.prefix,
                    "suffix": mark.suffix,
                },
                {"type": "TextPositionSelector", "start": mark.start, "end": mark.end},
            ],
        },
    }


def _collection(label: str, items: list[dict[str, Any]], extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        **extra,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def submission_to_w3c(submission: Submission) -> dict[str, Any]:
    source = f"urn:sha256:{submission.article_sha256}"
    items = []
    for mark in submission.marks:
        annotation = _annotation(mark, source, [mark.note])
        if submission.modified:
            annotation["modified"] = submission.modified
        items.append(annotation)
    creator = {"type": "Person", "name": submission.student.name}
    if submission.student.id:
        creator["id"] = submission.student.id
    extra = {"creator": creator, f"{NS}lesson": submission.lesson}
    return _collection(f"Marks by {submission.student.display()}", items, extra)


def key_to_w3c(key: AnswerKey) -> dict[str, Any]:
    source = f"urn:sha256:{key.article_sha256}"
    items = []
    for item in key.items:
        annotation = _annotation(item.mark, source, [item.rationale], item.also_accept)
        if item.hint:
            annotation["body"].append(
                {"type": "TextualBody", "purpose": "questioning", "value": item.hint}
            )
        annotation[f"{NS}required"] = item.required
        annotation[f"{NS}weight"] = item.weight
        if item.core:
            annotation[f"{NS}core"] = span_dict(item.core)
        if item.alternatives:
            annotation[f"{NS}alternatives"] = [span_dict(a) for a in item.alternatives]
        if item.parts:
            annotation[f"{NS}parts"] = [span_dict(p) for p in item.parts]
        items.append(annotation)
    settings = key.scoring
    extra: dict[str, Any] = {
        f"{NS}lesson": key.lesson,
        f"{NS}revision": key.revision,
        f"{NS}scoring": {name: getattr(settings, name) for name in scoring_limits()},
    }
    if key.author:
        extra["creator"] = {"type": "Person", "name": key.author}
    return _collection(f"Answer key for {key.lesson}", items, extra)
