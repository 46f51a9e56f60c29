"""Relative dates ("yesterday", "Friday", "over the next year") resolved against a source's own date.

Why hand-written: the answer must be EDTF with the precision the words carry and the anchor's own
uncertainty carried over (an inferred year stays `2024?`), and must refuse to guess when the anchor
has no year, which general-purpose parsers do not do (they fill in today's year). Plain calendar
arithmetic on the standard library and dateutil (already a dependency of edtf).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..story.models import Bound
from .text import Tense

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class Anchor:
    """A source's date, which relative phrases in it count from. `year` is None when not printed."""

    edtf: str
    year: int | None
    month: int
    day: int
    year_inferred: bool = False

    @property
    def day_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.year is not None else None


@dataclass(frozen=True, slots=True)
class RelativeResult:
    """A date phrase's reading: EDTF value (None: not resolved), the rule, and what it rests on."""

    value: str | None
    rule: str
    year_inferred: bool = False
    anchor: str | None = None
    bound: Bound | None = None


def shift_year_by_tense(anchor: Anchor | None, month: int, day: int | None, tense: Tense) -> int | None:
    """The year of a month (and day) printed without one: the source's year, or the next one when a
    future statement names a month already past, or the previous one for a past statement."""
    if anchor is None or anchor.year is None:
        return None
    here, there = (anchor.month, anchor.day), (month, day or 1)
    if tense in (Tense.future, Tense.projected) and there < here:
        return anchor.year + 1
    if tense is Tense.past and there > here:
        return anchor.year - 1
    return anchor.year


def _fmt(day: date, precision: str, qualifier: str) -> str:
    """EDTF for a computed date: `?` on the year when the anchor's year is inferred, `~` if approximate
    (both at once: `%` on the whole date)."""
    uncertain, approx = "?" in qualifier, "~" in qualifier
    if precision == "year":
        return f"{day.year}" + ("%" if uncertain and approx else "?" if uncertain else "~" if approx else "")
    year_q = "?" if uncertain and not approx else ""
    text = f"{day.year}{year_q}-{day.month:02d}" + (f"-{day.day:02d}" if precision == "day" else "")
    return text + ("%" if uncertain and approx else "~" if approx else "")


def _interval(a: date, b: date, precision: str, qualifier: str) -> str:
    return f"{_fmt(a, precision, qualifier)}/{_fmt(b, precision, qualifier)}"


def _count(word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)


def _step(unit: str, n: int) -> relativedelta:
    unit = unit.rstrip("s")
    if unit in ("year", "decade"):
        return relativedelta(years=n * (10 if unit == "decade" else 1))
    if unit == "month":
        return relativedelta(months=n)
    return relativedelta(weeks=n) if unit == "week" else relativedelta(days=n)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


_OVER = re.compile(
    r"^(?P<prep>over|in|within|during|for) the (?P<dir>next|coming|past|last|previous)"
    r"(?: (?P<n>\w+))? (?P<unit>\w+)$"
)
_WITHIN = re.compile(r"^within (?P<n>\w+) (?P<unit>\w+)$")
_IN = re.compile(r"^in (?P<n>\w+) (?P<unit>\w+?)(?:['’]? time)?$")
_AGO = re.compile(r"^(?P<n>\w+) (?P<unit>\w+) ago$")
_THIS = re.compile(
    r"^(?:(?P<when>earlier|later) this|the end of (?P<end>this|next|the)|(?P<which>last|next|this))"
    r" (?P<unit>week|month|year)$"
)
_WEEKDAY = re.compile(r"^(?:(?P<which>last|next|this) )?(?P<wd>\w+day)$")


def resolve_relative(core: str, anchor: Anchor | None, tense: Tense) -> RelativeResult:
    """The EDTF a relative phrase means from `anchor`, or an unresolved result saying why not."""
    words = " ".join(core.lower().split())
    if anchor is None:
        return RelativeResult(None, f"relative ('{core}'): not resolved, the source has no date")
    base = anchor.day_date
    if base is None:
        return RelativeResult(None, f"relative ('{core}'): not resolved, the source's date has no year")
    q = "?" if anchor.year_inferred else ""
    value = _resolve(words, base, tense, q)
    if value is None:
        return RelativeResult(None, f"relative ('{core}'): not understood")
    text, bound = value
    return RelativeResult(
        text, f"relative ('{core}') counted from the source's date", anchor.year_inferred, anchor.edtf, bound
    )


def _resolve(words: str, base: date, tense: Tense, q: str) -> tuple[str, Bound | None] | None:
    if (m := _OVER.match(words)) is not None:
        span = _step(m.group("unit"), _count(m.group("n")))
        forward = m.group("dir") in ("next", "coming")
        a, b = (base, base + span) if forward else (base - span, base)
        return _interval(a, b, "day", q), (Bound.not_after if m.group("prep") == "within" else None)
    if (m := _WITHIN.match(words)) is not None:
        return _interval(base, base + _step(m.group("unit"), _count(m.group("n"))), "day", q), Bound.not_after
    if (m := _IN.match(words)) is not None or (m := _AGO.match(words)) is not None:
        unit, n = m.group("unit").rstrip("s"), _count(m.group("n"))
        day = base + _step(unit, n) if words.startswith("in ") else base - _step(unit, n)
        precision = "year" if unit in ("year", "decade") else "month" if unit == "month" else "day"
        return _fmt(day, precision, q + ("" if unit == "day" else "~")), None
    if words in ("yesterday", "today", "tonight", "tomorrow"):
        shift = {"yesterday": -1, "tomorrow": 1}.get(words, 0)
        return _fmt(base + timedelta(days=shift), "day", q), None
    if (m := _THIS.match(words)) is not None:
        return _this(m, base, q), None
    if (m := _WEEKDAY.match(words)) is not None and m.group("wd") in _WEEKDAYS:
        target = _WEEKDAYS.index(m.group("wd"))
        which = m.group("which")
        if which == "next" or (which is None and tense in (Tense.future, Tense.projected)):
            ahead = (target - base.weekday()) % 7 or 7
            return _fmt(base + timedelta(days=ahead), "day", q), None
        if which == "this":
            return _fmt(_week_of(base)[0] + timedelta(days=target), "day", q), None
        back = (base.weekday() - target) % 7
        if which == "last" and back == 0:
            back = 7
        return _fmt(base - timedelta(days=back), "day", q), None
    return None


def _this(m: re.Match[str], base: date, q: str) -> str:
    unit = m.group("unit")
    which = m.group("which") or {"next": "next"}.get(m.group("end") or "", "this")
    shift = {"last": -1, "next": 1}.get(which, 0)
    if unit == "week":
        a, b = _week_of(base + timedelta(weeks=shift))
    elif unit == "month":
        first = base.replace(day=1) + relativedelta(months=shift)
        a, b = first, first + relativedelta(months=1) - timedelta(days=1)
    else:
        a, b = date(base.year + shift, 1, 1), date(base.year + shift, 12, 31)
    if m.group("when") == "earlier":
        return _interval(a, base, "day", q)
    if m.group("when") == "later":
        return _interval(base, b, "day", q)
    if m.group("end"):  # "the end of the year" as "the end of 2026": the year's last month
        if unit == "year":
            return _fmt(b, "month", q)
        return _interval(b - timedelta(days=2 if unit == "week" else b.day - 21), b, "day", q)
    precision = {"week": "day", "month": "month", "year": "year"}[unit]
    return _fmt(a, precision, q) if unit != "week" else _interval(a, b, "day", q)
