"""The story header: the title on one line, "as of" and today's date in words on the next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..story.sanitize import clean_line


class StoryHeader(Vertical):
    """Two lines, because an 80-column terminal cannot fit a long title and its date on one."""

    def __init__(self, title: str, dates: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title_line = Static(
            Content.assemble(("◆ ", "$text-accent"), Content.styled(clean_line(title), "bold")),
            id="story-title",
        )
        self._dates = Static(Content.styled(dates, "$text-muted"), id="story-dates")

    def compose(self) -> ComposeResult:
        yield self._title_line
        yield self._dates

    def set_dates(self, dates: str) -> None:
        self._dates.update(Content.styled(dates, "$text-muted"))

    @property
    def dates_text(self) -> str:
        return str(self._dates.content)
