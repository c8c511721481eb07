"""Translations: every user-visible string, in the window, on the command line and in reports.

One gettext catalogue serves the whole application (domain `literacy_app`, catalogues in
`literacy_app/locale/<language>/LC_MESSAGES/`): the Qt-free core's messages (a malformed
lesson, a score's explanation, a report) reach students through the command line and reports as
much as through the window, so they cannot wait for Qt's `tr()`; and a single catalogue is one
file for a translator to open in Poedit. Qt's own strings (standard buttons, the file dialog)
come from Qt's catalogues, which `gui.language` installs alongside.

Rules for code (tests/test_i18n.py checks what it can):

* `_("Save the marks")` at the moment the text is shown, never at import: the language may be
  chosen after a module is imported. Module-level tables hold `N_("...")` and translate with
  `_()` where they are used.
* Placeholders are named, so a translation can move them: `_("{count} marks").format(count=n)`;
  never an f-string inside `_()` (the extractor cannot see it).
* Counts use `ngettext(singular, plural, n)`; a short word with two meanings uses
  `pgettext(context, word)`.
* File names, category ids, JSON keys and command-line flags are never translated: scripts and
  other programs read them.

`set_language` picks the catalogue: a preference ("es"), or None to follow the system
(LITERACY_APP_LANGUAGE, then LANGUAGE, LC_ALL, LC_MESSAGES and LANG, as gettext does; the window
passes Qt's list of the system's UI languages instead, which is also right on Windows and macOS).
English is the source language and needs no catalogue.
"""

from __future__ import annotations

import gettext as _gettext
import os
import struct
from collections.abc import Iterable
from pathlib import Path

DOMAIN = "literacy_app"
LOCALE_DIR = Path(__file__).with_name("locale")
SOURCE_LANGUAGE = "en"
# Each language by its own name, as a language menu shows it (a Spanish speaker looking for their
# language in an English menu looks for "Español").
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
# The environment variable that overrides everything (tests, scripts, a classroom image).
ENVIRONMENT = "LITERACY_APP_LANGUAGE"

# The decimal sign each language most often writes ("3,125" in Spanish reads as a number, where
# "3.125" reads as three thousand). The window passes the system's own variant of it
# (`set_decimal_sign`: Mexico writes "3.125"); printed reports and the terminal use this.
DECIMAL_SIGNS: dict[str, str] = {"en": ".", "es": ","}

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_decimal_sign = "."


def _(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` things: languages differ in how many plural forms they have."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for short words that mean two things ("Open" the
    verb and "open" the state)."""
    return _translation.pgettext(context, message)


def decimal(number: str) -> str:
    """A number as Python formats it ("3.125", "84.4%") with the current language's decimal
    sign, for text people read; files and data (CSV, JSON) keep Python's."""
    return number if _decimal_sign == "." else number.replace(".", _decimal_sign)


def set_decimal_sign(sign: str) -> None:
    """The decimal sign `decimal` writes: the window's locale knows the learner's variant."""
    global _decimal_sign
    _decimal_sign = sign or "."


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Marks a string for the catalogue without translating it now (module-level tables)."""
    return message


# Languages a lesson may be written in, each by its own name (`language_name`); a code not
# listed here is shown as written.
AUTONYMS: dict[str, str] = {
    **LANGUAGES,
    "ar": "العربية",
    "ca": "Català",
    "de": "Deutsch",
    "eu": "Euskara",
    "fr": "Français",
    "gl": "Galego",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "uk": "Українська",
    "zh": "中文",
}


def language_name(code: str) -> str:
    """A lesson's declared language by its own name, as a reader of it would look for it:
    "es", "es-MX" -> "Español". A code this table does not know is shown as written (the
    lesson's author chose it; "und" or "tlh" is still better than nothing)."""
    base = code.replace("_", "-").split("-")[0].casefold()
    return AUTONYMS.get(base, code)


def current_language() -> str:
    """The language strings are shown in now ("en", "es", ...)."""
    return _language


def supported(code: str | None) -> str | None:
    """The supported language `code` names ("es_MX.UTF-8", "es-419", "ES" -> "es"), or None."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].casefold()
    return base if base in LANGUAGES else None


def system_languages() -> list[str]:
    """The system's preferred languages, most preferred first, as gettext reads them on POSIX.
    `C` and `POSIX` mean no preference."""
    found: list[str] = []
    for variable in (ENVIRONMENT, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if not value:
            continue
        found.extend(part for part in value.split(":") if part and part not in ("C", "POSIX"))
        if variable != ENVIRONMENT and found:
            break  # as gettext: the first variable that is set decides
    return found


def choose(preference: str | None, system: Iterable[str] = ()) -> str:
    """The language to use: LITERACY_APP_LANGUAGE, then the preference, then the first supported
    system language, then English."""
    for candidate in (os.environ.get(ENVIRONMENT), preference, *system):
        language = supported(candidate)
        if language is not None:
            return language
    return SOURCE_LANGUAGE


def set_language(preference: str | None = None, system: Iterable[str] | None = None) -> str:
    """Switch every later `_()` to the chosen language (see `choose`) and return it. A missing
    or unreadable catalogue falls back to English rather than stopping the app."""
    global _translation, _language
    language = choose(preference, system_languages() if system is None else system)
    translation: _gettext.NullTranslations = _gettext.NullTranslations()
    if language != SOURCE_LANGUAGE:
        try:
            translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        # No catalogue, or a damaged one: gettext says "corrupt" with OSError, a bad header
        # with ValueError, and an empty or cut-short file with struct.error.
        except (OSError, ValueError, struct.error):
            language = SOURCE_LANGUAGE
    _translation, _language = translation, language
    set_decimal_sign(DECIMAL_SIGNS.get(language, "."))
    return language
