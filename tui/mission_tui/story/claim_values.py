"""A claim's value as something comparable: a closed range of floats, or a normalized text.

Dates become day ordinals (fuzzy EDTF widens them), quantities their low-high span (`approximate`
widens it by 10%), and a bound keeps one end: a deadline ("by September 2025") only the upper, a floor
only the lower. `compare_claims` relates two claims this way; conflicts.py sweeps whole groups.
"""

from __future__ import annotations

import math
import unicodedata
from enum import Enum
from functools import lru_cache

from .dates import parse_date
from .models import Bound, Claim, DateValue, QuantityValue, TextValue

# How two disjoint values of a kind relate, the lower first: the detector's reasons and the brief say so.
VERBS = {"date": "ends before the start of", "quantity": "is below", "text": "differs from"}
APPROXIMATE = 0.10  # `approximate = true` widens a quantity by ±10%: "around 2,500" is 2,250-2,750
_INF = math.inf


class Relation(str, Enum):
    conflict = "conflict"
    refinement = "refinement"
    compatible = "compatible"
    revision = "revision"


@lru_cache(maxsize=65536)
def normalize_text(text: str) -> str:
    """Casefold, collapse whitespace, strip punctuation at the ends: '“Reduction.”' == 'reduction'."""
    words = " ".join(text.casefold().split())
    start, end = 0, len(words)
    while start < end and (words[start] == " " or unicodedata.category(words[start])[0] == "P"):
        start += 1
    while end > start and (words[end - 1] == " " or unicodedata.category(words[end - 1])[0] == "P"):
        end -= 1
    return words[start:end]


def bound_index(bound: Bound) -> int:
    return 0 if bound is Bound.target else 1 if bound is Bound.not_after else 2


def apply_bound(lo: float, hi: float, bound: Bound) -> tuple[float, float]:
    """A deadline keeps only the upper end, a floor only the lower (dates and quantities alike)."""
    return ((lo, hi), (-_INF, hi), (lo, _INF))[bound_index(bound)]


def date_range(text: str, bound: Bound) -> tuple[float, float]:
    # Fuzzy bounds equal the strict ones for plain dates and widen ? ~ %, so "2025-09~" is not in
    # conflict with October 2025. parse_date is cached, so each distinct date is parsed once.
    return apply_bound(*parse_date(text).ordinal_range(fuzzy=True), bound)


def quantity_range(q: QuantityValue, bound: Bound, *, widen: bool = True) -> tuple[float, float] | None:
    """[low, high]; a missing end is open unless `amount` closes it; `amount` is always inside.

    `approximate` widens both ends by 10% of their size (`widen=False`: the range as stated). NaN
    (TOML allows it) compares with nothing, so such a claim has no range and is never in conflict.
    """
    amount = q.amount
    lo = q.low if q.low is not None else (amount if amount is not None else -_INF)
    hi = q.high if q.high is not None else (amount if amount is not None else _INF)
    if amount is not None:
        lo, hi = min(lo, amount), max(hi, amount)
    if math.isnan(lo) or math.isnan(hi):
        return None
    if q.approximate and widen:
        lo, hi = lo - APPROXIMATE * abs(lo), hi + APPROXIMATE * abs(hi)
    return apply_bound(lo, hi, bound)


def partition(claim: Claim) -> tuple[str, str]:
    """What a claim can be compared with: (kind, normalized unit)."""
    value = claim.value
    if isinstance(value, DateValue):
        return "date", ""
    if isinstance(value, QuantityValue):
        return "quantity", normalize_text(value.unit)
    return "text", ""


def claim_range(claim: Claim) -> tuple[float, float] | None:
    """The range a date or quantity claim allows (dates as day ordinals, open ends ±inf); None for text."""
    value = claim.value
    if isinstance(value, DateValue):
        return date_range(value.date, claim.bound)
    if isinstance(value, QuantityValue):
        return quantity_range(value, claim.bound)
    return None


def revises(source_a: str, as_of_a: str | None, source_b: str, as_of_b: str | None) -> bool:
    """Same source, both dated by `as_of`, at different dates: the source changed over time.

    A missing `as_of` cannot show that time passed, so such a pair stays a (self-)contradiction, as
    the bundled digest's summary and key points are. `as_of` strings are compared as written.
    """
    return source_a == source_b and as_of_a is not None and as_of_b is not None and as_of_a != as_of_b


def compare_claims(a: Claim, b: Claim) -> Relation:
    """How two claims' values relate; symmetric in a and b.

    Claims that cannot be compared (different kinds or units, NaN quantities) are `compatible`: nothing
    in them disagrees. Rank is not looked at here; `detect_conflicts` skips deprecated claims.
    """
    if partition(a) != partition(b):
        return Relation.compatible
    if isinstance(a.value, TextValue) and isinstance(b.value, TextValue):
        disjoint = normalize_text(a.value.text) != normalize_text(b.value.text)
    else:
        ra, rb = claim_range(a), claim_range(b)
        if ra is None or rb is None or ra == rb:
            return Relation.compatible
        disjoint = ra[1] < rb[0] or rb[1] < ra[0]
        if not disjoint:
            inside = (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])
            return Relation.refinement if inside else Relation.compatible
    if not disjoint:
        return Relation.compatible
    return Relation.revision if revises(a.source, a.as_of, b.source, b.as_of) else Relation.conflict
