"""Patch `resize`: a burst of resizes is laid out at most once per `INTERVAL`, ending on the last size.

Works around: `App._on_resize` coalesces resize events only within 1/120 s, then posts each one to the
screen, which lays out and redraws every widget at the new size (~250 ms of CPU at random sizes from
40x10 to 200x60, Pilot, bundled story). A terminal being dragged, or a storm of SIGWINCH, sends them
faster than that: the layouts queue up behind each other and behind the keys, and the app stays busy
long after the input stops.
Turned on, a resize that comes within `INTERVAL` of the last one laid out waits until that much time
has passed, replaced by any newer size meanwhile (Textual keeps only the latest pending event). A lone
resize is handled as stock Textual handles it, after 1/120 s.
Private names: `App._on_resize`, `App._check_resize`, `App._resize_event`, `App._resize_timer`,
`App._size`.
Gain: `make bench` row 9 (60 s of random keys every 10 ms and a random resize every 250 ms, 80x24 pty):
measured in benchmarks/long_session.py; see the issue-12 closing note.
Replace with: a resize throttle upstream (Textual has none as of 8.2.8).
Off: every resize is laid out, 1/120 s after it arrives.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from textual import events
from textual.app import App

from .patch import Replaced, replacing

INTERVAL = 0.5
"""Seconds between two layouts for a new size while resizes keep coming."""

STOCK_DELAY = 1 / 120
"""Textual's own coalescing window, kept for a lone resize."""

_laid_out_at: weakref.WeakKeyDictionary[App[Any], float] = weakref.WeakKeyDictionary()


async def _on_resize(self: App[Any], event: events.Resize) -> None:
    """Textual's `App._on_resize`, with the timer's delay stretched to `INTERVAL` after the last layout."""
    event.stop()
    self._resize_event = event
    if self._size is None:
        self._size = event.size
        self._check_resize()
        return
    if self._size == event.size:
        return
    self._size = event.size
    if self._resize_timer is None:
        since = time.monotonic() - _laid_out_at.get(self, float("-inf"))
        self._resize_timer = self.set_timer(max(STOCK_DELAY, INTERVAL - since), self._check_resize)


def _check_resize(self: App[Any]) -> None:
    """Textual's `App._check_resize`, noting when a pending size was handed to the screens."""
    assert CHECK_RESIZE.stock is not None
    pending = self._resize_event is not None
    CHECK_RESIZE.stock(self)
    if pending and self._resize_event is None:
        _laid_out_at[self] = time.monotonic()


ON_RESIZE = Replaced(App, "_on_resize", _on_resize)
CHECK_RESIZE = Replaced(App, "_check_resize", _check_resize)
PATCH = replacing("resize", ON_RESIZE, CHECK_RESIZE)
