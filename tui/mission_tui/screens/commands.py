"""Command palette provider: find any event, key point, source, claim or conflict and jump to it.

An item is found by its title, its kind ("conflict", "key point"), its date in words or figures
("2025", "September") and the words of its line in the palette, which never shows an id or slug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from weakref import WeakKeyDictionary

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from ..kinds import ITEM_KINDS
from ..story.index import OVERVIEW_KEY, Kind, StoryIndex, is_marker
from ..story.sanitize import clean_line
from .main import MainScreen

_MAX_HITS = 50
_FUZZY_LIMIT = 20_000  # beyond this many items, only substring matches are scored
PALETTE_KINDS: tuple[Kind, ...] = ("event", "key_point", "source", "conflict", "claim")
"""The palette's order: claims last, as a story has many."""


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    kind: Kind
    id: str
    label: str
    help: str
    search: str
    """What a query is matched against, casefolded: kind, title, the help line's words."""


def _entry(kind: Kind, key: str, label: str, help: str) -> PaletteEntry:
    return PaletteEntry(kind, key, label, help, f"{label} {help}".casefold())


def palette_entries(index: StoryIndex) -> list[PaletteEntry]:
    """Every item the command palette can jump to, in a stable order (the overview first)."""
    overview = _entry(
        "event", OVERVIEW_KEY, f"Overview: {clean_line(index.story.story.title)}",
        "Overview · step 0 · the summary and where the sources disagree",
    )  # fmt: skip
    return [overview] + [
        _entry(kind, key, item_kind.title(index, key), item_kind.palette_help(index, key))
        for kind in PALETTE_KINDS
        for item_kind in (ITEM_KINDS[kind],)
        for key in item_kind.order(index)
        if not is_marker(key)
    ]


_entries_of: WeakKeyDictionary[StoryIndex, list[PaletteEntry]] = WeakKeyDictionary()
"""Each index's entries, built at the first search (100k claims: ~0.3 s), kept while it lives."""


class StoryItemsProvider(Provider):
    """Every item of the story, searchable by its title; choosing one jumps to it.

    The explorer screen is found on the app's screen stack (the palette may have been opened over
    the help screen).
    """

    def _explorer(self) -> MainScreen | None:
        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def _palette_items(self) -> list[PaletteEntry]:
        explorer = self._explorer()
        index = explorer.index if explorer is not None else None
        if index is None:
            return []
        entries = _entries_of.get(index)
        if entries is None:
            entries = _entries_of[index] = palette_entries(index)
        return entries

    def _jump(self, entry: PaletteEntry) -> None:
        explorer = self._explorer()
        if explorer is not None:
            explorer.jump_to_item(entry.kind, entry.id)

    async def discover(self) -> Hits:
        for entry in self._palette_items()[:_MAX_HITS]:
            yield DiscoveryHit(
                Content(entry.label), partial(self._jump, entry), text=entry.label, help=escape(entry.help)
            )

    async def search(self, query: str) -> Hits:
        """Every word of the query found in an entry's kind, title or help line (dates in words and
        figures) scores first; otherwise a fuzzy match on the title (for stories of ≤ 20k items)."""
        entries = self._palette_items()
        matcher = self.matcher(query)
        words = query.casefold().split()
        fuzzy = len(entries) <= _FUZZY_LIMIT
        style = self.match_style or Style(reverse=True)
        hits = 0
        for entry in entries:
            label = entry.label
            offsets: Sequence[int]
            if words and all(word in entry.search for word in words):
                score, offsets = 2.0, _word_offsets(label, words)
            elif fuzzy:
                score, offsets = matcher.fuzzy_search.match(matcher.query, label)
                if score <= 0:
                    continue
            else:
                continue
            # Not matcher.highlight(): it parses the candidate as markup, and labels are story text.
            display = Content(label)
            for offset in offsets:
                display = display.stylize(style, offset, offset + 1)
            yield Hit(score, display, partial(self._jump, entry), text=label, help=escape(entry.help))
            hits += 1
            if hits >= _MAX_HITS * 4:
                break


def _word_offsets(label: str, words: list[str]) -> list[int]:
    """The characters of the label where the query's words occur (to highlight them)."""
    folded = label.casefold()
    offsets: set[int] = set()
    if len(folded) != len(label):
        return []
    for word in words:
        at = folded.find(word)
        if at >= 0:
            offsets.update(range(at, at + len(word)))
    return sorted(offsets)
