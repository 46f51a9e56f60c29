"""Navigation that keeps the reader's place: one Pilot test per rule (issue 9)."""

from __future__ import annotations

import re

import pytest

from mission_tui.screens.help import HelpScreen
from mission_tui.screenshots import typed
from mission_tui.story.index import OVERVIEW_KEY
from mission_tui.widgets.header import StoryHeader
from piloting import palette_offers, wait_for

SIZE = (80, 24)


def detail_text(app) -> str:
    return app.main_screen.detail.body.content.plain


def footer_keys(app) -> set[str]:
    """The descriptions the footer offers now (what the focused widget and its ancestors bind)."""
    bindings = app.screen.active_bindings.values()
    return {binding.description for _, binding, _enabled, _ in bindings if binding.show}


async def test_focus_and_a_filter_being_typed_survive_the_too_small_notice(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("3", "j")
        assert app.focused is screen.sources.list
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await wait_for(pilot, lambda: app.focused is screen.sources.list, "focus back on the Sources list")
        await pilot.press("j")  # keys work at once, no Tab needed
        assert screen.sources.list.highlighted_key == "gamma"
        await pilot.press("slash", *"bet")
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await wait_for(pilot, lambda: app.focused is screen.sources.filter_input, "focus back on the filter")
        await pilot.press("a")  # the rest of what is typed still goes to the filter
        assert screen.sources.filter_input.value == "beta"
        assert screen.sources.border_title == "Sources 1/3"


async def test_a_kept_filter_leaves_the_tab_order(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("3", "slash", *"wire", "enter")
        assert app.focused is screen.sources.list and screen.sources.filter_input.display
        focused = []
        for _ in range(8):
            await pilot.press("tab")
            focused.append(app.focused)
        assert screen.sources.filter_input not in focused
        await pilot.press("3", "j")  # j moves in the list; the kept filter is untouched
        assert screen.sources.filter_input.value == "wire"
        await pilot.press("slash")  # / edits the kept filter again
        assert app.focused is screen.sources.filter_input


async def test_n_and_p_step_within_a_filtered_timeline(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        tl = screen.timeline.list
        await pilot.press("slash", *"sched", "enter")  # the two scheduled events
        assert screen.timeline.border_title.startswith("Timeline 2/5")
        await pilot.press("g")
        assert tl.highlighted_key == "drawdown"
        assert screen.progress_text == "step 3 of 5 · filtered"
        await pilot.press("n", "n")  # handover is the last match: n stays there and says so
        assert tl.highlighted_key == "handover"
        assert tl.filter_text == "sched"  # the filter is kept
        assert screen.header.status == "This is the last step."
        await pilot.press("p")
        assert tl.highlighted_key == "drawdown"


async def test_a_step_past_either_end_is_said_in_the_header_not_a_toast(make):
    """`n` at the last step (or `p` at the first) says so in the header for a moment: a toast would
    cover the panes below, and each one's coming and going lays out the whole screen."""
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        header = app.main_screen.header
        await pilot.press("G", *"nnnnnn")
        await pilot.pause()
        assert header.text.endswith("This is the last step.")
        assert not app.screen.query("Toast")
        await pilot.press("g", "p")
        assert header.status == "This is the first step."  # replaced, not stacked
        await wait_for(pilot, lambda: not header.status, "the status gone")  # after STATUS_SECONDS
        assert header.text.startswith("◆ ") and "first step" not in header.text


async def test_a_status_cuts_the_title_to_fit_the_line() -> None:
    header = StoryHeader("A long title " * 8)
    header.status = "Theme: nord"
    line = header.line(40).plain
    assert len(line) == 40 and line.endswith("…  Theme: nord"), line
    assert header.line(8).plain == "Theme: nord"  # no room for the title: the status alone


async def test_looking_at_another_pane_does_not_move_the_step(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        tl = screen.timeline.list
        await pilot.press("n", "n", "n")  # step 3: the coalition's Syria operations
        assert tl.highlighted_key == "syria-operations-end"
        for keys in (("2",), ("2", "j", "j"), ("3", "j"), ("4",)):
            await pilot.press(*keys)
            assert tl.highlighted_key == "syria-operations-end", keys
            assert screen.progress_text == "step 3 of 5"
        assert tl.marked  # the events of the conflict are marked, not stepped to
        await pilot.press("n")  # and the story goes on from the same place
        assert tl.highlighted_key == "mission-end-2026-12"


async def test_esc_and_backspace_go_back_through_jumps(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("n")  # step 1
        await pilot.press("enter")  # its related items
        assert app.focused is screen.detail.related
        assert "Jump to it" in footer_keys(app) and "Back" in footer_keys(app)
        screen.detail.related.move_to_key("key_point:troop-presence")
        await pilot.press("enter")  # jump 1: a key point
        assert app.focused is screen.key_points.list
        assert screen.key_points.list.highlighted_key == "troop-presence"
        await pilot.press("enter")
        screen.detail.related.move_to_key("claim:troops-now")
        await pilot.press("enter")  # jump 2: a claim, shown in the detail text
        assert "“around 2,500”" in detail_text(app)
        await pilot.press("escape")  # back from jump 2: the key point, focused
        assert app.focused is screen.key_points.list
        assert screen.key_points.list.highlighted_key == "troop-presence"
        assert "Troop Presence" in detail_text(app)
        await pilot.press("backspace")  # back from jump 1: step 1 in the timeline
        assert app.focused is screen.timeline.list
        assert screen.timeline.list.highlighted_key == "articles-published"
        assert screen.progress_text == "step 1 of 5"
        await pilot.press("escape")  # nothing further back: nothing moves
        assert screen.timeline.list.highlighted_key == "articles-published"


async def test_palette_jumps_come_back_too(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("n", "n")
        await pilot.press("ctrl+p", *"Partnership")
        await wait_for(pilot, lambda: palette_offers(app, "Partnership"), "the palette's results")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is screen.key_points.list, "the jump")
        await pilot.press("escape")
        assert app.focused is screen.timeline.list and screen.timeline.list.highlighted_key == "review"


async def test_d_reads_the_detail_text_and_m_maximizes_it(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("4", "d")
        assert app.focused is screen.detail.scroll
        await pilot.press("j", "j")
        assert screen.detail.body.scroll_y == 2
        height = screen.detail.body.size.height
        await pilot.press("m")
        assert screen.maximized is screen.detail
        await wait_for(pilot, lambda: screen.detail.body.size.height > height, "the maximized detail")
        assert screen.detail.body.size.width > 60
        await pilot.press("m")  # m again restores
        assert screen.maximized is None
        await pilot.press("m", "escape")  # and so does Esc
        assert screen.maximized is None
        await pilot.press("1")
        assert app.focused is screen.timeline.list


@pytest.mark.parametrize("size", [SIZE, (120, 40)], ids=["80x24", "120x40"])
async def test_m_from_a_pane_maximizes_its_item_and_gives_the_focus_back(make, bundled_story, size):
    """The pane with focus is hidden when the detail is maximized: its item stays in the detail (no
    other pane takes the focus and selects its own), and the focus is back on it after."""
    app = make(bundled_story)
    async with app.run_test(size=size) as pilot:
        screen = app.main_screen
        await pilot.press("4", "m")
        assert screen.maximized is screen.detail and app.focused is screen.detail.scroll
        await pilot.pause()
        assert size[0] - 4 <= screen.detail.size.width <= size[0]  # the screen's width, not 3fr of it
        assert detail_text(app).startswith("≠ When does the current mission end?")
        await pilot.press("m")
        assert app.focused is screen.conflicts.list
        assert detail_text(app).startswith("≠ When does the current mission end?")


async def test_the_related_list_keeps_its_size_when_the_text_has_focus(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("n")
        text_height = screen.detail.scroll.size.height
        await pilot.press("d")  # reading the text: the text keeps its room
        await pilot.pause()
        assert app.focused is screen.detail.scroll
        assert screen.detail.scroll.size.height == text_height
        assert not screen.detail.related.display
        await pilot.press("5")  # browsing the related items: they show below the text
        await pilot.pause()
        related = screen.detail.related.size.height
        assert related > 1 and app.focused is screen.detail.related
        await pilot.press("d")
        await pilot.pause()
        assert screen.detail.scroll.size.height == text_height and not screen.detail.related.display
        await pilot.press("5")
        await pilot.pause()
        assert screen.detail.related.size.height == related  # the same size each time


async def test_the_footer_follows_the_context(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert {"Filter", "Next", "Help", "Quit"} <= footer_keys(app)
        await pilot.press("slash")
        assert {"Keep filter", "Clear filter"} <= footer_keys(app)
        await pilot.press("escape", "n", "5")
        assert {"Jump to it", "Back"} <= footer_keys(app)
        assert "Keep filter" not in footer_keys(app)


async def test_one_help_screen(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert commands.count("Keys") == 1
        app.action_show_help_panel()  # Textual's keys panel, if anything asks for it: ours instead
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel")
        await pilot.press("escape")
        assert app.screen is app.main_screen


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("conflict", "When does the current mission end?"),
        ("2025", "Current mission concludes (key points' date)"),
        ("september 2026", "Coalition’s Syria operations end"),
        ("key point", "Troop Presence"),
        ("hill", "The Hill"),
        ("overview", "Overview: U.S. military mission in Iraq"),
    ],
)
async def test_the_palette_searches_kinds_dates_and_words_and_shows_no_slug(
    make, bundled_story, query, found
):
    app = make(bundled_story)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *typed(query))
        await wait_for(pilot, lambda: palette_offers(app, found), f"{found!r} for {query!r}")
        from textual.command import CommandList

        commands = app.screen.query_one(CommandList)
        shown = " ".join(str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count))
        claims = bundled_story.model.claims
        slugs = {c.subject for c in claims} | {c.property for c in claims}
        assert not any(re.search(rf"\b{re.escape(slug)}\b", shown) for slug in slugs if "-" in slug), shown


async def test_p_from_the_first_event_returns_to_the_overview(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        tl = app.main_screen.timeline.list
        await pilot.press("n")
        assert tl.highlighted_key == "announce"
        await pilot.press("p")
        assert tl.highlighted_key == OVERVIEW_KEY
        await pilot.press("p")  # nothing before the overview
        assert tl.highlighted_key == OVERVIEW_KEY
