"""Quote verification: every claim's quote must occur, verbatim, in its source's text.

A quote is checked against the source's `excerpt`, its `headline` and its `document` (a file, relative
to the story file). Whitespace is normalized on both sides (runs collapse to one space); nothing else is:
curly and straight quotes, case and punctuation must match exactly. Pure: no Textual, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .files import FileReadError, decode_utf8, document_path, read_capped, real_location
from .loader import MAX_FILE_BYTES, LoadedStory, Problem, item_start_lines
from .models import Claim, Source
from .nearest import Nearest, nearest

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_ELLIPSIS_ENDS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")
_SHOWN_QUOTE = 60


@dataclass(frozen=True)
class QuoteProblem(Problem):
    """A problem that leaves claims' quotes unverified, said for the author (`message`, with ids and
    lines) and for a reader of those claims (`reader`: what was not found where, no ids)."""

    claims: tuple[str, ...] = ()
    reader: str = ""


def unverified_claims(problems: Iterable[Problem]) -> dict[str, str]:
    """Each claim whose quote is not verified, with what a reader should be told about it."""
    found: dict[str, str] = {}
    for problem in problems:
        if isinstance(problem, QuoteProblem):
            for claim_id in problem.claims:
                found.setdefault(claim_id, problem.reader)
    return found


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
        text = decode_utf8(read_capped(path, MAX_DOCUMENT_BYTES, "document"))
        return _Document(normalize_space(text), None)
    except FileReadError as exc:
        return _Document(None, exc.reason + (f" (line {exc.line})" if exc.line else ""))


def _lines_for(starts: dict[str, list[int]], table: str, count: int) -> list[int | None]:
    lines = starts.get(table, [])
    # Inline-table items have no header line; then positions would not line up, so give none.
    return list(lines) if len(lines) == count else [None] * count


class _Verifier:
    def __init__(self, loaded: LoadedStory) -> None:
        self.loaded = loaded
        self.file = str(loaded.path) if loaded.path is not None else "<story>"
        self.problems: list[Problem] = []
        self.documents: dict[str, _Document] = {}
        self.document_keys: dict[str, str] = {}  # source id -> document_key
        self.unreadable: dict[str, tuple[Source, str]] = {}  # document -> first source, error
        self.unchecked: dict[str, list[str]] = {}  # document -> the claims whose quotes needed it
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
            try:
                return item_start_lines(decode_utf8(read_capped(self.loaded.path, MAX_FILE_BYTES)))
            except FileReadError:  # changed since it was loaded: the problems go without lines
                pass
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

    def document_key(self, source: Source) -> str:
        """Which file a source's document is (symlinks resolved): sources sharing one share a key."""
        key = self.document_keys.get(source.id)
        if key is None:
            assert source.document is not None
            path = document_path(self.loaded.base_dir, source.document)
            key = "" if path is None else str(real_location(path) or path)
            self.document_keys[source.id] = key
        return key

    def document_text(self, source: Source) -> str | None:
        """The source document's normalized text; None if unreadable (remembered, reported once)."""
        key = self.document_key(source)
        document = self.documents.get(key)
        if document is None:
            no_base = "cannot be read: the story has no file, so a relative path has no base"
            document = self.documents[key] = _read_document(Path(key)) if key else _Document(None, no_base)
        if document.error is not None:
            self.unreadable.setdefault(key, (source, document.error))
        return document.text

    def document_problems(self) -> list[Problem]:
        """One Problem per unreadable document, however many sources or claims rely on it."""
        problems: list[Problem] = []
        for key, (source, error) in self.unreadable.items():
            claims = tuple(self.unchecked.get(key, ()))
            count = len(claims)
            message = f"source {source.id!r}: document {source.document!r}: {error}"
            if count:
                message += f" ({count} quote{'s' if count != 1 else ''} could not be checked against it)"
            reader = f"not checked: the source's document {source.document!r} {error}"
            line = self.source_line(source.id)
            problems.append(QuoteProblem(self.file, message, line, None, claims, reader))
        return problems

    def check(self, claim: Claim, position: int) -> None:
        quote = normalize_space(claim.quote)
        if not quote:
            self._claim_problem(position, claim, f"claim {claim.id!r}: quote is blank", "the quote is blank")
            return
        source = self.sources.get(claim.source)
        if source is None:
            message = f"claim {claim.id!r}: source {claim.source!r} does not exist"
            self._claim_problem(position, claim, message, "its source does not exist")
            return
        texts = self.short_texts[source.id]
        if not texts and source.document is None:
            self._claim_problem(
                position,
                claim,
                f"claim {claim.id!r}: quote “{_shorten(quote)}” cannot be verified: source "
                f"{source.id!r} has no excerpt, headline or document",
                "cannot be checked: the source has no excerpt, headline or document",
            )
            return
        for _, text in texts:
            if quote in text:
                return
        searched = [name for name, _ in texts]
        if source.document is not None:
            document = self.document_text(source)
            if document is None:  # the unreadable document is reported once, not once per claim
                self.unchecked.setdefault(self.document_key(source), []).append(claim.id)
                return
            if quote in document:
                return
            searched.append(f"document {source.document!r}")
        where = ", ".join(searched) if searched else "nothing readable"
        shown = _shorten(quote)
        message = f"claim {claim.id!r}: quote “{shown}” not found in source {source.id!r} ({where})"
        reader = f"not found in the source's {_or_list(searched)}" if searched else "not found in its source"
        found = self.nearest(quote, source)
        if found is not None:
            message += f"; {found.describe()}"
            reader += f"; {found.describe()}"
        self._claim_problem(position, claim, message, reader)

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

    def _claim_problem(self, position: int, claim: Claim, message: str, reader: str) -> None:
        line = self.claim_line(position)
        self.problems.append(QuoteProblem(self.file, message, line, None, (claim.id,), reader))


def _or_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def verify_quotes(loaded: LoadedStory) -> list[Problem]:
    """One Problem per claim whose quote is not in its source's text, and one per unreadable document
    (the claims that needed it are not listed again)."""
    verifier = _Verifier(loaded)
    for source in loaded.model.sources:
        if source.document is not None:
            verifier.document_text(source)  # each document is read once; problems reported in file order
    for source in loaded.model.sources:
        verifier.check_excerpt(source)
    for position, claim in enumerate(loaded.model.claims):
        verifier.check(claim, position)
    return verifier.document_problems() + verifier.problems
