"""Dates in words for list rows and the detail view: these names now live in `words.py` (the one place
that puts dates and values into words) and stay importable from here."""

from __future__ import annotations

from .words import (
    PRECISION_WORDS,
    TIMING_GLYPHS,
    Timing,
    date_words,
    day_words,
    precision_words,
    short_date,
    timing_of,
)

__all__ = [
    "PRECISION_WORDS",
    "TIMING_GLYPHS",
    "Timing",
    "date_words",
    "day_words",
    "precision_words",
    "short_date",
    "timing_of",
]
