"""What may reach the `edtf` library, and how it is called: its input gated, its output silenced.

A story's dates are untrusted text handed to a grammar that was not written for hostile input:
full-width and Arabic-Indic digits passed as dates (`\\d` and `int()` read them), `Y1E99999999`
(11 characters) kept it busy for minutes computing 10**99999999, and it printed debug lines to
stdout. `refuse_before_parsing` runs first in `dates.parse_date`; `edtf_parser` is the only way in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

MAX_DATE_LENGTH = 64
"""Characters in a date: the longest a story needs (an interval of two times with zones) is ~50, and
the edtf grammar takes ~60 ms per item of a set ([2024-09-27,...]): 64 keeps a date under ~0.2 s."""
_DIGIT_RUN = re.compile(r"[0-9]+")
_EXPONENT = re.compile(r"E([0-9]+)")


def refuse_before_parsing(text: object) -> str | None:
    """Why `text` must not be parsed as a date (ASCII only, at most MAX_DATE_LENGTH characters, no
    number past the years 1-9999 that can be used), or None if it may be."""
    if not isinstance(text, str) or not text.strip():
        return "a date must be a non-empty EDTF string such as 2025-09"
    if text != text.strip():
        return f"{text!r} has spaces around it"
    if len(text) > MAX_DATE_LENGTH:
        return f"a date is at most {MAX_DATE_LENGTH} characters (this one has {len(text):,})"
    odd = next((char for char in text if not (char.isascii() and char.isprintable())), None)
    if odd is not None:
        return (
            f"{text!r} contains {odd!r} (U+{ord(odd):04X}); EDTF dates are written in ASCII: "
            "the digits 0-9 and - / .. ? ~ % X"
        )
    if any(len(run) > 4 for run in _DIGIT_RUN.findall(text)):
        return f"{text!r} has a number of more than 4 digits: years are written with four digits, 0001-9999"
    if any(int(exponent) > 3 for exponent in _EXPONENT.findall(text)):
        return f"{text!r} has an exponent past 9999; usable years are 0001-9999"
    return None


@lru_cache(maxsize=1)
def edtf_parser() -> Callable[[str], object]:
    """edtf's parse function, imported on first use (building its grammar costs ~40 ms, and most
    stories' dates never need it), with its stray output silenced.

    When one of its classes rejects a match, edtf 5 prints "trying to <Class>.__init__(...)" to
    stdout before re-raising (parser_classes.EDTFObject.parse_action): for `/..` that text landed in
    `check`'s output and on the explorer's screen. A module-level `print` shadows the builtin for
    that module alone; redirecting sys.stdout instead would race with other threads.
    """
    from edtf import parse_edtf

    try:  # edtf 5's module; under another layout its debug lines may show, nothing breaks
        from edtf.parser import parser_classes
    except ImportError:
        pass
    else:
        parser_classes.print = _discard  # type: ignore[attr-defined]
    return parse_edtf  # type: ignore[no-any-return]


def _discard(*_args: object, **_kwargs: object) -> None:
    return None
