"""Patch `scrolling`: scrollbars and scroll ranges updated without a layout pass or a frame of their own.

Works around: Textual lays out the whole screen whenever a ScrollView's virtual size changes, and
repaints every scrollbar after every layout (`_scroll_update`, called from `_size_updated` for every
scrollable widget, resized or not), in a frame of its own 17-33 ms later; a scrollbar repaints on
every change of its position even when its thumb stays on the same cell (a list of 10,000 items moves
it by 1/800 of a cell per step). Per keypress that was a reflow plus a second and third frame.
Here a virtual size that leaves a widget's height and scrollbar as they are updates the scroll range
in place; a layout that leaves a widget its size only re-syncs its scrollbar; a scrollbar repaints
the rows its thumb really changes.

Private names: `Widget._size_updated`, `_scroll_update`, `_refresh_scrollbars`, `_set_dirty`,
`_vertical_scrollbar`, `_size`, `App._start_widget`.
Gain: bytes per step 3059 -> 1710 B mean (-44%), largest 3897 -> 2320 B (as measured for `output`);
key->first byte p50 105.5 -> 78.1 ms (-26%), p95 137.5 -> 112.6 ms (-18%) (medians of 3 interleaved
runs of 60 keys on a shared machine); one frame per keypress instead of two or three
(tests/test_app_repaint.py).
Replace with: upstream Textual updating a scroll range without a layout when the widget's size
cannot change, and a ScrollBar that compares its thumb before repainting.
Off: every class and helper here behaves as Textual's own (a plain assignment, a full repaint).
"""

from __future__ import annotations

from math import ceil

from rich.console import RenderableType
from rich.segment import Segment
from textual.css.scalar import Unit
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from .patch import Patch

PATCH = Patch("scrolling")


def auto_height(widget: Widget, rows: int) -> int | None:
    """The height an `height: auto` widget takes for `rows` lines; None when that depends on more."""
    styles = widget.styles
    height = rows
    for scalar, pick in ((styles.max_height, min), (styles.min_height, max)):
        if scalar is None:
            continue
        if scalar.unit is not Unit.CELLS:
            return None
        height = pick(height, int(scalar.value))
    return height


def _shows_vertical_scrollbar(widget: ScrollView, size: Size, view_height: int) -> bool:
    overflow = widget.styles.overflow_y
    if overflow == "auto":
        return size.height > view_height
    return bool(overflow == "scroll")


def _sync_scrollbar(widget: Widget) -> None:
    """Textual's `_scroll_update` without its unconditional scrollbar repaint."""
    widget._refresh_scrollbars()
    if widget.show_vertical_scrollbar and widget.styles.scrollbar_size_vertical:
        bar = widget.vertical_scrollbar
        bar.window_virtual_size = widget.virtual_size.height
        bar.window_size = widget.container_size.height - widget.scrollbar_size_horizontal
    widget.scroll_x = widget.validate_scroll_x(widget.scroll_x)
    widget.scroll_y = widget.validate_scroll_y(widget.scroll_y)


def set_virtual_size(widget: ScrollView, size: Size, *, repaint: bool = True) -> None:
    """Set a ScrollView's virtual size; lay out only if its height or its scrollbar would change.

    Otherwise the scroll range and the scrollbar's thumb are updated in place. When a layout is due,
    it is Textual's own assignment; for a `height: auto` list the scrollbar it will need at its new
    height is set at the same time, so the one layout places both (Textual would find out during
    that layout and ask for a second one, a frame later). `repaint=False`: when no layout is due,
    the caller repaints what changed itself. Off: Textual's own assignment, always.
    """
    old = widget.virtual_size
    if size == old:
        return
    if not PATCH.active or not widget.is_mounted or not widget.size:
        widget.virtual_size = size
        return
    height = widget.styles.height
    auto = height is not None and height.is_auto
    new_height = old_height = widget.container_size.height
    if auto:
        before, after = auto_height(widget, old.height), auto_height(widget, size.height)
        if before is None or after is None:
            widget.virtual_size = size
            return
        old_height, new_height = before, after
    shows = _shows_vertical_scrollbar(widget, size, new_height)
    if new_height == old_height and shows == widget.show_vertical_scrollbar:
        widget.set_reactive(Widget.virtual_size, size)
        _sync_scrollbar(widget)
        if repaint:
            widget.refresh()
        return
    widget.virtual_size = size
    if auto and shows != widget.show_vertical_scrollbar:
        widget.show_vertical_scrollbar = shows
        widget.vertical_scrollbar.display = shows
    if auto and shows:  # the thumb for the new height, now rather than from inside the layout
        bar = widget.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = new_height


def show_own_scrollbar(widget: Widget, shown: bool) -> None:
    """Show or hide a widget's own vertical scrollbar, creating it only when it is to be shown."""
    if PATCH.active and widget._vertical_scrollbar is None and not shown:
        return
    widget.vertical_scrollbar.display = shown


class NoLayoutForVirtualSize(Widget):
    """Mixin for a widget whose virtual size is bookkeeping (it does not scroll itself): a change of
    it alone does not lay the screen out again, as Textual's `_size_updated` would (a second layout,
    a frame later)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=layout and not PATCH.active)


class QuietScrollBar(NoLayoutForVirtualSize, ScrollBar):
    """A ScrollBar that repaints only when what it draws changes.

    Textual repaints a scrollbar on every change of its position or sizes. Here the thumb is computed
    first (the same `render_bar` Textual draws with) and compared with what is on screen, row by row:
    only rows that differ repaint. Anything else that changes a scrollbar (hover, grab, resize, theme)
    repaints as usual. Off: it repaints on every change, as Textual's does.
    """

    window_virtual_size: Reactive[int] = Reactive(100, repaint=False)
    window_size: Reactive[int] = Reactive(0, repaint=False)
    position: Reactive[float] = Reactive(0, repaint=False)

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self.drawn_thumb: list[Segment] | None = None

    def _thumb(self) -> list[Segment]:
        """What `render` would draw, in the renderer's default colours (the colours are not ours)."""
        virtual_size = self.window_virtual_size
        window_size = self.window_size if self.window_size < virtual_size else 0
        length = self.size.height if self.vertical else self.size.width
        thickness = self.size.width if self.vertical else self.size.height
        bar = self.renderer.render_bar(
            size=length,
            virtual_size=ceil(virtual_size),
            window_size=ceil(window_size),
            position=self.position,
            thickness=thickness,
            vertical=self.vertical,
        )
        return list(bar.segments)

    def repaint_if_moved(self) -> None:
        if not PATCH.active:
            self.refresh()
            return
        thumb, drawn = self._thumb(), self.drawn_thumb
        if thumb == drawn:
            return
        if self.vertical and self.is_mounted and drawn is not None and len(drawn) == len(thumb):
            # One segment per row: repaint the rows that differ (a moving thumb changes one or two;
            # the track's click action, up or down, counts as a difference too).
            width = self.size.width
            for y, (old, new) in enumerate(zip(drawn, thumb, strict=True)):
                if old != new:
                    self.refresh(Region(0, y, width, 1))
            return
        # Marked dirty here too: a scrollbar can be drawn before its Mount is processed, and
        # until then Textual's `refresh` notes a repaint without discarding the drawn lines.
        self._set_dirty()
        self.refresh()

    def watch_window_virtual_size(self) -> None:
        self.repaint_if_moved()

    def watch_window_size(self) -> None:
        self.repaint_if_moved()

    def watch_position(self) -> None:
        self.repaint_if_moved()

    def render(self) -> RenderableType:
        if PATCH.active:
            self.drawn_thumb = self._thumb()
        return super().render()


class QuietScrollView(ScrollView):
    """A ScrollView whose scrollbar repaints only when it changes, never in a frame of its own.

    A layout that leaves the widget its size only re-syncs the scrollbar, and the scrollbar is a
    QuietScrollBar, which repaints when its thumb moves (a resize repaints it anyway). Off: a
    ScrollView with Textual's own scrollbar.
    """

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own property, with a QuietScrollBar."""
        if not PATCH.active:
            return super().vertical_scrollbar
        if self._vertical_scrollbar is None:
            bar = QuietScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if PATCH.active and size == self._size and container_size == self.container_size:
            _sync_scrollbar(self)
            return False
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _scroll_update(self, virtual_size: Size) -> None:
        if PATCH.active:
            _sync_scrollbar(self)
        else:
            super()._scroll_update(virtual_size)
