"""Scoring a draft against what a careful reader extracts from the same digest by hand.

A digest's expectations (tests/ingest_expectations.py) list the claims a reader finds (source, words of
the phrase, value, bound), the claims that may be found without being required (`allowed`), which
claims must share a group or stay apart, the conflicts a reader expects flagged and the events a
reader expects on the timeline. `score` matches a draft against them; `python tests/ingest_scoring.py`
prints the per-digest table the report quotes (claims found / expected / invented, conflicts found /
expected / false).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mission_tui.ingest.claims import UNRESOLVED
from mission_tui.ingest.draft import build_draft
from mission_tui.story.conflicts import ConflictGroup, detect_conflicts
from mission_tui.story.models import Claim, DateValue, QuantityValue, StoryFile

DIGESTS = Path(__file__).resolve().parent / "digests"
DIGEST = "digest"  # the source name of the digest's own prose in expectations
RELATIVE = "?"  # the expected value of a relative date the draft cannot resolve


def Q(
    amount: float | None = None,
    unit: str = "",
    *,
    low: float | None = None,
    high: float | None = None,
    approx: bool = False,
) -> tuple[float | None, float | None, float | None, str, bool]:
    """A quantity as it is compared: (amount, low, high, unit, approximate)."""
    return amount, low, high, unit, approx


@dataclass(frozen=True)
class Want:
    """One claim a reader finds: whose (an outlet, or DIGEST), words its phrase holds, its value, and
    for a date its bound (None: not checked). `prop`, when given, is the property it must have."""

    source: str
    words: str
    value: Any
    bound: str | None = None
    prop: str | None = None


@dataclass
class Expected:
    file: str
    claims: dict[str, Want]
    allowed: list[Want] = field(default_factory=list)
    together: list[tuple[str, ...]] = field(default_factory=list)
    apart: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[tuple[str, ...]] = field(default_factory=list)
    optional_conflicts: list[tuple[str, ...]] = field(default_factory=list)
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (when, status, title words)
    year: int | None = None


@dataclass
class Score:
    found: dict[str, Claim]
    missed: list[str]
    wrong_property: list[str]
    invented: list[Claim]
    conflicts_found: list[tuple[str, ...]]
    conflicts_missed: list[tuple[str, ...]]
    false_conflicts: list[ConflictGroup]
    not_together: list[tuple[str, ...]]
    not_apart: list[tuple[str, str]]
    events_missed: list[tuple[str, str, str]]
    story: StoryFile

    def row(self, name: str, expected: Expected) -> str:
        together, apart = len(expected.together), len(expected.apart)
        return (
            f"{name:24} claims {len(self.found):2}/{len(expected.claims):2} invented {len(self.invented):2}"
            f" · conflicts {len(self.conflicts_found)}/{len(expected.conflicts)} false "
            f"{len(self.false_conflicts)} · groups {together - len(self.not_together)}/{together}"
            f" apart {apart - len(self.not_apart)}/{apart}"
            f" · events {len(expected.events) - len(self.events_missed)}/{len(expected.events)}"
        )


def value_of(claim: Claim) -> Any:
    value = claim.value
    if isinstance(value, DateValue):
        return value.date
    if isinstance(value, QuantityValue):
        return value.amount, value.low, value.high, value.unit, value.approximate
    return RELATIVE if value.text == UNRESOLVED else value.text


def _source_name(story: StoryFile) -> dict[str, str]:
    return {s.id: DIGEST if s.kind.value == "digest" else s.outlet for s in story.sources}


def _matches(want: Want, claim: Claim, sources: dict[str, str]) -> bool:
    if sources[claim.source] != want.source or want.words.lower() not in claim.phrase.lower():
        return False
    if value_of(claim) != want.value:
        return False
    return want.bound is None or claim.bound.value == want.bound


def draft_story(expected: Expected, year: int | None = None) -> StoryFile:
    path = DIGESTS / expected.file
    data = build_draft(path.read_text(encoding="utf-8"), str(path), expected.file, year or expected.year).data
    return StoryFile.model_validate(data)


def _key(claim: Claim) -> tuple[str, str, str | None]:
    return claim.subject, claim.property, claim.scope


def score(expected: Expected, story: StoryFile | None = None) -> Score:
    story = story or draft_story(expected)
    sources = _source_name(story)
    unused = list(story.claims)
    found: dict[str, Claim] = {}
    for label, want in expected.claims.items():
        match = next((c for c in unused if _matches(want, c, sources)), None)
        if match is not None:
            found[label] = match
            unused.remove(match)
    wrong_property = [
        label
        for label, claim in found.items()
        if (prop := expected.claims[label].prop) is not None and claim.property != prop
    ]
    invented = [c for c in unused if not any(_matches(w, c, sources) for w in expected.allowed)]
    groups = detect_conflicts(story)
    members = [set(g.claims) for g in groups]

    def in_one_group(labels: Iterable[str]) -> bool:
        ids = {found[label].id for label in labels if label in found}
        return len(ids) == len(tuple(labels)) and any(ids <= m for m in members)

    conflicts_found = [c for c in expected.conflicts if in_one_group(c)]
    reasons = [*expected.conflicts, *expected.optional_conflicts]
    false = [
        g
        for g in groups
        if not any({found[label].id for label in c if label in found} <= set(g.claims) for c in reasons)
    ]
    not_together = [
        labels
        for labels in expected.together
        if not all(label in found for label in labels) or len({_key(found[label]) for label in labels}) != 1
    ]
    not_apart = [
        (a, b) for a, b in expected.apart if a in found and b in found and _key(found[a]) == _key(found[b])
    ]
    events_missed = [
        (when, status, words)
        for when, status, words in expected.events
        if not any(
            e.when == when and e.status.value == status and words.lower() in e.title.lower()
            for e in story.events
        )
    ]
    return Score(
        found,
        [label for label in expected.claims if label not in found],
        wrong_property,
        invented,
        conflicts_found,
        [c for c in expected.conflicts if c not in conflicts_found],
        false,
        not_together,
        not_apart,
        events_missed,
        story,
    )


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PART_WORDS = (
    "end of",
    "mid",
    "early",
    "late",
    "half",
    "quarter",
    "week",
    "spring",
    "summer",
    "autumn",
    "fall",
)


def invented_dates(story: StoryFile) -> list[tuple[str, str, str]]:
    """Date claims with a year or month their words do not give: every year is in the phrase or
    counted from the claim's anchor (a year either side: "next February", "last May"); every month
    is named, counted from the anchor, or part of a named part of a year ("mid-2026", "the end of")."""
    found = []
    for claim in story.claims:
        if not isinstance(claim.value, DateValue):
            continue
        words, value = claim.phrase.lower(), claim.value.date
        anchor = int((claim.anchor or "0000")[:4]) if (claim.anchor or "X")[0].isdigit() else None
        for year in re.findall(r"\d{4}", value):
            if year not in words and (anchor is None or abs(int(year) - anchor) > 1):
                found.append((claim.id, claim.phrase, value))
        for month in re.findall(r"(?:\d{4}|X{4})[?~%]?-(\d{2})", value):
            named = _MONTHS[int(month) - 1] in words or any(w in words for w in _PART_WORDS)
            if not named and not claim.anchor and not re.search(r"\bq[1-4]\b", words):
                found.append((claim.id, claim.phrase, value))
    return found


def describe(result: Score, expected: Expected) -> str:
    """What went wrong, for an assertion message."""
    lines = []
    sources = _source_name(result.story)
    lines += [f"missed {label}: {expected.claims[label]}" for label in result.missed]
    lines += [f"property of {label}: {result.found[label].property}" for label in result.wrong_property]
    lines += [
        f"invented: {sources[c.source]} {c.phrase!r} {value_of(c)} {c.bound.value} "
        f"({c.subject}/{c.property}/{c.scope})"
        for c in result.invented
    ]
    lines += [f"conflict not found: {c}" for c in result.conflicts_missed]
    lines += [
        f"false conflict: {g.subject}/{g.property}/{g.scope} {g.claims}" for g in result.false_conflicts
    ]
    for labels in result.not_together:
        keys = [(label, _key(result.found[label]) if label in result.found else None) for label in labels]
        lines.append(f"not grouped together: {keys}")
    lines += [f"grouped together but should not be: {pair}" for pair in result.not_apart]
    titles = [(e.when, e.status.value, e.title) for e in result.story.events]
    lines += [f"event missing: {e} (events: {titles})" for e in result.events_missed]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from ingest_expectations import EXPECTED

    verbose = "-v" in sys.argv
    for name, expected in EXPECTED.items():
        result = score(expected)
        print(result.row(name, expected))
        if verbose and (text := describe(result, expected)):
            print("    " + text.replace("\n", "\n    "))
