"""A conflict as a reader compares it: which claims agree with each other, the values that clash on
one line ("Sep 2025 vs Dec 2026"), and what the conflict is about in words, never as slugs.

Sides: claims whose values can all be true at once (their ranges share a point, or their texts are
the same) stand on one side. Dates and quantities are split into sides by the least number of shared
points (sorted by where each range ends, as an interval-stabbing sweep does: O(n log n)), so "27 Sep
2024 to 27 Sep 2025" and "Sep 2025" stand together against "Dec 2026", as the detector compares
them. Pure functions over claims: no Textual, no index.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .claim_values import claim_range, date_range, normalize_text, partition
from .dates import parse_date
from .models import Bound, Claim, DateValue, QuantityValue, TextValue
from .sanitize import clean_line
from .words import YEAR_NOT_GIVEN, quantity_words, short_date

_TEXT_LABEL = 32  # characters of a text value shown in a one-line comparison
_CONTEXT_WORDS = 8  # words of a quote kept around its value when a conflict is named from the quote
_MIN_CONTEXT_WORDS = 3
_NO_YEAR = "XXXX-"
_SHARED_YEAR = "2000"  # a leap year: 29 February is a day in it


@dataclass(frozen=True, slots=True)
class Side:
    """Claims that agree with each other, and the value that names them ("Sep 2025")."""

    label: str
    claims: tuple[str, ...]


def value_label(claim: Claim) -> str:
    """A claim's value, short enough for one line beside others: 'Sep 2025', 'no later than Dec 2026',
    'about 2,500 troops', '“reduction”'."""
    value = claim.value
    if isinstance(value, DateValue):
        words = short_date(value.date)
        if claim.bound is Bound.not_after:
            return f"no later than {words}"
        if claim.bound is Bound.not_before:
            return f"no earlier than {words}"
        return words
    if isinstance(value, QuantityValue):
        words = quantity_words(value)
        if claim.bound is Bound.not_after and not words.startswith("at "):
            return f"at most {words}"
        if claim.bound is Bound.not_before and not words.startswith("at "):
            return f"at least {words}"
        return words
    text = clean_line(value.text)
    return f"“{text if len(text) <= _TEXT_LABEL else text[: _TEXT_LABEL - 1].rstrip() + '…'}”"


def _strict_width(claim: Claim) -> float:
    """How wide a claim's value is without the widening for ? and ~: the narrowest names a side."""
    value = claim.value
    if isinstance(value, DateValue):
        low, high = parse_date(value.date).ordinal_range(fuzzy=False)
        return high - low
    found = claim_range(claim)
    return math.inf if found is None else found[1] - found[0]


def without_year(claim: Claim) -> bool:
    """A date claim whose year the source does not give (EDTF `XXXX-09-15`)."""
    return isinstance(claim.value, DateValue) and _NO_YEAR in claim.value.date


def _side_range(claim: Claim, shared_year: bool) -> tuple[float, float] | None:
    """The claim's range; with `shared_year`, a date without its year read in one common year, as
    the conflict that pairs them is ("read in the same year, they cannot all hold"): every year
    would put each date everywhere, and 'through August' and 'until September 15' on one side."""
    if shared_year and isinstance(claim.value, DateValue):
        return date_range(claim.value.date.replace(_NO_YEAR, _SHARED_YEAR + "-"), claim.bound)
    return claim_range(claim)


def _range_sides(claims: list[Claim]) -> list[list[Claim]]:
    """Dates or quantities of one unit: fewest sides whose members all share a point, earliest first."""
    shared_year = all(without_year(claim) for claim in claims)
    ranged = [(_side_range(claim, shared_year) or (math.inf, math.inf), claim) for claim in claims]
    ranged.sort(key=lambda item: (item[0][1], item[0][0], item[1].id))
    start = {claim.id: low for (low, _), claim in ranged}
    sides: list[list[Claim]] = []
    point = -math.inf
    for (low, high), claim in ranged:
        if sides and low <= point:
            sides[-1].append(claim)
        else:
            sides.append([claim])
            point = high
    for side in sides:
        side.sort(key=lambda claim: (start[claim.id], claim.id))
    return sides


def _text_sides(claims: list[Claim]) -> list[list[Claim]]:
    by_text: dict[str, list[Claim]] = {}
    for claim in claims:
        assert isinstance(claim.value, TextValue)
        by_text.setdefault(normalize_text(claim.value.text), []).append(claim)
    return list(by_text.values())


def conflict_sides(claims: Sequence[Claim]) -> list[list[Side]]:
    """Each comparable part of a conflict (one per kind and unit) as its sides, earliest first."""
    parts: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        parts.setdefault(partition(claim), []).append(claim)
    result = []
    for (kind, _unit), members in parts.items():
        grouped = _text_sides(members) if kind == "text" else _range_sides(members)
        result.append(
            [Side(value_label(min(side, key=_strict_width)), tuple(c.id for c in side)) for side in grouped]
        )
    return result


def values_line(parts: Sequence[Sequence[Side]]) -> str:
    """The values that clash, on one line: 'Sep 2025 vs Dec 2026' (parts of other kinds after a ';');
    dates whose year no source gives say so once: 'Aug vs 15 Sep (year not given)'."""
    return "; ".join(_part_line([side.label for side in sides]) for sides in parts if sides)


def _part_line(labels: list[str]) -> str:
    if len(labels) > 1 and all(label.endswith(YEAR_NOT_GIVEN) for label in labels):
        return " vs ".join(label.removesuffix(YEAR_NOT_GIVEN) for label in labels) + YEAR_NOT_GIVEN
    return " vs ".join(labels)


# ------------------------------------------------------------------------------------ what it is about


def slug_words(slug: str) -> str:
    """A slug as words, for when nothing better is known: 'us-mission-iraq' -> 'us mission iraq'."""
    return " ".join(part for part in re.split(r"[-_]+", slug) if part)


def _context(claim: Claim) -> str | None:
    """The words of a claim's quote around its value, the value left out: 'The current mission will
    officially conclude …'. None when the phrase is not in the quote or too little is left."""
    quote, phrase = clean_line(claim.quote), clean_line(claim.phrase)
    at = quote.casefold().find(phrase.casefold()) if phrase else -1
    if at < 0:
        return None
    before = quote[:at].split()
    after = quote[at + len(phrase) :].split()
    if len(before) >= _MIN_CONTEXT_WORDS:
        kept = before[-_CONTEXT_WORDS:]
        lead = "… " if len(kept) < len(before) else ""
        return f"{lead}{' '.join(kept).rstrip(',;:')} …"
    if len(before) + len(after) >= _MIN_CONTEXT_WORDS:
        kept = after[: _CONTEXT_WORDS - len(before)]
        tail = " …" if len(kept) < len(after) else ""
        head = " ".join(before).rstrip(",;:")
        return f"{head + ' ' if head else ''}… {' '.join(kept).rstrip('.,;:')}{tail}"
    return None


def about_words(subject: str, prop: str, scope: str | None) -> str:
    """The last resort: the subject, property and scope slugs as words ('mission, iraq: end date')."""
    where = f", {slug_words(scope)}" if scope else ""
    return f"{slug_words(subject)}{where}: {slug_words(prop)}"


def conflict_words(
    title: str | None, claim_ids: Sequence[str], claims: Mapping[str, Claim], about: str
) -> str:
    """What a conflict is about, in a reader's words: the curated title if there is one; otherwise the
    words its claims' quotes put around the value (the shortest such context, in quotation marks, as
    the sources' own words); otherwise `about` (slugs as words)."""
    if title:
        return clean_line(title)
    contexts = [found for cid in claim_ids if cid in claims and (found := _context(claims[cid]))]
    if contexts:
        return f"“{min(contexts, key=lambda text: (len(text), text))}”"
    return about
