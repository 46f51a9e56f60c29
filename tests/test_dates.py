"""EDTF dates: the plain fast path agrees with the edtf package, bad dates fail clearly, words read well."""

from __future__ import annotations

import math
import time
from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from mission_tui.story.dates import EdtfError, describe_date, is_valid_date, parse_date


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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-09", "September 2025"),
        ("2024-09-27", "27 September 2024"),
        ("2026", "2026"),
        ("2024?-09-27", "27 September, year uncertain (2024?)"),
        ("../2026-12", "until December 2026"),
        ("2025-09/..", "from September 2025"),
        ("2025-09/2026-12", "September 2025 to December 2026"),
        ("2025-09~", "about September 2025"),
        ("2024-09-27?", "27 September 2024 (uncertain)"),
        ("2025%", "about 2025 (uncertain)"),
        ("2025-21", "spring 2025"),
        ("2025-22", "summer 2025"),
        ("2025-23", "autumn 2025"),
        ("2025-24", "winter 2025"),
        ("2025-29", "spring 2025 (southern hemisphere)"),
        ("2025-34", "second quarter of 2025"),
        ("2025-40", "first half of 2025"),
    ],
)
def test_describe_date(text: str, words: str) -> None:
    assert describe_date(text) == words


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


@given(
    year_qualified_dates() | plain_dates(),
    year_qualified_dates() | plain_dates() | st.just(".."),
    st.sampled_from(["single", "interval", "open-start"]),
)
@pytest.mark.slow
def test_fast_paths_agree_with_edtf_on_validity_and_bounds(first: str, second: str, shape: str) -> None:
    """Whatever the fast paths accept, edtf accepts with the same bounds, and the reverse."""
    from mission_tui.story.dates import _edtf_span

    text = {"single": first, "interval": f"{first}/{second}", "open-start": f"../{first}"}[shape]
    expected = _outcome(_edtf_span, text)
    got = _outcome(parse_date, text)
    if expected != "rejected" and got == "rejected":
        assert expected[0] > expected[1]  # type: ignore[index,operator]  # only inverted ones
    else:
        assert got == expected
