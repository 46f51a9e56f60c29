"""The Sources pane: who said it."""

from __future__ import annotations

from .pane import Pane


class SourcesPane(Pane):
    KIND = "source"
    TITLE = "Sources"
    EMPTY = "No sources in this story."
