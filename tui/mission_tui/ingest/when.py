"""Dates in a sentence: absolute ("September 2025", "the end of 2026", "between March and June 2025")
and relative ("over the next year", "Friday"), each with its governing word as a bound.

Why hand-written: tried side by side on news sentences, date libraries (dateparser, parsedatetime,
dateutil's fuzzy parser) turn "may", "$40" or "2026 troops" into dates, invent a day for "September
2025" and drop "by"/"no later than", which decide how a date constrains the real one. Here each form
is one anchored pattern of fixed words with bounded repetition (linear on any input), and every value
is an EDTF string that `story.dates.parse_date` accepts; anything else is dropped, never guessed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..story.dates import EdtfError, parse_date
from ..story.models import Bound
from .bounds import bound_before, is_comparison, negated
from .calendar_math import Anchor, RelativeResult, resolve_relative, shift_year_by_tense
from .text import Span, Tense

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "",
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        )
    )
    for name in names.split()
}
FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH = rf"(?:{FULL_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
YEAR = r"(?<![\d,.$€£])(?:19|20|21)\d\d(?![\d]|,\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
SMALL_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
UNIT = r"(?:days?|weeks?|months?|years?|decades?)"

ON_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"


@dataclass(frozen=True, slots=True)
class DateFind:
    """One date phrase: where it is, its EDTF value (None if it cannot be resolved) and how it was read."""

    span: Span
    phrase: str
    value: str | None
    bound: Bound
    bound_word: str | None
    anchor: str | None
    rule: str
    year_inferred: bool = False


Handler = Callable[[re.Match[str], "Context"], RelativeResult | None]


@dataclass(frozen=True, slots=True)
class Context:
    """What a phrase is read against: its source's date, and the tense of the clause around a span."""

    anchor: Anchor | None
    tense_at: Callable[[Span], Tense]
    match: re.Match[str] | None = None

    @property
    def tense(self) -> Tense:
        assert self.match is not None
        return self.tense_at(Span(self.match.start("core"), self.match.end("core")))


def _ym(year: str | int, month: int, qualifier: str = "") -> str:
    return f"{int(year)}{qualifier}-{month:02d}"


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _year_of(match: re.Match[str], ctx: Context, month: int, day: int | None) -> tuple[str, bool]:
    """The year of a month/day: printed, else from the source's date and the tense, else unspecified."""
    printed = match.groupdict().get("y")
    if printed:
        return printed, False
    year = shift_year_by_tense(ctx.anchor, month, day, ctx.tense)
    return (f"{year}?" if year is not None else "XXXX"), year is not None


def _inferred(value: str, rule: str, inferred: bool, ctx: Context) -> RelativeResult:
    """A result whose year, if `inferred`, came from the source's date (recorded as the anchor)."""
    if not inferred:
        return RelativeResult(value, rule + ("" if value[0] != "X" else ", year not given"))
    assert ctx.anchor is not None
    return RelativeResult(value, rule + ", year from the source's date and the tense", True, ctx.anchor.edtf)


def _day_date(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    month, day = _month(match.group("m")), int(re.sub(r"\D", "", match.group("d")))
    year, inferred = _year_of(match, ctx, month, day)
    if year[:4].isdigit():
        try:
            date(int(year[:4]), month, day)
        except ValueError:
            return None
    return _inferred(f"{year}-{month:02d}-{day:02d}", "day and month", inferred, ctx)


def _month_year(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    return RelativeResult(_ym(match.group("y"), _month(match.group("m"))), "month and year", False)


def _month_alone(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    month = _month(match.group("m"))
    which = (match.groupdict().get("rel") or "").lower()  # "next May" is ahead, "last May" behind
    if which in ("next", "last"):
        ctx = replace(ctx, tense_at=lambda _span: Tense.future if which == "next" else Tense.past)
    year, inferred = _year_of(match, ctx, month, None)
    return _inferred(f"{year}-{month:02d}", "month without a year", inferred, ctx)


_PART_DAYS = {
    "early": (1, 10),
    "start": (1, 10),
    "beginning": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
}
_PART_MONTHS = {
    "early": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "start": (1, 1),
    "beginning": (1, 1),
    "end": (12, 12),
    "first half": (1, 6),
    "second half": (7, 12),
    "first quarter": (1, 3),
    "second quarter": (4, 6),
    "third quarter": (7, 9),
    "fourth quarter": (10, 12),
    "last quarter": (10, 12),
}
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def _part_key(text: str) -> str:
    words = text.lower().replace("the ", "").replace(" of", "").replace("-", " ").split()
    return " ".join(words)


def _part_of_month(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    month = _month(match.group("m"))
    first, last = _PART_DAYS[_part_key(match.group("part"))]
    year, inferred = _year_of(match, ctx, month, first)
    if year[:4].isdigit():
        last = min(last, calendar.monthrange(int(year[:4]), month)[1])
    elif month == 2:
        last = min(last, 28)
    elif month in (4, 6, 9, 11):
        last = min(last, 30)
    value = f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}"
    return _inferred(
        value, f"'{_part_key(match.group('part'))}' of a month: days {first}-{last}", inferred, ctx
    )


_WEEK_DAYS = {"first": (1, 7), "second": (8, 14), "third": (15, 21), "fourth": (22, 28)}


def _week_of_month(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    """"the last week of July": days 25-31; the week's days, never a guessed single day."""
    month, which = _month(match.group("m")), match.group("wk").lower()
    year, inferred = _year_of(match, ctx, month, 1)
    length = calendar.monthrange(int(year[:4]) if year[:4].isdigit() else 2001, month)[1]
    first, last = _WEEK_DAYS.get(which, (length - 6, length))
    value = f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}"
    return _inferred(value, f"the {which} week of a month: days {first}-{last}", inferred, ctx)


def _part_of_year(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    key, year = _part_key(match.group("part")), match.group("y")
    if key in _SEASONS:
        return RelativeResult(f"{year}-{_SEASONS[key]}", "season and year", False)
    first, last = _PART_MONTHS[key]
    if first == last:
        return RelativeResult(
            _ym(year, first), f"'{_part_key(match.group('part'))}' of a year: month {first}"
        )
    value = f"{_ym(year, first)}/{_ym(year, last)}"
    return RelativeResult(value, f"'{_part_key(match.group('part'))}' of a year: months {first}-{last}")


def _quarter(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    q = int(match.group("q"))
    return RelativeResult(
        f"{_ym(match.group('y'), 3 * q - 2)}/{_ym(match.group('y'), 3 * q)}", "quarter", False
    )


def _month_range(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    m1, m2, y2 = _month(match.group("m1")), _month(match.group("m2")), int(match.group("y2"))
    y1 = int(match.group("y1") or (y2 if m1 <= m2 else y2 - 1))
    if (y1, m1) >= (y2, m2):
        return None
    return RelativeResult(f"{_ym(y1, m1)}/{_ym(y2, m2)}", "range of months", False)


def _year_range(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    y1, y2 = int(match.group("y1")), match.group("y2")
    end = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    return RelativeResult(f"{y1}/{end}", "range of years", False) if end > y1 else None


def _year(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    return RelativeResult(match.group("y"), "year", False)


def _relative(match: re.Match[str], ctx: Context) -> RelativeResult | None:
    return resolve_relative(match.group("core"), ctx.anchor, ctx.tense)


_SEP = r"(?:\s+|-)"
_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (
            rf"(?P<core>(?i:between|from)\s+(?P<m1>{FULL_MONTH})(?:\s+(?P<y1>{YEAR}))?\s+(?i:and|to|until|through)"
            rf"\s+(?P<m2>{FULL_MONTH}),?\s+(?P<y2>{YEAR}))",
            _month_range,
        ),
        (rf"\b(?P<core>(?P<m1>{FULL_MONTH})\s?[–-]\s?(?P<m2>{FULL_MONTH}),?\s+(?P<y2>{YEAR}))", _month_range),
        (
            rf"(?P<core>(?i:between|from)\s+(?P<y1>{YEAR})\s+(?i:and|to|until|through)\s+(?P<y2>{YEAR}))",
            _year_range,
        ),
        (rf"(?P<core>(?P<y1>{YEAR})\s?[–-]\s?(?P<y2>(?:19|20|21)?\d\d)(?![\d%]))", _year_range),
        # "Monday, September 15": the weekday is part of the date, not a second, relative one
        (rf"\b(?P<core>{ON_WEEKDAY}(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?)\b", _day_date),
        (rf"\b(?P<core>{ON_WEEKDAY}(?P<d>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?)\b", _day_date),
        (
            rf"\b(?P<core>(?P<wk>(?i:first|second|third|fourth|last|final))\s+week\s+of\s+(?P<m>{FULL_MONTH})"
            rf"(?:,?\s+(?P<y>{YEAR}))?)\b",
            _week_of_month,
        ),
        (
            rf"\b(?P<core>(?P<part>(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)){_SEP}"
            rf"(?P<m>{FULL_MONTH})(?:,?\s+(?P<y>{YEAR}))?)\b",
            _part_of_month,
        ),
        (rf"\b(?P<core>(?P<m>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}))", _month_year),
        (
            rf"\b(?P<core>(?P<part>(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of|"
            r"the\s+(?:first|second)\s+half\s+of|the\s+(?:first|second|third|fourth|last)\s+quarter\s+of|"
            rf"(?:spring|summer|autumn|fall|winter)(?:\s+of)?)){_SEP}?(?P<y>{YEAR}))",
            _part_of_year,
        ),
        (rf"\b(?P<core>Q(?P<q>[1-4])\s+(?P<y>{YEAR}))", _quarter),
        (
            rf"\b(?i:in|by|until|till|through|since|before|after|from|during|around|circa|than|of|as\s+of|"
            rf"as\s+early\s+as|starting|beginning|until\s+at\s+least|through\s+at\s+least)\s+(?P<core>(?P<y>{YEAR}))(?!\s*(?:[%]|per\s?cent))",
            _year,
        ),
        (
            rf"\b(?i:in|by|until|till|since|before|after|from|during|through|early|mid|late|for)[\s-]"
            rf"(?P<core>(?P<m>{FULL_MONTH}))\b(?![\s,]+\d)",
            _month_alone,
        ),
        (rf"\b(?P<core>(?P<rel>(?i:next|last|this))\s+(?P<m>{FULL_MONTH}))\b(?![\s,]+\d)", _month_alone),
        (
            r"\b(?P<core>(?i:(?:over|in|within|during|for)\s+the\s+(?:next|coming|past|last|previous)"
            rf"(?:\s+{SMALL_NUMBER})?\s+{UNIT}))\b",
            _relative,
        ),
        (
            rf"\b(?P<core>(?i:within\s+{SMALL_NUMBER}\s+{UNIT}|in\s+{SMALL_NUMBER}\s+{UNIT}(?:['’]?\s+time)?|"
            rf"{SMALL_NUMBER}\s+{UNIT}\s+ago))\b",
            _relative,
        ),
        (
            r"\b(?P<core>(?i:(?:earlier|later)\s+this\s+(?:week|month|year)|the\s+end\s+of\s+(?:this|next|the)\s+"
            r"(?:week|month|year)|(?:last|next|this)\s+(?:week|month|year)))\b",
            _relative,
        ),
        (r"\b(?P<core>(?i:yesterday|today|tomorrow|tonight))\b(?![’']s)", _relative),
        (
            r"\b(?P<core>(?:(?i:last|next|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
            r"\b(?![’']s)",
            _relative,
        ),
    )
)


_HINTS = {
    "month": re.compile(rf"\b{MONTH}"),
    "year": re.compile(r"\d{4}"),
    "relative": re.compile(
        r"(?i:\b(?:next|coming|past|last|previous|within|ago|this|yesterday|today|tomorrow|tonight|\w+day|"
        r"days?|weeks?|months?|years?|decades?)\b)"
    ),
}
_NEEDS: dict[Handler, set[str]] = {
    _month_range: {"month"}, _year_range: {"year"}, _day_date: {"month"}, _part_of_month: {"month"},
    _month_year: {"month"}, _part_of_year: {"year"}, _quarter: {"year"}, _year: {"year"},
    _month_alone: {"month"}, _relative: {"relative"}, _week_of_month: {"month"},
}  # fmt: skip


def find_dates(text: str, sentence: Span, ctx: Context) -> list[DateFind]:
    """Every date phrase in one sentence of `text`, non-overlapping, in order."""
    found: list[tuple[int, int, re.Match[str], Handler]] = []
    # Most patterns need a month name, a four-digit year or a word of time: one look for each first.
    present = {need for need, hint in _HINTS.items() if hint.search(text, sentence.start, sentence.end)}
    for pattern, handler in _PATTERNS:
        if not _NEEDS[handler] & present:
            continue
        for match in pattern.finditer(text, sentence.start, sentence.end):
            found.append((match.start("core"), match.end("core"), match, handler))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    results: list[DateFind] = []
    taken_until = sentence.start
    for start, end, match, handler in found:
        if start < taken_until:
            continue
        resolved = handler(match, replace(ctx, match=match))
        if resolved is None:
            continue
        value = resolved.value
        if value is not None:
            try:
                parse_date(value)
            except EdtfError:
                continue
        word, bound, phrase_start = bound_before(text, start)
        if is_comparison(text, sentence.start, phrase_start, word, match.group("core")):
            taken_until = end  # "the largest since 1989", "the first in 16 years": a comparison
            continue
        rule = resolved.rule
        if resolved.bound is not None:
            bound = resolved.bound
        elif (negation := negated(text, sentence.start, phrase_start, word)) is not None:
            bound = Bound.not_before
            rule += f"; '{word}' after the negation '{negation}' names a floor"
        if phrase_start < taken_until:
            phrase_start, word = start, None
        taken_until = end
        results.append(
            DateFind(
                span=Span(phrase_start, end),
                phrase=text[phrase_start:end],
                value=value,
                bound=bound,
                bound_word=" ".join(word.lower().split()) if word else None,
                anchor=resolved.anchor,
                rule=rule,
                year_inferred=resolved.year_inferred,
            )
        )
    return results
