"""Words for dates and values (story/words.py): every form the loader accepts, its precision kept.

No invented precision: a month is never given a day, a year in doubt is named as the part in doubt, a
digit the source leaves out is said to be not given, and no raw EDTF reaches a reader.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mission_tui.story.dates import EDTF_PATTERN, EdtfError, parse_date
from mission_tui.story.loader import loads_story
from mission_tui.story.models import Bound, QuantityValue, StoryFile
from mission_tui.story.words import (
    date_words,
    describe_date,
    describe_value,
    precision_words,
    quantity_words,
    short_date,
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-09", "September 2025"),
        ("2024-09-27", "27 September 2024"),
        ("2026", "2026"),
        ("2024?-09", "September 2024, year uncertain"),
        ("2024?-09-27", "27 September 2024, year uncertain"),
        ("?2024-09-27", "27 September 2024, year uncertain"),
        ("2024-?09-27", "27 September 2024, month uncertain"),
        ("2004-06~-11", "11 June 2004, year and month approximate"),
        ("2024-09-~27", "27 September 2024, day approximate"),
        ("2024?-~09", "September 2024, year uncertain; month approximate"),
        ("../2026-12", "until December 2026"),
        ("/2026-12", "until December 2026 (start not given)"),
        ("2025-09/..", "from September 2025"),
        ("2025-09/", "from September 2025 (end not given)"),
        ("2025-09/2026-12", "September 2025 to December 2026"),
        ("2025-09~", "about September 2025"),
        ("2024-09-27?", "27 September 2024 (uncertain)"),
        ("2025%", "about 2025 (uncertain)"),
        ("2025-21", "spring 2025"),
        ("2025-24", "winter 2025"),
        ("2025-29", "spring 2025 (southern hemisphere)"),
        ("2025-34", "second quarter of 2025"),
        ("2025-38", "second third of 2025"),
        ("2025-40", "first half of 2025"),
        ("XXXX-09-27", "27 September, year not given"),
        ("2025-XX", "2025, month not given"),
        ("2025-09-XX", "September 2025, day not given"),
        ("2025-03-2X", "20–29 March 2025"),
        ("202X", "a year from 2020 to 2029"),
        ("20XX-09", "September of a year from 2000 to 2099"),
        ("2024-09-27/2025-XX", "27 September 2024 to 2025, month not given"),
    ],
)
def test_describe_date(text: str, words: str) -> None:
    assert describe_date(text) == words


_RAW_EDTF = re.compile(r"[X?~%/]|\.\.|\d{4}-\d")


@settings(deadline=None)  # the first season or part-qualified date builds edtf's grammar (~0.5 s)
@given(st.from_regex(EDTF_PATTERN, fullmatch=True))
def test_every_accepted_form_has_words_with_no_raw_edtf(text: str) -> None:
    try:
        span = parse_date(text)
    except EdtfError:
        return  # a calendar problem (30 February): refused, so never shown
    for words in (describe_date(text), date_words(text), date_words(text, inferred=True)):
        assert words and not _RAW_EDTF.search(words), (text, words)
    assert short_date(text) and precision_words(text)
    if span.precision in ("month", "year") and not span.unspecified:  # no invented day
        year = str((span.lower or span.upper).year)  # type: ignore[union-attr]
        day_like = [n for n in re.findall(r"\b\d{1,2}\b", describe_date(text)) if n != year]
        assert not day_like, (text, describe_date(text))


@pytest.mark.parametrize("text", ["2024?-09", "2024?-09-27", "2025-09~", "2024-09-27?", "2024-?09-27"])
def test_words_agree_across_check_exports_and_the_explorer(text: str) -> None:
    """One wording: the explorer's date_words is describe_date unless an inference is recorded."""
    assert date_words(text) == describe_date(text)


def test_explorer_words_for_an_inferred_year_and_deadlines() -> None:
    assert date_words("2024?-09-27", inferred=True) == "27 September, year not given — 2024 inferred"
    assert date_words("2024?-09", inferred=True) == "September, year not given — 2024 inferred"
    assert date_words("../2026-12-31") == "by the end of 2026"
    assert date_words("/2026") == "by the end of 2026 (start not given)"


def test_precision_and_short_forms() -> None:
    assert precision_words("2024?-09") == "month only, year uncertain"
    assert precision_words("2024-09-27?") == "exact day, uncertain"
    assert short_date("2025-21") == "Spring 2025"
    assert short_date("2025-35") == "Q3 2025"
    assert short_date("2024-?09-27") == "27 Sep 2024?"


STORY = """
[story]
id = "s"
title = "T"
summary = "S"
as_of = "2025"

[[sources]]
id = "a"
outlet = "A"
kind = "news"
excerpt = "x"

[[claims]]
id = "troops"
subject = "m"
property = "p"
value = { amount = 2500, unit = "troops", approximate = true }
phrase = "x"
source = "a"
quote = "x"

[[claims]]
id = "end"
subject = "m"
property = "e"
value = { date = "2026-12" }
phrase = "x"
source = "a"
quote = "x"

[[claims]]
id = "text"
subject = "m"
property = "t"
value = { text = "a reduction in the number of troops over a period of time that is longer than this" }
phrase = "x"
source = "a"
quote = "x"
"""


@pytest.fixture(scope="module")
def story() -> StoryFile:
    return loads_story(STORY)


def test_describe_value_kinds_and_bounds(story: StoryFile) -> None:
    troops, end, text = story.claims
    assert describe_value(troops) == "about 2,500 troops"
    assert describe_value(dataclasses.replace(troops, bound=Bound.not_after)) == "at most about 2,500 troops"
    assert describe_value(end) == "December 2026"
    assert describe_value(dataclasses.replace(end, bound=Bound.not_after)) == "no later than December 2026"
    assert describe_value(dataclasses.replace(end, bound=Bound.not_before)) == "no earlier than December 2026"
    assert describe_value(text).startswith("a reduction") and len(describe_value(text)) > 80
    quoted = describe_value(text, quote_text=40)
    assert quoted.startswith("“a reduction") and quoted.endswith("...”") and len(quoted) == 42


@pytest.mark.parametrize(
    ("fields", "words"),
    [({"amount": 2500.0}, "2,500 troops"), ({"amount": 2.5}, "2.5 troops"),
     ({"low": 2000.0, "high": 3000.0}, "2,000–3,000 troops"), ({"low": 2000.0}, "at least 2,000 troops"),
     ({"high": 3000.0, "approximate": True}, "at most about 3,000 troops"),
     ({"amount": 2500.0, "low": 2000.0, "high": 3000.0}, "2,500 troops (range 2,000–3,000)")],
)  # fmt: skip
def test_quantity_words(fields: dict[str, object], words: str) -> None:
    assert quantity_words(QuantityValue(unit="troops", **fields)) == words  # type: ignore[arg-type]


def test_names_stay_importable_from_their_old_modules() -> None:
    from mission_tui.story import date_words as old_words
    from mission_tui.story import export, index

    assert export.describe_value is describe_value
    for name in ("date_words", "short_date", "precision_words", "day_words", "TIMING_GLYPHS", "Timing",
                 "timing_of", "PRECISION_WORDS"):  # fmt: skip
        assert getattr(old_words, name) is getattr(index, name)
