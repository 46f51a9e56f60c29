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
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from dateutil.relativedelta import relativedelta

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
        span = _simple_span(part) if level2_ok else _plain_only(part)
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
    )


def _edtf_span(text: str) -> DateSpan:
    # Imported here: building edtf's grammar costs ~40 ms, and most stories' dates never need it.
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise EdtfError(
            f"{text!r} is not a valid EDTF date (examples: 2025-09, 2024-09-27?, ../2026-12)"
        ) from None
    except Exception as exc:  # the edtf grammar raises assorted errors for odd input
        raise EdtfError(f"{text!r} is not a valid EDTF date: {exc}") from None
    precision: Precision
    raw_precision = getattr(parsed, "precision", None)
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
    bounds = []
    for method in ("lower_strict", "upper_strict", "lower_fuzzy", "upper_fuzzy"):
        try:
            bounds.append(_struct_to_date(getattr(parsed, method)(), text, method.endswith("strict")))
        except EdtfError:
            raise
        except (TypeError, ValueError, OverflowError):
            bounds.append(None)
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
    """Parse an EDTF string into a DateSpan; raises EdtfError with an author-friendly message."""
    if not isinstance(text, str) or not text.strip():
        raise EdtfError("a date must be a non-empty EDTF string such as 2025-09")
    if text != text.strip():
        raise EdtfError(f"{text!r} has spaces around it")
    match = _PLAIN.match(text)
    if match:
        return _plain_span(text, match)
    span = _year_qualified_span(text) or _plain_interval(text) or _edtf_span(text)
    if span.lower is None and span.upper is None and ".." not in text:
        raise EdtfError(f"{text!r} has no usable bounds")
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
