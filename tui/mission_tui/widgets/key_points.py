"""The Key points pane: the story's key points in their given order."""

from __future__ import annotations

from .pane import Pane


class KeyPointsPane(Pane):
    KIND = "key_point"
    TITLE = "Key points"
    EMPTY = "No key points in this story."
