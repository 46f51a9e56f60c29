"""Every date `check` accepts can be put in words and exported.

`check` accepting a date promises that every output can show it. Before, `../..` passed `check` and
then crashed the Markdown and TimelineJS exports and the explorer; `../X046` and `1000-X9/7225%`
crashed the words. Here the accepted forms (the README's, the EDTF levels' and a seeded corpus of
generated ones, EDTF's qualifiers, unspecified digits, seasons, sets and open ends combined) go
through every output: the words, `check`, the JSON, Markdown and TimelineJS exports, and the
explorer's index. Hypothesis then looks for a string that is accepted but cannot be described.
"""

from __future__ import annotations

import json
import random
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mission_tui.cli import main, render_export
from mission_tui.screens.commands import palette_entries
from mission_tui.story.date_words import date_words, precision_words, short_date, timing_of
from mission_tui.story.dates import EdtfError, parse_date
from mission_tui.story.export import timeline_dates
from mission_tui.story.index import build_index
from mission_tui.story.loader import load_story
from mission_tui.story.models import EventStatus
from mission_tui.story.words import describe_date

TODAY = date(2026, 11, 24)

# Forms an author may write: the README's examples and EDTF levels 0-2 (ISO 8601-2).
KNOWN_FORMS = (
    "2025-09", "2024", "2024-09-27", "2024-09-27?", "2024?-09-27", "2025-09~", "../2026-12",
    "../2026-12-31", "2025-09/2026-12", "2024-09-27%", "2024~-09", "2024-21", "2024-24", "2024-33",
    "2024-41", "XXXX-09-27", "2025-03-2X", "202X", "2025-XX", "2024-09/..", "2024/", "/2024",
    "2024-09-27?/2025~", "0001", "9999-12-31", "2024-09-27/2024-09-27", "XXXX-02-29",
)  # fmt: skip
# Refused: open or broken intervals, hostile input, and the EDTF forms stories do not use (a time of
# day, significant digits, sets), each with what to write instead.
REFUSED = (
    "../..", "/..", "..", "2024-21?/2025-22~", "Y1E99999999", "２０２４", "٢٠٢٤-٠٩", "2024\u200b",
    "2024-06-11T10:00:00", "1950S2", "{2024,2025}", "[2024..2025]",
)  # fmt: skip


def _corpus(count: int, seed: int) -> list[str]:
    """Strings built the way EDTF combines its parts, most of them invalid somewhere."""
    rng = random.Random(seed)

    def part(choices: str) -> str:
        return rng.choice(choices.split())

    def qualifier() -> str:
        return rng.choice("???~~%") if rng.random() < 0.15 else ""

    def single() -> str:
        text = qualifier() + part("2024 1985 0001 9999 2025 202X 20XX XXXX 0000 Y1E3") + qualifier()
        if rng.random() < 0.6:
            month = part("01 09 12 12 13 21 24 33 41 XX 1X X9")
            text += "-" + qualifier() + month + qualifier()
            if rng.random() < 0.6 and (month <= "12" or "X" in month):
                text += "-" + qualifier() + part("01 27 28 31 29 30 32 XX 2X X1") + qualifier()
        return text

    def value() -> str:
        roll = rng.random()
        if roll < 0.45:
            return single()
        if roll < 0.9:
            ends = [single(), single(), "..", ""]
            return rng.choice(ends) + "/" + rng.choice(ends)
        inner = ",".join(rng.choice([single(), ".." + single(), single() + ".."]) for _ in range(2))
        return rng.choice("[{") + inner + rng.choice("]}")

    return [value() for _ in range(count)]


def accepted(candidates: list[str]) -> list[str]:
    found = []
    for text in candidates:
        try:
            parse_date(text)
        except EdtfError:
            continue
        found.append(text)
    return list(dict.fromkeys(found))


def all_words(text: str) -> list[str]:
    """What the words functions say about a date (none may raise)."""
    words = [describe_date(text), date_words(text), date_words(text, inferred=True)]
    words += [date_words(text, status=status) for status in EventStatus]
    words += [short_date(text), precision_words(text)]
    timing_of(text, TODAY)
    parse_date(text).sort_key()
    start, _ = timeline_dates(text)
    assert start is None or set(start) <= {"year", "month", "day"}
    return words


@pytest.fixture(scope="module")
def accepted_forms() -> list[str]:
    forms = accepted(list(KNOWN_FORMS) + _corpus(400, seed=12))
    assert set(KNOWN_FORMS) <= set(forms), set(KNOWN_FORMS) - set(forms)
    assert len(forms) > 100  # the corpus reaches well past the known forms
    return forms


def test_the_hostile_forms_are_refused_quickly() -> None:
    for text in REFUSED:
        start = time.perf_counter()
        with pytest.raises(EdtfError):
            parse_date(text)
        assert time.perf_counter() - start < 0.5, text


@pytest.mark.slow
def test_every_accepted_form_has_words(accepted_forms: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    for text in accepted_forms:
        assert all(all_words(text)), text
    assert capsys.readouterr() == ("", "")  # edtf's own "trying to ..." lines never get out


def _toml(text: str) -> str:
    return json.dumps(text)


def story_with_dates(forms: list[str]) -> str:
    """A valid story whose every date field holds the forms: as_of, published, when, a claim's
    value, as_of and anchor; every claim has the same subject, so conflict detection sees them all."""
    lines = [
        "[story]", 'id = "dates"', 'title = "Dates"', 'summary = "Every accepted date."',
        f"as_of = {_toml(forms[0])}", "",
    ]  # fmt: skip
    for number, form in enumerate(forms):
        lines += [
            "[[sources]]", f'id = "s{number}"', 'outlet = "Outlet"', 'kind = "news"', 'excerpt = "words"',
            f"published = {_toml(form)}", "",
            "[[events]]", f'id = "e{number}"', f"when = {_toml(form)}", 'title = "Event"',
            'status = "occurred"', f'sources = ["s{number}"]', f'claims = ["c{number}"]', "",
            "[[claims]]", f'id = "c{number}"', 'subject = "mission"', 'property = "end"',
            f"value = {{ date = {_toml(form)} }}", 'phrase = "words"', f'source = "s{number}"',
            'quote = "words"', f"as_of = {_toml(form)}", f"anchor = {_toml(form)}", "",
        ]  # fmt: skip
    return "\n".join(lines)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.slow
def test_every_accepted_form_goes_through_every_output(
    accepted_forms: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chunk = 60
    for first in range(0, len(accepted_forms), chunk):
        forms = accepted_forms[first : first + chunk]
        path = tmp_path / f"dates{first}.toml"
        path.write_text(story_with_dates(forms), encoding="utf-8")
        assert main(["check", str(path)]) == 0, capsys.readouterr().err
        out, err = capsys.readouterr()
        assert "is valid" in out and "Traceback" not in out + err and "trying to" not in out + err

        loaded = load_story(path)
        assert _strict_json(render_export(loaded, "json"))["events"][0]["when"] == forms[0]
        markdown = render_export(loaded, "markdown")
        timeline = _strict_json(render_export(loaded, "timelinejs"))
        assert markdown.count("*(occurred)*") == len(forms)  # every event is in the brief's timeline
        title_text = timeline["title"]["text"]["text"]  # lists conflicts too, then the unplaced events
        off_timeline = title_text.partition("Not on this timeline")[2].count("<li>")
        assert len(timeline["events"]) + off_timeline == len(forms)

        index = build_index(loaded.model, TODAY)
        assert index.as_of_words()
        for number in range(len(forms)):
            assert index.event_date(f"e{number}") and index.event_short_date(f"e{number}")
            assert index.source_date(f"s{number}")
            assert index.event_search(f"e{number}") is not None
        assert len(palette_entries(index)) >= len(forms)


@st.composite
def edtf_like(draw: st.DrawFn) -> str:
    """Short strings over EDTF's alphabet, weighted toward its pieces."""
    pieces = st.sampled_from(
        ["2024", "1985", "0001", "9999", "XXXX", "20XX", "-", "-", "/", "..", "?", "~", "%", "X", "09",
         "21", "33", "12", "27", "31", "00", "[", "]", "{", "}", ",", "Y", "E", "S2", "T10:00:00"]
    )  # fmt: skip
    return "".join(draw(st.lists(pieces, min_size=1, max_size=7)))


@settings(max_examples=300, deadline=None)
@given(edtf_like())
def test_whatever_is_accepted_can_be_described(text: str) -> None:
    try:
        parse_date(text)
    except EdtfError:
        return
    assert all(all_words(text))
