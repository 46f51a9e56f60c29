"""A conflict's detail, led by the comparison a reader needs: which claims say what, and where.

1. The comparison: the claims grouped into sides that agree, earliest value first; each side's value
   in bold, then one line per claim (a letter, the source and where in it the claim stands, its own
   value where it differs from the side's, its phrase). "vs" stands between the sides.
2. The axis (axis.py): each claim's possible range as a bar, for dates and quantities; a text
   conflict has none, its sides already are the differing texts.
3. The curated note; then each claim's quote in full, flagged where it is not verified; then how the
   detector compared them. At 80x24 the comparison and the note's first line fit without scrolling.
"""

from __future__ import annotations

import re
import string

from rich.cells import cell_len
from textual.content import Content

from ..story.claim_values import apply_bound, claim_range, quantity_range
from ..story.compare import value_label, without_year
from ..story.dates import parse_date
from ..story.index import StoryIndex
from ..story.models import DateValue, QuantityValue
from ..story.sanitize import clean_line, clean_text
from ..story.words import count_words
from .axis import SIDE_STYLES, Bar, draw_axis
from .detail_render import field, heading, quote, title, unverified_line

_LETTERS = string.ascii_lowercase
_LISTED = 52  # claims compared line by line (two letters' worth); the rest are counted
_AXIS_BARS = 12
_PHRASE_ROOM = 24  # cells of a claim's phrase its comparison line keeps, where the outlet can give way
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)$")


def claim_letter(position: int) -> str:
    return (
        _LETTERS[position]
        if position < len(_LETTERS)
        else _LETTERS[position // 26 - 1] + _LETTERS[position % 26]
    )


def source_and_place(index: StoryIndex, claim_id: str, room: int | None = None, *, cut: bool = True) -> str:
    """'News digest (unattributed) · Summary': the claim's outlet and where in it the quote stands,
    the outlet shortened first (a trailing parenthetical, then, if `cut`, its end) when `room` is short."""
    claim = index.claims[claim_id]
    source = index.sources.get(claim.source)
    outlet = clean_line(source.outlet) if source else claim.source
    place = index.claim_place(claim_id)
    tail = f" · {place}" if place else ""
    if room is not None and cell_len(outlet + tail) > room:
        outlet = _PARENTHETICAL.sub("", outlet) or outlet
        budget = room - cell_len(tail)
        if cut and cell_len(outlet) > budget:
            outlet = outlet[: max(1, budget - 1)].rstrip() + "…" if budget > 4 else ""
    return f"{outlet}{tail}" if outlet else place or ""


def _claim_line(index: StoryIndex, claim_id: str, letter: str, side_label: str, width: int) -> Content:
    """' b News digest · Key Points of Transition  “will officially conclude by…”': the phrase keeps
    up to _PHRASE_ROOM cells where it can, the outlet's parenthetical giving way first (never the rest
    of its name), then the phrase cut at its end (marked …) or left to the quotes below."""
    claim = index.claims[claim_id]
    lead = f" {letter} "
    own = _own_value(index, claim_id, side_label)
    own_part = f"  {own}" if own else ""
    phrase = clean_line(claim.phrase)
    room = width - len(lead)
    full = source_and_place(index, claim_id, room)
    where, shown = full, ""
    wanted = min(cell_len(phrase), _PHRASE_ROOM) + 4  # two spaces and the quote marks
    for candidate in (full, source_and_place(index, claim_id, room - cell_len(own_part) - wanted, cut=False)):
        spare = room - cell_len(candidate + own_part) - 4
        if spare >= cell_len(phrase) or spare >= _PHRASE_ROOM:  # whole, or most of a long one
            where = candidate
            shown = phrase if spare >= cell_len(phrase) else phrase[: spare - 1].rstrip() + "…"
            break
    parts: list[Content | tuple[str, str] | str] = [(lead, "bold"), where]
    if own_part and cell_len(lead + where + own_part) <= width:
        parts.append((own_part, "bold"))
    if shown:
        parts.append((f"  “{shown}”", "italic $text-muted"))
    if claim_id in index.unverified:
        parts.insert(1, ("⚠ ", "bold $text-error"))
    return Content.assemble(*parts)


def _own_value(index: StoryIndex, claim_id: str, side_label: str) -> str:
    label = value_label(index.claims[claim_id])
    return "" if label == side_label else label


def comparison(
    index: StoryIndex, conflict_id: str, width: int
) -> tuple[list[Content], list[tuple[str, str, int]]]:
    """The comparison's lines, and (letter, claim id, side) for each claim listed, in order."""
    lines: list[Content] = []
    order: list[tuple[str, str, int]] = []
    for part_number, sides in enumerate(index.conflict_sides(conflict_id)):
        if part_number:
            lines.append(Content(""))
        for side_number, side in enumerate(sides):
            style = SIDE_STYLES[side_number % len(SIDE_STYLES)]
            lead = "vs " if side_number else ""
            count = f"  ({count_words(len(side.claims), 'claim')})" if len(side.claims) > 3 else ""
            lines.append(Content.assemble((lead, "bold"), (side.label, style), (count, "$text-muted")))
            for claim_id in side.claims:
                if len(order) >= _LISTED:
                    continue
                letter = claim_letter(len(order))
                order.append((letter, claim_id, side_number))
                lines.append(_claim_line(index, claim_id, letter, side.label, width))
    total = len(index.conflict_claims.get(conflict_id, ()))
    if total > len(order):
        more = count_words(total - len(order), "more claim")
        lines.append(Content.styled(f"  … {more} (Related, press 5)", "$text-muted"))
    return lines, order


def _bar(index: StoryIndex, claim_id: str, letter: str, side: int) -> Bar | None:
    claim = index.claims[claim_id]
    value = claim.value
    fuzzy = claim_range(claim)
    if fuzzy is None:
        return None
    if isinstance(value, DateValue):
        low, high = apply_bound(*parse_date(value.date).ordinal_range(fuzzy=False), claim.bound)
    elif isinstance(value, QuantityValue) and value.approximate:
        low, high = quantity_range(value, claim.bound, widen=False) or fuzzy
    else:
        low, high = fuzzy
    return Bar(letter, side, low, high, min(fuzzy[0], low), max(fuzzy[1], high))


def axis_lines(index: StoryIndex, order: list[tuple[str, str, int]], width: int) -> list[Content]:
    bars = [bar for letter, cid, side in order[:_AXIS_BARS] if (bar := _bar(index, cid, letter, side))]
    if len(bars) < 2:
        return []
    if any(without_year(index.claims[cid]) for _, cid, _ in order):  # nowhere honest to draw it
        return [Content.styled("   (no date axis: a source does not give the year)", "$text-muted")]
    dates = isinstance(index.claims[order[0][1]].value, DateValue)
    if not all(isinstance(index.claims[cid].value, DateValue) == dates for _, cid, _ in order[: len(bars)]):
        return []  # a conflict of mixed kinds: no single axis
    today = float(index.today.toordinal()) if dates else None
    lines = draw_axis(bars, width, dates=dates, today=today)
    if len(order) > _AXIS_BARS and lines:
        lines.append(Content.styled(f"   (the first {_AXIS_BARS} claims drawn)", "$text-muted"))
    return lines


def conflict_body(index: StoryIndex, conflict_id: str, width: int) -> Content:
    group = index.conflicts[conflict_id]
    status = group.status.value
    lines, order = comparison(index, conflict_id, width)
    blocks: list[Content] = [
        Content.assemble(
            (("≠ " if status == "open" else "◐ " if status == "explained" else "○ "), "bold $text-warning"),
            title(index.conflict_title(conflict_id)),
            ("" if status == "open" else f" ({status})", "$text-muted"),
        ),
        *lines,
    ]
    axis = axis_lines(index, order, width)
    if axis:
        blocks += axis
    if group.note:
        blocks += [field("Note", group.note, multiline=True)]
    blocks += [Content(""), heading("The quotes in full")]
    for letter, claim_id, _side in order:
        claim = index.claims[claim_id]
        blocks.append(Content.assemble((f"{letter} ", "bold"), (source_and_place(index, claim_id), "bold")))
        blocks.append(Content.assemble("  ", quote(claim.quote)))
        problem = unverified_line(index, claim_id)
        if problem is not None:
            blocks.append(Content.assemble("  ", problem))
        if claim.note:
            blocks.append(Content.assemble("  ", field("Note", claim.note, multiline=True)))
        if claim.inference:
            blocks.append(Content.assemble("  ", field("Inferred", claim.inference, multiline=True)))
    origin = " and ".join(w for w, flag in (("detected", group.detected), ("curated", group.curated)) if flag)
    blocks += [Content(""), field("Status", f"{status} · {group.kind} conflict · {origin or 'listed'}")]
    if group.pairs:
        blocks.append(heading("How the detector compared them"))
        letters = {cid: letter for letter, cid, _ in order}
        for pair in group.pairs[:20]:
            first, second = (
                letters.get(c, index.claims[c].phrase if c in index.claims else c)
                for c in (pair.first, pair.second)
            )
            blocks.append(
                Content.assemble(("• ", "$text-muted"), f"{first} vs {second}: {pair.relation.value}")
            )
            if pair.reason:
                blocks.append(Content.assemble("  ", Content.styled(clean_text(pair.reason), "$text-muted")))
    return Content("\n").join(blocks)
