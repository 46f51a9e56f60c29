"""The story header: one line, the title (after "UNREVIEWED DRAFT ·" for a draft) and the as-of date.

One line, because the overview (step 0) shows the title, the as-of date and today in full; the header
keeps the story named while the reader is elsewhere in it. The as-of date is shown only when the
whole title fits beside it; a title wider than the line is cut at its end.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from ..story.sanitize import clean_line


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

    def set_as_of(self, words: str) -> None:
        self._as_of = words
        self.refresh()

    def line(self, width: int | None = None) -> Content:
        head = Content.assemble(
            ("◆ ", "$text-accent"),
            ("UNREVIEWED DRAFT · ", "bold $text-warning") if self._draft else "",
            Content.styled(self._story_title, "bold"),
        )
        as_of = f"  as of {self._as_of}" if self._as_of else ""
        if as_of and (width is None or cell_len(head.plain + as_of) <= width):
            return Content.assemble(head, (as_of, "$text-muted"))
        return head

    def render(self) -> Content:
        return self.line(self.content_region.width or None)

    @property
    def text(self) -> str:
        return self.line().plain
