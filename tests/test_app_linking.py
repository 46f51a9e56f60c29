"""Linked selection: the marks in the other panes are exactly the index's links."""

from __future__ import annotations

import pytest

from mission_tui.kinds import ITEM_KINDS

SIZE = (80, 24)


def marks(app) -> dict[str, frozenset[str]]:
    return {kind: pane.list.marked for kind, pane in app.main_screen.panes.items()}


def expected(app, kind: str, key: str) -> dict[str, frozenset[str]]:
    links = ITEM_KINDS[kind].links(app.main_screen.index, key)
    return {
        other: frozenset() if other == kind else frozenset(links.of(other))
        for other in ("event", "key_point", "source", "conflict")
    }


async def test_event_marks_its_key_points_sources_and_conflicts(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")  # review, step 2
        assert marks(app) == expected(app, "event", "review")
        assert marks(app)["source"] == {"beta"}
        assert marks(app)["key_point"] == {"kp-end"}
        assert marks(app)["conflict"] == {"end-date"}
        # the other panes follow: their cursor sits on a linked item
        assert app.main_screen.sources.list.highlighted_key == "beta"


async def test_each_kind_marks_its_links(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("3")
        screen.sources.list.move_to_key("beta")
        await pilot.pause()
        assert marks(app) == expected(app, "source", "beta")
        assert marks(app)["event"] == {"review", "drawdown"}

        await pilot.press("2")
        screen.key_points.list.move_to_key("kp-end")
        await pilot.pause()
        assert marks(app) == expected(app, "key_point", "kp-end")
        assert marks(app)["source"] == {"alpha", "beta"}

        await pilot.press("4")
        assert marks(app) == expected(app, "conflict", "end-date")
        assert marks(app)["event"] == {"announce", "review"}
        assert marks(app)["source"] == {"alpha", "beta"}


async def test_today_marker_clears_marks(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j", "j")  # the today marker
        assert all(not marked for marked in marks(app).values())
        await pilot.press("g")  # the overview
        assert all(not marked for marked in marks(app).values())


async def test_marks_on_the_bundled_story(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        got = marks(app)
        assert got["source"] == {"digest", "the-hill", "washington-times"}
        assert got["event"] == {"articles-published", "mission-end-2025-09", "mission-end-2026-12"}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_conflict_leads_with_its_comparison(make, bundled_story, size):
    """The comparison first (sides in value order, a line per claim with its source and where in it
    the claim stands), then the axis, then the note; at 80x24 its first line without scrolling."""
    app = make(bundled_story)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        body = app.main_screen.detail.body
        lines = body.content.plain.splitlines()
        assert lines[0] == "≠ When does the current mission end?"
        assert lines[1] == "Sep 2025" and lines[4] == "vs Dec 2026"
        assert "The Washington Times · excerpt" in lines[2]
        assert "News digest · Key Points of Transition" in lines[3].replace(" (unattributed)", "")
        assert "News digest (unattributed) · Summary" in lines[5] and "The Hill · excerpt" in lines[6]
        ticks, *bars, legend = lines[7:13]
        assert "2024" in ticks and "2025" in ticks and "2026" in ticks
        assert [bar.split()[0] for bar in bars] == ["a", "b", "c", "d"]
        assert "░" in bars[0] and "█" in bars[0]  # the year in doubt widens The Washington Times' range
        assert "┆ today" in legend and "░ if ? or ~" in legend
        note = lines.index(next(line for line in lines if line.startswith("Note: ")))
        assert note < body.size.height  # the note's first line is on screen without scrolling
        assert body.scroll_y == 0
        for quote in ("by the end of 2026", "by September 2025", "over the next year"):
            assert quote in body.content.plain  # the quotes in full, below


async def test_detail_shows_sources_with_verbatim_quotes(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        text = app.main_screen.detail.body.content.plain
        assert "The Hill" in text
        assert "by the end of 2026" in text
        assert "27 September, year not given — 2024 inferred" in text
        assert "exact day, year uncertain" in text
