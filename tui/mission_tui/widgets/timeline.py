"""The Timeline pane: the overview (step 0), then events in date order under a row per year, with a
row marking today; its border spells out the markers its rows use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .pane import Pane
from .rows import row_height, selectable


class TimelinePane(Pane):
    KIND = "event"
    TITLE = "Timeline"
    EMPTY = "No events in this story."

    def row_layout(self) -> dict[str, Callable[[str], Any]]:
        return {"row_height": row_height, "selectable": selectable}

    @property
    def step_text(self) -> str:
        """Where the step is: 'step 2 of 5' (said in the border title)."""
        return self.suffix

    @step_text.setter
    def step_text(self, words: str) -> None:
        self.suffix = words
