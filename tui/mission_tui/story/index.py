"""What the explorer needs from a story, computed once: orders, lookups, links both ways, words.

Pure data (no Textual), so it can be built in a worker thread and tested directly. Everything the UI
does per keypress is a dict lookup here; nothing per keypress scales with the size of the story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from .compare import Side, about_words, conflict_sides, conflict_words, values_line
from .date_words import (
    PRECISION_WORDS,
    TIMING_GLYPHS,
    Timing,
    date_words,
    day_words,
    precision_words,
    short_date,
    timing_of,
)
from .heap import gc_paused
from .links import Links as Links  # re-exported: widgets read links from the index
from .links import OrderedLinks as OrderedLinks
from .links import in_order
from .loader import Problem
from .locate import Locator
from .models import Claim, ConflictStatus, Event, KeyPoint, Source, StoryFile
from .sanitize import clean_line
from .timeline import OVERVIEW_KEY, TODAY_KEY, build_timeline, is_heading, is_marker
from .verify import unverified_claims

if TYPE_CHECKING:
    from .conflicts import ConflictGroup

from .conflicts import auto_title

Kind = Literal["event", "key_point", "source", "claim", "conflict"]
"""The kinds of item; what the explorer does with each is in mission_tui/kinds.py."""

__all__ = [  # the date wording moved to `date_words`; these names stay importable from here
    "OVERVIEW_KEY",
    "PRECISION_WORDS",
    "TIMING_GLYPHS",
    "TODAY_KEY",
    "Kind",
    "Links",
    "StoryIndex",
    "Timing",
    "build_index",
    "date_words",
    "day_words",
    "is_heading",
    "is_marker",
    "precision_words",
    "short_date",
    "timing_of",
]


class StoryIndex:
    """Built once per story (and per `today`); read-only afterwards."""

    _link_getters: ClassVar[dict[Kind, Callable[[StoryIndex, str], Links]]]

    def __init__(
        self,
        story: StoryFile,
        conflicts: Sequence[ConflictGroup],
        today: date | None = None,
        base_dir: Path | None = None,
    ) -> None:
        self.story = story
        self.today = today or date.today()
        self.events: dict[str, Event] = {e.id: e for e in story.events}
        self.sources: dict[str, Source] = {s.id: s for s in story.sources}
        self.key_points: dict[str, KeyPoint] = {k.id: k for k in story.key_points}
        self.claims: dict[str, Claim] = {c.id: c for c in story.claims}
        self.conflicts: dict[str, ConflictGroup] = {g.id: g for g in conflicts}

        layout = build_timeline(story.events, self.today)
        self.undated: frozenset[str] = layout.undated
        self.year_not_given: frozenset[str] = layout.year_not_given
        self.timeline: list[str] = layout.steps
        """Event ids in step order (the overview, step 0, is not among them)."""
        self.step_of: dict[str, int] = {eid: i for i, eid in enumerate(self.timeline)}
        self.timing: dict[str, Timing] = {}
        for event in story.events:
            if event.when and event.id not in layout.year_not_given:
                timing = timing_of(event.when, self.today)
                if timing is not None:
                    self.timing[event.id] = timing
        self.timing_counts: dict[Timing, int] = {timing: 0 for timing in Timing}
        for timing in self.timing.values():
            self.timing_counts[timing] += 1
        self.today_position = layout.today_position
        self.timeline_rows: list[str] = layout.rows
        """What the timeline shows: the overview, year headings, events and the today marker."""
        self.headings: dict[str, str] = layout.headings
        self.key_point_order: list[str] = [k.id for k in sorted(story.key_points, key=lambda k: k.order)]
        self.source_order: list[str] = [s.id for s in story.sources]
        self.conflict_order: list[str] = [g.id for g in conflicts]
        self.claim_order: list[str] = [c.id for c in story.claims]
        self._build_links(story, conflicts)
        self._link_cache: dict[tuple[Kind, str], Links] = {}
        self._link_sets: dict[tuple[Kind, str, Kind], frozenset[str]] = {}
        self.open_conflicts: list[str] = [g.id for g in conflicts if g.status is ConflictStatus.open]
        self.disputed: frozenset[str] = frozenset(
            event
            for conflict_id in self.open_conflicts
            for claim in self.conflict_claims[conflict_id]
            for event in self.claim_events.get(claim, ())
        )
        """Events that take part in an open conflict (through their claims): marked in the timeline."""
        self.draft: str | None = None
        """Set (by the explorer) for an unreviewed draft: what it is, for the overview."""
        self.file_warnings: tuple[str, ...] = ()
        """Documents read from outside the story's folder, for the overview (set by the explorer)."""
        self.unverified: dict[str, str] = {}
        """Claims whose quotes were not found in their sources, with what to tell the reader."""
        self._locator = Locator(base_dir)
        self._places: dict[str, str | None] = {}
        self._sides: dict[str, list[list[Side]]] = {}
        self._conflict_titles: dict[str, str] = {}

    def set_quote_problems(self, problems: Iterable[Problem]) -> None:
        """What checking the quotes found (after the first frame): flagged wherever a claim shows."""
        self.unverified = unverified_claims(problems)

    # -- links ---------------------------------------------------------------------------------

    def _build_links(self, story: StoryFile, conflicts: Sequence[ConflictGroup]) -> None:
        ev_claims: dict[str, list[str]] = {}
        ev_sources: dict[str, list[str]] = {}
        ev_kps: dict[str, list[str]] = {}
        src_claims: dict[str, list[str]] = {}
        src_events: dict[str, list[str]] = {}
        src_kps: dict[str, list[str]] = {}
        kp_claims: dict[str, list[str]] = {}
        kp_events: dict[str, list[str]] = {}
        kp_sources: dict[str, list[str]] = {}
        cl_events: dict[str, list[str]] = {}
        cl_kps: dict[str, list[str]] = {}
        cl_conflicts: dict[str, list[str]] = {}
        claim_source = {c.id: c.source for c in story.claims}
        for claim in story.claims:
            src_claims.setdefault(claim.source, []).append(claim.id)
        for event in story.events:
            ev_claims[event.id] = list(event.claims)
            ev_sources[event.id] = [*event.sources, *(claim_source[c] for c in event.claims)]
            ev_kps.setdefault(event.id, []).extend(event.key_points)
            for sid in ev_sources[event.id]:
                src_events.setdefault(sid, []).append(event.id)
            for cid in event.claims:
                cl_events.setdefault(cid, []).append(event.id)
            for kid in event.key_points:
                kp_events.setdefault(kid, []).append(event.id)
        for kp in story.key_points:
            kp_claims[kp.id] = list(kp.claims)
            kp_events.setdefault(kp.id, []).extend(kp.events)
            kp_sources[kp.id] = [*kp.sources, *(claim_source[c] for c in kp.claims)]
            for eid in kp.events:
                ev_kps.setdefault(eid, []).append(kp.id)
            for sid in kp_sources[kp.id]:
                src_kps.setdefault(sid, []).append(kp.id)
            for cid in kp.claims:
                cl_kps.setdefault(cid, []).append(kp.id)
        for group in conflicts:
            for cid in group.claims:
                cl_conflicts.setdefault(cid, []).append(group.id)

        step = self.step_of
        kp_pos = {k: i for i, k in enumerate(self.key_point_order)}
        src_pos = {s: i for i, s in enumerate(self.source_order)}
        cl_pos = {c: i for i, c in enumerate(self.claim_order)}
        cf_pos = {c: i for i, c in enumerate(self.conflict_order)}
        self._positions = {"event": step, "key_point": kp_pos, "source": src_pos, "conflict": cf_pos}
        self.event_claims = OrderedLinks(ev_claims, cl_pos)
        self.event_sources = OrderedLinks(ev_sources, src_pos)
        self.event_key_points = OrderedLinks(ev_kps, kp_pos)
        self.source_claims = OrderedLinks(src_claims, cl_pos)
        self.source_events = OrderedLinks(src_events, step)
        self.source_key_points = OrderedLinks(src_kps, kp_pos)
        self.key_point_claims = OrderedLinks(kp_claims, cl_pos)
        self.key_point_events = OrderedLinks(kp_events, step)
        self.key_point_sources = OrderedLinks(kp_sources, src_pos)
        self.claim_events = OrderedLinks(cl_events, step)
        self.claim_key_points = OrderedLinks(cl_kps, kp_pos)
        self.claim_conflicts = OrderedLinks(cl_conflicts, cf_pos)
        self.claim_source = claim_source
        self.conflict_claims: dict[str, tuple[str, ...]] = {
            g.id: tuple(c for c in g.claims if c in self.claims) for g in conflicts
        }

    def _through_claims(self, claims: Iterable[str]) -> Links:
        claims = tuple(claims)
        empty: tuple[str, ...] = ()
        pos = self._positions
        return Links(
            events=in_order((e for c in claims for e in self.claim_events.get(c, empty)), pos["event"]),
            key_points=in_order(
                (k for c in claims for k in self.claim_key_points.get(c, empty)), pos["key_point"]
            ),
            sources=in_order(
                (self.claim_source[c] for c in claims if c in self.claim_source), pos["source"]
            ),
            claims=claims,
            conflicts=in_order(
                (g for c in claims for g in self.claim_conflicts.get(c, empty)), pos["conflict"]
            ),
        )

    def _cached_links(self, kind: Kind, item_id: str, build: Callable[[], Links]) -> Links:
        """Links are built on first request (cost proportional to the item's links) and kept."""
        key = (kind, item_id)
        links = self._link_cache.get(key)
        if links is None:
            links = self._link_cache[key] = build()
        return links

    def link_set(self, kind: Kind, item_id: str, of: Kind) -> frozenset[str]:
        """The items of kind `of` linked to an item, as a set (built once per item and kind): marking
        them in a pane is then O(rows on screen), however many there are."""
        key = (kind, item_id, of)
        found = self._link_sets.get(key)
        if found is None:
            links = self._link_getters[kind](self, item_id)
            found = self._link_sets[key] = frozenset(links.of(of))
        return found

    def event_links(self, event_id: str) -> Links:
        def build() -> Links:
            via = self._through_claims(self.event_claims.get(event_id, ()))
            return Links(
                key_points=in_order(
                    [*self.event_key_points.get(event_id, ()), *via.key_points], self._positions["key_point"]
                ),
                sources=self.event_sources.get(event_id, ()),
                claims=via.claims,
                conflicts=via.conflicts,
            )

        return self._cached_links("event", event_id, build)

    def key_point_links(self, key_point_id: str) -> Links:
        def build() -> Links:
            via = self._through_claims(self.key_point_claims.get(key_point_id, ()))
            return Links(
                events=in_order([*self.key_point_events.get(key_point_id, ()), *via.events], self.step_of),
                sources=self.key_point_sources.get(key_point_id, ()),
                claims=via.claims,
                conflicts=via.conflicts,
            )

        return self._cached_links("key_point", key_point_id, build)

    def source_links(self, source_id: str) -> Links:
        def build() -> Links:
            via = self._through_claims(self.source_claims.get(source_id, ()))
            return Links(
                events=self.source_events.get(source_id, ()),
                key_points=self.source_key_points.get(source_id, ()),
                claims=via.claims,
                conflicts=via.conflicts,
            )

        return self._cached_links("source", source_id, build)

    def claim_links(self, claim_id: str) -> Links:
        def build() -> Links:
            via = self._through_claims((claim_id,))
            return Links(
                events=via.events, key_points=via.key_points, sources=via.sources, conflicts=via.conflicts
            )

        return self._cached_links("claim", claim_id, build)

    def conflict_links(self, conflict_id: str) -> Links:
        return self._cached_links(
            "conflict", conflict_id, lambda: self._through_claims(self.conflict_claims.get(conflict_id, ()))
        )

    # -- words ---------------------------------------------------------------------------------

    def event_date(self, event_id: str) -> str:
        event = self.events[event_id]
        return date_words(event.when, status=event.status, inferred=event.inference is not None)

    def event_short_date(self, event_id: str) -> str:
        return short_date(self.events[event_id].when)

    def source_date(self, source_id: str) -> str:
        source = self.sources[source_id]
        if not source.published:
            return "date not given"
        return date_words(source.published, inferred=source.inference is not None)

    def as_of_words(self) -> str:
        story = self.story.story
        return date_words(story.as_of, inferred=bool(story.note))

    # -- titles: one clean display line naming an item ----------------------------------------

    def event_title(self, event_id: str) -> str:
        return clean_line(self.events[event_id].title)

    def key_point_title(self, key_point_id: str) -> str:
        return clean_line(self.key_points[key_point_id].title)

    def source_title(self, source_id: str) -> str:
        return clean_line(self.sources[source_id].outlet)

    def claim_title(self, claim_id: str) -> str:
        claim = self.claims[claim_id]
        outlet = self.sources[claim.source].outlet if claim.source in self.sources else claim.source
        return clean_line(f"“{claim.phrase}” — {outlet}")

    def conflict_title(self, conflict_id: str) -> str:
        """What the conflict is about in words: the curated title, else its quotes' words (compare.py)."""
        title = self._conflict_titles.get(conflict_id)
        if title is None:
            group = self.conflicts[conflict_id]
            about = about_words(group.subject, group.property, group.scope)
            generated = auto_title(group.subject, group.property, group.scope)
            curated = group.title if group.title != generated else None
            title = conflict_words(curated, self.conflict_claims.get(conflict_id, ()), self.claims, about)
            self._conflict_titles[conflict_id] = title
        return title

    def conflict_sides(self, conflict_id: str) -> list[list[Side]]:
        """The conflict's claims in sides that agree, earliest value first (once per conflict)."""
        sides = self._sides.get(conflict_id)
        if sides is None:
            claims = [self.claims[c] for c in self.conflict_claims.get(conflict_id, ())]
            sides = self._sides[conflict_id] = conflict_sides(claims)
        return sides

    def conflict_values(self, conflict_id: str) -> str:
        """The values that clash, on one line: 'Sep 2025 vs Dec 2026'."""
        return values_line(self.conflict_sides(conflict_id))

    def claim_place(self, claim_id: str) -> str | None:
        """Where in its source the claim's quote stands: 'headline', 'excerpt', 'Summary' (locate.py)."""
        if claim_id not in self._places:
            claim = self.claims[claim_id]
            source = self.sources.get(claim.source)
            self._places[claim_id] = None if source is None else self._locator.place(source, claim.quote)
        return self._places[claim_id]

    # -- search text: what a filter matches, one clean line ------------------------------------

    def event_search(self, event_id: str) -> str:
        event = self.events[event_id]
        timing = self.timing.get(event_id)
        return _search_line(
            event.title, event.text, self.event_date(event_id), short_date(event.when), event.status.value,
            timing.value if timing else "", event_id,
        )  # fmt: skip

    def key_point_search(self, key_point_id: str) -> str:
        key_point = self.key_points[key_point_id]
        return _search_line(key_point.title, key_point.text, key_point_id)

    def source_search(self, source_id: str) -> str:
        source = self.sources[source_id]
        return _search_line(
            source.outlet, source.headline or "", source.kind.value, self.source_date(source_id), source_id
        )

    def claim_search(self, claim_id: str) -> str:
        claim = self.claims[claim_id]
        return _search_line(
            claim.phrase, claim.quote, claim.subject, claim.property, claim.scope or "", claim_id
        )

    def conflict_search(self, conflict_id: str) -> str:
        group = self.conflicts[conflict_id]
        return _search_line(
            self.conflict_title(conflict_id), group.subject, group.property, group.note or "",
            group.status.value, conflict_id,
        )  # fmt: skip

    @property
    def step_count(self) -> int:
        return len(self.timeline)


StoryIndex._link_getters = {
    "event": StoryIndex.event_links,
    "key_point": StoryIndex.key_point_links,
    "source": StoryIndex.source_links,
    "claim": StoryIndex.claim_links,
    "conflict": StoryIndex.conflict_links,
}


def _search_line(*parts: str) -> str:
    return clean_line(" ".join(parts))


def build_index(
    story: StoryFile,
    today: date | None = None,
    conflicts: Sequence[ConflictGroup] | None = None,
    base_dir: Path | None = None,
) -> StoryIndex:
    """Detect conflicts (unless given) and index the story.

    The garbage collector is paused meanwhile, as while loading: the index is hundreds of thousands
    of new objects and nothing in it forms cycles (100k claims: 0.34 s -> 0.27 s).
    """
    with gc_paused():
        if conflicts is None:
            from .conflicts import detect_conflicts

            conflicts = detect_conflicts(story)
        return StoryIndex(story, conflicts, today, base_dir)
