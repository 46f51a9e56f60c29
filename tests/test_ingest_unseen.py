"""Ingest on digests its rules were not written from: for each digest in tests/digests/ with
expectations (tests/ingest_expectations.py, written by hand as a careful reader would extract it),
the draft must find every dated or quantified statement with its value and bound, invent none, put
together what is about the same thing and apart what is not, find the conflicts a reader would flag
and no others, and show the happenings a reader expects, under readable titles.

Three of the digests (rate_decision, wildfire, trade_deal) were held out: written and scored before any
rule was changed for them. Known misses are listed here, so that a fix shows up as a failing test too.
"""

from __future__ import annotations

import pytest

from ingest_expectations import EXPECTED
from ingest_scoring import DIGESTS, describe, draft_story, invented_dates, score
from mission_tui.ingest.draft import build_draft
from mission_tui.ingest.writer import to_toml

# Statements a reader groups that the rules do not, mostly one thing under two names: "$3.2 million in
# public funds" and the headline's "$3.2 million fraud"; "raising spending by 4.5%" and "the 4.5%
# increase" (an increase of nothing named).
KNOWN_APART = {
    "fraud_trial": [("diverted", "headline")],
    "city_budget": [("rise", "increase")],
    # "the recall to cost roughly €180 million" and "estimates the cost at €180 million" (the cost of
    # what is not named), "replace the pumps starting in April" and "repairs would begin in mid-April"
    "car_recall": [("cost", "cost_kp"), ("starting", "repairs")],
    # "the new Green Line metro will open", the key point "Opening:" and "the Green Line will not open"
    "metro_line": [("opening", "opening_kp", "opening_gazette")],
}
NAMES = sorted(EXPECTED)


@pytest.mark.parametrize("name", NAMES)
def test_every_statement_is_found_with_its_value_and_none_is_invented(name: str) -> None:
    expected = EXPECTED[name]
    result = score(expected)
    assert (result.missed, result.wrong_property, result.invented) == ([], [], []), describe(result, expected)


@pytest.mark.parametrize("name", NAMES)
def test_the_conflicts_a_reader_flags_and_no_others(name: str) -> None:
    expected = EXPECTED[name]
    result = score(expected)
    assert (result.conflicts_missed, result.false_conflicts) == ([], []), describe(result, expected)


@pytest.mark.parametrize("name", NAMES)
def test_same_things_together_and_different_things_apart(name: str) -> None:
    expected = EXPECTED[name]
    result = score(expected)
    assert result.not_together == KNOWN_APART.get(name, []), describe(result, expected)
    assert result.not_apart == [], describe(result, expected)


@pytest.mark.parametrize("name", NAMES)
def test_the_happenings_a_reader_expects_are_events(name: str) -> None:
    expected = EXPECTED[name]
    result = score(expected)
    assert result.events_missed == [], describe(result, expected)
    for event in result.story.events:
        assert len(event.title.split()) >= 1 and event.title[0].isupper(), event.title
        assert event.title.lower() not in {"percent", "gigawatts", "statement", "a.m", "p.m"}, event.title


@pytest.mark.parametrize("year", [None, 2025])
@pytest.mark.parametrize("name", NAMES)
def test_no_date_has_a_year_or_month_its_words_do_not_give(name: str, year: int | None) -> None:
    assert invented_dates(draft_story(EXPECTED[name], year)) == []


@pytest.mark.parametrize("name", NAMES)
def test_the_same_digest_gives_the_same_bytes(name: str) -> None:
    path = DIGESTS / EXPECTED[name].file
    text = path.read_text(encoding="utf-8")
    first, second = (to_toml(build_draft(text, str(path), path.name).data, path.name) for _ in range(2))
    assert first == second
