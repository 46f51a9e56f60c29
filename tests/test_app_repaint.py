"""What a keypress costs: one frame, no screen layout, no garbage-collector walk over the story."""

from __future__ import annotations

import pytest
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.content import Content
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.visual import Visual
from textual.widget import Widget

from mission_tui import app as app_module
from mission_tui import textual_compat
from mission_tui.story import heap
from mission_tui.story.loader import LoadedStory
from mission_tui.widgets.cells import changed_span, look
from mission_tui.widgets.detail import RelatedKeys
from mission_tui.widgets.detail_body import DetailText
from mission_tui.widgets.focus_repaint import BLURRED_CURSOR_COMPONENT, CURSOR_COMPONENT, styled_by_own_focus
from mission_tui.widgets.pane import PaneList
from mission_tui.widgets.virtual_list import VirtualList
from stories import generated_story as generated

SIZE = (80, 24)


@pytest.fixture(scope="module")
def generated_story() -> LoadedStory:
    """A 300-claim benchmark story: every event's detail text is taller than the view at 80x24."""
    return generated(300)


@pytest.mark.patched
async def test_a_step_is_one_frame_without_layout(make, generated_story):
    app = make(generated_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("j", "j")  # from the overview to step 1, then 2: the first may size the text
        await pilot.pause(0.1)
        layouts: list[object] = []
        frames: list[object] = []
        refresh_layout, compositor_refresh = screen._refresh_layout, screen._compositor_refresh
        screen._refresh_layout = lambda *a, **k: (layouts.append(a), refresh_layout(*a, **k))[1]  # type: ignore[method-assign]
        screen._compositor_refresh = lambda: (frames.append(1), compositor_refresh())[1]  # type: ignore[method-assign]
        for step in range(5):
            before = screen.selection
            await pilot.press("j")
            await pilot.pause(0.1)  # room for any late frame to show up
            assert screen.selection != before
            assert layouts == [], f"step {step} laid out the screen"
            assert len(frames) == 1, f"step {step} took {len(frames)} frames"
            frames.clear()


async def test_the_heap_is_frozen_once_the_index_is_built(make, monkeypatch):
    calls: list[tuple[str, object]] = []
    app = make()
    monkeypatch.setattr(heap.gc, "freeze", lambda: calls.append(("freeze", app.main_screen.index)))
    monkeypatch.setattr(heap.gc, "unfreeze", lambda: calls.append(("unfreeze", None)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        index = app.main_screen.index
        assert calls and calls[0] == ("freeze", index) and index is not None
    assert calls[-1] == ("unfreeze", None)  # handed back on exit (tests run many apps in one process)


async def test_the_cli_keeps_the_heap_frozen_to_the_end(monkeypatch, bundled_story):
    """The process ends with the app: unfreezing would only buy a last walk over the whole story.
    The explorer's collector runs its youngest generation less often (heap.collect_less_often)."""
    from mission_tui import cli

    ran: list[app_module.MissionApp] = []
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr("mission_tui.terminal.run_app", lambda app: ran.append(app) or 0)
    monkeypatch.setattr(cli, "terminal_problem", lambda: None)  # pytest's stdin is no terminal
    monkeypatch.setattr(heap.gc, "set_threshold", lambda *values: thresholds.append(values))
    assert cli.main([str(bundled_story.path)]) == 0
    (app,) = ran
    assert app.release_heap_on_exit is False
    _, middle, oldest = heap.gc.get_threshold()
    assert thresholds == [(heap.YOUNG_THRESHOLD, middle, oldest)]
    unfrozen: list[bool] = []
    monkeypatch.setattr(heap.gc, "unfreeze", lambda: unfrozen.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not unfrozen
    monkeypatch.undo()
    heap.release_heap()  # this test process goes on: hand the objects back after all


def test_related_keys_are_computed_per_row_not_built():
    class FakeLinks:
        def of(self, kind: str) -> tuple[str, ...]:
            return {"event": ("e1", "e2"), "claim": tuple(f"c{i}" for i in range(30_000))}.get(kind, ())

    keys = RelatedKeys(FakeLinks())  # type: ignore[arg-type]
    assert len(keys) == 30_002
    assert keys[0] == "event:e1" and keys[2] == "claim:c0" and keys[-1] == "claim:c29999"
    assert keys[1:3] == ["event:e2", "claim:c0"]
    assert list(keys)[:3] == ["event:e1", "event:e2", "claim:c0"]
    with pytest.raises(IndexError):
        keys[30_002]
    assert len(RelatedKeys(None)) == 0


# -- what a step repaints -------------------------------------------------------------------------

Cells = list[list[tuple[str, object]]]


def blank_look(style: Style) -> tuple[object, ...]:
    """What a style shows on a blank cell: its background, unless a line or reverse video is drawn."""
    drawn = ("reverse", "underline", "underline2", "strike", "overline", "frame", "encircle", "blink")
    if any(getattr(style, name) for name in drawn):
        return ("all", look(style))
    return ("blank", style.bgcolor, style.link, look(style)[2])


def screen_cells(app: app_module.MissionApp) -> Cells:
    """The screen as (character, look) per cell, as the compositor would send it in full: what shows
    (a space's foreground colour or boldness does not)."""
    rows: Cells = []
    for strip in app.screen._compositor.render_strips():
        row: list[tuple[str, object]] = []
        for text, style, control in strip:
            if not control:
                for char in text:
                    shown = None if style is None else blank_look(style) if char == " " else look(style)
                    row.append((char, shown))
        rows.append(row)
    return rows


async def step_and_record(app, pilot, key: str) -> tuple[Cells, Cells, set[tuple[int, int]], int]:
    """Press `key`; the screen before and after, the cells the frames repainted, and their bytes."""
    before = screen_cells(app)
    updates: list[object] = []
    display = app._display
    app._display = lambda screen, update: (updates.append(update), display(screen, update))[1]
    try:
        await pilot.press(key)
        await pilot.pause(0.1)
    finally:
        app._display = display
    after = screen_cells(app)
    painted: set[tuple[int, int]] = set()
    size = 0
    for update in updates:
        assert isinstance(update, ChopsUpdate), f"a step redrew the whole screen: {update!r}"
        painted.update((y, x) for y, x1, x2 in update.spans for x in range(x1, x2))
        size += len(update.render_segments(app.console))
    return before, after, painted, size


def changed_cells(before: Cells, after: Cells) -> set[tuple[int, int]]:
    return {(y, x) for y, (old, new) in enumerate(zip(before, after, strict=True)) for x in range(len(new))
            if old[x] != new[x]}  # fmt: skip


@pytest.mark.slow
async def test_a_step_repaints_every_changed_cell_and_only_changed_detail_rows(make, generated_story):
    app = make(generated_story)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):  # from the overview (step 0) to step 3: the text is sized by then
            await pilot.press("j")
        await pilot.pause(0.1)
        text = app.main_screen.detail.body
        region = text.region
        partial = 0
        exact = "scrolling" in textual_compat.active_patches()
        for step in range(8):
            before, after, painted, _ = await step_and_record(app, pilot, "j")
            missed = changed_cells(before, after) - painted
            assert not missed, f"step {step}: changed but not repainted: {sorted(missed)[:10]}"
            rows, columns = range(region.y, region.bottom), slice(region.x, region.right)
            changed = {y for y in rows if before[y][columns] != after[y][columns]}
            repainted = {y for y in rows if any((y, x) in painted for x in range(region.x, region.right))}
            if exact:  # on stock Textual a new detail text lays out, and the whole box repaints
                assert repainted == changed, (step, sorted(repainted), sorted(changed))
            partial += 0 < len(changed) < region.height
        assert partial, "no step kept any detail row: the test shows nothing"


def test_a_changed_row_repaints_from_its_first_changed_cell() -> None:
    from rich.segment import Segment
    from rich.style import Style
    from textual.strip import Strip

    _changed_span = changed_span

    label, text = Style(bold=True), Style()

    def line(*parts: tuple[str, Style]) -> Strip:
        return Strip([Segment(t, s) for t, s in parts])

    step2, step3 = line(("Step:", label), (" 2 of 5", text)), line(("Step:", label), (" 3 of 5", text))
    assert _changed_span(step2, step3, 20) == (6, 20)  # from the digit; Textual pads the rest
    full2, full3 = line(("Step: 2 of 5", text)), line(("Step: 3 of 5", text))
    assert _changed_span(full2, full3, 12) == (6, 7)  # lines as wide as the row: just the digit
    assert _changed_span(line(("ab", text)), line(("ab", label)), 5) == (0, 5)  # a style is a change
    assert _changed_span(line(("a漢", text)), line(("a漢", label)), 5)[0] == 0
    assert _changed_span(line(("x漢b", text)), line(("x漢c", text)), 4) == (3, 4)
    assert _changed_span(line(("漢", text)), line(("漢", text)), 2) == (0, 0)  # same cells
    assert _changed_span(line(("ab", text)), line(("abcd", text)), 6) == (2, 6)  # longer: past the end
    assert _changed_span(None, step3, 20) == (0, 20)


SCROLL_KEYS = ["j"] * 14 + ["k"] * 12 + ["pagedown", "j", "j", "pageup", "k", "end", "k", "k", "home", "j"]


@pytest.fixture(scope="module")
def scrolling_story() -> LoadedStory:
    """1,500 claims: 150 events, 15 sources, 20 key points; every pane scrolls at 80x24."""
    return generated(1_500)


@pytest.mark.parametrize("pane", ["1", "2", "3"])
@pytest.mark.slow
async def test_scrolling_a_list_repaints_every_changed_cell(make, scrolling_story, pane):
    """Lists repaint a scroll row by row from the first changed cell; nothing changed may be missed,
    whichever way the cursor and the rows move (the old cursor row's highlight included)."""
    app = make(scrolling_story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(pane)
        await pilot.pause(0.1)
        for key in SCROLL_KEYS:
            before, after, painted, _ = await step_and_record(app, pilot, key)
            missed = changed_cells(before, after) - painted
            assert not missed, f"{key}: changed but not repainted: {sorted(missed)[:10]}"


async def test_a_pane_switch_shows_its_item_when_focus_moves(make):
    """The detail follows focus in `set_focus` itself (where 1-4, Tab and clicks end), so the pane's
    item is drawn in the frame that moves the borders; DescendantFocus comes a frame later."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        for kind in ("key_point", "source", "conflict", "event"):
            pane_list = screen.panes[kind].list
            screen.set_focus(pane_list)  # no message handled in between
            assert screen.selection == (kind, pane_list.highlighted_key)


async def test_going_back_to_a_pane_does_not_wrap_its_text_again(make, generated_story, monkeypatch):
    wraps: list[str] = []
    to_strips, get_height = Visual.to_strips.__func__, Content.get_height  # type: ignore[attr-defined]

    def draw(cls: type[Visual], widget: object, *args: object, **kwargs: object) -> object:
        if isinstance(widget, DetailText):  # every Static draws through here too
            wraps.append("draw")
        return to_strips(cls, widget, *args, **kwargs)

    detail_texts: list[Content] = []  # set below: every text the detail view keeps

    def count(content: Content, *args: object, **kwargs: object) -> int:
        if any(content is text for text in detail_texts):  # not other widgets measured in a layout
            wraps.append("count")
        return get_height(content, *args, **kwargs)

    monkeypatch.setattr(Visual, "to_strips", classmethod(draw))
    monkeypatch.setattr(Content, "get_height", count)
    app = make(generated_story)
    async with app.run_test(size=SIZE) as pilot:
        detail = app.main_screen.detail
        for key in ("j", "2", "3", "4", "1"):  # each pane's item shown once
            await pilot.press(key)
            await pilot.pause()
            detail_texts.append(detail.body.content)
        wraps.clear()
        for key in "23412341":
            shown = detail.body.content
            await pilot.press(key)
            await pilot.pause()
            assert detail.body.content is not shown
        if textual_compat.active_patches():
            assert wraps == []
        else:  # stock Textual sizes the box through more widths (a layout per scrollbar change): a
            assert "count" not in wraps  # text may be drawn at one it was not kept for; never recounted
        detail.refresh_text()  # what the story says changed (quotes checked): made and wrapped anew
        assert detail.body.content is not shown and wraps


def record_whole_list_repaints(monkeypatch: pytest.MonkeyPatch) -> list[VirtualList]:
    """The lists repainted whole from now on (not the repaint `FocusRepaint` holds back)."""
    whole: list[VirtualList] = []
    refresh = VirtualList.refresh

    def recording(self: VirtualList, *regions: Region, **kwargs: bool) -> VirtualList:
        if not regions and not self._restyling_for_focus:
            whole.append(self)
        return refresh(self, *regions, **kwargs)

    monkeypatch.setattr(VirtualList, "refresh", recording)
    return whole


@pytest.mark.patched
async def test_a_pane_switch_is_one_frame_that_repaints_neither_list_in_full(make, monkeypatch):
    """Only the lists' cursor rows change look with focus (and the panes' borders): no list is
    repainted whole, and everything is drawn in one frame (`one_frame`, `focus_within` edges)."""
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "1")
        await pilot.pause(0.1)
        screen = app.main_screen
        frames: list[int] = []
        whole = record_whole_list_repaints(monkeypatch)
        compositor_refresh = screen._compositor_refresh
        screen._compositor_refresh = lambda: (frames.append(1), compositor_refresh())[1]  # type: ignore[method-assign]
        for key in "23412341":
            await pilot.press(key)
            await pilot.pause(0.1)
            assert whole == [], f"{key}: repainted whole: {whole}"
            assert len(frames) == 1, f"{key}: {len(frames)} frames"
            frames.clear()


async def test_a_focus_rule_that_changes_more_than_the_cursor_repaints_the_whole_list(make, monkeypatch):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.stylesheet.add_source("PaneList:focus { color: red; }", read_from=("test", "focus rule"))
        app.stylesheet.reparse()
        app.stylesheet.update(app)
        await pilot.pause()
        whole = record_whole_list_repaints(monkeypatch)
        await pilot.press("2")
        await pilot.pause(0.1)
        assert app.main_screen.panes["key_point"].list in whole


async def test_a_pane_switch_restyles_no_list_while_no_rule_styles_a_list_by_its_focus(make, monkeypatch):
    """The cursor's two looks are component classes chosen as it is drawn, so a focus change needs no
    stylesheet match for the lists; a `:focus` rule that names a list brings Textual's restyle back."""
    restyled: list[Widget] = []
    watch = Widget.watch_has_focus
    monkeypatch.setattr(
        Widget, "watch_has_focus", lambda self, value: (restyled.append(self), watch(self, value))
    )
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        timeline, key_points = screen.panes["event"].list, screen.panes["key_point"].list
        await pilot.press("2", "1", "2")
        await pilot.pause(0.1)
        assert app.focused is key_points
        assert restyled == []
        looks = (CURSOR_COMPONENT, BLURRED_CURSOR_COMPONENT)
        assert key_points.get_visual_style(looks[0]) != key_points.get_visual_style(looks[1])
        app.stylesheet.add_source("PaneList:focus { color: red; }", read_from=("test", "focus rule"))
        app.stylesheet.reparse()
        app.stylesheet.update(app)
        await pilot.press("1")
        await pilot.pause(0.1)
        assert {id(timeline), id(key_points)} <= {id(widget) for widget in restyled}


@pytest.mark.parametrize(
    ("css", "styled"),
    [
        ("VirtualList:focus > .virtual-list--cursor { color: red; }", True),  # the list's own focus
        ("PaneList:blur { color: red; }", True),
        ("*:focus { color: red; }", True),
        (".anything:focus { color: red; }", True),  # classes change: taken to match
        ("Input:focus { color: red; }", False),
        ("Pane > Input.pane-filter:focus { color: red; }", False),
        ("#detail-scroll:focus { color: red; }", False),
        ("Pane:focus-within PaneList { color: red; }", False),  # the pane's focus, restyled with the pane
        ("PaneList { color: red; }", False),
    ],
)
def test_which_rules_style_a_list_by_its_own_focus(css: str, styled: bool) -> None:
    stylesheet = Stylesheet()
    stylesheet.add_source(css)
    stylesheet.parse()
    assert styled_by_own_focus(stylesheet.rules, PaneList()) is styled
