"""Patch `timers`: a one-shot timer whose time has already come fires once, at once.

Works around: Textual's `Timer` skips the ticks it is late for (`skip=True`, the default, also for
`set_timer`), and a one-shot timer has one tick. With a delay below zero its loop never ends and
never awaits: `count = int((now - start) / interval + 1)` stays at or below zero, so the event loop
spins at 100% of a core for ever (no key, redraw or signal handler runs again). With a delay above
zero but shorter than the loop's first look at the clock, the tick is dropped and never sent.
Seen: after a 60 s key/resize storm (`make bench` row 9, seed 0) two runs of four never went idle;
py-spy put every sample of the main thread in `Timer._run`'s loop. The one Textual timer whose delay
is worked out at run time is a Toast's (its notification's time left, read after `ToastRack.show`
checked that it had not expired): a toast expiring between the two gets a delay below zero. Logged
over seven more storms: three toasts were given 0.8-1.8 ms, so the gap between the two reads is that
wide, and none of those seven runs (with this patch) failed to go idle. The app's own theme timer
(`action_cycle_theme`) is worked out at run time too: its wait can be a few microseconds.
Turned on, a timer made with `repeat=0` (every `set_timer`) is made with `skip=False`: a late tick is
sent at once, and it is the only one.
Private names: none read; `Timer.__init__` is replaced (the keyword arguments are Textual's public ones).
Gain: no endless loop after a storm of keys; see the issue-12 closing note.
Replace with: an upstream fix (a one-shot timer never skipped, or Toast's delay at least zero).
Off: a toast that expires at the wrong moment hangs the app.
"""

from __future__ import annotations

from typing import Any

from textual.timer import Timer

from .patch import Replaced, replacing


def _init(self: Timer, *args: Any, **kwargs: Any) -> None:
    """Textual's `Timer.__init__`, never skipping the only tick of a one-shot timer."""
    assert INIT.stock is not None
    if kwargs.get("repeat") == 0:
        kwargs["skip"] = False
    INIT.stock(self, *args, **kwargs)


INIT = Replaced(Timer, "__init__", _init)
PATCH = replacing("timers", INIT)
