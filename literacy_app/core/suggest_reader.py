"""Reading a rules file (`suggest_rules.json` or one passed with `--rules`) into rules.

Every problem is collected with its JSON path (and line and column, when the caller can locate
them), so an author fixing a rules file sees all mistakes at once, each pointing at its value.
`{{name}}` placeholders are expanded from the file's `defines` here, so the matcher only ever
sees complete regular expressions.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.suggest_model import QUOTED_POLICIES, Rule
from literacy_app.i18n import _

RULES_FORMAT = "literacy-suggest-rules"
RULES_VERSION = 1
RULES_RESOURCE = "suggest_rules.json"

Locate = Callable[[tuple[str | int, ...]], tuple[int, int]]
"""Maps a JSON path in a rules file to its (line, column), so errors can point at the value."""


_RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{\{([a-z_][a-z0-9_]*)\}\}")
_EXTRA_PATTERNS = (
    "unless_before",
    "unless_after",
    "unless_sentence",
    "extend_before",
    "extend_after",
    "unless_match",
)
_RULE_KEYS = frozenset(
    (
        "id",
        "category",
        "explanation",
        "pattern",
        "words",
        "suffixes",
        "specificity",
        *_EXTRA_PATTERNS,
        "quoted",
        "examples",
        "counter_examples",
    )
)
_Path = tuple[str | int, ...]


def _json_path(path: _Path) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _pattern_problem(pattern: str) -> str | None:
    """Why a (valid) regex cannot be a rule pattern, or None.

    A capital letter outside an escape (\\S, \\W, \\b...) can never match the lower-cased
    text patterns see: better to say so than to keep a rule that silently never fires. Patterns
    starting with the same word are run together as one regex, so they may not carry named
    groups, back-references or flags of their own.
    """
    compiled = re.compile(pattern)
    if compiled.groupindex or re.search(r"\\[1-9]|\(\?P=", pattern):
        return _("patterns may not use named groups or back-references")
    if any(c.isupper() for c in re.sub(r"\\.|\(\?P", "", pattern)):
        return _("patterns are matched against lower-cased text: write them in lower case")
    if compiled.flags & ~re.UNICODE:
        return _("patterns may not set flags; they are matched against lower-cased text")
    return None


class _RuleReader:
    """Validates a rules document, collecting every problem with its JSON path."""

    def __init__(self, data: Any, file: str, locate: Locate | None, categories: frozenset[str]):
        self.data = data
        self.file = file
        self.locate = locate
        self.categories = categories
        self.problems: list[Problem] = []
        self.defines: dict[str, str] = {}

    def error(self, path: _Path, message: str) -> None:
        line, column = self.locate(path) if self.locate else (1, 1)
        self.problems.append(Problem(self.file, message, line, column, _json_path(path)))

    def text(self, value: Any, path: _Path, what: str) -> str | None:
        """A string, or a list of strings joined (long regexes read better split in lines).
        `what` is "regex" or "definition": each has a whole sentence of its own."""
        if isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "".join(value)
        self.error(
            path,
            _("expected a definition as a string or a list of strings")
            if what == "definition"
            else _("expected a regular expression as a string or a list of strings"),
        )
        return None

    def strings(self, value: Any, path: _Path) -> tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.error(path, _("expected a list of strings"))
        return ()

    def expand(self, source: str, path: _Path, depth: int = 0) -> str | None:
        missing = [n for n in _PLACEHOLDER.findall(source) if n not in self.defines]
        if missing:
            self.error(
                path,
                _("unknown definition {name}; add it to 'defines'").format(
                    name="{{" + missing[0] + "}}"
                ),
            )
            return None
        if depth > 10:
            self.error(path, _("definitions refer to each other in a loop"))
            return None
        expanded = _PLACEHOLDER.sub(lambda m: f"(?:{self.defines[m.group(1)]})", source)
        return expanded if expanded == source else self.expand(expanded, path, depth + 1)

    def regex(self, value: Any, path: _Path, flags: int) -> str:
        source = self.text(value, path, "regex")
        if source is None:
            return ""
        expanded = self.expand(source, path)
        if expanded is None:
            return ""
        try:
            re.compile(expanded, flags)
        except re.error as err:
            self.error(path, _("invalid regular expression: {error}").format(error=err))
            return ""
        return expanded

    def read(self) -> tuple[Rule, ...]:
        data = self.data
        if not isinstance(data, dict):
            self.error((), _("expected a JSON object with 'format', 'version' and 'rules'"))
            return ()
        if data.get("format") != RULES_FORMAT:
            self.error(("format",), _("expected format {format}").format(format=repr(RULES_FORMAT)))
        if data.get("version") != RULES_VERSION:
            self.error(("version",), _("expected version {version}").format(version=RULES_VERSION))
        defines = data.get("defines", {})
        if not isinstance(defines, dict):
            self.error(("defines",), _("expected an object of named regular expressions"))
            defines = {}
        for name, value in defines.items():
            source = self.text(value, ("defines", name), "definition")
            if source is not None:
                self.defines[name] = source
        rules = data.get("rules")
        if not isinstance(rules, list) or not rules:
            self.error(("rules",), _("expected a non-empty list of rules"))
            return ()
        result = []
        seen: set[str] = set()
        for number, entry in enumerate(rules):
            rule = self.rule(entry, ("rules", number), seen)
            if rule is not None:
                result.append(rule)
        return tuple(result)

    def rule(self, entry: Any, path: _Path, seen: set[str]) -> Rule | None:
        if not isinstance(entry, dict):
            self.error(path, _("expected a rule object"))
            return None
        before = len(self.problems)
        for key in sorted(set(entry) - _RULE_KEYS):
            self.error((*path, key), _("unknown field {field}").format(field=repr(key)))
        rule_id = entry.get("id")
        if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
            self.error((*path, "id"), _("expected an id 'family.name' (lower case, digits, '-')"))
        elif rule_id in seen:
            self.error((*path, "id"), _("duplicate rule id {id}").format(id=repr(rule_id)))
        else:
            seen.add(rule_id)
        category = entry.get("category")
        if category not in self.categories:
            self.error(
                (*path, "category"),
                _("unknown category {category}").format(category=repr(category)),
            )
        explanation = entry.get("explanation")
        if not isinstance(explanation, str) or not explanation.strip():
            self.error((*path, "explanation"), _("expected a plain-language explanation"))
        if ("pattern" in entry) == ("words" in entry):
            self.error(path, _("expected exactly one of 'pattern' and 'words'"))
        pattern = ""
        if "pattern" in entry:
            pattern = self.regex(entry["pattern"], (*path, "pattern"), 0)
            problem = _pattern_problem(pattern) if pattern else None
            if problem:
                self.error((*path, "pattern"), problem)
        words = self.strings(entry["words"], (*path, "words")) if "words" in entry else ()
        if "words" in entry and not all(w.strip() for w in words):
            self.error((*path, "words"), _("expected non-empty words"))
        suffixes = self.strings(entry.get("suffixes", [""]), (*path, "suffixes"))
        specificity = entry.get("specificity", 2)
        if (
            not isinstance(specificity, int)
            or isinstance(specificity, bool)
            or not (1 <= specificity <= 3)
        ):
            self.error(
                (*path, "specificity"), _("expected 1 (word), 2 (phrase) or 3 (construction)")
            )
        extra = {
            key: self.regex(entry[key], (*path, key), re.IGNORECASE) if key in entry else ""
            for key in _EXTRA_PATTERNS
        }
        quoted = entry.get("quoted", "drop")
        if quoted not in QUOTED_POLICIES:
            self.error(
                (*path, "quoted"),
                _(
                    "expected 'drop' (inside titles and attributed quotations), 'unnamed' (kept "
                    "inside quotations from unnamed sources) or 'keep'"
                ),
            )
        examples = self.strings(entry.get("examples", []), (*path, "examples"))
        counter = self.strings(entry.get("counter_examples", []), (*path, "counter_examples"))
        if len(self.problems) > before:
            return None
        return Rule(
            id=str(rule_id),
            category=str(category),
            explanation=str(explanation).strip(),
            pattern=pattern,
            words=tuple(w.strip().lower() for w in words),
            suffixes=suffixes or ("",),
            specificity=int(specificity),
            quoted=str(quoted),
            examples=examples,
            counter_examples=counter,
            **extra,
        )


def parse_rules(
    data: Any,
    file: str = "<rules>",
    locate: Locate | None = None,
    categories: Iterable[str] | None = None,
) -> tuple[Rule, ...]:
    """Rules from a parsed rules document; raises FormatError listing every problem found.

    `categories` are the ids a rule may propose (default: the bundled default taxonomy), so a
    rule can never produce a suggestion the app would refuse to read back.
    """
    known = frozenset(categories) if categories is not None else default_category_ids()
    reader = _RuleReader(data, file, locate, known)
    rules = reader.read()
    if reader.problems:
        raise FormatError(reader.problems)
    return rules


@functools.cache
def default_category_ids() -> frozenset[str]:
    """Ids of the bundled default taxonomy (read directly: the core does not depend on formats)."""
    source = resources.files("literacy_app.core").joinpath("default_taxonomy.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["categories"])


@functools.cache
def default_rules() -> tuple[Rule, ...]:
    """The bundled rules, loaded and checked once per process."""
    source = resources.files("literacy_app.core").joinpath(RULES_RESOURCE)
    return parse_rules(json.loads(source.read_text(encoding="utf-8")), RULES_RESOURCE)
