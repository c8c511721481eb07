"""Untrusted text in Qt's rich-text places.

Qt guesses whether a string is HTML (`Qt.mightBeRichText`) wherever a label, tooltip or
message box shows text, and renders what it takes for HTML, `<img src=...>` read from the
disk included. Article quotes, lesson titles, taxonomy definitions, file names and students'
notes are not ours to trust, so they go through these helpers (or a plain-text widget) first.
"""

from __future__ import annotations

#: What `html.escape(text, quote=True)` replaces, written out: the `html` package loads its
#: table of 2,000 named entities on import (~2 ms of start-up) for five characters.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escaped(text: str) -> str:
    """`text` as inert HTML, for rich text that mixes it with our own markup (quotes too, so
    it is safe inside an attribute value)."""
    return text.translate(_ESCAPES)


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` exactly, line breaks kept, whatever it contains."""
    return f"<p style='white-space:pre-wrap'>{escaped(text)}</p>"


#: A run of this many characters without a space gets places where a line may break.
UNBROKEN_RUN = 12
_ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str, run: int = UNBROKEN_RUN) -> str:
    """`text` with invisible break opportunities (U+200B) inside runs of more than `run`
    characters without a space, so that a word-wrapping label can always wrap. A title of one
    300-character "word" otherwise makes the label, and so the window, 6,000 pixels wide.
    For display only: copy, search and the accessible name keep the text as it is."""
    if len(text) <= run:
        return text
    parts = []
    for word in text.split(" "):
        if len(word) > run:
            word = _ZERO_WIDTH_SPACE.join(word[i : i + run] for i in range(0, len(word), run))
        parts.append(word)
    return " ".join(parts)


def shortened(text: str, limit: int = 40) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis: a quote or a title in a
    status message, a dialog title or a label, where the whole would not fit."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

