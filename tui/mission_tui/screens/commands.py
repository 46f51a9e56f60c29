"""Command palette provider: find any event, key point, source, claim or conflict and jump to it."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from ..story.index import PaletteEntry, StoryIndex

_MAX_HITS = 50
_FUZZY_LIMIT = 20_000  # beyond this many items, only substring matches are scored


class StoryItemsProvider(Provider):
    """Every item of the story, searchable by its title; choosing one jumps to it."""

    def story_index(self) -> StoryIndex | None:
        return getattr(self.app, "index", None)

    def entries(self) -> list[PaletteEntry]:
        index = self.story_index()
        if index is None:
            return []
        cached = getattr(index, "_palette_cache", None)
        if cached is None:
            cached = index.palette_entries()
            index._palette_cache = cached  # type: ignore[attr-defined]
        return cached

    def _jump(self, entry: PaletteEntry) -> None:
        jump = getattr(self.app, "jump_to_item", None)
        if jump is not None:
            jump(entry.kind, entry.id)

    async def discover(self) -> Hits:
        for entry in self.entries()[:_MAX_HITS]:
            yield DiscoveryHit(
                Content(entry.label), partial(self._jump, entry), text=entry.label, help=escape(entry.help)
            )

    async def search(self, query: str) -> Hits:
        entries = self.entries()
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
