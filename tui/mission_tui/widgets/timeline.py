"""The Timeline pane: events in date order (undated last), with a row marking today."""

from __future__ import annotations

from .pane import Pane


class TimelinePane(Pane):
    KIND = "event"
    TITLE = "Timeline"
    EMPTY = "No events in this story."
    COMPACT_BELOW = 46
    """Narrower than this, rows show the past/now/upcoming glyph without its word."""

    def on_resize(self) -> None:
        compact = self.size.width < self.COMPACT_BELOW
        if compact != self.compact_rows:
            self.compact_rows = compact
            self.list.invalidate()

    def count_of(self, rows: int, filtered: bool = False) -> int:
        # The today marker is a row but not an event; a filter with text never matches it.
        if rows and (not filtered or not self.list.filter_text.strip()):
            return rows - 1
        return rows
