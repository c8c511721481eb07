"""JSON Schema validation whose messages say where and what was expected.

jsonschema's own messages quote the whole offending instance ("{...} is not valid under..."),
which is unreadable for an instructor; here each error becomes "expected ..." at a line/column.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from literacy_app.core.errors import Problem
from literacy_app.formats import memo
from literacy_app.formats.json_source import Position, format_path
from literacy_app.i18n import N_, _

SCHEMA_NAMES = ("key", "submission", "taxonomy", "lesson", "progress")

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

Locator = Callable[[tuple[str | int, ...]], Position]


SCHEMA_FOLDER = Path(__file__).parent / "schemas"
VALID = "valid"  # the memo's kind for "this source passed this schema"


def schema_path(name: str) -> Path:
    return SCHEMA_FOLDER / f"{name}.json"


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


@cache
def _fast_check(name: str) -> Callable[[Any], Any]:
    """A compiled validator: about a hundred times faster than jsonschema on a class's files,
    but with terse errors, so it only decides whether the detailed pass is needed."""
    import fastjsonschema  # ~10 ms to import, ~8 ms per schema to compile: only on a memo miss

    compiled: Callable[[Any], Any] = fastjsonschema.compile(schema(name))
    return compiled


def _passes(data: Any, schema_name: str) -> bool:
    from fastjsonschema import JsonSchemaException

    if schema_name == "submission" and _plain_submission(data):
        return True
    try:
        _fast_check(schema_name)(data)
    except JsonSchemaException:
        return False
    return True


# The schema of one mark in a submission, as `_plain_marks` knows it; a test holds the two
# together, so that a change to the schema cannot leave the shortcut accepting what it refuses.
MARK_FIELDS = frozenset(("id", "start", "end", "category", "note", "quote", "prefix", "suffix"))


def _plain_submission(data: Any) -> bool:
    """True for a submission whose marks are all plainly valid and whose other fields pass the
    schema: a class's files, read by the ten thousand, spend most of their validation on the
    marks, which a direct check of the common case passes about three times faster than the
    compiled schema. False only means "not sure": the compiled schema then decides."""
    from fastjsonschema import JsonSchemaException

    if type(data) is not dict or type(data.get("marks")) is not list:
        return False
    if not _plain_marks(data["marks"]):
        return False
    try:
        _fast_check("submission")({**data, "marks": []})
    except JsonSchemaException:
        return False
    return True


def _plain_marks(marks: list[Any]) -> bool:
    for mark in marks:
        if type(mark) is not dict or not mark.keys() <= MARK_FIELDS:
            return False
        mark_id, category = mark.get("id"), mark.get("category")
        if type(mark_id) is not str or not mark_id or type(category) is not str or not category:
            return False
        start, end = mark.get("start"), mark.get("end")
        if type(start) is not int or start < 0 or type(end) is not int or end < 0:
            return False  # 5.0, a bool or a huge float: left to the schema
        if len(mark) > 4:  # written out: a generator here cost more than the rest
            get = mark.get
            if (
                type(get("note", "")) is not str
                or type(get("quote", "")) is not str
                or type(get("prefix", "")) is not str
                or type(get("suffix", "")) is not str
            ):
                return False
    return True


@cache
def _validator(name: str) -> Draft7Validator:
    # Imported here, not at the top: jsonschema costs ~0.1 s to import and is needed only to
    # explain a file that already failed the fast check, never on a normal start-up.
    from jsonschema import Draft7Validator

    return Draft7Validator(schema(name))


_TYPE_NAMES = {
    "string": N_("a string"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "object": N_("an object"),
    "array": N_("a list"),
    "null": N_("null"),
}
#: What a number was expected to be beside its limit, one whole message each.
_BOUNDS = {
    "minimum": N_("expected a value at least {limit}, got {value}"),
    "exclusiveMinimum": N_("expected a value more than {limit}, got {value}"),
    "maximum": N_("expected a value at most {limit}, got {value}"),
    "exclusiveMaximum": N_("expected a value less than {limit}, got {value}"),
}


def _either(names: list[str]) -> str:
    """Names joined as "a or b or c", in the current language."""
    joined = names[0]
    for name in names[1:]:
        joined = _("{first} or {second}").format(first=joined, second=name)
    return joined


def _describe(error: ValidationError) -> str:
    """A plain-language statement of what the schema expected at this place."""
    kind: Any = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        types = [_(_TYPE_NAMES[str(n)]) if str(n) in _TYPE_NAMES else str(n) for n in names]
        return _("expected {what}").format(what=_either(types))
    if kind == "required":
        missing = [name for name in expected if name not in instance]
        if not missing:
            return error.message
        return _("missing required field {name}").format(name=repr(missing[0]))
    if kind == "const":
        return _("expected {what}").format(what=json.dumps(expected))
    if kind == "enum":
        values = ", ".join(json.dumps(v) for v in expected)
        return _("expected one of {values}").format(values=values)
    if kind == "pattern":
        form = PATTERN_WORDS.get(expected, N_("the form this field takes"))
        return _("{value} is not {form}").format(value=_quoted(instance), form=_(form))
    if kind == "maxLength":
        return _("expected at most {limit} characters, got {count}").format(
            limit=expected, count=f"{len(instance):,}"
        )
    if kind == "maxItems":
        return _("expected at most {limit} entries, got {count}").format(
            limit=expected, count=f"{len(instance):,}"
        )
    if kind in _BOUNDS:
        return _(_BOUNDS[kind]).format(limit=expected, value=_quoted(instance))
    if kind == "minLength":
        return _("expected a non-empty string")
    return _shortened(error.message)


#: The schemas' patterns in words: a message must say what is expected, not show a regex.
PATTERN_WORDS = {
    "^[A-Za-z0-9][A-Za-z0-9_-]*(?![\\s\\S])": N_(
        "an id (a letter or digit, then letters, "
        "digits, - and _, nothing else: no spaces or line breaks)"
    ),
    "^[a-z][a-z0-9_]*(?![\\s\\S])": N_(
        "a category id (a lower-case letter, then lower-case letters, digits and _)"
    ),
    "^[a-z][a-z0-9_-]*(?![\\s\\S])": N_(
        "a category id or not-a-device (a lower-case letter, "
        "then lower-case letters, digits, _ and -)"
    ),
    "^[0-9a-f]{64}(?![\\s\\S])": N_("a SHA-256 digest (64 hexadecimal digits)"),
    "^#[0-9a-fA-F]{6}(?![\\s\\S])": N_("a colour written #rrggbb"),
    "^[0-9](?![\\s\\S])": N_("one digit"),
}
QUOTED_MAX = 80  # characters of a wrong value quoted in a message


def _quoted(value: Any) -> str:
    """A wrong value as a message quotes it: JSON, and never more than QUOTED_MAX characters
    (a 20,000-character title made one 20,000-character problem line)."""
    return _shortened(json.dumps(value, ensure_ascii=False))


def _shortened(text: str) -> str:
    return text if len(text) <= QUOTED_MAX else text[: QUOTED_MAX - 1] + "…"


def validate(
    data: Any, schema_name: str, file: str, locate: Locator, source: str | None = None
) -> list[Problem]:
    """Every place where `data` breaks the schema, explained.

    `source` is the text `data` was parsed from. When it is given, a pass is remembered (see
    `literacy_app.formats.memo`) and the same text is not validated again on later starts:
    worth it for a lesson's own key, taxonomy and metadata, which are read at every start; not
    for the submissions of a class, which are read once each."""
    key = None
    if source is not None:
        identity = memo.code_identity(str(schema_path(schema_name)), "fastjsonschema")
        key = memo.key_for(identity, schema_name, source)
        if memo.lookup(VALID, key) is not None:
            return []
    if _passes(data, schema_name):
        if key is not None:
            memo.store(VALID, key, schema_name)
        return []
    problems = []  # explain the failure, with places
    errors = sorted(
        _validator(schema_name).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            problems.extend(_unknown_fields(error, path, file, locate))
            continue
        position = locate(path)
        problems.append(
            Problem(file, _describe(error), position.line, position.column, format_path(path))
        )
    return problems


def _unknown_fields(
    error: ValidationError, path: tuple[str | int, ...], file: str, locate: Locator
) -> list[Problem]:
    """One problem per unknown field, placed at that field (a typo should be easy to find)."""
    schema_part: Any = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema_part.get("properties", {}))
    instance: Any = error.instance
    problems = []
    for name in sorted(set(instance) - set(allowed), key=str):
        here = (*path, name)
        position = locate(here)
        problems.append(
            Problem(
                file,
                _("unknown field {name} (allowed: {allowed})").format(
                    name=repr(name), allowed=", ".join(allowed)
                ),
                position.line,
                position.column,
                format_path(here),
            )
        )
    return problems
