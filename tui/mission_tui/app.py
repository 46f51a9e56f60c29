"""The explorer app: `make_app(loaded, today)` is shared by the CLI and the tests."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen

from . import textual_compat
from .screens.commands import StoryItemsProvider
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .story.date_words import date_words
from .story.index import StoryIndex, build_index
from .story.loader import LoadedStory, Problem, gc_paused
from .story.sanitize import clean_line
from .story.verify import verify_quotes
from .textual_compat.palette import palette_class

THEMES = ("textual-dark", "nord", "gruvbox", "textual-light", "ansi-dark")
"""The themes `t` cycles through; ansi-dark uses the terminal's own 16 colours."""

# A story this small is indexed before the first frame; a bigger one in a worker thread.
SYNC_LIMIT = 2_000
INDEXING_SWITCH_INTERVAL = 0.05  # s; see `_build_index`


def pick_theme(environ: Mapping[str, str] | None = None) -> str:
    """A truecolor/256-colour terminal gets textual-dark; anything else the ANSI theme."""
    env = os.environ if environ is None else environ
    term = env.get("TERM", "")
    colorterm = env.get("COLORTERM", "").lower()
    forced = env.get("TEXTUAL_COLOR_SYSTEM", "").lower()
    if forced in ("truecolor", "256"):
        return "textual-dark"
    if forced == "standard":
        return "ansi-dark"
    if colorterm in ("truecolor", "24bit") or "256color" in term or "direct" in term:
        return "textual-dark"
    return "ansi-dark"


def freeze_heap() -> None:
    """Move everything alive now (story, index, widgets) out of the garbage collector's reach.

    A 100k-claim story is millions of long-lived objects; every full collection walks them all
    (0.5 s, a visible stall on a keypress). They live until exit, so the collector gains nothing there.
    """
    gc.freeze()


class MissionApp(App[None]):
    """A terminal explorer for one story."""

    CSS_PATH = "mission_tui.tcss"
    COMMANDS = App.COMMANDS | {StoryItemsProvider}
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="List every key"),
        Binding("t", "cycle_theme", "Theme", tooltip="Theme: switch to the next of the curated themes"),
        Binding("q", "quit", "Quit", tooltip="Quit mission-tui"),
    ]

    def __init__(self, loaded: LoadedStory, today: date | None = None, theme: str | None = None) -> None:
        super().__init__()
        textual_compat.install()  # Textual workarounds, unless stock Textual is asked for
        self.loaded = loaded
        self.today = today or date.today()
        self.index: StoryIndex | None = None
        self.release_heap_on_exit = True
        self.theme = theme or pick_theme()
        story = loaded.model.story
        self.title = clean_line(story.title)
        self.sub_title = f"as of {date_words(story.as_of, inferred=bool(story.note))}"
        self.sub_title += f" · today is {date_words(self.today.isoformat())}"
        self.main_screen = MainScreen(self.title, self.sub_title)

    @property
    def story_size(self) -> int:
        model = self.loaded.model
        return len(model.events) + len(model.claims) + len(model.sources) + len(model.key_points)

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def start_indexing(self) -> None:
        """Called by the main screen once its panes exist."""
        if self.story_size <= SYNC_LIMIT:
            self._index_ready(build_index(self.loaded.model, self.today))
            if not self.loaded.quotes_verified:
                self._quotes_checked(verify_quotes(self.loaded))
        else:
            self.main_screen.timeline.loading = True
            self.run_worker(self._build_index, thread=True, exclusive=True, name="index")

    def _build_index(self) -> None:
        # The event loop wakes often while the loading indicator spins, and every wake takes the
        # GIL from this thread at the next switch interval (5 ms): indexing a 100k-claim story took
        # 0.42 s here against 0.31 s on the main thread. A longer interval, for the build only,
        # lets it run in longer turns (0.33 s); the indicator still moves.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(INDEXING_SWITCH_INTERVAL)
        try:
            with gc_paused():  # frozen before the collector is back on, as the loader does
                index = build_index(self.loaded.model, self.today)
                freeze_heap()
        finally:
            sys.setswitchinterval(interval)
        self.call_from_thread(self._index_ready, index)
        if not self.loaded.quotes_verified:  # after the first frame: it can only add a warning
            self.call_from_thread(self._quotes_checked, verify_quotes(self.loaded))

    def _index_ready(self, index: StoryIndex) -> None:
        self.index = index
        self.main_screen.timeline.loading = False
        self.main_screen.load_index(index)
        self.sub_title = f"as of {index.as_of_words()} · today is {date_words(index.today.isoformat())}"
        self.main_screen.header.set_dates(self.sub_title)
        freeze_heap()
        if self.loaded.quotes_verified:
            self._warn_unverified_quotes()

    def _quotes_checked(self, problems: list[Problem]) -> None:
        self.loaded.problems.extend(problems)
        self.loaded.quotes_verified = True
        self._warn_unverified_quotes()

    def _warn_unverified_quotes(self) -> None:
        """A misquote does not stop the explorer (see cli.py), but the reader must not miss it."""
        count = len(self.loaded.problems)
        if count:
            noun = "quote" if count == 1 else "quotes"
            self.notify(
                f"{count} {noun} not found in their sources: the story cannot be checked against its "
                "sources. Run `mission-tui check` for the list.",
                title="Unverified quotes",
                severity="warning",
                timeout=30,
            )

    def on_unmount(self) -> None:
        """Hand the frozen objects back to the collector, so apps run one after another (tests)
        do not pile up uncollectable cycles; not when the process is about to end (the CLI), where
        it only bought a last walk over the whole story (0.7 s for 100k claims) before exiting."""
        if self.release_heap_on_exit:
            gc.unfreeze()

    # -- actions -------------------------------------------------------------------------------

    def jump_to_item(self, kind: str, key: str) -> None:
        """Jump from anywhere (palette) to an item: its pane, cursor and detail."""
        # Pop only our own help screen: the palette dismisses itself, and its pop may still be
        # pending here, so popping "whatever is not the explorer" could pop the explorer too.
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        self.main_screen.jump(kind, key)

    def pop_screen(self) -> AwaitComplete:
        """Never pop the explorer itself: a burst of keys can ask a closing modal to pop twice."""
        if len(self.screen_stack) <= 1:
            return AwaitComplete.nothing()
        return super().pop_screen()

    def action_command_palette(self) -> None:
        """Textual's palette, hardened against keys arriving in one burst (textual_compat.palette)."""
        if self.use_command_palette and not palette_class().is_open(self):
            self.push_screen(palette_class()(id="--command-palette"))

    def search_themes(self) -> None:
        """The palette's theme picker, on the hardened palette too (Textual's uses the plain one)."""
        from textual.theme import ThemeProvider

        self.push_screen(palette_class()(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_cycle_theme(self) -> None:
        current = self.theme if self.theme in THEMES else THEMES[-1]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.notify(f"Theme: {self.theme}", timeout=1.5)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        main = self.main_screen
        pane = main.timeline
        sections = [
            ("Anywhere", [self, main]),
            ("In a pane", [pane]),
            ("In a list", [pane.list]),
            ("Detail view", [main.detail.scroll]),
        ]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Cycle theme", "Switch to the next of the curated themes (t)", self.action_cycle_theme
        )
        yield SystemCommand("Help: keys", "Show every key binding (?)", self.action_help)


def make_app(loaded: LoadedStory, today: date | None = None, *, theme: str | None = None) -> MissionApp:
    """The app for one loaded story; `today` decides past/upcoming (default: the system date)."""
    return MissionApp(loaded, today=today, theme=theme)
