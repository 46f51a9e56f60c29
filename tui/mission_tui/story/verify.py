"""Quote verification: every claim's quote must occur, verbatim, in its source's text.

A quote is checked against the source's `excerpt`, its `headline` and its `document` (a file, relative
to the story file). Whitespace is normalized on both sides (runs collapse to one space); nothing else is:
curly and straight quotes, case and punctuation must match exactly. Pure: no Textual, no network.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from .loader import LoadedStory, Problem, item_start_lines
from .models import Claim, Source
from .nearest import Nearest, nearest

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_ELLIPSIS_ENDS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")
_SHOWN_QUOTE = 60


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def _shorten(text: str, limit: int = _SHOWN_QUOTE) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Document:
    """A document's normalized text, or why it could not be read."""

    text: str | None
    error: str | None


def _read_document(path: Path) -> _Document:
    try:
        if path.is_dir():
            return _Document(None, "is a directory")
        size = path.stat().st_size
    except FileNotFoundError:
        return _Document(None, "not found")
    except OSError as exc:
        return _Document(None, f"cannot be read ({exc.strerror or exc})")
    if size > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
        return _Document(None, f"is {size / 1e6:.1f} MB; documents are limited to {limit} MiB")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _Document(None, f"cannot be read ({exc.strerror or exc})")
    try:
        return _Document(normalize_space(raw.decode("utf-8")), None)
    except UnicodeDecodeError as exc:
        return _Document(None, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")


def _lines_for(starts: dict[str, list[int]], table: str, count: int) -> list[int | None]:
    lines = starts.get(table, [])
    # Inline-table items have no header line; then positions would not line up, so give none.
    return list(lines) if len(lines) == count else [None] * count


class _Verifier:
    def __init__(self, loaded: LoadedStory) -> None:
        self.loaded = loaded
        self.file = str(loaded.path) if loaded.path is not None else "<story>"
        self.problems: list[Problem] = []
        self.documents: dict[Path, _Document] = {}
        self.reported_documents: set[str] = set()
        self.sources = {s.id: s for s in loaded.model.sources}
        # Each source's excerpt and headline normalized once: a big story quotes each source many
        # times (100k claims: 1.3 s -> 0.1 s).
        self.short_texts: dict[str, list[tuple[str, str]]] = {
            s.id: [(name, normalize_space(text)) for name, text in (("excerpt", s.excerpt),
                                                                     ("headline", s.headline))
                   if text is not None]
            for s in loaded.model.sources
        }  # fmt: skip
        self._claim_lines: list[int | None] | None = None
        self._source_lines: dict[str, int | None] | None = None

    def _item_starts(self) -> dict[str, list[int]]:
        """Line numbers of the items, read from the file (only once a problem needs them)."""
        if self.loaded.path is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                return item_start_lines(self.loaded.path.read_text(encoding="utf-8"))
        return {}

    def claim_line(self, position: int) -> int | None:
        if self._claim_lines is None:
            self._claim_lines = _lines_for(self._item_starts(), "claims", len(self.loaded.model.claims))
        return self._claim_lines[position]

    def source_line(self, source_id: str) -> int | None:
        if self._source_lines is None:
            sources = self.loaded.model.sources
            lines = _lines_for(self._item_starts(), "sources", len(sources))
            self._source_lines = dict(zip((s.id for s in sources), lines, strict=True))
        return self._source_lines.get(source_id)

    def document_text(self, source: Source) -> str | None:
        """The source document's normalized text; None (and one Problem per source) if unreadable."""
        assert source.document is not None
        path = Path(source.document)
        if not path.is_absolute():
            base = self.loaded.base_dir
            if base is None:
                self._document_problem(
                    source, "cannot be read: the story has no file, so a relative path has no base"
                )
                return None
            path = base / path
        key = path.resolve()
        if key not in self.documents:
            self.documents[key] = _read_document(key)
        document = self.documents[key]
        if document.error is not None:
            self._document_problem(source, document.error)
        return document.text

    def _document_problem(self, source: Source, error: str) -> None:
        if source.id in self.reported_documents:
            return
        self.reported_documents.add(source.id)
        self.problems.append(
            Problem(
                self.file,
                f"source {source.id!r}: document {source.document!r} {error}",
                self.source_line(source.id),
            )
        )

    def check(self, claim: Claim, position: int) -> None:
        quote = normalize_space(claim.quote)
        if not quote:
            self._claim_problem(position, f"claim {claim.id!r}: quote is blank")
            return
        source = self.sources.get(claim.source)
        if source is None:
            self._claim_problem(position, f"claim {claim.id!r}: source {claim.source!r} does not exist")
            return
        texts = self.short_texts[source.id]
        if not texts and source.document is None:
            self._claim_problem(
                position,
                f"claim {claim.id!r}: quote “{_shorten(quote)}” cannot be verified: source "
                f"{source.id!r} has no excerpt, headline or document",
            )
            return
        for _, text in texts:
            if quote in text:
                return
        searched = [name for name, _ in texts]
        unreadable = False
        if source.document is not None:
            document = self.document_text(source)
            if document is not None:
                if quote in document:
                    return
                searched.append(f"document {source.document!r}")
            else:
                unreadable = True
        where = ", ".join(searched) if searched else "nothing readable"
        shown = _shorten(quote)
        message = f"claim {claim.id!r}: quote “{shown}” not found in source {source.id!r} ({where})"
        if unreadable:
            message += "; its document could not be read"
        found = self.nearest(quote, source)
        if found is not None:
            message += f"; {found.describe()}"
        self._claim_problem(position, message)

    def nearest(self, quote: str, source: Source) -> Nearest | None:
        """The passage of the source's texts nearest a quote that is not in them, and what differs."""
        texts = list(self.short_texts[source.id])
        if source.document is not None and (document := self.document_text(source)) is not None:
            texts.append((f"document {source.document!r}", document))
        return nearest(quote, texts)

    def check_excerpt(self, source: Source) -> None:
        """An excerpt copied from a source's document must be in it (a '...' at either end marks a
        cut and is not part of it); otherwise quotes checked against the excerpt rest on nothing."""
        if source.excerpt is None or source.document is None:
            return
        document = self.document_text(source)
        excerpt = _ELLIPSIS_ENDS.sub("", normalize_space(source.excerpt))
        if document is None or not excerpt or excerpt in document:
            return
        shown = _shorten(excerpt)
        message = f"source {source.id!r}: excerpt “{shown}” not found in its document {source.document!r}"
        found = nearest(excerpt, [(f"document {source.document!r}", document)])
        if found is not None:
            message += f"; {found.describe()}"
        self.problems.append(Problem(self.file, message, self.source_line(source.id)))

    def _claim_problem(self, position: int, message: str) -> None:
        self.problems.append(Problem(self.file, message, self.claim_line(position)))


def verify_quotes(loaded: LoadedStory) -> list[Problem]:
    """One Problem per claim whose quote is not in its source's text, and per unreadable document."""
    verifier = _Verifier(loaded)
    for source in loaded.model.sources:
        if source.document is not None:
            verifier.document_text(source)  # each document is read once; problems reported in file order
    for source in loaded.model.sources:
        verifier.check_excerpt(source)
    for position, claim in enumerate(loaded.model.claims):
        verifier.check(claim, position)
    return verifier.problems
