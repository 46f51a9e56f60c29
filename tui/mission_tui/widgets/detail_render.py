"""The detail view's text for each kind of item, as Content (story text is data: sanitized, no markup)."""

from __future__ import annotations

from textual.content import Content

from ..story.date_words import TIMING_GLYPHS, Timing, date_words, day_words, precision_words
from ..story.export import describe_value
from ..story.index import StoryIndex
from ..story.models import Claim
from ..story.sanitize import clean_line, clean_text

Line = Content
_LABEL_STYLE = "bold $text-muted"
_MIN_COLUMN = 26
_GUTTER = " │ "


def _title(text: str) -> Content:
    return Content.styled(clean_line(text), "bold $accent")


def _heading(text: str) -> Content:
    return Content.styled(text, "bold underline")


def _field(label: str, value: str | Content, *, multiline: bool = False) -> Content:
    body = (
        value
        if isinstance(value, Content)
        else Content(clean_text(value) if multiline else clean_line(value))
    )
    return Content.assemble((f"{label}: ", _LABEL_STYLE), body)


def _quote(text: str) -> Content:
    return Content.assemble(
        ("“", "$text-muted"), Content.styled(clean_text(text), "italic"), ("”", "$text-muted")
    )


def _paragraph(text: str) -> Content:
    return Content(clean_text(text).strip())


def _join(blocks: list[Content | None]) -> Content:
    return Content("\n").join(block for block in blocks if block is not None)


def claim_lines(index: StoryIndex, claim_id: str, *, with_source: bool = True) -> list[Content]:
    """Everything about one claim: value, the source's own phrase, source and date, verbatim quote."""
    claim: Claim = index.claims[claim_id]
    lines = [
        _field("Value", describe_value(claim)),
        _field("Phrase", _quote(claim.phrase)),
    ]
    if with_source:
        source = index.sources.get(claim.source)
        outlet = source.outlet if source else claim.source
        lines.append(_field("Source", outlet))
        lines.append(_field("Published", index.source_date(claim.source) if source else "unknown"))
    if claim.as_of:
        lines.append(_field("As of", date_words(claim.as_of)))
    if claim.anchor:
        lines.append(_field("Counted from", date_words(claim.anchor)))
    if claim.bound.value != "target":
        lines.append(_field("Bound", claim.bound.value.replace("_", " ")))
    if claim.rank.value != "normal":
        lines.append(_field("Rank", claim.rank.value))
    lines.append(_field("Quote", _quote(claim.quote)))
    if claim.note:
        lines.append(_field("Note", claim.note, multiline=True))
    if claim.inference:
        lines.append(_field("Inferred", claim.inference, multiline=True))
    return lines


def event_body(index: StoryIndex, event_id: str) -> Content:
    event = index.events[event_id]
    timing = index.timing.get(event_id)
    status = event.status.value
    if timing is not None and status != "occurred":
        status += f" · {TIMING_GLYPHS[timing]} {timing.value} (today is {day_words(index.today)})"
    blocks: list[Content | None] = [
        _title(event.title),
        _field("When", index.event_date(event_id)),
        _field("Precision", precision_words(event.when)),
        _field("Status", status),
        _field(
            "Step",
            f"{index.step_of[event_id] + 1} of {index.step_count}"
            + (" (undated: placed last)" if event_id in index.undated else ""),
        ),
    ]
    if event.text:
        blocks += [Content(""), _paragraph(event.text)]
    if event.note:
        blocks += [Content(""), _field("Note", event.note, multiline=True)]
    if event.inference:
        blocks += [Content(""), _field("Inferred", event.inference, multiline=True)]
    blocks += _sources_with_quotes(
        index, index.event_links(event_id).sources, index.event_claims.get(event_id, ())
    )
    return _join(blocks)


def _sources_with_quotes(
    index: StoryIndex, sources: tuple[str, ...], claims: tuple[str, ...]
) -> list[Content | None]:
    if not sources:
        return []
    blocks: list[Content | None] = [Content(""), _heading("Sources")]
    for sid in sources:
        source = index.sources[sid]
        blocks.append(
            Content.assemble(
                "• ",
                Content.styled(clean_line(source.outlet), "bold"),
                (f" · {source.kind.value} · {index.source_date(sid)}", "$text-muted"),
            )
        )
        quotes = [index.claims[c].quote for c in claims if index.claims[c].source == sid]
        for quote in quotes:
            blocks.append(Content.assemble("  ", _quote(quote)))
        if not quotes and source.excerpt:
            blocks.append(Content.assemble("  ", _quote(source.excerpt)))
    return blocks


def key_point_body(index: StoryIndex, kp_id: str) -> Content:
    kp = index.key_points[kp_id]
    blocks: list[Content | None] = [_title(kp.title), Content(""), _paragraph(kp.text)]
    if kp.inference:
        blocks += [Content(""), _field("Inferred", kp.inference, multiline=True)]
    claims = index.key_point_claims.get(kp_id, ())
    if claims:
        blocks += [Content(""), _heading(f"Evidence ({len(claims)} claims)")]
        for cid in claims:
            claim = index.claims[cid]
            outlet = index.sources[claim.source].outlet if claim.source in index.sources else claim.source
            blocks.append(
                Content.assemble("• ", Content.styled(clean_line(outlet), "bold"), ": ", _quote(claim.quote))
            )
    return _join(blocks)


def source_body(index: StoryIndex, source_id: str) -> Content:
    source = index.sources[source_id]
    blocks: list[Content | None] = [
        _title(source.outlet),
        _field("Kind", source.kind.value),
        _field("Headline", source.headline) if source.headline else None,
        _field("Published", index.source_date(source_id)),
        _field("Precision", precision_words(source.published)) if source.published else None,
        _field("URL", source.url) if source.url else None,
    ]
    if source.excerpt:
        blocks += [Content(""), _heading("Excerpt (verbatim)"), _quote(source.excerpt)]
    if source.note:
        blocks += [Content(""), _field("Note", source.note, multiline=True)]
    if source.inference:
        blocks += [Content(""), _field("Inferred", source.inference, multiline=True)]
    claims = index.source_claims.get(source_id, ())
    if claims:
        blocks += [Content(""), _heading(f"What it says ({len(claims)} claims)")]
        for cid in claims[:200]:
            claim = index.claims[cid]
            blocks.append(Content.assemble("• ", (describe_value(claim), "bold"), " — ", _quote(claim.quote)))
        if len(claims) > 200:
            blocks.append(Content.styled(f"… and {len(claims) - 200} more (see Related)", "$text-muted"))
    return _join(blocks)


def claim_body(index: StoryIndex, claim_id: str) -> Content:
    claim = index.claims[claim_id]
    subject = f"{claim.subject} · {claim.property}" + (f" ({claim.scope})" if claim.scope else "")
    blocks: list[Content | None] = [_title(f"Claim: {claim.phrase}"), _field("About", subject)]
    blocks += claim_lines(index, claim_id)
    return _join(blocks)


def _grid(columns: list[list[Content]], width: int) -> list[Content]:
    """Lay blocks of lines side by side, `width` cells each, joined by a gutter."""
    wrapped = [[piece for line in col for piece in (line.wrap(width) or [Content("")])] for col in columns]
    height = max(len(col) for col in wrapped)
    rows: list[Content] = []
    for y in range(height):
        cells = []
        for col in wrapped:
            cell = col[y] if y < len(col) else Content("")
            cells.append(cell.pad_right(max(0, width - cell.cell_length)))
        rows.append(Content.styled(_GUTTER, "$text-muted").join(cells))
    return rows


def conflict_columns(width: int, count: int) -> int:
    """How many claims fit side by side in `width` cells (1 means stacked)."""
    fit = (width + len(_GUTTER)) // (_MIN_COLUMN + len(_GUTTER))
    return max(1, min(count, fit))


def conflict_body(index: StoryIndex, conflict_id: str, width: int) -> Content:
    group = index.conflicts[conflict_id]
    origin = " and ".join(w for w, flag in (("detected", group.detected), ("curated", group.curated)) if flag)
    about = f"{group.subject} · {group.property}" + (f" ({group.scope})" if group.scope else "")
    blocks: list[Content | None] = [
        _title(index.conflict_title(conflict_id)),
        _field("Status", f"{group.status.value} · {group.kind} · {origin or 'listed'}"),
        _field("About", about),
    ]
    claims = index.conflict_claims.get(conflict_id, ())
    per_row = conflict_columns(width, len(claims))
    layout = "side by side" if per_row > 1 else "stacked"
    blocks += [Content(""), _heading(f"The claims ({len(claims)}, {layout})")]
    col_width = max(10, (width - len(_GUTTER) * (per_row - 1)) // per_row)
    for start in range(0, len(claims), per_row):
        chunk = claims[start : start + per_row]
        columns = []
        for cid in chunk:
            claim = index.claims[cid]
            outlet = index.sources[claim.source].outlet if claim.source in index.sources else claim.source
            columns.append(
                [
                    Content.styled(clean_line(outlet), "bold $text-accent"),
                    *claim_lines(index, cid, with_source=False),
                    _field("Published", index.source_date(claim.source)),
                ]
            )
        if per_row == 1:
            blocks += [*columns[0], Content("")]
        else:
            blocks += [*_grid(columns, col_width), Content("")]
    pairs = group.pairs
    if pairs:
        blocks.append(_heading("How they compare"))
        for pair in pairs:
            first = index.claim_title(pair.first) if pair.first in index.claims else pair.first
            second = index.claim_title(pair.second) if pair.second in index.claims else pair.second
            blocks.append(
                Content.assemble(
                    (f"• {pair.relation.value}: ", "bold $warning"), Content(first), " vs ", Content(second)
                )
            )
            if pair.reason:
                blocks.append(Content.assemble("  ", Content.styled(clean_line(pair.reason), "$text-muted")))
    if group.note:
        blocks += [Content(""), _field("Note (curated)", group.note, multiline=True)]
    return _join(blocks)


def today_body(index: StoryIndex) -> Content:
    counts = {t: 0 for t in Timing}
    for timing in index.timing.values():
        counts[timing] += 1
    blocks: list[Content | None] = [
        _title(f"Today: {day_words(index.today)}"),
        Content("Dated events relative to today (change with --today YYYY-MM-DD):"),
        Content(
            f"{TIMING_GLYPHS[Timing.past]} past: {counts[Timing.past]}   "
            f"{TIMING_GLYPHS[Timing.now]} now: {counts[Timing.now]}   "
            f"{TIMING_GLYPHS[Timing.upcoming]} upcoming: {counts[Timing.upcoming]}"
        ),
        _field("Story as of", index.as_of_words()),
    ]
    if index.undated:
        blocks.append(
            Content.styled(
                f"{len(index.undated)} undated event(s) are listed after the dated ones.", "$text-muted"
            )
        )
    return _join(blocks)
