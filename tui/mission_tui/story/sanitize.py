"""Make story text safe to put on a terminal.

Story files are untrusted: a field may contain ESC sequences, other C0/C1 controls, or bidi
overrides that would let a file rewrite the user's terminal or disguise text. Those characters are
replaced before any text is shown; markup safety is separate (render as Text/Content, never markup).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Drop control characters but keep newlines and tabs (for multi-line fields)."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """One display line: controls dropped, all whitespace runs (incl. newlines) folded to a space."""
    return _WHITESPACE.sub(" ", _UNSAFE.sub("", text)).strip()
