"""`literacy-app suggest`: candidate key items from transparent rules, for the instructor.

Prints one line per suggestion (offsets, category, rule, quote) or writes them as a W3C Web
Annotation collection, the same shape `export --to w3c` writes, so the file can be graded,
inspected or loaded wherever the app reads W3C annotations. Nothing here decides what goes in a
key: each suggestion names its rule and why it fired, and the instructor accepts or rejects it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.core.errors import FormatError
from literacy_app.i18n import _
from literacy_app.resources import find_lesson

if TYPE_CHECKING:
    from literacy_app.core.suggest import Rule, Suggestion

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
PAGE_SUFFIXES = (".html", ".htm")  # saved web pages, read as `new-lesson` imports them
GENERATOR = "literacy-app suggest"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `suggest` to the `literacy-app` parser's subcommands."""
    p = commands.add_parser(
        "suggest",
        help=_("propose candidate key items from transparent rules"),
        description=_(
            "Run the bundled rules (vague attribution, scare quotes, unsourced figures, "
            "loaded words, ...) over an article and list what they propose, each with the rule "
            "that fired. These are candidates for an answer key, not answers: accept or reject "
            "each one. See docs/suggestions.md for the rules and how often they are right."
        ),
    )
    p.add_argument(
        "source",
        metavar="ARTICLE_OR_LESSON",
        help=_(
            "a lesson folder, a bundled lesson id, an article as a UTF-8 .txt/.md file, or a "
            "saved .html page (its article text is extracted as `new-lesson` does)"
        ),
    )
    p.add_argument(
        "--format",
        choices=("table", "w3c"),
        default="table",
        help=_("table: one line per suggestion; w3c: a W3C Web Annotation collection"),
    )
    p.add_argument("-o", "--output", metavar="FILE", help=_("write here instead of stdout"))
    p.add_argument(
        "--rules",
        metavar="RULES.json",
        help=_(
            "use the rules in this file instead of the bundled ones (same format as "
            "literacy_app/core/suggest_rules.json)"
        ),
    )
    p.set_defaults(func=cmd_suggest)


class _Source:
    """The article to run on, and what lesson (if any) it belongs to."""

    def __init__(self, text: str, name: str, lesson_id: str = "", categories: Any = None):
        self.text = text
        self.name = name
        self.lesson_id = lesson_id
        self.categories: frozenset[str] | None = (
            frozenset(categories) if categories is not None else None
        )


def _read_source(name: str) -> _Source:
    from literacy_app.commands.common import UsageError
    from literacy_app.core.text import decode, normalize
    from literacy_app.formats.lesson_package import LESSON_FILE, load_lesson

    path = Path(name)
    if path.is_dir() or path.name == LESSON_FILE or not path.exists():
        folder = find_lesson(name)
        if not folder.exists():
            raise FormatError.single(
                name, _("no such article file, lesson folder or bundled lesson")
            )
        lesson = load_lesson(folder, with_key=False)
        return _Source(lesson.article.text, lesson.id, lesson.id, lesson.taxonomy.ids)
    if path.suffix.lower() in PAGE_SUFFIXES:
        # The same extraction an instructor gets when making a lesson from the page, so the
        # offsets suggested here are offsets into the article text that lesson would have.
        from literacy_app.authoring.importing import import_article

        return _Source(import_article(path).text, path.name)
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise UsageError(
            _(
                "{name}: expected a lesson folder, a bundled lesson id, or an article as a "
                "{suffixes} file"
            ).format(name=name, suffixes="/".join(ARTICLE_SUFFIXES + PAGE_SUFFIXES))
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FormatError.single(
            path, _("cannot read: {reason}").format(reason=err.strerror or err)
        ) from None
    return _Source(normalize(decode(data, path)), path.name)


def _read_rules(name: str, categories: frozenset[str] | None) -> tuple[Rule, ...]:
    from literacy_app.core.suggest import parse_rules
    from literacy_app.formats.document import JsonDocument

    doc = JsonDocument.read(Path(name))

    def locate(path: tuple[str | int, ...]) -> tuple[int, int]:
        position = doc.locate(path)
        return position.line, position.column

    return parse_rules(doc.data, name, locate, categories)


# --- output -----------------------------------------------------------------------------------


def to_table(suggestions: list[Suggestion]) -> str:
    """One line per suggestion; the quote is JSON-escaped so a line break stays on its line."""
    if not suggestions:
        return ""
    rows = [
        (f"{s.start}-{s.end}", s.category, s.rule, json.dumps(s.quote, ensure_ascii=False))
        for s in suggestions
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        f"{where:<{widths[0]}}  {category:<{widths[1]}}  {rule:<{widths[2]}}  {quote}"
        for where, category, rule, quote in rows
    ]
    return "\n".join(lines) + "\n"


def to_w3c(suggestions: list[Suggestion], text: str, name: str, lesson_id: str) -> dict[str, Any]:
    """An AnnotationCollection shaped like `export --to w3c` writes (see formats/w3c.py)."""
    from literacy_app.core.marks import context_of
    from literacy_app.core.text import sha256
    from literacy_app.formats import w3c

    source = f"urn:sha256:{sha256(text)}"
    items = []
    for number, s in enumerate(suggestions, start=1):
        context = context_of(text, s.start, s.end)
        items.append(
            {
                "id": f"{source}#s{number}",
                "type": "Annotation",
                "motivation": "classifying",
                "body": [
                    {"type": "TextualBody", "purpose": "classifying", "value": s.category},
                    {
                        "type": "TextualBody",
                        "purpose": "commenting",
                        "value": f"Suggested by rule {s.rule}: {s.explanation}",
                        "format": "text/plain",
                    },
                ],
                "target": {
                    "source": source,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": context["quote"],
                            "prefix": context["prefix"],
                            "suffix": context["suffix"],
                        },
                        {"type": "TextPositionSelector", "start": s.start, "end": s.end},
                    ],
                },
            }
        )
    collection: dict[str, Any] = {
        "@context": w3c.CONTEXT,
        "type": "AnnotationCollection",
        "label": f"Suggested key items for {name} (review each one)",
        "creator": {"type": "Software", "name": GENERATOR},
    }
    if lesson_id:
        collection[f"{w3c.NS}lesson"] = lesson_id
    collection["total"] = len(items)
    collection["first"] = {"type": "AnnotationPage", "items": items}
    return collection


def _write(text: str, destination: str | None) -> None:
    from literacy_app.commands.common import UsageError
    from literacy_app.formats.atomic import atomic_write

    if destination is None or destination == "-":
        sys.stdout.write(text)
        return
    try:
        atomic_write(Path(destination), text)
    except OSError as err:
        raise UsageError(
            _("{file}: cannot write: {reason}").format(file=destination, reason=err.strerror or err)
        ) from None


def cmd_suggest(args: argparse.Namespace) -> int:
    from literacy_app.core.suggest import default_rules, suggest

    source = _read_source(args.source)
    rules = _read_rules(args.rules, source.categories) if args.rules else default_rules()
    suggestions = suggest(source.text, rules)
    if source.categories is not None:
        # A lesson with a taxonomy of its own may lack a default category; a suggestion in it
        # could not be read back by `grade` or the app, so it is left out (and said so).
        kept = [s for s in suggestions if s.category in source.categories]
        if len(kept) < len(suggestions):
            print(
                _(
                    "note: {count} suggestion(s) left out: their categories are not in this "
                    "lesson's taxonomy"
                ).format(count=len(suggestions) - len(kept)),
                file=sys.stderr,
            )
        suggestions = kept
    if args.format == "w3c":
        data = to_w3c(suggestions, source.text, source.name, source.lesson_id)
        output = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        output = to_table(suggestions)
    _write(output, args.output)
    return 0
