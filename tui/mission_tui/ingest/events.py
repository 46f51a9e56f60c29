"""Events from claims: one per distinct dated happening, with a status from the tense and the dates.

Why hand-written: an event here is a grouping of claims already extracted (same subject, property,
scope and date), so it needs no extraction of its own, only rules that say which claims merge and
how the status is decided; both are written into the event's `inference`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..story.dates import DateSpan, parse_date
from ..story.models import EventStatus
from .calendar_math import Anchor
from .claims import ClaimDraft, plural, topic_title
from .subjects import Ids, slug
from .text import Tense

_FIRMNESS = (EventStatus.occurred, EventStatus.scheduled, EventStatus.projected)
_PLANNED_WORDS = frozenset({"by", "until", "till", "through", "for"})
_YEAR = re.compile(r"(^|/)\d{4}\??")
_REPORTING = re.compile(
    r"^[^,;:]{0,60}?\b(?:said|says|told\s+\w+|announced|reported|warned)(?:\s+on\s+\w+day)?(?:\s+that)?\s+"
)
_STARTS = frozenset({"opening", "launch", "start", "rollout", "introduction", "inauguration"})
_SAID_END = re.compile(r"\b(?:said|says|told|reported)$")
_LEADING = re.compile(r"^(?i:(?:and|but|with|while|as|adding\s+that|and\s+said)\s+)+")
_DANGLING = re.compile(r"(?:[.…]+|\s+(?:and|or|but|on|in|at|by|evening|morning|afternoon|night))+$")
TITLE_LIMIT = 90


@dataclass(slots=True)
class ArticleInfo:
    """What an event needs to know of an article source."""

    id: str
    outlet: str
    headline: str | None
    published: str | None
    anchor: Anchor | None
    year_note: str | None


@dataclass(slots=True)
class EventDraft:
    id: str
    when: str
    title: str
    text: str
    status: EventStatus
    sources: list[str]
    claims: list[str]
    key_points: list[int] = field(default_factory=list)
    note: str | None = None
    inference: str = ""


def _contains(outer: DateSpan, inner: DateSpan) -> bool:
    if outer.unspecified or inner.unspecified or None in (outer.lower, outer.upper, inner.lower, inner.upper):
        return False
    return outer.lower <= inner.lower and inner.upper <= outer.upper and outer != inner  # type: ignore[operator]


def _merge_targets(dates: Sequence[str]) -> dict[str, str]:
    """A coarse date that holds exactly one finer date of the same happening joins it ('by 2026' and
    'by the end of 2026' are one planned end); a date that holds several stays apart."""
    spans = {d: parse_date(d) for d in dates}
    merged: dict[str, str] = {}
    for outer in dates:
        inside = [d for d in dates if d != outer and _contains(spans[outer], spans[d])]
        if len(inside) == 1:
            merged[outer] = inside[0]
    return {outer: target for outer, target in merged.items() if target not in merged}


_PLANNING = re.compile(
    r"(?i:\b(?:set|scheduled|planned|announced|called|agreed|decided|moved|fixed|ordered|declared)\b)"
)


def _order(value: str, anchor: Anchor) -> int:
    """-1, 0 or 1: a date before, around or after the source's date; dates whose year is not given
    on either side are compared within one year, as a reader of one digest does."""
    span, source_span = parse_date(value), parse_date(anchor.edtf)
    if anchor.year is None and value.startswith("XXXX"):
        key, source_key = value[5:10], f"{anchor.month:02d}-{anchor.day:02d}"
        return (key > source_key) - (key < source_key) if len(key) == 5 and key[2] == "-" else 0
    if span.upper and source_span.lower and span.upper < source_span.lower:
        return -1
    if span.lower and source_span.upper and span.lower > source_span.upper:
        return 1
    return 0


def claim_status(claim: ClaimDraft, anchors: dict[str, Anchor | None]) -> tuple[EventStatus, str]:
    """Occurred, scheduled or projected, by the verb first: hedged words ("expect", "could",
    "unlikely") project, a future tense schedules. A past verb of planning ("set the election for
    October 12", "announced strike action until March 27") or a date after the source's own
    schedules; any other past tense, or a date before the source's, occurred."""
    value = claim.value.get("date")
    anchor = anchors.get(claim.unit.source)
    order = _order(value, anchor) if value is not None and anchor is not None else 0
    source = "the source's date" if claim.unit.anchor is not None else "the latest dated article's"
    if claim.tense is Tense.projected:
        return EventStatus.projected, "the clause's hedged words (expect, could, likely...)"
    if claim.tense is Tense.future:
        return EventStatus.scheduled, "the clause's future tense"
    if claim.tense is Tense.past:
        planned = claim.bound_word in _PLANNED_WORDS and _PLANNING.search(claim.quote) is not None
        if order > 0 or planned:
            reason = f"its date is after {source}" if order > 0 else "a past verb of planning"
            return EventStatus.scheduled, reason
        return EventStatus.occurred, "the clause's past tense"
    if order < 0:
        return EventStatus.occurred, f"its date is before {source}"
    if order > 0:
        return EventStatus.scheduled, f"its date is after {source}"
    if claim.bound_word in _PLANNED_WORDS:
        return EventStatus.scheduled, f"'{claim.bound_word}' names a planned date"
    return EventStatus.occurred, "the clause's present tense"


def _title(claim: ClaimDraft) -> str:
    """A topic's end, start or happening ("Mission in Iraq ends", "Election in Kestria"); otherwise the
    clause (or, if the date is all of it, the sentence) without the date: "The measures will remain
    in place", "Norvik will eliminate 2,000 positions"."""
    topic = topic_title(claim)
    if claim.named and claim.subject in _STARTS and claim.property in ("start-date", "date"):
        words = topic  # "Opening", not "Opening begins"
    elif claim.named and claim.property == "end-date":
        words = f"{topic} end{'' if plural(claim) else 's'}"
    elif claim.named and claim.property == "start-date":
        words = f"{topic} begin{'' if plural(claim) else 's'}"
    elif claim.named and claim.property == "date":  # a happening: "Elections in Northland"
        words = topic
    else:
        words = _without(claim.quote, claim.phrase)
        if (len(words.split()) < 4 or _SAID_END.search(words)) and claim.context is not None:
            sentence = claim.unit.text[claim.context.start : claim.context.end]
            words = _without(sentence, claim.phrase)
    words = words[:1].upper() + words[1:]
    return words if len(words) <= TITLE_LIMIT else words[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _without(text: str, phrase: str) -> str:
    """`text` with `phrase` cut out, the punctuation left dangling trimmed, and a leading "Officials
    said (that)" dropped when a clause of its own follows."""
    cut = " ".join(text.replace(phrase, " ", 1).split())
    frame = _REPORTING.match(cut)
    if frame is not None and len(cut[frame.end() :].split()) >= 4:
        cut = cut[frame.end() :]
    cut = re.sub(r"\s+([,;:.])", r"\1", cut)
    cut = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", cut).strip(" ,;:—–-")
    cut = _LEADING.sub("", cut)
    return _DANGLING.sub("", cut).strip(" ,;:")


def _yearless_twins(dates: dict[str, list[ClaimDraft]]) -> dict[str, str]:
    """A date printed without a year joins the one dated statement of the same day or month
    ("October 12" with "12 October 2025"): one happening, whose year one source gives."""
    joined: dict[str, str] = {}
    for value in dates:
        if not value.startswith("XXXX"):
            continue
        twins = [d for d in dates if d[:4].isdigit() and _YEAR.sub(r"\1XXXX", d) == value]
        if len(twins) == 1:
            joined[value] = twins[0]
    return joined


def happening_events(
    claims: Sequence[ClaimDraft], outlets: dict[str, str], anchors: dict[str, Anchor | None]
) -> list[EventDraft]:
    """One event per subject, property, scope and date among the date claims (coarse dates merged)."""
    by_key: dict[tuple[str, str, str | None], dict[str, list[ClaimDraft]]] = defaultdict(dict)
    for claim in claims:
        if "date" in claim.value and not claim.earlier:
            by_key[claim.key].setdefault(claim.value["date"], []).append(claim)
    events: list[EventDraft] = []
    for key, dates in by_key.items():
        merged = _merge_targets([d for d in dates if not d.startswith("XXXX")])
        merged.update(_yearless_twins(dates))
        for outer, inner in merged.items():
            dates[inner] = dates[inner] + dates.pop(outer)
        for when, group in dates.items():
            statuses = [claim_status(c, anchors) for c in group]
            counts = Counter(status for status, _ in statuses)
            # the most common; of equally common, the firmer (a source that states it outweighs a hedge)
            status, reason = min(statuses, key=lambda s: (-counts[s[0]], _FIRMNESS.index(s[0])))
            joined = [w for w, target in merged.items() if target == when]
            merge_note = "".join(
                f"; '{w}' is the same {'day' if len(w) > 7 else 'month'} with no year given"
                if w.startswith("XXXX")
                else f"; '{w}' is held within it and counted as the same"
                for w in joined
            )
            events.append(
                EventDraft(
                    id=slug(
                        "-".join(p for p in (key[0], key[2] or "", key[1].removesuffix("-date"), when) if p)
                    ),
                    when=when,
                    title=min((_title(c) for c in group), key=len),
                    text="\n".join(f"{outlets[c.unit.source]}: “{c.quote}”" for c in group),
                    status=status,
                    sources=list(dict.fromkeys(c.unit.source for c in group)),
                    claims=[c.id for c in group],
                    key_points=list(
                        dict.fromkeys(c.unit.key_point for c in group if c.unit.key_point is not None)
                    ),
                    inference=f"Extracted automatically: one event for the claims that give {key[0]} {key[1]}"
                    f"{' (' + key[2] + ')' if key[2] else ''} as {when}{merge_note}; status {status.value} "
                    f"from {reason}"
                    + (f" ({len(group)} claims; the most common status)" if len(group) > 1 else "")
                    + ".",
                )
            )
    return events


def publication_events(articles: Sequence[ArticleInfo], claims: Sequence[ClaimDraft]) -> list[EventDraft]:
    """One event per date on which the digest's articles appeared."""
    by_date: dict[str, list[ArticleInfo]] = defaultdict(list)
    for article in articles:
        if article.published:
            by_date[article.published].append(article)
    by_source: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        by_source[claim.unit.source].append(claim.id)
    events = []
    for when, group in by_date.items():
        outlets = [a.outlet for a in group]
        names = outlets[0] if len(outlets) == 1 else ", ".join(outlets[:-1]) + " and " + outlets[-1]
        title = f"{names} report{'s' if len(group) == 1 else ''}"
        if len(title) > TITLE_LIMIT:
            title = f"{len(group)} articles appear"
        notes = sorted({a.year_note for a in group if a.year_note})
        events.append(
            EventDraft(
                id=slug(f"published-{when}"),
                when=when,
                title=title,
                text="\n".join(f"{a.outlet}: “{a.headline}”" for a in group if a.headline),
                status=EventStatus.occurred,
                sources=[a.id for a in group],
                claims=[claim for a in group for claim in by_source[a.id]],
                note=" ".join(notes) or None,
                inference="Extracted automatically: the date printed on the digest's line for "
                + ("this article." if len(group) == 1 else f"these {len(group)} articles."),
            )
        )
    return events


def ordered(events: list[EventDraft]) -> list[EventDraft]:
    """Date order (EDTF bounds), ids unique."""
    events.sort(key=lambda e: (parse_date(e.when).sort_key(), e.id))
    ids = Ids()
    for event in events:
        event.id = ids.take(event.id)
    return events


def event_table(event: EventDraft, key_point_ids: list[str]) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": event.id,
        "when": event.when,
        "title": event.title,
        "text": event.text,
        "status": event.status.value,
        "sources": event.sources,
    }
    if event.key_points:
        table["key_points"] = [key_point_ids[i] for i in event.key_points]
    table["claims"] = event.claims
    if event.note:
        table["note"] = event.note
    table["inference"] = event.inference
    return table
