"""Exports: JSON round-trips, the Markdown brief shows conflicts with quotes and can't be injected into,
TimelineJS dates are cut to each date's precision and no event is silently dropped."""

from __future__ import annotations

import dataclasses
import json

import pytest
from markdown_it import MarkdownIt

from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.conflicts import detect_conflicts
from mission_tui.story.export import (
    describe_value,
    timeline_dates,
    to_json,
    to_markdown,
    to_timelinejs,
)
from mission_tui.story.loader import load_story, loads_story
from mission_tui.story.models import Bound, StoryFile

SAMPLE = '''
[story]
id = "sample"
title = "Sample <b>story</b>"
summary = """Two sources disagree.
# not a heading
[click](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>
1. not a list
===
    not code"""
as_of = "2024-09-27"

[[sources]]
id = "a"
outlet = "Outlet A"
kind = "news"
excerpt = "The mission ends by September 2025, officials said."
url = "https://example.org/a"

[[sources]]
id = "b"
outlet = "Outlet B"
kind = "news"
excerpt = "The mission ends by the end of 2026."
inference = "The year is inferred."

[[events]]
id = "day"
when = "2024-09-27"
title = "Day event"
status = "occurred"
sources = ["a"]

[[events]]
id = "month"
when = "2025-09"
title = "Month <event> & co"
status = "scheduled"

[[events]]
id = "year"
when = "2026"
title = "Year event"
status = "projected"

[[events]]
id = "span"
when = "2025-09/2026-12"
title = "Interval event"
status = "scheduled"

[[events]]
id = "open-start"
when = "../2026-12"
title = "Open start event"
status = "projected"

[[events]]
id = "undated"
title = "Undated meeting"
status = "occurred"
inference = "Left undated on purpose."

[[claims]]
id = "end-a"
subject = "mission"
property = "end"
value = { date = "2025-09" }
phrase = "by September 2025"
source = "a"
quote = "The mission ends by September 2025"

[[claims]]
id = "end-b"
subject = "mission"
property = "end"
value = { date = "2026-12" }
phrase = "by the end of 2026"
source = "b"
quote = "The mission ends by the end of 2026."
inference = "Read as the planned end."

[[conflicts]]
id = "end"
title = "When does it end?"
claims = ["end-a", "end-b"]
kind = "date"
note = "Curated: the sources disagree."
'''


@pytest.fixture(scope="module")
def sample() -> StoryFile:
    return loads_story(SAMPLE)


@pytest.fixture(scope="module")
def bundled() -> StoryFile:
    return load_story(bundled_story_path()).model


def test_json_round_trips_to_an_equal_model(sample: StoryFile, bundled: StoryFile) -> None:
    """The export is itself a story file: read back (its `derived` block ignored), it is the same story."""
    for story in (sample, bundled):
        text = to_json(story)
        assert loads_story(text, "story.json") == story
        assert text.endswith("\n") and json.loads(text)["story"]["id"] == story.story.id


def test_json_leaves_out_nones(sample: StoryFile) -> None:
    data = json.loads(to_json(sample))
    assert "when" not in data["events"][5] and "url" not in data["sources"][1]


def test_json_escapes_terminal_controls_but_round_trips() -> None:
    hostile = 'title = "x\\u001b[2J\\u009b\\u202ey"'
    story = loads_story(SAMPLE.replace('title = "Sample <b>story</b>"', hostile))
    text = to_json(story)
    assert not any(ch in text for ch in "\x1b\x9b\u202e")
    assert loads_story(text, "story.json").story.title == "x\x1b[2J\x9b\u202ey"


def test_markdown_shows_conflict_with_quotes_and_notes(sample: StoryFile) -> None:
    md = to_markdown(sample, detect_conflicts(sample))
    conflict = md[md.index("## Conflicts") :]
    assert "### When does it end?" in conflict
    assert "“by September 2025” → **September 2025** — Outlet A" in conflict
    assert "“by the end of 2026” → **December 2026** — Outlet B" in conflict
    assert "> The mission ends by September 2025\n" in conflict
    assert "> The mission ends by the end of 2026.\n" in conflict
    assert "*Curated note:* Curated: the sources disagree." in conflict
    assert "*Inferred:* Read as the planned end." in conflict


def test_markdown_sections_dates_in_words_and_undated_events(sample: StoryFile) -> None:
    md = to_markdown(sample, detect_conflicts(sample))
    assert md.startswith("# Sample &lt;b&gt;story&lt;/b&gt;\n")
    assert "*As of 27 September 2024*" in md
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Key points", "## Timeline", "## Sources", "## Conflicts"]
    timeline = md[md.index("## Timeline") : md.index("## Sources")]
    # by lower bound, then upper (an open start at its known end); undated events last
    order = ["27 September 2024", "September 2025", "September 2025 to December 2026", "2026",
             "until December 2026", "date not given"]
    positions = [timeline.index(f"- **{words}**") for words in order]
    assert positions == sorted(positions)
    assert "*Inferred:* Left undated on purpose." in timeline
    sources = md[md.index("## Sources") : md.index("## Conflicts")]
    assert "<https://example.org/a>" in sources and "*Inferred:* The year is inferred." in sources


def test_markdown_injection_is_neutralized(sample: StoryFile) -> None:
    md = to_markdown(sample, detect_conflicts(sample))
    rendered = MarkdownIt().render(md)  # CommonMark with raw HTML enabled: the strict reading
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="javascript' not in rendered
    assert "<h1>not a heading" not in rendered and "<h1># not a heading" not in rendered
    assert rendered.count("<h1>") == 1 and "<ol" not in rendered.split("<h2>Key points")[0]
    assert "<pre><code>not code" not in rendered
    assert "# not a heading" in rendered and "1. not a list" in rendered  # still readable as text


def test_markdown_strips_control_characters() -> None:
    hostile = "Two\\u001b[31m sources\\u0007 \\u009bdisagree."
    story = loads_story(SAMPLE.replace("Two sources disagree.", hostile))
    md = to_markdown(story, [])
    assert not any(ch in md for ch in "\x1b\x07\x9b") and "Two\\[31m sources disagree." in md
    assert "No conflicting claims were found." in md


def test_markdown_of_bundled_story_has_its_conflict(bundled: StoryFile) -> None:
    md = to_markdown(bundled, detect_conflicts(bundled))
    assert "When does the current mission end?" in md
    assert "> The current mission will officially conclude by September 2025" in md
    assert "date not given" in md  # the Biden/al-Sudani meeting has no date


def test_timelinejs_dates_are_cut_to_precision(sample: StoryFile) -> None:
    slides = {slide["unique_id"]: slide for slide in to_timelinejs(sample)["events"]}
    assert slides["day"]["start_date"] == {"year": 2024, "month": 9, "day": 27}
    assert slides["month"]["start_date"] == {"year": 2025, "month": 9}
    assert slides["year"]["start_date"] == {"year": 2026}
    assert slides["span"]["start_date"] == {"year": 2025, "month": 9}
    assert slides["span"]["end_date"] == {"year": 2026, "month": 12}
    assert slides["open-start"]["start_date"] == {"year": 2026, "month": 12}
    assert all("end_date" not in slides[k] for k in ("day", "month", "year", "open-start"))


@pytest.mark.parametrize(
    ("when", "start", "end"),
    [("2024?-09-27", {"year": 2024, "month": 9, "day": 27}, None),
     ("2025-09~", {"year": 2025, "month": 9}, None),
     ("2025-21", {"year": 2025, "month": 3}, {"year": 2025, "month": 5}),
     ("202X", {"year": 2020}, {"year": 2029}),
     ("2025-09/..", {"year": 2025, "month": 9}, None),
     ("2024-09-27/2025", {"year": 2024, "month": 9, "day": 27}, {"year": 2025})],
)
def test_timeline_dates(when: str, start: dict[str, int], end: dict[str, int] | None) -> None:
    assert timeline_dates(when) == (start, end)


def test_timelinejs_slides_fields_and_undated_listed(sample: StoryFile) -> None:
    timeline = to_timelinejs(sample)
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    assert "undated" not in slides and len(slides) == 5
    assert slides["span"]["display_date"] == "September 2025 to December 2026"
    assert slides["month"]["group"] == "scheduled"
    assert slides["month"]["text"]["headline"] == "Month &lt;event&gt; &amp; co"
    assert "Sources: Outlet A" in slides["day"]["text"]["text"]
    title = timeline["title"]["text"]
    assert title["headline"] == "Sample &lt;b&gt;story&lt;/b&gt;"
    assert "<script>" not in title["text"] and "&lt;script&gt;" in title["text"]
    assert "Not on this timeline (date not given)" in title["text"]
    assert "<li>Undated meeting (occurred)</li>" in title["text"]


def test_timelinejs_of_bundled_story_keeps_every_event(bundled: StoryFile) -> None:
    timeline = to_timelinejs(bundled)
    on_timeline = {slide["unique_id"] for slide in timeline["events"]}
    for event in bundled.events:
        assert event.id in on_timeline or event.title in timeline["title"]["text"]["text"]
    json.dumps(timeline)  # plain JSON types only


def test_describe_value_kinds(bundled: StoryFile) -> None:
    claims = {claim.id: claim for claim in bundled.claims}
    assert describe_value(claims["troops-now"]) == "about 2,500 troops"
    assert describe_value(claims["end-digest-key-points"]) == "September 2025"
    assert describe_value(claims["meeting-discussed"]).startswith("President Biden")
    deadline = dataclasses.replace(claims["end-the-hill"], bound=Bound.not_after)
    assert describe_value(deadline) == "no later than December 2026"
