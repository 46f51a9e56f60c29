"""Command palette provider: find any event, key point, source, claim or conflict and jump to it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from weakref import WeakKeyDictionary

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from ..kinds import ITEM_KINDS
from ..story.index import TODAY_KEY, Kind, StoryIndex
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


def palette_entries(index: StoryIndex) -> list[PaletteEntry]:
    """Every item the command palette can jump to, in a stable order."""
    return [
        PaletteEntry(kind, key, item_kind.title(index, key), item_kind.palette_help(index, key))
        for kind in PALETTE_KINDS
        for item_kind in (ITEM_KINDS[kind],)
        for key in item_kind.order(index)
        if key != TODAY_KEY
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
        entries = self._palette_items()
        matcher = self.matcher(query)
        needle = query.casefold().strip()
        fuzzy = len(entries) <= _FUZZY_LIMIT
        hits = 0
        for entry in entries:
            label = entry.label
            if not fuzzy and needle not in label.casefold():
                continue
            score, offsets = matcher.fuzzy_search.match(matcher.query, label)
            if score <= 0:
                continue
            # Not matcher.highlight(): it parses the candidate as markup, and labels are story text.
            display = Content(label)
            style = self.match_style or Style(reverse=True)
            for offset in offsets:
                display = display.stylize(style, offset, offset + 1)
            yield Hit(score, display, partial(self._jump, entry), text=label, help=escape(entry.help))
            hits += 1
            if hits >= _MAX_HITS * 4:
                break
