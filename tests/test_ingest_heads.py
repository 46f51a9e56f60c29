"""What a value is about, read from the noun phrases around it (ingest/heads.py and subjects.py): the
noun phrase before its verb, past objects, prepositional phrases and relative pronouns; keys that meet
across wordings ("Reserves", "reserve capacity"); the words that name a thing next to a number."""

from __future__ import annotations

import pytest

from mission_tui.ingest.claims import Unit, claims_in
from mission_tui.ingest.heads import label_key, noun_key, subject_phrase
from mission_tui.ingest.text import Spans


@pytest.mark.parametrize(
    ("text", "before", "subject"),
    [
        ("Reserve capacity stands at about 12 gigawatts", "about", "Reserve capacity"),
        ("The measures will remain in place until the end of September", "until", "measures"),
        ("Turnout in the last mayoral election, in 2021, was 38 percent", "38", "Turnout"),
        ("Sales of its flagship routers fell 4%", "4%", "Sales"),
        (
            "Europe's power grid operators expect electricity demand to peak in late July",
            "in late",
            "electricity demand",
        ),
        ("The commission said results would be published no later than 15 October", "no later", "results"),
        ("Riverside United beat Harbour City 2-1 on Saturday", "on Saturday", "Riverside United"),
        ("It raised its full-year revenue forecast to $4.1 billion", "to $4", "full-year revenue forecast"),
        ("The heatwave tests a grid that has added solar since 2022", "since", "grid"),
        ("The fire covers 11,800 hectares", "11,800", "fire"),
    ],
)
def test_the_subject_of_the_verb_before_a_value(text: str, before: str, subject: str) -> None:
    assert subject_phrase(text, 0, text.index(before), Spans([]))[0] == subject


def test_a_value_introduced_by_by_is_its_objects() -> None:
    text = "Firefighters expected full containment by June 20"
    start = text.index("by June")
    assert subject_phrase(text, 0, start, Spans([]), introduced=True) == ("full containment", False)
    assert subject_phrase(text, 0, start, Spans([]))[0] == "Firefighters"  # an object otherwise


def test_a_pronoun_subject_is_no_noun_phrase() -> None:
    text = "The company said it would cut jobs by March"
    assert subject_phrase(text, 0, text.index("by March"), Spans([])) is None


def test_an_earlier_instance_is_marked() -> None:
    text = "Turnout in the last mayoral election was 38 percent"
    assert subject_phrase(text, 0, text.index("38"), Spans([])) == ("Turnout", True)


@pytest.mark.parametrize(
    ("words", "key"),
    [
        ("Reserves", "reserve"),
        ("Reserve capacity", "reserve"),  # a generic head gives way to its modifier
        ("electricity demand", "demand"),
        ("walkout", "strike"),
        ("spending plan", "budget"),
        ("cases", "case"),
        ("taxes", "tax"),
        ("The Sierra Alta blaze", "fire"),
    ],
)
def test_keys_meet_across_wordings(words: str, key: str) -> None:
    assert noun_key(words) == key


@pytest.mark.parametrize(
    ("label", "key"), [("Measures", "measure"), ("Timeline", None), ("What's Next", None)]
)
def test_labels_name_things_unless_they_name_a_heading(label: str, key: str | None) -> None:
    assert label_key(label) == key


@pytest.mark.parametrize(
    ("text", "label", "subjects"),
    [
        ("Officials expect turnout of between 65 and 70 percent.", None, ["turnout"]),
        ("About 12 gigawatts of reserve capacity would be available.", None, ["reserve"]),
        ("The council approved a $3.4 billion budget.", None, ["budget"]),
        ("Households are asked to reduce use until the end of August.", "Measures", ["measure"]),
        ("He was convicted on 14 counts of fraud; he faced 16 counts.", None, ["fraud-count", "count"]),
        (
            "Two firefighters were injured, and 1,100 firefighters were deployed.",
            None,
            ["injured-firefighter", "firefighter"],
        ),
        (
            "The company would cut about 1,500 jobs, or 6% of its workforce, by March 2026.",
            None,
            ["job", "workforce", "job"],
        ),
    ],
)
def test_claims_are_about_the_thing_the_text_names(text: str, label: str | None, subjects: list[str]) -> None:
    assert [c.subject for c in claims_in(Unit(text, "s", 1, None, label=label))] == subjects
