"""Compacted lines: fewer styled runs, every cell showing what it showed before.

The unit tests pin the rules (what may join, what must not); the scene tests render whole screens of
the explorer with and without compaction and compare them cell by cell, as a terminal shows them.
"""

from __future__ import annotations

import pytest
from rich.cells import get_character_cell_size
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from mission_tui.screenshots import CONFLICT, FILTER, SMALL, STEP, WIDE, scene_app
from mission_tui.widgets import compact as compact_module
from mission_tui.widgets.compact import compact, compact_segments

FG = Style(color="grey70", bgcolor="grey11")
OTHER_FG = Style(color="blue", bgcolor="grey11")
OTHER_BG = Style(color="grey70", bgcolor="grey19")


def offset(style: Style, x: int, y: int = 0) -> Style:
    return style + Style.from_meta({"offset": (x, y)})


def test_empty_runs_are_dropped_and_equal_styles_join():
    segments = [Segment("ab", FG), Segment("", OTHER_FG), Segment("cd", FG)]
    assert compact_segments(segments) == [Segment("abcd", FG)]


def test_runs_that_differ_only_in_their_selection_offset_join():
    segments = [Segment("ab", offset(FG, 0)), Segment("cd", offset(FG, 2))]
    (joined,) = compact_segments(segments) or []
    assert joined.text == "abcd" and joined.style == offset(FG, 0)  # the offset of the first cell


def test_blank_runs_join_a_neighbour_with_the_same_background():
    segments = [Segment(" ", FG), Segment("date", OTHER_FG), Segment("   ", FG)]
    assert compact_segments(segments) == [Segment(" date   ", OTHER_FG)]


@pytest.mark.parametrize(
    "blank",
    [
        OTHER_BG,  # another background shows
        Style(color="grey70", bgcolor="grey11", underline=True),  # the line under a space shows
        Style(color="grey70", bgcolor="grey11", reverse=True),  # reverse video: the colour is the fill
        Style(color="grey70", bgcolor="grey11", strike=True),
        FG + Style(meta={"@click": "app.quit"}),  # clicking it does something else
        Style(color="grey70", bgcolor="grey11", link="https://example.com"),
    ],
)
def test_blank_runs_that_would_look_or_act_differently_stay_apart(blank):
    segments = [Segment("text", OTHER_FG), Segment("  ", blank)]
    assert compact_segments(segments) is None  # nothing to do
    segments = [Segment("  ", blank), Segment("text", OTHER_FG)]
    assert compact_segments(segments) is None


def test_text_in_different_colours_stays_apart():
    assert compact_segments([Segment("a", FG), Segment("b", OTHER_FG), Segment("c", OTHER_BG)]) is None


def test_unstyled_and_control_segments_are_left_alone():
    control = Segment("", None, [(1, 0)])  # type: ignore[list-item]
    segments = [Segment(" ", None), Segment(" ", FG), control, Segment(" ", FG)]
    assert compact_segments(segments) is None


def test_compact_returns_the_same_strip_when_nothing_joins_and_caches_per_strip():
    plain = Strip([Segment("a", FG), Segment("b", OTHER_FG)])
    assert compact(plain) is plain
    split = Strip([Segment("a", FG), Segment("b", FG)])
    once = compact(split)
    assert list(once) == [Segment("ab", FG)] and once.cell_length == 2
    assert compact(split) is once


# -- whole screens, with and without compaction ------------------------------------------------------

Look = tuple[object, ...]
DECORATIONS = ("reverse", "underline", "underline2", "strike", "overline")
DECORATIONS += ("frame", "encircle", "blink", "blink2")


def cell_look(char: str, style: Style | None) -> Look:
    """What a terminal shows in a cell: the character, the fill, lines, and for a glyph its colour."""
    style = style or Style()
    shown: Look = (char, style.bgcolor, *(bool(getattr(style, name)) for name in DECORATIONS), style.link)
    if char != " " or any(shown[2:-1]):
        shown += (style.color, bool(style.bold), bool(style.dim), bool(style.italic))
    return shown


def cells(strips: list[Strip]) -> list[list[Look]]:
    rows = []
    for strip in strips:
        row: list[Look] = []
        for text, style, control in strip:
            if control:
                continue
            for char in text:
                row.append(cell_look(char, style))
                row.extend([("wide",)] * (get_character_cell_size(char) - 1))
        rows.append(row)
    return rows


def segment_count(strips: list[Strip]) -> int:
    return sum(len(list(strip)) for strip in strips)


SCENES = {
    "main 80x24": ((), SMALL, "textual-dark"),
    "step 120x40": (STEP, WIDE, "textual-dark"),
    "conflict 80x24": (CONFLICT, SMALL, "textual-dark"),
    "filter 120x40": (FILTER, WIDE, "textual-dark"),
    "ansi-dark conflict": (CONFLICT, WIDE, "ansi-dark"),
    "light theme": (STEP, SMALL, "textual-light"),
}


@pytest.mark.parametrize("scene", SCENES, ids=list(SCENES))
async def test_a_compacted_screen_shows_the_same_cells_in_fewer_runs(scene, monkeypatch):
    keys, size, theme = SCENES[scene]
    app = scene_app(theme=theme)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        compositor = app.screen._compositor
        compacted = compositor.render_strips()
        monkeypatch.setattr(compact_module, "compact", lambda strip: strip)
        as_rendered = compositor.render_strips()
    assert cells(compacted) == cells(as_rendered)
    assert segment_count(compacted) < 0.9 * segment_count(as_rendered)  # ~0.8: header, footer are not ours


def test_cell_look_tells_a_coloured_blank_from_a_plain_one():
    """The comparison above would be worthless if it could not see a background or an underline."""
    assert cell_look(" ", FG) == cell_look(" ", OTHER_FG)
    assert cell_look(" ", FG) != cell_look(" ", OTHER_BG)
    assert cell_look(" ", FG) != cell_look(" ", FG + Style(underline=True))
    assert cell_look("x", FG) != cell_look("x", OTHER_FG)
    assert cell_look(" ", Style(bgcolor=Color.parse("red"))) != cell_look(" ", None)
