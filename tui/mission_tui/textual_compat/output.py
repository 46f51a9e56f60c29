"""Patch `output`: fewer bytes per frame; colour codes sent only when they change.

Works around: Textual 8.2.8 writes every styled run of a line as `ESC[<all of its style>m text ESC[0m`:
the full foreground, background and attributes, then a reset, even when the next run differs only in
its foreground. Over SSH every byte counts, and on a step through a story most of what the explorer
wrote was such codes. Turned on, it replaces two of Textual's methods process-wide:

- `Strip.render`: within a line, a run sends only what differs from the run before it (a colour,
  an attribute turned on, or off by its own ECMA-48 code: 22 bold/dim, 23 italic, 24 underline,
  25 blink, 27 reverse, 28 conceal, 29 strike; or by a reset and the style restated, if shorter).
  A run of spaces changes only the background, unless an attribute that a space shows (reverse,
  an underline, strike, blink) is on. The terminal's state is reset at the end of every line, as after
  Textual's own, so lines rendered either way can be mixed in any order.
- `ChopsUpdate.render_segments` (a partial update, what a keypress usually sends): the same, across
  the whole update rather than line by line, as cursor moves keep the style; no cursor move where
  the last piece left the cursor; a piece that starts past the area is skipped (Textual: `x > x2`
  where `x >= x2` was meant) and one that starts before it is cut at its start too.

Private names: `textual._compositor.ChopsUpdate`, `Strip._segments`/`_render_cache`, Rich's
`Style._attributes/_set_attributes/_color/_bgcolor/_link` and `Console._color_system`.
Gain: bytes per step 3471 -> 1710 B mean (-51%), largest step 4873 -> 2320 B (10k claims, 1,000
events, 50 x j at 80x24, xterm-256color; `benchmarks/run.py --quick --only 6` with and without).
Then the off codes: 1777 -> 1706 B mean, largest 2784 -> 2650 B; and blank runs: -> 1554 B mean,
largest 2451 B (100k claims, 200 x j, `run.py --only 3`).
Replace with: an upstream renderer that tracks the terminal's style across runs (Textual has no
public hook for the output encoding); until then, this module.
Checked against Textual's originals by feeding either output to a terminal emulator
(tests/test_output.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.color import ColorSystem
from rich.console import Console
from rich.control import Control
from rich.style import Style
from textual.strip import SGR_STYLES, Strip

from .patch import Patch

if TYPE_CHECKING:
    from textual._compositor import ChopsUpdate

_ORIGINAL_RENDER = Strip.render
_originals: dict[str, Callable[..., str]] = {}

_Parts = tuple[int, str | None, str | None]  # attribute bits, foreground codes, background codes
_RESET: _Parts = (0, None, None)


@lru_cache(maxsize=16384)
def _parts(style: Style, color_system: ColorSystem) -> _Parts:
    """A style as Textual renders it (`Strip.render_ansi`), split into what can change separately."""
    attributes = style._attributes & style._set_attributes
    color, bgcolor = style._color, style._bgcolor
    foreground = ";".join(color.downgrade(color_system).get_ansi_codes()) if color is not None else None
    background = (
        ";".join(bgcolor.downgrade(color_system).get_ansi_codes(False)) if bgcolor is not None else None
    )
    return attributes, foreground, background


def _codes(attributes: int) -> list[str]:
    return [SGR_STYLES[bit] for bit in range(attributes.bit_length()) if attributes & (1 << bit)]


def _full(parts: _Parts) -> list[str]:
    attributes, foreground, background = parts
    codes = _codes(attributes)
    if foreground is not None:
        codes.append(foreground)
    if background is not None:
        codes.append(background)
    return codes


_OFF = {0: "22", 1: "22", 2: "23", 3: "24", 9: "24", 4: "25", 5: "25", 6: "27", 7: "28", 8: "29"}
"""The ECMA-48 code that turns each attribute bit (SGR_STYLES' order) off: 22 ends bold and dim
together, 24 both underlines, 25 both blinks. Frame, encircle and overline have none here."""
_ENDS = {code: sum(1 << bit for bit, off in _OFF.items() if off == code) for code in set(_OFF.values())}
"""The attribute bits each of those codes turns off."""


def _colour_codes(old: _Parts, new: _Parts) -> list[str]:
    codes = []
    if new[1] != old[1]:
        codes.append(new[1] if new[1] is not None else "39")
    if new[2] != old[2]:
        codes.append(new[2] if new[2] is not None else "49")
    return codes


def _turn_off(old: _Parts, new: _Parts, gone: int) -> list[str] | None:
    """The codes that turn the attributes `gone` off and keep the rest of `new`, or None if one of
    them has no such code."""
    offs: list[str] = []
    ended = 0
    for bit in range(gone.bit_length()):
        if gone & (1 << bit):
            code = _OFF.get(bit)
            if code is None:
                return None
            if code not in offs:
                offs.append(code)
                ended |= _ENDS[code]
    restated = new[0] & (~old[0] | ended)  # 22 for bold also ends dim: a dim that stays is restated
    return [*offs, *_codes(restated), *_colour_codes(old, new)]


@lru_cache(maxsize=4096)
def _transition(old: _Parts, new: _Parts) -> str:
    """The escape sequence that turns the terminal's style `old` into `new` ("" if they are equal).
    Cached: a screen uses few styles, and this runs for every run of every line drawn."""
    if old == new:
        return ""
    if new == _RESET:
        return "\x1b[0m"
    gone = old[0] & ~new[0]
    if not gone:
        return "\x1b[" + ";".join([*_codes(new[0] & ~old[0]), *_colour_codes(old, new)]) + "m"
    # An attribute goes off: its own off code, or a reset and the new style whole, the shorter.
    reset = "\x1b[" + ";".join(["0", *_full(new)]) + "m"
    selective = _turn_off(old, new, gone)
    if selective is None:
        return reset
    return min(reset, "\x1b[" + ";".join(selective) + "m", key=len)


_SHOWN_ON_BLANK = sum(
    1 << SGR_STYLES.index(code) for code in ("4", "5", "6", "7", "9", "21", "51", "52", "53")
)
"""The attributes a space shows: underlines, strike, frame, encircle and overline are drawn in the
foreground colour, reverse swaps it in, and blink brightens the background on the Linux console.
Without them a space shows its background alone."""


def render_strip(strip: Strip, color_system: ColorSystem) -> str:
    """A strip's terminal sequences, each run sending only the codes that change; ends reset."""
    sequences, state = render_runs(strip, color_system, _RESET)
    return sequences + _transition(state, _RESET)


def render_runs(strip: Strip, color_system: ColorSystem, state: _Parts) -> tuple[str, _Parts]:
    """A strip's runs written over a terminal whose style is `state`; returns the style left on."""
    out: list[str] = []
    for text, style, _control in strip._segments:
        if style is None:
            new = _RESET
        elif style._link:
            # A link's run goes out as Textual writes it, which ends in a reset.
            out.append(_transition(state, _RESET))
            out.append(Strip.render_style(style, text, color_system))
            state = _RESET
            continue
        else:
            new = _parts(style, color_system)
        if text:
            if not text.strip(" ") and not (state[0] | new[0]) & _SHOWN_ON_BLANK:
                new = (state[0], state[1], new[2])  # spaces: only the background is seen
            out.append(_transition(state, new))
            out.append(text)
            state = new
    return "".join(out), state


def _render(self: Strip, console: Console) -> str:
    """`Strip.render`, with the same cache."""
    if self._render_cache is None:
        self._render_cache = render_strip(self, console._color_system or ColorSystem.TRUECOLOR)
    return self._render_cache


# Characters every terminal advances the cursor by exactly one cell for: printable ASCII, Latin
# letters, general punctuation (… · “ ” —), arrows, box drawing, blocks and geometric shapes, less
# the invisible ones (soft hyphen, zero-width and bidi marks). After a piece of a line made only of
# these, the cursor is known to be where the next piece starts.
_ONE_CELL_EACH = re.compile(
    "[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u2070-\u25ff]*\\Z"
)


def _cursor_after(strip: Strip, x: int, y: int) -> tuple[int, int] | None:
    """Where writing `strip` at (x, y) leaves the cursor, if every terminal agrees on that."""
    for text, _style, control in strip._segments:
        if control or not _ONE_CELL_EACH.match(text):
            return None  # a wide or invisible character: let the next piece place itself
    return x + strip.cell_length, y


def _one_cell_prefix(strip: Strip, cells: int) -> bool:
    """Whether the strip's first `cells` cells are one-cell characters, so it can be cut there."""
    text = strip.text[:cells]
    return len(text) == cells and bool(_ONE_CELL_EACH.match(text)) and not any(
        control for _text, _style, control in strip._segments
    )


def _render_segments(self: ChopsUpdate, console: Console) -> str:
    """`ChopsUpdate.render_segments` of Textual 8.2.8, with fewer bytes for the same screen.

    Styles carry over from piece to piece; a piece that starts where the last one left the cursor
    needs no cursor move (Textual writes one before every piece, and a newline after every line,
    which the moves make redundant); a piece that starts past the area is skipped (Textual:
    `x > x2`, which moved the cursor to write nothing); and a piece that starts before the area is
    cut at its start too (Textual cuts only the end, so a one-cell change at the end of a border or
    a line resent the whole piece), unless a wide character could be split there.
    """
    sequences: list[str] = []
    append = sequences.append
    move_to = Control.move_to
    color_system = console._color_system or ColorSystem.TRUECOLOR
    state = _RESET  # the style the terminal is left in: cursor moves keep it
    cursor: tuple[int, int] | None = None
    chops = self.chops
    chop_ends = self.chop_ends
    for y, x1, x2 in self.spans:
        line = chops[y]
        ends = chop_ends[y]
        for end, (x, strip) in zip(ends, line.items(), strict=False):
            if strip is None:
                continue
            if x >= x2 or end <= x1:
                continue
            if x < x1 and _one_cell_prefix(strip, x1 - x):
                strip, x = strip.crop(x1 - x, min(end, x2) - x), x1
            elif not (x2 > x >= x1 and end <= x2):
                strip = strip.crop(0, min(end, x2) - x)
            if cursor != (x, y):
                append(move_to(x, y).segment.text)
            text, state = render_runs(strip, color_system, state)
            append(text)
            cursor = _cursor_after(strip, x, y)
    append(_transition(state, _RESET))
    return "".join(sequences)


def _chops_update() -> type[ChopsUpdate]:
    from textual._compositor import ChopsUpdate

    return ChopsUpdate


def original_render_segments(update: ChopsUpdate, console: Console) -> str:
    """Textual's own `ChopsUpdate.render_segments`, patched or not (tests compare the two)."""
    render = _originals.get("render_segments") or _chops_update().render_segments
    return render(update, console)


def _apply() -> None:
    """Use the leaner renderers for every Textual app in this process."""
    chops_update = _chops_update()
    _originals.setdefault("render_segments", chops_update.render_segments)
    Strip.render = _render  # type: ignore[method-assign]  # the patch itself: replaced process-wide
    chops_update.render_segments = _render_segments  # type: ignore[method-assign]  # (as above)


def _revert() -> None:
    """Back to Textual's own renderers."""
    Strip.render = _ORIGINAL_RENDER  # type: ignore[method-assign]  # restoring the original
    if "render_segments" in _originals:
        _chops_update().render_segments = _originals["render_segments"]  # type: ignore[method-assign]  # (as above)


PATCH = Patch("output", apply=_apply, revert=_revert)
