"""A bordered pane holding one VirtualList and its filter Input; the border title carries the count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from ..story.index import Kind
from ..textual_compat.borders import set_border_title
from .virtual_list import VirtualList


class Pane(Vertical):
    """Base for the four story panes. Subclasses set KIND, TITLE and EMPTY; rows come from the
    kind's entry in kinds.py, filled in by the screen."""

    KIND: ClassVar[Kind]
    TITLE: ClassVar[str] = ""
    EMPTY: ClassVar[str] = "Nothing here."
    compact_rows = False
    """Whether rows are drawn for a narrow pane (the timeline's glyph without its word)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", tooltip="Filter this pane by text"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.list = VirtualList(empty_message="Loading…", id=f"{self.KIND}-list")
        self.filter_input = Input(placeholder="filter… (Enter keeps, Esc clears)", classes="pane-filter")
        self.filter_input.display = False

    def compose(self) -> ComposeResult:
        yield self.list
        yield self.filter_input

    def on_mount(self) -> None:
        self.update_title()

    def set_items(
        self, keys: Sequence[str], render_row: Callable[[str], Content], search_text: Callable[[str], str]
    ) -> None:
        self.list.empty_message = self.EMPTY
        self.list.set_items(keys, render_row, search_text)
        self.update_title()

    def update_title(self) -> None:
        total, visible = self.list.total_count, self.list.visible_count
        count = self.count_of(total)
        if self.list.filter_text:
            set_border_title(self, f"{self.TITLE} {self.count_of(visible, filtered=True)}/{count}")
        else:
            set_border_title(self, f"{self.TITLE} {count}")

    def count_of(self, rows: int, filtered: bool = False) -> int:
        """Items counted in the title; a pane with non-item rows (the today marker) overrides this."""
        return rows

    # -- filtering -----------------------------------------------------------------------------

    def action_filter(self) -> None:
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
