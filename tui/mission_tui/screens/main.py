"""The explorer screen: four panes, the detail view, linked selection and step-through."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..story.index import TODAY_KEY, StoryIndex
from ..textual_compat.borders import set_border_subtitle
from ..widgets.conflicts import ConflictsPane
from ..widgets.detail import DetailPane
from ..widgets.header import StoryHeader
from ..widgets.key_points import KeyPointsPane
from ..widgets.pane import Pane
from ..widgets.rows import ROW_RENDERERS, timeline_row
from ..widgets.sources import SourcesPane
from ..widgets.timeline import TimelinePane
from ..widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from ..app import MissionApp

MIN_WIDTH, MIN_HEIGHT = 60, 16
PANES = Binding.Group("panes", compact=True)
STEP = Binding.Group("step")


class TooSmall(Static):
    """Shown instead of the panes below the minimum size (the stylesheet toggles it)."""

    def on_resize(self) -> None:
        width, height = self.app.size
        self.update(
            Content(
                f"Terminal too small — need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {width}×{height}.\n"
                "Enlarge the window, or press q to quit."
            )
        )


class MainScreen(Screen[None]):
    """Owns selection: whatever the focused pane highlights is shown in detail and linked elsewhere."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_pane('event')", "Timeline", group=PANES, tooltip="Go to the Timeline pane"),
        Binding(
            "2", "focus_pane('key_point')", "Key points", group=PANES, tooltip="Go to the Key points pane"
        ),
        Binding("3", "focus_pane('source')", "Sources", group=PANES, tooltip="Go to the Sources pane"),
        Binding("4", "focus_pane('conflict')", "Conflicts", group=PANES, tooltip="Go to the Conflicts pane"),
        Binding("5", "focus_detail", "Detail", show=False, tooltip="Go to the detail view's related items"),
        Binding("n", "step(1)", "Next", group=STEP, tooltip="Next event in date order"),
        Binding("p", "step(-1)", "Prev", group=STEP, tooltip="Previous event in date order"),
        Binding("right,space", "step(1)", "Next", show=False, tooltip="Next event in date order"),
        Binding("left", "step(-1)", "Prev", show=False, tooltip="Previous event in date order"),
    ]

    # Textual sets these classes on the screen as it resizes; the stylesheet lays out by them.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (110, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-too-short"),
        (MIN_HEIGHT, "-short"),
        (34, "-tall"),
    ]

    def __init__(self, title: str = "", dates: str = "") -> None:
        super().__init__(id="main")
        self.index: StoryIndex | None = None
        self.timeline = TimelinePane(id="timeline-pane")
        self.key_points = KeyPointsPane(id="key-points-pane")
        self.sources = SourcesPane(id="sources-pane")
        self.conflicts = ConflictsPane(id="conflicts-pane")
        self.detail = DetailPane(id="detail-pane")
        self.header = StoryHeader(title, dates, id="story-header")
        self.panes: dict[str, Pane] = {
            pane.KIND: pane for pane in (self.timeline, self.key_points, self.sources, self.conflicts)
        }
        self.selection: tuple[str, str] | None = None

    @property
    def mission_app(self) -> MissionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield self.header
        with Vertical(id="body"):
            with Horizontal(id="top-row"):
                yield self.timeline
                yield self.detail
            with Horizontal(id="bottom-row"):
                yield self.key_points
                yield self.sources
                yield self.conflicts
        yield TooSmall(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.timeline.list.focus()
        self.mission_app.start_indexing()

    # -- data ----------------------------------------------------------------------------------

    def load_index(self, index: StoryIndex) -> None:
        """Fill every pane from a freshly built index (called once, possibly after a worker)."""
        self.index = index
        orders = {
            "event": index.timeline_rows,
            "key_point": index.key_point_order,
            "source": index.source_order,
            "conflict": index.conflict_order,
        }
        for kind, pane in self.panes.items():
            render = ROW_RENDERERS[kind]
            if kind == "event":
                render = lambda index, key: timeline_row(index, key, self.timeline.compact)  # noqa: E731
            pane.set_items(
                orders[kind],
                lambda key, render=render: render(index, key),
                (lambda key, kind=kind: "" if key == TODAY_KEY else index.search_text(kind, key)),
            )
        for pane in self.panes.values():
            pane.list.on_highlight = self._on_list_highlight
        first = index.timeline[0] if index.timeline else None
        if first is not None:
            self.timeline.jump_to(first)
        self.timeline.list.focus()
        self._select_from(self.timeline)
        self._update_progress()

    # -- selection -----------------------------------------------------------------------------

    def _pane_of(self, widget: object) -> Pane | None:
        for pane in self.panes.values():
            if widget is pane.list:
                return pane
        return None

    def _on_list_highlight(self, virtual_list: VirtualList, key: str | None) -> None:
        """Follow a pane's cursor at once, so the whole keypress is drawn in the same frame."""
        pane = self._pane_of(virtual_list)
        if pane is None:
            return
        if pane is self.timeline:
            self._update_progress()
        if virtual_list.has_focus:
            self._select_from(pane)

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Normally already handled by `_on_list_highlight`; then this finds nothing to change.
        self._on_list_highlight(event.virtual_list, event.key)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = self._pane_of(event.widget)
        if pane is not None:
            self._select_from(pane)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if self._pane_of(event.virtual_list) is not None:
            self.action_focus_detail()

    def on_detail_pane_jump_requested(self, event: DetailPane.JumpRequested) -> None:
        self.jump(event.kind, event.key)

    def _select_from(self, pane: Pane) -> None:
        key = pane.list.highlighted_key
        if key is not None:
            self.show(pane.KIND, key)

    def show(self, kind: str, key: str) -> None:
        """Show an item in detail and mark what it links to in the other panes (O(links))."""
        if self.index is None or self.selection == (kind, key):
            return
        self.selection = (kind, key)
        index = self.index
        self.detail.show(index, kind, key)
        links = None if key == TODAY_KEY else index.links(kind, key)
        for pane_kind, pane in self.panes.items():
            if links is None or pane_kind == kind:
                pane.list.set_marked(())
                continue
            linked = links.of(pane_kind)
            pane.list.set_marked(linked)
            current = pane.list.highlighted_key
            if linked and current not in linked:
                for target in linked[:50]:  # follow: show the first linked item that is visible
                    if pane.list.move_to_key(target, post=False):
                        break
        self._update_progress()

    def jump(self, kind: str, key: str) -> None:
        """Go to an item (palette, related list): its pane's cursor, focus, detail."""
        if self.index is None:
            return
        pane = self.panes.get(kind)
        if pane is None:  # claims have no pane: show them in detail, keep focus where it is
            self.show(kind, key)
            return
        pane.jump_to(key)
        pane.list.focus()
        self.show(kind, key)

    # -- step-through --------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        index = self.index
        if index is None or not index.timeline:
            return
        current = self.timeline.list.highlighted_key
        if current in index.step_of:
            position = index.step_of[current] + delta
        elif current == TODAY_KEY:  # the marker sits before timeline[today_position]
            position = index.today_position if delta > 0 else index.today_position - 1
        else:
            position = 0
        position = max(0, min(position, len(index.timeline) - 1))
        self.jump("event", index.timeline[position])
        self._update_progress()

    def _update_progress(self) -> None:
        index = self.index
        if index is None:
            return
        key = self.timeline.list.highlighted_key
        total = index.step_count
        if key in index.step_of:
            step = index.step_of[key] + 1
            text = f"Step {step} of {total}"
        elif key == TODAY_KEY:
            text = f"Today · after step {index.today_position} of {total}"
        else:
            text = f"{total} steps"
        set_border_subtitle(self.timeline, text)

    @property
    def progress_text(self) -> str:
        return str(self.timeline.border_subtitle or "")

    # -- focus ---------------------------------------------------------------------------------

    def action_focus_pane(self, kind: str) -> None:
        self.panes[kind].list.focus()

    def action_focus_detail(self) -> None:
        if self.detail.related.display:
            self.detail.related.focus()
        else:
            self.detail.scroll.focus()
