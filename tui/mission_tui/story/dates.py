"""EDTF dates: validation and bounds (their words are in words.py).

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

# Plain ISO forms need no grammar: YYYY, YYYY-MM, YYYY-MM-DD with an optional ? ~ % qualifier on the
# whole date; tests/test_dates.py checks they agree with edtf. ASCII: \d alone takes any script's digits.
_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$", re.ASCII)
# A qualifier on the year alone, as when a source omits the year: 2024?-09-27, 2024~-09.
_YEAR_QUALIFIED = re.compile(r"^(\d{4})([?~%])-(\d{2})(?:-(\d{2}))?$", re.ASCII)


def _form() -> tuple[str, str]:
    """The EDTF forms a story date may take, as a regular expression (one date, and one date or
    interval) that Python and JSON Schema (ECMA-262) read alike: no look-around, no named groups.

    - a date, its precision a year, a month or a day, with ? (uncertain), ~ (approximate) or %
      (both) after it (2024-09-27?), after the year or month (2024?-09-27: the year alone is in
      doubt; 2004-06~-11), or before a part (2024-?09-27: only the month);
    - a season, quarter, third or half: 2025-21 .. 2025-41;
    - unspecified digits (X) with no qualifier: XXXX-09-27, 2025-XX, 202X, 2025-03-2X;
    - an interval START/END of those, with `..` for an open end and nothing for an unknown one.

    These are the forms the edtf package reads (levels 0-2: its grammar takes one qualifier per side
    of a part in the combinations above), less sets, times of day and years beyond four digits,
    plus X in any digit (2025-03-2X), which is EDTF but which edtf 5 fails on.
    """
    q = "[?~%]"
    year, month, day = "[0-9]{4}", "(?:0[1-9]|1[0-2])", "(?:0[1-9]|[12][0-9]|3[01])"
    qualified = (
        f"(?:{q}?{year}|{year}{q})(?:-{q}?{month}(?:-{q}?{day})?)?"  # on the year, left of parts
        f"|{year}-{month}{q}-{day}"  # after the month: year and month
        f"|{year}(?:-{month}(?:-{day})?)?{q}"  # after the date: all of it
    )
    season = f"{year}-(?:2[1-9]|3[0-9]|4[01])"
    x_month, x_day = "(?:0[1-9]|1[0-2]|[01X]X|X[0-9])", "(?:0[1-9]|[12][0-9]|3[01]|[0-3X]X|X[0-9])"
    unspecified = f"[0-9X]{{4}}(?:-{x_month}(?:-{x_day})?)?"
    single = f"(?:{qualified}|{season}|{unspecified})"
    end = rf"(?:{single}|\.\.)?"
    interval = rf"{single}/{end}|{end}/{single}"
    return single, f"^(?:{single}|{interval})$"


_SINGLE_FORM, EDTF_PATTERN = _form()
_SINGLE = re.compile(_SINGLE_FORM)
EDTF_EXAMPLES = ("2025-09", "2024-09-27?", "2024?-09-27", "2025-09~", "XXXX-09-27", "../2026-12")


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
        """Order by lower bound, then upper. An open end takes the known one: "../2026-12" (by
        December 2026) sorts at December 2026, not before every dated event."""
        known = self.lower or self.upper
        assert known is not None  # parse_date refuses a date with no bound
        lo, hi = self.lower or known, self.upper or known
        return lo.toordinal(), hi.toordinal()

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
    precision: Precision
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
    plain = f"{year}-{month}" + (f"-{day}" if day else "")
    plain_match = _PLAIN.match(plain)
    assert plain_match is not None  # _YEAR_QUALIFIED's groups without the qualifier are a plain date
    base = _plain_span(plain, plain_match)
    pad = relativedelta(years=2 if qualifier == "%" else 1)
    assert base.lower is not None and base.upper is not None  # a plain date always has both bounds
    try:
        lower_fuzzy, upper_fuzzy = base.lower - pad, base.upper + pad
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


def _interval(text: str) -> DateSpan:
    """`A/B`: bounds from each end. `..` is an open end (no bound); an empty end is unknown (EDTF
    says there is one, but not when), which bounds nothing either: edtf's own guess of ten years
    would be a date no source gave."""
    left, _, right = text.partition("/")
    if "/" in right:
        raise EdtfError(f"{text!r} has more than one '/': an interval is START/END")
    if left in ("", "..") and right in ("", ".."):
        raise EdtfError(f"{text!r} has no known end: give at least one date, e.g. ../2026-12")
    start = None if left in ("", "..") else _single(left)
    end = None if right in ("", "..") else _single(right)
    ends = [e for e in (start, end) if e is not None]
    return DateSpan(
        text=text,
        lower=start.lower if start else None,
        upper=end.upper if end else None,
        lower_fuzzy=start.lower_fuzzy if start else None,
        upper_fuzzy=end.upper_fuzzy if end else None,
        precision="interval",
        uncertain=any(e.uncertain for e in ends),
        approximate=any(e.approximate for e in ends),
        unspecified=frozenset().union(*(e.unspecified for e in ends)),
    )


def _edtf_span(text: str) -> DateSpan:
    parse_edtf = edtf_parser()
    try:
        parsed = parse_edtf(text)
    except Exception:  # a parse error, or assorted errors from edtf's classes about their internals
        raise EdtfError(form_problem(text)) from None
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


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan:
    """Parse an EDTF string into a DateSpan; raises EdtfError with an author-friendly message.

    Only the forms of `EDTF_PATTERN` are read (the schema's pattern for dates is the same), and each
    of them gets bounds; a string of another form is refused with words that say what to write.
    """
    refusal = refuse_before_parsing(text)
    if refusal is not None:
        raise EdtfError(refusal)
    match = _PLAIN.match(text)
    if match:
        return _plain_span(text, match)
    span = _interval(text) if "/" in text else _single(text)
    if span.lower is None and span.upper is None:
        raise EdtfError(f"{text!r} has no usable bounds (an interval needs at least one known end)")
    if span.lower and span.upper and span.lower > span.upper:
        raise EdtfError(f"{text!r} ends before it starts")
    return span


def _single(text: str) -> DateSpan:
    """One date (no `/`): plain, qualified, a season or with unspecified digits."""
    match = _PLAIN.match(text)
    if match:
        return _plain_span(text, match)
    span = _year_qualified_span(text) or _unspecified_span(text)
    if span is not None:
        return span
    if not _SINGLE.fullmatch(text):
        raise EdtfError(form_problem(text))
    return _edtf_span(text)  # a qualifier on one part (2024-?09-27, 2004-06~-11)


def form_problem(text: str) -> str:
    """Why a string is not one of the EDTF forms a story date may take, and what to write instead."""
    if re.search(r"\d[T ]\d{2}:", text):
        return f"{text!r} has a time of day; story dates stop at the day, e.g. {text[:10]!r}"
    if text[:1] in "[{":
        return f"{text!r} is an EDTF set; story dates use one date or a range START/END (2024/2025)"
    if re.fullmatch(r"[0-9X?~%-]+", text) and re.search(r"X", text) and re.search(r"[?~%]", text):
        return f"{text!r} has both unspecified digits (X) and ? ~ %: use one or the other"
    if re.match(r"^[-Y]|^\d{5}|^\d{1,3}(?:\D|$)|S\d", text):
        return f"{text!r}: years are written with four digits, 0001-9999"
    return f"{text!r} is not a valid EDTF date (examples: {', '.join(EDTF_EXAMPLES)})"


def is_valid_date(text: str) -> bool:
    try:
        parse_date(text)
    except EdtfError:
        return False
    return True
