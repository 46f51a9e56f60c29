"""Patch `footer`: the Footer recomposes only when what it shows changes, and lets go of its old keys.

Works around upstream Textual issue #6666: the Footer recomposes on every focus change (its
`bindings_changed` hook runs whenever the screen's bindings are updated), and each new `FooterKey`
is tied to the Footer's `compact` reactive with `data_bind`. The watcher that binding adds is kept in
a list on the Footer and pruned only when `compact` changes, which it never does: every detached
FooterKey stays alive, with its styles and render caches. Measured on the bundled story before this
patch (headless, 120x40): ~450 KB kept per pane switch (200 switches: +90 MB, 4,010 watchers) and a
pane switch costing ~3x its CPU time without the recompose, rising as the list grows.
Turned on, `Footer.recompose` is replaced process-wide: it first compares what the footer would show
(the shown bindings, their state, tooltips and key displays) with what it shows, and returns when
they are equal (a pane switch between panes with the same keys); after a real recompose it drops the
watchers of keys that are no longer attached.
Private names: the Footer's watcher table (the `__watchers` attribute Textual's reactive module keeps
on an object).
Gain: RSS growth per pane switch ~450 KB -> +1.5 MB per 1,000 switches, 80x24 pty (bench row 8; compare
with MISSION_TUI_COMPAT_OFF=footer).
Replace with: an upstream fix of #6666 (prune watchers of removed nodes, or a Footer that updates its
keys in place).
Off: Textual's Footer as it is.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Coroutine, Hashable
from typing import Any

from textual.widget import Widget
from textual.widgets import Footer

from .patch import Patch

_WATCHERS = "__watchers"
"""Where textual.reactive keeps an object's watchers: {attribute: [(node, callback), ...]}."""

_shown: weakref.WeakKeyDictionary[Footer, Hashable] = weakref.WeakKeyDictionary()
"""What each footer last composed (see `footer_content`)."""


def footer_content(footer: Footer) -> Hashable:
    """Everything Footer.compose reads to decide what to show, as one comparable value."""
    app = footer.app
    shown = tuple(
        (binding, enabled, tooltip, app.get_key_display(binding))
        for (_, binding, enabled, tooltip) in footer.screen.active_bindings.values()
        if binding.show
    )
    palette = (footer.show_command_palette, app.ENABLE_COMMAND_PALETTE, app.COMMAND_PALETTE_BINDING)
    return shown, palette, footer.combine_groups


def drop_detached_watchers(node: Widget) -> int:
    """Remove the watchers of `node`'s reactives whose watching node is no longer attached; returns
    how many were dropped."""
    table: dict[str, list[tuple[Any, Any]]] = getattr(node, _WATCHERS, {})
    dropped = 0
    for watchers in table.values():
        kept = [(by, callback) for by, callback in watchers if getattr(by, "is_attached", True)]
        dropped += len(watchers) - len(kept)
        watchers[:] = kept
    return dropped


async def _recompose(self: Widget) -> None:
    if not isinstance(self, Footer):  # a subclass of Footer gets this method too: same rules
        await _original_recompose(self)
        return
    try:
        content: Hashable = footer_content(self)
    except Exception:  # not on a screen (yet): let Textual decide, as it would
        content = None
    if content is not None and _shown.get(self) == content:
        return
    await _original_recompose(self)
    if content is not None:
        _shown[self] = content
    drop_detached_watchers(self)


_original_recompose: Callable[[Widget], Coroutine[Any, Any, None]] = Widget.recompose
_had_own = "recompose" in Footer.__dict__


def _apply() -> None:
    global _original_recompose
    _original_recompose = Footer.recompose
    Footer.recompose = _recompose  # type: ignore[method-assign]  # the patch itself


def _revert() -> None:
    if _had_own:
        Footer.recompose = _original_recompose  # type: ignore[method-assign,assignment]  # Textual's, back
    else:
        del Footer.recompose  # the inherited Widget.recompose is Footer's again
    _shown.clear()


PATCH = Patch("footer", apply=_apply, revert=_revert)
