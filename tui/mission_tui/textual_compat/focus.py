"""Patch `focus`: moving the focus repaints what the focus changes, not the whole screen.

Works around: `Screen.focused` is a reactive declared with Textual's default `repaint=True`, so every
focus change (each pane switch: 1 2 3 4, Tab) marks the whole screen dirty and the next frame is a
full update, every cell of the terminal rewritten. What the focus changes is already repainted on its
own: the widgets whose `:focus`/`:focus-within` styles change are restyled and refreshed by
`Screen._update_focus_styles`, and the Footer follows the bindings.
Turned on, the reactive's repaint flag is cleared process-wide (its watcher still runs).
Private names: `Reactive._repaint` of `Screen.focused`.
Gain: bytes written per pane switch 7.4 KB -> 2.5 KB and CPU per switch ~56 -> ~50 ms (bundled story,
80x24 pty, 250 switches, medians of 2 interleaved runs; `benchmarks/run.py --only 8`).
Replace with: `focused = Reactive(None, repaint=False)` upstream.
Off: every focus change repaints the screen.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen

from .patch import Patch


def _focused() -> Reactive[object]:
    reactive = Screen.__dict__["focused"]
    assert isinstance(reactive, Reactive)
    return reactive


def _apply() -> None:
    _focused()._repaint = False


def _revert() -> None:
    _focused()._repaint = True


PATCH = Patch("focus", apply=_apply, revert=_revert)
