"""Textual's command palette, hardened against keys that arrive in one burst (a paste, fast typing
or a slow SSH link delivering several keys in one read).

Seeded random keys found three races in textual 8.2.8's CommandPalette, each a traceback that ends
the app: Enter twice in one read runs the command and dismisses the palette twice (the second pop
finds no screen: ScreenStackError); PageUp/PageDown right after opening pages an option list whose
lines are not measured yet (KeyError in OptionList._page); and a search started by the last keystroke
runs after the palette closed and finds no CommandList (NoMatches in a worker).
tests/test_robustness.py replays them.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches

_search = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SafeCommandPalette(CommandPalette):
    """A CommandPalette that dismisses at most once and pages only a list that has been laid out."""

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed or not self.is_current:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            commands = self.query_one(CommandList)
            if not self._list_visible or 0 not in commands._index_to_line:
                return  # nothing measured to page through yet
        super()._action_command_list(action)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        """Textual's search, except that a search outliving its palette ends quietly."""
        try:
            await _search(self, search_value)
        except NoMatches:
            if self.is_attached and not self._dismissed:
                raise
