"""Patch `screen_size`: a screen is laid out at the terminal's size now, not at a queued resize's size.

Works around: `Screen._on_resize` lays the screen out at `event.size`, and laying out a screen whose
region changes posts the screen a new Resize with that region. When a burst of resizes leaves two
events of different sizes in a screen's queue, each one handled re-posts itself behind the other:
A lays out at a, posts a; B lays out at b, posts b; and so on for ever. The app is then at 100% of a
core with no input at all (measured: after a 30 s key/resize storm, about one run in three never went
idle; the log showed 172x14 and 158x48 alternating every 30 ms, 20 minutes later).
Turned on, a screen's Resize is handled at the app's current size: a stale event lays out at the
size the terminal has, the region does not change again, and nothing is re-posted.
Private names: `Screen._on_resize` (replaced; Textual's own handler is called with the app's size).
Gain: `make bench` row 9; see the issue-12 closing note.
Replace with: an upstream fix (Screen._on_resize reading `self.app.size`).
Off: a burst of resizes can leave the app busy for ever.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen

from .patch import Replaced, replacing


async def _on_resize(self: Screen[Any], event: events.Resize) -> None:
    """Textual's `Screen._on_resize`, given the app's size when the event's is out of date."""
    assert ON_RESIZE.stock is not None
    size = self.app.size
    if event.size != size:
        event.stop()
        event = events.Resize(size, size)
    await ON_RESIZE.stock(self, event)


ON_RESIZE = Replaced(Screen, "_on_resize", _on_resize)
PATCH = replacing("screen_size", ON_RESIZE)
