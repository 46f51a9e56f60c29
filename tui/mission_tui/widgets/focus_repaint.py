"""Focus that repaints only what it changes in a list: the cursor row, not every row.

Textual's Focus and Blur handlers repaint the whole widget, and so does the restyle for its new
`:focus` state whenever a component class's style changes. In the lists only the cursor's look
depends on focus (`VirtualList:focus > .virtual-list--cursor`), so on each pane switch both lists
were drawn again in full for two rows that changed. Here the focus state is set as Textual sets it,
and if the restyle changed nothing but the cursor's style, only the cursor's lines are repainted.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Region
from textual.widget import Widget
from typing_extensions import Self

CURSOR_COMPONENT = "virtual-list--cursor"


class FocusRepaint(Widget):
    """Mixin for a widget whose focus changes only its cursor component's look (see the module)."""

    _restyling_for_focus = False

    def refresh_cursor(self) -> None:
        """Repaint the cursor's lines (the list implements it)."""
        self.refresh()

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

    def _look(self) -> list[Any]:
        """Everything the restyle can change but the cursor's style: the widget's own rules and
        every other component class's."""
        others = sorted(self.COMPONENT_CLASSES - {CURSOR_COMPONENT})
        return [self.styles.get_rules(), *(self.get_component_styles(name).get_rules() for name in others)]

    def _set_focus_state(self, focused: bool) -> None:
        if self.has_focus == focused:
            return
        before = self._look()
        self._restyling_for_focus = True
        try:
            self.has_focus = focused  # Textual's watcher restyles the widget for `:focus`
        finally:
            self._restyling_for_focus = False
        if self._look() == before:
            self.refresh_cursor()
        else:
            self.refresh()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if self._restyling_for_focus and not (regions or layout or recompose):
            return self  # the restyle's whole-widget repaint: `_set_focus_state` repaints what changed
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
