"""Which cells of a screen row differ between two renderings of it, as a terminal shows them.

Lists and the detail text repaint a changed row from its first changed cell (`changed_span`): rows that
move by one often share their start (the mark column, a date, a label such as "Step:"), and the
terminal is sent only the rest. Public Rich/Textual API only.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.style import Style
from textual.strip import Strip


def _meta_without_offset(style: Style) -> tuple[tuple[str, str], ...] | None:
    """The style's meta (actions, links) without the text-selection offset, comparable and hashable."""
    meta = style.meta
    if not meta:
        return None
    items = sorted((key, repr(value)) for key, value in meta.items() if key != "offset")
    return tuple(items) or None


@lru_cache(maxsize=4096)
def look(style: Style) -> tuple[object, ...]:
    """Everything about a style that shows or acts, the selection offset left out."""
    return (style.clear_meta_and_links(), style.link, _meta_without_offset(style))


def cell_looks(strip: Strip) -> list[tuple[str, tuple[object, ...] | None]]:
    """Each cell of a line as (character, look), selection offsets aside; a wide character's second
    cell is ("", look). Two lines can then be compared cell by cell, as the terminal shows them."""
    cells: list[tuple[str, tuple[object, ...] | None]] = []
    for text, style, control in strip:
        if control:
            continue
        shown = None if style is None else look(style)
        for char in text:
            cells.append((char, shown))
            if cell_len(char) == 2:
                cells.append(("", shown))
    return cells


def changed_span(old: Strip | None, new: Strip | None, width: int) -> tuple[int, int]:
    """The cells [start, end) of a row that differ between two lines, (0, 0) if none: "Step: 2 of
    5" -> "Step: 3 of 5" repaints from the digit, not the label (the `output` patch sends only the span).
    Never splits a wide character; the whole row when one line is missing or wider than the row.
    """
    if old is None or new is None:
        return (0, 0) if old is new else (0, width)
    before, after = cell_looks(old), cell_looks(new)
    if len(before) > width or len(after) > width:
        return 0, width
    shorter = min(len(before), len(after))
    start = 0
    while start < shorter and before[start] == after[start]:
        start += 1
    end = width
    if len(before) == len(after) == width:  # past a line's end Textual pads it: repaint that too
        while end > start and before[end - 1] == after[end - 1]:
            end -= 1
    if start == shorter == len(before) == len(after):
        return 0, 0  # the same cells
    while 0 < start < shorter and (before[start][0] == "" or after[start][0] == ""):
        start -= 1  # the second cell of a wide character: start at its first
    while end < shorter and (before[end][0] == "" or after[end][0] == ""):
        end += 1
    return start, max(end, start + 1)
