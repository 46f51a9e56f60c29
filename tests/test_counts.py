"""Every count the explorer shows agrees in number with its noun: '1 claim', '2 claims'."""

from __future__ import annotations

from mission_tui.screens.places import step_words
from mission_tui.story.index import OVERVIEW_KEY, build_index
from mission_tui.story.loader import loads_story
from mission_tui.story.words import count_words
from mission_tui.widgets.detail_render import key_point_body, source_body, today_body
from mission_tui.widgets.rows import timeline_row

ONE_OF_EACH = """
format = 1
[story]
id = "one"
title = "One of each"
summary = "S."
as_of = "2025-01-01"

[[sources]]
id = "alpha"
outlet = "Alpha"
kind = "news"
excerpt = "It ends in 2026. It ends in 2025."

[[sources]]
id = "beta"
outlet = "Beta"
kind = "news"
excerpt = "Beta says 2025."

[[events]]
id = "meeting"
title = "Leaders meet"
status = "occurred"
sources = ["alpha"]

[[claims]]
id = "late"
subject = "mission"
property = "end-date"
value = { date = "2026" }
phrase = "2026"
source = "alpha"
quote = "It ends in 2026."

[[claims]]
id = "early"
subject = "mission"
property = "end-date"
value = { date = "2025" }
phrase = "2025"
source = "beta"
quote = "Beta says 2025."

[[key_points]]
id = "kp"
title = "The end"
text = "One claim backs it."
order = 1
claims = ["late"]
"""


def test_count_words_agrees_in_number() -> None:
    assert count_words(0, "claim") == "0 claims"
    assert count_words(1, "claim") == "1 claim"
    assert count_words(2, "key point") == "2 key points"
    assert count_words(1200, "more source") == "1200 more sources"  # digits as in 'Sources 1200'
    assert count_words(2, "summary", "summaries") == "2 summaries"


def test_the_explorer_says_one_claim_one_step_one_conflict_one_event(today) -> None:
    index = build_index(loads_story(ONE_OF_EACH, "one.toml"), today)
    assert "What it says (1 claim)" in source_body(index, "beta").plain
    assert "Evidence (1 claim)" in key_point_body(index, "kp").plain
    assert timeline_row(index, OVERVIEW_KEY, 60).plain.endswith("· 1 open conflict")
    assert "1 undated event is listed after the dated ones." in today_body(index).plain
    assert step_words(index, None, filtered=False) == "1 step"
