"""Patch `one_frame`: what one keypress changes is drawn in one frame, not split over two.

Works around: a widget that is refreshed tells its screen so from its own message queue (an Update
message, sent when the widget is next idle), and the screen starts a frame as soon as it is idle
with anything dirty. A keypress that changes several widgets (a pane switch: two panes' borders, two
lists' cursors, the detail view, the marks) is handled in one turn, but the Updates reach the screen
over the next few turns of the event loop; the first one started a frame at once, and the rest made a
second frame. Each pane switch composed, rendered and wrote two frames.
Turned on, a screen with something to draw starts its frame one turn of the event loop later
(`loop.call_soon`), after the widgets refreshed in the same turn have reported in. The delay is one
loop iteration, not a time: nothing waits when nothing else is ready.
Private names: `Screen._on_idle` (replaced; Textual's own handler runs whenever there is nothing
to draw), `Screen._update_timer`, `App._batch_count` and the screen's `_*_required` flags, read as
Textual's handler reads them.
Gain: a pane switch is one frame instead of two (Pilot, 200 switches: 2.00 -> 1.00 per switch), and
is on screen sooner: key to its last byte in the pty, p50 59.9 -> 33.0 ms (80 switches, bundled story,
with 1-4 focusing at once). CPU per switch (row 8, 250 switches): 35.1 off, 31.1-34.0 on.
Replace with: an upstream frame scheduler that collects a turn's refreshes before it draws.
Off: a keypress that changes many widgets is drawn in two frames.
"""

from __future__ import annotations

import asyncio
from typing import Any
from weakref import WeakSet

from textual import events
from textual.screen import Screen

from .patch import Replaced, replacing

_waiting: WeakSet[Screen[Any]] = WeakSet()
"""Screens whose frame is due at the next turn of the event loop."""


def _has_something_to_draw(screen: Screen[Any]) -> bool:
    """What Textual's `Screen._on_idle` checks before it starts the frame timer."""
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
    )


async def _on_idle(self: Screen[Any], event: events.Idle) -> None:
    """Textual's `Screen._on_idle`, with the frame timer started a turn of the loop later."""
    assert ON_IDLE.stock is not None
    if self.app._batch_count or not self.is_current or not _has_something_to_draw(self):
        await ON_IDLE.stock(self, event)
        return
    event.prevent_default()
    if self in _waiting:
        return
    _waiting.add(self)

    def start_frame() -> None:
        _waiting.discard(self)
        if self.is_running:
            self._update_timer.resume()

    asyncio.get_running_loop().call_soon(start_frame)


ON_IDLE = Replaced(Screen, "_on_idle", _on_idle)
PATCH = replacing("one_frame", ON_IDLE)
