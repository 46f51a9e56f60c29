"""Every letter legible in every curated theme: text colours adjusted to 4.5:1 or more (WCAG AA).

Textual's themes are drawn for truecolor, but a 256-colour terminal (TERM=xterm-256color, over SSH
the common case) gets the nearest palette colour, which can cost most of the contrast: nord's panes
become #5f5f5f, its muted text #afafd7 on it 3.0:1, and textual-dark's cursor row measured 1.02:1.
So for the theme in use, each colour the explorer draws text in is checked against each background
it is drawn on, as it is and as a 256-colour terminal shows both, and moved away from the
background (lighter on a dark theme, darker on a light one) until it passes. Automatic colours
("auto 60%", worked out per background at render time) become fixed ones worked out on the pane
background. Row states (cursor, marks) take their colours from these variables in the stylesheet.

The ANSI theme is left to the terminal's own palette, except for the few colours it picks that are
unreadable on a dark default background (tests/test_contrast.py measures it with xterm's palette).
Reached through `App.get_css_variables`, Textual's public hook for a theme's variables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color

MINIMUM = 4.6  # a little over WCAG's 4.5, for rounding in the terminal's palette
TEXT_COLOURS = (
    "foreground", "text", "text-muted", "text-primary", "text-secondary", "text-warning", "text-error",
    "text-success", "text-accent", "accent", "warning", "footer-foreground", "footer-key-foreground",
    "footer-description-foreground", "input-selection-foreground",
)  # fmt: skip
"""Variables the explorer (and the Textual widgets it uses) draw letters in."""
GROUNDS = ("background", "surface", "panel", "panel-darken-1", "footer-background", "surface-lighten-1")
"""Variables those letters are drawn on (surface-lighten-1: a focused detail text or input;
panel-darken-1: the command palette); also the pale bar of a cursor in a pane without focus (and
of the palette's highlighted line), where coloured letters keep their colour."""
CURSORS = (
    ("block-cursor-background", "block-cursor-foreground"),
    ("block-cursor-blurred-background", "block-cursor-blurred-foreground"),
)
ANSI_OVERRIDES = {
    "footer-key-foreground": "ansi_bright_magenta",
    "text-muted": "ansi_default",
    "block-cursor-blurred-foreground": "ansi_default",
}
_AUTO = re.compile(r"^auto\s+(\d+)%$")
WHITE, BLACK = Color(255, 255, 255), Color(0, 0, 0)


def contrast(first: Color, second: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            v = value / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def in_256_colours(color: Color) -> Color:
    """The colour a 256-colour terminal shows for `color` (Rich's own downgrade)."""
    triplet = RichColor.from_rgb(color.r, color.g, color.b).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return Color(triplet.red, triplet.green, triplet.blue)


def worst_contrast(text: Color, grounds: Iterable[Color]) -> float:
    """The lowest contrast of `text` on any of `grounds`, in truecolor and in 256 colours."""
    shown = in_256_colours(text)
    return min(min(contrast(text, ground), contrast(shown, in_256_colours(ground))) for ground in grounds)


def legible(text: Color, grounds: list[Color], dark: bool) -> Color | None:
    """`text`, lightened (dark theme) or darkened (light theme) until it reads on every ground; None
    if even white (black) does not."""
    for _ in range(40):
        if worst_contrast(text, grounds) >= MINIMUM:
            return text
        text = text.lighten(0.03) if dark else text.darken(0.03)
    extreme = WHITE if dark else BLACK
    return extreme if worst_contrast(extreme, grounds) >= MINIMUM else None


def cursor_colours(bar: Color, text: Color) -> tuple[Color, Color]:
    """A cursor bar and its letters that read: the text moved away from the bar's lightness, else
    the other way, else the bar darkened (or lightened) until white (black) letters read on it."""
    for dark in (bar.brightness < 0.5, bar.brightness >= 0.5):
        found = legible(text, [bar], dark)
        if found is not None:
            return bar, found
    dark = bar.brightness < 0.5
    extreme = WHITE if dark else BLACK
    for _ in range(40):
        bar = bar.darken(0.03) if dark else bar.lighten(0.03)
        if worst_contrast(extreme, [bar]) >= MINIMUM:
            break
    return bar, extreme


def _resolve(value: str, on: Color) -> Color | None:
    """A variable's colour as drawn on `on` (alpha blended, "auto N%" worked out); None if not a colour."""
    auto = _AUTO.match(value.strip())
    try:
        color = on.get_contrast_text(int(auto.group(1)) / 100) if auto else Color.parse(value)
    except Exception:  # not a colour (a text style, "initial")
        return None
    return on + color if color.a < 1 else color


def legible_variables(variables: Mapping[str, str], dark: bool) -> dict[str, str]:
    """The theme's variables with every text colour legible on every ground (see the module)."""
    out = dict(variables)
    if any(str(value).startswith("ansi_") for value in variables.values()):
        out.update(ANSI_OVERRIDES)
        return out
    base = _resolve(variables.get("background", "#000000"), BLACK) or BLACK
    grounds = [ground for name in GROUNDS if (ground := _resolve(variables.get(name, ""), base)) is not None]
    surface = _resolve(variables.get("surface", ""), base) or base
    for bar_name, text_name in CURSORS:  # the cursor: its letters on its own bar, focused or not
        bar = _resolve(variables.get(bar_name, ""), surface) or surface
        text = _resolve(variables.get(text_name, ""), bar) or bar.get_contrast_text()
        bar, text = cursor_colours(bar, text)
        out[bar_name], out[text_name] = bar.hex, text.hex
    grounds.append(Color.parse(out["block-cursor-blurred-background"]))
    for name in TEXT_COLOURS:
        color = _resolve(variables.get(name, ""), surface)
        if color is not None:
            out[name] = (legible(color, grounds, dark) or (WHITE if dark else BLACK)).hex
    return out
