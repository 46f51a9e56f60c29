"""The explorer app: `make_app(loaded, today)` is shared by the CLI and the tests.

The app keeps what is app-wide: the theme, the help screen, the command palette, quitting and
suspending, pastes, how it failed if it did, and the Textual workarounds (textual_compat).
Everything about the story lives in its screen (screens/main.py), which the app never reaches into.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.traceback import Traceback
from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from . import textual_compat
from .legibility import legible_variables
from .screens.commands import StoryItemsProvider
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .story.heap import release_heap
from .story.loader import LoadedStory, Problem
from .story.sanitize import clean_line, clean_text
from .textual_compat.errors import exception_of
from .textual_compat.palette import palette_class
from .textual_compat.terminal_input import MAX_PASTE

HELP_SCREEN = "explorer-help"
"""The name the explorer's help screen is installed under (kept between openings)."""
THEMES = ("textual-dark", "nord", "gruvbox", "textual-light", "ansi-dark")
"""The themes `t` cycles through; ansi-dark uses the terminal's own 16 colours."""

THEME_INTERVAL = 0.3
"""Seconds between two themes applied while `t` keeps being pressed."""


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


class MissionApp(App[None]):
    """A terminal explorer for one story."""

    CSS_PATH = "mission_tui.tcss"
    COMMANDS = App.COMMANDS | {StoryItemsProvider}
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_DISPLAY = "^p"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="List every key"),
        Binding("t", "cycle_theme", "Theme", show=False, tooltip="Switch to the next of the curated themes"),
        Binding("q", "quit", "Quit", tooltip="Quit the app and return to the command prompt."),
        Binding("ctrl+z", "suspend_process", "Suspend", show=False, tooltip="Suspend (fg resumes)"),
    ]

    def __init__(
        self,
        loaded: LoadedStory,
        today: date | None = None,
        theme: str | None = None,
        quote_problems: Sequence[Problem] | None = (),
    ) -> None:
        self._legible: dict[str, dict[str, str]] = {}
        super().__init__()
        textual_compat.install()  # Textual workarounds, unless stock Textual is asked for
        self.release_heap_on_exit = True
        """Whether to hand the story's frozen objects back to the collector on exit (story/heap.py)."""
        self.theme = theme or pick_theme()
        self.title = clean_line(loaded.model.story.title)
        self.main_screen = MainScreen(loaded, today or date.today(), quote_problems)
        self.panicked: str | None = None
        """What ended the app through `panic` (an error outside a handler), in one line."""
        self.pending_theme: str | None = None
        """The theme `t` presses have reached but not yet applied (see action_cycle_theme)."""
        self.pending_theme_timer: Timer | None = None
        self.theme_applied_at = float("-inf")

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, every text colour made legible on every background (legibility.py)
        for the curated themes `t` cycles through; other themes as Textual draws them."""
        variables = super().get_css_variables()
        if self.theme not in THEMES:
            return variables
        adjusted = self._legible.get(self.theme)
        if adjusted is None:
            adjusted = self._legible[self.theme] = legible_variables(variables, self.current_theme.dark)
        self.theme_variables = adjusted
        return adjusted

    def get_default_screen(self) -> Screen[None]:
        return self.main_screen

    def on_mount(self) -> None:
        self.app_resume_signal.subscribe(self, self.redraw_after_resume)

    def on_unmount(self) -> None:
        if self.release_heap_on_exit:
            release_heap()

    def redraw_after_resume(self, app: App[None]) -> None:
        """Back from ctrl+z (`fg`): the terminal shows a fresh screen, so draw every cell of it now,
        not only what changes next."""
        self.screen.refresh()

    async def on_event(self, event: events.Event) -> None:
        """A paste reaches the focused widget cleaned of control characters and at most MAX_PASTE
        characters long (the terminal input workaround caps it as it reads; this covers stock Textual)."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            text = clean_text(event.text)[:MAX_PASTE]
            if text != event.text:
                event = events.Paste(text)
        await super().on_event(event)

    # -- how it ended ------------------------------------------------------------------------------

    def panic(self, *renderables: RenderableType) -> None:
        """Textual ends the app this way after an error outside a message handler (its input thread):
        remember it, as Textual's return code would say 0."""
        if self.panicked is None:
            self.panicked = error_line(renderables)
        super().panic(*renderables)

    @property
    def failure(self) -> str | None:
        """The error that ended the app, in one line ("TypeName: message"); None if none did."""
        if self.panicked is not None:
            return self.panicked
        exception = exception_of(self)  # type: ignore[arg-type]  # App is invariant; only an attribute is read
        if exception is not None:
            return f"{type(exception).__name__}: {exception}"
        return "the explorer stopped on an unexpected error" if self.return_code == 1 else None

    def pop_screen(self) -> AwaitComplete:
        """Never pop the explorer itself: a burst of keys can ask a closing modal to pop twice."""
        if len(self.screen_stack) <= 1:
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call,no-any-return]  # unannotated upstream
        return super().pop_screen()

    # -- actions -------------------------------------------------------------------------------

    def action_command_palette(self) -> None:
        """Textual's palette, hardened against keys arriving in one burst (textual_compat.palette).

        One palette in the stack at most, and without Textual's fixed id: a palette still being
        removed after Esc keeps its id for a moment, and ctrl+p then (a burst: Esc ctrl+p) ended
        the app with DuplicateIds.
        """
        palette = palette_class()
        if self.use_command_palette and not any(isinstance(screen, palette) for screen in self.screen_stack):
            self.push_screen(palette())

    def search_themes(self) -> None:
        """The palette's theme picker, on the hardened palette too (Textual's uses the plain one)."""
        from textual.theme import ThemeProvider

        self.push_screen(palette_class()(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_cycle_theme(self) -> None:
        """The next curated theme. Presses in a burst add up: the theme they reach is applied at most
        every THEME_INTERVAL (each costs a pass over the whole stylesheet); the header names it."""
        current = self.pending_theme or (self.theme if self.theme in THEMES else THEMES[-1])
        self.pending_theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        if self.pending_theme_timer is None:
            wait = self.theme_applied_at + THEME_INTERVAL - time.monotonic()
            if wait <= 0:
                self.apply_pending_theme()
            else:
                self.pending_theme_timer = self.set_timer(wait, self.apply_pending_theme)

    def apply_pending_theme(self) -> None:
        self.pending_theme_timer = None
        theme, self.pending_theme = self.pending_theme, None
        if theme is not None:
            self.theme_applied_at = time.monotonic()
            self.theme = theme
            self.main_screen.say(f"Theme: {theme}")

    def action_help(self) -> None:
        """The keys of the app and of the screen below, grouped by where they work."""
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        explorer = isinstance(screen, MainScreen)
        if explorer and self.is_screen_installed(HELP_SCREEN):
            # The explorer's keys do not change while it runs: its help is made once and kept, so `?`
            # does not compose and mount it again each time (a storm of keys opens it a few times a second).
            self.push_screen(HELP_SCREEN)
            return
        sections = screen.help_sections() if isinstance(screen, MainScreen) else [("Anywhere", [screen])]
        title, nodes = sections[0]
        help_screen = HelpScreen([(title, [self, *nodes]), *sections[1:]])
        if explorer:
            self.install_screen(help_screen, HELP_SCREEN)
        self.push_screen(help_screen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, but one help: its "Keys" panel gives way to ours (?), and "Maximize"
        to the explorer's own (m), which maximizes the detail view whatever has focus."""
        replaced = ("Keys", "Maximize", "Minimize")
        for command in super().get_system_commands(screen):
            if command.title not in replaced:
                yield command
        yield SystemCommand(
            "Cycle theme", "Switch to the next of the curated themes (t)", self.action_cycle_theme
        )
        yield SystemCommand("Keys", "Every key, by where it works (?)", self.action_help)
        if isinstance(screen, MainScreen):
            yield SystemCommand(
                "Maximize detail" if screen.maximized is None else "Restore the panes",
                "Maximize the detail view, or restore it (m)",
                screen.action_toggle_maximize,
            )

    def action_show_help_panel(self) -> None:
        """Textual's keys panel, should anything ask for it: the one help screen instead."""
        self.action_help()


def error_line(renderables: Sequence[RenderableType]) -> str:
    """One line for what `App.panic` was given: the exception of a traceback, else the first
    exception, else a generic line."""
    for renderable in renderables:
        if isinstance(renderable, Traceback) and renderable.trace.stacks:
            stack = renderable.trace.stacks[0]
            return f"{stack.exc_type}: {stack.exc_value}"
        if isinstance(renderable, BaseException):
            return f"{type(renderable).__name__}: {renderable}"
    return "the explorer stopped on an unexpected error"


def make_app(
    loaded: LoadedStory,
    today: date | None = None,
    *,
    theme: str | None = None,
    quote_problems: Sequence[Problem] | None = (),
) -> MissionApp:
    """The app for one loaded story; `today` decides past/upcoming (default: the system date).

    `quote_problems`: what checking the story's quotes found (default: checked, nothing found);
    None when they are not checked yet: the explorer then checks them after its first frame.
    """
    return MissionApp(loaded, today=today, theme=theme, quote_problems=quote_problems)
