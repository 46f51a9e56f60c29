"""Patch `palette`: Textual's command palette, hardened against keys that arrive in one burst
(a paste, fast typing, or a slow SSH link delivering several keys in one read).

Works around three races in textual 8.2.8's CommandPalette, found by seeded random keys, each a
traceback that ends the app: Enter twice in one read runs the command and dismisses the palette
twice (the second pop finds no screen: ScreenStackError); PageUp/PageDown right after opening pages
an option list whose lines are not measured yet (KeyError in OptionList._page); and a search started
by the last keystroke runs after the palette closed and finds no CommandList (NoMatches in a worker).
tests/test_robustness.py replays them. The first is fixed with public API and always on; the other
two override private methods of CommandPalette and are this patch.
Private names: `CommandPalette._action_command_list`, `_gather_commands` (and its `__wrapped__`, the
undecorated search), `_GATHER_COMMANDS_GROUP`, `_list_visible`, `CommandList._index_to_line`.
Gain: no crash from a burst of keys (not a speed-up: kept because it is a fix).
Replace with: upstream fixes of the two races (page only a measured list; end a search quietly once
its palette is gone).
Off: the palette dismisses at most once; the other two races are Textual's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches

from .patch import Patch

PATCH = Patch("palette")


class DismissOnce(CommandPalette):
    """A CommandPalette that dismisses at most once (public API: needs no patch)."""

    dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self.dismissed or not self.is_current:
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call,no-any-return]  # unannotated upstream
        self.dismissed = True
        return super().dismiss(result)


@cache
def _hardened() -> type[CommandPalette]:
    """The palette with the two private overrides; built on first use, never at import."""
    search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]  # @work's undecorated function

    class HardenedCommandPalette(DismissOnce):
        """Pages only a list that has been laid out; a search outliving its palette ends quietly."""

        def _action_command_list(self, action: str) -> None:
            if action in ("page_up", "page_down"):
                commands = self.query_one(CommandList)
                if not self._list_visible or 0 not in commands._index_to_line:
                    return  # nothing measured to page through yet
            super()._action_command_list(action)

        @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
        async def _gather_commands(self, search_value: str) -> None:
            try:
                await search(self, search_value)
            except NoMatches:
                if self.is_attached and not self.dismissed:
                    raise

    return HardenedCommandPalette


def palette_class() -> type[CommandPalette]:
    """The command palette to push: hardened while this patch is on, else Textual's (dismissing once)."""
    return _hardened() if PATCH.active else DismissOnce
