"""Quote verification: every claim's quote must occur, verbatim, in its source's text.

A quote is checked against the source's `excerpt`, its `headline` and its `document` (a file, relative
to the story file). Whitespace is normalized on both sides (runs collapse to one space); nothing else is:
curly and straight quotes, case and punctuation must match exactly. Pure: no Textual, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loader import LoadedStory, Problem, item_start_lines
from .models import Claim, Source

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
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
        starts: dict[str, list[int]] = {}
        if loaded.path is not None:
            try:
                starts = item_start_lines(loaded.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                starts = {}
        model = loaded.model
        self.claim_lines = _lines_for(starts, "claims", len(model.claims))
        self.source_lines = dict(
            zip(
                (s.id for s in model.sources),
                _lines_for(starts, "sources", len(model.sources)),
                strict=True,
            )
        )
        self.sources = {s.id: s for s in model.sources}

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
                self.source_lines.get(source.id),
            )
        )

    def check(self, claim: Claim, line: int | None) -> None:
        quote = normalize_space(claim.quote)
        shown = _shorten(quote)
        if not quote:
            self.problems.append(Problem(self.file, f"claim {claim.id!r}: quote is blank", line))
            return
        source = self.sources.get(claim.source)
        if source is None:
            self.problems.append(
                Problem(self.file, f"claim {claim.id!r}: source {claim.source!r} does not exist", line)
            )
            return
        if source.excerpt is None and source.headline is None and source.document is None:
            self.problems.append(
                Problem(
                    self.file,
                    f"claim {claim.id!r}: quote “{shown}” cannot be verified: source {source.id!r} "
                    "has no excerpt, headline or document",
                    line,
                )
            )
            return
        searched: list[str] = []
        for name, text in (("excerpt", source.excerpt), ("headline", source.headline)):
            if text is not None:
                if quote in normalize_space(text):
                    return
                searched.append(name)
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
        message = f"claim {claim.id!r}: quote “{shown}” not found in source {source.id!r} ({where})"
        if unreadable:
            message += "; its document could not be read"
        self.problems.append(Problem(self.file, message, line))


def verify_quotes(loaded: LoadedStory) -> list[Problem]:
    """One Problem per claim whose quote is not in its source's text, and per unreadable document."""
    verifier = _Verifier(loaded)
    for source in loaded.model.sources:
        if source.document is not None:
            verifier.document_text(source)  # each document is read once; problems reported in file order
    for claim, line in zip(loaded.model.claims, verifier.claim_lines, strict=True):
        verifier.check(claim, line)
    return verifier.problems
