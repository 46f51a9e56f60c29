"""The leaner renderers (the `output` patch, textual_compat/output.py) must put the same cells on
screen as Textual's own.

Strips: random runs of random styles, rendered both ways and read back by a small SGR interpreter
written here (an oracle independent of both renderers), cell by cell. Updates: random partial
updates of a screen, written both ways over the same starting screen of a pyte terminal.
"""

from __future__ import annotations

import random
import re

import pyte
import pytest
from rich.cells import cell_len
from rich.color import Color, ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.strip import Strip

from mission_tui.textual_compat import output
from ptytools import as_seen

ATTRIBUTES = ("bold", "dim", "italic", "underline", "blink", "reverse", "strike", "overline", "underline2")
COLOURS = [None, "#ff8700", "#1e1e1e", "#e0e0e0", "#0178d4", "red", "default"]
SGR = re.compile(r"\x1b\[([0-9;]*)m|\x1b\]8;[^\x1b]*;([^\x1b]*)\x1b\\")
ON = {"1": "bold", "2": "dim", "3": "italic", "4": "underline", "5": "blink", "6": "blink2",
      "7": "reverse", "8": "conceal", "9": "strike", "21": "underline2", "51": "frame", "52": "encircle",
      "53": "overline"}  # fmt: skip
OFF = {"22": {"bold", "dim"}, "23": {"italic"}, "24": {"underline", "underline2"}, "25": {"blink", "blink2"},
       "27": {"reverse"}, "28": {"conceal"}, "29": {"strike"}, "54": {"frame", "encircle"},
       "55": {"overline"}}  # fmt: skip  # ECMA-48's codes that turn attributes off


def random_style(rng: random.Random) -> Style | None:
    if rng.random() < 0.1:
        return None
    colour, background = rng.choice(COLOURS), rng.choice(COLOURS)
    if rng.random() < 0.2:
        background = colour or background  # text in its own background colour
    return Style(
        color=Color.parse(colour) if colour else None,
        bgcolor=Color.parse(background) if background else None,
        link="https://example.org/" if rng.random() < 0.05 else None,
        **{name: True for name in ATTRIBUTES if rng.random() < 0.25},
    )


def random_strip(rng: random.Random, width: int = 30) -> list[Segment]:
    segments, used = [], 0
    while used < width:
        text = rng.choice(["", " ", "  ", "ab", "x", "word ", "·", "│─", "é", "漢"])
        if cell_len(text) > width - used:
            text = " " * (width - used)
        segments.append(Segment(text, random_style(rng)))
        used += cell_len(text)
    return segments


SHOWN_ON_BLANK = {
    "underline", "underline2", "reverse", "strike", "frame", "encircle", "overline", "blink", "blink2"
}  # fmt: skip


def seen(char: str, attrs: frozenset[str], fg: str | None, bg: str | None, link: str | None) -> tuple:
    """A cell as it looks: a space without an attribute it would show (SHOWN_ON_BLANK) shows its
    background alone, whatever the foreground colour, bold or italic."""
    if char == " " and not attrs & SHOWN_ON_BLANK:
        return (char, frozenset(), None, bg, link)
    return (char, attrs, fg, bg, link)


def cells(sequences: str) -> list[tuple[str, frozenset[str], str | None, str | None, str | None]]:
    """Each printed character as it looks, from the attributes, colours and link in force: the oracle."""
    attrs: set[str] = set()
    fg = bg = link = None
    out = []
    position = 0
    for match in SGR.finditer(sequences + "\x1b[m"):
        for char in sequences[position : match.start()]:
            out.append(seen(char, frozenset(attrs), fg, bg, link))
        position = match.end()
        if match.group(1) is None:
            link = match.group(2) or None
            continue
        params = (match.group(1) or "0").split(";")
        i = 0
        while i < len(params):
            code = params[i]
            if code == "0":
                attrs.clear()
                fg = bg = None
            elif code in ON:
                attrs.add(ON[code])
            elif code in OFF:
                attrs -= OFF[code]
            elif code == "39":
                fg = None
            elif code == "49":
                bg = None
            elif code in ("38", "48"):
                size = 3 if params[i + 1] == "2" else 1
                value = ";".join(params[i + 1 : i + 2 + size])
                fg, bg = (value, bg) if code == "38" else (fg, value)
                i += 1 + size
            elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
                fg = code
            elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
                bg = code
            else:
                raise AssertionError(f"unexpected SGR code {code!r} in {sequences!r}")
            i += 1
    return out


@pytest.mark.parametrize("system", [ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD])
@pytest.mark.parametrize("seed", range(40))
def test_a_strip_draws_the_same_cells_as_textuals_rendering(seed: int, system: ColorSystem) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        segments = random_strip(rng)
        textual = Strip.render_style  # the per-run rendering Textual's own Strip.render joins
        theirs = "".join(
            text if style is None else textual(style, text, system)
            for text, style, _ in segments
        )
        ours = output.render_strip(Strip(segments), system)
        assert cells(ours) == cells(theirs), (segments, ours, theirs)
        assert cells(ours + "x")[-1][1:] == (frozenset(), None, None, None)  # the line ends reset


def test_runs_that_share_colours_send_only_what_differs() -> None:
    base = Style(color=Color.parse("#e0e0e0"), bgcolor=Color.parse("#1e1e1e"))
    strip = Strip([Segment("Status:", base + Style(bold=True)), Segment(" ", base), Segment("open", base)])
    ours = output.render_strip(strip, ColorSystem.TRUECOLOR)
    assert ours.count("48;2;30;30;30") == 1  # stated once: bold is turned off by its own code
    assert "Status: \x1b[22mopen" in ours  # the space between needs no codes: bold shows on no blank
    assert ours.endswith("open\x1b[0m") and ours.count("\x1b[0m") == 1
    theirs = "".join(Strip.render_style(style, text, ColorSystem.TRUECOLOR) for text, style, _ in strip)
    assert len(ours) < len(theirs)


DARK = "#102030"


def test_a_blank_run_changes_only_what_a_blank_shows() -> None:
    text, muted = Style(color="#e0e0e0", bgcolor="#1e1e1e"), Style(color="#808080", bgcolor="#1e1e1e")
    strip = Strip([Segment("a", text), Segment("   ", muted), Segment("b", text)])
    plain = output.render_strip(strip, ColorSystem.TRUECOLOR)
    assert plain.count("38;2;") == 1  # the blanks keep the colour on: "a   b" in one colour code
    cursor = muted + Style(reverse=True)
    reversed_blank = Strip([Segment("a", text), Segment(" ", cursor)])
    assert "38;2;128;128;128" in output.render_strip(reversed_blank, ColorSystem.TRUECOLOR)  # shown
    moved = Strip([Segment("a", text), Segment(" ", Style(color="#808080", bgcolor="#000000"))])
    assert output.render_strip(moved, ColorSystem.TRUECOLOR).count("48;2;") == 2  # a new background is sent


@pytest.mark.parametrize(
    ("before", "after", "sequence"),
    [
        (Style(bold=True, dim=True, color=DARK), Style(dim=True, color=DARK), "\x1b[22;2m"),  # dim restated
        (Style(italic=True, reverse=True), Style(), "\x1b[0m"),  # no style left: a reset
        (Style(underline=True, color=DARK), Style(color=DARK, bgcolor="red"), "\x1b[24;41m"),
        (Style(overline=True, bold=True), Style(bold=True, color=DARK), "\x1b[0;1;38;2;16;32;48m"),  # no code
        (Style(bold=True, color=DARK, bgcolor="#405060"), Style(color="red"), "\x1b[0;31m"),  # the shorter
    ],
)
def test_an_attribute_goes_off_by_the_shorter_of_its_code_and_a_reset(before, after, sequence) -> None:
    strip = Strip([Segment("a", before), Segment("b", after)])
    ours = output.render_strip(strip, ColorSystem.TRUECOLOR)
    assert ours[ours.index("a") + 1 : ours.index("b")] == sequence, ours


def screen_after(update: ChopsUpdate, before: str, use_ours: bool) -> list[list[tuple[object, ...]]]:
    """A 40x6 pyte screen showing `before`, then updated; each cell as its char and attributes."""
    console = Console(color_system="truecolor", force_terminal=True, width=40)
    screen = pyte.Screen(40, 6)
    stream = pyte.Stream(screen)
    stream.feed(before)
    for line in update.chops:
        for strip in line.values():
            if strip is not None:
                strip._render_cache = None
    if use_ours:
        stream.feed(output._render_segments(update, console))
    else:
        # Textual ends each line with a newline that its next cursor move makes redundant; after a
        # line written to the last column, pyte (unlike xterm) wraps on it and blanks the next line.
        stream.feed(output.original_render_segments(update, console).replace("\n", ""))
    return [[as_seen(c) for c in screen.buffer[y].values()] for y in range(6)]


def random_cells(rng: random.Random, count: int) -> list[Segment]:
    """`count` cells as one segment per character (a wide character takes two cells)."""
    cells: list[Segment] = []
    while sum(cell_len(c.text) for c in cells) < count:
        char = rng.choice(" ab·│é漢" if count - sum(cell_len(c.text) for c in cells) > 1 else " ab·│é")
        cells.append(Segment(char, random_style(rng)))
    return cells


def boundaries(cells: list[Segment]) -> list[int]:
    """The cell offsets where a character starts, and the end."""
    offsets, x = [], 0
    for cell in cells:
        offsets.append(x)
        x += cell_len(cell.text)
    return [*offsets, x]


@pytest.mark.parametrize("seed", range(40))
def test_partial_updates_leave_the_same_screen(seed: int) -> None:
    """As Textual's compositor works: the screen shows the last frame; the update's pieces of a line
    (one per widget) hold the new frame, which differs from the last only inside the spans."""
    rng = random.Random(seed)
    before: list[str] = []
    chops: list[dict[int, Strip | None]] = []
    ends: list[list[int]] = []
    spans = []
    for y in range(6):
        old = random_cells(rng, 40)
        edges = boundaries(old)
        x1 = rng.choice(edges[:-1])
        x2 = rng.choice([e for e in edges if e > x1])
        middle = random_cells(rng, x2 - x1)
        new = [c for c, x in zip(old, edges, strict=False) if x < x1] + middle
        new += [c for c, x in zip(old, edges, strict=False) if x >= x2]
        drawn = output._ORIGINAL_RENDER(Strip(old), Console(color_system="truecolor"))
        before.append(f"\x1b[{y + 1};1H{drawn}")
        new_edges = boundaries(new)
        cuts = [*sorted(set(rng.sample(new_edges[1:-1], min(3, len(new_edges) - 2)))), 40]
        line: dict[int, Strip | None] = {}
        start = 0
        for end in cuts:
            piece = [c for c, x in zip(new, new_edges, strict=False) if start <= x < end]
            line[start] = Strip(piece, end - start)
            start = end
        chops.append(line)
        ends.append(cuts)
        if rng.random() < 0.8 or y == 5:
            spans.append((y, x1, x2))
        else:
            chops[-1] = dict.fromkeys(line)  # a line with no change: not in the update
    update = ChopsUpdate(chops, spans, ends)
    with_textual = screen_after(update, "".join(before), use_ours=False)
    assert screen_after(update, "".join(before), use_ours=True) == with_textual
    written = output._render_segments(update, Console(color_system="truecolor", force_terminal=True))
    assert cells(written + "x")[-1][1:] == (frozenset(), None, None, None)  # the update ends reset


@pytest.mark.parametrize(
    ("text", "known"),
    [("Step 2 of 10", True), ("╰──│▌▄ “quoted” … ·", True), ("café", True), ("漢字", False),
     ("a\u200bb", False), ("soft\u00adhyphen", False), ("✅ done", False), ("e\u0301", False)],
)  # fmt: skip
def test_the_cursor_is_trusted_only_after_characters_every_terminal_draws_one_cell_wide(
    text: str, known: bool
) -> None:
    """Terminals disagree on wide, zero-width and emoji characters: the next piece then moves."""
    after = output._cursor_after(Strip([Segment(text, Style(bold=True))]), 5, 2)
    assert after == ((5 + cell_len(text), 2) if known else None)


def test_a_piece_is_cut_at_its_start_only_between_one_cell_characters() -> None:
    """Cutting inside a wide character would draw a space over its second half."""
    strip = Strip([Segment("ab", Style(bold=True)), Segment("漢c")])
    assert output._one_cell_prefix(strip, 1) and output._one_cell_prefix(strip, 2)
    assert not output._one_cell_prefix(strip, 3)  # inside 漢
    assert not output._one_cell_prefix(Strip([Segment("漢ab")]), 2)  # after it, but it is wide
