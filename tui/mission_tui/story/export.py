"""Exports: the validated story as JSON, a readable Markdown brief, and TimelineJS JSON.

Story text is untrusted. JSON escapes it (control and bidi characters become \\u escapes, so the bytes
are safe on a terminal and still round-trip); Markdown and TimelineJS are rendered formats, so story
text there is stripped of control characters and escaped (Markdown punctuation, HTML) so a story
cannot inject headings, links or raw HTML into the brief or the timeline page.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import DateSpan, EdtfError, describe_date, parse_date
from .models import Bound, Claim, DateValue, Event, QuantityValue, StoryFile
from .sanitize import clean_line, clean_text

if TYPE_CHECKING:
    from .conflicts import ConflictGroup

FORMATS = ("json", "markdown", "timelinejs")

# ---------------------------------------------------------------- JSON

# Characters that are valid in JSON strings but unsafe to print raw: DEL, C1 controls, bidi marks.
# json.dumps already escapes C0; these only ever occur inside strings, so \u-escaping them is lossless.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def dumps_json(data: Any) -> str:
    """Indented UTF-8 JSON whose text is safe to print on a terminal, ending with a newline."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)  # NaN is not JSON
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_json(story: StoryFile) -> str:
    """The validated model as JSON; `StoryFile.model_validate_json` reads it back to an equal model."""
    return dumps_json(story.model_dump(mode="json", exclude_none=True))


# ---------------------------------------------------------------- words shared by the formats


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def describe_value(claim: Claim) -> str:
    """A claim's value in words: the date with its bound, the quantity with its range, or the text."""
    value = claim.value
    if isinstance(value, DateValue):
        words = describe_date(value.date)
        if claim.bound is Bound.not_after:
            return f"no later than {words}"
        if claim.bound is Bound.not_before:
            return f"no earlier than {words}"
        return words
    if isinstance(value, QuantityValue):
        low, high = value.low, value.high
        if value.amount is not None:
            words = _number(value.amount)
            if low is not None or high is not None:
                words += f" (range {_number(low) if low is not None else '…'}"
                words += f"–{_number(high) if high is not None else '…'})"
        elif low is not None and high is not None:
            words = f"{_number(low)}–{_number(high)}"
        elif low is not None:
            words = f"at least {_number(low)}"
        else:
            words = f"at most {_number(high)}" if high is not None else "?"
        return f"{'about ' if value.approximate else ''}{words} {value.unit}"
    return value.text


def _sorted_events(story: StoryFile) -> tuple[list[Event], list[Event]]:
    """Dated events in date order, and undated ones in file order."""
    dated = [event for event in story.events if event.when]
    undated = [event for event in story.events if not event.when]
    dated.sort(key=lambda event: parse_date(event.when or "").sort_key())
    return dated, undated


# ---------------------------------------------------------------- Markdown

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_BLOCK_START = re.compile(r"^([#+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def _md_escape_line(line: str) -> str:
    """One line of story text as literal Markdown: no HTML, no emphasis/links, no block syntax."""
    line = line.lstrip()  # leading spaces could start an indented code block
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _MD_INLINE.sub(r"\\\1", line)
    line = _MD_BLOCK_START.sub(r"\\\1", line)
    return _MD_ORDERED.sub(r"\1\\\2", line)


def md_inline(text: str) -> str:
    """Story text for a heading or list line: one line, escaped."""
    return _md_escape_line(clean_line(text))


def _md_block(text: str, indent: str = "", prefix: str = "") -> list[str]:
    """Multi-line story text, each line escaped and indented (blank lines kept as paragraph breaks)."""
    out: list[str] = []
    for raw in clean_text(text).strip("\n").split("\n"):
        line = _md_escape_line(raw)
        out.append(f"{indent}{prefix}{line}".rstrip() if line else f"{indent}{prefix}".rstrip())
    return out


def _md_labeled(label: str, text: str, indent: str = "") -> list[str]:
    """Story text after an emphasised label, e.g. *Inferred:* — the label is ours, the text escaped."""
    lines = _md_block(text, indent)
    lines[0] = f"{indent}*{label}:* {lines[0][len(indent):]}"
    return lines


def _md_claim(claim: Claim, outlets: dict[str, str], indent: str) -> list[str]:
    source = outlets.get(claim.source, claim.source)
    head = (
        f"{indent}- “{md_inline(claim.phrase)}” → **{md_inline(describe_value(claim))}**"
        f" — {md_inline(source)} (`{claim.id}`)"
    )
    lines = [head]
    sub = indent + "  "
    extras = []
    if claim.as_of:
        extras.append(f"as of {describe_date(claim.as_of)}")
    if claim.anchor:
        extras.append(f"counted from {describe_date(claim.anchor)}")
    if claim.rank.value != "normal":
        extras.append(f"rank: {claim.rank.value}")
    if extras:
        lines.append(f"{sub}{md_inline('; '.join(extras))}")
    lines.append("")
    lines.extend(_md_block(claim.quote, sub, "> "))
    if claim.inference:
        lines.append("")
        lines.extend(_md_labeled("Inferred", claim.inference, sub))
    if claim.note:
        lines.append("")
        lines.extend(_md_labeled("Note", claim.note, sub))
    return lines


def _md_conflicts(story: StoryFile, conflicts: list[ConflictGroup], outlets: dict[str, str]) -> list[str]:
    claims = {claim.id: claim for claim in story.claims}
    lines = ["## Conflicts", ""]
    if not conflicts:
        return [*lines, "No conflicting claims were found.", ""]
    for group in conflicts:
        scope = f" (scope `{group.scope}`)" if group.scope else ""
        origin = " and ".join(
            word for word, flag in (("detected", group.detected), ("curated", group.curated)) if flag
        )
        lines += [f"### {md_inline(group.title)}", ""]
        lines.append(
            f"Status: **{group.status.value}** · kind: {md_inline(group.kind)} · "
            f"`{group.subject}` / `{group.property}`{scope}" + (f" · {origin}" if origin else "")
        )
        lines.append("")
        for claim_id in group.claims:
            claim = claims.get(claim_id)
            if claim is not None:
                lines.extend(_md_claim(claim, outlets, ""))
        lines.append("")
        for pair in group.pairs:
            relation = f"{pair.relation.value}: `{pair.first}` vs `{pair.second}`"
            lines.append(f"- {relation} — {md_inline(pair.reason)}")
        if group.pairs:
            lines.append("")
        if group.note:
            lines.extend(_md_labeled("Curated note", group.note))
            lines.append("")
    return lines


def to_markdown(story: StoryFile, conflicts: list[ConflictGroup]) -> str:
    """A readable brief: summary, key points, timeline, sources and conflicting claims with quotes."""
    outlets = {source.id: source.outlet for source in story.sources}
    head = story.story
    lines = [f"# {md_inline(head.title)}", "", f"*As of {describe_date(head.as_of)}*", ""]
    lines += [*_md_block(head.summary), ""]
    if head.note:
        lines += [*_md_block(head.note), ""]

    lines += ["## Key points", ""]
    for number, point in enumerate(sorted(story.key_points, key=lambda p: p.order), start=1):
        lines.append(f"{number}. **{md_inline(point.title)}**")
        lines += _md_block(point.text, "   ")
        backing = [outlets.get(s, s) for s in point.sources]
        if point.claims:
            backing.append(f"{len(point.claims)} claim{'s' if len(point.claims) != 1 else ''}")
        if backing:
            lines.append(f"   *Backed by:* {md_inline(', '.join(backing))}")
        lines.append("")

    lines += ["## Timeline", ""]
    dated, undated = _sorted_events(story)
    for event in [*dated, *undated]:
        when = describe_date(event.when) if event.when else "date not given"
        lines.append(f"- **{md_inline(when)}** — {md_inline(event.title)} *({event.status.value})*")
        if event.text:
            lines += _md_block(event.text, "  ")
        if event.sources:
            names = ", ".join(outlets.get(s, s) for s in event.sources)
            lines.append(f"  *Sources:* {md_inline(names)}")
        if event.inference:
            lines += _md_labeled("Inferred", event.inference, "  ")
        lines.append("")

    lines += ["## Sources", ""]
    for source in story.sources:
        parts = [f"**{md_inline(source.outlet)}** ({source.kind.value})"]
        if source.headline:
            parts.append(f"“{md_inline(source.headline)}”")
        if source.published:
            parts.append(f"published {describe_date(source.published)}")
        if source.url and not re.search(r"[<>\s]", source.url):
            parts.append(f"<{source.url}>")
        lines.append("- " + ", ".join(parts))
        if source.excerpt:
            lines += ["", *_md_block(source.excerpt, "  ", "> ")]
        for label, text in (("Note", source.note), ("Inferred", source.inference)):
            if text:
                lines += ["", *_md_labeled(label, text, "  ")]
        lines.append("")

    lines += _md_conflicts(story, conflicts, outlets)
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- TimelineJS


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _html(text: str) -> str:
    """Story text as HTML paragraphs (TimelineJS renders `text` fields as HTML)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", clean_text(text)) if p.strip()]
    return "".join(f"<p>{_esc(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _side_precision(span: DateSpan, text: str) -> str:
    """How much of a date to keep: day, month or year (seasons keep months, X-dates cut at the X)."""
    if span.precision in ("day", "month", "year"):
        return span.precision
    if span.precision == "season":
        return "month"
    core = re.sub(r"[?~%]", "", text)
    parts = core.split("-")
    if len(parts) >= 3 and "X" not in parts[2] and "X" not in parts[1]:
        return "day"
    if len(parts) >= 2 and "X" not in parts[1] and "X" not in parts[0]:
        return "month"
    return "year"


def _cut(day: date, precision: str) -> dict[str, int]:
    cut = {"year": day.year}
    if precision in ("month", "day"):
        cut["month"] = day.month
    if precision == "day":
        cut["day"] = day.day
    return cut


def timeline_dates(when: str) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """TimelineJS (start_date, end_date) for an EDTF date: bounds cut to the date's own precision.

    An open-start interval ("../2026-12") is placed at its known end; its display date says "until".
    """
    span = parse_date(when)
    if span.precision == "interval":
        left, _, right = when.partition("/")
        start = end = None
        try:
            if left not in ("", "..") and (lspan := parse_date(left)).lower:
                start = _cut(lspan.lower, _side_precision(lspan, left))
            if right not in ("", "..") and (rspan := parse_date(right)).upper:
                end = _cut(rspan.upper, _side_precision(rspan, right))
        except EdtfError:
            return (_cut(span.lower, "day") if span.lower else None), (
                _cut(span.upper, "day") if span.upper else None
            )
        if start is None:
            return end, None
        return start, end
    if span.lower is None:
        return None, None
    precision = _side_precision(span, when)
    start = _cut(span.lower, precision)
    end = _cut(span.upper, precision) if span.upper else None
    return start, (end if end != start else None)


def to_timelinejs(story: StoryFile) -> dict[str, Any]:
    """TimelineJS JSON. Events without a usable date are listed on the title slide, not dropped."""
    outlets = {source.id: source.outlet for source in story.sources}
    dated, undated = _sorted_events(story)
    events: list[dict[str, Any]] = []
    for event in dated:
        start, end = timeline_dates(event.when or "")
        if start is None:
            undated.append(event)
            continue
        body = _html(event.text)
        if event.sources:
            body += _html("Sources: " + ", ".join(outlets.get(s, s) for s in event.sources))
        if event.inference:
            body += _html(f"Inferred: {event.inference}")
        slide: dict[str, Any] = {
            "start_date": start,
            "display_date": _esc(describe_date(event.when or "")),
            "text": {"headline": _esc(clean_line(event.title)), "text": body},
            "group": event.status.value,
            "unique_id": event.id,
        }
        if end is not None:
            slide["end_date"] = end
        events.append(slide)
    head = story.story
    title_text = _html(head.summary) + _html(f"As of {describe_date(head.as_of)}.")
    if undated:
        items = "".join(
            f"<li>{_esc(clean_line(e.title))} ({e.status.value})</li>" for e in undated
        )
        title_text += f"<p>Not on this timeline (date not given):</p><ul>{items}</ul>"
    return {
        "title": {"text": {"headline": _esc(clean_line(head.title)), "text": title_text}},
        "events": events,
    }
