"""The reference for first-frame timing: the smallest useful Textual app (Header, Label, Footer).

Started the same way as the explorer (a fresh Python from the venv in a pty); quit with ctrl+q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

READY_TEXT = "bare textual app ready"


class BareApp(App[None]):
    """Header, one label and a footer: what any Textual app pays before its own code runs."""

    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(READY_TEXT)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
