"""The one-minute test in a real terminal: the installed `mission-tui`, 80x24, no key pressed.

What reaches the terminal (pexpect + pyte, tests/ptytools.py) must tell a newcomer what the story is
and where its sources disagree: the title, the summary's first sentence, and for each open conflict
the clashing values on one line with what they are about, in the detail view and in the Conflicts
pane; the disputed events marked ≠ in the timeline, with the legend saying what ≠ means.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.index import build_index
from mission_tui.story.loader import load_story
from mission_tui.widgets.overview import split_lede
from ptytools import TODAY, PtySession

pytestmark = pytest.mark.slow  # a real terminal: ~2 s

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2478aec32e3f585e.txt"
BOX = "│╭╮╰╯─▏▕▅▆▃▄▂▇█▁"


def column_text(rows: list[str], start: int, end: int) -> str:
    """The words in columns start..end of `rows`, wrapped lines joined, box drawing dropped."""
    text = " ".join(row[start:end] for row in rows)
    return " ".join(text.translate({ord(c): " " for c in BOX}).split())


def first_frame(*args: str, ready: str) -> list[str]:
    """The screen of the installed `mission-tui ARGS` at 80x24, once `ready` shows and it is quiet."""
    session = PtySession(*args)
    try:
        session.wait_for(ready, timeout=30)
        session.settle()
        return list(session.screen.display)
    finally:
        session.kill()


def test_the_first_frame_says_what_the_story_is_and_where_its_sources_disagree():
    loaded = load_story(bundled_story_path())
    index = build_index(loaded.model, today=date.fromisoformat(TODAY))
    first_sentence = re.split(r"(?<=\.)\s", split_lede(loaded.model.story.summary)[0])[0]
    clashes = [(index.conflict_values(c), index.conflict_title(c)) for c in index.open_conflicts]
    assert clashes == [("Sep 2025 vs Dec 2026", "When does the current mission end?")]  # the control

    rows = first_frame("--today", TODAY, ready="step 0 of 5")
    shown = "\n".join(rows)
    assert loaded.model.story.title in rows[0]
    detail = rows[1].index("╭─ Detail")
    bottom = next(y for y, row in enumerate(rows) if "╭─ Conflicts" in row)  # the bottom row of panes
    conflicts = rows[bottom].index("╭─ Conflicts")
    timeline = column_text(rows[1:], 0, detail)
    overview = column_text(rows[2:], detail + 1, len(rows[0]))
    assert first_sentence in overview, overview
    for values, about in clashes:
        assert f"≠ {values} — {about}" in overview, overview
        assert f"≠ {values}" in column_text(rows[bottom + 1 :], conflicts, len(rows[0]))
    assert timeline.count("≠") >= 2 and "≠ disputed" in timeline, timeline  # marks and their legend
    assert "us-mission-iraq" not in shown and "end-date" not in shown  # no slug anywhere


def test_a_digest_opened_as_a_draft_shows_that_it_is_one_and_its_first_disagreement():
    """At 80x24 the draft's notice is one line, so the first clash, values first, is still above the
    fold of the overview (with a four-line notice it was the line below it)."""
    from mission_tui.ingest.command import open_digest

    loaded = open_digest(SEED, None)
    assert loaded is not None
    index = build_index(loaded.model, today=date.fromisoformat(TODAY))
    first = index.open_conflicts[0]
    values = index.conflict_values(first)
    assert values == "Sep 2025 vs Dec 2026"  # the control: the draft finds the seed's contradiction

    rows = first_frame(str(SEED), "--today", TODAY, ready="step 0 of")
    assert "UNREVIEWED DRAFT" in rows[0]
    detail = rows[1].index("╭─ Detail")
    bottom = next(y for y, row in enumerate(rows) if "╭─ Key points" in row)  # the detail view ends above
    overview = column_text(rows[2 : bottom - 1], detail + 1, len(rows[0]))
    assert overview.startswith("⚠ Unreviewed draft:"), overview
    assert f"≠ {values} — " in overview, overview
