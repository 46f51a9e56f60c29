"""The sweep that finds disagreeing pairs in one partition without comparing all pairs.

A partition's claims are ranges (see claim_values.py). Sorted by their lower and by their upper
bounds, binary searches find, for each claim, the claims that end before it begins: n claims cost
O(n log n) plus the pairs listed, capped per group. Each pair carries its reason in words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from .claim_values import Relation, revises
from .models import Claim
from .words import describe_value

# A claim in a partition: (lo, hi, id, position in story.claims, source, as_of). Only strings and
# numbers, so the garbage collector stops tracking items; the position keeps duplicate ids (an
# invalid story) sortable without comparing source or as_of.
Item = tuple[float, float, str, int, str, "str | None"]


@dataclass(frozen=True, slots=True)
class PairFinding:
    """Why two claims disagree. `first` < `second` (claim ids) so a pair has one spelling."""

    first: str
    second: str
    relation: Relation
    reason: str


class SweepContext:
    """What one detection run shares: the story's claims (items point into them) and reason words."""

    def __init__(self, claims: Sequence[Claim], max_pairs: int) -> None:
        self.claims, self.max_pairs = claims, max_pairs
        self.verb = ""  # how two disjoint values of the partition being scanned relate, in words
        self._said: dict[int, str] = {}

    def said(self, position: int) -> str:
        words = self._said.get(position)
        if words is None:
            claim = self.claims[position]
            words = self._said[position] = f"“{claim.phrase}” ({describe_value(claim, quote_text=80)})"
        return words

    def finding(self, low: Item, high: Item, relation: Relation) -> PairFinding:
        """A pair; `low` is the claim whose range comes first, and the reason reads in that order."""
        said_low, said_high = self.said(low[3]), self.said(high[3])
        if relation is Relation.revision:
            reason = f"{low[4]} revised itself: {said_low} as of {low[5]}, {said_high} as of {high[5]}"
        else:
            same = f" (both from {low[4]})" if low[4] == high[4] else ""
            reason = f"{said_low} {self.verb} {said_high}{same}"
        first, second = (low[2], high[2]) if low[2] <= high[2] else (high[2], low[2])
        return PairFinding(first, second, relation, reason)


# ------------------------------------------------------------------------------------------ the sweep


class _Side:
    """Items on one side of a cut, nearest to the cut last, indexed to find a claim's nearest partner.

    Without revisions in the partition every disjoint item is a partner, and no index is needed.
    """

    def __init__(self, seq: list[Item], revisable: bool) -> None:
        self.seq, self.revisable = seq, revisable
        self.prev_other = prev = [-1] * len(seq)  # the last index before i with another source
        self.at: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        self.at_source: dict[str, list[int]] | None = None  # built when first needed
        for i, item in enumerate(seq if revisable else ()):
            if i:
                prev[i] = i - 1 if seq[i - 1][4] != item[4] else prev[i - 1]
            self.at[(item[4], item[5])].append(i)

    def _last_before(self, key: tuple[str, str | None], cut: int) -> int:
        found = self.at.get(key)
        return found[bisect_left(found, cut) - 1] if found and found[0] < cut else -1

    def nearest(self, item: Item, cut: int) -> Item | None:
        """The nearest of seq[:cut] that is not a revision of `item`, in O(log n)."""
        if cut <= 0:
            return None
        last, src = cut - 1, item[4]
        if item[5] is None or not self.revisable:
            return self.seq[last]
        best = last if self.seq[last][4] != src else self.prev_other[last]
        best = max(best, self._last_before((src, None), cut), self._last_before((src, item[5]), cut))
        return self.seq[best] if best >= 0 else None

    def nearest_revision(self, item: Item, cut: int, tries: int = 32) -> Item | None:
        """A near revision of `item` in seq[:cut], looking at no more than `tries` same-source items."""
        if self.at_source is None:
            self.at_source = defaultdict(list)
            for i, other in enumerate(self.seq):
                self.at_source[other[4]].append(i)
        found = self.at_source.get(item[4], [])
        start = bisect_left(found, cut) - 1
        for k in range(start, max(-1, start - tries), -1):
            other = self.seq[found[k]]
            if revises(item[4], item[5], other[4], other[5]):
                return other
        return None


def scan(ctx: SweepContext, items: list[Item]) -> tuple[list[Item], list[PairFinding]] | None:
    """Items of one partition that take part in a conflict, and the pairs that show it."""
    by_lo = sorted(items)  # by (lo, hi, id, position): unique before source and as_of are reached
    by_hi = sorted(by_lo, key=itemgetter(1))  # stable: by (hi, lo, id, position)
    his = [item[1] for item in by_hi]
    cuts = [bisect_left(his, item[0]) for item in by_lo]  # by_hi[:cut] ends before the item begins
    if sum(cuts) > ctx.max_pairs:
        return scan_large(ctx, by_lo, by_hi, his, cuts)
    conflicts: list[PairFinding] = []  # few disjoint pairs: list them all
    revisions: list[PairFinding] = []
    members: set[int] = set()
    for item, cut in zip(by_lo, cuts, strict=True):
        for low in by_hi[:cut]:
            if revises(low[4], low[5], item[4], item[5]):
                revisions.append(ctx.finding(low, item, Relation.revision))
            else:
                conflicts.append(ctx.finding(low, item, Relation.conflict))
                members.update((low[3], item[3]))
    taking_part = [item for item in by_lo if item[3] in members]
    return (taking_part, conflicts + revisions) if taking_part else None


def scan_large(
    ctx: SweepContext, by_lo: list[Item], by_hi: list[Item], his: list[float], cuts: list[int]
) -> tuple[list[Item], list[PairFinding]] | None:
    """Many disjoint pairs: find who takes part without listing pairs, then pick `max_pairs` of them.

    A claim takes part if it has a non-revision partner below or above (O(log n) to find, or O(1)
    when no source has two `as_of` dates). Pairs are chosen in a fixed order: one across each gap
    between clusters of overlapping ranges (the shape of the disagreement), then each taking-part
    claim with its nearest partner, then revisions while there is room.
    """
    as_of_by_source: dict[str, str] = {}
    revisable = any(i[5] is not None and as_of_by_source.setdefault(i[4], i[5]) != i[5] for i in by_lo)
    los = [item[0] for item in by_lo]
    left_side = _Side(by_hi, revisable)
    right_side = _Side(by_lo[::-1], revisable)  # nearest last: the one that begins first
    if revisable:  # a claim takes part iff it has a partner that is not a revision, below or above
        taking_part = [
            item
            for item, cut in zip(by_lo, cuts, strict=True)
            if left_side.nearest(item, cut) or right_side.nearest(item, len(los) - bisect_right(los, item[1]))
        ]
    else:  # a claim takes part iff something ends before it begins or begins after it ends
        min_hi, max_lo = by_hi[0][1], los[-1]
        taking_part = [item for item in by_lo if item[0] > min_hi or item[1] < max_lo]
    if not taking_part:
        return None
    chosen: dict[tuple[str, str], PairFinding] = {}

    def full(low: Item | None, high: Item | None, relation: Relation) -> bool:
        if low is not None and high is not None:
            finding = ctx.finding(low, high, relation)
            chosen.setdefault((finding.first, finding.second), finding)
        return len(chosen) >= ctx.max_pairs

    reach = by_lo[0][1]
    for item, cut in zip(by_lo, cuts, strict=True):
        if item[0] > reach and full(left_side.nearest(item, cut), item, Relation.conflict):
            return taking_part, list(chosen.values())
        reach = item[1] if item[1] > reach else reach
    for item in taking_part:
        low = left_side.nearest(item, bisect_left(his, item[0]))
        if low is not None:
            done = full(low, item, Relation.conflict)
        else:
            high = right_side.nearest(item, len(los) - bisect_right(los, item[1]))
            done = full(item, high, Relation.conflict)
        if done:
            return taking_part, list(chosen.values())
    for item, cut in zip(by_lo, cuts if revisable else (), strict=False):
        if full(left_side.nearest_revision(item, cut), item, Relation.revision):
            break
    return taking_part, list(chosen.values())
