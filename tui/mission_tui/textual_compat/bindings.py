"""Patch `bindings`: the bindings Textual merged for a widget, for the help screen.

Works around: Textual keeps a node's bindings, its class's merged with its bases' (unless a class says
`inherit_bindings=False`), in the private `DOMNode._bindings`; the public `active_bindings` lists
only the focused chain, one binding per key. The help screen lists every section's keys, so it reads
them here.
Private names: `DOMNode._bindings`.
Gain: none in speed; the exact set of bindings Textual dispatches on.
Replace with: a public accessor for a node's bindings (upstream).
Off: the `BINDINGS` class lists merged along the class's bases, as Textual merges them, taking the
bases from Textual itself only for App and Screen (whose bindings the app inherits), plus the command
palette's key an App adds; equal to the private read for every node the help screen shows
(tests/test_compat.py compares the two).
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from .patch import Patch

PATCH = Patch("bindings")

_TEXTUAL_BASES_KEPT = (App, Screen)


def _merged_from_classes(node: DOMNode) -> dict[str, list[Binding]]:
    keys: dict[str, list[Binding]] = {}
    for base in reversed(type(node).__mro__):
        if not (isinstance(base, type) and issubclass(base, DOMNode)):
            continue
        if base.__module__.startswith("textual.") and base not in _TEXTUAL_BASES_KEPT:
            continue
        declared = base.__dict__.get("BINDINGS", [])
        keys.update(BindingsMap(declared).key_to_bindings)
    if isinstance(node, App) and node.ENABLE_COMMAND_PALETTE:
        actions = {binding.action for found in keys.values() for binding in found}
        if not actions & {"command_palette", "app.command_palette"}:  # as App.__init__ adds it
            palette = Binding(
                node.COMMAND_PALETTE_BINDING,
                "command_palette",
                "palette",
                show=False,
                key_display=node.COMMAND_PALETTE_DISPLAY,
                priority=True,
                tooltip="Open the command palette",
            )
            keys.setdefault(palette.key, []).append(palette)
    return keys


def bindings_of(node: DOMNode) -> dict[str, list[Binding]]:
    """Key -> bindings of one node, as Textual dispatches them."""
    if PATCH.active:
        return dict(node._bindings.key_to_bindings)
    return _merged_from_classes(node)
