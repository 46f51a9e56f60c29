"""A bordered pane holding one VirtualList and its filter Input; the border title carries the count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input

from ..story.index import Kind
from ..textual_compat.borders import set_border_title
from .virtual_list import VirtualList


class PaneList(VirtualList):
    """A pane's list: Enter lists the selected item's related items in the detail view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Related", show=False, tooltip="List the item's related items (5 too)"),
    ]


class FilterInput(Input):
    """The filter being typed: Enter keeps it, Esc clears it (said in the footer while typing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Keep filter", tooltip="Keep the filter, back to the list"),
        Binding("escape", "clear", "Clear filter", tooltip="Clear the filter"),
    ]

    class Cleared(Message):
        """Esc while typing a filter."""

    def action_clear(self) -> None:
        self.post_message(self.Cleared())


class Pane(Vertical):
    """Base for the four story panes. Subclasses set KIND, TITLE and EMPTY; rows come from the
    kind's entry in kinds.py, filled in by the screen."""

    KIND: ClassVar[Kind]
    TITLE: ClassVar[str] = ""
    EMPTY: ClassVar[str] = "Nothing here."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Filter this pane by text"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.list = PaneList(empty_message="Loading…", id=f"{self.KIND}-list")
        self.filter_input = FilterInput(
            placeholder="filter… Enter keeps, Esc clears", classes="pane-filter", select_on_focus=False
        )
        self.filter_input.display = False
        self.item_count: int | None = None
        """Items counted in the title (default: the list's rows)."""
        self.suffix = ""
        """Said after the count in the border title ("step 2 of 5")."""

    def compose(self) -> ComposeResult:
        yield self.list
        yield self.filter_input

    def on_mount(self) -> None:
        self.update_title()

    def set_items(
        self,
        keys: Sequence[str],
        render_row: Callable[[str, int], Content],
        search_text: Callable[[str], str],
    ) -> None:
        self.list.empty_message = self.EMPTY
        self.list.set_items(keys, render_row, search_text, **self.row_layout())
        self.update_title()

    def row_layout(self) -> dict[str, Callable[[str], Any]]:
        """How rows are laid out: one line each and all selectable, unless a pane says otherwise."""
        return {}

    def update_title(self) -> None:
        """'Sources 3', filtered 'Sources 1/3' (rows that are not items never match a filter)."""
        total = self.list.total_count if self.item_count is None else self.item_count
        count = f"{self.list.visible_count}/{total}" if self.list.filter_text.strip() else str(total)
        suffix = f" · {self.suffix}" if self.suffix else ""
        set_border_title(self, f"{self.TITLE} {count}{suffix}")

    # -- filtering -----------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.filter_input.can_focus = True
        self.filter_input.display = True
        self.filter_input.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_input.display or self.list.filter_text)
        return True

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.list.set_filter("")
        self.filter_input.display = False
        self.update_title()
        self.list.focus()

    def on_filter_input_cleared(self, event: FilterInput.Cleared) -> None:
        event.stop()
        self.action_clear_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.filter_input:
            event.stop()
            self.list.set_filter(event.value)
            self.update_title()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_input:
            event.stop()
            if not event.value.strip():
                self.filter_input.display = False
            # Kept: the input stays to show the filter, out of the Tab order (Tab then `j` would
            # otherwise replace the filter); `/` edits it again.
            self.filter_input.can_focus = False
            self.list.focus()

    def clear_filter_quietly(self) -> None:
        """Drop the filter without moving focus (before jumping to an item that is filtered out)."""
        if self.list.filter_text:
            self.filter_input.value = ""
            self.list.set_filter("")
            self.filter_input.display = False
            self.update_title()

    def jump_to(self, key: str) -> bool:
        """Put the cursor on `key` without posting Highlighted; clears a filter that hides it."""
        if self.list.move_to_key(key, post=False):
            return True
        self.clear_filter_quietly()
        return self.list.move_to_key(key, post=False)
