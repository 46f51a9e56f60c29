"""Every binding of the explorer, driven through Pilot on the synthetic story at 80x24."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandPalette

from mission_tui.app import THEME_INTERVAL
from mission_tui.screens.help import HelpScreen
from mission_tui.story.index import OVERVIEW_KEY, TODAY_KEY
from mission_tui.widgets.virtual_list import VirtualList
from piloting import palette_offers, wait_for

SIZE = (80, 24)


def detail_text(app) -> str:
    return app.main_screen.detail.body.content.plain


@pytest.mark.slow
async def test_number_keys_focus_panes(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        assert app.focused is screen.timeline.list
        await pilot.press("2")
        assert app.focused is screen.key_points.list
        assert "The end date" in detail_text(app)
        await pilot.press("3")
        assert app.focused is screen.sources.list
        await pilot.press("4")
        assert app.focused is screen.conflicts.list
        assert "When does the plan end?" in detail_text(app)
        await pilot.press("1")
        assert app.focused is screen.timeline.list
        await pilot.press("5")  # the overview links to nothing: 5 goes to the detail text
        assert app.focused is screen.detail.scroll
        await pilot.press("1", "j", "5")  # an event: its related items
        assert app.focused is screen.detail.related


@pytest.mark.slow
async def test_tab_and_shift_tab_cycle_panes(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("tab")
        assert app.focused is not screen.timeline.list
        await pilot.press("shift+tab")
        assert app.focused is screen.timeline.list
        order = []
        for _ in range(6):
            await pilot.press("tab")
            order.append(app.focused)
        for pane in (screen.key_points, screen.sources, screen.conflicts):
            assert pane.list in order


async def test_list_keys_move_and_update_detail(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        tl = app.main_screen.timeline.list
        assert tl.highlighted_key == OVERVIEW_KEY  # the explorer opens on the overview, step 0
        assert "Where the sources disagree" in detail_text(app)
        await pilot.press("j")  # over the year heading: headings are never selected
        assert tl.highlighted_key == "announce"
        assert "Plan announced" in detail_text(app)
        await pilot.press("j")
        assert tl.highlighted_key == "review"
        assert "Review published" in detail_text(app)
        await pilot.press("down")
        await pilot.press("k")
        assert tl.highlighted_key == "review"
        await pilot.press("G")
        assert tl.highlighted_key == "undated-meeting"
        assert "date not given" in detail_text(app)
        await pilot.press("g")
        assert tl.highlighted_key == OVERVIEW_KEY
        await pilot.press("pagedown")
        assert tl.highlighted_key not in (OVERVIEW_KEY, None)
        await pilot.press("pageup")
        assert tl.highlighted_key == OVERVIEW_KEY
        await pilot.press("end", "home")
        assert tl.highlighted_key == OVERVIEW_KEY


async def test_step_through_keys_and_progress(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        tl = screen.timeline.list
        assert screen.progress_text == "step 0 of 5"
        await pilot.press("n")
        assert tl.highlighted_key == "announce" and screen.progress_text == "step 1 of 5"
        await pilot.press("right")
        assert tl.highlighted_key == "review" and screen.progress_text == "step 2 of 5"
        await pilot.press("space", "n")  # skips the today marker and the headings: steps are events
        assert tl.highlighted_key == "handover" and screen.progress_text == "step 4 of 5"
        await pilot.press("p")
        assert tl.highlighted_key == "drawdown"
        await pilot.press("left", "left")
        assert tl.highlighted_key == "announce" and screen.progress_text == "step 1 of 5"
        await pilot.press("p")  # from the first event back to the overview, step 0
        assert tl.highlighted_key == OVERVIEW_KEY and screen.progress_text == "step 0 of 5"
        assert "Where the sources disagree" in detail_text(app)
        # from another pane, stepping moves the timeline and focuses it
        await pilot.press("3", "n")
        assert app.focused is tl and tl.highlighted_key == "announce"
        assert "Plan announced" in detail_text(app)


async def test_progress_follows_the_timeline_cursor_while_filtering(make):
    # Typing a filter moves the timeline's cursor when its item is filtered out; the step follows.
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        tl = screen.timeline.list
        await pilot.press("n", "n")
        assert tl.highlighted_key == "review" and screen.progress_text == "step 2 of 5"
        await pilot.press("slash", *"hand")
        assert tl.highlighted_key == "handover"
        assert screen.progress_text == "step 4 of 5 · filtered"


async def test_step_from_today_marker(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        tl = screen.timeline.list
        await pilot.press("j", "j", "j", "j")
        assert tl.highlighted_key == TODAY_KEY
        assert "today" in screen.progress_text.lower()
        assert "Today: 24 November 2026" in detail_text(app)
        await pilot.press("n")
        assert tl.highlighted_key == "handover"
        await pilot.press("k", "p")  # back on the marker, then previous
        assert tl.highlighted_key == "drawdown"


@pytest.mark.slow
async def test_filter_with_slash_enter_and_escape(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main_screen.timeline
        assert pane.border_title.startswith("Timeline · step ")
        await pilot.press("slash")
        assert app.focused is pane.filter_input
        await pilot.press(*"review")
        assert pane.border_title.startswith("Timeline 1/5 · ")
        assert pane.list.highlighted_key == "review"
        await pilot.press("enter")
        assert app.focused is pane.list
        assert pane.border_title.startswith("Timeline 1/5 · ")  # Enter keeps the filter
        await pilot.press("escape")
        assert pane.border_title.startswith("Timeline · step ")
        assert pane.filter_input.display is False
        # Escape inside the input clears too; a filter on another pane counts its own items
        await pilot.press("3", "slash", *"wire")
        assert app.main_screen.sources.border_title == "Sources 1/3"
        await pilot.press("escape")
        assert app.main_screen.sources.border_title == "Sources 3"
        assert app.focused is app.main_screen.sources.list


async def test_typing_in_filter_does_not_trigger_bindings(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q", "n", "t", "1")
        assert app.is_running
        assert app.main_screen.timeline.filter_input.value == "qnt1"


async def test_help_screen_lists_live_bindings(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help-text").content.plain
        for words in ("Next step", "Previous step", "Filter", "Timeline", "Quit", "curated themes",
                      "Command palette", "Next pane", "Keep the filter", "Jump to the related item",
                      "Maximize the detail", "Read the detail text",
                      "Back to where the last jump began"):  # fmt: skip
            assert words in text, words
        for section in ("Anywhere", "In a pane", "While filtering", "Related items", "Detail text"):
            assert section in text
        assert "Delete character" not in text  # the filter's Input keys are not listed one by one
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_t_cycles_theme(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("t")
        assert app.theme == "nord"  # a lone press: at once
        await pilot.press("t", "t", "t")  # a burst adds up, applied within THEME_INTERVAL
        await wait_for(pilot, lambda: app.theme == "ansi-dark", "three themes on")
        await pilot.press("t")
        await wait_for(pilot, lambda: app.theme == "textual-dark", "back to the first theme")


async def test_a_burst_of_t_applies_the_theme_it_reaches_once(make, monkeypatch):
    """Each theme costs a pass over the whole stylesheet: a burst must not queue one per press (before
    THEME_INTERVAL: eight passes and eight toasts)."""
    app = make()
    applied: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        app.theme_changed_signal.subscribe(app, lambda theme: applied.append(theme.name))
        assert app.theme == "nord"
        for _ in range(8):  # in one read, as a held-down key sends them: nord + 8 = ansi-dark
            app.post_message(events.Key("t", "t"))
        await wait_for(pilot, lambda: app.theme == "ansi-dark", "the theme eight presses reach")
        await pilot.pause(THEME_INTERVAL)
        assert applied[-1] == "ansi-dark" and len(applied) <= 2, applied  # the first at once, the rest as one


async def test_q_quits(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_quits(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.slow
async def test_the_palette_asked_for_while_the_last_one_is_closing(make):
    """Esc then ctrl+p, handled before the closed palette is gone (a busy app; found by a key storm in
    a real terminal): one new palette, not a DuplicateIds crash on Textual's fixed palette id."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        closing = app.screen

        def close_and_reopen() -> None:
            app.pop_screen()
            app.action_command_palette()

        app.call_later(close_and_reopen)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, CommandPalette) and app.screen is not closing,
            "a new palette",
        )
        await pilot.pause()
        assert app.return_code is None
        assert sum(isinstance(screen, CommandPalette) for screen in app.screen_stack) == 1


async def test_palette_jumps_to_an_item_by_title(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Partnership")
        await wait_for(pilot, lambda: palette_offers(app, "Partnership"), "the palette's results")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.main_screen
        assert app.screen is screen
        assert app.focused is screen.key_points.list
        assert screen.key_points.list.highlighted_key == "kp-partner"
        assert "A partnership follows." in detail_text(app)


@pytest.mark.slow
async def test_palette_jumps_to_a_conflict_and_a_claim(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"When does the plan")
        await wait_for(pilot, lambda: palette_offers(app, "When does the plan"), "the palette's results")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.main_screen.conflicts.list
        await pilot.press("ctrl+p", *"in September 2025")
        await wait_for(pilot, lambda: palette_offers(app, "in September 2025"), "the palette's results")
        await pilot.press("enter")
        await pilot.pause()
        assert "“in September 2025” — Beta Wire" in detail_text(app)
        assert app.focused is app.main_screen.detail.scroll  # a claim has no pane: its text is read


async def test_enter_opens_detail_and_related_enter_jumps(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("j", "j", "enter")  # review
        related = screen.detail.related
        assert app.focused is related
        assert isinstance(related, VirtualList)
        keys = [related.highlighted_key]
        while True:
            await pilot.press("j")
            if related.highlighted_key == keys[-1]:
                break
            keys.append(related.highlighted_key)
        assert set(keys) == {"key_point:kp-end", "source:beta", "claim:end-beta", "conflict:end-date"}
        related.move_to_key("source:beta")
        await pilot.press("enter")
        assert app.focused is screen.sources.list
        assert screen.sources.list.highlighted_key == "beta"
        assert "Beta Wire" in detail_text(app)


@pytest.mark.slow
async def test_detail_text_scrolls_with_keys_wheel_and_its_scrollbar(make, bundled_story):
    from textual import events
    from textual.geometry import Offset
    from textual.scrollbar import ScrollTo
    from textual.selection import Selection

    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        detail = app.main_screen.detail
        text, view = detail.body, detail.scroll
        assert view.bar.display and text.virtual_size.height > text.size.height  # step 1 is long at 80x24
        view.focus()
        await pilot.press("j", "j")
        assert text.scroll_y == 2 and view.bar.position == 2
        await pilot.press("end")
        await wait_for(pilot, lambda: text.scroll_y == text.max_scroll_y > 2, "the end of the text")
        await pilot.press("home")
        await wait_for(pilot, lambda: text.scroll_y == 0, "the top of the text")
        await pilot._post_mouse_events([events.MouseScrollDown], view.bar, offset=(0, 2))
        # the wheel over the scrollbar scrolls the text, as over the text
        await wait_for(pilot, lambda: text.scroll_y > 0, "the wheel to scroll")
        view.bar.post_message(ScrollTo(y=5, animate=False))  # what dragging the thumb sends
        await wait_for(pilot, lambda: text.scroll_y == 5, "the thumb's scroll")
        app.screen.selections = {text: Selection(Offset(0, 0), Offset(4, 0))}
        await pilot.pause()
        assert app.screen.get_selected_text() == text.content.plain[:4]  # selectable like a Static


async def test_the_help_screen_is_made_once_and_opens_at_the_top(make):
    """`?` composes the explorer's help once (a storm of keys opens it a few times a second); each
    opening starts at the top with the text focused."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        scroll = help_screen.query_one("#help-scroll")
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert scroll.scroll_y > 0  # the keys are taller than the box at 80x24
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is help_screen
        assert scroll.scroll_y == 0 and help_screen.focused is scroll
