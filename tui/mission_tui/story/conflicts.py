"""Conflict detection: which claims about the same thing disagree, found by comparing value ranges.

Claims are grouped by subject + property (+ scope) and, inside a group, by what can be compared: dates
with dates, quantities with quantities *of the same unit*, texts with texts. Claims of different kinds
or units are never compared: "2,500 troops" says nothing about "September 2025".

A date or quantity becomes a closed range of floats (day ordinals for dates, ±inf for open ends); two
claims conflict when their ranges do not overlap. A text becomes a point, its rank among the group's
distinct normalized texts, so "different text" is "disjoint range" and one sweep serves every kind.
The sweep never compares all pairs: claims sorted by their bounds and binary searches make a group of
n claims cost O(n log n) plus the pairs it lists, which are capped per group.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from itertools import combinations, zip_longest
from operator import itemgetter

from .dates import describe_date, parse_date
from .models import (
    Bound,
    Claim,
    ConflictStatus,
    CuratedConflict,
    DateValue,
    QuantityValue,
    Rank,
    StoryFile,
    TextValue,
)

MAX_PAIRS = 50  # pairs listed per group; every claim that takes part is still listed in `claims`
APPROXIMATE = 0.10  # `approximate = true` widens a quantity by ±10%: "around 2,500" is 2,250-2,750
_INF = math.inf
_KIND_RANK = {"date": 0, "quantity": 1, "text": 2}
_VERBS = {"date": "ends before the start of", "quantity": "is below", "text": "differs from"}
# Words for a bound (target, not_after, not_before), found by position: hashing an Enum runs Python.
_BOUND_WORDS = {"date": ("", "no later than ", "no earlier than "), "quantity": ("", "at most ", "at least ")}

# A claim in a partition: (lo, hi, id, position in story.claims, source, as_of). Only strings and
# numbers, so the garbage collector stops tracking items; the position keeps duplicate ids (an
# invalid story) sortable without comparing source or as_of.
_Item = tuple[float, float, str, int, str, "str | None"]
_Entry = tuple[float, float, int]  # (lo, hi, position); a text's is (text, position) at first
_PartKey = tuple[str, str, "str | None", tuple[str, str]]  # subject, property, scope, (kind, unit)
_GroupKey = tuple[str, str, str]  # subject, property, scope or ""

class Relation(str, Enum):
    conflict = "conflict"
    refinement = "refinement"
    compatible = "compatible"
    revision = "revision"


@dataclass(frozen=True, slots=True)
class PairFinding:
    """Why two claims disagree. `first` < `second` (claim ids) so a pair has one spelling."""

    first: str
    second: str
    relation: Relation
    reason: str


@dataclass(frozen=True, slots=True)
class ConflictGroup:
    """Claims about one subject + property (+ scope) that disagree, with any curated annotation."""

    id: str
    title: str
    subject: str
    property: str
    scope: str | None
    kind: str
    claims: tuple[str, ...]
    pairs: tuple[PairFinding, ...]
    status: ConflictStatus
    note: str | None
    detected: bool
    curated: bool


# ------------------------------------------------------------------------------------------ values


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


def _bound_index(bound: Bound) -> int:
    return 0 if bound is Bound.target else 1 if bound is Bound.not_after else 2


def _apply_bound(lo: float, hi: float, bound: Bound) -> tuple[float, float]:
    """A deadline keeps only the upper end, a floor only the lower (dates and quantities alike)."""
    return ((lo, hi), (-_INF, hi), (lo, _INF))[_bound_index(bound)]


def _date_range(text: str, bound: Bound) -> tuple[float, float]:
    # Fuzzy bounds equal the strict ones for plain dates and widen ? ~ %, so "2025-09~" is not in
    # conflict with October 2025. parse_date is cached, so each distinct date is parsed once.
    return _apply_bound(*parse_date(text).ordinal_range(fuzzy=True), bound)


def _quantity_range(q: QuantityValue, bound: Bound) -> tuple[float, float] | None:
    """[low, high]; a missing end is open unless `amount` closes it; `amount` is always inside.

    `approximate` widens both ends by 10% of their size. NaN (TOML allows it) compares with nothing,
    so such a claim has no range and is never in conflict.
    """
    amount = q.amount
    lo = q.low if q.low is not None else (amount if amount is not None else -_INF)
    hi = q.high if q.high is not None else (amount if amount is not None else _INF)
    if amount is not None:
        lo, hi = min(lo, amount), max(hi, amount)
    if math.isnan(lo) or math.isnan(hi):
        return None
    if q.approximate:
        lo, hi = lo - APPROXIMATE * abs(lo), hi + APPROXIMATE * abs(hi)
    return _apply_bound(lo, hi, bound)


def _partition(claim: Claim) -> tuple[str, str]:
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
        return _date_range(value.date, claim.bound)
    if isinstance(value, QuantityValue):
        return _quantity_range(value, claim.bound)
    return None


def _revises(source_a: str, as_of_a: str | None, source_b: str, as_of_b: str | None) -> bool:
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
    if _partition(a) != _partition(b):
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
    return Relation.revision if _revises(a.source, a.as_of, b.source, b.as_of) else Relation.conflict


# ------------------------------------------------------------------------------------------ reasons


def _number(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.4g}"


_describe_date = lru_cache(maxsize=4096)(describe_date)


def _words(claim: Claim) -> str:
    """A claim's value in words: 'September 2025', 'about 2,500 troops', '“reduction”'."""
    value = claim.value
    if isinstance(value, DateValue):
        return _BOUND_WORDS["date"][_bound_index(claim.bound)] + _describe_date(value.date)
    if isinstance(value, QuantityValue):
        low, high = value.low, value.high
        if low is None and high is None:
            words = _number(value.amount)  # type: ignore[arg-type]
        elif low is not None and high is not None:
            words = f"{_number(low)}-{_number(high)}"
        else:
            words = f"at least {_number(low)}" if low is not None else f"at most {_number(high)}"  # type: ignore[arg-type]
        about = "about " if value.approximate else ""
        return f"{_BOUND_WORDS['quantity'][_bound_index(claim.bound)]}{about}{words} {value.unit}"
    text = value.text
    return f"“{text if len(text) <= 80 else text[:77] + '...'}”"


class _Context:
    """What one detection run shares: the story's claims (items point into them) and reason words."""

    def __init__(self, claims: Sequence[Claim], max_pairs: int) -> None:
        self.claims, self.max_pairs = claims, max_pairs
        self.verb = ""  # how two disjoint values of the partition being scanned relate, in words
        self._said: dict[int, str] = {}

    def said(self, position: int) -> str:
        words = self._said.get(position)
        if words is None:
            claim = self.claims[position]
            words = self._said[position] = f"“{claim.phrase}” ({_words(claim)})"
        return words

    def finding(self, low: _Item, high: _Item, relation: Relation) -> PairFinding:
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

    def __init__(self, seq: list[_Item], revisable: bool) -> None:
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

    def nearest(self, item: _Item, cut: int) -> _Item | None:
        """The nearest of seq[:cut] that is not a revision of `item`, in O(log n)."""
        if cut <= 0:
            return None
        last, src = cut - 1, item[4]
        if item[5] is None or not self.revisable:
            return self.seq[last]
        best = last if self.seq[last][4] != src else self.prev_other[last]
        best = max(best, self._last_before((src, None), cut), self._last_before((src, item[5]), cut))
        return self.seq[best] if best >= 0 else None

    def nearest_revision(self, item: _Item, cut: int, tries: int = 32) -> _Item | None:
        """A near revision of `item` in seq[:cut], looking at no more than `tries` same-source items."""
        if self.at_source is None:
            self.at_source = defaultdict(list)
            for i, other in enumerate(self.seq):
                self.at_source[other[4]].append(i)
        found = self.at_source.get(item[4], [])
        start = bisect_left(found, cut) - 1
        for k in range(start, max(-1, start - tries), -1):
            other = self.seq[found[k]]
            if _revises(item[4], item[5], other[4], other[5]):
                return other
        return None


def _scan(ctx: _Context, items: list[_Item]) -> tuple[list[_Item], list[PairFinding]] | None:
    """Items of one partition that take part in a conflict, and the pairs that show it."""
    by_lo = sorted(items)  # by (lo, hi, id, position): unique before source and as_of are reached
    by_hi = sorted(by_lo, key=itemgetter(1))  # stable: by (hi, lo, id, position)
    his = [item[1] for item in by_hi]
    cuts = [bisect_left(his, item[0]) for item in by_lo]  # by_hi[:cut] ends before the item begins
    if sum(cuts) > ctx.max_pairs:
        return _scan_large(ctx, by_lo, by_hi, his, cuts)
    conflicts: list[PairFinding] = []  # few disjoint pairs: list them all
    revisions: list[PairFinding] = []
    members: set[int] = set()
    for item, cut in zip(by_lo, cuts, strict=True):
        for low in by_hi[:cut]:
            if _revises(low[4], low[5], item[4], item[5]):
                revisions.append(ctx.finding(low, item, Relation.revision))
            else:
                conflicts.append(ctx.finding(low, item, Relation.conflict))
                members.update((low[3], item[3]))
    taking_part = [item for item in by_lo if item[3] in members]
    return (taking_part, conflicts + revisions) if taking_part else None


def _scan_large(
    ctx: _Context, by_lo: list[_Item], by_hi: list[_Item], his: list[float], cuts: list[int]
) -> tuple[list[_Item], list[PairFinding]] | None:
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

    def full(low: _Item | None, high: _Item | None, relation: Relation) -> bool:
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


# ------------------------------------------------------------------------------------------ grouping


def _entries(claims: Sequence[Claim]) -> dict[_PartKey, list[_Entry]]:
    """Every non-deprecated claim as an entry, by subject, property, scope and partition.

    This loop touches every claim, and memory latency dominates it, so entries stay small (a string
    in them would be touched for its reference count), fields are read straight from the slotted
    claim objects, and each distinct date and quantity's range is computed once.
    """
    parts: dict[_PartKey, list[_Entry]] = {}
    ranges: tuple[dict[str, tuple[float, float]], ...] = ({}, {}, {})  # per bound
    amounts: tuple[dict[tuple[object, ...], tuple[tuple[str, str], tuple[float, float] | None]], ...]
    amounts = ({}, {}, {})  # per bound
    deprecated, target, after = Rank.deprecated, Bound.target, Bound.not_after
    as_date, as_text = ("date", ""), ("text", "")
    for position, claim in enumerate(claims):
        if claim.rank is deprecated:
            continue
        value = claim.value
        kind = type(value)
        if kind is DateValue:
            bound = claim.bound
            cache = ranges[0 if bound is target else 1 if bound is after else 2]
            text = value.date
            span = cache.get(text)
            if span is None:
                span = cache[text] = _date_range(text, bound)
            part, entry = as_date, (span[0], span[1], position)
        elif kind is TextValue:
            part, entry = as_text, (value.text, position)  # type: ignore[assignment]
        else:  # a QuantityValue: the value union holds exactly these three types
            bound = claim.bound
            cached = amounts[0 if bound is target else 1 if bound is after else 2]
            qkey = (value.amount, value.low, value.high, value.approximate, value.unit)
            found = cached.get(qkey)
            if found is None:
                found = cached[qkey] = (_partition(claims[position]), claim_range(claims[position]))
            part, span = found  # type: ignore[assignment]
            if span is None:
                continue
            entry = (span[0], span[1], position)
        key = (claim.subject, claim.property, claim.scope, part)
        bucket = parts.get(key)
        if bucket is None:
            bucket = parts[key] = []
        bucket.append(entry)
    return parts


def _items(claims: Sequence[Claim], entries: list[_Entry], text: bool) -> list[_Item] | None:
    """A partition's items if some of its ranges are disjoint (texts placed by rank), else None."""
    if text:
        raw = [entry[0] for entry in entries]
        norm = {text: normalize_text(text) for text in set(raw)}  # type: ignore[arg-type]
        place = {text: float(i) for i, text in enumerate(sorted(set(norm.values())))}
        if len(place) < 2:
            return None
        entries = [(place[norm[t]], place[norm[t]], e[1]) for t, e in zip(raw, entries, strict=True)]  # type: ignore[misc]
    elif max(map(itemgetter(0), entries)) <= min(map(itemgetter(1), entries)):
        return None  # every range holds the greatest lower bound: nothing is disjoint
    chosen = [claims[position] for _lo, _hi, position in entries]
    return [
        (lo, hi, c.id, position, c.source, c.as_of)
        for (lo, hi, position), c in zip(entries, chosen, strict=True)
    ]


@dataclass(slots=True)
class _Draft:
    """A detected group before curation: the ids (and story positions) of the claims taking part."""

    scope: str | None
    kinds: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    pairs: list[list[PairFinding]] = field(default_factory=list)  # per partition


def _detect(ctx: _Context) -> dict[_GroupKey, _Draft]:
    parts = _entries(ctx.claims)
    drafts: dict[_GroupKey, _Draft] = {}
    for key in sorted(parts, key=lambda k: (k[0], k[1], k[2] or "", _KIND_RANK[k[3][0]], k[3][1])):
        entries = parts[key]
        if len(entries) < 2 or (items := _items(ctx.claims, entries, key[3][0] == "text")) is None:
            continue
        ctx.verb = _VERBS[key[3][0]]
        if (found := _scan(ctx, items)) is not None:
            draft = drafts.setdefault((key[0], key[1], key[2] or ""), _Draft(key[2]))
            draft.kinds.append(key[3][0])
            draft.items += found[0]
            draft.pairs.append(found[1])
    return drafts


def _merge_pairs(per_partition: list[list[PairFinding]], max_pairs: int) -> tuple[PairFinding, ...]:
    """One group's pairs from its partitions (kinds, units), taken in turn, conflicts first, capped."""
    if len(per_partition) == 1:
        return tuple(per_partition[0])
    merged: list[PairFinding] = []
    for relation in (Relation.conflict, Relation.revision):
        queues = [[pair for pair in pairs if pair.relation is relation] for pairs in per_partition]
        merged.extend(pair for row in zip_longest(*queues) for pair in row if pair is not None)
    return tuple(merged[:max_pairs])


# ------------------------------------------------------------------------------------------ curation


def _order_key(claim: Claim) -> tuple[int, str, float, float, str, str]:
    """Where a claim sits in a group's list: kind, unit, range (or normalized text), id."""
    kind, unit = _partition(claim)
    if isinstance(claim.value, TextValue):
        return _KIND_RANK[kind], unit, 0.0, 0.0, normalize_text(claim.value.text), claim.id
    lo, hi = claim_range(claim) or (_INF, _INF)
    return _KIND_RANK[kind], unit, lo, hi, "", claim.id


def _attach(
    order: list[_GroupKey], members: dict[_GroupKey, set[str]], conflicts: Sequence[CuratedConflict]
) -> tuple[dict[_GroupKey, CuratedConflict], list[CuratedConflict]]:
    """Each curated entry (in id order) to the free detected group sharing most claims, else alone."""
    attached: dict[_GroupKey, CuratedConflict] = {}
    alone: list[CuratedConflict] = []
    for curated in sorted(conflicts, key=lambda c: c.id):
        wanted = set(curated.claims)
        shared = [(len(members[key] & wanted), -i) for i, key in enumerate(order) if key not in attached]
        best = max(shared, default=(0, 0))
        if best[0]:
            attached[order[-best[1]]] = curated
        else:
            alone.append(curated)
    return attached, alone


def _title(subject: str, prop: str, scope: str | None) -> str:
    return f"{subject}: {prop}" + (f" ({scope})" if scope else "")


def _curated_group(curated: CuratedConflict, claims: list[Claim], max_pairs: int) -> ConflictGroup:
    """A curated entry no detected group holds: its claims paired as the curator says, kind inferred."""
    head, kinds = claims[0], {_partition(claim)[0] for claim in claims}
    pairs = []
    for a, b in list(combinations(claims, 2))[:max_pairs]:
        first, second = sorted((a.id, b.id))
        reason = f"curated; by value: {compare_claims(a, b).value}"
        pairs.append(PairFinding(first, second, Relation.conflict, reason))
    return ConflictGroup(
        id=curated.id, title=curated.title or _title(head.subject, head.property, head.scope),
        subject=head.subject, property=head.property, scope=head.scope,
        kind=curated.kind if curated.kind != "other" or len(kinds) != 1 else kinds.pop(),
        claims=tuple(claim.id for claim in sorted(claims, key=_order_key)), pairs=tuple(pairs),
        status=curated.status, note=curated.note, detected=False, curated=True,
    )  # fmt: skip


def detect_conflicts(story: StoryFile, *, max_pairs: int = MAX_PAIRS) -> list[ConflictGroup]:
    """Every disagreement in a story, detected and curated, sorted by (subject, property, scope, id).

    Deprecated claims are skipped. A group needs a conflict: revisions alone (a source updating
    itself) make no group, but are listed after the conflicts of a group that has some.
    A curated entry attaches to the detected group sharing most of its claims (ties: the first group
    in sorted order; entries taken in id order, one per group) and adds its claims to that group. An
    entry that attaches nowhere is a group of its own, its claims paired with reason "curated".
    `max_pairs` caps the pairs listed per group.
    """
    claims = story.claims
    drafts = _detect(_Context(claims, max_pairs))
    order = sorted(drafts)
    ids = {key: [item[2] for item in drafts[key].items] for key in order}
    members = {key: set(ids[key]) for key in order} if story.conflicts else {}
    attached, alone = _attach(order, members, story.conflicts)
    wanted = {i for curated in story.conflicts for i in curated.claims}
    by_id = {item[2]: claims[item[3]] for key in order for item in drafts[key].items if item[2] in wanted}
    if wanted - by_id.keys():  # a curated claim no detected group holds: look it up in the story
        by_id.update((c.id, c) for c in claims if c.id in wanted and c.id not in by_id)
    groups: list[ConflictGroup] = []
    for key in order:
        draft, curated = drafts[key], attached.get(key)
        group_ids = ids[key]
        if curated is not None:  # its claims join the group, in the group's order
            extra = [by_id[i] for i in dict.fromkeys(curated.claims) if i in by_id and i not in members[key]]
            joined = [claims[item[3]] for item in draft.items] + extra
            group_ids = [claim.id for claim in sorted(joined, key=_order_key)] if extra else group_ids
        groups.append(ConflictGroup(
            id=curated.id if curated else "-".join(["auto", *[part for part in key if part]]),
            title=curated.title if curated and curated.title else _title(key[0], key[1], draft.scope),
            subject=key[0], property=key[1], scope=draft.scope,
            kind=draft.kinds[0] if len(set(draft.kinds)) == 1 else "other",
            claims=tuple(group_ids), pairs=_merge_pairs(draft.pairs, max_pairs),
            status=curated.status if curated else ConflictStatus.open,
            note=curated.note if curated else None, detected=True, curated=curated is not None,
        ))  # fmt: skip
    for curated in alone:
        if group_claims := [by_id[i] for i in dict.fromkeys(curated.claims) if i in by_id]:
            groups.append(_curated_group(curated, group_claims, max_pairs))
    groups.sort(key=lambda g: (g.subject, g.property, g.scope or "", g.id))
    seen: set[str] = set()  # automatic ids can collide ('a-b' + 'c', 'a' + 'b-c'): number the later
    for index, group in enumerate(groups):
        new_id, n = group.id, 1
        while new_id in seen:
            n, new_id = n + 1, f"{group.id}-{n + 1}"
        seen.add(new_id)
        groups[index] = group if new_id == group.id else replace(group, id=new_id)
    return groups
