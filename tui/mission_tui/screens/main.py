"""The explorer screen: four panes, the detail view, linked selection, the step and the way back.

The screen owns the story's index: it builds it (in a worker thread for a big story, delivered as an
`IndexReady` message), fills the panes, and checks the quotes after the first frame if nobody has yet
(`QuotesChecked`). Selection flows one way: whatever the focused pane highlights is shown in detail
and marked in the other panes; widgets report up with messages, the screen sets what they show.
It opens on the overview (step 0): what the story is and where its sources disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from ..kinds import ITEM_KINDS, ItemKind, links_of
from ..story.heap import freeze_heap, gc_paused, long_gil_turns
from ..story.index import Kind, StoryIndex, build_index, short_date
from ..story.loader import LoadedStory, Problem
from ..story.sanitize import clean_line
from ..story.verify import verify_quotes
from ..textual_compat.borders import set_border_subtitle
from ..widgets.conflicts import ConflictsPane
from ..widgets.detail import DetailPane, RelatedList
from ..widgets.header import StoryHeader
from ..widgets.key_points import KeyPointsPane
from ..widgets.pane import FilterInput, Pane
from ..widgets.rows import timeline_legend
from ..widgets.sources import SourcesPane
from ..widgets.timeline import TimelinePane
from ..widgets.virtual_list import VirtualList
from .help import HelpScreen, HelpSource
from .places import History, Place, next_step, step_words

MIN_WIDTH, MIN_HEIGHT = 60, 16
PANES = Binding.Group("panes", compact=True)
STEP = Binding.Group("step")
SYNC_LIMIT = 2_000
"""A story with at most this many items is indexed before the first frame; a bigger one in a worker."""
FOLLOW_LIMIT = 50
"""Linked items a pane's cursor may try when it follows a selection (the first visible one wins)."""

NEXT_STEP = "Next step: the next event in date order"
PREVIOUS_STEP = "Previous step (step 0: the overview)"
HelpSections = list[tuple[str, list[HelpSource]]]


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


def story_size(loaded: LoadedStory) -> int:
    model = loaded.model
    return len(model.events) + len(model.claims) + len(model.sources) + len(model.key_points)


class MainScreen(Screen[None]):
    """Owns the index and the selection: what the focused pane highlights is shown and linked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "focus_pane('event')", "Timeline", group=PANES, tooltip="Go to the Timeline pane"),
        Binding(
            "2", "focus_pane('key_point')", "Key points", group=PANES, tooltip="Go to the Key points pane"
        ),
        Binding("3", "focus_pane('source')", "Sources", group=PANES, tooltip="Go to the Sources pane"),
        Binding("4", "focus_pane('conflict')", "Conflicts", group=PANES, tooltip="Go to the Conflicts pane"),
        Binding("n", "step(1)", "Next", group=STEP, tooltip=NEXT_STEP),
        Binding("p", "step(-1)", "Prev", group=STEP, tooltip=PREVIOUS_STEP),
        Binding("right,space", "step(1)", "Next", show=False, tooltip=NEXT_STEP),
        Binding("left", "step(-1)", "Prev", show=False, tooltip=PREVIOUS_STEP),
        Binding("5", "focus_related", "Related", show=False, tooltip="Go to the detail's related items"),
        Binding("d", "focus_text", "Read", show=False, tooltip="Read the detail text (↑↓ scroll it)"),
        Binding("m", "toggle_maximize", "Maximize", show=False, tooltip="Maximize the detail, or restore it"),
        Binding("escape,backspace", "back", "Back", show=False, tooltip="Back to where the last jump began"),
    ]

    # Textual sets these classes on the screen as it resizes; the stylesheet lays out by them.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (34, "-tall")]

    class IndexReady(Message):
        """The story's index, built in a worker thread."""

        def __init__(self, index: StoryIndex) -> None:
            super().__init__()
            self.index = index

    class QuotesChecked(Message):
        """The quotes were checked against their sources (after the first frame)."""

        def __init__(self, problems: list[Problem]) -> None:
            super().__init__()
            self.problems = problems

    def __init__(
        self, loaded: LoadedStory, today: date, quote_problems: Sequence[Problem] | None = ()
    ) -> None:
        """`quote_problems`: what checking the quotes found; None if they are not checked yet, in which
        case the screen checks them once the panes are filled."""
        super().__init__(id="main")
        self.loaded = loaded
        self.today = today
        self.quote_problems: list[Problem] | None = None if quote_problems is None else list(quote_problems)
        self.index: StoryIndex | None = None
        self.selection: tuple[Kind, str] | None = None
        self.history = History()
        self._focus_before_maximize: Widget | None = None
        self._focus_before_small: Widget | None = None
        self.timeline = TimelinePane(id="timeline-pane")
        self.key_points = KeyPointsPane(id="key-points-pane")
        self.sources = SourcesPane(id="sources-pane")
        self.conflicts = ConflictsPane(id="conflicts-pane")
        self.detail = DetailPane(id="detail-pane")
        title = clean_line(loaded.model.story.title)
        self.header = StoryHeader(title, draft=bool(loaded.draft), id="story-header")
        self.panes: dict[Kind, Pane] = {
            pane.KIND: pane for pane in (self.timeline, self.key_points, self.sources, self.conflicts)
        }

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
        if story_size(self.loaded) <= SYNC_LIMIT:
            self.show_index(self._build_index())
            if self.quote_problems is None:
                self.quotes_checked(verify_quotes(self.loaded))
        else:
            self.timeline.loading = True
            self.run_worker(self._index_in_thread, thread=True, exclusive=True, name="index")

    def _build_index(self) -> StoryIndex:
        loaded = self.loaded
        index = build_index(loaded.model, self.today, base_dir=loaded.base_dir)
        # What the reader must know before trusting the screen; the overview says it first.
        index.draft = clean_line(loaded.draft) if loaded.draft else None
        index.file_warnings = tuple(clean_line(w.message.removeprefix("warning: ")) for w in loaded.warnings)
        if self.quote_problems:
            index.set_quote_problems(self.quote_problems)
        return index

    def _index_in_thread(self) -> None:
        """In a worker thread: build the index, then check the quotes (they can only add a warning)."""
        with long_gil_turns(), gc_paused():
            index = self._build_index()
            freeze_heap()  # before the collector is back on, as the loader does (heap.py)
        self.post_message(self.IndexReady(index))
        if self.quote_problems is None:
            self.post_message(self.QuotesChecked(verify_quotes(self.loaded)))

    def on_main_screen_index_ready(self, message: IndexReady) -> None:
        self.timeline.loading = False
        self.show_index(message.index)

    def on_main_screen_quotes_checked(self, message: QuotesChecked) -> None:
        self.quotes_checked(message.problems)

    # -- data ----------------------------------------------------------------------------------

    def show_index(self, index: StoryIndex) -> None:
        """Fill every pane from a freshly built index (once per screen), and open on the overview."""
        self.index = index
        self.header.set_as_of(short_date(index.story.story.as_of))
        for kind, pane in self.panes.items():
            self._fill(pane, ITEM_KINDS[kind], index)
        self.timeline.item_count = index.step_count  # events: not the overview, today or headings
        self.timeline.update_title()
        set_border_subtitle(self.timeline, timeline_legend(index))
        self.timeline.list.focus()
        self._select_from(self.timeline)
        self._update_progress()
        freeze_heap()  # the index and the widgets live until the app ends (heap.py)

    def _fill(self, pane: Pane, item_kind: ItemKind, index: StoryIndex) -> None:
        render_row = item_kind.row
        assert render_row is not None, f"{item_kind.name} has a pane, so it has rows"

        def row(key: str, width: int) -> Content:
            return render_row(index, key, width)

        def search(key: str) -> str:
            return item_kind.search(index, key)

        pane.set_items(item_kind.order(index), row, search)
        pane.list.on_highlight = self._on_list_highlight

    def quotes_checked(self, problems: list[Problem]) -> None:
        """Flag every claim whose quote was not found, wherever it shows (the overview counts them)."""
        self.quote_problems = problems
        if self.index is None or not problems:
            return
        self.index.set_quote_problems(problems)
        self.detail.refresh_text()
        self.detail.related.invalidate()
        self.conflicts.list.invalidate()

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

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Textual's, and the detail follows the new focus at once: DescendantFocus reaches the
        screen after the frame that restyled the panes' borders, so a switch took two frames."""
        super().set_focus(widget, scroll_visible, from_app_focus)
        self._follow_focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Normally already done by `set_focus`. The focus now, not the event's: keys typed fast can
        # move it again before this arrives.
        self._follow_focus()

    def _follow_focus(self) -> None:
        focused = self.focused
        if focused is None:
            return
        pane = self._pane_of(focused)
        if pane is not None:
            self._select_from(pane)
        self.detail.show_related(focused is self.detail.related)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if self._pane_of(event.virtual_list) is not None:
            self.action_focus_related()

    def on_detail_pane_jump_requested(self, event: DetailPane.JumpRequested) -> None:
        self.jump(event.kind, event.key)

    def on_related_list_back(self, event: RelatedList.Back) -> None:
        self.action_back()

    def _select_from(self, pane: Pane) -> None:
        key = pane.list.highlighted_key
        if key is not None:
            self.show(pane.KIND, key)

    def show(self, kind: Kind, key: str) -> None:
        """Show an item in detail and mark what it links to in the other panes.

        O(viewport) per call once an item's links are known (the index builds them once per item):
        marks are frozensets from the index, and a pane follows to the first of at most FOLLOW_LIMIT
        linked items. The timeline never follows: its cursor is the step, moved only by the reader.
        """
        if self.index is None or self.selection == (kind, key):
            return
        self.selection = (kind, key)
        index = self.index
        self.detail.show(index, kind, key)
        links = links_of(index, kind, key)
        for pane_kind, pane in self.panes.items():
            if links is None or pane_kind == kind:
                pane.list.set_marked(frozenset())
                continue
            linked = links.of(pane_kind)
            pane.list.set_marked(index.link_set(kind, key, pane_kind))
            if pane is self.timeline or not linked or pane.list.highlighted_key in linked[:FOLLOW_LIMIT]:
                continue
            for target in linked[:FOLLOW_LIMIT]:  # follow: show the first linked item that is visible
                if pane.list.move_to_key(target, post=False):
                    break
        self._update_progress()

    def _place(self) -> Place:
        """The item shown (wherever focus is: its pane, its related items, its text) and the step."""
        kind, key = self.selection if self.selection is not None else (None, None)
        return Place(kind, key, self.timeline.list.highlighted_key)

    def jump(self, kind: Kind, key: str) -> None:
        """Go to an item (palette, related list): its pane's cursor, focus, detail; Esc comes back."""
        if self.index is None:
            return
        self.history.push(self._place())
        self._go_to(kind, key)

    def _go_to(self, kind: Kind, key: str) -> None:
        """An item's pane: its cursor, focus and detail. A claim has no pane: it is shown in the
        detail, the text focused to read it."""
        pane = self.panes.get(kind)
        if pane is None:
            self.show(kind, key)
            self.detail.scroll.focus()
            return
        pane.jump_to(key)
        pane.list.focus()
        self.show(kind, key)

    def jump_to_item(self, kind: Kind, key: str) -> None:
        """Jump from the command palette, which may have been opened over the help screen."""
        # Pop only our own help screen: the palette dismisses itself, and its pop may still be
        # pending here, so popping "whatever is not the explorer" could pop the explorer too.
        if isinstance(self.app.screen, HelpScreen):
            self.app.pop_screen()
        self.jump(kind, key)

    def action_back(self) -> None:
        """Esc/Backspace: back to where the last jump began (focus, item and step)."""
        place = self.history.pop()
        if place is None:  # no jump to undo: from the detail view, back to the pane it shows
            if self.focused is self.detail.related or self.focused is self.detail.scroll:
                kind = self.selection[0] if self.selection else "event"
                self.action_focus_pane(kind if kind in self.panes else "event")
            return
        if place.step_key is not None:
            self.timeline.jump_to(place.step_key)
            self._update_progress()
        if place.kind is not None and place.key is not None:
            self._go_to(place.kind, place.key)

    # -- step-through --------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        """Next or previous step among the timeline's rows as shown (a kept filter is respected)."""
        if self.index is None:
            return
        target = next_step(self.timeline.list, delta)
        if target is None:
            self.say("This is the last step." if delta > 0 else "This is the first step.")
            return
        self.timeline.jump_to(target)
        self.timeline.list.focus()
        self._select_from(self.timeline)
        self._update_progress()

    def say(self, words: str) -> None:
        """What a key did, for a moment, when nothing else on screen shows it (in the header)."""
        self.header.say(words)

    def _update_progress(self) -> None:
        index = self.index
        if index is None:
            return
        lst = self.timeline.list
        self.timeline.step_text = step_words(index, lst.highlighted_key, bool(lst.filter_text.strip()))
        self.timeline.update_title()

    @property
    def progress_text(self) -> str:
        return self.timeline.step_text

    # -- focus, size and help ------------------------------------------------------------------

    def action_focus_pane(self, kind: Kind) -> None:
        # Focused in this turn, not as `Widget.focus` does it: that repaints the list at once and
        # moves the focus a turn later, so a frame went out before the switch had been made.
        self.set_focus(self.panes[kind].list)

    def action_focus_related(self) -> None:
        if self.detail.has_related:
            self.detail.show_related(True)
            self.detail.related.focus()
        else:
            self.detail.scroll.focus()

    def action_focus_text(self) -> None:
        self.detail.scroll.focus()

    def action_toggle_maximize(self) -> None:
        """Maximize the detail view with its text focused: the pane that had focus is hidden, and
        Textual would pass focus to another pane, which would select its item into the detail."""
        if self.maximized is not None:
            self.minimize()
            return
        if self.focused is not None and self.detail not in self.focused.ancestors_with_self:
            self._focus_before_maximize = self.focused
        self.detail.scroll.focus()
        self.maximize(self.detail, container=False)

    def minimize(self) -> None:
        """Restore the panes (m or Esc), focus back where it was before m."""
        widget, self._focus_before_maximize = self._focus_before_maximize, None
        super().minimize()
        if widget is not None and widget.is_attached:
            widget.focus()

    def on_resize(self, event: events.Resize) -> None:
        """Below the minimum size the panes hide, and Textual drops focus; give it back after, so a
        filter being typed (or any pane) carries on where it was. The terminal's size now, not the
        event's: after a burst of resizes a queued event can carry a size long gone."""
        size = self.app.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        if small and self._focus_before_small is None and self.focused is not None:
            self._focus_before_small = self.focused
        elif not small and self._focus_before_small is not None:
            widget, self._focus_before_small = self._focus_before_small, None
            if widget.is_attached:
                self.call_after_refresh(widget.focus)

    def help_sections(self) -> HelpSections:
        """Where each key works, for the help screen: anywhere, in a pane and its list, while typing a
        filter, in the related items, in the detail text (the same bindings the footer reads)."""
        return [
            ("Anywhere", [self]),
            ("In a pane", [self.timeline, self.timeline.list]),
            ("While filtering", [("typing", "Narrow the pane as you type"), FilterInput]),
            ("Related items (5, or Enter in a pane)", [RelatedList]),
            ("Detail text (d)", [self.detail.scroll]),
        ]
