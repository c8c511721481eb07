"""Translations: the catalogue matches the code, the Spanish is complete and well-formed, strings
are translated when shown (never at import) and extractable, and the language is chosen as
literacy_app/i18n.py promises, falling back to English rather than failing."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from literacy_app import i18n

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "literacy_app"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "literacy_app.pot"
SPANISH = LOCALE / "es" / "LC_MESSAGES" / "literacy_app.po"
SPANISH_MO = SPANISH.with_suffix(".mo")
FUNCTIONS = {"_", "ngettext", "pgettext", "N_"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def spanish() -> Catalog:
    return _read(SPANISH)


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _read(TEMPLATE)


def _key(message: Message) -> tuple[str, str | None]:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return msgid, message.context


def _forms(message: Message) -> list[tuple[str, str]]:
    """(source, translation) pairs to compare: the singular with the first form, the plural
    with every other form."""
    if isinstance(message.id, str):
        assert isinstance(message.string, str)
        return [(message.id, message.string)]
    singular, plural = message.id[0], message.id[1]
    strings = list(message.string)
    return [(singular, strings[0]), *((plural, form) for form in strings[1:])]


def _translated(catalog: Catalog) -> Iterator[Message]:
    """The translations that ship: fuzzy guesses are left out of the .mo (and fail the
    completeness test)."""
    for message in catalog:
        if (
            message.id
            and not message.fuzzy
            and all(translation for _source, translation in _forms(message))
        ):
            yield message


# --- the catalogue matches the code ---------------------------------------------------------
def test_the_template_holds_exactly_the_strings_of_the_code(template: Catalog) -> None:
    """A string wrapped or changed in the code without `make translations` never reaches a
    translator: the template must be extracted from the code as it is."""
    extracted = {_key(m) for m in _script().extract() if m.id}
    committed = {_key(m) for m in template if m.id}
    assert extracted - committed == set(), "run `make translations`: new strings"
    assert committed - extracted == set(), "run `make translations`: strings gone from the code"


def test_the_spanish_catalogue_is_updated_from_the_template(
    template: Catalog, spanish: Catalog
) -> None:
    assert {_key(m) for m in spanish if m.id} == {_key(m) for m in template if m.id}


def test_the_committed_mo_is_compiled_from_the_po(spanish: Catalog) -> None:
    """The app reads the .mo, a translator edits the .po: a stale .mo ships old texts."""
    compiled = io.BytesIO()
    write_mo(compiled, spanish, use_fuzzy=False)
    compiled.seek(0)
    expected = gettext.GNUTranslations(compiled)
    with SPANISH_MO.open("rb") as file:
        committed = gettext.GNUTranslations(file)
    assert committed._catalog == expected._catalog  # type: ignore[attr-defined]


def test_the_spanish_header_says_spanish_with_two_plural_forms(spanish: Catalog) -> None:
    header = dict(spanish.mime_headers)
    assert header["Language"] == "es"
    assert header["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert "charset=utf-8" in header["Content-Type"].lower()
    with SPANISH_MO.open("rb") as file:
        translation = gettext.GNUTranslations(file)
    assert translation.ngettext("{n} x", "{n} xs", 1) == "{n} x"  # the plural rule parses


def test_the_scripts_check_finds_a_stale_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`scripts/translations.py --check` (what CI can run) fails on a stale .mo."""
    script = _script()
    locale = tmp_path / "locale"
    folder = locale / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "literacy_app.po").write_bytes(SPANISH.read_bytes())
    (folder / "literacy_app.mo").write_bytes(b"stale")
    (locale / "literacy_app.pot").write_bytes(TEMPLATE.read_bytes())
    monkeypatch.setattr(script, "LOCALE", locale)
    monkeypatch.setattr(script, "TEMPLATE", locale / "literacy_app.pot")
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "CONFIG", ROOT / "babel.cfg")
    monkeypatch.setattr(script, "extract", lambda: _read(TEMPLATE))
    assert script.main(["--check"]) == 1
    assert (folder / "literacy_app.mo").read_bytes() == b"stale"  # --check writes nothing
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0


# --- the Spanish translation ---------------------------------------------------------------
@pytest.mark.translation_complete
def test_every_string_has_a_confirmed_spanish_translation(spanish: Catalog) -> None:
    """THE COMPLETENESS TEST: every string of the template has a Spanish translation that is
    not empty and not fuzzy (an unconfirmed guess is not shipped)."""
    missing = [
        _key(m)[0]
        for m in spanish
        if m.id and not all(translation for _source, translation in _forms(m))
    ]
    fuzzy = [_key(m)[0] for m in spanish if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} strings without Spanish, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy Spanish strings, e.g. {fuzzy[:5]}"


PLACEHOLDER = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
HTML = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "body",
    "br",
    "caption",
    "code",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "li",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
]
# HTML tags only: "<lesson folder>" in a command's help is a placeholder a translator translates.
TAG = re.compile(r"</?(" + "|".join(HTML) + r")\b[^<>]*>", re.IGNORECASE)


def placeholders(text: str) -> set[str]:
    """`{name}` and `{size:.1f}` by name: a translation may move them, never rename one."""
    return {field.split(":")[0].split("!")[0] for field in PLACEHOLDER.findall(text)}


def accelerators(text: str) -> int:
    """The `&` that marks a menu mnemonic (`&&` is a literal ampersand)."""
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def tags(text: str) -> list[str]:
    return sorted(name.lower() for name in TAG.findall(text))


def edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def test_the_checks_of_a_translation_catch_what_they_are_for() -> None:
    assert placeholders("{count} of {total:.0f} {{literal}}") == {"count", "total"}
    assert accelerators("&Save && quit") == 1
    assert accelerators("R&&D") == 0
    assert tags('<b>x</b> <a href="y">z</a><br/>') == ["a", "a", "b", "b", "br"]
    assert tags("FOLDER/<lesson folder>, <NAME>") == []
    assert edges("  x\n") == ("  ", "\n")


def _problems(source: str, translation: str) -> list[str]:
    found = []
    if placeholders(source) != placeholders(translation):
        found.append(f"placeholders {placeholders(source)} != {placeholders(translation)}")
    if accelerators(source) != accelerators(translation):
        found.append("a different number of & accelerators")
    if tags(source) != tags(translation):
        found.append(f"HTML tags {tags(source)} != {tags(translation)}")
    if edges(source) != edges(translation):
        found.append("different leading or trailing whitespace")
    return found


def test_spanish_translations_keep_placeholders_accelerators_tags_and_spacing(
    spanish: Catalog,
) -> None:
    bad = []
    for message in _translated(spanish):
        for source, translation in _forms(message):
            problems = _problems(source, translation)
            if problems:
                bad.append(f"{source!r} -> {translation!r}: {'; '.join(problems)}")
    assert not bad, "\n".join(bad)


def test_a_broken_translation_is_caught() -> None:
    """The check above is not vacuous: each kind of mistake a translator makes is found."""
    assert _problems("{count} marks", "{cuenta} marcas")
    assert _problems("&Save", "Guardar")
    assert _problems("<b>{n}</b> marks", "{n} marcas")
    assert _problems("Saved.\n", "Guardado.")
    assert not _problems("&Save {file}", "&Guardar {file}")


# --- strings translated when shown, and extractable -----------------------------------------
IMPORT_EVERYTHING = """
import importlib, json, pkgutil, traceback
import literacy_app
from literacy_app import i18n

calls = []

class Recording:
    def _record(self, *args):
        frame = traceback.extract_stack(limit=4)[0]
        calls.append([repr(args), f"{frame.filename}:{frame.lineno}"])
    def gettext(self, message):
        self._record(message)
        return message
    def ngettext(self, singular, plural, n):
        self._record(singular, plural, n)
        return singular if n == 1 else plural
    def pgettext(self, context, message):
        self._record(context, message)
        return message

i18n._translation = Recording()
names = []
for module in pkgutil.walk_packages(literacy_app.__path__, "literacy_app."):
    if module.name.endswith("__main__"):
        continue
    importlib.import_module(module.name)
    names.append(module.name)
at_import = list(calls)
i18n._("probe")
print(json.dumps({"modules": names, "at_import": at_import, "after": calls[len(at_import):]}))
"""


def test_nothing_is_translated_at_import_time(tmp_path: Path) -> None:
    """A string translated at import keeps the language of that moment: the language chosen
    later (the preference, read once the app has started) would never reach it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LITERACY_APP_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert "literacy_app.gui.main_window" in result["modules"]
    assert "literacy_app.core.lesson" in result["modules"]
    assert len(result["after"]) == 1, "the recording translation must see a call"
    assert result["at_import"] == [], "translated at import:\n" + "\n".join(
        f"{where}: {args}" for args, where in result["at_import"]
    )


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute) and node.func.attr in FUNCTIONS - {"_"}:
        return node.func.attr  # i18n.ngettext(...)
    return None


def built_strings(call: ast.Call) -> list[str]:
    """What inside the message arguments of a translation call builds a string at run time
    (an f-string, `+`, `%`, `.format`, `.join`): the extractor sees none of it, and the
    built text is never in the catalogue."""
    name = _called_name(call)
    count = {"ngettext": 2, "pgettext": 2}.get(name or "", 1)
    found = []
    for argument in call.args[:count]:
        for node in ast.walk(argument):
            if isinstance(node, ast.JoinedStr):
                found.append("an f-string")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
                found.append("`+` or `%`")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("format", "format_map", "join", "replace")
            ):
                found.append(f"`.{node.func.attr}()`")
    if name == "N_" and not (
        call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    ):
        found.append("N_() of something other than a string literal")
    return found


def _translation_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in FUNCTIONS:
            yield node


def test_no_string_is_built_inside_a_translation_call() -> None:
    bad = []
    calls = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for call in _translation_calls(tree):
            calls += 1
            bad.extend(
                f"{path.relative_to(ROOT)}:{call.lineno}: {what} inside {_called_name(call)}()"
                for what in built_strings(call)
            )
    assert calls > 50, "the scan found almost no translation calls: is it looking?"
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        ('_(f"Saved {n} marks")', True),
        ('_("Saved " + name)', True),
        ('_("Saved %s" % name)', True),
        ('_("Saved {n}".format(n=n))', True),
        ('ngettext("{n} mark", f"{n} marks", n)', True),
        ('pgettext("verb", "Open " + what)', True),
        ("N_(label)", True),
        ('_("Saved {n} marks").format(n=n)', False),
        ('ngettext("{n} mark", "{n} marks", len(marks)).format(n=len(marks))', False),
        ("_(LABELS[key])", False),
        ('i18n.ngettext("a", "b" "c", n + 1)', False),
    ],
)
def test_the_scan_tells_built_strings_from_translated_ones(source: str, wrong: bool) -> None:
    [call] = [c for c in _translation_calls(ast.parse(source)) if c.args]
    assert bool(built_strings(call)) is wrong


_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `scope` itself, not those of the scopes nested in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def shadowed_translations(tree: ast.AST) -> list[tuple[int, int]]:
    """(line bound, line called) where a scope binds `_` (`for _ in`, `_, x = ...`, a `_`
    parameter) and it or a scope inside it calls `_()`: the call then gets the throwaway
    value, or raises UnboundLocalError, instead of translating. Ruff sees only the loop."""
    found = []
    for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, _SCOPES))]:
        nodes = list(_own_nodes(scope))
        binds = [
            n.lineno
            for n in nodes
            if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
        ]
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = scope.args
            parameters = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
            binds += [p.lineno for p in parameters if p is not None and p.arg == "_"]
        calls = [  # in nested scopes too: they see this scope's `_`
            n.lineno
            for n in ast.walk(scope)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
        ]
        if binds and calls:
            found.append((binds[0], calls[0]))
    return found


def test_no_scope_rebinds_the_translation_function() -> None:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        bad.extend(
            f"{path.relative_to(ROOT)}:{called}: `_()` called where line {bound} rebinds `_`"
            for bound, called in shadowed_translations(tree)
        )
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        ('def f():\n    for _ in range(3): pass\n    return _("x")', True),
        ('def f(p):\n    _, ext = p\n    return _("x")', True),
        ('f = lambda _: _("x")', True),
        ('def f():\n    for _ in range(3): pass\n    return [_("x") for y in ()]', True),
        ('def f():\n    return [_("x") for _ in ()]', True),
        ('def f():\n    [1 for _ in ()]\n    return _("x")', False),
        ('def f():\n    g = lambda *_: 1\n    return _("x")', False),
        ('def f():\n    for _i in range(3): pass\n    return _("x")', False),
    ],
)
def test_the_scan_finds_a_rebound_translation_function(source: str, wrong: bool) -> None:
    assert bool(shadowed_translations(ast.parse(source))) is wrong


# --- choosing the language --------------------------------------------------------------------
LANGUAGE_VARIABLES = (i18n.ENVIRONMENT, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def spanish_catalog() -> Catalog:
    catalog = Catalog(locale="es")
    # Babel's Spanish has a third form for millions; the app's catalogue keeps gettext's two.
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    return catalog


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A catalogue of one Spanish string, no language variable set, and English again after."""
    catalog = spanish_catalog()
    catalog.add("Save", "Guardar")
    catalog.add(("{n} mark", "{n} marks"), ("{n} marca", "{n} marcas"))
    catalog.add("Open", "Abrir", context="verb")
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "literacy_app.mo").open("wb") as file:
        write_mo(file, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    for variable in LANGUAGE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    yield tmp_path / "locale"
    monkeypatch.undo()
    i18n.set_language()  # English again (the suite's LITERACY_APP_LANGUAGE=en is back)
    assert i18n.current_language() == "en"


def test_a_preference_for_spanish_translates_every_kind_of_call(locale_dir: Path) -> None:
    assert i18n.set_language("es") == "es"
    assert i18n.current_language() == "es"
    assert i18n._("Save") == "Guardar"
    assert i18n.ngettext("{n} mark", "{n} marks", 1).format(n=1) == "1 marca"
    assert i18n.ngettext("{n} mark", "{n} marks", 3).format(n=3) == "3 marcas"
    assert i18n.pgettext("verb", "Open") == "Abrir"
    assert i18n.pgettext("state", "Open") == "Open"  # another context: untranslated
    assert i18n._("Not in the catalogue") == "Not in the catalogue"
    assert i18n.set_language("en") == "en"
    assert i18n._("Save") == "Save"


def test_the_environment_variable_beats_the_preference(
    locale_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.ENVIRONMENT, "en")
    assert i18n.set_language("es") == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT, "es_ES.UTF-8")
    assert i18n.set_language("en", ["en-US"]) == "es"
    assert i18n._("Save") == "Guardar"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "es_ES@euro"}, "es"),
        ({"LC_MESSAGES": "es_AR.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "en"),
        ({"LANGUAGE": "es", "LC_ALL": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es:en", "LANG": "en_US.UTF-8"}, "es"),  # first one we have
        ({"LANGUAGE": "en:es"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "POSIX", "LANG": "es_ES.UTF-8"}, "es"),  # C/POSIX: no preference
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # not shipped: English
        ({"LANG": "ES"}, "es"),
        ({}, "en"),
    ],
)
def test_the_system_language_is_read_in_gettexts_order(
    locale_dir: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.set_language() == expected
    assert i18n._("Save") == ("Guardar" if expected == "es" else "Save")


def test_a_preference_beats_the_system_and_qts_list_replaces_the_variables(
    locale_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.set_language("en") == "en"
    assert i18n.set_language(None, ["en-US", "es-ES"]) == "en"  # Qt's list, not LANG
    assert i18n.set_language(None, ["de-DE", "es-419"]) == "es"
    assert i18n.set_language("", ["fr-FR"]) == "en"
    assert i18n.set_language("klingon", ["es"]) == "es"  # an unknown preference is no choice


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x95\x04\x12", b"\0" * 64, "cut", "garbage header", "bad plural"],
)
def test_a_damaged_catalogue_falls_back_to_english(locale_dir: Path, damage: bytes | str) -> None:
    mo = locale_dir / "es" / "LC_MESSAGES" / "literacy_app.mo"
    good = mo.read_bytes()
    if damage == "cut":
        content = good[: len(good) // 2]
    elif damage == "garbage header":
        content = good[:28] + b"\xff" * 40
    elif damage == "bad plural":
        catalog = spanish_catalog()
        catalog.add("Save", "Guardar")
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        content = buffer.getvalue().replace(b"plural=(n != 1)", b"plural=(n !! 1)")
        assert content != buffer.getvalue()
    else:
        assert isinstance(damage, bytes)
        content = damage
    mo.write_bytes(content)
    assert i18n.set_language("es") == "en"
    assert i18n.current_language() == "en"
    assert i18n._("Save") == "Save"


def test_a_missing_catalogue_falls_back_to_english(
    locale_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "nowhere")
    assert i18n.set_language("es") == "en"


def test_the_shipped_spanish_catalogue_loads() -> None:
    try:
        assert i18n.set_language("es", []) in ("es", "en")  # en only if LITERACY_APP_LANGUAGE
        with SPANISH_MO.open("rb") as file:
            gettext.GNUTranslations(file)  # parses: no exception
    finally:
        i18n.set_language()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("es", "Español"),
        ("es-MX", "Español"),
        ("es_419", "Español"),
        ("EN", "English"),
        ("fr-CA", "Français"),
        ("tlh", "tlh"),
        ("", ""),
    ],
)
def test_a_lessons_language_is_named_in_itself(code: str, name: str) -> None:
    assert i18n.language_name(code) == name


def test_figures_follow_the_languages_decimal_sign(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    try:
        i18n.set_language("es")
        assert i18n.decimal("3.125") == "3,125"
        assert i18n.decimal("84.4%") == "84,4%"
        assert i18n.decimal("5") == "5"
        i18n.set_decimal_sign(".")  # the window's locale: Mexico writes a point
        assert i18n.decimal("3.125") == "3.125"
        i18n.set_decimal_sign("")  # a locale that says nothing: Python's
        assert i18n.decimal("3.125") == "3.125"
    finally:
        i18n.set_language("en")
    assert i18n.decimal("3.125") == "3.125"
