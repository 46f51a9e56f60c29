"""How the words around a date bound it: the bound word before it ("no later than" -> not_after), a
negation that turns a deadline into a floor ("unlikely before August"), and a superlative that makes
"since 1989" or "in 16 years" a comparison rather than a date.

Why hand-written: these are fixed word lists (the README's bound table), searched in a bounded window
before each date, so the work per date is constant whatever the line.
"""

from __future__ import annotations

import re

from ..story.models import Bound
from .text import words

# Words before a date that say how it bounds the real date; the longest form wins ("at least until").
_BOUND_WORDS: tuple[tuple[str, Bound], ...] = (
    ("no later than", Bound.not_after),
    ("not later than", Bound.not_after),
    ("at the latest by", Bound.not_after),
    ("before", Bound.not_after),
    ("not after", Bound.not_after),
    ("ahead of", Bound.not_after),
    ("prior to", Bound.not_after),
    ("at least until", Bound.not_before),
    ("at least through", Bound.not_before),
    ("until at least", Bound.not_before),
    ("through at least", Bound.not_before),
    ("no earlier than", Bound.not_before),
    ("not before", Bound.not_before),
    ("no sooner than", Bound.not_before),
    ("not until", Bound.not_before),
    ("after", Bound.not_before),
    ("as early as", Bound.not_before),
    ("by", Bound.target),
    ("until", Bound.target),
    ("till", Bound.target),
    ("through", Bound.target),
    ("in", Bound.target),
    ("on", Bound.target),
    ("at", Bound.target),
    ("during", Bound.target),
    ("around", Bound.target),
    ("since", Bound.target),
    ("from", Bound.target),
    ("starting", Bound.target),
    ("beginning", Bound.target),
    ("as of", Bound.target),
    ("for", Bound.target),
)
_BOUND_BEFORE = re.compile(
    r"(?i:\b(?P<word>" + "|".join(re.escape(w) for w, _ in _BOUND_WORDS) + r"))\s+(?:the\s+)?$"
)
BOUND_OF_WORD = {word: bound for word, bound in _BOUND_WORDS}
# "the largest public corruption trial in the state since 2009", "the first open seat in 16 years":
# a superlative earlier in the clause makes "since X" or "in N years" a comparison, not a date.
_SUPERLATIVE = re.compile(r"(?i:\b(?:first|only|most|least|record|\w{2,}est)\b)")
_NOT_SUPERLATIVES = words(
    "west test rest nest interest protest contest request arrest forest harvest honest modest earnest "
    "manifest conquest inquest suggest digest chest guest quest vest crest attest detest invest unrest "
    "latest"
)
# A negation before "before"/"until" turns the deadline into a floor: "blackouts were unlikely before
# August 2025", "won't reopen until May" (the table's "not before", "not until").
_NEGATION = re.compile(r"(?i:\b(?:not|never|unlikely|no)\b|n[’']t\b)")
_NEGATABLE = ("before", "until", "till")
_LENGTH_IN = re.compile(r"(?i:in\s)")


def _compares(text: str, floor: int, start: int) -> bool:
    """Whether a superlative ("largest", "first") comes shortly before `start` in the sentence."""
    found = _SUPERLATIVE.finditer(text, max(floor, start - 80), start)
    return any(m.group().lower() not in _NOT_SUPERLATIVES for m in found)


def bound_before(text: str, start: int) -> tuple[str | None, Bound, int]:
    """The bound word just before `start` (e.g. "no later than"), its bound and where it begins."""
    match = _BOUND_BEFORE.search(text, max(0, start - 24), start)
    if match is None:
        return None, Bound.target, start
    word = " ".join(match.group("word").lower().split())
    return match.group("word"), BOUND_OF_WORD.get(word, Bound.target), match.start("word")


def is_comparison(text: str, floor: int, start: int, word: str | None, core: str) -> bool:
    """Whether "since 1989" or "in 16 years" compares ("the largest since", "the first ... in") rather
    than dates something."""
    since = word is not None and word.lower() == "since"
    return (since or _LENGTH_IN.match(core) is not None) and _compares(text, floor, start)


def negated(text: str, floor: int, start: int, word: str | None) -> str | None:
    """The negation before "before"/"until", if any ("were unlikely before August 2025")."""
    if word is None or word.lower() not in _NEGATABLE:
        return None
    negation = _NEGATION.search(text, max(floor, start - 40), start)
    return negation.group() if negation is not None else None
