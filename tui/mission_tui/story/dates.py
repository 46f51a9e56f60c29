"""EDTF dates: validation, bounds and words.

Story dates are EDTF strings (ISO 8601-2) because news dates are often partial ("September 2025"),
uncertain (a year the source leaves out) or open ("by the end of 2026"). Parsing is done by the
`edtf` package; results are cached because a story repeats the same few dates many times, and the
edtf grammar is slow enough to dominate loading a large story otherwise.
"""

from __future__ import annotations

import calendar
import math
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import product
from typing import Literal

from dateutil.relativedelta import relativedelta

from .edtf_input import edtf_parser, refuse_before_parsing

Precision = Literal["day", "month", "year", "season", "interval", "other"]

_MONTHS = list(calendar.month_name)
# Plain ISO forms need no grammar: YYYY, YYYY-MM, YYYY-MM-DD with an optional ? ~ % qualifier on the
# whole date. Everything else goes through edtf. tests/test_dates.py checks both paths agree.
_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$")
# A qualifier on the year alone, as when a source omits the year: 2024?-09-27, 2024~-09.
_YEAR_QUALIFIED = re.compile(r"^(\d{4})([?~%])-(\d{2})(?:-(\d{2}))?$")


class EdtfError(ValueError):
    """A string that is not a valid EDTF date, with a message fit for a story author."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """What a story date means: its strict bounds, fuzzy bounds and how precise it is.

    `None` bounds are open ("../2026-12" has no lower bound). Fuzzy bounds widen uncertain (?) or
    approximate (~) dates the way the edtf package does; for plain dates they equal the strict ones.
    """

    text: str
    lower: date | None
    upper: date | None
    lower_fuzzy: date | None
    upper_fuzzy: date | None
    precision: Precision
    uncertain: bool
    approximate: bool
    unspecified: frozenset[str] = frozenset()
    """Parts ("year", "month", "day") with digits the date leaves out (EDTF `X`): `XXXX-09-27`."""

    @property
    def qualified(self) -> bool:
        return self.uncertain or self.approximate

    def sort_key(self) -> tuple[int, int]:
        """Order by lower bound, then upper; open bounds sort to the ends."""
        lo = self.lower.toordinal() if self.lower else -(10**9)
        hi = self.upper.toordinal() if self.upper else 10**9
        return lo, hi

    def ordinal_range(self, fuzzy: bool = True) -> tuple[float, float]:
        """Bounds as day ordinals (open ends as ±inf), for interval comparison."""
        lo = self.lower_fuzzy if fuzzy else self.lower
        hi = self.upper_fuzzy if fuzzy else self.upper
        return (
            lo.toordinal() if lo else -math.inf,
            hi.toordinal() if hi else math.inf,
        )


def _struct_to_date(value: object, text: str, strict: bool) -> date | None:
    """edtf returns struct_time for finite bounds and +/-inf floats for open ones.

    A strict bound Python cannot hold (year 0, BCE, past 9999) is an error, not an open end; a fuzzy
    bound widened past the calendar's ends is clamped to them.
    """
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            if strict:
                raise EdtfError(f"{text!r} is outside the years 0001-9999 that can be used") from None
            return date.min if value.tm_year < 1 else date.max
    return None


def _plain_span(text: str, match: re.Match[str]) -> DateSpan:
    year_s, month_s, day_s, qualifier = match.groups()
    year = int(year_s)
    if year == 0:
        raise EdtfError(f"{text!r} is outside the years 0001-9999 that can be used")
    if month_s is None:
        lower, upper, precision = date(year, 1, 1), date(year, 12, 31), "year"
    elif day_s is None:
        month = int(month_s)
        if not 1 <= month <= 12:
            return _edtf_span(text)  # 21-41 are EDTF seasons; edtf rejects the rest
        last = calendar.monthrange(year, month)[1]
        lower, upper, precision = date(year, month, 1), date(year, month, last), "month"
    else:
        try:
            lower = upper = date(year, int(month_s), int(day_s))
        except ValueError as exc:
            raise EdtfError(f"{text!r} is not a valid EDTF date: {exc}") from None
        precision = "day"
    if not qualifier:
        return DateSpan(text, lower, upper, lower, upper, precision, False, False)
    # A qualifier on the whole date widens it the way edtf does (its UncertainOrApproximate):
    # multiplier x (1 year, +1 month at month precision, +1 day at day precision); % doubles it.
    multiplier = 2 if qualifier == "%" else 1
    pad = relativedelta(
        years=multiplier,
        months=multiplier if precision != "year" else 0,
        days=multiplier if precision == "day" else 0,
    )
    try:
        lower_fuzzy, upper_fuzzy = lower - pad, upper + pad
    except (OverflowError, ValueError):
        return _edtf_span(text)  # near year 1 or 9999: edtf's own clamping applies
    return DateSpan(
        text, lower, upper, lower_fuzzy, upper_fuzzy, precision, qualifier in "?%", qualifier in "~%"
    )


def _year_qualified_span(text: str) -> DateSpan | None:
    """`2024?-09-27`: month and day as given, the year widened alone (edtf's partial qualification)."""
    match = _YEAR_QUALIFIED.match(text)
    if match is None or int(match.group(3)) > 12:
        return None
    year, qualifier, month, day = match.groups()
    base = _plain_span(
        f"{year}-{month}" + (f"-{day}" if day else ""),
        _PLAIN.match(f"{year}-{month}" + (f"-{day}" if day else "")),
    )  # type: ignore[arg-type]
    pad = relativedelta(years=2 if qualifier == "%" else 1)
    try:
        lower_fuzzy, upper_fuzzy = base.lower - pad, base.upper + pad  # type: ignore[operator]
    except (OverflowError, ValueError):
        return None
    return DateSpan(
        text,
        base.lower,
        base.upper,
        lower_fuzzy,
        upper_fuzzy,
        base.precision,
        qualifier in "?%",
        qualifier in "~%",
    )


# EDTF unspecified digits (ISO 8601-2): `X` for a digit the source does not give, as in `XXXX-09-27`
# (a day whose year is not printed), `2025-XX`, `202X` or `2025-03-2X`. The edtf package reads some of
# these and raises on others (`2025-03-2X`), so they are bounded here: every date the digits allow.
_UNSPECIFIED = re.compile(r"^([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?$")


def _digit_range(digits: str, low: int, high: int) -> tuple[int, int] | None:
    """The smallest and largest numbers in [low, high] that `digits` (X = any digit) can be."""
    smallest, largest = int(digits.replace("X", "0")), int(digits.replace("X", "9"))
    smallest, largest = max(smallest, low), min(largest, high)
    return (smallest, largest) if smallest <= largest else None


def _matches(digits: str, number: int) -> bool:
    return all(d in ("X", c) for d, c in zip(digits, f"{number:0{len(digits)}d}", strict=True))


def _years_matching(year_d: str, ascending: bool) -> Iterator[int]:
    """The years 1-9999 that four digits with X's allow, in order, without trying all 9,999 (a 29
    February no matching year has, `XXX1-02-29`, took 0.5 s that way)."""
    choices = [("0123456789" if d == "X" else d) for d in year_d]
    if not ascending:
        choices = [c[::-1] for c in choices]
    for digits in product(*choices):
        year = int("".join(digits))
        if 1 <= year <= 9999:
            yield year


def _some_day_fits(month_d: str | None, day_d: str | None, months: tuple[int, int]) -> bool:
    """Whether the month and day digits fit some month in a leap year. Without this check a day no
    month has (`XXXX-1X-32`, `XXXX-X9-31`) was searched for through all 9,999 years: 2-13 s."""
    if day_d is None:
        return True
    for month in range(months[0], months[1] + 1):
        if month_d is not None and not _matches(month_d, month):
            continue
        if any(_matches(day_d, day) for day in range(1, calendar.monthrange(2000, month)[1] + 1)):
            return True
    return False


def _unspecified_span(text: str) -> DateSpan | None:
    """Bounds for a date with unspecified digits: the first and last real days its digits allow."""
    match = _UNSPECIFIED.match(text)
    if match is None or "X" not in text:
        return None
    year_d, month_d, day_d = match.groups()
    years = _digit_range(year_d, 1, 9999)
    months = _digit_range(month_d or "XX", 1, 12)
    if years is None or months is None or not _some_day_fits(month_d, day_d, months):
        raise EdtfError(f"{text!r} is not a valid EDTF date: its digits allow no real date")

    fitting: dict[tuple[int, int], list[int]] = {}  # (month, its length) -> the days that fit

    def days(year: int, month: int) -> list[int]:
        key = (month, calendar.monthrange(year, month)[1])
        if key not in fitting:
            fitting[key] = [d for d in range(1, key[1] + 1) if day_d is None or _matches(day_d, d)]
        return fitting[key]

    def first_day(years_: Iterable[int], months_: range, pick: int) -> date | None:
        # Few candidates ever fail (a day 31, 29 February), so this stops within a handful of steps.
        for year in years_:
            for month in months_:
                if month_d is not None and not _matches(month_d, month):
                    continue
                allowed = days(year, month)
                if allowed:
                    return date(year, month, allowed[pick])
        return None

    lower = first_day(_years_matching(year_d, ascending=True), range(months[0], months[1] + 1), 0)
    upper = first_day(_years_matching(year_d, ascending=False), range(months[1], months[0] - 1, -1), -1)
    if lower is None or upper is None:
        raise EdtfError(f"{text!r} is not a valid EDTF date: its digits allow no real date")
    parts = (("year", year_d), ("month", month_d), ("day", day_d))
    unspecified = frozenset(name for name, digits in parts if digits and "X" in digits)
    precision: Precision = "day" if day_d else "month" if month_d else "year"
    return DateSpan(text, lower, upper, lower, upper, precision, False, False, unspecified)


def _simple_span(text: str) -> DateSpan | None:
    """A date the fast paths understand (plain, whole-qualified or year-qualified), else None."""
    return _plain_only(text) or _year_qualified_span(text)


def _plain_only(text: str) -> DateSpan | None:
    match = _PLAIN.match(text)
    if match is None or (match.group(2) and int(match.group(2)) > 12):
        return None
    return _plain_span(text, match)


def _plain_interval(text: str) -> DateSpan | None:
    """`A/B` with plain (optionally qualified) ends or `..`: bounds from each end, no grammar."""
    left, sep, right = text.partition("/")
    if not sep or "/" in right or (left == ".." and right == ".."):
        return None
    ends: list[DateSpan | None] = []
    for part in (left, right):
        if part == "..":
            ends.append(None)
            continue
        # edtf accepts a year-qualified end (EDTF level 2) only in a closed interval whose other
        # end has no whole-date qualifier (level 1); anything else is edtf's to judge.
        level2_ok = ".." not in (left, right) and not any(p[-1:] in "?~%" for p in (left, right))
        span = (_simple_span(part) if level2_ok else _plain_only(part)) or _unspecified_span(part)
        if span is None:
            return None
        ends.append(span)
    start, end = ends
    return DateSpan(
        text=text,
        lower=start.lower if start else None,
        upper=end.upper if end else None,
        lower_fuzzy=start.lower_fuzzy if start else None,
        upper_fuzzy=end.upper_fuzzy if end else None,
        precision="interval",
        uncertain=any(e.uncertain for e in ends if e),
        approximate=any(e.approximate for e in ends if e),
        unspecified=frozenset().union(*(e.unspecified for e in ends if e)),
    )


def _edtf_span(text: str) -> DateSpan:
    parse_edtf = edtf_parser()
    try:
        parsed = parse_edtf(text)
    except Exception:  # a parse error, or assorted errors from edtf's classes about their internals
        raise EdtfError(
            f"{text!r} is not a valid EDTF date (examples: 2025-09, 2024-09-27?, ../2026-12)"
        ) from None
    precision: Precision
    try:
        raw_precision = getattr(parsed, "precision", None)
    except Exception:  # edtf raises ValueError for some intervals of unspecified dates
        raw_precision = None
    kind = type(parsed).__name__
    if "/" in text:
        precision = "interval"
    elif kind in ("Season", "Level2Season"):
        precision = "season"
    elif "X" in text:
        precision = "other"
    elif raw_precision in ("day", "month", "year"):
        precision = raw_precision
    else:
        precision = _guess_precision(text)
    bounds = _edtf_bounds(parsed, text)
    return DateSpan(
        text=text,
        lower=bounds[0],
        upper=bounds[1],
        lower_fuzzy=bounds[2],
        upper_fuzzy=bounds[3],
        precision=precision,
        uncertain="?" in text or "%" in text,
        approximate="~" in text or "%" in text,
    )


def _edtf_bounds(parsed: object, text: str) -> list[date | None]:
    """Strict then fuzzy lower and upper bounds. A strict bound edtf cannot compute makes the date
    unusable (None would read as an open end); a fuzzy one falls back to the strict bound."""
    bounds: list[date | None] = []
    for method in ("lower_strict", "upper_strict", "lower_fuzzy", "upper_fuzzy"):
        strict = method.endswith("strict")
        try:
            bounds.append(_struct_to_date(getattr(parsed, method)(), text, strict))
        except EdtfError:
            raise
        except Exception:  # edtf raises assorted errors (AttributeError, ZeroDivisionError ...)
            if strict:
                raise EdtfError(f"{text!r} is not a date whose bounds can be worked out") from None
            bounds.append(bounds[len(bounds) - 2])
    return bounds


def _guess_precision(text: str) -> Precision:
    core = re.sub(r"[?~%]", "", text)
    if re.fullmatch(r"-?\d{4}", core):
        return "year"
    if re.fullmatch(r"-?\d{4}-\d{2}", core):
        return "month"
    if re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", core):
        return "day"
    return "other"


def _interval_ends(text: str) -> None:
    """Each end of an interval must be a date on its own (or open: `..` or empty), so that words
    and exports, which describe the ends one by one, can describe every interval accepted."""
    left, _, right = text.partition("/")
    for end in (left, right):
        if end not in ("", ".."):
            try:
                parse_date(end)
            except EdtfError as exc:
                raise EdtfError(f"{text!r}: its end {end!r} is not a date on its own ({exc})") from None


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan:
    """Parse an EDTF string into a DateSpan; raises EdtfError with an author-friendly message."""
    refusal = refuse_before_parsing(text)
    if refusal is not None:
        raise EdtfError(refusal)
    match = _PLAIN.match(text)
    if match:
        return _plain_span(text, match)
    span = (
        _year_qualified_span(text)
        or _unspecified_span(text)
        or _plain_interval(text)
        or _edtf_span(text)
    )
    if span.lower is None and span.upper is None:
        raise EdtfError(f"{text!r} has no usable bounds (an interval needs at least one known end)")
    if "/" in text:
        _interval_ends(text)
    if span.lower and span.upper and span.lower > span.upper:
        raise EdtfError(f"{text!r} ends before it starts")
    return span


# EDTF season codes (ISO 8601-2): 21-24 seasons, 25-32 hemisphere seasons, 33-36 quarters,
# 37-39 quadrimesters (thirds), 40-41 semesters (halves).
_SEASONS = ("spring", "summer", "autumn", "winter")
_ORDINALS = ("first", "second", "third", "fourth")


def _season_words(text: str, span: DateSpan) -> str:
    """'spring 2025', 'spring 2025 (southern hemisphere)', 'second quarter of 2025'."""
    match = re.match(r"^(\d{4})-(\d{2})", text)
    if not match or span.lower is None or span.upper is None:
        return text
    year, code = match.group(1), int(match.group(2))
    if 21 <= code <= 24:
        return f"{_SEASONS[code - 21]} {year}"
    if 25 <= code <= 32:
        hemisphere = "northern" if code <= 28 else "southern"
        return f"{_SEASONS[(code - 25) % 4]} {year} ({hemisphere} hemisphere)"
    for first, last, part in ((33, 36, "quarter"), (37, 39, "third"), (40, 41, "half")):
        if first <= code <= last:
            return f"{_ORDINALS[code - first]} {part} of {year}"
    return f"{_day_month(span.lower)} to {_day_month(span.upper)} {span.upper.year}"


def _day_month(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month]}"


def _unspecified_words(text: str, span: DateSpan) -> str:
    """'27 September, year not given', 'March 2025, day not given', '20-29 March 2025', 'a year from
    2020 to 2029': what the digits say, and which parts the source left out."""
    assert span.lower is not None and span.upper is not None
    year_d, _, rest = text.partition("-")
    month_d, _, day_d = rest.partition("-")
    missing: list[str] = []
    words: list[str] = []
    if day_d:
        if day_d == "XX":
            missing.append("day")
        elif "X" in day_d:
            low, high = _digit_range(day_d, 1, 31) or (1, 31)
            words.append(f"{low}–{min(high, calendar.monthrange(span.upper.year, span.upper.month)[1])}"
                         if month_d and "X" not in month_d else f"day {low}–{high}")
        else:
            words.append(str(int(day_d)) if month_d and "X" not in month_d else f"day {int(day_d)}")
    if month_d:
        if "X" not in month_d:
            words.append(_MONTHS[int(month_d)])
        elif month_d == "XX":
            missing.append("month")
        else:
            low, high = _digit_range(month_d, 1, 12) or (1, 12)
            words.append(f"a month from {_MONTHS[low]} to {_MONTHS[high]}")
    if year_d == "XXXX":
        missing.append("year")
    elif re.fullmatch(r"\d*X+", year_d):
        words.append(f"a year from {span.lower.year} to {span.upper.year}")
    elif "X" in year_d:
        words.append(f"a year of the form {year_d}")
    else:
        words.append(year_d.lstrip("0"))
    phrase = " ".join(words)
    missing.reverse()  # year, month, day
    if missing:
        gone = " and ".join(missing) + " not given"
        return f"{phrase}, {gone}" if phrase else gone[0].upper() + gone[1:]
    return phrase


def describe_date(text: str) -> str:
    """The date in words with its precision: '27 September 2024', 'September 2025', '2026'."""
    span = parse_date(text)
    if span.precision == "interval":
        left, _, right = text.partition("/")
        if left in ("", ".."):
            return f"until {describe_date(right)}"
        if right in ("", ".."):
            return f"from {describe_date(left)}"
        return f"{describe_date(left)} to {describe_date(right)}"
    if span.unspecified:
        return _unspecified_words(text, span)
    if span.lower is None or span.upper is None:
        return text
    if span.precision == "day":
        words = f"{_day_month(span.lower)} {span.lower.year}"
    elif span.precision == "month":
        words = f"{_MONTHS[span.lower.month]} {span.lower.year}"
    elif span.precision == "year":
        words = str(span.lower.year)
    elif span.precision == "season":
        words = _season_words(text, span)
    else:
        words = text
    year_only_uncertain = bool(re.match(r"^\d{4}\?-", text))
    if year_only_uncertain:
        return f"{_day_month(span.lower)}, year uncertain ({span.lower.year}?)"
    if span.uncertain and span.approximate:
        return f"about {words} (uncertain)"
    if span.uncertain:
        return f"{words} (uncertain)"
    if span.approximate:
        return f"about {words}"
    return words


def is_valid_date(text: str) -> bool:
    try:
        parse_date(text)
    except EdtfError:
        return False
    return True
