"""VirtualList: cursor bounds, filtering, marks, and that rows are rendered only when on screen."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.content import Content

from mission_tui.widgets.virtual_list import VirtualList


class ListApp(App[None]):
    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.keys = keys
        self.rendered: list[str] = []
        self.highlighted: list[str | None] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield VirtualList(id="list")

    def on_mount(self) -> None:
        lst = self.query_one(VirtualList)
        lst.set_items(self.keys, self.render_row, lambda key: f"item {key}")
        lst.focus()

    def render_row(self, key: str, width: int = 0) -> Content:
        self.rendered.append(key)
        return Content(f"row {key}")

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        self.highlighted.append(event.key)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.selected.append(event.key)


async def test_lazy_rendering_with_100k_items():
    keys = [str(i) for i in range(100_000)]
    app = ListApp(keys)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lst = app.query_one(VirtualList)
        assert lst.total_count == 100_000
        assert len(set(app.rendered)) <= 10  # only the rows on screen
        app.rendered.clear()
        await pilot.press("G")
        assert lst.highlighted_key == "99999"
        assert 0 < len(set(app.rendered)) <= 10
        assert "50000" not in app.rendered


async def test_cursor_bounds_and_keys():
    app = ListApp([str(i) for i in range(30)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.press("k")
        assert lst.cursor == 0  # cannot go above the first row
        await pilot.press("j", "down")
        assert lst.highlighted_key == "2"
        await pilot.press("pagedown")
        assert lst.cursor > 2
        await pilot.press("end")
        assert lst.highlighted_key == "29"
        await pilot.press("j")
        assert lst.highlighted_key == "29"  # cannot go past the last row
        await pilot.press("pageup")
        assert lst.cursor < 29
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == ["0"]
        assert app.highlighted[-1] == "0"


async def test_filter_keeps_cursor_item_and_reports_matches():
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        lst.move_to_key("42")
        assert lst.set_filter("4") == 19  # 4, 14, 24, 34, 40-49, 54, ..., 94
        assert lst.highlighted_key == "42"
        assert lst.set_filter("item 7") == 11
        assert lst.highlighted_key == "7"  # 42 filtered out: back to the first match
        assert lst.move_to_key("42") is False
        assert lst.set_filter("nothing like this") == 0
        assert lst.highlighted_key is None
        assert "No match" in lst.render_line(0).text
        assert lst.set_filter("") == 100
        await pilot.pause()


async def test_marks_show_in_the_gutter():
    app = ListApp([str(i) for i in range(5)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        lst.set_marked({"1", "3"})
        await pilot.pause()
        assert lst.marked == {"1", "3"}
        assert lst.render_line(1).text.startswith("▌")
        assert lst.render_line(3).text.startswith("▌")
        assert not lst.render_line(2).text.startswith("▌")


async def test_quiet_move_then_user_move_back_still_posts():
    app = ListApp([str(i) for i in range(5)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        app.highlighted.clear()
        lst.move_to_key("3", post=False)
        await pilot.pause()
        assert app.highlighted == []
        await pilot.press("g")
        assert app.highlighted == ["0"]


async def test_left_right_are_not_bound_by_the_list():
    app = ListApp(["a"])
    async with app.run_test(size=(40, 10)):
        lst = app.query_one(VirtualList)
        keys = set(lst._bindings.key_to_bindings)
        assert "left" not in keys and "right" not in keys


class RefreshSpy:
    """Records the regions a list asks to repaint (a bare `refresh()` is recorded as "all")."""

    def __init__(self, lst: VirtualList) -> None:
        self.calls: list[object] = []
        original = lst.refresh

        def refresh(*regions, **kwargs):
            self.calls.extend(regions or ["all"])
            return original(*regions, **kwargs)

        lst.refresh = refresh  # type: ignore[method-assign]

    def rows(self) -> list[int]:
        assert "all" not in self.calls, self.calls
        return sorted(y for region in self.calls for y in range(region.y, region.bottom))  # type: ignore[attr-defined]


async def test_set_marked_repaints_only_rows_whose_mark_changed():
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        spy = RefreshSpy(lst)
        lst.set_marked({"1", "3"})
        assert spy.rows() == [1, 3]
        spy.calls.clear()
        lst.set_marked({"3", "50"})  # 1 unmarked, 3 unchanged, 50 is off screen
        assert spy.rows() == [1]
        spy.calls.clear()
        lst.set_marked({"3", "50"})  # no change: no repaint at all
        assert spy.calls == []
        # most of the viewport changes: one region for the whole viewport, not one per row
        lst.set_marked({str(i) for i in range(8)} | {"3"})
        assert len(spy.calls) == 1 and spy.rows() == list(range(10))
        # only the text columns: a scrollbar repaints itself when its thumb moves
        assert all(region.width == lst.scrollable_content_region.width for region in spy.calls)  # type: ignore[attr-defined]
        await pilot.pause()
        assert lst.render_line(5).text.startswith("▌") and not lst.render_line(9).text.startswith("▌")


async def test_cursor_move_repaints_two_rows_not_the_list():
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        spy = RefreshSpy(lst)
        await pilot.press("j")
        assert spy.rows() == [0, 1]
        spy.calls.clear()
        lst.move_to_key("4", post=False)  # quiet moves (following a selection) too
        assert spy.rows() == [1, 4]


async def test_rows_are_drawn_once_and_reused_when_the_list_scrolls():
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.press("end")
        await pilot.pause()
        first = lst.render_line(3)
        assert lst.render_line(3) is first  # same row, same state: the cached strip
        lst.set_marked({lst._keys[lst._visible[round(lst.scroll_y) + 3]]})
        marked = lst.render_line(3)
        assert marked is not first and marked.text.startswith("▌")


@pytest.mark.patched
async def test_scrollbar_repaints_only_when_its_thumb_moves():
    app = ListApp([str(i) for i in range(100_000)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        bar = lst.vertical_scrollbar
        at_top = bar._thumb()
        repaints: list[object] = []
        original = bar.refresh
        bar.refresh = lambda *a, **k: (repaints.append(a), original(*a, **k))[1]  # type: ignore[method-assign]
        for _ in range(12):  # scrolls by a row a step: 1/100,000 of the track, the thumb stays put
            await pilot.press("j")
        assert lst.scroll_y > 0 and repaints == []
        await pilot.press("end")
        await pilot.pause()
        assert repaints  # now the thumb is at the bottom
        assert bar.drawn_thumb == bar._thumb() != at_top  # and what is drawn is where it should be


@pytest.mark.patched
async def test_a_moving_thumb_repaints_only_the_scrollbar_rows_that_change():
    app = ListApp([str(i) for i in range(30)])  # a thumb a third of the track
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        bar = lst.vertical_scrollbar
        drawn = bar._thumb()
        regions: list[object] = []
        original = bar.refresh
        bar.refresh = lambda *a, **k: (regions.extend(a or ["all"]), original(*a, **k))[1]  # type: ignore[method-assign]
        await pilot.press("pagedown", "pagedown")  # scrolls by 9 rows: the thumb moves by 3
        await pilot.pause()
        moved = [y for y, (old, new) in enumerate(zip(drawn, bar._thumb(), strict=True)) if old != new]
        assert 1 < len(moved) < bar.size.height  # the test needs a thumb that moves by a few rows
        assert "all" not in regions
        assert sorted(y for region in regions for y in range(region.y, region.bottom)) == moved  # type: ignore[attr-defined]
        # What the compositor holds for the bar (rows not repainted come from its cache) is a fresh render.
        full = bar.size.region
        on_screen = [strip.text for strip in bar.render_lines(full)]
        bar._styles_cache.clear()
        assert on_screen == [strip.text for strip in bar.render_lines(full)]
        assert bar.drawn_thumb == bar._thumb()


async def test_new_items_repaint_the_rows_not_the_scrollbar():
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 10)) as pilot:
        lst = app.query_one(VirtualList)
        await pilot.pause()
        spy = RefreshSpy(lst)
        lst.set_items([f"new {i}" for i in range(100)], app.render_row)
        assert spy.calls and all(region.width == lst.scrollable_content_region.width for region in spy.calls)  # type: ignore[attr-defined]
        await pilot.pause()
        assert lst.render_line(0).text.strip() == "row new 0"


async def test_a_cursor_leaving_the_view_scrolls_it_by_two_thirds_of_a_page():
    """Stepping past the last row shows what comes next (and repaints the list once per 2/3 page,
    not once per step); stepping back above the first row does the same upwards."""
    app = ListApp([str(i) for i in range(100)])
    async with app.run_test(size=(40, 12)) as pilot:
        lst = app.query_one(VirtualList)
        height = lst.scrollable_content_region.height
        await pilot.press(*["j"] * (height - 1))
        assert lst.scroll_y == 0  # the last row in view: nothing scrolled yet
        await pilot.press("j")
        assert lst.scroll_y == height * 2 // 3
        top = lst.scroll_y
        assert top <= lst.cursor < top + height
        await pilot.press(*["j"] * (top + height - 1 - lst.cursor))
        assert lst.scroll_y == top  # within the view again: no scroll
        await pilot.press("g")
        await pilot.press("G")
        bottom = lst.scroll_y
        await pilot.press(*["k"] * (lst.cursor - round(bottom) + 1))
        assert lst.scroll_y == bottom - height * 2 // 3
