"""The detail text, redrawn for each new item without a layout pass, and drawn exactly as before.

It used to be a Static inside a VerticalScroll. The Static's height followed its text, so every new
item meant a screen layout, then a second one when the container's virtual size caught up, and a
third frame for the scrollbars: 40-60 ms before a keypress had finished drawing. Here the text is a
Line API widget of fixed size that scrolls itself, and the scrollbar is a (quiet) Textual ScrollBar
beside it. The geometry is the old one (padding, text column, scrollbar column), so the terminal
receives the same cells; a layout happens only when the scrollbar appears or disappears.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.scrollbar import ScrollDown, ScrollTo, ScrollUp
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual

from ..textual_compat.scrolling import (
    NoLayoutForVirtualSize,
    QuietScrollBar,
    QuietScrollView,
    set_virtual_size,
    show_own_scrollbar,
)
from .cells import changed_span

RECENT_TEXTS = 16
"""How many texts keep their wrapped lines: enough for every pane's item and the jumps between them."""
DRAWN_KEYS = 4
"""Widths and styles a text keeps lines for: with and without the scrollbar, focused or not."""


@dataclass
class _Drawn:
    """A text's first lines as drawn at one width and style (all of them once `complete`)."""

    lines: list[Strip] = field(default_factory=list)
    complete: bool = False


@dataclass(eq=False)
class _Layout:
    """One text, how many lines it wraps to at each width, and its lines as drawn."""

    content: Content
    heights: dict[int, int] = field(default_factory=dict)
    drawn: dict[tuple[int, VisualStyle], _Drawn] = field(default_factory=dict)


def _first_lines(content: Content, count: int) -> Content:
    """The text up to the end of its `count`-th line: rendering that gives the same first `count`
    wrapped lines (each line wraps on its own, and keeps its line number) without wrapping the rest."""
    plain, end = content.plain, -1
    for _ in range(count):
        end = plain.find("\n", end + 1)
        if end < 0:
            return content
    return content[:end]


class DetailText(QuietScrollView, can_focus=False):
    """Wrapped Content, one strip per line, scrolled by `scroll_y`; its scrollbar is a sibling."""

    DEFAULT_CSS = """
    DetailText {
        width: 1fr;
        height: 1;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 0;
        background: transparent;
    }
    """

    def __init__(self, content: Content, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text_layout = _Layout(content)
        self._recent: LRUCache[int, _Layout] = LRUCache(RECENT_TEXTS)  # by id(content); each holds it

    @property
    def content(self) -> Content:
        return self._text_layout.content

    def update(self, content: Content, view_height: int | None = None) -> None:
        """Show new text; the scroll position is left to the caller.

        `view_height`: the height the box will have after this update, when the caller changes it
        (the related list below grows or shrinks), so the text is sized once, in the same frame.
        """
        before = self._rows_on_screen()
        self._text_layout = self._text_layout_of(content)
        if self.measure(view_height) and before is not None:
            self._repaint_changed_rows(before)
        else:
            self.refresh()

    def _text_layout_of(self, content: Content) -> _Layout:
        """What was kept of `content` if it was shown lately, else a fresh layout.

        Going back to a pane shows the item it showed before as the same Content object (the detail
        pane keeps its texts): its line counts and drawn lines are reused instead of wrapped again.
        """
        layout = self._recent.get(id(content))
        if layout is None or layout.content is not content:
            layout = _Layout(content)
            self._recent.set(id(content), layout)
        return layout

    def _rows_on_screen(self) -> list[Strip | None] | None:
        """The lines drawn now (None past the text), or None when they are not all at hand."""
        drawn = self._text_layout.drawn.get((self.size.width, self.visual_style))
        top, height = round(self.scroll_y), self.size.height
        if drawn is None or (len(drawn.lines) < top + height and not drawn.complete):
            return None
        shown: list[Strip | None] = list(drawn.lines[top : top + height])
        return shown + [None] * (height - len(shown))

    def _repaint_changed_rows(self, before: list[Strip | None]) -> None:
        """Repaint only the rows whose line differs from the one on screen.

        Between two items of a kind, labels, blank lines and headings mostly stay where they were
        ("Status: occurred", "Sources"), and each row not sent saves 50-100 bytes. Lines compare as
        the terminal shows them, cell by cell (`changed_span`; a wrapped line's selection offsets are
        not shown). Refreshes add up until the next frame, so two updates before it repaint every row
        that differs from what the screen shows.
        """
        top, width = round(self.scroll_y), self.size.width
        spans = [changed_span(line, self.line_at(top + y), width) for y, line in enumerate(before)]
        if all(end > start for start, end in spans):
            self.refresh()
            return
        for y, (start, end) in enumerate(spans):
            if end > start:
                self.refresh(Region(start, y, end - start, 1))

    def _height_at(self, width: int) -> int:
        """How many lines the text wraps to at `width` (counted, not drawn)."""
        if width <= 0:
            return 0
        heights = self._text_layout.heights
        if width not in heights:
            # Textual's widgets pass their styles here too (Widget.get_content_height); annotated RulesMap.
            heights[width] = self._text_layout.content.get_height(self.styles, width)  # type: ignore[arg-type]
        return heights[width]

    def measure(self, view_height: int | None = None) -> bool:
        """Size the scroll range and the scrollbar for the text, counting lines without drawing them.

        The scrollbar decision follows a VerticalScroll's: with the bar shown, it stays while the text
        is taller than the view at the narrower width; without it, it appears when the text is taller
        at the full width. Usually that is one line count per new item. Returns whether the text
        keeps its box (width and height), so that a new text can be compared with the old row by row.
        """
        view = self.parent
        if not isinstance(view, DetailView) or not view.size:
            return False
        if view_height is None:
            view_height = view.content_region.height
        full = view.content_region.width
        narrow = max(0, full - view.styles.scrollbar_size_vertical)
        first = narrow if view.bar.display else full
        lines = self._height_at(first)
        bar = lines > view_height
        width = narrow if bar else full
        if width != first:
            lines = self._height_at(width)
        # As tall as the text, at most the view: below short text the box's own blank rows show, as
        # they did below the Static. Between two long items the height stays put: no layout.
        height = min(lines, view_height)
        self.styles.height = height  # Textual lays out only if this changes
        # Scrollable or not at that height (its own scrollbar has no width; the visible one is the
        # view's): said now, so the layout for a new height is the only one.
        self.show_vertical_scrollbar = lines > height
        show_own_scrollbar(self, lines > height)
        set_virtual_size(self, Size(width, lines), repaint=False)  # the caller repaints
        view.update_bar(bar, lines, view_height, self.scroll_y)
        return width == self.size.width and height == self.size.height

    def on_resize(self) -> None:
        self.measure()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        view = self.parent
        if isinstance(view, DetailView):
            view.bar.position = new_value

    def line_at(self, row: int) -> Strip | None:
        """Line `row` as a Static with these styles would render it; only what is shown gets drawn.

        A new item draws just the rows in view (a detail text runs to ~70 lines); scrolling past
        them draws the rest once.
        """
        layout = self._text_layout
        width, style = key = (self.size.width, self.visual_style)  # strips carry colours (theme, focus) too
        drawn = layout.drawn.get(key)
        if drawn is None:
            if len(layout.drawn) >= DRAWN_KEYS:
                layout.drawn.clear()
            drawn = layout.drawn[key] = _Drawn()
        strips = drawn.lines
        if row >= len(strips) and not drawn.complete and width > 0:
            content, wanted = layout.content, None
            if not strips:  # first draw: only the lines in view, from as many source lines at most
                wanted = max(row + 1, round(self.scroll_y) + self.size.height)
                content = _first_lines(content, wanted)
            strips = drawn.lines = Visual.to_strips(self, content, width, wanted, style)
            drawn.complete = content is layout.content and (wanted is None or len(strips) < wanted)
        return strips[row] if row < len(strips) else None

    def render_line(self, y: int) -> Strip:
        line = self.line_at(round(self.scroll_y) + y)
        if line is None:
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        return line

    # -- text selection, as a Static offers it ---------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text_layout.content.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._text_layout.drawn.clear()  # the selection is drawn into the lines
        self.refresh()


class DetailView(NoLayoutForVirtualSize, can_focus=True, inherit_bindings=False):
    """The focusable box around the text: padding, scrollbar, scroll keys (left/right stay free)."""

    DEFAULT_CSS = """
    DetailView {
        layout: horizontal;
        height: 1fr;
    }
    DetailView > QuietScrollBar {
        width: 1;
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, text: DetailText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.bar = QuietScrollBar(vertical=True)
        self.bar.display = False

    def compose(self) -> ComposeResult:
        yield self.text
        yield self.bar

    def on_mount(self) -> None:
        self.bar.thickness = self.styles.scrollbar_size_vertical

    def on_resize(self) -> None:
        # The view's height moves with the related list below it; the text's height follows it.
        self.text.measure()

    def update_bar(self, shown: bool, lines: int, view: int, position: float) -> None:
        """Show the scrollbar only when the text is taller than the view (a layout only if that flips)."""
        bar = self.bar
        bar.window_virtual_size = lines
        bar.window_size = view
        bar.position = position
        bar.display = shown

    # -- scrolling: keys, wheel and the scrollbar all move the text -------------------------------

    def action_scroll_down(self) -> None:
        self.text.action_scroll_down()

    def action_scroll_up(self) -> None:
        self.text.action_scroll_up()

    def action_page_down(self) -> None:
        self.text.action_page_down()

    def action_page_up(self) -> None:
        self.text.action_page_up()

    def action_scroll_home(self) -> None:
        self.text.action_scroll_home()

    def action_scroll_end(self) -> None:
        self.text.action_scroll_end()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        # The wheel over the text scrolls it directly; over the scrollbar or padding, as a scroll
        # container would (same step as the wheel over the text).
        if event.widget is not self.text and self.text.allow_vertical_scroll:
            self._wheel(self.app.scroll_sensitivity_y)
            event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if event.widget is not self.text and self.text.allow_vertical_scroll:
            self._wheel(-self.app.scroll_sensitivity_y)
            event.stop()

    def _wheel(self, lines: float) -> None:
        """Scroll the text as the wheel over it does (by the app's scroll sensitivity)."""
        self.text.scroll_to(y=self.text.scroll_target_y + lines, animate=False)

    def on_scroll_to(self, message: ScrollTo) -> None:
        self.text.scroll_to(y=message.y, animate=message.animate, duration=0.1)
        message.stop()

    def on_scroll_up(self, message: ScrollUp) -> None:
        self.text.scroll_page_up()
        message.stop()

    def on_scroll_down(self, message: ScrollDown) -> None:
        self.text.scroll_page_down()
        message.stop()
