"""Exports: JSON round-trips, the Markdown brief shows conflicts with quotes and can't be injected into,
TimelineJS dates are cut to each date's precision and no event is silently dropped."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.conflicts import detect_conflicts
from mission_tui.story.export import (
    NoDatedEvents,
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


def render(md: str, preset: str = "commonmark") -> str:
    """The brief as a reader sees it: CommonMark, or GFM-like (tables, strikethrough, autolinks)."""
    return MarkdownIt(preset).render(md)


def test_markdown_shows_conflict_with_quotes_and_notes(sample: StoryFile) -> None:
    md = to_markdown(sample, detect_conflicts(sample))
    html = render(md)
    conflict = html[html.index("<h2>Conflicts") : html.index("<h2>Timeline")]
    assert "<h3>When does it end?</h3>" in conflict
    assert "<strong>Outlet A</strong>: “by September 2025” → <strong>September 2025</strong>" in conflict
    assert "<strong>Outlet B</strong>: “by the end of 2026” → <strong>December 2026</strong>" in conflict
    assert "<blockquote>\n<p>The mission ends by September 2025</p>\n</blockquote>" in conflict
    assert "<p><em>Curated note:</em> Curated: the sources disagree.</p>" in conflict
    assert "<p><em>Inferred:</em> Read as the planned end.</p>" in conflict


def test_markdown_conflicts_follow_the_summary_and_name_outlets_not_ids(sample: StoryFile) -> None:
    html = render(to_markdown(sample, detect_conflicts(sample)))
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == ["Conflicts", "Timeline", "Sources"]  # no key points: no empty section
    conflict = html[html.index("<h2>Conflicts") : html.index("<h2>Timeline")]
    _, _, pairs_part = conflict.partition("<p><em>Why they cannot all be right:</em></p>")
    assert pairs_part, "the pairs are a list of their own, after a label, not more claims"
    pair = re.search(r"<ul>\n<li>(.*?)</li>", pairs_part)
    assert pair is not None
    assert pair.group(1) == (
        "<strong>Outlet A</strong> “by September 2025” (September 2025) ends before the "
        "start of <strong>Outlet B</strong> “by the end of 2026” (December 2026)"
    )
    assert "end-a" not in conflict and "end-b" not in conflict  # claim ids are not for readers


def test_markdown_labelled_lines_are_paragraphs_of_their_own(bundled: StoryFile) -> None:
    """CommonMark joins lines of a paragraph with soft breaks: each label must start its own."""
    for preset in ("commonmark", "gfm-like"):
        html = render(to_markdown(bundled, detect_conflicts(bundled)), preset)
        for label in ("Backed by:", "Sources:", "Inferred:", "Note:", "Curated note:"):
            assert f"<p><em>{label}</em>" in html, label
            assert not re.search(rf"<p>[^<][^\n]*?\n?<em>{label}</em>", html), label
        key_points = html[html.index("<h2>Key points") : html.index("<h2>Timeline")]
        assert "<li>\n<p><strong>Timeline</strong></p>\n<p>The current mission" in key_points


def test_markdown_sections_dates_in_words_and_undated_events(sample: StoryFile) -> None:
    md = to_markdown(sample, detect_conflicts(sample))
    assert md.startswith("# Sample &lt;b&gt;story&lt;/b&gt;\n")
    assert "*As of 27 September 2024*" in md
    html = render(md)
    timeline = html[html.index("<h2>Timeline") : html.index("<h2>Sources")]
    # by lower bound, then upper (an open start at its known end); undated events last
    order = ["27 September 2024", "September 2025", "September 2025 to December 2026", "2026",
             "by December 2026", "date not given"]  # fmt: skip
    positions = [timeline.index(f"<strong>{words}</strong>") for words in order]
    assert positions == sorted(positions)
    assert "<p><em>Inferred:</em> Left undated on purpose.</p>" in timeline
    sources = html[html.index("<h2>Sources") :]
    assert '<a href="https://example.org/a">' in sources
    assert "<p><em>Inferred:</em> The year is inferred.</p>" in sources


EDGE = """
[story]
id = "edge"
title = "Edge https://evil.example"
summary = "Visit https://evil.example, www.evil.example, evil.example or mail a@evil.example; [x](https://evil.example)."
as_of = "2025-XX"

[[sources]]
id = "a"
outlet = "evil.example"
kind = "news"
headline = "See http://evil.example/path"
excerpt = "mailto:a@evil.example 2,500"

[[events]]
id = "no-year"
when = "XXXX-09-27"
title = "Year not given www.evil.example"
status = "occurred"

[[events]]
id = "decade"
when = "202X"
title = "Some year"
status = "occurred"
text = "ftp://evil.example"

[[events]]
id = "doubt"
when = "2024?-09"
title = "Year in doubt"
status = "occurred"

[[events]]
id = "by"
when = "../2026-12"
title = "Deadline"
status = "scheduled"
claims = ["c1"]

[[claims]]
id = "c1"
subject = "m"
property = "p"
value = { amount = 2500, unit = "troops" }
phrase = "https://evil.example"
source = "a"
quote = "2,500"
"""


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like"])
def test_markdown_story_text_never_becomes_a_link(preset: str) -> None:
    html = render(to_markdown(loads_story(EDGE), []), preset)
    assert "<a " not in html  # no url field: every address in the text stays text
    for shown in ("https://evil.example", "www.evil.example", "a@evil.example", "mailto:a@evil.example"):
        assert shown in html


def test_markdown_dates_are_always_in_words() -> None:
    html = render(to_markdown(loads_story(EDGE), []))
    assert not re.search(r"\d{4}[-?]|XX|\.\./", html), re.findall(r".{20}(?:\d{4}[-?]|XX|\.\./).{20}", html)
    for words in ("As of 2025, month not given", "27 September, year not given", "a year from 2020 to 2029",
                  "September 2024, year uncertain", "by December 2026"):  # fmt: skip
        assert words in html


def test_markdown_leaves_out_empty_sections() -> None:
    story = loads_story('[story]\nid = "s"\ntitle = "T"\nsummary = "S"\nas_of = "2025"\n')
    html = render(to_markdown(story, []))
    assert re.findall(r"<h2>(.*?)</h2>", html) == ["Conflicts"]
    assert "No conflicting claims were found." in html


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
    timeline = to_timelinejs(sample, detect_conflicts(sample))
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    assert "undated" not in slides and len(slides) == 5
    assert slides["span"]["display_date"] == "September 2025 to December 2026"
    assert slides["month"]["group"] == "scheduled"
    assert slides["month"]["text"]["headline"] == "Month &lt;event&gt; &amp; co"
    assert "Sources: Outlet A" in slides["day"]["text"]["text"]
    title = timeline["title"]["text"]
    assert title["headline"] == "Sample &lt;b&gt;story&lt;/b&gt;"
    assert "<script>" not in title["text"] and "&lt;script&gt;" in title["text"]
    assert "Not on this timeline (no date it can be placed at)" in title["text"]
    assert "<li>Undated meeting: date not given (occurred)</li>" in title["text"]


def timelinejs_problems(timeline: dict[str, Any]) -> list[str]:
    """What TimelineJS 3.9 checks before it draws (seen in headless Chromium: with no events it shows
    "Timeline configuration has no events", title or not), plus what this export promises: no slide
    turns story text into links (TimelineJS autolinks unless told `autolink: false`)."""
    problems = []
    if not timeline.get("events"):
        problems.append("no events")
    for slide in [timeline.get("title", {}), *timeline.get("events", [])]:
        if slide.get("autolink") is not False:
            problems.append(f"autolink on {slide.get('unique_id', 'the title')}")
    for slide in timeline.get("events", []):
        start = slide.get("start_date", {})
        if not isinstance(start.get("year"), int):
            problems.append(f"{slide.get('unique_id')}: no start year")
    for era in timeline.get("eras", []):
        ends = [(d["year"], d.get("month", 1), d.get("day", 1)) for d in (era["start_date"], era["end_date"])]
        if not ends[0] < ends[1]:
            problems.append(f"era {era['text']['headline']} ends before it starts")
    return problems


def test_timelinejs_exports_are_files_timelinejs_accepts(sample: StoryFile, bundled: StoryFile) -> None:
    for story in (sample, bundled, loads_story(EDGE)):
        assert timelinejs_problems(to_timelinejs(story, detect_conflicts(story))) == []


def test_timelinejs_refuses_a_story_with_no_placeable_event() -> None:
    story = loads_story(EDGE.replace('when = "202X"', 'when = "XXXX-01"').replace('when = "2024?-09"\n', "")
                        .replace('when = "../2026-12"\n', ""))  # fmt: skip
    with pytest.raises(NoDatedEvents, match="at least one dated event"):
        to_timelinejs(story)


def test_timelinejs_marks_conflicts_and_shows_claims_with_quotes(bundled: StoryFile) -> None:
    conflicts = detect_conflicts(bundled)
    timeline = to_timelinejs(bundled, conflicts)
    (era,) = timeline["eras"]
    assert era["text"]["headline"] == "Disputed: When does the current mission end? (open)"
    assert era["start_date"] == {"year": 2024, "month": 9, "day": 27}  # “over the next year” from Sep 2024
    assert era["end_date"] == {"year": 2026, "month": 12, "day": 31}  # “by the end of 2026”
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    text = slides["articles-published"]["text"]["text"]
    assert "<strong>The Hill</strong>: “by the end of 2026” → <em>December 2026</em>" in text
    assert "<blockquote>The U.S. military will end its current mission in Iraq" in text
    assert "Disputed: When does the current mission end? (open)." in text
    assert "Where the sources disagree:" in timeline["title"]["text"]["text"]


def test_timelinejs_places_no_date_whose_year_is_not_given() -> None:
    story = loads_story(EDGE)
    timeline = to_timelinejs(story)
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    assert "no-year" not in slides
    title = timeline["title"]["text"]["text"]
    assert "Year not given www.evil.example: 27 September, year not given" in title
    assert slides["decade"]["start_date"] == {"year": 2020} and slides["decade"]["end_date"] == {"year": 2029}
    assert slides["doubt"]["display_date"] == "September 2024, year uncertain"
    assert slides["by"]["start_date"] == {"year": 2026, "month": 12}


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


def test_an_era_never_spans_a_date_whose_year_is_not_given() -> None:
    """A conflict between 27 September (year not given) and 2025-2026 would span years 1-9999."""
    story = loads_story(
        EDGE.replace('value = { amount = 2500, unit = "troops" }', 'value = { date = "XXXX-09-27" }')
        + '\n[[claims]]\nid = "c2"\nsubject = "m"\nproperty = "p"\nvalue = { date = "2026-12" }\n'
        'phrase = "x"\nsource = "a"\nquote = "2,500"\n'
        + '\n[[claims]]\nid = "c3"\nsubject = "m"\nproperty = "p"\nvalue = { date = "2025-01" }\n'
        'phrase = "x"\nsource = "a"\nquote = "2,500"\n'
    )
    conflicts = detect_conflicts(story)
    assert conflicts and set(conflicts[0].claims) == {"c2", "c3"}
    (era,) = to_timelinejs(story, conflicts)["eras"]
    assert (era["start_date"]["year"], era["end_date"]["year"]) == (2025, 2026)


def test_markdown_names_a_curated_pair_as_the_curators() -> None:
    story = loads_story(SAMPLE.replace('value = { date = "2026-12" }', 'value = { date = "2025" }'))
    html = render(to_markdown(story, detect_conflicts(story)))
    assert (
        "<strong>Outlet A</strong> “by September 2025” (September 2025) and <strong>Outlet B</strong> "
        "“by the end of 2026” (2025): paired by the curator (by value alone: refinement)"
    ) in html
