"""Keeping the reader's place: the step through the story, and the way back through jumps.

The step is the timeline's cursor: the overview (step 0), then each event in date order. Stepping
walks the timeline's rows as they are shown, so with a filter kept it steps through the matching
events only; looking at another pane marks the linked events but never moves the step.

A jump (Enter on a related item, or a command-palette choice) first records where the reader was:
the focused pane, its item and the step. Esc or Backspace returns there, one jump at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..story.index import OVERVIEW_KEY, TODAY_KEY, Kind, StoryIndex, is_heading
from ..story.words import count_words
from ..widgets.virtual_list import VirtualList

HISTORY_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader was before a jump: the item shown (in its pane, or for a claim in the detail
    text) and the step."""

    kind: Kind | None
    key: str | None
    step_key: str | None


class History:
    """The places jumps left, most recent last (at most HISTORY_LIMIT)."""

    def __init__(self) -> None:
        self._places: list[Place] = []

    def push(self, place: Place) -> None:
        if self._places and self._places[-1] == place:
            return
        self._places.append(place)
        del self._places[:-HISTORY_LIMIT]

    def pop(self) -> Place | None:
        return self._places.pop() if self._places else None

    def __len__(self) -> int:
        return len(self._places)


def is_step(key: str) -> bool:
    """A row the step can rest on: the overview or an event (not today's marker, not a heading)."""
    return key == OVERVIEW_KEY or not (key == TODAY_KEY or is_heading(key))


def next_step(timeline: VirtualList, delta: int) -> str | None:
    """The key of the next (delta 1) or previous (-1) step among the rows shown, from the cursor;
    None at either end. O(rows passed over): a marker or a heading or two."""
    rows = timeline.visible_count
    row = timeline.cursor + delta
    while 0 <= row < rows:
        key = timeline.key_at(row)
        if is_step(key):
            return key
        row += delta
    return None


def step_words(index: StoryIndex, key: str | None, filtered: bool) -> str:
    """'step 2 of 5', 'overview · step 0 of 5', 'today · after step 3 of 5'."""
    total = index.step_count
    if key == OVERVIEW_KEY:
        return f"step 0 of {total}"
    if key == TODAY_KEY:
        return f"today · after step {index.today_position} of {total}"
    if key in index.step_of:
        return f"step {index.step_of[key] + 1} of {total}" + (" · filtered" if filtered else "")
    return count_words(total, "step")
