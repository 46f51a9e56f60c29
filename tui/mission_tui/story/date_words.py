"""Dates in words, for list rows and the detail view: what the data says, no more.

Pure functions over EDTF date strings (no Textual, no index), so the wording can be tested on its own
and reused by exports. `StoryIndex` re-exports these names for older imports.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum

from .dates import DateSpan, describe_date, parse_date
from .models import EventStatus

_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_YEAR_UNCERTAIN = re.compile(r"^(\d{4})\?-(\d{2})(?:-(\d{2}))?$")


class Timing(str, Enum):
    """Where an event's dates fall relative to today."""

    past = "past"
    now = "now"
    upcoming = "upcoming"


TIMING_GLYPHS = {Timing.past: "◂", Timing.now: "●", Timing.upcoming: "▸"}


def day_words(day: date) -> str:
    """'24 November 2026': today and other exact days, never ambiguous between locales."""
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def _short_unspecified(text: str) -> str:
    """'27 Sep ????', '? Mar 2025', '202?': each digit the source leaves out (EDTF X) shown as '?'."""
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    parts = [year.replace("X", "?")]
    if month:
        parts.insert(0, _MONTH_ABBR[int(month)] if "X" not in month else "?")
    if day:
        parts.insert(0, day.lstrip("0") if "X" not in day else day.replace("X", "?").lstrip("0") or "?")
    return " ".join(parts)


def _short_single(text: str, span: DateSpan) -> str:
    if span.lower is None or span.upper is None:
        return text
    if span.unspecified:
        return _short_unspecified(text)
    low = span.lower
    if span.precision == "day":
        words = f"{low.day} {_MONTH_ABBR[low.month]} {low.year}"
    elif span.precision == "month":
        words = f"{_MONTH_ABBR[low.month]} {low.year}"
    elif span.precision == "year":
        words = str(low.year)
    else:
        words = text
    if span.uncertain:
        words += "?"
    if span.approximate:
        words = "~" + words
    return words


def short_date(text: str | None) -> str:
    """A compact date for a list row: '27 Sep 2024?', 'Sep 2025', '2026', '→ Dec 2026', 'no date'."""
    if not text:
        return "no date"
    span = parse_date(text)
    if span.precision == "interval":
        left, _, right = text.partition("/")
        if left in ("", ".."):
            return "→ " + short_date(right)
        if right in ("", ".."):
            return short_date(left) + " →"
        return f"{short_date(left)}–{short_date(right)}"
    return _short_single(text, span)


def date_words(text: str | None, *, status: EventStatus | None = None, inferred: bool = False) -> str:
    """A date in words that says no more than the data does.

    - no date: "date not given";
    - year left out by the source and inferred: "27 September, year not given — 2024 inferred";
    - uncertain year, no inference recorded: "27 September, year uncertain (2024?)";
    - "../2026-12-31" or "../2026": "by the end of 2026"; "../2026-12": "by December 2026";
    - scheduled / projected events get "(planned)" / "(projected)".
    """
    if not text:
        return "date not given"
    match = _YEAR_UNCERTAIN.match(text)
    if match:
        year, month, day = match.groups()
        part = f"{int(day)} {_MONTHS[int(month)]}" if day else _MONTHS[int(month)]
        if inferred:
            words = f"{part}, year not given — {year} inferred"
        else:
            words = f"{part}, year uncertain ({year}?)"
    else:
        left, slash, right = text.partition("/")
        if slash and left in ("", ".."):
            if re.fullmatch(r"\d{4}(-12-31)?", right):
                words = f"by the end of {right[:4]}"
            else:
                words = f"by {date_words(right)}"
        elif slash and right in ("", ".."):
            words = f"from {date_words(left)}"
        elif slash:
            words = f"{date_words(left, inferred=inferred)} to {date_words(right, inferred=inferred)}"
        else:
            words = describe_date(text)
            if inferred and parse_date(text).uncertain:
                words = words.replace(" (uncertain)", "") + " (inferred)"
    if status is EventStatus.scheduled:
        words += " (planned)"
    elif status is EventStatus.projected:
        words += " (projected)"
    return words


PRECISION_WORDS = {
    "day": "exact day",
    "month": "month only",
    "year": "year only",
    "season": "season",
    "interval": "a range",
    "other": "partial",
}


def _unspecified_precision(text: str) -> str:
    """'day and month given, year not given': which parts of a date with EDTF X digits are known."""
    given: list[str] = []
    partly: list[str] = []
    missing: list[str] = []
    for name, digits in zip(("year", "month", "day"), text.split("-"), strict=False):
        (missing if set(digits) == {"X"} else partly if "X" in digits else given).append(name)
    groups = [(given, "given"), (partly, "partly given"), (missing, "not given")]
    return "; ".join(f"{' and '.join(names)} {word}" for names, word in groups if names)


def precision_words(text: str | None) -> str:
    if not text:
        return "no date"
    span = parse_date(text)
    if span.unspecified and span.precision != "interval":
        words = _unspecified_precision(text)
    else:
        words = PRECISION_WORDS.get(span.precision, span.precision)
    if span.uncertain:
        words += ", uncertain"
    if span.approximate:
        words += ", approximate"
    return words


def timing_of(text: str | None, today: date) -> Timing | None:
    """past: the whole range is before today; upcoming: all after; now: it overlaps today."""
    if not text:
        return None
    span = parse_date(text)
    if span.upper is not None and span.upper < today:
        return Timing.past
    if span.lower is not None and span.lower > today:
        return Timing.upcoming
    return Timing.now
