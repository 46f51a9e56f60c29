"""StoryIndex: orders, link maps both ways, date words, timing relative to today, search, palette."""

from __future__ import annotations

from datetime import date

import pytest

from mission_tui.story.date_words import Timing, date_words, precision_words, short_date, timing_of
from mission_tui.story.index import OVERVIEW_KEY, TODAY_KEY, build_index
from mission_tui.story.models import EventStatus


@pytest.fixture
def index(synthetic_story, today):
    return build_index(synthetic_story.model, today)


def test_timeline_is_in_date_order_with_undated_last(index):
    assert index.timeline == ["announce", "review", "drawdown", "handover", "undated-meeting"]
    assert index.undated == {"undated-meeting"}
    assert index.step_of["drawdown"] == 2
    assert index.step_count == 5


def test_timeline_rows_open_on_the_overview_with_a_row_per_year(index):
    # today is 2026-11-24: drawdown (June 2026) is past, handover (2027) is upcoming; the marker sits
    # before the 2027 heading, since today is in 2026
    assert index.timeline_rows == [
        OVERVIEW_KEY, "@row:2024", "announce", "@row:2025", "review", "@row:2026", "drawdown", TODAY_KEY,
        "@row:2027", "handover", "@row:no-date", "undated-meeting",
    ]  # fmt: skip
    assert index.today_position == 3
    assert index.headings["@row:2027"] == "2027" and index.headings["@row:no-date"] == "no date"


def test_timing_depends_on_today(synthetic_story):
    early = build_index(synthetic_story.model, date(2026, 1, 1))
    late = build_index(synthetic_story.model, date(2026, 11, 24))
    during = build_index(synthetic_story.model, date(2026, 6, 15))
    assert early.timing["drawdown"] is Timing.upcoming
    assert late.timing["drawdown"] is Timing.past
    assert during.timing["drawdown"] is Timing.now
    assert "undated-meeting" not in late.timing
    # on 1 January 2026 the marker heads 2026: after the 2026 heading, before June's drawdown
    at = early.timeline_rows.index(TODAY_KEY)
    assert early.timeline_rows[at - 1 : at + 2] == ["@row:2026", TODAY_KEY, "drawdown"]


def test_timing_of_ranges():
    assert timing_of("2025-09", date(2025, 10, 1)) is Timing.past
    assert timing_of("2025-09", date(2025, 9, 30)) is Timing.now
    assert timing_of("2025-09", date(2025, 8, 31)) is Timing.upcoming
    assert timing_of("../2026-12", date(2020, 1, 1)) is Timing.now  # open start overlaps everything before
    assert timing_of(None, date(2025, 1, 1)) is None


def test_date_words_never_claim_more_than_the_data():
    assert date_words(None) == "date not given"
    assert date_words("2025-09") == "September 2025"
    assert date_words("2026-12", status=EventStatus.scheduled) == "December 2026 (planned)"
    assert date_words("2027", status=EventStatus.projected) == "2027 (projected)"
    assert date_words("2024?-09-27", inferred=True) == "27 September, year not given — 2024 inferred"
    assert date_words("2024?-09-27") == "27 September 2024, year uncertain"
    assert date_words("../2026-12-31", status=EventStatus.scheduled) == "by the end of 2026 (planned)"
    assert date_words("../2026-12") == "by December 2026"
    assert date_words("2025-09/2026-12") == "September 2025 to December 2026"
    assert precision_words("2025-09") == "month only"
    assert precision_words("2024-09-27?") == "exact day, uncertain"


def test_short_dates():
    assert short_date("2024?-09-27") == "27 Sep 2024?"
    assert short_date("2025-09") == "Sep 2025"
    assert short_date("2026") == "2026"
    assert short_date("../2026-12") == "→ Dec 2026"
    assert short_date(None) == "no date"


def test_event_and_source_dates_in_words(index):
    assert index.event_date("announce") == "27 September, year not given — 2024 inferred"
    assert index.event_date("handover") == "2027 (planned)"
    assert index.event_date("undated-meeting") == "date not given"
    assert index.source_date("alpha") == "27 September, year not given — 2024 inferred"
    assert index.source_date("gamma") == "date not given"


def test_links_go_both_ways(index):
    event = index.event_links("review")
    assert event.sources == ("beta",)
    assert event.key_points == ("kp-end",)
    assert event.claims == ("end-beta",)
    assert event.conflicts == ("end-date",)

    source = index.source_links("beta")
    assert source.events == ("review", "drawdown")
    assert source.claims == ("end-beta",)
    assert source.key_points == ("kp-end",)
    assert source.conflicts == ("end-date",)

    kp = index.key_point_links("kp-end")
    assert set(kp.claims) == {"end-alpha", "end-beta"}
    assert kp.events == ("announce", "review")  # through its claims, in date order
    assert kp.sources == ("alpha", "beta")

    partner = index.key_point_links("kp-partner")
    assert partner.events == ("handover",)
    assert index.event_links("handover").key_points == ("kp-partner",)

    conflict = index.conflict_links("end-date")
    assert conflict.sources == ("alpha", "beta")
    assert conflict.events == ("announce", "review")
    assert set(conflict.claims) == {"end-alpha", "end-beta"}

    claim = index.claim_links("end-alpha")
    assert claim.sources == ("alpha",)
    assert claim.events == ("announce",)
    assert claim.conflicts == ("end-date",)


def test_search_text_is_sanitized_and_covers_dates(index):
    text = index.source_search("alpha")
    assert "Alpha" in text and "2024" in text
    assert "\x1b" not in index.source_search("alpha")
    assert "planned" in index.event_search("handover")
    assert index.event_search("undated-meeting").startswith("Leaders meet")


def test_palette_entries_cover_every_item(index, synthetic_story):
    from mission_tui.screens.commands import palette_entries

    entries = palette_entries(index)
    model = synthetic_story.model
    expected = (
        len(model.events)
        + len(model.key_points)
        + len(model.sources)
        + len(model.claims)
        + len(index.conflicts)
    )
    assert len(entries) == expected + 1  # and the overview, first
    assert entries[0].id == OVERVIEW_KEY
    kinds = {entry.kind for entry in entries}
    assert kinds == {"event", "key_point", "source", "claim", "conflict"}
    assert any(e.label == "When does the plan end?" for e in entries)


def test_bundled_story_index(bundled_story, today):
    index = build_index(bundled_story.model, today)
    assert index.timeline[-1] == "biden-al-sudani-meeting"  # undated, last
    assert index.timing["mission-end-2026-12"] is Timing.upcoming
    assert index.timing["mission-end-2025-09"] is Timing.past
    assert index.event_date("mission-end-2026-12") == "December 2026 (planned)"
    assert "mission-end-date" in index.conflicts
    links = index.conflict_links("mission-end-date")
    assert set(links.sources) == {"digest", "the-hill", "washington-times"}


def test_ordered_links_drop_repeats_and_follow_display_order() -> None:
    from mission_tui.story.index import OrderedLinks

    links = OrderedLinks({"a": ["z", "x", "z", "y"], "b": ["q"]}, {"x": 0, "y": 1, "z": 2})
    assert links["a"] == ("x", "y", "z") and links["a"] is links["a"]  # ordered once, then kept
    assert links.get("b") == ("q",) and links.get("missing", ()) == ()
    assert "a" in links and "missing" not in links and len(links) == 2 and sorted(links) == ["a", "b"]
