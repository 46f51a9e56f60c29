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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations, zip_longest
from operator import itemgetter
from typing import cast

from .claim_values import APPROXIMATE as APPROXIMATE  # re-exported: the detector's public names
from .claim_values import VERBS, date_range, partition
from .claim_values import Relation as Relation
from .claim_values import claim_range as claim_range
from .claim_values import compare_claims as compare_claims
from .claim_values import normalize_text as normalize_text
from .heap import gc_paused
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
from .sweep import Item, SweepContext, scan
from .sweep import PairFinding as PairFinding  # re-exported

MAX_PAIRS = 50  # pairs listed per group; every claim that takes part is still listed in `claims`
_INF = math.inf
_KIND_RANK = {"date": 0, "quantity": 1, "text": 2}

_Entry = tuple[float, float, int]  # (lo, hi, position); a text's is (text, position) at first
_PartKey = tuple[str, str, "str | None", tuple[str, str]]  # subject, property, scope, (kind, unit)
_GroupKey = tuple[str, str, str]  # subject, property, scope or ""

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
            text = cast(DateValue, value).date
            span = cache.get(text)
            if span is None:
                span = cache[text] = date_range(text, bound)
            part, entry = as_date, (span[0], span[1], position)
        elif kind is TextValue:
            # A text's entry is (text, position) until the partition is compared (see _Entry).
            part, entry = as_text, (cast(TextValue, value).text, position)  # type: ignore[assignment]
        else:  # a QuantityValue: the value union holds exactly these three types
            bound = claim.bound
            cached = amounts[0 if bound is target else 1 if bound is after else 2]
            quantity = cast(QuantityValue, value)
            qkey = (quantity.amount, quantity.low, quantity.high, quantity.approximate, quantity.unit)
            found = cached.get(qkey)
            if found is None:
                found = cached[qkey] = (partition(claims[position]), claim_range(claims[position]))
            part, span = found
            if span is None:
                continue
            entry = (span[0], span[1], position)
        key = (claim.subject, claim.property, claim.scope, part)
        bucket = parts.get(key)
        if bucket is None:
            bucket = parts[key] = []
        bucket.append(entry)
    return parts


def _items(claims: Sequence[Claim], entries: list[_Entry], text: bool) -> list[Item] | None:
    """A partition's items if some of its ranges are disjoint (texts placed by rank), else None."""
    if text:
        raw = [entry[0] for entry in entries]
        norm = {text: normalize_text(text) for text in set(raw)}
        place = {text: float(i) for i, text in enumerate(sorted(set(norm.values())))}
        if len(place) < 2:
            return None
        # A text partition's (text, position) entries become numeric ranges here (see _Entry).
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
    items: list[Item] = field(default_factory=list)
    pairs: list[list[PairFinding]] = field(default_factory=list)  # per partition


def _detect(ctx: SweepContext) -> dict[_GroupKey, _Draft]:
    parts = _entries(ctx.claims)
    drafts: dict[_GroupKey, _Draft] = {}
    for key in sorted(parts, key=lambda k: (k[0], k[1], k[2] or "", _KIND_RANK[k[3][0]], k[3][1])):
        entries = parts[key]
        if len(entries) < 2 or (items := _items(ctx.claims, entries, key[3][0] == "text")) is None:
            continue
        ctx.verb = VERBS[key[3][0]]
        if (found := scan(ctx, items)) is not None:
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
    kind, unit = partition(claim)
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


def auto_title(subject: str, prop: str, scope: str | None) -> str:
    return f"{subject}: {prop}" + (f" ({scope})" if scope else "")


def _curated_group(curated: CuratedConflict, claims: list[Claim], max_pairs: int) -> ConflictGroup:
    """A curated entry no detected group holds: its claims paired as the curator says, kind inferred."""
    head, kinds = claims[0], {partition(claim)[0] for claim in claims}
    pairs = []
    for a, b in list(combinations(claims, 2))[:max_pairs]:
        first, second = sorted((a.id, b.id))
        reason = f"curated; by value: {compare_claims(a, b).value}"
        pairs.append(PairFinding(first, second, Relation.conflict, reason))
    return ConflictGroup(
        id=curated.id, title=curated.title or auto_title(head.subject, head.property, head.scope),
        subject=head.subject, property=head.property, scope=head.scope,
        kind=curated.kind if curated.kind != "other" or len(kinds) != 1 else kinds.pop(),
        claims=tuple(claim.id for claim in sorted(claims, key=_order_key)), pairs=tuple(pairs),
        status=curated.status, note=curated.note, detected=False, curated=True,
    )  # fmt: skip


def _curated_kind(curated: CuratedConflict, detected: ConflictGroup) -> str:
    """The curator's kind where it says more than "other" (a `revision`), else the detected one."""
    return curated.kind if curated.kind != "other" else detected.kind


def _curate(
    detected: ConflictGroup, curated: CuratedConflict, joined: list[Claim], max_pairs: int
) -> list[ConflictGroup]:
    """A detected group with the curated entry attached to it: the entry covers the contradictions
    among its own claims only. A claim it does not name that contradicts others (a source added
    later, say) stays in a detected group of its own, open: an `explained` note does not absorb it."""
    covered = set(curated.claims)
    new = [claim_id for claim_id in detected.claims if claim_id not in covered]
    if not new:  # every claim in conflict is the curator's: the entry annotates the whole group
        ordered = tuple(claim.id for claim in sorted(joined, key=_order_key))
        return [replace(detected, id=curated.id, title=curated.title or detected.title, claims=ordered,
                        kind=_curated_kind(curated, detected), status=curated.status, note=curated.note,
                        curated=True)]  # fmt: skip
    inside = tuple(p for p in detected.pairs if p.first in covered and p.second in covered)
    outside = tuple(p for p in detected.pairs if p not in inside)
    involved = set(new) | {end for p in outside for end in (p.first, p.second)}
    still_open = replace(detected, claims=tuple(i for i in detected.claims if i in involved), pairs=outside)
    own = [claim for claim in joined if claim.id in covered]
    if not inside:  # detection finds no contradiction among the curator's claims: as the curator says
        return [_curated_group(curated, own, max_pairs), still_open]
    ordered = tuple(claim.id for claim in sorted(own, key=_order_key))
    mine = replace(detected, id=curated.id, title=curated.title or detected.title, claims=ordered,
                   pairs=inside, kind=_curated_kind(curated, detected), status=curated.status,
                   note=curated.note, curated=True)  # fmt: skip
    return [mine, still_open]


def detect_conflicts(story: StoryFile, *, max_pairs: int = MAX_PAIRS) -> list[ConflictGroup]:
    """Every disagreement in a story, detected and curated, sorted by (subject, property, scope, id).

    Deprecated claims are skipped. A group needs a conflict: revisions alone (a source updating
    itself) make no group, but are listed after the conflicts of a group that has some.
    A curated entry attaches to the detected group sharing most of its claims (ties: the first group
    in sorted order; entries taken in id order, one per group) and adds its claims to that group; it
    covers the contradictions among its own claims only, and any other claim in conflict is left in
    an open detected group beside it. An entry that attaches nowhere is a group of its own, its
    claims paired with reason "curated".
    `max_pairs` caps the pairs listed per group.
    """
    with gc_paused():  # tens of thousands of new objects, none in cycles (as while loading)
        return _detect_conflicts(story, max_pairs)


def _detect_conflicts(story: StoryFile, max_pairs: int) -> list[ConflictGroup]:
    claims = story.claims
    drafts = _detect(SweepContext(claims, max_pairs))
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
        pairs = _merge_pairs(draft.pairs, max_pairs)
        detected = ConflictGroup(
            id="-".join(["auto", *[part for part in key if part]]),
            title=auto_title(key[0], key[1], draft.scope),
            subject=key[0], property=key[1], scope=draft.scope,
            kind=draft.kinds[0] if len(set(draft.kinds)) == 1 else "other",
            claims=tuple(ids[key]), pairs=pairs, status=ConflictStatus.open, note=None, detected=True,
            curated=False,
        )  # fmt: skip
        if curated is None:
            groups.append(detected)
            continue
        extra = [by_id[i] for i in dict.fromkeys(curated.claims) if i in by_id and i not in members[key]]
        joined = [claims[item[3]] for item in draft.items] + extra
        groups += _curate(detected, curated, joined, max_pairs)
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
