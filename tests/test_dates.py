"""EDTF dates: the plain fast path agrees with the edtf package, bad dates fail clearly, words read well."""

from __future__ import annotations

import math
import re
import time
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from mission_tui.story.dates import EDTF_PATTERN, EdtfError, is_valid_date, parse_date
from mission_tui.story.words import describe_date


def _edtf_bound(value: object) -> date | None:
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


@st.composite
def plain_dates(draw: st.DrawFn) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (any real day, leap days included), maybe with ? ~ or %."""
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = {"year": f"{day.year:04d}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@given(plain_dates())
@pytest.mark.slow
def test_bounds_agree_with_edtf(text: str) -> None:
    span = parse_date(text)
    parsed = parse_edtf(text)
    assert span.lower == _edtf_bound(parsed.lower_strict())
    assert span.upper == _edtf_bound(parsed.upper_strict())
    assert span.lower_fuzzy == _edtf_bound(parsed.lower_fuzzy())
    assert span.upper_fuzzy == _edtf_bound(parsed.upper_fuzzy())
    assert span.uncertain == (text[-1] in "?%")
    assert span.approximate == (text[-1] in "~%")
    core = text.rstrip("?~%")
    assert span.precision == {4: "year", 7: "month", 10: "day"}[len(core)]


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
def test_plain_dates_have_equal_strict_and_fuzzy_bounds(day: date) -> None:
    span = parse_date(day.isoformat())
    assert span.lower == span.upper == span.lower_fuzzy == span.upper_fuzzy == day
    assert not span.qualified


def test_leap_days() -> None:
    assert parse_date("2024-02-29").lower == date(2024, 2, 29)
    assert parse_date("2000-02-29").lower == date(2000, 2, 29)
    assert parse_date("2024-02").upper == date(2024, 2, 29)
    assert parse_date("2023-02").upper == date(2023, 2, 28)
    for bad in ("2023-02-29", "1900-02-29"):
        with pytest.raises(EdtfError):
            parse_date(bad)


@pytest.mark.parametrize(
    "text",
    ["2025-13", "2025-00", "2025-02-30", "2025-04-31", "2025-42", "garbage", "", "   ", " 2025", "2025 ",
     "2025-9", "25-09", "2025/13", "0000", "0000-01", "-0100", "0000/2025"],
)  # fmt: skip
def test_invalid_dates_raise_edtf_error(text: str) -> None:
    with pytest.raises(EdtfError):
        parse_date(text)
    assert not is_valid_date(text)


def test_errors_say_what_is_wrong() -> None:
    with pytest.raises(EdtfError, match="spaces"):
        parse_date(" 2025")
    with pytest.raises(EdtfError, match="non-empty"):
        parse_date("")
    with pytest.raises(EdtfError, match="0001-9999"):
        parse_date("0000")


def test_fuzzy_bounds_at_the_calendar_ends_are_clamped_not_open() -> None:
    span = parse_date("9999~")
    assert span.upper_fuzzy == date.max
    assert span.ordinal_range(fuzzy=True)[1] == date.max.toordinal()


def test_open_intervals() -> None:
    until = parse_date("../2026-12")
    assert (until.lower, until.upper) == (None, date(2026, 12, 31))
    assert until.precision == "interval"
    assert until.ordinal_range() == (-math.inf, date(2026, 12, 31).toordinal())
    since = parse_date("2025-09/..")
    assert (since.lower, since.upper) == (date(2025, 9, 1), None)
    assert since.ordinal_range() == (date(2025, 9, 1).toordinal(), math.inf)
    closed = parse_date("2025-09/2026-12")
    assert (closed.lower, closed.upper) == (date(2025, 9, 1), date(2026, 12, 31))


def test_uncertain_interval_widens_both_ends() -> None:
    span = parse_date("2024?-09-27/2025?-09-27")
    assert (span.lower, span.upper) == (date(2024, 9, 27), date(2025, 9, 27))
    assert span.lower_fuzzy is not None and span.lower_fuzzy < span.lower
    assert span.upper_fuzzy is not None and span.upper_fuzzy > span.upper


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [("2025-21", date(2025, 3, 1), date(2025, 5, 31)), ("2025-22", date(2025, 6, 1), date(2025, 8, 31)),
     ("2025-23", date(2025, 9, 1), date(2025, 11, 30)), ("2025-33", date(2025, 1, 1), date(2025, 3, 31)),
     ("2025-41", date(2025, 7, 1), date(2025, 12, 31))],
)  # fmt: skip
def test_seasons(text: str, lower: date, upper: date) -> None:
    span = parse_date(text)
    assert (span.lower, span.upper) == (lower, upper)
    assert span.precision == "season"


def test_parse_date_is_cached() -> None:
    assert parse_date("2025-09") is parse_date("2025-09")


def _edtf_bounds(text: str) -> tuple[object, ...]:
    """The edtf package's own bounds, as dates (None for open ends)."""
    parsed = parse_edtf(text)
    methods = ("lower_strict", "upper_strict", "lower_fuzzy", "upper_fuzzy")
    return tuple(_edtf_bound(getattr(parsed, method)()) for method in methods)


@given(plain_dates(), plain_dates() | st.just(".."), st.booleans())
@pytest.mark.slow
def test_interval_fast_path_agrees_with_edtf(start: str, end: str, open_start: bool) -> None:
    """Intervals of plain dates skip the edtf grammar; their bounds must be exactly edtf's."""
    text = f"../{start}" if open_start else f"{start}/{end}"
    expected = _edtf_bounds(text)
    if expected[0] and expected[1] and expected[0] > expected[1]:
        with pytest.raises(EdtfError, match="ends before it starts"):
            parse_date(text)
        return
    span = parse_date(text)
    assert (span.lower, span.upper, span.lower_fuzzy, span.upper_fuzzy) == expected
    assert span.precision == "interval"


def test_inverted_interval_is_an_error() -> None:
    with pytest.raises(EdtfError, match="ends before it starts"):
        parse_date("2026/2025")


@st.composite
def year_qualified_dates(draw: st.DrawFn) -> str:
    """2024?-09 / 2024~-09-27: a qualifier on the year alone, as when a source omits the year."""
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
    qualifier = draw(st.sampled_from("?~%"))
    tail = f"-{day:%m}" + (f"-{day:%d}" if draw(st.booleans()) else "")
    return f"{day.year:04d}{qualifier}{tail}"


def _outcome(parse: object, text: str) -> tuple[object, ...] | str:
    try:
        span = parse(text)  # type: ignore[operator]
    except EdtfError:
        return "rejected"
    return (span.lower, span.upper, span.lower_fuzzy, span.upper_fuzzy, span.uncertain, span.approximate)


@settings(deadline=None)  # edtf's grammar takes 0.1-0.3 s to reject a level-2 interval on a busy machine
@given(
    year_qualified_dates() | plain_dates(),
    year_qualified_dates() | plain_dates() | st.just(".."),
    st.sampled_from(["single", "interval", "open-start"]),
)
@pytest.mark.slow
def test_fast_paths_agree_with_edtf_on_validity_and_bounds(first: str, second: str, shape: str) -> None:
    """Whatever edtf accepts, the fast paths accept with the same bounds; the reverse holds but for
    intervals with a year-qualified end (EDTF level 2), which edtf 5 reads only between two dates."""
    from mission_tui.story.dates import _edtf_span

    text = {"single": first, "interval": f"{first}/{second}", "open-start": f"../{first}"}[shape]
    expected = _outcome(_edtf_span, text)
    got = _outcome(parse_date, text)
    if expected != "rejected" and got == "rejected":
        assert expected[0] > expected[1]  # type: ignore[index,operator]  # only inverted ones
    elif expected == "rejected" and got != "rejected":
        assert "/" in text and re.search(r"\d{4}[?~%]-", text) and re.fullmatch(EDTF_PATTERN, text)
    else:
        assert got == expected


# -- EDTF unspecified digits (X): a date whose year (or month, or day) the source does not give ------


@st.composite
def level1_unspecified(draw: st.DrawFn) -> str:
    """The EDTF level-1 forms the edtf package reads: 201X, 20XX, 2004-XX, 1985-04-XX, 1985-XX-XX."""
    day = draw(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)))
    form = draw(st.sampled_from(["YYYX", "YYXX", "YYYY-XX", "YYYY-MM-XX", "YYYY-XX-XX"]))
    return {
        "YYYX": f"{day.year // 10}X",
        "YYXX": f"{day.year // 100}XX",
        "YYYY-XX": f"{day.year}-XX",
        "YYYY-MM-XX": f"{day:%Y-%m}-XX",
        "YYYY-XX-XX": f"{day.year}-XX-XX",
    }[form]


@given(level1_unspecified())
def test_unspecified_bounds_agree_with_edtf(text: str) -> None:
    span = parse_date(text)
    parsed = parse_edtf(text)
    assert span.lower == _edtf_bound(parsed.lower_strict())
    assert span.upper == _edtf_bound(parsed.upper_strict())
    assert span.unspecified and not span.qualified


@pytest.mark.parametrize(
    ("text", "lower", "upper", "unspecified", "words"),
    [
        ("XXXX-09-27", date(1, 9, 27), date(9999, 9, 27), {"year"}, "27 September, year not given"),
        ("XXXX-09", date(1, 9, 1), date(9999, 9, 30), {"year"}, "September, year not given"),
        ("XXXX-02-29", date(4, 2, 29), date(9996, 2, 29), {"year"}, "29 February, year not given"),
        ("2025-03-2X", date(2025, 3, 20), date(2025, 3, 29), {"day"}, "20–29 March 2025"),
        ("2025-03-XX", date(2025, 3, 1), date(2025, 3, 31), {"day"}, "March 2025, day not given"),
        ("2025-XX", date(2025, 1, 1), date(2025, 12, 31), {"month"}, "2025, month not given"),
        ("202X", date(2020, 1, 1), date(2029, 12, 31), {"year"}, "a year from 2020 to 2029"),
    ],
)
def test_unspecified_digits_have_honest_bounds_and_words(
    text: str, lower: date, upper: date, unspecified: set[str], words: str
) -> None:
    span = parse_date(text)
    assert (span.lower, span.upper) == (lower, upper)
    assert (span.lower_fuzzy, span.upper_fuzzy) == (lower, upper)
    assert span.unspecified == unspecified
    assert describe_date(text) == words
    assert not any(str(n) in describe_date(text) for n in (1, 9999) if "year" in unspecified)


@pytest.mark.parametrize("text", ["2025-02-3X", "XXXX-02-30", "2025-1X-32", "2025-2X", "XXXX-13"])
def test_unspecified_digits_that_allow_no_date_are_refused(text: str) -> None:
    with pytest.raises(EdtfError, match=r"allow no real date|not a valid EDTF"):
        parse_date(text)


def test_unspecified_year_in_an_interval_end() -> None:
    span = parse_date("../XXXX-09-27")
    assert span.lower is None and span.upper == date(9999, 9, 27)
    assert span.unspecified == {"year"}


# -- the forms a story date may take: EDTF_PATTERN (also the schema's) and parse_date agree ----------


@settings(deadline=None)  # the first season or part-qualified date builds edtf's grammar (~0.5 s)
@given(st.from_regex(EDTF_PATTERN, fullmatch=True))
def test_every_string_of_the_pattern_parses_or_names_its_calendar_problem(text: str) -> None:
    """The schema's pattern checks the form; only the calendar (30 February, a year 0000, an interval
    that ends before it starts, digits that allow no day) is left to the loader."""
    try:
        span = parse_date(text)
    except EdtfError as exc:
        assert re.search(r"day is out of range|0001-9999|ends before it starts|allow no real date", str(exc))
        return
    assert span.lower is not None or span.upper is not None


@given(st.text(alphabet="0123456789X?~%-/.T:[]{},Y ", min_size=1, max_size=24))
def test_whatever_parse_date_accepts_matches_the_pattern(text: str) -> None:
    if is_valid_date(text):
        assert re.fullmatch(EDTF_PATTERN, text), text


@pytest.mark.parametrize(
    ("text", "message"),
    [("2024-09-27T10:00:00Z", "time of day"), ("2024-09-27T10:00", "time of day"),
     ("[2024, 2025]", "EDTF set"), ("{2024,2025}", "EDTF set"), ("Y170000002", "four digits"),
     ("-2024", "four digits"), ("2025-XX?", "unspecified digits (X) and"), ("XXXX?-09-27", "(X) and"),
     ("1950S2", "not a valid EDTF date"), ("2025-21?", "not a valid EDTF date"),
     ("../..", "no known end"), ("/", "no known end"), ("2024/2025/2026", "more than one")],
)  # fmt: skip
def test_forms_stories_do_not_use_are_refused_with_what_to_write(text: str, message: str) -> None:
    with pytest.raises(EdtfError, match=re.escape(message)):
        parse_date(text)
    assert not re.fullmatch(EDTF_PATTERN, text)


def test_unknown_ends_bound_nothing() -> None:
    """EDTF's empty end is unknown: no bound is invented (edtf guesses ten years)."""
    assert (parse_date("/2026-12").lower, parse_date("/2026-12").upper) == (None, date(2026, 12, 31))
    assert (parse_date("2025-09/").lower, parse_date("2025-09/").upper) == (date(2025, 9, 1), None)


def test_interval_ends_with_unspecified_digits() -> None:
    span = parse_date("2024-09-27/2025-XX")
    assert (span.lower, span.upper, span.unspecified) == (date(2024, 9, 27), date(2025, 12, 31), {"month"})


@pytest.mark.parametrize(
    ("text", "lower_fuzzy", "upper_fuzzy"),
    [("2024-09?-27", date(2023, 8, 27), date(2025, 10, 27)),
     ("?2024-09-27", date(2023, 9, 27), date(2025, 9, 27)),
     ("2024-?09-27", date(2024, 8, 27), date(2024, 10, 27)),
     ("2024-09-~27", date(2024, 9, 26), date(2024, 9, 28))],
)  # fmt: skip
def test_a_qualifier_on_one_part_widens_that_part(text: str, lower_fuzzy: date, upper_fuzzy: date) -> None:
    span = parse_date(text)
    assert span.lower == span.upper == date(2024, 9, 27)
    assert (span.lower_fuzzy, span.upper_fuzzy) == (lower_fuzzy, upper_fuzzy)


def test_open_ends_sort_by_their_known_end() -> None:
    dates = ["2026", "../2026-12", "2024-09-27", "2025-09/..", "2025-09", "/2025-01"]
    ordered = sorted(dates, key=lambda text: parse_date(text).sort_key())
    assert ordered == ["2024-09-27", "/2025-01", "2025-09/..", "2025-09", "2026", "../2026-12"]
