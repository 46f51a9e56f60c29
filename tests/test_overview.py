"""The overview's words: who gives each side of a conflict, each outlet said once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mission_tui.story.index import build_index
from mission_tui.story.loader import loads_story
from mission_tui.widgets.detail_render import side_sources
from stories import generated_story


def _source(sid: str, outlet: str, headline: str, excerpt: str) -> str:
    return f"""
[[sources]]
id = "{sid}"
outlet = "{outlet}"
kind = "news"
headline = "{headline}"
excerpt = "{excerpt}"
"""


def _claim(cid: str, source: str, date: str, quote: str) -> str:
    return f"""
[[claims]]
id = "{cid}"
subject = "mission"
property = "end-date"
value = {{ date = "{date}" }}
phrase = "{date}"
source = "{source}"
quote = "{quote}"
"""


# One conflict: December 2026 from The Hill (its headline and its excerpt), the Defense Desk (two
# claims in one excerpt) and the Gazette (two articles, one claim in each); September 2025 from four
# outlets, one claim each, so the fourth is counted, not named.
_SOURCES = [
    ("hill", "The Hill", "Mission ends in 2026", "The mission ends in 2026. Troops stay."),
    ("desk", "Defense Desk", "Desk report", "It ends in 2026. Officials say it ends in 2026 too."),
    ("gaz-1", "Gazette", "Gazette one", "Gazette says 2026."),
    ("gaz-2", "Gazette", "Gazette two", "Gazette repeats 2026."),
    ("a", "Alpha", "Alpha", "Alpha says September 2025."),
    ("b", "Beta", "Beta", "Beta says September 2025."),
    ("c", "Gamma", "Gamma", "Gamma says September 2025."),
    ("d", "Delta", "Delta", "Delta says September 2025."),
]
_CLAIMS = [
    ("hill-head", "hill", "2026-12", "Mission ends in 2026"),
    ("hill-body", "hill", "2026-12", "The mission ends in 2026."),
    ("desk-1", "desk", "2026-12", "It ends in 2026."),
    ("desk-2", "desk", "2026-12", "Officials say it ends in 2026 too."),
    ("gaz-1", "gaz-1", "2026-12", "Gazette says 2026."),
    ("gaz-2", "gaz-2", "2026-12", "Gazette repeats 2026."),
    ("a", "a", "2025-09", "Alpha says September 2025."),
    ("b", "b", "2025-09", "Beta says September 2025."),
    ("c", "c", "2025-09", "Gamma says September 2025."),
    ("d", "d", "2025-09", "Delta says September 2025."),
]
REPEATING = (
    'format = 1\n[story]\nid = "s"\ntitle = "T"\nsummary = "S."\nas_of = "2025-01-01"\n'
    + "".join(_source(*source) for source in _SOURCES)
    + "".join(_claim(*claim) for claim in _CLAIMS)
)


@pytest.fixture
def repeating_index(today):
    return build_index(loads_story(REPEATING, "repeating.toml"), today)


def test_each_outlet_is_named_once_with_its_places_counted(repeating_index) -> None:
    (conflict_id,) = repeating_index.open_conflicts
    lines = [line.plain for line in side_sources(repeating_index, conflict_id)]
    assert lines == [
        "Sep 2025: Alpha, excerpt; Beta, excerpt; Gamma, excerpt; and 1 more source",
        "Dec 2026: Defense Desk, excerpt (2 claims); Gazette, 2 excerpts; The Hill, excerpt and headline",
    ]


def test_an_outlet_with_an_unverified_claim_is_flagged_with_how_many(repeating_index) -> None:
    (conflict_id,) = repeating_index.open_conflicts
    repeating_index.unverified = {"desk-2": "not found", "d": "not found", "a": "not found"}
    lines = [line.plain for line in side_sources(repeating_index, conflict_id)]
    assert lines == [
        "Sep 2025: ⚠ Alpha, excerpt; Beta, excerpt; Gamma, excerpt; and 1 more source "
        "(⚠ 1 claim not verified)",
        "Dec 2026: ⚠ Defense Desk, excerpt (2 claims, 1 not verified); Gazette, 2 excerpts; "
        "The Hill, excerpt and headline",
    ]


def test_the_bundled_story_reads_as_before(bundled_story, today) -> None:
    """Nothing repeats within a side of the seed's conflict: each claim is named with its place."""
    index = build_index(bundled_story.model, today, base_dir=Path(bundled_story.path).parent)
    (conflict_id,) = index.open_conflicts
    assert [line.plain for line in side_sources(index, conflict_id)] == [
        "Sep 2025: The Washington Times, excerpt; News digest (unattributed), Key Points of Transition",
        "Dec 2026: News digest (unattributed), Summary; The Hill, excerpt",
    ]


def test_a_generated_story_never_repeats_an_outlet_and_accounts_for_every_claim(today) -> None:
    index = build_index(generated_story(1000).model, today)
    for conflict_id in index.open_conflicts:
        sides = [side for part in index.conflict_sides(conflict_id) for side in part]
        for side, line in zip(sides, side_sources(index, conflict_id), strict=True):
            entries = line.plain.split(": ", 1)[1].split("; ")
            named = [entry for entry in entries if not entry.startswith("and ")]
            outlets = [entry.split(",")[0] for entry in named]
            assert len(outlets) == len(set(outlets)), line.plain
            counted = sum(int(m.group(1)) if (m := re.search(r"\((\d+) claims", e)) else 1 for e in named)
            outlets_of_side = {index.sources[index.claims[c].source].outlet for c in side.claims}
            if len(outlets_of_side) <= 3:
                assert counted == len(side.claims), line.plain
            else:
                assert entries[-1] == f"and {len(outlets_of_side) - 3} more source" + (
                    "s" if len(outlets_of_side) > 4 else ""
                ), line.plain
