"""Patch `text`: how many lines a text wraps to, counted from its plain text.

Works around: `Content.get_height` builds a Content per line to count its wrapped lines (2-5 ms for
a conflict's 300 lines, on every new item in the detail view). The wrap points come from the same
Rich function Textual wraps with (`rich._wrap.divide_line`), so the count is the same; rules that
change the wrapping (tabs, nowrap, another overflow, line padding) go through Textual's count.
Private names: `rich._wrap.divide_line`.
Gain: MEASURED_TEXT.
Replace with: a public line-count on Content (or Rich making `divide_line` public).
Off: `Content.get_height`.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import StylesBase

from .patch import Patch

PATCH = Patch("text")


def wrapped_height(content: Content, styles: StylesBase, width: int) -> int:
    """The number of lines `content` takes at `width` cells with these style rules."""
    if width <= 0:
        return 0
    plain = content.plain
    if (
        not PATCH.active
        or "\t" in plain
        or styles.get_rule("text_wrap", "wrap") != "wrap"
        or styles.get_rule("text_overflow", "fold") != "fold"
        or styles.get_rule("line_pad", 0)
    ):
        # Textual's widgets pass their styles here too; they answer the same `get` as a RulesMap.
        return content.get_height(styles, width)  # type: ignore[arg-type]
    from rich._wrap import divide_line

    return sum(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))
