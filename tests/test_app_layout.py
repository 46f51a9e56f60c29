"""Sizes, the today marker, hostile story text, colours and the loading path."""

from __future__ import annotations

from datetime import date

import pytest

from mission_tui.app import make_app, pick_theme
from mission_tui.screens import main as main_module
from mission_tui.story.index import TODAY_KEY


async def test_too_small_notice_appears_and_goes(make):
    app = make()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        notice = app.main_screen.query_one("#too-small")
        body = app.main_screen.query_one("#body")
        assert notice.display and notice.region.height > 0
        assert not body.display or body.region.height == 0
        text = notice.content.plain
        assert "need at least 60×16" in text and "have 40×12" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert notice.region.height == 0
        assert body.region.height > 0
        await pilot.resize_terminal(59, 30)
        await pilot.pause()
        assert notice.region.height > 0
        assert "have 59×30" in notice.content.plain


async def test_usable_at_60x20(make):
    app = make()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.query_one("#too-small").region.height == 0
        for pane in screen.panes.values():
            assert pane.list.region.height >= 3, pane.TITLE


def timeline_rows(app) -> list[str]:
    tl = app.main_screen.timeline.list
    return [tl.render_line(y).text for y in range(tl.visible_count)]


async def test_today_marker_classifies_past_and_upcoming(make):
    app = make(today=date(2026, 11, 24))
    async with app.run_test(size=(100, 30)):
        rows = timeline_rows(app)
        drawdown = next(r for r in rows if "Drawdown" in r)
        handover = next(r for r in rows if "Handover" in r)
        assert "◂ past" in drawdown and "▸ upcoming" in handover
        assert any("today · 24 November 2026" in r for r in rows)
        announce = next(r for r in rows if "Plan announced" in r)
        assert "past" not in announce  # occurred events carry no timing word
    app = make(today=date(2025, 6, 1))
    async with app.run_test(size=(100, 30)):
        rows = timeline_rows(app)
        drawdown = next(r for r in rows if "Drawdown" in r)
        assert "▸ upcoming" in drawdown
        marker = next(i for i, r in enumerate(rows) if "today · 1 June 2025" in r)
        assert "Review" in rows[marker - 1] and "Drawdown" in rows[marker + 1]
    app = make(today=date(2026, 6, 10))
    async with app.run_test(size=(100, 30)):
        drawdown = next(r for r in timeline_rows(app) if "Drawdown" in r)
        assert "● now" in drawdown


async def test_header_shows_title_and_as_of_in_words(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=(80, 24)):
        header = app.main_screen.header
        assert "as of 27 September, year not given — 2024 inferred" in header.dates_text
        assert "today is 24 November 2026" in header.dates_text
        assert app.title.startswith("U.S. military mission in Iraq")


async def test_markup_and_escapes_in_story_show_literally(make):
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.main_screen
        assert "Synthetic [bold]story[/bold]" in screen.header.query_one("#story-title").content.plain
        rows = timeline_rows(app)
        assert any("Plan announced [b]loudly[/b]" in r for r in rows)
        sources = screen.sources.list
        assert "Alpha [@click=app.quit]Daily[/]" in sources.render_line(0).text
        await pilot.press("3")
        text = screen.detail.body.content.plain
        assert "[@click=app.quit]" in text
        assert "\x1b" not in text and "[31mwill end" in text  # ESC stripped, the rest is inert text
        await pilot.click(sources, offset=(5, 0))
        assert app.is_running


def test_theme_for_the_terminal():
    assert pick_theme({"TERM": "xterm-256color"}) == "textual-dark"
    assert pick_theme({"TERM": "xterm", "COLORTERM": "truecolor"}) == "textual-dark"
    assert pick_theme({"TERM": "xterm"}) == "ansi-dark"
    assert pick_theme({"TERM": "linux"}) == "ansi-dark"
    assert pick_theme({}) == "ansi-dark"


async def test_big_story_indexes_in_a_worker(synthetic_story, today, monkeypatch):
    monkeypatch.setattr(main_module, "SYNC_LIMIT", 0)
    app = make_app(synthetic_story, today=today, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.index is not None and not screen.timeline.loading
        assert screen.timeline.border_title == "Timeline 5"
        assert screen.timeline.list.highlighted_key == "announce"
        assert TODAY_KEY in screen.index.timeline_rows


async def test_narrow_timeline_keeps_the_glyph_and_drops_the_word(make):
    app = make()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        drawdown = next(r for r in timeline_rows(app) if "Drawdown" in r)
        assert "◂" in drawdown and "past" not in drawdown
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        drawdown = next(r for r in timeline_rows(app) if "Drawdown" in r)
        assert "◂ past" in drawdown


async def test_unverified_quotes_are_flagged_in_the_explorer(bundled_story, make) -> None:
    """A story whose quotes failed verification opens, with a warning the reader cannot miss."""
    from mission_tui.story.loader import Problem

    app = make(bundled_story, quote_problems=[Problem("s.toml", "quote not found", 3)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("1 quote not found" in m for m in messages)
    clean = make(bundled_story)
    async with clean.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [n for n in clean._notifications if n.severity == "warning"]


@pytest.mark.parametrize("in_worker", [False, True], ids=["small story", "big story (worker)"])
async def test_the_explorer_checks_quotes_itself_after_opening(
    bundled_story, make, monkeypatch, in_worker
) -> None:
    """`mission-tui FILE` opens before checking quotes (cli.py); the app checks them and warns."""
    import dataclasses

    from mission_tui.story.loader import LoadedStory

    if in_worker:
        monkeypatch.setattr(main_module, "SYNC_LIMIT", 0)
    model = bundled_story.model
    misquoted = [dataclasses.replace(model.claims[0], quote="Words no source of this story says.")]
    story = model.model_copy(update={"claims": misquoted + list(model.claims[1:])})
    unchecked = LoadedStory(model=story, path=bundled_story.path)
    app = make(unchecked, quote_problems=None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        for _ in range(200):
            if screen.quote_problems is not None:
                break
            await pilot.pause(0.05)
        assert screen.quote_problems is not None and len(screen.quote_problems) == 1
        await pilot.pause()
        assert any("1 quote not found" in n.message for n in app._notifications)
    assert unchecked == LoadedStory(model=story, path=bundled_story.path)  # the story was not touched
