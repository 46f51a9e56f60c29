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
        await pilot.press("j")  # review
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
        await pilot.press("j", "j", "j")
        assert all(not marked for marked in marks(app).values())


async def test_marks_on_the_bundled_story(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        got = marks(app)
        assert got["source"] == {"digest", "the-hill", "washington-times"}
        assert got["event"] == {"articles-published", "mission-end-2025-09", "mission-end-2026-12"}


@pytest.mark.slow
async def test_conflict_claims_stacked_when_narrow_side_by_side_when_wide(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        text = app.main_screen.detail.body.content.plain
        assert "stacked" in text
        for quote in ("by the end of 2026", "by September 2025", "over the next year"):
            assert quote in text
        assert "Note:" in text and "open" in text
    app = make(bundled_story)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        text = app.main_screen.detail.body.content.plain
        assert "side by side" in text
        assert " │ " in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "stacked" in app.main_screen.detail.body.content.plain


async def test_detail_shows_sources_with_verbatim_quotes(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE):
        text = app.main_screen.detail.body.content.plain
        assert "The Hill" in text
        assert "by the end of 2026" in text
        assert "27 September, year not given — 2024 inferred" in text
        assert "exact day, year uncertain" in text
