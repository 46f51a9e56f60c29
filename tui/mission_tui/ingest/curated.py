"""Conflicts the ingest adds itself, as curated `[[conflicts]]` entries, where detection cannot see them.

Why here and not in the detector: both rest on the text, not on the values alone. A revision is what
the text signals ("up from", "instead of", "originally planned for"): the earlier value is deprecated,
so the detector skips it, and the change would go unseen. And a digest prints most dates without a
year ("until the end of August"): EDTF `XXXX-08` may be any year, so the detector rightly finds no
contradiction between "the end of August" and "the end of September", while every reader of one
digest reads them in the same year. Both are marked open and say why they were added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..story.claim_values import date_range
from ..story.dates import EdtfError
from ..story.models import Bound
from .claims import ClaimDraft, topic_title
from .subjects import Ids, slug

_Key = tuple[str, str, "str | None"]
_PLACEHOLDER_YEAR = "2000"  # a leap year: "XXXX-02-29" read in it stays a real day


def shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _unique(claims: list[ClaimDraft]) -> list[ClaimDraft]:
    """Each claim once, in order (claims are mutable records: compared by identity)."""
    return list({id(c): c for c in claims}.values())


@dataclass
class _Revision:
    members: list[ClaimDraft]
    signal: str
    quote: str
    where: str


def ingest_conflicts(
    claims: list[ClaimDraft], outlets: dict[str, str], warnings: list[str]
) -> list[dict[str, Any]]:
    """The revisions the text signals (one per subject, property and scope, however many sentences
    say it) and the yearless dates that disagree when read in the same year."""
    ids = Ids()
    by_key: dict[_Key, list[_Revision]] = defaultdict(list)
    for revision in _revisions(claims, outlets, warnings):
        by_key[revision.members[-1].key].append(revision)
    conflicts = [_revision_table(group, ids) for group in by_key.values()]
    return conflicts + _yearless_conflicts(claims, outlets, ids)


def _revision_table(group: list[_Revision], ids: Ids) -> dict[str, Any]:
    members = _unique([c for revision in group for c in revision.members])
    head = group[0].members[-1]
    said = list(dict.fromkeys(f"{r.where} signals a change (“{r.signal}”): “{r.quote}”." for r in group))
    return {
        "id": ids.take(slug(f"revision-{head.subject}-{head.property}")),
        "claims": [c.id for c in members],
        "kind": "revision",
        "status": "open",
        "title": shorten(f"{topic_title(head)}: {head.property.replace('-', ' ')} changed?", 120),
        "note": " ".join(said) + " Added automatically as a revision to review: the draft does not decide "
        "which value holds.",
    }


def _revisions(claims: list[ClaimDraft], outlets: dict[str, str], warnings: list[str]) -> list[_Revision]:
    """Where the text says a value changed ("instead of", "up from"): an earlier value with the one it
    was revised to; else a clause's values for the same thing; else a clause's one value with the
    same source's other values for that thing."""
    found: list[_Revision] = []
    paired: set[int] = set()
    for claim in claims:
        if claim.revised_to is not None:
            later = claim.revised_to
            paired |= {id(claim), id(later)}
            signal = claim.signal or later.signal or "an earlier value"
            quote = claim.quote if claim.quote == later.quote else f"{later.quote}, {claim.quote}"
            found.append(_Revision([claim, later], signal, quote, outlets[claim.unit.source]))
    by_sentence: dict[tuple[int, str, _Key], list[ClaimDraft]] = defaultdict(list)
    for claim in claims:
        if claim.signal and id(claim) not in paired:
            by_sentence[(id(claim.unit), claim.sentence, claim.key)].append(claim)
    by_key: dict[_Key, list[ClaimDraft]] = defaultdict(list)
    for claim in claims:
        by_key[claim.key].append(claim)
    settled = {id(c.unit) for c in claims if id(c) in paired}  # units whose change is already paired
    unpaired: dict[tuple[int, str], ClaimDraft] = {}
    for (unit, sentence, key), group in by_sentence.items():
        head = group[0]
        resolved = [c for c in by_key[key] if "text" not in c.value]  # not "relative date, not resolved"
        others = [c for c in resolved if c not in group and c.value != head.value]
        same_source = [c for c in others if c.unit.source == head.unit.source]
        members = group if len(group) > 1 else group + (same_source or others)
        # Other statements of the value it changed to belong with it (a headline saying the same):
        # a curated conflict covers only its own claims, so one left out would stay an open conflict.
        members += [c for c in by_key[key] if c not in members and c.value == head.value]
        if len(members) > 1:
            found.append(_Revision(members, head.signal or "", sentence, outlets[head.unit.source]))
            settled.add(unit)
        else:
            unpaired.setdefault((unit, sentence), head)
    for (unit, sentence), head in unpaired.items():
        if unit not in settled:
            warnings.append(f"{outlets[head.unit.source]} signals a change (“{head.signal}”) in "
                            f"“{shorten(sentence, 80)}”, but no other value for the same thing was found "
                            "to pair it with")  # fmt: skip
    return found


def _in_year(claim: ClaimDraft, year: str) -> tuple[float, float] | None:
    """The claim's date range with an unprinted year read as `year`."""
    try:
        return date_range(claim.value["date"].replace("XXXX", year), claim.bound or Bound.target)
    except EdtfError:
        return None


def _yearless_conflicts(claims: list[ClaimDraft], outlets: dict[str, str], ids: Ids) -> list[dict[str, Any]]:
    """Dates of the same thing that cannot both hold in one year, when at least one has no printed
    year: "until the end of September" and "until the end of August". Read in the year the group's
    other dates print (when they print one), else in any one year."""
    groups: dict[_Key, list[ClaimDraft]] = defaultdict(list)
    for claim in claims:
        if "date" in claim.value and not claim.earlier:
            groups[claim.key].append(claim)
    conflicts: list[dict[str, Any]] = []
    for group in groups.values():
        yearless = [c for c in group if c.value["date"].startswith("XXXX")]
        years = {c.value["date"][:4] for c in group if c.value["date"][:4].isdigit()}
        if not yearless or len(years) > 1:
            continue  # dates in two printed years: which one the others are in is not known
        year = next(iter(years), _PLACEHOLDER_YEAR)
        ranges = {id(c): _in_year(c, year) for c in group}
        pairs = [
            (a, b)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if (a in yearless or b in yearless)
            and (ra := ranges[id(a)]) is not None
            and (rb := ranges[id(b)]) is not None
            and (ra[1] < rb[0] or rb[1] < ra[0])
        ]
        if not pairs:
            continue
        members = _unique([c for pair in pairs for c in pair])
        head = members[0]
        said = "; ".join(f"“{c.phrase}” ({outlets[c.unit.source]})" for c in members)
        read = f"in {year}, the year the others print" if years else "in the same year"
        conflicts.append(
            {
                "id": ids.take(slug(f"yearless-{head.subject}-{head.property}")),
                "claims": [c.id for c in members],
                "kind": "date",
                "status": "open",
                "title": shorten(f"{topic_title(head)}: {head.property.replace('-', ' ')} differs", 120),
                "note": f"These dates are printed without a year: {said}. Read {read}, they cannot all "
                "hold. Added automatically, since the detector compares no dates whose year is not given: "
                "check that they are in the same year before relying on it.",
            }
        )
    return conflicts
