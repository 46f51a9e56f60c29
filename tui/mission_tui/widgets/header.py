"""The story header: one line, the title (after "UNREVIEWED DRAFT ·" for a draft) and the as-of date.

One line, because the overview (step 0) shows the title, the as-of date and today in full; the header
keeps the story named while the reader is elsewhere in it. The as-of date is shown only when the
whole title fits beside it; a title wider than the line is cut at its end.

It also says, for a moment, what a key did when nothing else on screen shows it ("This is the last
step.", the theme's name). A toast would cover the panes below, and each toast's arrival and
departure lays out the whole screen; a header line is repainted alone.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget

from ..story.sanitize import clean_line

STATUS_SECONDS = 1.5
"""How long a status stays in the header."""


class StoryHeader(Widget):
    DEFAULT_CSS = """
    StoryHeader {
        height: 1;
    }
    """

    def __init__(self, title: str, *, draft: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self._story_title = clean_line(title)
        self._draft = draft
        self._as_of = ""
        self.status = ""
        """What a key just did, shown at the line's end until its time is up ("" for none)."""
        self._status_timer: Timer | None = None

    def set_as_of(self, words: str) -> None:
        self._as_of = words
        self.refresh()

    def say(self, words: str, seconds: float = STATUS_SECONDS) -> None:
        """Show `words` at the end of the line for `seconds` (a newer status replaces it at once)."""
        self.status = clean_line(words)
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(seconds, self._clear_status)
        self.refresh()

    def _clear_status(self) -> None:
        self._status_timer = None
        self.status = ""
        self.refresh()

    def line(self, width: int | None = None) -> Content:
        head = Content.assemble(
            ("◆ ", "$text-accent"),
            ("UNREVIEWED DRAFT · ", "bold $text-warning") if self._draft else "",
            Content.styled(self._story_title, "bold"),
        )
        if self.status:
            status = Content.styled(self.status, "bold $text-accent")
            if width is not None:
                room = width - status.cell_length - 2
                head = head.truncate(room, ellipsis=True) if room > 0 else Content("")
            return Content.assemble(head, "  " if head else "", status)
        as_of = f"  as of {self._as_of}" if self._as_of else ""
        if as_of and (width is None or cell_len(head.plain + as_of) <= width):
            return Content.assemble(head, (as_of, "$text-muted"))
        return head

    def render(self) -> Content:
        return self.line(self.content_region.width or None)

    @property
    def text(self) -> str:
        return self.line().plain
