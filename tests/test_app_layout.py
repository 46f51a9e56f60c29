"""Sizes, the today marker, hostile story text, colours and the loading path."""

from __future__ import annotations

from datetime import date

import pytest

from mission_tui.app import make_app, pick_theme
from mission_tui.screens import main as main_module
from mission_tui.story.index import OVERVIEW_KEY, TODAY_KEY
from piloting import wait_for


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
        # Resizes in a burst are laid out at most twice a second (textual_compat/resize): poll.
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: notice.region.height == 0, "the notice to go at 80x24")
        assert body.region.height > 0
        await pilot.resize_terminal(59, 30)
        await wait_for(pilot, lambda: notice.region.height > 0, "the notice back at 59x30")
        assert "have 59×30" in notice.content.plain


async def test_usable_at_60x20(make):
    app = make()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen.query_one("#too-small").region.height == 0
        for pane in screen.panes.values():
            assert pane.list.region.height >= 3, pane.TITLE


def timeline_lines(app) -> list[str]:
    """Every line of the timeline as drawn (rows of two lines give two), scrolled through."""
    tl = app.main_screen.timeline.list
    lines = []
    for line in range(tl.virtual_size.height):
        tl.scroll_to(y=max(0, line - tl.size.height + 1), animate=False, immediate=True)
        lines.append(tl.render_line(line - round(tl.scroll_y)).text)
    return lines


def event_lines(app, title: str) -> tuple[str, str]:
    """The two lines of the event whose title ends with `title`'s last word (or, for a title that fits
    on its first line, whose first line holds it)."""
    lines = timeline_lines(app)
    last = title.split()[-1]
    at = next(i for i, line in enumerate(lines) if title in line or (i and last in line.split()[-1:]))
    return (lines[at], lines[at + 1]) if title in lines[at] else (lines[at - 1], lines[at])


async def test_today_marker_and_timing_glyphs_with_their_legend(make):
    app = make(today=date(2026, 11, 24))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = timeline_lines(app)
        assert "◂" in event_lines(app, "Drawdown")[1] and "▸" in event_lines(app, "Handover")[1]
        assert any("today · 24 November 2026" in line for line in lines)
        assert not set("◂●▸") & set("".join(event_lines(app, "Plan announced")))  # occurred: no glyph
        legend = app.main_screen.timeline.border_subtitle
        assert "≠ disputed" in legend and "◂ past" in legend and "▸ upcoming" in legend
    app = make(today=date(2025, 6, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = timeline_lines(app)
        assert "▸" in event_lines(app, "Drawdown")[1]
        marker = next(i for i, line in enumerate(lines) if "today · 1 June 2025" in line)
        assert "Jan" in lines[marker - 2] and "Review" in lines[marker - 2]  # after January's review
        assert "2026" in lines[marker + 1]  # then the 2026 heading
    app = make(today=date(2026, 6, 10))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "●" in event_lines(app, "Drawdown")[1]
        assert "● now" in app.main_screen.timeline.border_subtitle


async def test_header_shows_title_and_as_of(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=(120, 40)):
        header = app.main_screen.header
        assert header.text.startswith("◆ U.S. military mission in Iraq")
        assert "as of 27 Sep 2024?" in header.text
        assert app.title.startswith("U.S. military mission in Iraq")
        overview = app.main_screen.detail.body.content.plain
        assert "As of 27 September, year not given — 2024 inferred · today is 24 November 2026" in overview


async def test_markup_and_escapes_in_story_show_literally(make):
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.main_screen
        assert "Synthetic [bold]story[/bold]" in screen.header.text
        await pilot.pause()
        first, _second = event_lines(app, "Plan announced [b]loudly[/b]")
        assert "Plan announced [b]loudly[/b]" in first  # 120 wide: on one line, literally
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
        assert screen.timeline.border_title == "Timeline · step 0 of 5"
        assert screen.timeline.list.highlighted_key == OVERVIEW_KEY
        assert TODAY_KEY in screen.index.timeline_rows


LONG_TITLES = (
    "The ministry announces that the current mission concludes at the end of the second quarter of 2025",
    "The ministry announces that the current mission ends by the end of 2026 according to the summary",
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)], ids=["80x24", "120x40", "60x20"])
async def test_timeline_titles_wrap_and_keep_their_ends(make, synthetic_story, size):
    """Titles that share their start and differ at their end are never cut where they differ."""
    import dataclasses

    model = synthetic_story.model
    events = [
        dataclasses.replace(e, title=LONG_TITLES[i]) if i < 2 else e for i, e in enumerate(model.events)
    ]
    story = dataclasses.replace(synthetic_story, model=model.model_copy(update={"events": events}))
    app = make(story)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = []
        for title in LONG_TITLES:
            first, second = event_lines(app, title)
            words = (first + " " + second).replace("…", " ").split()
            assert title.split()[-2:] == words[-2:], (first, second)  # its end, where they differ
            assert title.split()[0] in first
            shown.append(words)
        assert shown[0] != shown[1]


async def test_unverified_quotes_are_flagged_where_they_show(bundled_story, make) -> None:
    """A misquote does not stop the explorer: the overview counts it, and every place that shows the
    claim flags it (its detail saying what was not found where), instead of a toast."""
    from mission_tui.story.verify import QuoteProblem

    problem = QuoteProblem(
        "s.toml", "claim 'end-the-hill': quote not found", 3, None, ("end-the-hill",),
        "not found in the source's excerpt or headline; nearest passage (excerpt): “x” — capitals differ",
    )  # fmt: skip
    app = make(bundled_story, quote_problems=[problem])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert "⚠ Not verified: 1 quote is not found in their sources" in screen.detail.body.content.plain
        await pilot.press("4")
        conflict = screen.detail.body.content.plain
        assert "⚠ The Hill · excerpt" in conflict  # the comparison line
        assert "⚠ Not verified: not found in the source's excerpt or headline" in conflict
        screen.jump("claim", "end-the-hill")
        await pilot.pause()
        claim = screen.detail.body.content.plain
        assert "Quote: ⚠ “The U.S. military will end" in claim
        assert "nearest passage (excerpt)" in claim
        assert not app._notifications  # said where it is read, not in a toast over the panes
    clean = make(bundled_story)
    async with clean.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Not verified" not in clean.main_screen.detail.body.content.plain


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
        assert screen.index is not None and set(screen.index.unverified) == {model.claims[0].id}
        assert "1 quote is not found in their sources" in screen.detail.body.content.plain
    assert unchecked == LoadedStory(model=story, path=bundled_story.path)  # the story was not touched


@pytest.mark.parametrize(
    ("when", "lines"),
    [
        ("XXXX-08-21/XXXX-08-31", ("21–31 Aug", "no year")),  # within a month, the year not given
        ("XXXX-09-27", ("27 Sep", "no year")),  # never '????', nor a made-up year
        ("2025-08-21/2025-08-31", ("21–31 Aug", "2025")),  # within a month: the year once, below
        ("2025-07/2025-08", ("Jul–Aug", "2025")),
        ("2025-09/2026-12", ("Sep 2025–", "Dec 2026")),  # across years: the start over the end
        ("2024-09-27", ("27 Sep", "2024")),
        ("../2026-12", ("→ Dec", "2026")),  # an open start, as the docstring of date_lines says
    ],
)
def test_the_date_column_keeps_an_interval_within_a_year_narrow(when, lines):
    """'21 Aug ????–' was wider than the date column: its row's title stood out of line."""
    from mission_tui.widgets.rows import date_lines

    assert date_lines(when) == lines
