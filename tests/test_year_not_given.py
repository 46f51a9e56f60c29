"""Dates whose year the text does not give: said in words ('12 Jul (year not given)'), the year's
absence said once for a range of one year ('21–31 July, year not given'), never '????' and never a
year the text does not print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mission_tui.ingest.command import open_digest
from mission_tui.screens.commands import palette_entries
from mission_tui.story.index import build_index
from mission_tui.story.models import EventStatus
from mission_tui.story.words import date_words, describe_date, precision_words, short_date
from mission_tui.widgets.conflict_view import conflict_body
from mission_tui.widgets.detail_render import claim_body, event_body, source_body
from mission_tui.widgets.overview import overview_body
from mission_tui.widgets.rows import conflict_row, timeline_row

DIGESTS = Path(__file__).resolve().parent / "digests"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2478aec32e3f585e.txt"
TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "short", "words"),
    [
        ("XXXX-07-14", "14 Jul (year not given)", "14 July, year not given"),
        ("XXXX-08", "Aug (year not given)", "August, year not given"),
        ("XXXX-07-21/XXXX-07-31", "21–31 Jul (year not given)", "21–31 July, year not given"),
        ("XXXX-08-21/XXXX-09-30", "21 Aug–30 Sep (year not given)", "21 August to 30 September, year not given"),  # noqa: E501
        ("../XXXX-10-15", "→ 15 Oct (year not given)", "until 15 October, year not given"),
        ("2025-03-XX", "Mar 2025", "March 2025, day not given"),
    ],
)
def test_a_date_without_its_year_says_so_in_words(text: str, short: str, words: str) -> None:
    assert short_date(text) == short
    assert describe_date(text) == words


def test_a_range_within_one_year_not_given_says_it_once_in_the_explorer() -> None:
    planned = date_words("XXXX-09-21/XXXX-09-30", status=EventStatus.scheduled)
    assert planned == "21–30 September, year not given (planned)"  # not '21 September, year not given to ...'
    assert precision_words("XXXX-07-21/XXXX-07-31") == "a range; year not given"


def _shown(path: Path) -> str:
    """Everything the explorer says about an ingested digest: rows, details, the palette."""
    loaded = open_digest(path, None)
    assert loaded is not None
    index = build_index(loaded.model, TODAY, base_dir=path.parent)
    shown = [short_date(index.story.story.as_of), overview_body(index, 80).plain]  # the header, step 0
    shown += [timeline_row(index, key, 60).plain for key in index.timeline_rows]
    shown += [event_body(index, key).plain for key in index.timeline]
    shown += [claim_body(index, key).plain for key in index.claims]
    shown += [source_body(index, key).plain for key in index.sources]
    for key in index.conflicts:
        shown += [conflict_row(index, key, 60).plain, conflict_body(index, key, 80).plain]
    shown += [f"{entry.label} {entry.help}" for entry in palette_entries(index)]
    return "\n".join(shown)


@pytest.mark.parametrize("path", [SEED, *sorted(DIGESTS.glob("*.txt"))], ids=lambda path: path.stem)
def test_no_digest_shows_question_marks_for_a_year(path: Path) -> None:
    shown = _shown(path)
    assert "????" not in shown, [line for line in shown.splitlines() if "????" in line][:5]


def test_the_heat_wave_digest_in_a_readers_words() -> None:
    loaded = open_digest(DIGESTS / "heat_wave.txt", None)
    assert loaded is not None
    index = build_index(loaded.model, TODAY, base_dir=DIGESTS)
    values = sorted(index.conflict_values(key) for key in index.open_conflicts)
    assert "Aug vs 15 Sep (year not given)" in values, values
    assert "21–31 Aug vs 21–30 Sep (year not given)" in values, values
    assert short_date(index.story.story.as_of) == "15 Jul (year not given)"  # the header's "as of"
