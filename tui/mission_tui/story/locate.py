"""Where in its source a claim's quote stands: the headline, the excerpt, or under which heading of
the source's document ("Summary", "Key Points of Transition").

Derived, not stored: the quote is looked up as quote verification looks it up (whitespace
normalized, nothing else), first in the headline and the excerpt, then in the document, where the
nearest heading-like line before it names the place. A reader then sees "the digest's summary vs the
digest's key points" instead of one source saying two things. A quote found nowhere has no place
(quote verification reports it). Pure: no Textual; documents are read through `files`, once each.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .files import FileReadError, decode_utf8, document_path, read_capped
from .models import Source

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # as verify.py reads them
_HEADING_MARKUP = re.compile(r"^(?:#{1,6}\s+|\*\*)+|(?:\*\*|:)+$")
_HEADING_BACKTRACK = 400  # lines looked at above a quote for its heading


def heading_text(line: str) -> str | None:
    """The heading a line is, if its shape is a heading's: short, capitalized, no sentence punctuation
    at its end, not a quotation ("Key Points of Transition", "## Outlook:" -> "Outlook")."""
    text = _HEADING_MARKUP.sub("", line.strip()).strip()
    if not text or len(text) > 80 or len(text.split()) > 10 or not (text[0].isupper() or text[0].isdigit()):
        return None
    if text[-1] in '.!?;,…”"’)' or "“" in text or " / " in text:
        return None
    return text


@dataclass(frozen=True, slots=True)
class _Document:
    """A document's text with whitespace normalized, and the heading above each of its lines."""

    text: str
    starts: list[int]  # where each non-blank line begins in `text`
    headings: list[str | None]  # the nearest heading at or above each of those lines


def _index_document(raw: str) -> _Document:
    pieces: list[str] = []
    starts: list[int] = []
    headings: list[str | None] = []
    offset, heading, since = 0, None, 0
    for line in raw.splitlines():
        piece = " ".join(line.split())
        if not piece:
            continue
        found = heading_text(piece)
        if found is not None:
            heading, since = found, 0
        elif since > _HEADING_BACKTRACK:
            heading = None  # too far below its heading to be said to stand under it
        since += 1
        starts.append(offset)
        headings.append(heading)
        pieces.append(piece)
        offset += len(piece) + 1
    return _Document(" ".join(pieces), starts, headings)


class Locator:
    """Finds where quotes stand in their sources; each document is read and indexed once."""

    def __init__(self, base_dir: Path | None) -> None:
        self.base_dir = base_dir
        self._documents: dict[str, _Document | None] = {}

    def _document(self, source: Source) -> _Document | None:
        name = source.document
        if name is None:
            return None
        if name not in self._documents:
            path = document_path(self.base_dir, name)
            try:
                raw = None if path is None else decode_utf8(read_capped(path, MAX_DOCUMENT_BYTES, "document"))
            except FileReadError:
                raw = None
            self._documents[name] = None if raw is None else _index_document(raw)
        return self._documents[name]

    def place(self, source: Source, quote: str) -> str | None:
        """'headline', 'excerpt', the heading it stands under in the document ('Summary'), 'document'
        (no heading above it), or None when the quote is not found in the source."""
        wanted = " ".join(quote.split())
        if not wanted:
            return None
        for name, text in (("headline", source.headline), ("excerpt", source.excerpt)):
            if text and wanted in " ".join(text.split()):
                return name
        document = self._document(source)
        if document is None:
            return None
        at = document.text.find(wanted)
        if at < 0:
            return None
        heading = document.headings[bisect_right(document.starts, at) - 1]
        return heading or "document"
