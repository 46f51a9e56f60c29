"""The timeline's rows: the overview (step 0), the events in date order under a row per year, the
today marker between past and upcoming, then the events whose year is not given and the undated.

A year row makes the gaps visible: events in 2024 and 2028 are four years apart, and the 2028 row
says that nothing is dated 2025-2027. Events are placed honestly: an open start ("../2026-12", by
December 2026) sorts by its known end (dates.py), a date whose year is not given (`XXXX-09-27`) is
not placed in year 1 but in a block of its own, and undated events come last, under "no date".
Pure data, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .dates import parse_date
from .models import Event

OVERVIEW_KEY = "@overview"
"""The story's title slide: step 0, the timeline's first row. Not a valid slug, like TODAY_KEY."""
TODAY_KEY = "@today"
_ROW = "@row:"  # a heading row between events; not selectable, never matched by a filter
NO_YEAR_KEY = _ROW + "no-year"
NO_DATE_KEY = _ROW + "no-date"


def is_heading(key: str) -> bool:
    """A year, "year not given" or "no date" row: it heads the events below it and is never selected."""
    return key.startswith(_ROW)


def is_marker(key: str) -> bool:
    """A row that is not an event: the overview, the today marker or a heading."""
    return key.startswith("@")


@dataclass(frozen=True, slots=True)
class TimelineRows:
    """Steps (event ids in order), the rows shown (steps with the overview, headings and today),
    and the words of each heading row."""

    steps: list[str]
    rows: list[str]
    headings: dict[str, str]
    today_position: int
    """Steps before today: the marker sits before steps[today_position]."""
    undated: frozenset[str]
    year_not_given: frozenset[str]


def _year_heading(year: int, previous: int | None) -> str:
    """'2028', or '2028 · nothing dated 2025–2027' after a gap of whole years."""
    if previous is None or year - previous <= 1:
        return str(year)
    skipped = str(previous + 1) if year - previous == 2 else f"{previous + 1}–{year - 1}"
    return f"{year} · nothing dated {skipped}"


def build_timeline(events: Sequence[Event], today: date) -> TimelineRows:
    """Order the events and lay out the timeline's rows (O(n log n), once per story)."""
    dated: list[tuple[tuple[int, int], Event]] = []
    year_not_given: list[Event] = []
    undated: list[Event] = []
    for event in events:
        if not event.when:
            undated.append(event)
            continue
        span = parse_date(event.when)
        if "year" in span.unspecified:
            year_not_given.append(event)
        else:
            dated.append((span.sort_key(), event))
    dated.sort(key=lambda item: item[0])
    # Where today falls: before the first dated event that starts after today.
    starts = (parse_date(event.when or "").lower for _, event in dated)
    today_position = next((i for i, low in enumerate(starts) if low is not None and low > today), len(dated))
    rows: list[str] = [OVERVIEW_KEY]
    headings: dict[str, str] = {}
    previous: int | None = None
    for position, (key, event) in enumerate(dated):
        year = date.fromordinal(key[0]).year
        if position == today_position and today.year < year:
            rows.append(TODAY_KEY)
        if year != previous:
            heading = f"{_ROW}{year}"
            headings[heading] = _year_heading(year, previous)
            rows.append(heading)
            previous = year
        if position == today_position and today.year >= year:
            rows.append(TODAY_KEY)
        rows.append(event.id)
    if today_position == len(dated):
        rows.append(TODAY_KEY)
    for heading, words, block in (
        (NO_YEAR_KEY, "year not given", year_not_given),
        (NO_DATE_KEY, "no date", undated),
    ):
        if block:
            headings[heading] = words
            rows += [heading, *(event.id for event in block)]
    steps = [e.id for _, e in dated] + [e.id for e in year_not_given] + [e.id for e in undated]
    return TimelineRows(
        steps, rows, headings, today_position, frozenset(e.id for e in undated),
        frozenset(e.id for e in year_not_given),
    )  # fmt: skip
