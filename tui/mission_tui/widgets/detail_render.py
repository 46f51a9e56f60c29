"""The detail view's text for each kind of item, as Content (story text is data: sanitized, no markup)."""

from __future__ import annotations

from textual.content import Content

from ..story.compare import about_words
from ..story.date_words import TIMING_GLYPHS, Timing, date_words, day_words, precision_words
from ..story.export import describe_value
from ..story.index import StoryIndex
from ..story.models import Claim
from ..story.sanitize import clean_line, clean_text
from ..story.words import count_words, join_words

_LABEL_STYLE = "bold $text-muted"
_LISTED_SOURCES = 50  # an event's sources listed with their quotes, the related list all (200: 16 ms a wrap)


def title(text: str) -> Content:
    return Content.styled(clean_line(text), "bold $accent")


def heading(text: str) -> Content:
    return Content.styled(text, "bold underline")


def field(label: str, value: str | Content, *, multiline: bool = False) -> Content:
    body = (
        value
        if isinstance(value, Content)
        else Content(clean_text(value) if multiline else clean_line(value))
    )
    return Content.assemble((f"{label}: ", _LABEL_STYLE), body)


def quote(text: str) -> Content:
    return Content.assemble(
        ("“", "$text-muted"), Content.styled(clean_text(text), "italic"), ("”", "$text-muted")
    )


def paragraph(text: str) -> Content:
    return Content(clean_text(text).strip())


def _join(blocks: list[Content | None]) -> Content:
    return Content("\n").join(block for block in blocks if block is not None)


def unverified_line(index: StoryIndex, claim_id: str) -> Content | None:
    """'⚠ Not verified: not found in the source's excerpt, headline or document …', or None."""
    problem = index.unverified.get(claim_id)
    if problem is None:
        return None
    return Content.assemble(("⚠ Not verified: ", "bold $text-error"), Content(clean_line(problem)))


def flagged_quote(index: StoryIndex, claim_id: str) -> Content:
    """A claim's quote, with ⚠ before it when it was not found in its source."""
    text = quote(index.claims[claim_id].quote)
    return Content.assemble(("⚠ ", "bold $text-error"), text) if claim_id in index.unverified else text


def outlet_of(index: StoryIndex, claim: Claim) -> str:
    source = index.sources.get(claim.source)
    return clean_line(source.outlet) if source else claim.source


_SIDE_OUTLETS = 3  # outlets named per side of a conflict in the overview; the rest are counted
_PLURAL_PLACES = ("headline", "excerpt", "document")  # the places that are nouns (the rest are headings)


def side_sources(index: StoryIndex, conflict_id: str) -> list[Content]:
    """Who gives each side's value, a line per side, each outlet once with where its claims stand:
    'Sep 2025: The Washington Times, excerpt; News digest (unattributed), Key Points of Transition';
    'Dec 2026: Defense Desk 1, excerpt (2 claims); The Hill, headline and excerpt; and 32 more
    sources'. An outlet with a claim not found in its source is flagged ⚠, with how many."""
    lines: list[Content] = []
    outlets: dict[str, str] = {}  # source id -> outlet, each cleaned once
    for sides in index.conflict_sides(conflict_id):
        for side in sides:
            by_outlet: dict[str, list[str]] = {}
            for claim_id in side.claims:
                source_id = index.claims[claim_id].source
                if source_id not in outlets:
                    outlets[source_id] = outlet_of(index, index.claims[claim_id])
                by_outlet.setdefault(outlets[source_id], []).append(claim_id)
            grouped = list(by_outlet.items())
            named = [_outlet_words(index, outlet, claims) for outlet, claims in grouped[:_SIDE_OUTLETS]]
            if len(grouped) > _SIDE_OUTLETS:
                hidden = [claim_id for _, claims in grouped[_SIDE_OUTLETS:] for claim_id in claims]
                named.append(_more_sources(index, hidden))
            line = Content.assemble((f"{side.label}: ", "bold"), "; ".join(named))
            lines.append(line.stylize("$text-muted"))
    return lines


def _outlet_words(index: StoryIndex, outlet: str, claims: list[str]) -> str:
    """'The Hill, headline and excerpt', 'Defense Desk 1, excerpt (2 claims)', 'Gazette 1, 2 excerpts'
    (two of its sources), '⚠ Daily Ledger 2, excerpt (3 claims, 1 not verified)'."""
    places: dict[str, set[str]] = {}  # place -> the sources whose claims stand there, first seen first
    for claim_id in claims:
        place = index.claim_place(claim_id)
        if place:
            places.setdefault(place, set()).add(index.claims[claim_id].source)
    words = outlet
    if places:
        words += ", " + join_words([_place_words(place, len(sources)) for place, sources in places.items()])
    counted = []
    if len(claims) > max(1, sum(len(sources) for sources in places.values())):
        counted.append(count_words(len(claims), "claim"))
    unverified = sum(claim_id in index.unverified for claim_id in claims)
    if unverified and len(claims) > 1:
        counted.append(f"{unverified} not verified")
    if counted:
        words += f" ({', '.join(counted)})"
    return f"⚠ {words}" if unverified else words


def _place_words(place: str, sources: int) -> str:
    """'excerpt', '2 excerpts' (of two sources), 'Summary', 'Summary in 2 sources'."""
    if sources == 1:
        return place
    return count_words(sources, place) if place in _PLURAL_PLACES else f"{place} in {sources} sources"


def _more_sources(index: StoryIndex, claims: list[str]) -> str:
    """'and 32 more sources', with '⚠ 2 claims not verified' when some of theirs were not found."""
    sources = len({index.claims[claim_id].source for claim_id in claims})
    words = f"and {count_words(sources, 'more source')}"
    unverified = sum(claim_id in index.unverified for claim_id in claims)
    return f"{words} (⚠ {count_words(unverified, 'claim')} not verified)" if unverified else words


def claim_lines(index: StoryIndex, claim_id: str) -> list[Content]:
    """Everything about one claim: value, the source's own phrase, where it stands, the quote."""
    claim: Claim = index.claims[claim_id]
    source = index.sources.get(claim.source)
    place = index.claim_place(claim_id)
    lines = [
        field("Value", describe_value(claim)),
        field("Phrase", quote(claim.phrase)),
        field("Source", outlet_of(index, claim) + (f" — its {place}" if place else "")),
        field("Published", index.source_date(claim.source) if source else "unknown"),
    ]
    if claim.as_of:
        lines.append(field("As of", date_words(claim.as_of)))
    if claim.anchor:
        lines.append(field("Counted from", date_words(claim.anchor)))
    if claim.bound.value != "target":
        lines.append(field("Bound", claim.bound.value.replace("_", " ")))
    if claim.rank.value != "normal":
        lines.append(field("Rank", claim.rank.value))
    lines.append(field("Quote", flagged_quote(index, claim_id)))
    problem = unverified_line(index, claim_id)
    if problem is not None:
        lines.append(problem)
    if claim.note:
        lines.append(field("Note", claim.note, multiline=True))
    if claim.inference:
        lines.append(field("Inferred", claim.inference, multiline=True))
    return lines


def _conflict_lines(index: StoryIndex, conflicts: tuple[str, ...]) -> list[Content | None]:
    if not conflicts:
        return []
    lines: list[Content | None] = [Content("")]
    for conflict_id in conflicts[:10]:
        is_open = index.conflicts[conflict_id].status.value == "open"
        lines.append(
            Content.assemble(
                ("≠ In conflict: " if is_open else "Conflict (settled): ", "bold $text-warning"),
                (index.conflict_values(conflict_id), "bold"),
                " — ",
                Content(index.conflict_title(conflict_id)),
            )
        )
    return lines


def event_body(index: StoryIndex, event_id: str) -> Content:
    event = index.events[event_id]
    timing = index.timing.get(event_id)
    status = event.status.value
    if timing is not None and status != "occurred":
        status += f" · {TIMING_GLYPHS[timing]} {timing.value} (today is {day_words(index.today)})"
    placed = ""
    if event_id in index.undated:
        placed = " (no date: placed last)"
    elif event_id in index.year_not_given:
        placed = " (year not given: placed after the dated events)"
    blocks: list[Content | None] = [
        title(event.title),
        field("When", index.event_date(event_id)),
        field("Precision", precision_words(event.when)),
        field("Status", status),
        field("Step", f"{index.step_of[event_id] + 1} of {index.step_count}{placed}"),
    ]
    blocks += _conflict_lines(index, index.event_links(event_id).conflicts)
    if event.text:
        blocks += [Content(""), paragraph(event.text)]
    if event.note:
        blocks += [Content(""), field("Note", event.note, multiline=True)]
    if event.inference:
        blocks += [Content(""), field("Inferred", event.inference, multiline=True)]
    blocks += _sources_with_quotes(index, event_id, index.event_links(event_id).sources)
    return _join(blocks)


def _sources_with_quotes(index: StoryIndex, event_id: str, sources: tuple[str, ...]) -> list[Content | None]:
    """Each source of the event with the quotes it gives for it; the first _LISTED_SOURCES only, each
    found through the source's own claims, so an event with 10,000 sources costs what 200 do."""
    if not sources:
        return []
    blocks: list[Content | None] = [Content(""), heading(f"Sources ({len(sources)})")]
    for sid in sources[:_LISTED_SOURCES]:
        source = index.sources[sid]
        blocks.append(
            Content.assemble(
                "• ",
                Content.styled(clean_line(source.outlet), "bold"),
                (f" · {source.kind.value} · {index.source_date(sid)}", "$text-muted"),
            )
        )
        claims = [
            c for c in index.source_claims.get(sid, ())[:50] if event_id in index.claim_events.get(c, ())
        ]
        for claim_id in claims:
            blocks.append(Content.assemble("  ", flagged_quote(index, claim_id)))
        if not claims and source.excerpt:
            blocks.append(Content.assemble("  ", quote(source.excerpt)))
    if len(sources) > _LISTED_SOURCES:
        more = count_words(len(sources) - _LISTED_SOURCES, "more source")
        blocks.append(Content.styled(f"… and {more} (Related, press 5)", "$text-muted"))
    return blocks


def key_point_body(index: StoryIndex, kp_id: str) -> Content:
    kp = index.key_points[kp_id]
    blocks: list[Content | None] = [title(kp.title), Content(""), paragraph(kp.text)]
    if kp.inference:
        blocks += [Content(""), field("Inferred", kp.inference, multiline=True)]
    blocks += _conflict_lines(index, index.key_point_links(kp_id).conflicts)
    claims = index.key_point_claims.get(kp_id, ())
    if claims:
        blocks += [Content(""), heading(f"Evidence ({count_words(len(claims), 'claim')})")]
        for cid in claims[:_LISTED_SOURCES]:
            claim = index.claims[cid]
            blocks.append(
                Content.assemble(
                    "• ", Content.styled(outlet_of(index, claim), "bold"), ": ", flagged_quote(index, cid)
                )
            )
        if len(claims) > _LISTED_SOURCES:
            more = len(claims) - _LISTED_SOURCES
            blocks.append(Content.styled(f"… and {more} more (Related, press 5)", "$text-muted"))
    return _join(blocks)


def source_body(index: StoryIndex, source_id: str) -> Content:
    source = index.sources[source_id]
    blocks: list[Content | None] = [
        title(source.outlet),
        field("Kind", source.kind.value),
        field("Headline", source.headline) if source.headline else None,
        field("Published", index.source_date(source_id)),
        field("Precision", precision_words(source.published)) if source.published else None,
        field("URL", source.url) if source.url else None,
    ]
    if source.excerpt:
        blocks += [Content(""), heading("Excerpt (verbatim)"), quote(source.excerpt)]
    if source.note:
        blocks += [Content(""), field("Note", source.note, multiline=True)]
    if source.inference:
        blocks += [Content(""), field("Inferred", source.inference, multiline=True)]
    claims = index.source_claims.get(source_id, ())
    if claims:
        blocks += [Content(""), heading(f"What it says ({count_words(len(claims), 'claim')})")]
        for cid in claims[:_LISTED_SOURCES]:
            claim = index.claims[cid]
            place = index.claim_place(cid)
            where = (f" ({place})", "$text-muted") if place and place not in ("excerpt", "headline") else ""
            blocks.append(
                Content.assemble(
                    "• ", (describe_value(claim), "bold"), where, " — ", flagged_quote(index, cid)
                )
            )
        if len(claims) > _LISTED_SOURCES:
            more = len(claims) - _LISTED_SOURCES
            blocks.append(Content.styled(f"… and {more} more (Related, press 5)", "$text-muted"))
    return _join(blocks)


def claim_body(index: StoryIndex, claim_id: str) -> Content:
    claim = index.claims[claim_id]
    blocks: list[Content | None] = [title(f"“{clean_line(claim.phrase)}” — {outlet_of(index, claim)}")]
    blocks += claim_lines(index, claim_id)
    blocks += _conflict_lines(index, index.claim_links(claim_id).conflicts)
    grouped = about_words(claim.subject, claim.property, claim.scope)
    blocks += [Content(""), Content.styled(f"Compared with other claims about: {grouped}", "$text-muted")]
    return _join(blocks)


def today_body(index: StoryIndex) -> Content:
    counts = index.timing_counts
    blocks: list[Content | None] = [
        title(f"Today: {day_words(index.today)}"),
        Content("Dated events relative to today (change with --today YYYY-MM-DD):"),
        Content(
            f"{TIMING_GLYPHS[Timing.past]} past: {counts[Timing.past]}   "
            f"{TIMING_GLYPHS[Timing.now]} now: {counts[Timing.now]}   "
            f"{TIMING_GLYPHS[Timing.upcoming]} upcoming: {counts[Timing.upcoming]}"
        ),
        field("Story as of", index.as_of_words()),
    ]
    if index.undated:
        blocks.append(
            Content.styled(
                f"{count_words(len(index.undated), 'undated event')} "
                f"{'is' if len(index.undated) == 1 else 'are'} listed after the dated ones.",
                "$text-muted",
            )
        )
    return _join(blocks)
