"""The lesson panel: title, instructions, hints revealed one at a time, and the debrief.

Lesson packages come from other people, so everything shown here is untrusted. The Markdown is
rendered and sanitised by `literacy_app.render`; on top of that the browser below never loads
anything by itself: links open only when the student clicks one (and only http, https and
mailto), and images load only from files inside the lesson folder, never from the network.

Under the title, all of the lesson's text lives in one read-only browser, so the student
scrolls, selects, copies and finds in one place and a screen reader reads it as one document.
The document is rebuilt from cached, already-rendered fragments whenever a hint is revealed or
the debrief unlocks: the debrief's text is not in the document at all until then, so it cannot
be found, copied or read aloud early. The teacher notes (`LessonText.teacher_notes`) are never
in it: they are for the teacher, and only instructor mode shows them. Any other section of
lesson.md (`LessonText.other`) is shown to students, after the instructions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontMetrics,
    QImage,
    QImageReader,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from literacy_app.core.errors import FormatError
from literacy_app.core.lesson import Lesson, Reveal
from literacy_app.core.library import level_name
from literacy_app.gui.lesson_style import card, mix, readable, scaled_font
from literacy_app.gui.rich_text import breakable, escaped, plain_tip, shortened
from literacy_app.i18n import N_, _, ngettext
from literacy_app.render import LINK_SCHEMES, is_safe_link, is_safe_resource, render_markdown

#: Opens a link the student clicked. Tests replace it so that no browser ever starts.
open_url: Callable[[QUrl], object] = QDesktopServices.openUrl

LOCKED_NOTE = N_("The debrief discusses the answer key, so it opens with the answers")
#: When the answers open, by the lesson's `reveal` setting (a lesson without a key has no
#: check: its debrief arrives with the key, in the full package).
UNLOCKS = {
    Reveal.AFTER_FIRST_ATTEMPT: N_("after you check your work."),
    Reveal.AFTER_SECOND_ATTEMPT: N_(
        "after your second attempt, or when you choose Lesson › Show answers."
    ),
    Reveal.ON_REQUEST: N_("when you choose Lesson › Show answers."),
}
MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a lesson picture, not a decompression bomb
ANCHOR_PREFIX = "lmlab-"  # our own anchors, apart from any id an author might use
DOCUMENT_MARGIN = 18
READING_POINT_SIZE = 11.0  # a floor: small default UI fonts are tiring for long instructions


GENERATED_LEVELS = 3  # hint_ladder.LEVELS: the levels a keyed lesson's marks can answer
TITLE_SHOWN = 160  # characters of the title shown; a longer one ends in "…" (tooltip: all)


@cache
def _nothing_shown() -> QImage:
    """What a refused image becomes: one transparent pixel (a null image would draw Qt's
    broken-file icon, which tells the student nothing)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def _read_image(path: Path) -> QImage:
    """The picture at `path` (already known to be inside the lesson folder), read by us and
    decoded from memory: Qt never opens a file itself, so nothing it is asked to decode can
    make it read another one. An SVG that refers to anything outside itself is refused
    (`image_safety.refusal`): Qt's SVG renderer would follow the reference."""
    from PySide6.QtCore import QBuffer, QIODevice

    from literacy_app.formats.document import read_bytes
    from literacy_app.image_safety import refusal

    try:
        data = read_bytes(path, MAX_IMAGE_BYTES)
    except FormatError:
        return QImage()
    if refusal(data) is not None:
        return QImage()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    return reader.read()


class LessonBrowser(QTextBrowser):
    """Read-only rich text that fetches nothing by itself.

    `QTextBrowser` would follow links inside itself and load `src` and `href` targets from its
    search paths; here links are only reported (and opened externally when safe), search paths
    are empty, and `loadResource` serves images from inside the lesson folder alone.

    Signals:
        link_requested(QUrl): the student clicked an http, https or mailto link.
    """

    link_requested = Signal(QUrl)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder.resolve()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_link_highlighted)

    @property
    def folder(self) -> Path:
        return self._folder

    def resource_path(self, url: QUrl) -> Path | None:
        """The file inside the lesson folder that `url` names, or None if it names anything else.

        Relative paths must pass `is_safe_resource`; a file: URL is accepted only when it
        resolves inside the folder (Qt may hand resolved URLs back). Resolving follows symbolic
        links, so a link inside the package that points outside it is refused as well.
        """
        if not url.isValid() or url.hasQuery() or url.hasFragment() or url.host():
            return None
        scheme = url.scheme().lower()
        if scheme == "":
            relative = url.path()
            if not is_safe_resource(relative):
                return None
            candidate = self._folder / relative
        elif scheme == "file":
            candidate = Path(url.toLocalFile())
        else:
            return None
        try:
            resolved = candidate.resolve(strict=True)
            if not resolved.is_relative_to(self._folder) or not resolved.is_file():
                return None
            if resolved.stat().st_size > MAX_IMAGE_BYTES:
                return None
        except (OSError, RuntimeError, ValueError):
            return None
        return resolved

    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Images from inside the lesson folder; nothing else, and never from the network.

        A refusal must be a value, not None: given nothing, QTextDocument falls back to reading
        the file itself, relative to the current directory, which is exactly what is refused.
        """
        if type != QTextDocument.ResourceType.ImageResource:
            return QByteArray()
        path = self.resource_path(QUrl(name))
        image = QImage()
        if path is not None:
            image = _read_image(path)
        return image if not image.isNull() else _nothing_shown()

    @staticmethod
    def is_openable(url: QUrl) -> bool:
        """Links the app hands to the desktop: http(s) to a host, or mailto. Checked again here,
        not only when rendering, in case anything reaches `anchorClicked` another way."""
        if not url.isValid() or url.scheme().lower() not in LINK_SCHEMES:
            return False
        if url.scheme().lower() != "mailto" and not url.host():
            return False
        return is_safe_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if not url.scheme() and not url.path() and url.hasFragment():
            self.scrollToAnchor(url.fragment())
        elif self.is_openable(url):
            self.link_requested.emit(url)
            open_url(url)

    @Slot(QUrl)
    def _on_link_highlighted(self, url: QUrl) -> None:
        """Show where a link goes before the student clicks it."""
        self.setToolTip(plain_tip(url.toDisplayString()) if self.is_openable(url) else "")


class LessonView(QWidget):
    """The lesson's title, instructions, hints and debrief, for reading beside the article.

    Hints are revealed one at a time, in the author's order, by the button under the text (or
    by `reveal_next_hint`). The debrief quotes the key, so it stays locked until the answers
    are shown (`set_checked(True)`: the lesson's `reveal` setting or the student decides when),
    and then stays open for the session, until `reset()`.

    Signals:
        hint_revealed(int): the index (from 0) of the hint just revealed.
        link_requested(QUrl): the student clicked an http, https or mailto link; it is being
            opened with `open_url`.
    """

    hint_revealed = Signal(int)
    link_requested = Signal(QUrl)

    def __init__(self, lesson: Lesson, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lesson = lesson
        self._hints_shown = 0
        self._unlocked = False
        self._colors: dict[str, str] = {}
        text = lesson.text
        # Rendered once: the Markdown never changes, only which parts are in the document.
        # Remembered: the lesson is rendered at every start, the same text each time.
        self._instructions = render_markdown(text.instructions, remember=True)
        self._other = [(h, render_markdown(body, remember=True)) for h, body in text.other]
        self._hints = [(h.title, render_markdown(h.body, remember=True)) for h in text.hints]
        # Hint levels worked out from the marks (`set_hint_source`): level -> (title, HTML),
        # made when revealed, so that each says what was left at that moment.
        self._hint_source: Callable[[int], tuple[str, str] | None] | None = None
        self._generated: dict[int, tuple[str, str]] = {}
        self._debrief = render_markdown(text.debrief, remember=True)

        self.setObjectName("lesson_view")
        self.setAccessibleName(_("Lesson"))

        self.title_label = QLabel(breakable(shortened(lesson.title, TITLE_SHOWN)))
        self.title_label.setObjectName("lesson_title")
        self.title_label.setAccessibleName(_("Lesson title: {title}").format(title=lesson.title))
        if len(lesson.title) > TITLE_SHOWN:
            self.title_label.setToolTip(plain_tip(lesson.title))
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setWordWrap(True)
        self.title_label.setFont(scaled_font(self.font(), 1.45, 14.0))
        title_font = self.title_label.font()
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(title_font)

        self.meta_label = QLabel(breakable(self._meta_text()))
        self.meta_label.setObjectName("lesson_meta")
        self.meta_label.setAccessibleName(_("Lesson difficulty and length"))
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label.setWordWrap(True)
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        if not self.meta_label.text():  # never setVisible(True) here: see `hint_button`
            self.meta_label.hide()

        self.browser = LessonBrowser(lesson.folder)
        self.browser.setObjectName("lesson_text")
        self.browser.setAccessibleName(_("Lesson instructions, hints and debrief"))
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.setFont(scaled_font(self.font(), 1.1, READING_POINT_SIZE))
        self.browser.document().setDocumentMargin(DOCUMENT_MARGIN)
        self.browser.link_requested.connect(self.link_requested)

        self.hint_button = QPushButton()
        self.hint_button.setObjectName("hint_button")
        self.hint_button.setAccessibleDescription(
            _("Reveals the lesson's next hint, one at a time.")
        )
        self.hint_button.clicked.connect(self._on_hint_button_clicked)
        # Hidden or left alone, never shown: a parentless widget shown is a window of its own,
        # which flashes up and takes the focus from a window already on screen (opening
        # another lesson replaces this view in a window the student is using).
        if not self._hints:
            self.hint_button.hide()

        header = QVBoxLayout()
        header.setContentsMargins(DOCUMENT_MARGIN + 2, 16, DOCUMENT_MARGIN + 2, 10)
        header.setSpacing(4)
        header.addWidget(self.title_label)
        header.addWidget(self.meta_label)
        rule = QFrame()
        rule.setObjectName("lesson_rule")
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(QPalette.ColorRole.Mid)
        footer = QVBoxLayout()
        footer.setContentsMargins(DOCUMENT_MARGIN, 8, DOCUMENT_MARGIN, 12)
        footer.addWidget(self.hint_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(rule)
        layout.addWidget(self.browser, 1)
        layout.addLayout(footer)

        self._apply_palette()
        self._update_button()
        self._render()

    # --- public API ----------------------------------------------------------------------------
    @property
    def lesson(self) -> Lesson:
        return self._lesson

    @property
    def hints_shown(self) -> int:
        return self._hints_shown

    @property
    def hint_count(self) -> int:
        """The author's hints, and at least GENERATED_LEVELS levels once marks can answer them."""
        if self._hint_source is None:
            return len(self._hints)
        return max(len(self._hints), GENERATED_LEVELS)

    def set_hint_source(self, source: Callable[[int], tuple[str, str] | None] | None) -> None:
        """`source(level)` (from 1) gives (title, Markdown) worked out from the student's marks
        for the first GENERATED_LEVELS levels, shown under the author's hint of that level, or
        alone where the author wrote none. Only for a lesson with a key."""
        self._hint_source = source
        if self.hint_count and self.parentWidget() is not None:  # see `hint_button`
            self.hint_button.show()
        self._update_button()
        self._render()

    def reveal_next_hint(self) -> bool:
        """Show the next hint and scroll to it; False (and nothing changes) when none are left."""
        if not self._reveal():
            return False
        self._update_button()
        self._render()
        self.browser.scrollToAnchor(f"{ANCHOR_PREFIX}hint-{self._hints_shown}")
        self.hint_revealed.emit(self._hints_shown - 1)
        return True

    def restore_hints(self, count: int) -> None:
        """Show the first `count` hints again (reopened work that had used them), without
        counting them as newly revealed. What the marks left to find is not worked out again:
        reopening the work must not be a free new hint (level 3 would point at another
        passage); the card says the hint was used earlier instead."""
        while self._hints_shown < count and self._reveal(generate=False):
            pass
        self._update_button()
        self._render()

    def _reveal(self, generate: bool = True) -> bool:
        if self._hints_shown >= self.hint_count:
            return False
        level = self._hints_shown + 1
        if not generate and self._hint_source is not None and level <= GENERATED_LEVELS:
            note = escaped(
                _("You used this hint earlier in this work, on the marks you had then.")
            )
            self._generated[level] = ("", f'<p class="muted">{note}</p>')
        elif self._hint_source is not None and level <= GENERATED_LEVELS:
            made = self._hint_source(level)
            if made is not None:
                title, markdown = made
                self._generated[level] = (title, render_markdown(markdown))
        self._hints_shown = level
        return True

    def set_checked(self, checked: bool) -> None:
        """Unlock the debrief once the answers are shown (checking alone is not enough: the
        debrief discusses the key, missed passages included).

        `set_checked(False)` does not lock it again: the student has read it by then, and
        hiding it while they go back to revise would only take away the explanation they are
        acting on. `reset()` starts the lesson over, debrief locked.
        """
        if checked and not self._unlocked:
            self._unlocked = True
            self._render()

    def locked_note(self) -> str:
        """What the locked debrief says about when it opens."""
        if not self._lesson.has_key:
            return f"{_(LOCKED_NOTE)} {_(UNLOCKS[Reveal.AFTER_FIRST_ATTEMPT])}"
        return f"{_(LOCKED_NOTE)} {_(UNLOCKS[Reveal(self._lesson.reveal)])}"

    def debrief_visible(self) -> bool:
        """True when the debrief is unlocked and the lesson has one to show."""
        return self._unlocked and bool(self._debrief)

    def reset(self) -> None:
        """Back to the start: no hints shown, debrief locked."""
        self._hints_shown = 0
        self._generated.clear()
        self._unlocked = False
        self._update_button()
        self._render()
        self.browser.verticalScrollBar().setValue(0)

    def displayed_text(self) -> str:
        """Everything the student can read in the panel, as plain text (for tests and checks)."""
        parts = [self.title_label.text(), self.meta_label.text(), self.browser.toPlainText()]
        if self.hint_button.isVisibleTo(self):
            parts.append(self.hint_button.text())
        return "\n".join(p for p in parts if p)

    # --- slots and events ----------------------------------------------------------------------
    @Slot()
    def _on_hint_button_clicked(self) -> None:
        self.reveal_next_hint()

    def changeEvent(self, event: QEvent) -> None:
        """Follow light/dark palette switches: the document's colours come from the palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self._render()

    # --- building the document -----------------------------------------------------------------
    def _meta_text(self) -> str:
        parts = []
        if self._lesson.difficulty:
            parts.append(level_name(self._lesson.difficulty.strip()))
        if self._lesson.minutes:
            minutes = self._lesson.minutes
            parts.append(
                ngettext("about {count} minutes", "about {count} minutes", minutes).format(
                    count=minutes
                )
            )
        count = max(len(self._lesson.text.hints), GENERATED_LEVELS if self._lesson.has_key else 0)
        if count:
            parts.append(ngettext("{count} hint", "{count} hints", count).format(count=count))
        return " · ".join(parts)

    def _update_button(self) -> None:
        total = self.hint_count
        shown = self._hints_shown
        if shown >= total:
            label = _("All hints shown ({total} of {total})").format(total=total)
        elif shown == 0:
            label = _("Show a hint (1 of {total})").format(total=total)
        else:
            label = _("Show another hint ({number} of {total})").format(
                number=shown + 1, total=total
            )
        self.hint_button.setText(label)
        self.hint_button.setAccessibleName(label)
        self.hint_button.setEnabled(shown < total)

    def _apply_palette(self) -> None:
        """Colours for the document, derived from the palette so both themes read well."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        link = readable(palette.color(QPalette.ColorRole.Link), base, text)
        muted = readable(mix(text, base, 0.4), base, text)
        self._colors = {
            "card": mix(base, accent, 0.07).name(),
            "card_border": mix(base, accent, 0.35).name(),
            "locked": mix(base, text, 0.05).name(),
            "locked_border": mix(base, text, 0.2).name(),
            "muted": muted.name(),
            "rule": mix(base, text, 0.2).name(),
            "code": mix(base, text, 0.07).name(),
        }
        c = self._colors
        # Extra space between lines, in pixels rather than a percentage, so that a line holding
        # a tall picture does not get a tall gap too.
        leading = max(3, round(QFontMetrics(self.browser.font()).height() * 0.3))
        self.browser.document().setDefaultStyleSheet(f"""
            h2 {{ font-size: large; font-weight: 600; margin-top: 20px; margin-bottom: 6px; }}
            h3, h4 {{ font-weight: 600; margin-top: 14px; margin-bottom: 4px; }}
            p, li {{ -qt-line-height-type: line-distance; line-height: {leading}px; }}
            p {{ margin-top: 0px; margin-bottom: 10px; }}
            li {{ margin-bottom: 4px; }}
            ul, ol {{ margin-top: 0px; margin-bottom: 10px; }}
            a[href] {{ color: {link.name()}; }}
            pre {{ background-color: {c["code"]}; margin-bottom: 10px; }}
            code {{ background-color: {c["code"]}; }}
            blockquote {{ color: {c["muted"]}; margin-left: 14px; font-style: italic; }}
            table {{ border-collapse: collapse; margin-bottom: 12px; }}
            th, td {{ border-width: 1px; border-style: solid; border-color: {c["rule"]};
                      padding: 4px 8px; }}
            th {{ font-weight: 600; background-color: {c["code"]}; }}
            img {{ max-width: 100%; }}
            .label {{ color: {c["muted"]}; font-size: small; font-weight: 600;
                      margin-bottom: 2px; }}
            .card-title {{ font-size: medium; font-weight: 600; margin-bottom: 6px; }}
            .muted {{ color: {c["muted"]}; }}
        """)

    def _render(self) -> None:
        """Rebuild the document from the cached fragments, keeping the reading position."""
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        self.browser.setHtml(self._document_html())
        scroll.setValue(position)

    def _document_html(self) -> str:
        c = self._colors
        parts: list[str] = []
        if self._instructions:
            heading = escaped(_("Instructions"))
            parts.append(f"<h2>{heading}</h2>{self._instructions}")
        for heading, body in self._other:
            parts.append(f"<h2>{escaped(heading)}</h2>{body}")
        total = self.hint_count
        if total:
            hints = escaped(_("Hints"))
            parts.append(f"<h2>{hints}</h2>")
            if not self._hints_shown:
                stuck = ngettext(  # the singular as English has always said it
                    "Stuck? hint is available, one at a time. "
                    "Try on your own first, then use the button below.",
                    "Stuck? {count} hints are available, one at a time. "
                    "Try on your own first, then use the button below.",
                    total,
                ).format(count=total)
                parts.append(f'<p class="muted">{escaped(stuck)}</p>')
            for number in range(1, self._hints_shown + 1):
                title, body = self._hints[number - 1] if number <= len(self._hints) else ("", "")
                made = self._generated.get(number)
                if made is not None:
                    title = title or made[0] or _("Hint {number}").format(number=number)
                    asked = escaped(_("FROM YOUR MARKS, WHEN YOU ASKED"))
                    label = f'<p class="label">{asked}</p>' if body else ""
                    body += label + made[1]
                of_total = _("HINT {number} OF {total}").format(number=number, total=total)
                heading = (
                    f'<p class="label">{escaped(of_total)}</p>'
                    f'<p class="card-title">{escaped(title)}</p>'
                )
                parts.append(
                    f'<a name="{ANCHOR_PREFIX}hint-{number}"></a>'
                    + card(heading + body, c["card"], c["card_border"])
                )
        if self._debrief:
            debrief = escaped(_("Debrief"))
            parts.append(f'<a name="{ANCHOR_PREFIX}debrief"></a><h2>{debrief}</h2>')
            if self._unlocked:
                parts.append(self._debrief)
            else:
                parts.append(
                    card(
                        f'<p class="muted">{escaped(self.locked_note())}</p>',
                        c["locked"],
                        c["locked_border"],
                    )
                )
        # The lesson's own language (not the window's), so that a screen reader pronounces
        # an English lesson in English in a Spanish window, and a Spanish one in Spanish.
        lang = escaped(self._lesson.language or "en")
        return f'<html lang="{lang}"><body>' + "".join(parts) + "</body></html>"
