"""The explorer screen: four panes, the detail view, linked selection and step-through.

The screen owns the story's index: it builds it (in a worker thread for a big story, delivered as an
`IndexReady` message), fills the panes, and checks the quotes after the first frame if nobody has yet
(`QuotesChecked`). Selection flows one way: whatever the focused pane highlights is shown in detail
and marked in the other panes; widgets report up with messages, the screen sets what they show.
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
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..kinds import ITEM_KINDS, ItemKind, links_of
from ..story.date_words import date_words
from ..story.heap import freeze_heap, gc_paused, long_gil_turns
from ..story.index import TODAY_KEY, Kind, StoryIndex, build_index
from ..story.loader import LoadedStory, Problem
from ..story.sanitize import clean_line
from ..story.verify import verify_quotes
from ..textual_compat.borders import set_border_subtitle
from ..widgets.conflicts import ConflictsPane
from ..widgets.detail import DetailPane
from ..widgets.header import StoryHeader
from ..widgets.key_points import KeyPointsPane
from ..widgets.pane import Pane
from ..widgets.sources import SourcesPane
from ..widgets.timeline import TimelinePane
from ..widgets.virtual_list import VirtualList
from .help import HelpScreen

MIN_WIDTH, MIN_HEIGHT = 60, 16
PANES = Binding.Group("panes", compact=True)
STEP = Binding.Group("step")
SYNC_LIMIT = 2_000
"""A story with at most this many items is indexed before the first frame; a bigger one in a worker."""

HelpSections = list[tuple[str, list[DOMNode]]]


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
        Binding("5", "focus_detail", "Detail", show=False, tooltip="Go to the detail view's related items"),
        Binding("n", "step(1)", "Next", group=STEP, tooltip="Next event in date order"),
        Binding("p", "step(-1)", "Prev", group=STEP, tooltip="Previous event in date order"),
        Binding("right,space", "step(1)", "Next", show=False, tooltip="Next event in date order"),
        Binding("left", "step(-1)", "Prev", show=False, tooltip="Previous event in date order"),
    ]

    # Textual sets these classes on the screen as it resizes; the stylesheet lays out by them.
    HORIZONTAL_BREAKPOINTS = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (110, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [
        (0, "-too-short"),
        (MIN_HEIGHT, "-short"),
        (34, "-tall"),
    ]

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
        story = loaded.model.story
        self.timeline = TimelinePane(id="timeline-pane")
        self.key_points = KeyPointsPane(id="key-points-pane")
        self.sources = SourcesPane(id="sources-pane")
        self.conflicts = ConflictsPane(id="conflicts-pane")
        self.detail = DetailPane(id="detail-pane")
        dates = f"as of {date_words(story.as_of, inferred=bool(story.note))}"
        title = clean_line(story.title)
        if loaded.draft:  # ingested from a digest and not reviewed: the reader must not take it as checked
            title = f"UNREVIEWED DRAFT · {title}"
        self.header = StoryHeader(title, self._with_today(dates), id="story-header")
        self.panes: dict[Kind, Pane] = {
            pane.KIND: pane for pane in (self.timeline, self.key_points, self.sources, self.conflicts)
        }

    def _with_today(self, as_of: str) -> str:
        return f"{as_of} · today is {date_words(self.today.isoformat())}"

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
        self._notify_reading_warnings()
        if story_size(self.loaded) <= SYNC_LIMIT:
            self.show_index(build_index(self.loaded.model, self.today))
            if self.quote_problems is None:
                self.quotes_checked(verify_quotes(self.loaded))
        else:
            self.timeline.loading = True
            self.run_worker(self._index_in_thread, thread=True, exclusive=True, name="index")

    def _notify_reading_warnings(self) -> None:
        """What the reader must know before trusting the screen: an unreviewed draft, files read
        from outside the story's folder (loader.py)."""
        loaded = self.loaded
        if loaded.draft:
            self.notify(
                f"This is an {clean_line(loaded.draft)}: its claims, groups and events were extracted "
                "by rules and nobody has checked them. Each item's 'Inferred' line says how.",
                title="Unreviewed draft",
                severity="warning",
                timeout=15,
                markup=False,  # the file name comes from the user
            )
        if loaded.warnings:
            shown = [clean_line(w.message.removeprefix("warning: ")) for w in loaded.warnings[:3]]
            more = len(loaded.warnings) - len(shown)
            self.notify(
                "\n".join(shown) + (f"\n… and {more} more (`mission-tui check` lists them)" if more else ""),
                title="Files outside the story's folder",
                severity="warning",
                timeout=30,
                markup=False,  # the paths come from the story
            )

    def _index_in_thread(self) -> None:
        """In a worker thread: build the index, then check the quotes (they can only add a warning)."""
        with long_gil_turns(), gc_paused():
            index = build_index(self.loaded.model, self.today)
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
        """Fill every pane from a freshly built index (once per screen)."""
        self.index = index
        self.header.set_dates(self._with_today(f"as of {index.as_of_words()}"))
        for kind, pane in self.panes.items():
            self._fill(pane, ITEM_KINDS[kind], index)
        if index.timeline:
            self.timeline.jump_to(index.timeline[0])
        self.timeline.list.focus()
        self._select_from(self.timeline)
        self._update_progress()
        freeze_heap()  # the index and the widgets live until the app ends (heap.py)
        if self.quote_problems:
            self._warn_unverified_quotes()

    def _fill(self, pane: Pane, item_kind: ItemKind, index: StoryIndex) -> None:
        render_row = item_kind.row
        assert render_row is not None, f"{item_kind.name} has a pane, so it has rows"

        def row(key: str) -> Content:
            return render_row(index, key, pane.compact_rows)

        def search(key: str) -> str:
            return item_kind.search(index, key)

        pane.set_items(item_kind.order(index), row, search)
        pane.list.on_highlight = self._on_list_highlight

    def quotes_checked(self, problems: list[Problem]) -> None:
        self.quote_problems = problems
        if problems:
            self._warn_unverified_quotes()

    def _warn_unverified_quotes(self) -> None:
        """A misquote does not stop the explorer (see cli.py), but the reader must not miss it."""
        count = len(self.quote_problems or ())
        noun = "quote" if count == 1 else "quotes"
        self.notify(
            f"{count} {noun} not found in their sources: the story cannot be checked against its "
            "sources. Run `mission-tui check` for the list.",
            title="Unverified quotes",
            severity="warning",
            timeout=30,
        )

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

    def show(self, kind: Kind, key: str) -> None:
        """Show an item in detail and mark what it links to in the other panes (O(links))."""
        if self.index is None or self.selection == (kind, key):
            return
        self.selection = (kind, key)
        index = self.index
        self.detail.show(index, kind, key)
        links = links_of(index, kind, key)
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

    def jump(self, kind: Kind, key: str) -> None:
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

    def jump_to_item(self, kind: Kind, key: str) -> None:
        """Jump from the command palette, which may have been opened over the help screen."""
        # Pop only our own help screen: the palette dismisses itself, and its pop may still be
        # pending here, so popping "whatever is not the explorer" could pop the explorer too.
        if isinstance(self.app.screen, HelpScreen):
            self.app.pop_screen()
        self.jump(kind, key)

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

    # -- focus and help ------------------------------------------------------------------------

    def action_focus_pane(self, kind: Kind) -> None:
        self.panes[kind].list.focus()

    def action_focus_detail(self) -> None:
        if self.detail.related.display:
            self.detail.related.focus()
        else:
            self.detail.scroll.focus()

    def help_sections(self) -> HelpSections:
        """Where each key works, for the help screen: this screen's, a pane's, a list's, the detail's."""
        return [
            ("Anywhere", [self]),
            ("In a pane", [self.timeline]),
            ("In a list", [self.timeline.list]),
            ("Detail view", [self.detail.scroll]),
        ]
