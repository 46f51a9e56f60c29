"""Patch `focus_within`: a focus change restyles the panes whose border changes, not all that is in them.

Works around: `Screen._update_focus_styles` restyles every node under the outermost `:focus-within`
ancestor of the widget gaining focus and of the one losing it, because a rule could style a descendant
by its ancestor's `:focus-within` (`Pane:focus-within Input`) or the ancestor could change something
its descendants inherit (a colour). Each pane switch restyled both panes' lists, filters and their
component classes (~8 nodes, each a full stylesheet match), ~16% of a switch's CPU (py-spy).
Turned on, and only while every `:focus-within` rule in the stylesheet puts it on the node the rule
styles and sets nothing but that node's own border and border labels, only the `:focus-within`
ancestors themselves are restyled: nothing else can change. Any other stylesheet gets Textual's walk.
The focused and blurred widgets' own `:focus` styles are restyled by Textual as before.
Private names: `Screen._update_focus_styles`, `DOMNode._has_focus_within`, `DOMNode._css_styles` (its
`refresh` shadowed while the pane is restyled).
A restyled pane repaints its edges only: a colour that changes (its border title's) would repaint it
and every widget in it, both lists drawn again in full for a border.
Gain: CPU per pane switch, `make bench` row 8 (pty, 250 switches, interleaved runs): 52.4/50.1/52.4/51.3
-> 46.2/42.7/46.8/48.1 ms. The edges, with the lists' own focus repaint (widgets/focus_repaint.py):
3.46 -> 2.85 KB written per switch, CPU 34-35 -> 32-33 ms.
Replace with: an upstream restyle that follows which rules use `:focus-within` where.
Off: every focus change restyles the whole of both panes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from .patch import Replaced, replacing

OWN_DRAWING = frozenset(
    {"border_top", "border_right", "border_bottom", "border_left", "border_title_color",
     "border_title_background", "border_title_style", "border_subtitle_color", "border_subtitle_background",
     "border_subtitle_style", "auto_border_title_color", "auto_border_subtitle_color"}
)  # fmt: skip
"""Properties drawn by the node itself: no descendant inherits or depends on them."""

def only_the_node_changes(stylesheet: Stylesheet) -> bool:
    """Whether every `:focus-within` rule styles the node it names, and only that node's border."""
    for rule in stylesheet.rules:
        if "focus-within" not in rule.pseudo_classes:
            continue
        for selector_set in rule.selector_set:
            if any("focus-within" in selector.pseudo_classes for selector in selector_set.selectors[:-1]):
                return False
        if not set(rule.styles.get_rules()) <= OWN_DRAWING:
            return False
    return True


def _update_focus_styles(
    self: Screen[Any], focused: Widget | None = None, blurred: Widget | None = None
) -> None:
    """Textual's `Screen._update_focus_styles`, narrowed to the `:focus-within` nodes when that is enough."""
    assert UPDATE_FOCUS_STYLES.stock is not None
    stylesheet = self.app.stylesheet
    if not only_the_node_changes(stylesheet):
        UPDATE_FOCUS_STYLES.stock(self, focused, blurred)
        return
    nodes: set[DOMNode] = set()
    for widget in (focused, blurred):
        if widget is not None:
            nodes.update(node for node in widget.ancestors_with_self if node._has_focus_within)
    for node in nodes:
        with _edges_repainted(node):
            stylesheet.update_nodes([node], animate=True)


@contextmanager
def _edges_repainted(node: DOMNode) -> Iterator[None]:
    """Restyle `node` repainting only its edges: its border changes, nothing inside it does.

    A style property that changes calls `node.styles.refresh`, which for a colour (the border's
    title) repaints the node and every widget in it: both lists, their scrollbars and filters, each
    drawn again in full on every pane switch. A request for a layout gets Textual's refresh.
    """
    styles = node._css_styles
    asked: list[dict[str, bool]] = []
    styles.refresh = lambda **kwargs: asked.append(kwargs)  # type: ignore[method-assign]
    try:
        yield
    finally:
        del styles.refresh
    if not asked:
        return
    if not isinstance(node, Widget) or any(kwargs.get("layout") for kwargs in asked) or not node.outer_size:
        for kwargs in asked:
            styles.refresh(**kwargs)
        return
    width, height = node.outer_size
    offset = node.content_offset  # refresh regions are relative to the content area
    top_and_bottom = [Region(0, 0, width, 1), Region(0, height - 1, width, 1)]
    edges = [*top_and_bottom, Region(0, 0, 1, height), Region(width - 1, 0, 1, height)]
    node.refresh(*(edge.translate(-offset) for edge in edges))


UPDATE_FOCUS_STYLES = Replaced(Screen, "_update_focus_styles", _update_focus_styles)
PATCH = replacing("focus_within", UPDATE_FOCUS_STYLES)
