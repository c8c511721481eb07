"""`grade`'s reports: a terminal table, JSON for scripts, CSV for spreadsheets and gradebooks.

Undefined figures are said so, not guessed: precision of a submission with no marks is JSON
null, an empty CSV cell and "n/a" in the table (the scorer's 1.0 and SemEval's 0.0 would each
suggest something the student did not do).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from literacy_app.batch import Batch, Context, ReadFile, Renderer, Reported
from literacy_app.core.classstats import gradebook_row
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import PRF, GradeResult
from literacy_app.core.semeval import SpanScores
from literacy_app.i18n import N_, _, decimal
from literacy_app.reports.cells import Cell, csv_text, percent
from literacy_app.reports.gradebook import GRADEBOOK_HEADER, gradebook_cells
from literacy_app.reports.table import figure, grid


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def prf_precision(prf: PRF) -> float | None:
    """Precision over no marks is undefined (the scorer says 1.0)."""
    return prf.precision if prf.marks else None


def prf_recall(prf: PRF) -> float | None:
    """Recall over no items is undefined (the scorer says 1.0)."""
    return prf.recall if prf.items else None


def span_precision(scores: SpanScores) -> float | None:
    """SemEval precision over no student spans is undefined (the organisers' scorer says 0)."""
    return scores.precision if scores.student_spans else None


def span_recall(scores: SpanScores) -> float | None:
    return scores.recall if scores.gold_spans else None


def _prf(prf: PRF) -> dict[str, Any]:
    return {
        "precision": _rounded(prf_precision(prf)),
        "recall": _rounded(prf_recall(prf)),
        "f1": round(prf.f1, 6),
        "correct_marks": prf.correct_marks,
        "marks": prf.marks,
        "found_items": prf.found_items,
        "items": prf.items,
    }


def _spans(scores: SpanScores) -> dict[str, Any]:
    return {
        "precision": _rounded(span_precision(scores)),
        "recall": _rounded(span_recall(scores)),
        "f1": round(scores.f1, 6),
        "student_spans": scores.student_spans,
        "gold_spans": scores.gold_spans,
    }


def classroom_dict(result: GradeResult) -> dict[str, Any]:
    return {
        "score": round(result.final_score, 2),
        **(
            {
                "score_before_hints": round(result.score, 2),
                "hints_used": result.hints_used,
                "hint_deduction": round(result.hint_deduction, 6),
            }
            if result.hint_deduction
            else {}
        ),
        "earned": round(result.earned, 6),
        "possible": result.possible,
        "bonus_earned": round(result.bonus_earned, 6),
        "bonus_possible": result.bonus_possible,
        "penalty": round(result.penalty, 6),
        "counts": result.counts(),
        "precision": _rounded(prf_precision(result.spans)),
        "recall": _rounded(prf_recall(result.spans)),
        "f1": round(result.spans.f1, 6),
        "spans": _prf(result.spans),
        "labelled": _prf(result.labelled),
        "per_group": {g: _prf(p) for g, p in result.per_group.items()},
        "per_category": {c: _prf(p) for c, p in result.per_category.items()},
        "items": [
            {
                "id": item.item_id,
                "outcome": item.outcome.value,
                "credit": round(item.credit, 6),
                "max_credit": item.max_credit,
                "required": item.required,
                "category": item.category,
                "given_category": item.given_category,
                "mark_ids": item.mark_ids,
                "jaccard": round(item.jaccard, 6),
                "span": item.relation.value if item.relation else None,
            }
            for item in result.items
        ],
        "marks": [
            {
                "id": m.mark_id,
                "item_id": m.item_id,
                "item_ids": list(m.item_ids),
                "outcome": "paired" if m.in_key else "not_in_key",
                "near_item_id": m.near_item_id,
                "extra": m.extra,
                "penalty": round(m.penalty, 6),
            }
            for m in result.marks
        ],
    }


def _entry(
    read: ReadFile, result: GradeResult | None, semeval: tuple[SpanScores, SpanScores] | None
) -> dict[str, Any]:
    submission = read.submission
    entry: dict[str, Any] = {
        "file": str(read.file),
        "student": {"name": submission.student.name, "id": submission.student.id},
        "mark_count": len(submission.marks),
        "attempts": submission.attempts,
        # Whether the student saw the key, and after how many attempts: a teacher weighs a
        # score made after the answers were shown differently.
        "answers_shown": (
            {"attempts": shown.attempts, "requested": shown.requested}
            if (shown := submission.answers_shown)
            else None
        ),
    }
    if semeval is not None:
        entry["unlabelled"] = _spans(semeval[0])
        entry["labelled"] = _spans(semeval[1])
        entry.update({k: entry["unlabelled"][k] for k in ("precision", "recall", "f1")})
    else:
        assert result is not None
        entry.update(classroom_dict(result))
    entry["orphans"] = [
        {"id": m.id, "quote": m.quote} for m in (read.anchoring.orphans if read.anchoring else ())
    ]
    entry["warnings"] = [str(w) for w in read.warnings]
    return entry


# --- each file's piece of the report, rendered where the file was graded ----------------------


def _scored(
    context: Context, read: ReadFile
) -> tuple[GradeResult | None, tuple[SpanScores, SpanScores] | None]:
    """Only the metric the report shows: SemEval does not run the classroom grading."""
    if context.metric == "semeval":
        return None, context.semeval_scores(read.submission)
    return context.grade(read.submission), None


def render_json(context: Context, read: ReadFile) -> str:
    """The file's entry, indented for its place in the "submissions" list."""
    text = json.dumps(_entry(read, *_scored(context, read)), indent=2, ensure_ascii=False)
    return "    " + text.replace("\n", "\n    ")


def render_csv(context: Context, read: ReadFile) -> list[Cell]:
    result, semeval = _scored(context, read)
    submission = read.submission
    if semeval is not None:
        return [
            submission.student.name,
            submission.student.id,
            len(submission.marks),
            *(
                percent(value, 2)
                for scores in semeval
                for value in (span_precision(scores), span_recall(scores), scores.f1)
            ),
            str(read.file),
        ]
    assert result is not None
    return gradebook_cells(gradebook_row(str(read.file), submission, result))


def render_table(context: Context, read: ReadFile) -> list[str]:
    result, semeval = _scored(context, read)
    submission = read.submission
    if semeval is not None:
        figures = [
            figure(value, 4)
            for scores in semeval
            for value in (span_precision(scores), span_recall(scores), scores.f1)
        ]
        student = submission.student
        return [student.name, student.id, str(len(submission.marks)), *figures, str(read.file)]
    assert result is not None
    row = gradebook_row(str(read.file), submission, result)
    return [
        row.student,
        row.student_id,
        decimal(f"{row.score:.1f}"),
        *(str(n) for n in (row.found, row.mislabeled, row.imprecise, row.missed)),
        str(row.not_in_key),
        _("{earned} of {possible}").format(
            earned=decimal(f"{row.bonus:g}"), possible=decimal(f"{row.bonus_possible:g}")
        ),
        figure(row.precision),
        figure(prf_recall(result.spans)),
        figure(row.f1),
        str(row.attempts),
        row.file,
    ]


RENDERERS: dict[str, Renderer] = {"json": render_json, "csv": render_csv, "table": render_table}


def left_out_json(batch: Batch[Any]) -> dict[str, Any]:
    """The files that did not count, as both commands' JSON reports list them."""
    return {
        "errors": [
            {"file": str(r.file), "problems": [str(p) for p in r.problems]} for r in batch.rejected
        ],
        "set_aside": [
            {
                "file": str(s.file),
                "student": {"name": s.submission.student.name, "id": s.submission.student.id},
                "kept": str(s.kept),
            }
            for s in batch.set_aside
        ],
    }


def to_json(
    lesson: Lesson, batch: Batch[Reported], metric: str, pieces: Callable[[Reported], str]
) -> Iterator[str]:
    """The JSON report in parts, so that ten thousand entries need not be one string:
    `pieces` gives each file's entry as `render_json` wrote it (perhaps from a spool)."""
    assert lesson.key is not None
    document = {
        "lesson": lesson.id,
        "metric": metric,
        "key": {"items": len(lesson.key.items), "revision": lesson.key.revision},
        "submissions": _PLACE,
        **left_out_json(batch),
    }
    head, tail = json.dumps(document, indent=2, ensure_ascii=False).split(json.dumps(_PLACE))
    yield head
    if not batch.graded:
        yield "[]"
    else:
        yield "[\n"
        for index, reported in enumerate(batch.graded):
            yield pieces(reported) + (",\n" if index + 1 < len(batch.graded) else "\n")
        yield "  ]"
    yield tail + "\n"


_PLACE = "\x00submissions\x00"  # where the entries go; no real field holds a NUL


SEMEVAL_HEADER = [
    "Student",
    "ID",
    "Marks",
    "P",
    "R",
    "F1",
    "P (labels)",
    "R (labels)",
    "F1 (labels)",
    "File",
]


def to_csv(batch: Batch[Reported], metric: str, bom: bool = False) -> str:
    header = SEMEVAL_HEADER if metric == "semeval" else GRADEBOOK_HEADER
    return csv_text(header, (r.piece for r in batch.graded), bom=bom)


#: The terminal tables' headings (for people: translated where shown; the CSV's stay English).
SEMEVAL_TABLE_HEADER = [
    N_("student"),
    N_("id"),
    N_("marks"),
    N_("P"),
    N_("R"),
    N_("F1"),
    N_("P (labels)"),
    N_("R (labels)"),
    N_("F1 (labels)"),
    N_("file"),
]
TABLE_HEADER = [
    N_("student"),
    N_("id"),
    N_("score"),
    N_("found"),
    N_("mislabeled"),
    N_("imprecise"),
    N_("missed"),
    N_("not in key"),
    N_("bonus"),
    N_("precision"),
    N_("recall"),
    N_("f1"),
    N_("attempts"),
    N_("file"),
]


def to_table(batch: Batch[Reported], metric: str) -> str:
    if not batch.graded:
        return _("no submissions graded") + "\n" + _left_out_note(batch)
    rows = [r.piece for r in batch.graded]
    if metric == "semeval":
        header = [_(h) for h in SEMEVAL_TABLE_HEADER]
        return "\n".join(grid(header, rows, {0, 1, 9})) + "\n" + _left_out_note(batch)
    header = [_(h) for h in TABLE_HEADER]
    return "\n".join(grid(header, rows, {0, 1, 13})) + "\n" + _left_out_note(batch)


def _left_out_note(batch: Batch[Any]) -> str:
    """One line under a table about the files that did not count (stderr says which)."""
    rejected, set_aside = len(batch.rejected), len(batch.set_aside)
    if rejected and set_aside:
        note = _(
            "{rejected} file(s) left out; {set_aside} earlier submission(s) set aside (the "
            "same student's latest is graded): see the messages above"
        )
    elif rejected:
        note = _("{rejected} file(s) left out: see the messages above")
    elif set_aside:
        note = _(
            "{set_aside} earlier submission(s) set aside (the same student's latest is "
            "graded): see the messages above"
        )
    else:
        return ""
    return note.format(rejected=rejected, set_aside=set_aside) + "\n"
