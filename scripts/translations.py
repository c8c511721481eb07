"""`make translations`: the message catalogue from the code, the translations kept up to date with
it, and the compiled catalogues the app reads.

1. Extract every `_()`, `ngettext()`, `pgettext()` and `N_()` string of literacy_app/ into
   literacy_app/locale/literacy_app.pot (sorted, file names without line numbers: moving code
   does not rewrite the template, so its diffs show only what a translator must look at).
2. Update each language's literacy_app/locale/<lang>/LC_MESSAGES/literacy_app.po from it:
   translations are kept, new strings arrive empty, a changed string close to an old one arrives
   as a fuzzy guess for the translator to confirm (tests/test_i18n.py refuses fuzzy entries).
3. Compile each .po to the .mo beside it. The .mo files are committed: the wheel and the bundle
   ship them without a build step, and tests/test_i18n.py fails when one is stale.

A file is written only when its content changes (the dates in the headers alone do not count).
`--check` writes nothing and exits 1 when anything would change (for CI). `--merge es FILE...`
first copies the translations of PO fragments (a translator's or a helper's file, for any part of
the code) into that language's catalogue, for the strings the code still has. Babel is a
development tool only: the app reads the .mo files with the standard library's gettext.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "literacy_app"
LOCALE = PACKAGE / "locale"
DOMAIN = "literacy_app"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
CONFIG = ROOT / "babel.cfg"
# The functions of literacy_app/i18n.py, and where their strings are: pgettext's first
# argument is the context.
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}
COMMENT_TAGS = ("Translators:",)
WIDTH = 100
DATE_LINES = ("POT-Creation-Date:", "PO-Revision-Date:")


def project_version() -> str:
    sys.path.insert(0, str(ROOT))
    from literacy_app import __version__

    return __version__


def extract() -> Catalog:
    """Every translatable string of the package, with the files it occurs in."""
    with CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(CONFIG))
    catalog = Catalog(
        project="literacy-app",
        version=project_version(),
        copyright_holder="Media Literacy Lab",
        msgid_bugs_address="",
        charset="utf-8",
    )
    found = extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(
            message,
            None,
            [(filename.replace("\\", "/"), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=True, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalogue, without fuzzy entries (an unconfirmed guess is not shown)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _without_dates(text: bytes) -> bytes:
    return b"\n".join(
        line
        for line in text.splitlines()
        if not any(line.lstrip(b'"').startswith(date.encode()) for date in DATE_LINES)
    )


def languages() -> Iterator[Path]:
    """Each language's .po file."""
    yield from sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def merge(catalog: Catalog, template: Catalog, fragments: list[Path]) -> list[str]:
    """Copy the fragments' translations into `catalog` (already updated from `template`);
    what could not be merged, as sentences: a string the code no longer has, a fuzzy guess, or
    a second, different translation of one string (the first one stays)."""
    notes: list[str] = []
    taken: dict[tuple[object, str | None], Path] = {}
    for fragment in fragments:
        for message in read(fragment):
            if not message.id or not _translated(message.string):
                continue
            if message.fuzzy:
                notes.append(f"{fragment}: fuzzy, not merged: {message.id!r}")
                continue
            target = catalog.get(message.id, message.context)
            if target is None:
                notes.append(f"{fragment}: not in the code (any more): {message.id!r}")
                continue
            key = (message.id, message.context)
            if key in taken:
                if target.string != message.string:
                    notes.append(
                        f"{fragment}: a different translation of {message.id!r} came first"
                        f" from {taken[key]}; kept that one"
                    )
                continue
            taken[key] = fragment
            target.string = message.string
            target.flags.discard("fuzzy")
    return notes


def _translated(string: str | tuple[str, ...] | list[str]) -> bool:
    return bool(string) if isinstance(string, str) else all(string)


def build(merging: dict[str, list[Path]] | None = None) -> dict[Path, bytes]:
    """What each file of the catalogue should hold, from the code as it is now (and the
    fragments to merge into each language)."""
    template = extract()
    wanted = {TEMPLATE: po_text(template)}
    for po_path in languages():
        language = po_path.parents[1].name
        catalog = read(po_path, language)
        catalog.update(template, update_creation_date=False)
        if merging and merging.get(language):
            for note in merge(catalog, template, merging[language]):
                print(note, file=sys.stderr)
        wanted[po_path] = po_text(catalog)
        wanted[po_path.with_suffix(".mo")] = mo_bytes(read_po(io.BytesIO(wanted[po_path])))
    return wanted


def changed(path: Path, content: bytes) -> bool:
    if not path.is_file():
        return True
    current = path.read_bytes()
    if path.suffix == ".mo":
        return current != content
    return _without_dates(current) != _without_dates(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a file is out of date"
    )
    parser.add_argument(
        "--merge",
        nargs="+",
        metavar=("LANGUAGE", "FRAGMENT"),
        help="copy the translations of these PO files into LANGUAGE's catalogue first",
    )
    args = parser.parse_args(argv)
    merging: dict[str, list[Path]] = {}
    if args.merge:
        language, *fragments = args.merge
        if not (LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
            parser.error(f"--merge {language}: no catalogue for that language in {LOCALE}")
        if not fragments:
            parser.error("--merge needs the fragments after the language")
        merging[language] = [Path(fragment) for fragment in fragments]
    if args.check and merging:
        parser.error("--check and --merge do not go together")
    built = build(merging)
    stale = [(path, content) for path, content in built.items() if changed(path, content)]
    for path, content in stale:
        shown = path.relative_to(ROOT)
        if args.check:
            print(f"{shown}: out of date (run `make translations`)", file=sys.stderr)
        else:
            path.write_bytes(content)
            print(f"{shown}: written")
    if not stale:
        print("translations: up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
