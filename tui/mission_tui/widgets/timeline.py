"""The Timeline pane: the overview (step 0), then events in date order under a row per year, with a
row marking today; its border spells out the markers its rows use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..textual_compat.borders import set_border_title
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

    def update_title(self) -> None:
        """'Timeline · step 7 of 1000': the step says how many events there are, so the count is
        left out (with it, 'step 7 of 1…' was cut at 80x24); filtered, 'Timeline 2/5 · …' as any pane."""
        if self.suffix and not self.list.filter_text.strip():
            set_border_title(self, f"{self.TITLE} · {self.suffix}")
        else:
            super().update_title()
