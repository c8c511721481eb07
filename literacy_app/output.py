"""Grade reports as a terminal table, JSON for scripts, or CSV for spreadsheets and gradebooks."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from literacy_app.batch import Graded, Unreadable, semeval_for
from literacy_app.core.lesson import Lesson
from literacy_app.core.scoring import PRF, GradeResult
from literacy_app.core.semeval import SpanScores


def _prf(prf: PRF) -> dict[str, Any]:
    return {
        "precision": round(prf.precision, 6),
        "recall": round(prf.recall, 6),
        "f1": round(prf.f1, 6),
        "correct_marks": prf.correct_marks,
        "marks": prf.marks,
        "found_items": prf.found_items,
        "items": prf.items,
    }


def _spans(scores: SpanScores) -> dict[str, Any]:
    return {
        "precision": round(scores.precision, 6),
        "recall": round(scores.recall, 6),
        "f1": round(scores.f1, 6),
        "student_spans": scores.student_spans,
        "gold_spans": scores.gold_spans,
    }


def classroom_dict(result: GradeResult) -> dict[str, Any]:
    return {
        "score": round(result.score, 2),
        "earned": round(result.earned, 6),
        "possible": result.possible,
        "bonus_earned": round(result.bonus_earned, 6),
        "bonus_possible": result.bonus_possible,
        "penalty": round(result.penalty, 6),
        "counts": result.counts(),
        "precision": round(result.spans.precision, 6),
        "recall": round(result.spans.recall, 6),
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


def _entry(lesson: Lesson, graded: Graded, metric: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "file": str(graded.file),
        "student": {"name": graded.submission.student.name, "id": graded.submission.student.id},
        "mark_count": len(graded.submission.marks),
        "attempts": graded.submission.attempts,
        # Whether the student saw the key, and after how many attempts: a teacher weighs a
        # score made after the answers were shown differently.
        "answers_shown": (
            {"attempts": shown.attempts, "requested": shown.requested}
            if (shown := graded.submission.answers_shown)
            else None
        ),
    }
    if metric == "semeval":
        entry["unlabelled"] = _spans(semeval_for(lesson, graded.submission, labelled=False))
        entry["labelled"] = _spans(semeval_for(lesson, graded.submission, labelled=True))
        entry.update({k: entry["unlabelled"][k] for k in ("precision", "recall", "f1")})
    else:
        entry.update(classroom_dict(graded.result))
    entry["orphans"] = [
        {"id": m.id, "quote": m.quote}
        for m in (graded.anchoring.orphans if graded.anchoring else ())
    ]
    entry["warnings"] = [str(w) for w in graded.warnings]
    return entry


def to_json(lesson: Lesson, results: list[Graded | Unreadable], metric: str) -> str:
    assert lesson.key is not None
    document = {
        "lesson": lesson.id,
        "metric": metric,
        "key": {"items": len(lesson.key.items), "revision": lesson.key.revision},
        "submissions": [_entry(lesson, r, metric) for r in results if isinstance(r, Graded)],
        "errors": [
            {"file": str(r.file), "problems": [str(p) for p in r.problems]}
            for r in results
            if isinstance(r, Unreadable)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rows(
    lesson: Lesson, results: list[Graded | Unreadable], metric: str
) -> tuple[list[str], list[list[str]]]:
    graded = [r for r in results if isinstance(r, Graded)]
    if metric == "semeval":
        header = [
            "student",
            "id",
            "file",
            "marks",
            "P",
            "R",
            "F1",
            "P (labels)",
            "R (labels)",
            "F1 (labels)",
        ]
        rows = []
        for g in graded:
            plain = semeval_for(lesson, g.submission, labelled=False)
            labels = semeval_for(lesson, g.submission, labelled=True)
            rows.append(
                [
                    g.submission.student.name,
                    g.submission.student.id,
                    str(g.file),
                    str(len(g.submission.marks)),
                    *(
                        f"{v:.4f}"
                        for v in (
                            plain.precision,
                            plain.recall,
                            plain.f1,
                            labels.precision,
                            labels.recall,
                            labels.f1,
                        )
                    ),
                ]
            )
        return header, rows
    header = [
        "student",
        "id",
        "file",
        "score",
        "found",
        "mislabeled",
        "imprecise",
        "missed",
        "not_in_key",
        "bonus",
        "precision",
        "recall",
        "f1",
    ]
    rows = []
    for g in graded:
        counts = g.result.counts()
        rows.append(
            [
                g.submission.student.name,
                g.submission.student.id,
                str(g.file),
                f"{g.result.score:.1f}",
                *(
                    str(counts[k])
                    for k in ("found", "mislabeled", "imprecise", "missed", "not_in_key")
                ),
                f"{g.result.bonus_earned:g}/{g.result.bonus_possible:g}",
                f"{g.result.spans.precision:.3f}",
                f"{g.result.spans.recall:.3f}",
                f"{g.result.spans.f1:.3f}",
            ]
        )
    return header, rows


def to_csv(lesson: Lesson, results: list[Graded | Unreadable], metric: str) -> str:
    header, rows = _rows(lesson, results, metric)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_table(lesson: Lesson, results: list[Graded | Unreadable], metric: str) -> str:
    header, rows = _rows(lesson, results, metric)
    if not rows:
        return "no submissions graded\n"
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    numeric = {i for i, h in enumerate(header) if h not in ("student", "id", "file")}

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out) + "\n"
