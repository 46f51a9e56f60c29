"""VirtualList: cursor bounds, filtering, marks, and that rows are rendered only when on screen."""

from __future__ import annotations

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

    def render_row(self, key: str) -> Content:
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
