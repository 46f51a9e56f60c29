"""How a VirtualList's rows become the lines it draws, and the caches that make that cheap.

A row's Content is rendered once per width, its strips once per width and look (marked, cursor,
focus, theme: the row's visual style), both in bounded LRU caches. So when the list scrolls by one
row only the new row is drawn, and a cursor step draws the two rows it changes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

RowRenderer = Callable[[str, int], Content]
"""A row's Content for its key at a width (cells); a row of several lines has that many lines."""

_CACHE_ROWS = 4096
_REVERSE = RichStyle(reverse=True)
_CACHE_STRIPS = 512  # rendered rows: a few screens' worth in each state (plain, marked, cursor)
MARKED_COMPONENT = "virtual-list--marked"


def _in_colour(strip: Strip, line_style: RichStyle) -> Strip:
    """`strip` with every segment in the line's foreground and background colours."""
    colours = RichStyle(color=line_style.color, bgcolor=line_style.bgcolor)
    return Strip(
        [
            Segment(text, colours if seg_style is None else seg_style + colours, control)
            for text, seg_style, control in strip
        ],
        strip.cell_length,
    )


def _reversed_in_terminal_colours(strip: Strip) -> Strip:
    """NO_COLOR's cursor: the row in reverse video in the terminal's own colours (Textual's greys,
    reversed, measured 3.4:1), its bold and italics kept."""
    return Strip(
        [
            Segment(text, (seg_style.without_color if seg_style else RichStyle()) + _REVERSE, control)
            for text, seg_style, control in strip
        ],
        strip.cell_length,
    )


class RowStrips:
    """The rows of one list as cached Content (per key and width) and strips (per key, width, mark
    and visual style). `widget` is the list: its component styles, its app's NO_COLOR, and the
    widget Textual renders a Visual for."""

    def __init__(self, widget: Widget) -> None:
        self._host = widget
        self.render_row: RowRenderer = lambda key, width: Content(key)
        self._contents: OrderedDict[tuple[str, int], Content] = OrderedDict()
        self._drawn: OrderedDict[tuple[str, int, bool, VisualStyle], list[Strip]] = OrderedDict()

    def clear(self) -> None:
        """Forget every rendered row (new items, or the renderer's inputs changed)."""
        self._contents.clear()
        self._drawn.clear()

    def content(self, key: str, width: int) -> Content:
        rows = self._contents
        content = rows.get((key, width))
        if content is None:
            content = self.render_row(key, width)
            rows[key, width] = content
            if len(rows) > _CACHE_ROWS:
                rows.popitem(last=False)
        return content

    def strips(
        self, key: str, width: int, marked: bool, style: VisualStyle, height: int, cursor: bool
    ) -> list[Strip]:
        """The row's lines in this look. The style (cursor/marked backgrounds included) keys the cache:
        Textual caches it per focus state and theme, and the cursor's look is in it."""
        cache_key = (key, width, marked, style)
        strips = self._drawn.get(cache_key)
        if strips is None:
            strips = self._draw(key, width, marked, style, height, cursor)
            self._drawn[cache_key] = strips
            if len(self._drawn) > _CACHE_STRIPS:
                self._drawn.popitem(last=False)
        return strips

    def _draw(
        self, key: str, width: int, marked: bool, style: VisualStyle, height: int, cursor: bool
    ) -> list[Strip]:
        """The row's lines. On the cursor row every letter takes the cursor's colour: a date or a
        marker coloured for the pane's background could be unreadable on the cursor's (1.02:1 was
        measured), and the row's glyphs and words, not colours, say what they mean."""
        widget = self._host
        line_style = style.rich_style
        gutter = Segment("▌", widget.get_component_rich_style(MARKED_COMPONENT)) if marked else None
        body_width = max(0, width - 1)
        lead = Strip([gutter or Segment(" ", line_style)])
        content = self.content(key, body_width)
        lines = content.split("\n") if height > 1 else [content]
        strips = []
        for y in range(height):
            part = lines[y].truncate(body_width, ellipsis=True) if y < len(lines) else Content("")
            rendered = Visual.to_strips(widget, part, body_width, 1, style, apply_selection=False)
            body = rendered[0] if rendered else Strip.blank(body_width, line_style)
            if cursor and line_style.color is not None:
                body = _in_colour(body, line_style)
            strips.append(Strip.join([lead, body]).crop_extend(0, width, line_style))
        if cursor and widget.app.no_color:
            strips = [_reversed_in_terminal_colours(strip) for strip in strips]
        return strips
