"""Dates and values in words: the one place that says what a story's data means, for `check`, the
explorer and every export.

Words never say more than the data: a month is a month ("September 2025", never "1 September"), a
year in doubt is named as the part in doubt ("September 2024, year uncertain"), a digit the source
leaves out (EDTF X) is said to be not given, and an open end is "until" or "from", not a guessed date.
Every form `dates.parse_date` accepts has words here; tests/test_words.py walks the whole grammar.
Pure functions over EDTF strings and claims: no Textual, no index.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date
from enum import Enum
from functools import lru_cache

from .dates import DateSpan, _digit_range, parse_date
from .models import Bound, Claim, DateValue, EventStatus, QuantityValue

MONTHS = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# One date (no interval), each part with the qualifiers written to its left and right.
_PARTS = re.compile(
    r"^([?~%]?)([0-9X]{4})([?~%]?)(?:-([?~%]?)([0-9X]{2})([?~%]?)(?:-([?~%]?)([0-9X]{2})([?~%]?))?)?$"
)
_PART_NAMES = ("year", "month", "day")
_OPEN = ("", "..")


# ------------------------------------------------------------------------------------------ one date


def _flags(qualifier: str) -> tuple[bool, bool]:
    return qualifier in ("?", "%"), qualifier in ("~", "%")


def qualified_parts(text: str) -> list[tuple[str, str, bool, bool]] | None:
    """(part, digits, uncertain, approximate) for each part of one date, or None for a season.

    EDTF level 2: a qualifier after a part applies to it and every part before it (`2004-06~-11`:
    year and month approximate); one before a part applies to that part alone (`2024-?09-27`).
    """
    match = _PARTS.match(text)
    if match is None or (match.group(5) and "X" not in match.group(5) and int(match.group(5)) > 12):
        return None
    groups = match.groups()
    parts = []
    for index, name in enumerate(_PART_NAMES):
        left, digits, _right = groups[3 * index : 3 * index + 3]
        if digits is None:
            break
        uncertain, approximate = _flags(left)
        for later in range(index, 3):  # a qualifier after this part or a later one
            u, a = _flags(groups[3 * later + 2] or "")
            uncertain, approximate = uncertain or u, approximate or a
        parts.append((name, digits, uncertain, approximate))
    return parts


def join_words(names: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _qualifier_words(parts: list[tuple[str, str, bool, bool]], words: str) -> str:
    """Add what is uncertain or approximate: the whole date ("about X", "X (uncertain)") or the
    parts that are ("September 2024, year uncertain")."""
    flags = {(u, a) for _, _, u, a in parts}
    if len(flags) == 1:
        uncertain, approximate = flags.pop()
        words = f"about {words}" if approximate else words
        return f"{words} (uncertain)" if uncertain else words
    notes = []
    for flag, label in (((True, False), "uncertain"), ((False, True), "approximate"),
                        ((True, True), "uncertain and approximate")):  # fmt: skip
        names = [name for name, _, u, a in parts if (u, a) == flag]
        if names:
            notes.append(f"{join_words(names)} {label}")
    return f"{words}, {'; '.join(notes)}"


def _plain_words(parts: list[tuple[str, str, bool, bool]]) -> str:
    year, *rest = (digits for _, digits, _, _ in parts)
    if not rest:
        return str(int(year))
    month = MONTHS[int(rest[0])]
    return f"{int(rest[1])} {month} {int(year)}" if len(rest) > 1 else f"{month} {int(year)}"


# EDTF season codes (ISO 8601-2): 21-24 seasons, 25-32 hemisphere seasons, 33-36 quarters,
# 37-39 quadrimesters (thirds), 40-41 semesters (halves).
_SEASONS = ("spring", "summer", "autumn", "winter")
_ORDINALS = ("first", "second", "third", "fourth")


def _season_words(year: str, code: int, short: bool = False) -> str:
    """'spring 2025', 'spring 2025 (southern hemisphere)', 'second quarter of 2025'; short: 'Q2 2025'."""
    if 21 <= code <= 32:
        season = _SEASONS[(code - 21) % 4]
        if short:
            return f"{season.capitalize()} {year}" + ("" if code <= 28 else " (S)")
        hemisphere = "" if code <= 24 else "northern" if code <= 28 else "southern"
        return f"{season} {year}" + (f" ({hemisphere} hemisphere)" if hemisphere else "")
    for first, last, part in ((33, 36, "quarter"), (37, 39, "third"), (40, 41, "half")):
        if first <= code <= last:
            if short:
                return f"{part[0].upper()}{code - first + 1} {year}"
            return f"{_ORDINALS[code - first]} {part} of {year}"
    raise ValueError(f"not a season code: {code}")


def _unspecified_words(text: str, span: DateSpan) -> str:
    """'27 September, year not given', 'March 2025, day not given', '20–29 March 2025', 'a year from
    2020 to 2029': what the digits say, and which parts the source left out."""
    assert span.lower is not None and span.upper is not None
    year_d, _, rest = text.partition("-")
    month_d, _, day_d = rest.partition("-")
    known_month = bool(month_d) and "X" not in month_d
    missing: list[str] = []
    words: list[str] = []
    if day_d:
        if day_d == "XX":
            missing.append("day")
        elif "X" in day_d:
            low, high = _digit_range(day_d, 1, 31) or (1, 31)
            words.append(f"{low}–{min(high, _last_day(span.upper))}" if known_month else f"day {low}–{high}")
        else:
            words.append(str(int(day_d)) if known_month else f"day {int(day_d)}")
    if month_d:
        if known_month:
            words.append(MONTHS[int(month_d)])
        elif month_d == "XX":
            missing.append("month")
        else:
            low, high = _digit_range(month_d, 1, 12) or (1, 12)
            words.append(f"a month from {MONTHS[low]} to {MONTHS[high]}")
    if year_d == "XXXX":
        missing.append("year")
    elif "X" in year_d:
        some = "" if re.fullmatch(r"\d*X+", year_d) else " (some digits not given)"
        words.append(("of " if words else "") + f"a year from {span.lower.year} to {span.upper.year}{some}")
    else:
        words.append(str(int(year_d)))
    phrase = " ".join(words)
    missing.reverse()  # year, month, day
    if missing:
        gone = join_words(missing) + " not given"
        return f"{phrase}, {gone}" if phrase else gone[0].upper() + gone[1:]
    return phrase


def _last_day(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _single_words(text: str, span: DateSpan) -> str:
    if span.unspecified:
        return _unspecified_words(text, span)
    if span.precision == "season":
        return _season_words(text[:4], int(text[5:7]))
    parts = qualified_parts(text)
    assert parts is not None, text  # parse_date accepted it, so it is one of the forms above
    return _qualifier_words(parts, _plain_words(parts))


@lru_cache(maxsize=4096)
def describe_date(text: str) -> str:
    """The date in words with its precision: '27 September 2024', 'September 2025', '2026',
    'September 2024, year uncertain', 'until December 2026', 'spring 2025'."""
    span = parse_date(text)
    if span.precision != "interval":
        return _single_words(text, span)
    left, _, right = text.partition("/")
    if left in _OPEN:
        unknown = " (start not given)" if left == "" else ""
        return f"until {describe_date(right)}{unknown}"
    if right in _OPEN:
        unknown = " (end not given)" if right == "" else ""
        return f"from {describe_date(left)}{unknown}"
    first, last = describe_date(left), describe_date(right)
    if _no_year(left) and _no_year(right) and all(end.endswith(_NO_YEAR_WORDS) for end in (first, last)):
        return _year_not_given_range(first, last)
    note = _trailing_note(first)
    if note and note == _trailing_note(last):  # the same doubt at both ends: said once
        both = "" if note.startswith(" (") else " at both ends"
        return f"{first.removesuffix(note)} to {last.removesuffix(note)}{note}{both}"
    return f"{first} to {last}"


_NO_YEAR_WORDS = ", year not given"


def _year_not_given_range(first: str, last: str) -> str:
    """Two ends whose year is not given, read in one year as the text gives them ("late July"): the
    year's absence said once, a shared month once ('21–31 July, year not given')."""
    start, end = first.removesuffix(_NO_YEAR_WORDS), last.removesuffix(_NO_YEAR_WORDS)
    joined = compact_range(start, end)
    return f"{joined if joined != f'{start}–{end}' else f'{start} to {end}'}{_NO_YEAR_WORDS}"


def _trailing_note(words: str) -> str | None:
    """', year uncertain' or ' (uncertain)' at the end of a date's words, if any."""
    match = re.search(r"(, [a-z ;]+| \([a-z ]+\))$", words)
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------- the explorer's words


class Timing(str, Enum):
    """Where an event's dates fall relative to today."""

    past = "past"
    now = "now"
    upcoming = "upcoming"


TIMING_GLYPHS = {Timing.past: "◂", Timing.now: "●", Timing.upcoming: "▸"}


def day_words(day: date) -> str:
    """'24 November 2026': today and other exact days, never ambiguous between locales."""
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def _year_in_doubt(text: str) -> tuple[str, str, str | None] | None:
    """(year, month, day) of a date whose year alone is uncertain (2024?-09-27, ?2024-09), else None."""
    parts = qualified_parts(text)
    if not parts or len(parts) < 2 or any("X" in digits for _, digits, _, _ in parts):
        return None
    flags = [(u, a) for _, _, u, a in parts]
    if flags[0] != (True, False) or any(flag != (False, False) for flag in flags[1:]):
        return None
    return parts[0][1], parts[1][1], parts[2][1] if len(parts) > 2 else None


def date_words(text: str | None, *, status: EventStatus | None = None, inferred: bool = False) -> str:
    """A date in words that says no more than the data does.

    - no date: "date not given";
    - year left out by the source and inferred: "27 September, year not given — 2024 inferred";
    - uncertain year, no inference recorded: "27 September 2024, year uncertain";
    - "../2026-12-31" or "../2026": "by the end of 2026"; "../2026-12": "by December 2026";
    - scheduled / projected events get "(planned)" / "(projected)".
    """
    if not text:
        return "date not given"
    doubt = _year_in_doubt(text) if inferred else None
    left, slash, right = text.partition("/")
    if doubt:
        year, month, day = doubt
        part = f"{int(day)} {MONTHS[int(month)]}" if day else MONTHS[int(month)]
        words = f"{part}, year not given — {year} inferred"
    elif slash and left in _OPEN:
        if re.fullmatch(r"\d{4}(-12-31)?", right):
            words = f"by the end of {right[:4]}"
        else:
            words = f"by {date_words(right)}"
        if left == "":
            words += " (start not given)"
    elif slash and right in _OPEN:
        words = f"from {date_words(left)}" + (" (end not given)" if right == "" else "")
    elif slash and _no_year(left) and _no_year(right):
        words = describe_date(text)  # '21–31 July, year not given': one year, said once
    elif slash:
        words = f"{date_words(left, inferred=inferred)} to {date_words(right, inferred=inferred)}"
    else:
        words = describe_date(text)
        if inferred and parse_date(text).uncertain and words.endswith(" (uncertain)"):
            words = words.removesuffix(" (uncertain)") + " (inferred)"
    if status is EventStatus.scheduled:
        words += " (planned)"
    elif status is EventStatus.projected:
        words += " (projected)"
    return words


YEAR_NOT_GIVEN = " (year not given)"
"""How a short date says that the source leaves its year out ('27 Sep (year not given)'), once."""


def _no_year(text: str) -> bool:
    """One date whose year the source leaves out entirely (EDTF `XXXX-09-27`)."""
    return text.startswith("XXXX")


def _short_unspecified(text: str) -> str:
    """'27 Sep', 'Mar 2025', '2? Mar 2025', '202?': a digit the source leaves out (EDTF X) shown as
    '?'; a whole day or month left out is not shown (the date is as short as what is known), and a
    whole year is left out here and said in words by the caller (YEAR_NOT_GIVEN)."""
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    day = "" if day == "XX" else day
    month = "" if month == "XX" and not day else month
    parts = [] if year == "XXXX" else [year.replace("X", "?")]
    if month:
        parts.insert(0, _MONTH_ABBR[int(month)] if "X" not in month else "?")
    if day:
        parts.insert(0, day.lstrip("0") if "X" not in day else day.replace("X", "?").lstrip("0") or "?")
    return " ".join(parts)


def compact_range(start: str, end: str) -> str:
    """Two ends of one year, each said once: '21–31 Aug' (same month), 'Jul–Aug', '21 Aug–30 Sep'."""
    start_day, _, start_month = start.rpartition(" ")
    end_day, _, end_month = end.rpartition(" ")
    if start_day and end_day and start_month == end_month:
        return f"{start_day}–{end_day} {end_month}"
    return start if start == end else f"{start}–{end}"


def _short_single(text: str, span: DateSpan) -> str:
    if span.unspecified:
        return _short_unspecified(text)
    if span.precision == "season":
        return _season_words(text[:4], int(text[5:7]), short=True)
    parts = qualified_parts(text)
    assert parts is not None, text
    year, *rest = (digits for _, digits, _, _ in parts)
    words = str(int(year))
    if rest:
        words = f"{_MONTH_ABBR[int(rest[0])]} {words}"
    if len(rest) > 1:
        words = f"{int(rest[1])} {words}"
    if span.uncertain:
        words += "?"
    if span.approximate:
        words = "~" + words
    return words


def _short(text: str) -> tuple[str, bool]:
    """The short words, and whether the year is left out of every end that has one (then said once)."""
    span = parse_date(text)
    if span.precision != "interval":
        return _short_single(text, span), _no_year(text)
    left, _, right = text.partition("/")
    if left in _OPEN:
        words, no_year = _short(right)
        return "→ " + words, no_year
    if right in _OPEN:
        words, no_year = _short(left)
        return words + " →", no_year
    if _no_year(left) and _no_year(right):  # one year not given, as "late July" is read
        return compact_range(_short(left)[0], _short(right)[0]), True
    return f"{short_date(left)}–{short_date(right)}", False


def short_date(text: str | None) -> str:
    """A compact date for a list row: '27 Sep 2024?', 'Sep 2025', '2026', '→ Dec 2026', 'no date',
    '21–31 Jul (year not given)' (never a made-up year, nor '????')."""
    if not text:
        return "no date"
    words, no_year = _short(text)
    if not no_year:
        return words
    return (words + YEAR_NOT_GIVEN) if words.strip() else YEAR_NOT_GIVEN.strip(" ()")


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
    for name, digits in zip(_PART_NAMES, text.split("-"), strict=False):
        (missing if set(digits) == {"X"} else partly if "X" in digits else given).append(name)
    groups = [(given, "given"), (partly, "partly given"), (missing, "not given")]
    return "; ".join(f"{' and '.join(names)} {word}" for names, word in groups if names)


def precision_words(text: str | None) -> str:
    """How precise a date is: 'exact day', 'month only, uncertain', 'exact day, year uncertain'."""
    if not text:
        return "no date"
    span = parse_date(text)
    if span.unspecified and span.precision != "interval":
        return _unspecified_precision(text)
    words = PRECISION_WORDS.get(span.precision, span.precision)
    if span.precision == "interval" and all(_no_year(end) for end in text.split("/")):
        return f"{words}; year not given"
    parts = qualified_parts(text) if span.precision != "interval" else None
    if parts and len({(u, a) for _, _, u, a in parts}) > 1:  # some parts qualified, not all
        return _qualifier_words(parts, words)
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


# ------------------------------------------------------------------------------------------ values


def count_words(count: int, noun: str, plural: str | None = None) -> str:
    """A count that agrees in number with its noun: '1 claim', '2 claims', '1200 key points' (digits
    as pane titles show counts), '2 summaries' (`plural` for a noun that does not just take an 's')."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def number_words(value: float) -> str:
    """'2,500', '2.5', '1,234.5': thousands separated, no trailing '.0'."""
    if not math.isfinite(value):
        return str(value)
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def quantity_words(value: QuantityValue) -> str:
    """'about 2,500 troops', '2,000–3,000 troops', 'at least 2,000 troops', '2,500 troops (range
    2,000–3,000)'."""
    low, high = value.low, value.high
    about = "about " if value.approximate else ""
    if value.amount is not None:
        words = f"{about}{number_words(value.amount)} {value.unit}"
        if low is not None or high is not None:
            ends = [number_words(end) if end is not None else "…" for end in (low, high)]
            words += f" (range {ends[0]}–{ends[1]})"
        return words
    if low is not None and high is not None:
        return f"{about}{number_words(low)}–{number_words(high)} {value.unit}"
    if low is not None:
        return f"at least {about}{number_words(low)} {value.unit}"
    return f"at most {about}{number_words(high)} {value.unit}" if high is not None else value.unit


_DATE_BOUND = {Bound.target: "", Bound.not_after: "no later than ", Bound.not_before: "no earlier than "}
_QUANTITY_BOUND = {Bound.target: "", Bound.not_after: "at most ", Bound.not_before: "at least "}


def describe_value(claim: Claim, *, quote_text: int | None = None) -> str:
    """A claim's value in words: the date with its bound ('no later than December 2026'), the
    quantity with its range ('about 2,500 troops'), or the text. `quote_text=N` puts a text value in
    quotation marks, cut to N characters (for a sentence that also holds other words)."""
    value = claim.value
    if isinstance(value, DateValue):
        return _DATE_BOUND[claim.bound] + describe_date(value.date)
    if isinstance(value, QuantityValue):
        words = quantity_words(value)
        open_ended = words.startswith(("at least ", "at most "))  # already says which way it is open
        return words if open_ended else _QUANTITY_BOUND[claim.bound] + words
    text = value.text
    if quote_text is None:
        return text
    return f"“{text if len(text) <= quote_text else text[: quote_text - 3] + '...'}”"
