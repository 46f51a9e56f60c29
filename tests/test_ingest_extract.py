"""Ingest, one sentence at a time: dates with their precision and bound, quantities with their unit and
hedge, and the words that must create no claim ("may", "march", "$40", "2026 budget", "U.S.")."""

from __future__ import annotations

import time
from typing import Any

import pytest

from mission_tui.ingest.calendar_math import Anchor
from mission_tui.ingest.claims import UNRESOLVED, Unit, claims_in
from mission_tui.ingest.quantities import word_number
from mission_tui.ingest.text import Tense, sentences, tense_of
from mission_tui.story.dates import parse_date

DATED_2024 = Anchor("2024?-09-27", 2024, 9, 27, year_inferred=True)  # a Friday
PRINTED_2025 = Anchor("2025-03-14", 2025, 3, 14)  # a Friday
NO_YEAR = Anchor("XXXX-09-27", None, 9, 27)


def found(
    text: str, anchor: Anchor | None = None, headline: bool = False
) -> list[tuple[str, Any, str | None]]:
    """(phrase, value, bound) for every claim in one line of text."""
    return [
        (
            c.phrase,
            c.value.get("date", c.value.get("text")) if c.kind == "date" else c.value,
            c.bound.value if c.bound else None,
        )
        for c in claims_in(Unit(text, "s", 1, anchor, headline))
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "bound"),
    [
        ("The mission will officially conclude by September 2025.", "by September 2025", "2025-09", "target"),
        ("The mission ends by the end of 2026.", "by the end of 2026", "2026-12", "target"),
        (
            "Work will run between March and June 2025.",
            "between March and June 2025",
            "2025-03/2025-06",
            "target",
        ),
        ("Construction began in mid-2022.", "in mid-2022", "2022-05/2022-08", "target"),
        (
            "It must end no later than March 31, 2025.",
            "no later than March 31, 2025",
            "2025-03-31",
            "not_after",
        ),
        ("The mission will continue at least until 2027.", "at least until 2027", "2027", "not_before"),
        (
            "The bridge will open no earlier than March 2025.",
            "no earlier than March 2025",
            "2025-03",
            "not_before",
        ),
        ("Troops will leave before 2030.", "before 2030", "2030", "not_after"),
        ("Operations continue until September 2026.", "until September 2026", "2026-09", "target"),
        ("The plant opened on 27 September 2023.", "on 27 September 2023", "2023-09-27", "target"),
        ("Sales rose in Q3 2025.", "in Q3 2025", "2025-07/2025-09", "target"),
        ("The vote is planned for spring 2026.", "for spring 2026", "2026-21", "target"),
        (
            "Growth slowed in the first half of 2025.",
            "in the first half of 2025",
            "2025-01/2025-06",
            "target",
        ),
        ("The programme ran from 2020 to 2022.", "from 2020 to 2022", "2020/2022", "target"),
    ],
)
def test_dates_keep_their_precision_and_bound(text: str, phrase: str, value: str, bound: str) -> None:
    claims = [f for f in found(text) if isinstance(f[1], str)]
    assert (phrase, value, bound) in claims
    parse_date(value)  # valid EDTF with bounds


def test_no_invented_day_or_year() -> None:
    """'September 2025' is a month, never a day; a month without a year stays without one."""
    assert found("It ends in September 2025.") == [("in September 2025", "2025-09", "target")]
    assert found("Talks resume in late March.") == [("in late March", "XXXX-03-21/XXXX-03-31", "target")]
    assert found("They met on Sep. 27.") == [("on Sep. 27", "XXXX-09-27", "target")]


def test_relative_dates_count_from_the_source_date() -> None:
    # The article is dated Friday 27 September (year 2024 inferred, so the results are uncertain too).
    line = "The mission will wind down over the next year, officials said on Friday."
    values = {phrase: value for phrase, value, _ in found(line, DATED_2024)}
    assert values["over the next year"] == "2024?-09-27/2025?-09-27"
    assert values["on Friday"] == "2024?-09-27"
    assert found("Talks collapsed yesterday.", PRINTED_2025) == [("yesterday", "2025-03-13", "target")]
    assert found("A deal is expected by next year.", PRINTED_2025) == [("by next year", "2026", "target")]
    assert found("The truce will end within a year.", PRINTED_2025) == [
        ("within a year", "2025-03-14/2026-03-14", "not_after")
    ]
    assert found("The union will strike on Tuesday.", PRINTED_2025) == [
        ("on Tuesday", "2025-03-18", "target")
    ]


def test_relative_dates_stay_unresolved_without_a_year() -> None:
    for anchor in (NO_YEAR, None):
        assert found("The mission will wind down over the next year.", anchor) == [
            ("over the next year", UNRESOLVED, None)
        ]
        assert found("They met yesterday.", anchor) == [("yesterday", UNRESOLVED, None)]


def test_month_without_year_takes_the_year_from_tense_and_source_date() -> None:
    # Written on 14 March 2025: a future March is next year's, a past December last year's.
    assert found("Talks will resume in February.", PRINTED_2025) == [("in February", "2026?-02", "target")]
    assert found("Prices fell in December.", PRINTED_2025) == [("in December", "2024?-12", "target")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may decide later.",  # the modal "may"
        "Residents plan to march across the bridge.",  # the verb "march"
        "The city may add $40 in fees.",  # money is no date
        "It was debated in the 2026 budget.",  # a year naming a budget
        "The 10th anniversary passed.",  # an ordinal
        "U.S. officials said so.",  # the U of U.S.
        "The force has grown for years of conflict.",  # years without a number
        "It is the largest strike since 1989.",  # a comparison, not a dated happening
    ],
)
def test_words_that_create_no_date(text: str) -> None:
    assert [f for f in found(text) if isinstance(f[1], str)] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Currently, around 2,500 U.S. troops are stationed in Iraq.",
            {"amount": 2500, "unit": "troops", "approximate": True},
        ),
        (
            "Some twenty thousand workers walked out.",
            {"amount": 20000, "unit": "workers", "approximate": True},
        ),
        ("The operators say 4500 staff accepted.", {"amount": 4500, "unit": "staff"}),
        ("Between 250 and 300 observers will attend.", {"low": 250, "high": 300, "unit": "observers"}),
        ("At least 40 people were killed.", {"low": 40, "unit": "people"}),
        ("Over 1,000 homes were damaged.", {"low": 1000, "unit": "homes"}),
        ("Up to 120,000 vehicles a day will cross.", {"high": 120000, "unit": "vehicles"}),
        ("Losses were as high as 5%.", {"high": 5, "unit": "percent"}),
        ("Nearly 90,000 vehicles cross daily.", {"amount": 90000, "unit": "vehicles", "approximate": True}),
        ("The city will spend $40 million.", {"amount": 40_000_000, "unit": "dollars"}),
        ("The decade-long mission ends.", {"amount": 10, "unit": "years", "approximate": True}),
        ("It happened 10 years after the coalition formed.", {"amount": 10, "unit": "years"}),
        ("The truce may hold for a year.", {"amount": 1, "unit": "years"}),
        ("Two hundred and fifty soldiers left.", {"amount": 250, "unit": "soldiers"}),
    ],
)
def test_quantities_have_a_counted_unit_and_hedge(text: str, value: dict[str, Any]) -> None:
    assert [f[1] for f in found(text) if isinstance(f[1], dict)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the plan changed.",
        "The F-16 jets flew.",
        "COVID-19 cases rose.",
        "One of them left.",
        "Article 5 of the treaty applies.",
        "He arrived at 10:30 today.",
    ],
)
def test_numbers_that_count_nothing_make_no_quantity(text: str) -> None:
    assert [f for f in found(text) if isinstance(f[1], dict)] == []


def test_word_numbers() -> None:
    assert word_number("twenty thousand") == 20000
    assert word_number("two hundred and fifty") == 250
    assert word_number("a dozen") == 12
    assert word_number("forty-five") == 45
    assert word_number("banana") is None


def test_sentences_do_not_split_after_abbreviations() -> None:
    text = "U.S. officials met Gen. Smith on Sep. 27. He left. The U.N. said no."
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "U.S. officials met Gen. Smith on Sep. 27.",
        "He left.",
        "The U.N. said no.",
    ]


def test_tense() -> None:
    assert tense_of("The mission will end by 2026") is Tense.future
    assert tense_of("The deal is expected to close by March") is Tense.projected
    assert tense_of("The talks collapsed on Friday") is Tense.past
    assert tense_of("Pentagon to slash troops", headline=True) is Tense.future


def test_hostile_line_is_linear() -> None:
    """Patterns stay linear: 20,000 characters of near-misses extract in well under a second."""
    hostile = ("by 2026 " * 600 + "1,000,000,000 " * 300 + "Sep. 27 / " * 200 + "a" * 5000)[:20_000]
    start = time.perf_counter()
    claims_in(Unit(hostile, "s", 1, PRINTED_2025))
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time of day is no count, and "p.m." followed by a capital ends the sentence
        ("Households cut use between 6 p.m. and 9 p.m. The measures will remain.", []),
        # the unit of an elliptical number is the counted noun before it, not the next number's
        (
            "About 4.2 million people are registered, up from 3.9 million four years ago.",
            [
                {"amount": 4_200_000, "unit": "people", "approximate": True},
                {"amount": 3_900_000, "unit": "people"},
            ],
        ),
        ("Turnout could exceed 70 percent.", [{"low": 70, "unit": "percent"}]),
        ("It raised its forecast to $4.1 billion.", [{"amount": 4_100_000_000, "unit": "dollars"}]),
        ("The government will keep 2000 cooling centres open.", [{"amount": 2000, "unit": "centres"}]),
        ("The city is adding 120 police officers.", [{"amount": 120, "unit": "officers"}]),
        ("Winds reached up to 215 km/h.", [{"high": 215, "unit": "km/h"}]),
        ("Norvik will eliminate 2,000 positions.", [{"amount": 2000, "unit": "jobs"}]),
        ("Members rejected the offer by 87% to 13%.", []),  # a tally, not a range or two values
        ("Support rose from 65% to 70% of voters.", [{"low": 65, "high": 70, "unit": "percent"}]),
        ("Riverside beat Harbour City 2-1 in front of the fans.", []),  # a score
        ("Call the hotline on 0800 555 0192 or visit 12 Market Street.", []),
    ],
)
def test_quantities_that_were_misread(text: str, expected: list[dict[str, Any]]) -> None:
    assert [f[1] for f in found(text) if isinstance(f[1], dict)] == expected


def test_an_earlier_value_after_to_and_from() -> None:
    claims = claims_in(Unit("It raised its forecast to $4.1 billion from $3.9 billion.", "s", 1, None))
    assert [(c.phrase, c.earlier) for c in claims] == [("$4.1 billion", False), ("$3.9 billion", True)]


def test_ages_are_ages_not_durations() -> None:
    claims = claims_in(
        Unit("The 47-year-old incumbent left; two patients were under two years old.", "s", 1, None)
    )
    assert [(c.phrase, c.property) for c in claims if c.property == "age"] == [
        ("47-year-old", "age"),
        ("under two years old", "age"),
    ]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "bound"),
    [
        (
            "Demand could peak by the last week of July.",
            "by the last week of July",
            "XXXX-07-25/XXXX-07-31",
            "target",
        ),
        (
            "Schools will stay closed until Monday, September 15.",
            "until Monday, September 15",
            "XXXX-09-15",
            "target",
        ),
        ("A further vote is planned for April.", "for April", "XXXX-04", "target"),
        ("Blackouts were unlikely before August 2025.", "before August 2025", "2025-08", "not_before"),
        ("The bridge won't reopen until May 2026.", "until May 2026", "2026-05", "not_before"),
    ],
)
def test_dates_that_were_misread(text: str, phrase: str, value: str, bound: str) -> None:
    assert [f for f in found(text) if isinstance(f[1], str)] == [(phrase, value, bound)]


def test_next_month_counts_from_the_source_date() -> None:
    # Written on 14 March 2025: next February is 2026's, last May 2024's ("may" the verb is no month).
    assert found("She may seek more officers next February.", PRINTED_2025) == [
        ("next February", "2026?-02", "target")
    ]
    assert found("Prices fell last May.", PRINTED_2025) == [("last May", "2024?-05", "target")]


@pytest.mark.parametrize(
    "text",
    [
        "It is the largest public corruption trial in the state since 2009.",
        "It was the first open seat in 16 years.",
        "She called it the smallest increase in a decade.",
    ],
)
def test_comparisons_are_not_dates(text: str) -> None:
    assert [f for f in found(text, PRINTED_2025) if isinstance(f[1], str)] == []


def test_an_earlier_date_is_marked_before_or_after_its_bound_word() -> None:
    for text in (
        "Venn said the election, originally planned for September 21, must be monitored.",
        "Delays have pushed the opening back from December 2025.",
    ):
        (claim,) = [
            c for c in claims_in(Unit(text, "s", 1, None)) if c.kind == "date" and c.value.get("date")
        ]
        assert claim.earlier, text


def test_a_date_before_a_verb_of_an_act_dates_the_act() -> None:
    text = "The electoral commission on Friday set the parliamentary election for October 12."
    by_phrase = {c.phrase: c.property for c in claims_in(Unit(text, "s", 1, PRINTED_2025))}
    assert by_phrase == {"on Friday": "set-date", "for October 12": "date"}
