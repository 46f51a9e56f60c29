"""Lines handed to the terminal in fewer styled runs, drawing the same cells.

Textual writes every segment of a repainted line as `ESC[<style>m text ESC[0m`: 20-30 bytes of
escapes per segment, however short its text. Rendered lines have more segments than looks: empty
segments, a row's padding styled apart from the text beside it (a space's foreground colour or
boldness shows nowhere), one style split in two because text selection gives every run its own
offset. A step down a long timeline repaints a dozen rows, so those escapes were over half of
what a keypress wrote. `CompactLines` joins such runs in the lines a widget hands the compositor.

What joins: runs whose style is equal but for the text-selection offset, and blank runs (spaces)
with a neighbour that looks the same on a blank cell: same background, same link and actions, and
nothing a blank cell shows (reverse, underline, strike, overline, frame, blink). Text selection reads
the widget's own `render_line`, which is untouched; mouse actions read these lines, and keep theirs.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# Compacted lines: a few screens' worth (the StylesCache hands back the same strips). Kept small: a
# Textual Strip carries seven small caches, all tracked by the garbage collector, and every full
# collection walks them (4096 lines held ~60k such objects: collections of 20-90 ms mid-keypress).
_CACHE = 1024


def _meta_without_offset(style: Style) -> tuple[tuple[str, str], ...] | None:
    """The style's meta (actions, links) without the selection offset, comparable and hashable."""
    if not style._meta:  # rich's own test for "has meta"; reading `.meta` unmarshals it
        return None
    items = sorted((key, repr(value)) for key, value in style.meta.items() if key != "offset")
    return tuple(items) or None


@lru_cache(maxsize=4096)
def _look(style: Style) -> tuple[object, ...]:
    """Everything about a style that shows or acts, the selection offset left out."""
    return (style.clear_meta_and_links(), style.link, _meta_without_offset(style))


@lru_cache(maxsize=4096)
def _blank_look(style: Style) -> tuple[object, ...]:
    """What a style shows on a blank cell: the background, unless a line or reverse video is drawn."""
    if (
        style.reverse
        or style.underline
        or style.underline2
        or style.strike
        or style.overline
        or style.frame
        or style.encircle
        or style.blink
        or style.blink2
    ):
        return ("all", _look(style))
    return ("blank", style.bgcolor, style.link, _meta_without_offset(style))


def cell_looks(strip: Strip) -> list[tuple[str, tuple[object, ...] | None]]:
    """Each cell of a line as (character, look), selection offsets aside; a wide character's second
    cell is ("", look). Two lines can then be compared cell by cell, as the terminal shows them."""
    cells: list[tuple[str, tuple[object, ...] | None]] = []
    for text, style, control in strip:
        if control:
            continue
        look = None if style is None else _look(style)
        for char in text:
            cells.append((char, look))
            if cell_len(char) == 2:
                cells.append(("", look))
    return cells


def changed_span(old: Strip | None, new: Strip | None, width: int) -> tuple[int, int]:
    """The cells [start, end) of a row that differ between two lines, (0, 0) if none: "Step: 2 of
    5" -> "Step: 3 of 5" repaints from the digit, not the label (output.py sends only the span).
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


def _is_blank(text: str) -> bool:
    return not text.strip(" ")


def compact_segments(segments: list[Segment]) -> list[Segment] | None:
    """The segments with empty runs dropped and runs that look alike joined; None if none were."""
    out: list[Segment] = []
    changed = False
    for segment in segments:
        text, style, control = segment
        if control or style is None or not out:
            if not text and not control and style is not None:
                changed = True
                continue
            out.append(segment)
            continue
        if not text:
            changed = True
            continue
        prev_text, prev_style, prev_control = out[-1]
        if prev_control or prev_style is None:
            out.append(segment)
            continue
        if (
            prev_style is style
            or _look(prev_style) == _look(style)
            or (_is_blank(text) and _blank_look(prev_style) == _blank_look(style))
        ):
            out[-1] = Segment(prev_text + text, prev_style)
        elif _is_blank(prev_text) and _blank_look(prev_style) == _blank_look(style):
            out[-1] = Segment(prev_text + text, style)
        else:
            out.append(segment)
            continue
        changed = True
    return out if changed else None


_compacted: OrderedDict[int, tuple[Strip, Strip]] = OrderedDict()


def compact(strip: Strip) -> Strip:
    """`strip` in as few styled runs as draw the same cells (cached per strip object)."""
    key = id(strip)
    hit = _compacted.get(key)
    if hit is not None and hit[0] is strip:
        _compacted.move_to_end(key)
        return hit[1]
    segments = compact_segments(list(strip))
    result = strip if segments is None else Strip(segments, strip.cell_length)
    _compacted[key] = (strip, result)  # the strip is kept alive with its id, so ids do not repeat
    if len(_compacted) > _CACHE:
        _compacted.popitem(last=False)
    return result


class CompactLines(Widget):
    """Mixin: the widget's lines (content, padding, border) reach the compositor compacted."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return [compact(strip) for strip in super().render_lines(crop)]
