"""The reference for key-to-frame latency: a bare Textual app moving a list cursor (`make bench` row 4).

An OptionList of 1,000 one-line options filling an 80x24 screen, `j` bound to cursor down as in the
explorer. Started and measured the same way as the explorer (a fresh Python from the venv in a pty,
the same harness): the explorer's latency is reported as a ratio to this one's.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList

READY_TEXT = "bare list item 0"
ITEMS = 1_000


class JList(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "Down", show=False)]


class BareListApp(App[None]):
    """One focused list: what Textual itself costs to move a cursor and draw the result."""

    def compose(self) -> ComposeResult:
        yield JList(*(f"bare list item {i}" for i in range(ITEMS)))


if __name__ == "__main__":
    BareListApp().run()
