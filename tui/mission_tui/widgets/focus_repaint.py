"""Focus that repaints only what it changes in a list: the cursor row, not every row.

Textual's Focus and Blur handlers repaint the whole widget, and its `has_focus` watcher restyles the
widget (a full stylesheet match) for its new `:focus` state. In the lists only the cursor's look
depends on focus, and it is two component classes chosen as the row is drawn (`CURSOR_COMPONENT`,
`BLURRED_CURSOR_COMPONENT`), not a `:focus` rule. So while no rule in the stylesheet can style the
list by its own focus, a focus change neither restyles nor repaints it whole: only the cursor's lines
are drawn again. A stylesheet that has such a rule gets Textual's restyle, and if that changed more
than the cursor's look the whole list is repainted.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.css.model import CombinatorType, RuleSet, Selector, SelectorType
from textual.geometry import Region
from textual.widget import Widget
from typing_extensions import Self

CURSOR_COMPONENT = "virtual-list--cursor"
"""The cursor row while the list has focus."""
BLURRED_CURSOR_COMPONENT = "virtual-list--cursor-blurred"
"""The cursor row while another widget has focus."""
FOCUS_STATES = frozenset({"focus", "blur", "focus-within"})
"""Pseudo-classes that a widget's own focus turns on or off."""


def _compounds(selectors: list[Selector]) -> list[list[Selector]]:
    """The selector's compound parts: `Pane > Input.filter:focus` is [Pane], [Input, .filter:focus]."""
    compounds: list[list[Selector]] = []
    for selector in selectors:
        if compounds and selector.combinator == CombinatorType.SAME:
            compounds[-1].append(selector)
        else:
            compounds.append([selector])
    return compounds


def _may_match(compound: list[Selector], widget: Widget, type_names: set[str]) -> bool:
    """Whether the compound can match `widget` (classes can change: a class is taken to match)."""
    for part in compound:
        if part.type == SelectorType.TYPE and part.name not in type_names:
            return False
        if part.type == SelectorType.ID and part.name != widget.id:
            return False
    return True


def styled_by_own_focus(rules: list[RuleSet], widget: Widget) -> bool:
    """Whether a rule can style `widget` (its components or descendants) by the widget's own focus."""
    type_names = {cls.__name__ for cls in type(widget).__mro__}
    return any(
        _may_match(compound, widget, type_names)
        for rule in rules
        if rule.pseudo_classes & FOCUS_STATES
        for selector_set in rule.selector_set
        for compound in _compounds(selector_set.selectors)
        if any(part.pseudo_classes & FOCUS_STATES for part in compound)
    )


class FocusRepaint(Widget):
    """Mixin for a widget whose focus changes only its cursor's look (see the module)."""

    _restyling_for_focus = False
    _focus_rules_checked: tuple[list[RuleSet], bool] | None = None

    def refresh_cursor(self) -> None:
        """Repaint the cursor's lines (the list implements it)."""
        self.refresh()

    @property
    def cursor_component(self) -> str:
        """The component class the cursor row is drawn with now."""
        return CURSOR_COMPONENT if self.has_focus else BLURRED_CURSOR_COMPONENT

    def on_focus(self, event: events.Focus) -> None:
        event.prevent_default()  # Textual's handler: the same, with a full repaint
        self._set_focus_state(True)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self._set_focus_state(False)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def watch_has_focus(self, has_focus: bool) -> None:
        """Textual's restyle for `:focus`, only when a rule can style this widget by its focus."""
        if self._styled_by_own_focus():
            super().watch_has_focus(has_focus)

    def _styled_by_own_focus(self) -> bool:
        """`styled_by_own_focus`, worked out again only when the stylesheet's rules are parsed anew."""
        rules = self.app.stylesheet.rules
        checked = self._focus_rules_checked
        if checked is None or checked[0] is not rules:
            checked = self._focus_rules_checked = (rules, styled_by_own_focus(rules, self))
        return checked[1]

    def _look(self) -> list[Any]:
        """Everything the restyle can change but the cursor's style: the widget's own rules and
        every other component class's."""
        others = sorted(self.COMPONENT_CLASSES - {CURSOR_COMPONENT, BLURRED_CURSOR_COMPONENT})
        return [self.styles.get_rules(), *(self.get_component_styles(name).get_rules() for name in others)]

    def _set_focus_state(self, focused: bool) -> None:
        if self.has_focus == focused:
            return
        before = self._look() if self._styled_by_own_focus() else None  # else no restyle to compare
        self._restyling_for_focus = True
        try:
            self.has_focus = focused  # the watcher restyles the widget if a rule asks for it
        finally:
            self._restyling_for_focus = False
        if before is None or self._look() == before:
            self.refresh_cursor()
        else:
            self.refresh()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._restyling_for_focus and not (regions or layout or recompose):
            return self  # the restyle's whole-widget repaint: `_set_focus_state` repaints what changed
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
