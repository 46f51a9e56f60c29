"""Where each row of a VirtualList sits in lines, when rows are not all one line tall.

The timeline's events take two lines (a title wraps instead of being cut) and its year headings one.
Row `r` starts at line `starts[r]`; the starts are summed once per filter, O(rows) like the filter
itself, and every lookup after that is O(1) (row -> line) or a binary search (line -> row), so a
keypress still costs O(viewport). A list whose rows are all one line keeps no table at all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate


class RowLines:
    """Line positions of the visible rows: one line each, or as `height(key)` says."""

    __slots__ = ("_rows", "_starts")

    def __init__(
        self, keys: Sequence[str], visible: Sequence[int], height: Callable[[str], int] | None
    ) -> None:
        self._rows = len(visible)
        self._starts: list[int] | None = None
        if height is not None:
            self._starts = [0, *accumulate(max(1, height(keys[i])) for i in visible)]

    @property
    def total(self) -> int:
        """Lines all the rows take."""
        return self._rows if self._starts is None else self._starts[-1]

    def start(self, row: int) -> int:
        return row if self._starts is None else self._starts[row]

    def height(self, row: int) -> int:
        return 1 if self._starts is None else self._starts[row + 1] - self._starts[row]

    def row_at(self, line: int) -> int:
        """The row drawn on `line` (clamped to the rows there are)."""
        if self._starts is None:
            return max(0, min(line, self._rows - 1))
        return max(0, min(bisect_right(self._starts, line) - 1, self._rows - 1))

    def rows_between(self, first_line: int, end_line: int) -> range:
        """Rows with a line in [first_line, end_line)."""
        if not self._rows or end_line <= first_line:
            return range(0)
        return range(self.row_at(first_line), self.row_at(end_line - 1) + 1)
