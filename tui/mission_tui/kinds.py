"""The kinds of item a story holds, and everything the explorer does differently for each.

One entry per kind: its label, the order its items are listed in, its one-line row (for a pane),
its detail text, its title line, its search text, what it links to, and what the command palette
says about it. Code that handles items of any kind looks the kind up here (`ITEM_KINDS[kind]`)
instead of switching on its name; a new kind is a new entry. The data comes from the story index
(story/index.py, no Textual); the rows and detail texts from widgets/rows.py and
widgets/detail_render.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.content import Content

from .story.compare import value_label
from .story.index import OVERVIEW_KEY, TODAY_KEY, Kind, Links, StoryIndex, is_marker
from .story.sanitize import clean_line
from .widgets import detail_render, rows
from .widgets.conflict_view import conflict_body
from .widgets.overview import overview_body


@dataclass(frozen=True, slots=True)
class ItemKind:
    """What the explorer needs to show, find and link one kind of item."""

    name: Kind
    label: str
    """One word or two, as in "Detail · Key point" and the related list."""
    order: Callable[[StoryIndex], Sequence[str]]
    """The item keys in display order (the timeline's includes the today marker)."""
    row: Callable[[StoryIndex, str, int], Content] | None
    """A pane's row at a width (cells); None for a kind without a pane."""
    detail: Callable[[StoryIndex, str, int], Content]
    """The detail text, at a given width."""
    title: Callable[[StoryIndex, str], str]
    search: Callable[[StoryIndex, str], str]
    links: Callable[[StoryIndex, str], Links]
    palette_help: Callable[[StoryIndex, str], str]
    """The line under an item in the command palette."""


def _event_detail(index: StoryIndex, key: str, width: int) -> Content:
    """The timeline's detail: the overview (step 0), the today marker's summary, or the event's text."""
    if key == OVERVIEW_KEY:
        return overview_body(index, width)
    if key == TODAY_KEY:
        return detail_render.today_body(index)
    return detail_render.event_body(index, key)


def _claim_help(index: StoryIndex, key: str) -> str:
    claim = index.claims[key]
    source = index.sources.get(claim.source)
    outlet = clean_line(source.outlet) if source else claim.source
    return f"Claim · {value_label(claim)} · {outlet} · “{clean_line(claim.phrase)}”"


ITEM_KINDS: dict[Kind, ItemKind] = {
    kind.name: kind
    for kind in (
        ItemKind(
            "event",
            "Event",
            order=lambda index: index.timeline_rows,
            row=rows.timeline_row,
            detail=_event_detail,
            title=StoryIndex.event_title,
            search=lambda index, key: "" if is_marker(key) else index.event_search(key),
            links=StoryIndex.event_links,
            palette_help=lambda index, key: (
                f"Event · {index.event_date(key)} · {index.event_short_date(key)}"
            ),
        ),
        ItemKind(
            "key_point",
            "Key point",
            order=lambda index: index.key_point_order,
            row=rows.key_point_row,
            detail=lambda index, key, width: detail_render.key_point_body(index, key),
            title=StoryIndex.key_point_title,
            search=StoryIndex.key_point_search,
            links=StoryIndex.key_point_links,
            palette_help=lambda index, key: f"Key point · {clean_line(index.key_points[key].text)[:80]}",
        ),
        ItemKind(
            "source",
            "Source",
            order=lambda index: index.source_order,
            row=rows.source_row,
            detail=lambda index, key, width: detail_render.source_body(index, key),
            title=StoryIndex.source_title,
            search=StoryIndex.source_search,
            links=StoryIndex.source_links,
            palette_help=lambda index, key: (
                f"Source · {index.sources[key].kind.value} · {index.source_date(key)}"
            ),
        ),
        ItemKind(
            "claim",
            "Claim",
            order=lambda index: index.claim_order,
            row=None,
            detail=lambda index, key, width: detail_render.claim_body(index, key),
            title=StoryIndex.claim_title,
            search=StoryIndex.claim_search,
            links=StoryIndex.claim_links,
            palette_help=_claim_help,
        ),
        ItemKind(
            "conflict",
            "Conflict",
            order=lambda index: index.conflict_order,
            row=rows.conflict_row,
            detail=conflict_body,
            title=StoryIndex.conflict_title,
            search=StoryIndex.conflict_search,
            links=StoryIndex.conflict_links,
            palette_help=lambda index, key: (
                f"Conflict · {index.conflicts[key].status.value} · {index.conflict_values(key)}"
            ),
        ),
    )
}
"""Every kind, in the order the detail view's related list groups them."""


def links_of(index: StoryIndex, kind: Kind, key: str) -> Links | None:
    """What an item links to; None for the overview, the today marker and headings (no links)."""
    return None if is_marker(key) else ITEM_KINDS[kind].links(index, key)
