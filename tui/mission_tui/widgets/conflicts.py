"""The Conflicts pane: where the sources disagree (detected and curated)."""

from __future__ import annotations

from .pane import Pane


class ConflictsPane(Pane):
    KIND = "conflict"
    TITLE = "Conflicts"
    EMPTY = "No conflicts found: the sources agree."
