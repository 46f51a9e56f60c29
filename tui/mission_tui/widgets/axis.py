"""A text-drawn axis for a conflict: each claim's possible range as a bar, so a reader sees at a glance
which values overlap and which cannot both be right.

A bar is drawn solid (█) where the claim's value lies, light (░) where it is only widened by an
uncertain (?) or approximate (~) qualifier, and runs into an arrow (◀ ▶) at an open end. A dotted
column (┆) marks today on a date axis. Every glyph is named in the legend line below the bars, so
nothing is told by colour alone; colours only repeat which side of the disagreement a bar is on.
Pure layout of Content lines: the values come from story/claim_values.py and story/dates.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.content import Content

from ..story.words import MONTHS, number_words

SOLID, WIDENED, TODAY = "█", "░", "┆"
OPEN_LOW, OPEN_HIGH = "◀", "▶"
SIDE_STYLES = ("bold $text-warning", "bold $text-accent", "bold $text-success", "bold $text-error")
_LABEL = 3  # " a " before each bar


@dataclass(frozen=True, slots=True)
class Bar:
    """One claim's range: where it is stated (`low`, `high`) and widened (`low_fuzzy`, `high_fuzzy`);
    ±inf for an open end. Dates are day ordinals."""

    label: str
    side: int
    low: float
    high: float
    low_fuzzy: float
    high_fuzzy: float


def _scale(bars: Sequence[Bar], today: float | None) -> tuple[float, float] | None:
    points = [
        value
        for bar in bars
        for value in (bar.low, bar.high, bar.low_fuzzy, bar.high_fuzzy)
        if math.isfinite(value)
    ]
    if today is not None:
        points.append(today)
    if not points:
        return None
    low, high = min(points), max(points)
    pad = (high - low) * 0.04 or max(1.0, abs(low) * 0.1)
    return low - pad, high + pad


def _year_ticks(low: float, high: float, cells: int) -> list[tuple[float, str]]:
    first = date.fromordinal(max(1, int(low))).year + 1
    last = date.fromordinal(min(int(high), date.max.toordinal())).year
    years = list(range(first, last + 1))
    if not years:  # under a year: the months
        start = date.fromordinal(max(1, int(low)))
        ticks: list[tuple[float, str]] = []
        year, month = start.year, start.month
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = date(year, month, 1).toordinal()
            if day > high:
                return ticks
            ticks.append((float(day), MONTHS[month][:3]))
    step = 1
    while len(years) // step > max(1, cells // 6):
        step = {1: 2, 2: 5, 5: 10}.get(step, step * 2)
    return [
        (float(date(year, 1, 1).toordinal()), str(year)) for year in years if year % step == 0 or step == 1
    ]


def _number_ticks(low: float, high: float, cells: int) -> list[tuple[float, str]]:
    span = high - low
    if span <= 0:
        return [(low, number_words(low))]
    raw = span / max(1, cells // 8)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step) * step
    count = int((high - first) // step) + 1
    return [(first + i * step, number_words(round(first + i * step, 6))) for i in range(count)]


def draw_axis(
    bars: Sequence[Bar], width: int, *, dates: bool, today: float | None = None
) -> list[Content]:
    """The tick line, one line per bar, and the legend; nothing if no bar has a finite end."""
    scale = _scale(bars, today if dates else None)
    cells = width - _LABEL
    if scale is None or cells < 10:
        return []
    low, high = scale

    def column(value: float) -> int:
        if value == -math.inf:
            return 0
        if value == math.inf:
            return cells - 1
        return max(0, min(cells - 1, int((value - low) / (high - low) * (cells - 1) + 0.5)))

    ticks = (_year_ticks if dates else _number_ticks)(low, high, cells)
    tick_line = [" "] * cells
    for value, words in ticks:
        at = column(value)
        if at + len(words) <= cells and all(
            c == " " for c in tick_line[max(0, at - 1) : at + len(words) + 1]
        ):
            tick_line[at : at + len(words)] = list(words)
    lines = [Content.styled(" " * _LABEL + "".join(tick_line).rstrip(), "$text-muted")]
    today_column = column(today) if dates and today is not None else None
    used: set[str] = set()
    for bar in bars:
        cells_of = [" "] * cells
        if today_column is not None:
            cells_of[today_column] = TODAY
        widened_low, widened_high = column(bar.low_fuzzy), column(bar.high_fuzzy)
        solid_low, solid_high = column(bar.low), column(bar.high)
        for at in range(widened_low, widened_high + 1):
            cells_of[at] = WIDENED
        for at in range(solid_low, solid_high + 1):
            cells_of[at] = SOLID
        if bar.low == -math.inf:
            cells_of[0] = OPEN_LOW
        if bar.high == math.inf:
            cells_of[-1] = OPEN_HIGH
        used.update(cells_of)
        style = SIDE_STYLES[bar.side % len(SIDE_STYLES)]
        parts: list[tuple[str, str] | str] = [(f" {bar.label} ", "bold")]
        for char in cells_of:
            parts.append((char, "$text-muted" if char == TODAY else style))
        lines.append(Content.assemble(*parts).rstrip())
    legend = [f"{SOLID} as stated"]
    if WIDENED in used:
        legend.append(f"{WIDENED} if ? or ~")
    if OPEN_LOW in used or OPEN_HIGH in used:
        legend.append(f"{OPEN_LOW}{OPEN_HIGH} open end")
    if today_column is not None:
        legend.append(f"{TODAY} today")
    lines.append(Content.styled(" " * _LABEL + "  ".join(legend), "$text-muted"))
    return lines
