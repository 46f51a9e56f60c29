"""The Markdown brief: a story as a person reads it, rendered by any CommonMark or GFM renderer.

Order: title, as-of date, summary, then the conflicts (what the sources disagree about, with each
claim's outlet, value in words and verbatim quote), key points, timeline and sources. Every labelled
line ("*Backed by:*", "*Inferred:*") is a paragraph of its own, so renderers do not run them into the
text above; a section with nothing in it is left out; dates are always in words.

Story text is untrusted and rendered literally: Markdown punctuation and HTML are escaped, and
whatever a GFM renderer would turn into a link (https://…, www.…, a bare domain, an e-mail address)
is broken with a backslash escape, which renders as the character itself. tests/test_export.py
checks the HTML that markdown-it renders in CommonMark and GFM-like modes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .claim_values import VERBS, Relation, claim_range, partition
from .dates import parse_date
from .models import Claim, Event, StoryFile
from .sanitize import clean_line, clean_text
from .words import date_words, describe_date, describe_value

if TYPE_CHECKING:
    from .conflicts import ConflictGroup, PairFinding

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_BLOCK_START = re.compile(r"^([#+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")
# What GFM (and linkify) would make a link of: a scheme's colon (https:, mailto:), www., an e-mail's
# @, and the dots of a bare domain (example.com). A backslash before each breaks the link.
_LINK_COLON = re.compile(r"(?<=[A-Za-z]):(?=\S)")
_LINK_AT = re.compile(r"(?<=\S)@(?=\S)")
_DOMAIN = re.compile(r"\b(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b")


def _unlink(line: str) -> str:
    line = _LINK_COLON.sub(r"\\:", line)
    line = _LINK_AT.sub(r"\\@", line)
    return _DOMAIN.sub(lambda m: m.group().replace(".", "\\."), line)


def _md_escape_line(line: str) -> str:
    """One line of story text as literal Markdown: no HTML, no emphasis/links, no block syntax."""
    line = line.lstrip()  # leading spaces could start an indented code block
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    line = _unlink(_MD_INLINE.sub(r"\\\1", line))
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


def _paragraph(lines: list[str], *more: list[str]) -> list[str]:
    """Blocks separated by blank lines: each its own paragraph (or quote), never a run-on line."""
    out = list(lines)
    for block in more:
        if block:
            out += ["", *block]
    return out


def _md_labeled(label: str, text: str, indent: str = "") -> list[str]:
    """Story text after an emphasised label, e.g. *Inferred:* — the label is ours, the text escaped."""
    lines = _md_block(text, indent)
    lines[0] = f"{indent}*{label}:* {lines[0][len(indent):]}"
    return lines


def _outlet(outlets: dict[str, str], source_id: str) -> str:
    return outlets.get(source_id, source_id)


def _md_claim(claim: Claim, outlets: dict[str, str]) -> list[str]:
    """A claim as a list item: its outlet, the source's phrase, the value in words, then the quote."""
    head = (
        f"- **{md_inline(_outlet(outlets, claim.source))}**: “{md_inline(claim.phrase)}” → "
        f"**{md_inline(describe_value(claim))}**"
    )
    extras = []
    if claim.as_of:
        extras.append(f"as of {describe_date(claim.as_of)}")
    if claim.anchor:
        extras.append(f"counted from {describe_date(claim.anchor)}")
    if claim.rank.value != "normal":
        extras.append(f"rank: {claim.rank.value}")
    return _paragraph(
        [head],
        [f"  {md_inline('; '.join(extras))}"] if extras else [],
        _md_block(claim.quote, "  ", "> "),
        _md_labeled("Inferred", claim.inference, "  ") if claim.inference else [],
        _md_labeled("Note", claim.note, "  ") if claim.note else [],
    )


def _md_pair(pair: PairFinding, claims: dict[str, Claim], outlets: dict[str, str]) -> str:
    """Why two claims disagree, each named by its outlet, phrase and value: '**A** “by September
    2025” (September 2025) ends before the start of **B** “by the end of 2026” (December 2026)'."""
    first, second = claims.get(pair.first), claims.get(pair.second)
    if first is None or second is None:
        return f"- {md_inline(pair.reason)}"

    def said(claim: Claim) -> str:
        outlet = md_inline(_outlet(outlets, claim.source))
        return f"**{outlet}** “{md_inline(claim.phrase)}” ({md_inline(describe_value(claim, quote_text=80))})"

    if pair.relation is Relation.revision:
        early, late = sorted((first, second), key=lambda c: parse_date(c.as_of or "").sort_key())
        when = [md_inline(describe_date(c.as_of)) if c.as_of else "" for c in (early, late)]
        return f"- {said(early)} as of {when[0]}, revised to “{md_inline(late.phrase)}” as of {when[1]}"
    if pair.reason.startswith("curated"):  # paired by a curator, not by comparing values
        by_value = md_inline(pair.reason.partition("by value: ")[2])
        return f"- {said(first)} and {said(second)}: paired by the curator (by value alone: {by_value})"
    low, high = first, second
    ranges = claim_range(first), claim_range(second)
    if ranges[0] is not None and ranges[1] is not None and ranges[1][0] < ranges[0][0]:
        low, high = second, first
    return f"- {said(low)} {VERBS[partition(low)[0]]} {said(high)}"


def _md_conflicts(story: StoryFile, conflicts: Sequence[ConflictGroup], outlets: dict[str, str]) -> list[str]:
    claims = {claim.id: claim for claim in story.claims}
    lines = ["## Conflicts", ""]
    if not conflicts:
        return [*lines, "No conflicting claims were found.", ""]
    for group in conflicts:
        origin = " and ".join(
            word for word, flag in (("detected", group.detected), ("curated", group.curated)) if flag
        )
        scope = f" (scope `{group.scope}`)" if group.scope else ""
        about = f"`{group.subject}` / `{group.property}`{scope}"
        status = f"Status: **{group.status.value}** · {md_inline(group.kind)} · {about}"
        members = [claims[claim_id] for claim_id in group.claims if claim_id in claims]
        block = _paragraph(
            [f"### {md_inline(group.title)}"],
            [status + (f" · {origin}" if origin else "")],
            ["*What each source says:*"],
            *[_md_claim(claim, outlets) for claim in members],
        )
        if group.pairs:
            pairs = [_md_pair(pair, claims, outlets) for pair in group.pairs]
            block = _paragraph(block, ["*Why they cannot all be right:*"], pairs)
        if group.note:
            block = _paragraph(block, _md_labeled("Curated note", group.note))
        lines += [*block, ""]
    return lines


def _md_key_points(story: StoryFile, outlets: dict[str, str]) -> list[str]:
    if not story.key_points:
        return []
    lines = ["## Key points", ""]
    for number, point in enumerate(sorted(story.key_points, key=lambda p: p.order), start=1):
        backing = [_outlet(outlets, s) for s in point.sources]
        if point.claims:
            backing.append(f"{len(point.claims)} claim{'s' if len(point.claims) != 1 else ''}")
        lines += _paragraph(
            [f"{number}. **{md_inline(point.title)}**"],
            _md_block(point.text, "   ") if point.text.strip() else [],
            [f"   *Backed by:* {md_inline(', '.join(backing))}"] if backing else [],
        )
        lines.append("")
    return lines


def events_in_order(story: StoryFile) -> tuple[list[Event], list[Event]]:
    """Dated events in date order (an open end at its known one), and the undated in file order."""
    dated = [event for event in story.events if event.when]
    undated = [event for event in story.events if not event.when]
    dated.sort(key=lambda event: parse_date(event.when or "").sort_key())
    return dated, undated


def _md_timeline(story: StoryFile, outlets: dict[str, str]) -> list[str]:
    if not story.events:
        return []
    lines = ["## Timeline", ""]
    dated, undated = events_in_order(story)
    for event in [*dated, *undated]:
        when = date_words(event.when, inferred=event.inference is not None)
        names = ", ".join(_outlet(outlets, s) for s in event.sources)
        lines += _paragraph(
            [f"- **{md_inline(when)}** — {md_inline(event.title)} *({event.status.value})*"],
            _md_block(event.text, "  ") if event.text.strip() else [],
            [f"  *Sources:* {md_inline(names)}"] if names else [],
            _md_labeled("Inferred", event.inference, "  ") if event.inference else [],
        )
        lines.append("")
    return lines


def _md_sources(story: StoryFile) -> list[str]:
    if not story.sources:
        return []
    lines = ["## Sources", ""]
    for source in story.sources:
        parts = [f"**{md_inline(source.outlet)}** ({source.kind.value})"]
        if source.headline:
            parts.append(f"“{md_inline(source.headline)}”")
        if source.published:
            parts.append(f"published {md_inline(describe_date(source.published))}")
        if source.url and not re.search(r"[<>\s]", source.url):
            parts.append(f"<{source.url}>")  # the one link in the brief: the source's own address
        lines += _paragraph(
            ["- " + ", ".join(parts)],
            _md_block(source.excerpt, "  ", "> ") if source.excerpt else [],
            *[_md_labeled(label, text, "  ") for label, text in (("Note", source.note),
                                                                 ("Inferred", source.inference)) if text],
        )  # fmt: skip
        lines.append("")
    return lines


def to_markdown(story: StoryFile, conflicts: Sequence[ConflictGroup]) -> str:
    """A readable brief: summary, conflicts with quotes, key points, timeline and sources."""
    outlets = {source.id: source.outlet for source in story.sources}
    head = story.story
    lines = [f"# {md_inline(head.title)}", "", f"*As of {md_inline(describe_date(head.as_of))}*", ""]
    if head.summary.strip():
        lines += [*_md_block(head.summary), ""]
    if head.note:
        lines += [*_md_block(head.note), ""]
    lines += _md_conflicts(story, conflicts, outlets)
    lines += _md_key_points(story, outlets)
    lines += _md_timeline(story, outlets)
    lines += _md_sources(story)
    return "\n".join(lines).rstrip("\n") + "\n"
