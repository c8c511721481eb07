"""Reading a lesson folder: lesson.md (YAML metadata + Markdown sections), article, key, taxonomy.

Lesson packages come from other people, so every path they name must stay inside the folder,
and every problem is reported with a file and a place rather than raised as a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from literacy_app.core.errors import FormatError, Problem
from literacy_app.core.key import AnswerKey
from literacy_app.core.lesson import DEFAULT_REVEAL, Hint, Lesson, LessonText, Reveal
from literacy_app.core.taxonomy import Taxonomy
from literacy_app.core.text import Article, Attribution, normalize, sha256
from literacy_app.formats import limits, memo
from literacy_app.formats.document import JsonDocument, read_text
from literacy_app.formats.json_source import Position, format_path
from literacy_app.formats.native import (
    KEY_FORMAT,
    ArticleRef,
    Loaded,
    default_taxonomy,
    parse_key,
    read_taxonomy,
)
from literacy_app.formats.validation import schema_path, validate
from literacy_app.i18n import _

LESSON_FILE = "lesson.md"
LESSON_FORMAT = "literacy-lesson"
_HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
TEACHER_NOTES = "Teacher notes"  # the heading lesson.md is written with
# Headings read as the teacher notes (casefolded): never shown to students, left out of handouts.
TEACHER_NOTES_HEADINGS = frozenset(
    {"teacher notes", "teacher's notes", "teachers' notes", "teachers notes", "notes for teachers"}
)


METADATA = "lesson-metadata"  # the memo's kind for parsed and validated metadata blocks


@cache
def _metadata_loader() -> Any:
    """Safe YAML that keeps dates as the strings the author wrote. Built on first use: PyYAML
    costs ~30 ms to import, and a lesson read before is served from the memo without it."""
    import yaml

    class MetadataLoader(yaml.SafeLoader):
        """Refuses aliases (`*name`: a "billion laughs" block expands a few lines into
        billions of values, and everything that walks the result hangs), nesting deeper than
        `limits.MAX_NESTING` and more than `limits.MAX_YAML_NODES` values. Real metadata is
        about thirty values, two levels deep, and has no use for an alias."""

        _depth = 0
        _nodes = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            mark: Any = event.start_mark  # the C and the Python parser each have a Mark
            if isinstance(event, yaml.AliasEvent):
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    _("aliases (*name) are not allowed in lesson metadata"),
                    mark,
                )
            self._nodes += 1
            self._depth += 1
            try:
                if self._nodes > limits.MAX_YAML_NODES:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        _("more than {limit} values in the metadata block").format(
                            limit=limits.MAX_YAML_NODES
                        ),
                        mark,
                    )
                if self._depth > limits.MAX_NESTING:
                    raise yaml.composer.ComposerError(
                        None,
                        None,
                        _("nested more than {limit} levels deep").format(limit=limits.MAX_NESTING),
                        mark,
                    )
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    def construct_bounded_int(loader: Any, node: Any) -> Any:
        """An integer of more digits than any field needs is refused before Python's `int`
        raises on 4,300 of them (a 5,000-digit `minutes` was a traceback)."""
        if len(node.value) > limits.MAX_INTEGER_DIGITS:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("a whole number of {digits} digits (at most {limit})").format(
                    digits=len(node.value), limit=limits.MAX_INTEGER_DIGITS
                ),
                node.start_mark,
            )
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    def construct_finite_float(loader: Any, node: Any) -> Any:
        """`.nan` and `.inf` are YAML numbers, but no setting means them, and a NaN slips past
        every `minimum`/`maximum` of the schema (each comparison with it is false). Kept as the
        text the author wrote, the schema then names the field that expected a number."""
        value = yaml.SafeLoader.construct_yaml_float(loader, node)
        if value != value or value in (float("inf"), float("-inf")):
            return str(node.value)
        return value

    MetadataLoader.add_constructor("tag:yaml.org,2002:int", construct_bounded_int)
    MetadataLoader.add_constructor("tag:yaml.org,2002:float", construct_finite_float)
    MetadataLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return MetadataLoader


def split_front_matter(text: str, file: str) -> tuple[str, str, int]:
    """(metadata YAML, Markdown body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FormatError.single(file, _("expected a metadata block starting with '---' on line 1"))
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise FormatError.single(
        file, _("the metadata block is not closed: expected a line '---'"), len(lines), 1
    )


def _yaml_locator(source: str, line_offset: int) -> Any:
    """path -> Position inside the file for values of the metadata block. The YAML is composed
    into nodes (which know their lines) only when a problem needs placing."""
    composed: list[Any] = []

    def root() -> Any:
        if not composed:
            import yaml

            try:
                composed.append(yaml.compose(source, Loader=_metadata_loader()))
            except yaml.YAMLError:
                composed.append(None)
        return composed[0]

    def locate(path: tuple[str | int, ...]) -> Position:
        import yaml

        node = root()
        best = node
        for part in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part] if part < len(node.value) else None
            else:
                node = None
            if node is None:
                break
            best = node
        if best is None:
            return Position(line_offset, 1)
        mark = best.start_mark
        return Position(mark.line + line_offset, mark.column + 1)

    return locate


def parse_metadata(source: str, file: str, line_offset: int) -> dict[str, Any]:
    """The metadata block as checked data. A block that parsed and passed before is read back
    from the memo: same text, same loader, same schema, same result."""
    identity = memo.code_identity(__file__, str(schema_path("lesson")), "yaml")
    key = memo.key_for(identity, source)
    remembered = memo.lookup(METADATA, key)
    if remembered is not None:
        try:
            data = json.loads(remembered)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
    data = _parse_metadata(source, file, line_offset)
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return data  # not plain JSON data (YAML allows more): parse it afresh each time
    if json.loads(text) == data:
        memo.store(METADATA, key, text)
    return data


def _parse_metadata(source: str, file: str, line_offset: int) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.load(source, Loader=_metadata_loader())
    except RecursionError:  # the parser's own recursion, before composing could count
        raise FormatError.single(
            file, _("invalid metadata: nested too deeply"), line_offset
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        line = mark.line + line_offset if mark else line_offset
        column = mark.column + 1 if mark else 1
        raise FormatError.single(file, _invalid(err.problem), line, column) from None
    except yaml.YAMLError as err:
        raise FormatError.single(file, _invalid(err), line_offset) from None
    if not isinstance(data, dict):
        raise FormatError.single(
            file, _("expected the metadata block to be 'key: value' lines"), line_offset
        )
    problems = validate(data, "lesson", file, _yaml_locator(source, line_offset))
    if problems:
        raise FormatError(problems)
    return data


def _invalid(detail: object) -> str:
    return _("invalid metadata: {detail}").format(detail=detail)


def _link_nowhere() -> str:
    return _("{file} is a link that leads nowhere").format(file=LESSON_FILE)


def read_metadata(folder: Path) -> dict[str, Any]:
    """The metadata block of the lesson.md in `folder`, or {} when there is none to read:
    enough to list or choose lessons without reading their articles and keys."""
    path = folder / LESSON_FILE
    try:
        source, _body, _line = split_front_matter(read_lesson_text(folder), str(path))
        return parse_metadata(source, str(path), 2)
    except FormatError:
        return {}


DIGEST = "article-sha256"  # the memo's kind for an article's SHA-256


def remembered_digest(text: str) -> str:
    """The article's SHA-256, which its key records and is checked against at every start.
    Served from the memo for an article read before, because computing it means importing
    hashlib, which loads OpenSSL (~2 ms of every start-up); the memo compares the whole text,
    so the answer is always this text's digest."""
    key = memo.key_for(memo.code_identity(__file__), text)
    remembered = memo.lookup(DIGEST, key)
    if remembered is not None and len(remembered) == 64:
        return remembered
    digest = sha256(text)
    memo.store(DIGEST, key, digest)
    return digest


def read_lesson_text(folder: Path) -> str:
    """The text of `folder`'s lesson.md, with Windows (CRLF) and old Mac (CR) line ends read
    as the newlines they are. lesson.md must be a file inside the folder: a link pointing
    elsewhere (at /dev/zero, or at somebody's notes) is refused like any other path a lesson
    names (`inside`)."""
    path = folder / LESSON_FILE
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a link to itself, or a loop of links
        raise FormatError.single(path, _link_nowhere()) from None
    if not resolved.is_relative_to(folder.resolve()):
        raise FormatError.single(
            path, _("{file} points outside the lesson folder").format(file=LESSON_FILE)
        )
    text = read_text(path, limits.MAX_LESSON_BYTES)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_sections(body: str) -> LessonText:
    """Level-2 headings make sections; level-3 headings inside "Hints" make single hints. The
    teacher notes are kept out of `other`, whose sections students see."""
    sections: list[tuple[str, list[str]]] = []
    fenced = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading and heading.group(1) == "##":
            sections.append((heading.group(2), []))
        elif sections:
            sections[-1][1].append(line)
    by_name = {name.casefold(): "\n".join(lines).strip() for name, lines in sections}
    hint_lines: list[tuple[str, list[str]]] = []
    for line in by_name.get("hints", "").split("\n"):
        heading = _HEADING.match(line)
        if heading and heading.group(1) == "###":
            hint_lines.append((heading.group(2), []))
        elif hint_lines:
            hint_lines[-1][1].append(line)
        elif line.strip():  # text before the first ### is a single untitled hint
            hint_lines.append(("Hint", [line]))
    hints = [Hint(title, "\n".join(lines).strip()) for title, lines in hint_lines]
    known = {"instructions", "hints", "debrief"}
    notes = [body for n, ls in sections if is_teacher_notes(n) and (body := "\n".join(ls).strip())]
    return LessonText(
        instructions=by_name.get("instructions", ""),
        hints=tuple(hints),
        debrief=by_name.get("debrief", ""),
        teacher_notes="\n\n".join(notes),
        other=tuple(
            (n, "\n".join(ls).strip())
            for n, ls in sections
            if n.casefold() not in known and not is_teacher_notes(n)
        ),
    )


def heading_lines(body: str) -> list[tuple[int, int, str]]:
    """(index of the line in `body`, level 2 or 3, heading) of each heading outside code fences:
    where `split_sections` cuts, for messages that point at a line of lesson.md."""
    found = []
    fenced = False
    for index, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            found.append((index, len(heading.group(1)), heading.group(2)))
    return found


def is_teacher_notes(heading: str) -> bool:
    """Whether a '## ' heading names the teacher notes. A near spelling ("Teacher's notes")
    counts too: a slip must not turn notes for the teacher into a section students read."""
    return heading.casefold().replace("\u2019", "'") in TEACHER_NOTES_HEADINGS


def inside(folder: Path, name: str, file: str, field: str, locate: Any) -> Path:
    """Resolve a path a lesson names; it must stay inside the lesson folder."""

    def refuse(message: str) -> FormatError:
        """`message`, translated, names the field and the file name as {field} and {name}."""
        position = locate((field,))
        return FormatError.single(
            file,
            message.format(field=field, name=repr(name)),
            position.line,
            position.column,
            format_path((field,)),
        )

    if _UNUSABLE_IN_NAMES.search(name):  # no file has a NUL; a surrogate cannot be encoded
        raise refuse(_("{field} {name} is not a usable file name (control characters)"))
    try:
        path = (folder / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the system refuses
        raise refuse(_("{field} {name} cannot be found from the lesson folder")) from None
    if not path.is_relative_to(folder.resolve()):
        raise refuse(_("{field} {name} points outside the lesson folder"))
    return path


_UNUSABLE_IN_NAMES = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def _missing(file: str, field: str, name: str, locate: Any) -> Problem:
    position = locate((field,))
    return Problem(
        file,
        _("{field} file {name} not found in the lesson folder").format(
            field=field, name=repr(name)
        ),
        position.line,
        position.column,
        format_path((field,)),
    )


def read_lesson_key(path: Path, taxonomy: Taxonomy, article: ArticleRef) -> Loaded[AnswerKey]:
    """A lesson's own key: native JSON, or W3C Web Annotation as exchanged with annotation
    tools (told apart by content, as everywhere else)."""
    doc = JsonDocument.read(path)
    if not (isinstance(doc.data, dict) and doc.data.get("format") == KEY_FORMAT):
        from literacy_app.formats import w3c

        if w3c.looks_like_w3c(doc.data):
            return w3c.parse_w3c_key(doc, taxonomy, article)
    return parse_key(doc, taxonomy, article)  # whose schema check says what was expected


def read_article(path: Path, title: str, attribution: Attribution) -> Article:
    return Article(normalize(read_text(path, limits.MAX_ARTICLE_BYTES)), title, attribution)


def lesson_folder(path: Path) -> Path:
    """Accept a lesson folder or its lesson.md."""
    return path.parent if path.name == LESSON_FILE else path


def load_lesson(path: Path, *, with_key: bool = True) -> Lesson:
    """Read and check a whole lesson package. Raises FormatError with every problem found."""
    folder = lesson_folder(path)
    lesson_file = folder / LESSON_FILE
    file = str(lesson_file)
    if not folder.exists():
        raise FormatError.single(folder, _("no such lesson folder"))
    if not lesson_file.exists():
        if lesson_file.is_symlink():  # there, but leading nowhere (a loop, a removed target)
            raise FormatError.single(lesson_file, _link_nowhere())
        raise FormatError.single(
            folder, _("not a lesson folder: expected a {file} in it").format(file=LESSON_FILE)
        )
    source, body, body_line = split_front_matter(read_lesson_text(folder), file)
    meta = parse_metadata(source, file, 2)
    text = split_sections(body)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if not text.instructions:
        problems.append(Problem(file, _("expected a '## Instructions' section"), body_line))

    locate = _yaml_locator(source, 2)
    attribution = Attribution(**meta.get("attribution", {}))
    article_path = inside(folder, meta["article"], file, "article", locate)
    if not article_path.exists():  # anything else there (a folder, a FIFO) says what it is
        raise FormatError([_missing(file, "article", meta["article"], locate)])
    article = read_article(article_path, meta.get("article_title", meta["title"]), attribution)
    if not article.text.strip():
        problems.append(Problem(str(article_path), _("the article is empty")))

    taxonomy: Taxonomy = default_taxonomy()
    taxonomy_name = meta.get("taxonomy", "taxonomy.json")
    taxonomy_path = inside(folder, taxonomy_name, file, "taxonomy", locate)
    if taxonomy_path.exists():
        taxonomy = read_taxonomy(taxonomy_path)
    elif "taxonomy" in meta:
        problems.append(_missing(file, "taxonomy", taxonomy_name, locate))

    palette = taxonomy
    if "categories" in meta:
        unknown = [(i, c) for i, c in enumerate(meta["categories"]) if c not in taxonomy]
        for index, name in unknown:
            position = locate(("categories", index))
            problems.append(
                Problem(
                    file,
                    _("unknown category {name}").format(name=repr(name)),
                    position.line,
                    position.column,
                    format_path(("categories", index)),
                )
            )
        if not unknown:
            palette = taxonomy.restricted(meta["categories"])
    if problems:
        raise FormatError(problems)

    key = None
    key_name = meta.get("key", "key.json")
    key_path = inside(folder, key_name, file, "key", locate)
    if with_key and key_path.exists():
        ref = ArticleRef(article.text, remembered_digest(article.text))
        loaded = read_lesson_key(key_path, taxonomy, ref)
        key = loaded.value
        warnings.extend(loaded.warnings)
        outside = sorted({i.category for i in key.items} - set(palette.ids))
        if outside:
            warnings.append(
                Problem(
                    str(key_path),
                    # the ids as they are, in every language: authoring/validate.py looks for them
                    _("key uses categories outside the lesson's palette: {categories}").format(
                        categories=", ".join(outside)
                    ),
                    severity="warning",
                )
            )
    elif "key" in meta and with_key:
        # A student handout is the same package without its key: that is not an error.
        missing = _missing(file, "key", key_name, locate)
        handout = _(
            "{field} file {name} not found in the lesson folder: treated as a student handout"
        ).format(field="key", name=repr(key_name))
        warnings.append(replace(missing, severity="warning", message=handout))

    return Lesson(
        id=meta["id"],
        title=meta["title"],
        folder=folder,
        article=article,
        text=text,
        taxonomy=taxonomy,
        palette=palette,
        key=key,
        difficulty=meta.get("difficulty", ""),
        minutes=meta.get("minutes", 0),
        language=meta.get("language", "en"),
        first_launch=meta.get("first_launch", False),
        reveal=Reveal(meta.get("reveal", DEFAULT_REVEAL)),
        hint_penalty=float(meta.get("hint_penalty", 0)),
        answers_after=meta.get("answers_after", 1),
        warnings=tuple(warnings),
    )
