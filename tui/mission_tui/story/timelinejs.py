"""TimelineJS JSON: one slide per dated event, the story on the title slide, disputed spans as eras.

Checked in TimelineJS 3.9 (npm @knight-lab/timelinejs) in headless Chromium; what it taught is kept
here and in tests/test_export.py:
- it refuses a configuration with no events ("Timeline configuration has no events"), title or not,
  so a story with no dated event is refused here (`NoDatedEvents`) rather than written;
- it turns anything that looks like a URL in a slide's text into a live link unless the slide says
  `autolink: false`: every slide, the title's included, says so, since story text is untrusted;
- `text` fields are HTML: story text is escaped, control characters stripped;
- eras (start_date, end_date, headline) draw a band over the time axis: a date conflict's band spans
  its claims' dates, headed "Disputed: ...".
Each slide shows its event's claims: the outlet, the source's phrase, the value in words and the
verbatim quote, and a "Disputed" line when the claim takes part in a conflict.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .brief import events_in_order
from .dates import DateSpan, parse_date
from .models import Claim, DateValue, Event, StoryFile
from .sanitize import clean_line, clean_text
from .words import date_words, describe_value

if TYPE_CHECKING:
    from .conflicts import ConflictGroup


class NoDatedEvents(ValueError):
    """TimelineJS shows nothing without a dated event: there is no honest file to write."""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _html(text: str) -> str:
    """Story text as HTML paragraphs (TimelineJS renders `text` fields as HTML)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", clean_text(text)) if p.strip()]
    return "".join(f"<p>{_esc(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _cut(day: date, precision: str) -> dict[str, int]:
    cut = {"year": day.year}
    if precision in ("month", "day"):
        cut["month"] = day.month
    if precision == "day":
        cut["day"] = day.day
    return cut


def _kept(span: DateSpan) -> str:
    """How much of a bound to keep: the date's own precision (a season keeps months)."""
    return {"day": "day", "month": "month", "year": "year"}.get(span.precision, "month")


def _placeable(when: str) -> bool:
    """A date TimelineJS can place honestly: not one whose year is not given (XXXX-09-27)."""
    return not any(part.startswith("XXXX") or part.startswith("?XXXX") for part in when.split("/"))


def timeline_dates(when: str) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """TimelineJS (start_date, end_date) for an EDTF date: bounds cut to the date's own precision.

    An interval open at one end ("../2026-12") is placed at its known end; its display date says "by".
    """
    span = parse_date(when)
    if span.precision == "interval":
        left, _, right = when.partition("/")
        first = parse_date(left) if left not in ("", "..") else None
        last = parse_date(right) if right not in ("", "..") else None
        start = _cut(first.lower, _kept(first)) if first and first.lower else None
        end = _cut(last.upper, _kept(last)) if last and last.upper else None
        return (end, None) if start is None else (start, end)
    if span.lower is None or span.upper is None:
        return None, None
    start, end = _cut(span.lower, _kept(span)), _cut(span.upper, _kept(span))
    return start, (end if end != start else None)


def _disputes(conflicts: Sequence[ConflictGroup]) -> dict[str, list[ConflictGroup]]:
    """The conflicts each claim takes part in, by claim id."""
    found: dict[str, list[ConflictGroup]] = {}
    for group in conflicts:
        for claim_id in group.claims:
            found.setdefault(claim_id, []).append(group)
    return found


def _claim_html(claim: Claim, outlets: dict[str, str], disputes: dict[str, list[ConflictGroup]]) -> str:
    outlet = outlets.get(claim.source, claim.source)
    said = (
        f"<p><strong>{_esc(clean_line(outlet))}</strong>: “{_esc(clean_line(claim.phrase))}” → "
        f"<em>{_esc(clean_line(describe_value(claim)))}</em></p>"
        f"<blockquote>{_esc(clean_line(claim.quote))}</blockquote>"
    )
    for group in disputes.get(claim.id, []):
        said += f"<p>Disputed: {_esc(clean_line(group.title))} ({group.status.value}).</p>"
    return said


def _slide(
    event: Event, claims: dict[str, Claim], outlets: dict[str, str], disputes: dict[str, list[ConflictGroup]]
) -> dict[str, Any] | None:
    start, end = timeline_dates(event.when or "")
    if start is None:
        return None
    body = _html(event.text)
    if event.sources:
        body += _html("Sources: " + ", ".join(outlets.get(s, s) for s in event.sources))
    if event.inference:
        body += _html(f"Inferred: {event.inference}")
    body += "".join(_claim_html(claims[c], outlets, disputes) for c in event.claims if c in claims)
    slide: dict[str, Any] = {
        "start_date": start,
        "display_date": _esc(date_words(event.when, inferred=event.inference is not None)),
        "text": {"headline": _esc(clean_line(event.title)), "text": body},
        "group": event.status.value,
        "unique_id": event.id,
        "autolink": False,
    }
    if end is not None:
        slide["end_date"] = end
    return slide


def _era(group: ConflictGroup, claims: dict[str, Claim]) -> dict[str, Any] | None:
    """The span a date conflict covers, from the earliest to the latest day its claims allow."""
    values = [claim.value for i in group.claims if (claim := claims.get(i)) is not None]
    spans = [parse_date(v.date) for v in values if isinstance(v, DateValue) and _placeable(v.date)]
    days = [day for span in spans for day in (span.lower, span.upper) if day is not None]
    if len(days) < 2 or min(days) == max(days):
        return None
    return {
        "start_date": _cut(min(days), "day"),
        "end_date": _cut(max(days), "day"),
        "text": {"headline": _esc(f"Disputed: {clean_line(group.title)} ({group.status.value})")},
    }


def _title_text(story: StoryFile, conflicts: Sequence[ConflictGroup], not_placed: list[Event],
                claims: dict[str, Claim], outlets: dict[str, str]) -> str:  # fmt: skip
    head = story.story
    text = _html(head.summary) + _html(f"As of {date_words(head.as_of, inferred=bool(head.note))}.")
    if conflicts:
        items = []
        for group in conflicts:
            said = "; ".join(
                f"{outlets.get(c.source, c.source)} “{clean_line(c.phrase)}” ({describe_value(c)})"
                for i in group.claims if (c := claims.get(i)) is not None
            )  # fmt: skip
            items.append(f"<li><strong>{_esc(clean_line(group.title))}</strong> ({group.status.value}): "
                         f"{_esc(clean_line(said))}</li>")  # fmt: skip
        text += f"<p>Where the sources disagree:</p><ul>{''.join(items)}</ul>"
    if not_placed:
        items = [f"<li>{_esc(clean_line(e.title))}: {_esc(date_words(e.when))} ({e.status.value})</li>"
                 for e in not_placed]  # fmt: skip
        text += f"<p>Not on this timeline (no date it can be placed at):</p><ul>{''.join(items)}</ul>"
    return text


def to_timelinejs(story: StoryFile, conflicts: Sequence[ConflictGroup] = ()) -> dict[str, Any]:
    """TimelineJS JSON. Events without a placeable date are listed on the title slide, not dropped.

    Raises NoDatedEvents if no event can be placed: TimelineJS refuses a timeline with no events.
    """
    outlets = {source.id: source.outlet for source in story.sources}
    claims = {claim.id: claim for claim in story.claims}
    disputes = _disputes(conflicts)
    dated, undated = events_in_order(story)
    events, not_placed = [], list(undated)
    for event in dated:
        slide = _slide(event, claims, outlets, disputes) if _placeable(event.when or "") else None
        if slide is None:
            not_placed.append(event)
        else:
            events.append(slide)
    if not events:
        raise NoDatedEvents(
            "TimelineJS needs at least one dated event, and this story has none it can place "
            f"({len(story.events)} event{'s' if len(story.events) != 1 else ''}); "
            "export -f markdown or -f json instead"
        )
    eras = [era for group in conflicts if (era := _era(group, claims)) is not None]
    timeline: dict[str, Any] = {
        "title": {
            "text": {
                "headline": _esc(clean_line(story.story.title)),
                "text": _title_text(story, conflicts, not_placed, claims, outlets),
            },
            "autolink": False,
        },
        "events": events,
    }
    if eras:
        timeline["eras"] = eras
    return timeline
