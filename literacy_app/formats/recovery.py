"""Recovery files: the student's work written a moment after every edit, so that a crash, a
kill or a power cut loses at most the last second.

A recovery file is a native submission plus where it belongs (lesson folder, save path). It is
removed when the work is saved or deliberately discarded; one left behind means the app did not
close normally, and the next start offers to restore it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from literacy_app.core.submission import Submission
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.formats.atomic import atomic_write
from literacy_app.formats.document import JsonDocument
from literacy_app.formats.native import (
    ArticleRef,
    dumps,
    parse_submission,
    submission_to_dict,
)

SUFFIX = ".recovery.json"


@dataclass(frozen=True)
class Recovery:
    file: Path
    lesson_folder: Path
    save_path: Path | None
    submission_text: str
    modified: str
    marks: int


def recovery_file(folder: Path, lesson_id: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in lesson_id) or "lesson"
    return folder / f"{safe}{SUFFIX}"


def write_recovery(
    folder: Path,
    lesson_id: str,
    lesson_folder: Path,
    save_path: Path | None,
    submission: Submission,
) -> Path:
    path = recovery_file(folder, lesson_id)
    data = {
        "lesson_folder": str(lesson_folder),
        "save_path": str(save_path) if save_path else None,
        "submission": submission_to_dict(submission),
    }
    atomic_write(path, dumps(data))
    return path


def discard_recovery(folder: Path, lesson_id: str) -> None:
    recovery_file(folder, lesson_id).unlink(missing_ok=True)


def pending_recoveries(folder: Path) -> list[Recovery]:
    """Recovery files left by a session that did not end normally, newest first."""
    found: list[Recovery] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            submission = data["submission"]
            found.append(
                Recovery(
                    path,
                    Path(data["lesson_folder"]),
                    Path(data["save_path"]) if data.get("save_path") else None,
                    json.dumps(submission),
                    submission.get("modified", ""),
                    len(submission["marks"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # unreadable: leave it for the user to inspect, never delete their work
    found.sort(key=lambda r: r.modified, reverse=True)
    return found


def read_recovered(recovery: Recovery, taxonomy: Taxonomy, article_text: str) -> Submission:
    """The recovered submission, placed on the lesson's article (FormatError if unusable)."""
    doc = JsonDocument.parse(recovery.submission_text, str(recovery.file))
    return parse_submission(doc, taxonomy, ArticleRef.of(article_text)).value
