"""A keyboard-driven list that renders only the rows on screen (Textual's Line API).

OptionList and ListView build or measure every item up front, which takes seconds at 100k items.
This list keeps only keys; a row's Content is produced on demand for visible lines and cached, so
mounting, moving the cursor and scrolling cost the same for 10 items or 100,000.

A row may take more than one line (`row_height`, see row_lines.py) and may be a heading that the
cursor passes over (`selectable`): the timeline's events are two lines under one-line year rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from ..textual_compat.scrolling import QuietScrollView, set_virtual_size
from .cells import changed_span
from .focus_repaint import BLURRED_CURSOR_COMPONENT, CURSOR_COMPONENT, FocusRepaint
from .row_lines import RowLines
from .row_strips import MARKED_COMPONENT, RowRenderer, RowStrips

SearchText = Callable[[str], str]
HighlightHook = Callable[["VirtualList", "str | None"], None]


class VirtualList(FocusRepaint, QuietScrollView, can_focus=True, inherit_bindings=False):
    """A focusable list of keys; each row is rendered lazily by `render_row(key)`.

    Scroll bindings are not inherited: left/right belong to the screen (step through the story).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES = {
        CURSOR_COMPONENT,
        BLURRED_CURSOR_COMPONENT,
        "virtual-list--marked",
        "virtual-list--empty",
    }

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    VirtualList > .virtual-list--cursor-blurred {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    VirtualList > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualList > .virtual-list--marked {
        color: $accent;
        text-style: bold;
    }
    VirtualList > .virtual-list--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)
    """Position of the cursor among the visible (filtered) rows. Not `repaint`: a move repaints only the
    two rows involved (or the viewport when it scrolls), not the whole list."""

    class ItemMessage(Message):
        """Base of the list's messages: which list, and which item (as OptionList.OptionMessage)."""

        def __init__(self, virtual_list: VirtualList, key: str | None) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.key = key

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Highlighted(ItemMessage):
        """The cursor moved to a different item (None: the list is empty)."""

    class Selected(ItemMessage):
        """Enter (or a click) chose the item under the cursor."""

        key: str

        def __init__(self, virtual_list: VirtualList, key: str) -> None:
            super().__init__(virtual_list, key)

    def __init__(
        self,
        *,
        empty_message: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._keys: Sequence[str] = ()
        self._painted: dict[int, Strip] = {}  # screen line -> the line last drawn there
        self._search_text: SearchText = lambda key: key
        self._row_height: Callable[[str], int] | None = None
        self._selectable: Callable[[str], bool] | None = None
        self._search_cache: list[str] | None = None
        self._visible: Sequence[int] = range(0)
        self._visible_row: dict[int, int] | None = None
        self._row_lines = RowLines((), range(0), None)
        self._position: dict[str, int] = {}
        self._marked: frozenset[str] = frozenset()
        self._filter = ""
        self._row_strips = RowStrips(self)
        self._last_key: str | None = None
        self.empty_message = empty_message
        self.on_highlight: HighlightHook | None = None
        """Called at once when the cursor reaches another item, before `Highlighted` is posted.

        The owner can then update everything that follows the cursor before the next frame, so a
        keypress is drawn in one frame instead of one for the cursor and more for the rest."""

    # -- data --------------------------------------------------------------------------------

    def set_items(
        self,
        keys: Sequence[str],
        render_row: RowRenderer,
        search_text: SearchText | None = None,
        *,
        row_height: Callable[[str], int] | None = None,
        selectable: Callable[[str], bool] | None = None,
    ) -> None:
        """Replace the list's items. Cheap: nothing is rendered until it is on screen.

        `row_height(key)`: lines a row takes (default one each); `selectable(key)`: False for a
        heading row the cursor passes over (default: every row)."""
        self._keys = keys
        self._row_strips.render_row = render_row
        self._search_text = search_text or (lambda key: key)
        self._row_height = row_height
        self._selectable = selectable
        self._search_cache = None
        self._position = {}
        self._row_strips.clear()
        self._apply_filter(self._filter)
        self._set_cursor_quietly(0)
        self._post_highlight()

    def invalidate(self) -> None:
        """Forget rendered rows (e.g. after the row renderer's inputs changed) and repaint."""
        self._row_strips.clear()
        self.refresh()

    @property
    def total_count(self) -> int:
        return len(self._keys)

    @property
    def visible_count(self) -> int:
        return len(self._visible)

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def highlighted_key(self) -> str | None:
        if 0 <= self.cursor < len(self._visible):
            key = self._keys[self._visible[self.cursor]]
            return key if self._is_selectable(self.cursor) else None
        return None

    def key_at(self, row: int) -> str:
        """The key of row `row` among the rows shown (filtered)."""
        return self._keys[self._visible[row]]

    def set_marked(self, keys: Collection[str]) -> None:
        """Mark items linked to the selection elsewhere; only visible rows whose mark changed repaint.

        Every step of the selection re-marks three panes, so a full refresh of each would redraw most
        of the screen; usually one or two rows per pane actually change.
        """
        marked = keys if isinstance(keys, frozenset) else frozenset(keys)
        old = self._marked
        if marked == old:
            return
        self._marked = marked
        self._refresh_rows(row for row, key in self._visible_rows() if (key in marked) != (key in old))

    @property
    def marked(self) -> frozenset[str]:
        return self._marked

    def set_filter(self, text: str) -> int:
        """Show only items whose search text contains `text` (case-insensitive); returns matches."""
        key = self.highlighted_key
        self._apply_filter(text)
        if key is None or not self.move_to_key(key, post=False):
            self._set_cursor_quietly(0)
        self._post_highlight()
        return len(self._visible)

    def move_to_key(self, key: str, *, post: bool = True) -> bool:
        """Put the cursor on `key` if it is visible; False if it is filtered out or unknown."""
        index = self._index_of(key)
        if index is None:
            return False
        if self._filter:
            if self._visible_row is None:
                self._visible_row = {item: row for row, item in enumerate(self._visible)}
            found = self._visible_row.get(index)
            if found is None:
                return False
            row = found
        else:
            row = index
        if post:
            self.cursor = row
        else:
            self._set_cursor_quietly(row)
            self._last_key = self.highlighted_key
        return True

    def _viewport_height(self) -> int:
        return self.scrollable_content_region.height or self.size.height

    def _visible_rows(self) -> list[tuple[int, str]]:
        """(row, key) for the rows on screen: per-keypress work stays O(viewport), not O(items)."""
        top = round(self.scroll_y)
        keys, visible = self._keys, self._visible
        rows = self._row_lines.rows_between(top, min(self._row_lines.total, top + self._viewport_height()))
        return [(row, keys[visible[row]]) for row in rows]

    def _refresh_rows(self, rows: Iterable[int]) -> None:
        """Repaint these rows: their lines, or the viewport in one go when most of it changed.

        Only the text columns: the scrollbar repaints itself when its thumb moves (QuietScrollBar).
        """
        top, height = round(self.scroll_y), self._viewport_height()
        width = self.scrollable_content_region.width
        lines = self._row_lines
        on_screen = sorted(
            {
                line - top
                for row in rows
                if 0 <= row < len(self._visible)
                for line in range(lines.start(row), lines.start(row) + lines.height(row))
                if top <= line < top + height
            }
        )
        if len(on_screen) > height // 2:
            self.refresh(Region(0, 0, width, height))
        else:
            for y in on_screen:
                self.refresh(Region(0, y, width, 1))

    def _refresh_viewport(self) -> None:
        """Repaint every row, and not the scrollbar beside them: it repaints itself when it changes."""
        width = self.scrollable_content_region.width
        if width and self.is_mounted:
            self.refresh(Region(0, 0, width, self._viewport_height()))
        else:
            self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """As ScrollView's, but a scroll repaints the rows and leaves the scrollbar to itself."""
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new_value
        if round(old_value) != round(new_value):
            self._repaint_scrolled(round(old_value), round(new_value))

    def _repaint_scrolled(self, old_top: int, new_top: int) -> None:
        """Repaint each screen line from its first changed cell: rows that move by one often share
        their start (the mark column, a date, a label), and the terminal is sent only the rest.

        A line is compared with what was last drawn there (`render_line` keeps it), not with the
        row that was there, whose look may have changed since (cursor, marks).
        """
        height, width = self._viewport_height(), self.scrollable_content_region.width
        if not (self.is_mounted and width) or abs(new_top - old_top) >= height or not self._visible:
            self._refresh_viewport()
            return
        for y in range(height):
            start, end = changed_span(self._painted.get(y), self._line_at(new_top + y, y), width)
            if end > start:
                self.refresh(Region(start, y, end - start, 1))

    def _index_of(self, key: str) -> int | None:
        if not self._position and self._keys:
            self._position = {k: i for i, k in enumerate(self._keys)}
        return self._position.get(key)

    def _apply_filter(self, text: str) -> None:
        self._filter = text
        self._visible_row = None
        needle = text.casefold().strip()
        if not needle:
            self._visible = range(len(self._keys))
        else:
            if self._search_cache is None:
                self._search_cache = [self._search_text(k).casefold() for k in self._keys]
            self._visible = [i for i, hay in enumerate(self._search_cache) if needle in hay]
        self._row_lines = RowLines(self._keys, self._visible, self._row_height)
        set_virtual_size(self, Size(self.size.width, self._row_lines.total), repaint=False)
        self._refresh_viewport()

    # -- cursor ------------------------------------------------------------------------------

    def _is_selectable(self, row: int) -> bool:
        return self._selectable is None or self._selectable(self._keys[self._visible[row]])

    def _selectable_near(self, row: int, step: int) -> int:
        """The first selectable row from `row` on in direction `step`, else the other way, else `row`."""
        count = len(self._visible)
        if not count:
            return 0
        row = max(0, min(row, count - 1))
        if self._selectable is None:
            return row
        for direction in (step, -step):
            probe = row
            while 0 <= probe < count:
                if self._is_selectable(probe):
                    return probe
                probe += direction
        return row

    def _set_cursor_quietly(self, row: int) -> None:
        old = self.cursor
        self.set_reactive(VirtualList.cursor, self._selectable_near(row, 1))
        self._keep_cursor_in_view()  # a scroll repaints the rows by itself
        self._refresh_rows({old, self.cursor})

    def _move(self, row: int, step: int) -> None:
        """Move the cursor to the selectable row nearest `row` in direction `step`."""
        target = self._selectable_near(row, step)
        if self._visible and not self._is_selectable(target):
            return
        self.cursor = target

    def validate_cursor(self, row: int) -> int:
        return max(0, min(row, len(self._visible) - 1)) if self._visible else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._keep_cursor_in_view()
        self._refresh_rows({old, new})
        self._post_highlight()

    def refresh_cursor(self) -> None:
        self._refresh_rows([self.cursor])

    def _post_highlight(self) -> None:
        key = self.highlighted_key
        if key != self._last_key:
            self._last_key = key
            if self.on_highlight is not None:
                self.on_highlight(self, key)
            self.post_message(self.Highlighted(self, key))

    def _keep_cursor_in_view(self) -> None:
        """A cursor leaving the view scrolls it by half a page (at least as far as the row needs): the
        reader sees what comes next, and stepping repaints the whole list once per half page, not on
        every step (each scrolled line is every row repainted: ~1 KB at 80x24)."""
        height = self._viewport_height()
        if height <= 0 or not self._visible:
            return
        top = round(self.scroll_y)
        start = self._row_lines.start(self.cursor)
        end = start + self._row_lines.height(self.cursor)
        if self.cursor and not self._is_selectable(self.cursor - 1):
            start = self._row_lines.start(self.cursor - 1)  # keep the heading above the row in view
        half = max(1, height * 2 // 3)
        if start < top:
            target = max(min(start, top - half), end - height, 0)
            self.scroll_to(y=target, animate=False, immediate=True)
        elif end > top + height:
            target = min(start, max(end - height, top + half))
            self.scroll_to(y=target, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._visible) - 1, -1)

    def _page(self) -> int:
        return max(1, self._viewport_height() - 1)

    def action_page_down(self) -> None:
        line = self._row_lines.start(self.cursor) + self._page()
        self._move(self._row_lines.row_at(line), 1)

    def action_page_up(self) -> None:
        line = self._row_lines.start(self.cursor) - self._page()
        self._move(self._row_lines.row_at(max(0, line)), -1)

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: Click) -> None:
        line = round(self.scroll_y) + event.y
        if not 0 <= line < self._row_lines.total:
            return
        row = self._row_lines.row_at(line)
        if self._is_selectable(row):
            self.cursor = row
            if event.chain >= 2:
                self.action_select()

    def on_resize(self) -> None:
        self._painted.clear()  # a new size repaints every line anyway
        set_virtual_size(self, Size(self.size.width, self._row_lines.total))
        self._keep_cursor_in_view()

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        line = self._painted[y] = self._line_at(round(self.scroll_y) + y, y)
        return line

    def _line_at(self, line: int, y: int) -> Strip:
        """Line `line` of the list as drawn on screen line `y` (the empty message goes on line 0)."""
        width = self.scrollable_content_region.width or self.size.width
        if not self._visible:
            if y == 0:
                message = (
                    f"No match for “{self._filter}”." if self._filter and self._keys else self.empty_message
                )
                empty_style = self.get_component_rich_style("virtual-list--empty")
                return Strip([Segment(" " + message, empty_style)]).crop_extend(0, width, self.rich_style)
            return Strip.blank(width, self.rich_style)  # `rich_style` walks every ancestor: blanks only
        if line >= self._row_lines.total:
            return Strip.blank(width, self.rich_style)
        row = self._row_lines.row_at(line)
        key = self._keys[self._visible[row]]
        marked = key in self._marked
        components: tuple[str, ...] = (MARKED_COMPONENT,) if marked else ()
        cursor = row == self.cursor and self._is_selectable(row)
        if cursor:
            components += (self.cursor_component,)
        # The row's own style (cursor/marked backgrounds included) is the base the Content is rendered
        # on, so theme variables ($text-muted ...) resolve and alpha colours blend with the right colour.
        # Textual caches it per focus state and theme, so it also keys the strip cache (row_strips.py):
        # when the list scrolls by one row, only the new row is drawn.
        style = self.get_visual_style(*components)
        strips = self._row_strips.strips(key, width, marked, style, self._row_lines.height(row), cursor)
        return strips[line - self._row_lines.start(row)]
