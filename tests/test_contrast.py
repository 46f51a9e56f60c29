"""Legibility, measured on what reaches a real terminal: every letter and digit on screen at 4.5:1.

The installed `mission-tui` runs in an 80x24 pseudo-terminal (ptytools); its bytes go to pyte, whose
cells carry the colours the terminal was told to use (a 256-colour palette index as hex, a 24-bit
colour as hex, an ANSI colour by name). For every theme `t` cycles through, and every row state
(cursor focused and not, marked rows, muted text, the filter being typed, the related items, the
detail text focused and maximized, help, the command palette, a notice), each cell holding a letter
or digit must reach WCAG's 4.5:1 against its background. ANSI colours and the terminal's default
colours are taken as xterm's palette on a black background. With NO_COLOR Textual sends greys only,
and the cursor rows are reverse video in the terminal's own colours.
"""

from __future__ import annotations

import pytest
from textual.color import Color

from mission_tui.app import THEMES
from mission_tui.legibility import contrast
from ptytools import TODAY, PtySession

pytestmark = pytest.mark.slow  # a real terminal, ~1 minute per colour mode

XTERM = ("000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
         "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff")  # fmt: skip
NAMES = ("black", "red", "green", "brown", "blue", "magenta", "cyan", "white")
DEFAULT_FG, DEFAULT_BG = "e5e5e5", "000000"
MINIMUM = 4.5

# (keys to get there, what it shows, keys to leave it); each starts where the last one left off.
STATES = (
    ("", "the first frame: the overview, its cursor focused", ""),
    ("n", "step 1: an event, its links marked in the other panes", ""),
    ("4", "the conflict: the timeline's cursor without focus, marked rows, the axis", ""),
    ("3/hill", "a filter being typed", "\x1b\x1b"),
    ("1n5", "the related items", ""),
    ("d", "the detail text focused", ""),
    ("m", "the detail maximized", "m"),
    ("?", "help", "\x1b"),
    ("\x10conf", "the command palette", "\x1b"),
    ("1gp", "a notice in the header ('This is the first step.')", ""),
    ("1g", "back on the overview", ""),
)


def terminal_colour(name: str, default: str) -> Color:
    if name == "default":
        name = default
    elif name in NAMES:
        name = XTERM[NAMES.index(name)]
    elif name.startswith("bright") and name[6:] in NAMES:
        name = XTERM[8 + NAMES.index(name[6:])]
    return Color.parse(f"#{name}")


def illegible(session: PtySession) -> list[str]:
    """Each row with a letter or digit under 4.5:1: the worst cell's ratio and colours, the row."""
    screen = session.screen
    found = []
    for y in range(screen.lines):
        worst: tuple[float, str, str] | None = None
        for x in range(screen.columns):
            cell = screen.buffer[y][x]
            if not cell.data.isalnum():
                continue
            fg, bg = (cell.bg, cell.fg) if cell.reverse else (cell.fg, cell.bg)
            defaults = (DEFAULT_BG, DEFAULT_FG) if cell.reverse else (DEFAULT_FG, DEFAULT_BG)
            ratio = contrast(terminal_colour(fg, defaults[0]), terminal_colour(bg, defaults[1]))
            if ratio < MINIMUM and (worst is None or ratio < worst[0]):
                worst = (ratio, fg, bg)
        if worst is not None:
            text = "".join(screen.buffer[y][x].data for x in range(screen.columns)).rstrip()
            found.append(f"row {y}: {worst[0]:.2f}:1 ({worst[1]} on {worst[2]}) | {text}")
    return found


@pytest.mark.parametrize(
    "colours", [{"COLORTERM": ""}, {"COLORTERM": "truecolor"}], ids=["xterm-256color", "truecolor"]
)
def test_every_letter_reads_in_every_theme_and_state(colours):
    session = PtySession("--today", TODAY, env=colours)
    problems: list[str] = []
    try:
        session.wait_for("Overview", timeout=30)
        session.settle()
        for theme in THEMES:
            for enter, what, leave in STATES:
                if enter:
                    session.send(enter)
                    session.settle()
                problems += [f"{theme}, {what}: {row}" for row in illegible(session)]
                if "notice" in what:  # read while it shows (it goes after STATUS_SECONDS)
                    assert "This is the first step." in session.text(), session.text()
                if leave:
                    session.send(leave)
                    session.settle()
            session.send("t")
            session.settle(quiet=0.8)
    finally:
        session.kill()
    assert not problems, "\n".join(problems)


def test_the_measure_sees_what_fails():
    """The control: the colours Textual's dark theme gave the cursor row before (measured 1.02:1)."""
    assert contrast(terminal_colour("5f87af", ""), terminal_colour("0087d7", "")) < 1.1
    assert contrast(terminal_colour("default", DEFAULT_FG), terminal_colour("default", DEFAULT_BG)) > 15
    assert contrast(terminal_colour("blue", ""), terminal_colour("black", "")) < MINIMUM


def test_no_color_sends_no_hue_and_reverses_the_cursor_rows():
    session = PtySession("--today", TODAY, env={"NO_COLOR": "1"})
    try:
        session.wait_for("Overview", timeout=30)
        session.settle()
        screen = session.screen

        def line(y: int) -> str:
            return "".join(screen.buffer[y][x].data for x in range(screen.columns))

        def row_with(text: str) -> int:
            return next(y for y in range(screen.lines) if text in line(y))

        def reversed_cells(y: int, start: str) -> bool:
            """Reverse video in the terminal's own colours: as legible as its normal text."""
            x = line(y).index(start)
            cells = [screen.buffer[y][i] for i in range(x, x + len(start))]
            return all(c.reverse and (c.fg, c.bg) == ("default", "default") for c in cells)

        assert reversed_cells(row_with("◆ Overview"), "Overview")  # the focused cursor
        session.send("4")
        session.settle()
        assert reversed_cells(row_with("◆ Overview"), "Overview")  # the timeline's, without focus
        assert reversed_cells(row_with("≠ Sep 2025 vs Dec 2026"), "Sep 2025 vs Dec 2026")
        colours = {getattr(screen.buffer[y][x], part) for y in range(screen.lines)
                   for x in range(screen.columns) for part in ("fg", "bg")} - {"default"}  # fmt: skip
        hues = {c for c in colours if len({c[0:2], c[2:4], c[4:6]}) > 1}  # Textual's Monochrome: greys
        assert colours and not hues, hues
    finally:
        session.kill()
