"""What `export -f json` adds beside the story: detected conflicts and each date's bounds.

A reader of the JSON gets what `check` and the explorer compute (conflicts found by comparing values,
the days a date can mean) without reimplementing EDTF or the detector. The block is written under the
top-level key `derived`; when the JSON is read back it is ignored (everything in it is recomputed),
so an exported file is itself a story file that every command reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import parse_date
from .models import StoryFile
from .words import describe_date

if TYPE_CHECKING:
    from .conflicts import ConflictGroup

DERIVED_KEY = "derived"


class _Out(BaseModel):
    # Strict, as the story's own fields are: what the schema rejects here, the loader rejects too.
    model_config = ConfigDict(extra="forbid", strict=True)


Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"})]


class DerivedPair(_Out):
    """Two claims of a conflict and why they disagree."""

    first: str = Field(description="Id of one claim.")
    second: str = Field(description="Id of the other claim.")
    relation: Literal["conflict", "revision"] = Field(
        description="conflict: their values cannot both be true; revision: one source changed its account."
    )
    reason: str = Field(description="Why, in words: the phrases and values compared.")


class DerivedConflict(_Out):
    """A disagreement, as `check` lists it: detected by comparing values, curated by hand, or both."""

    id: str = Field(description="The curated conflict's id, or 'auto-SUBJECT-PROPERTY[-SCOPE]'.")
    title: str = Field(description="The question in dispute.")
    subject: str = Field(description="The claims' subject.")
    property: str = Field(description="The claims' property.")
    scope: str | None = Field(None, description="The claims' scope, if any.")
    kind: str = Field(description="date, quantity, text or other.")
    status: Literal["open", "explained", "resolved"] = Field(
        description="open unless a curated note says otherwise."
    )
    detected: bool = Field(description="true if found by comparing the claims' values.")
    curated: bool = Field(description="true if a [[conflicts]] entry of the story annotates it.")
    claims: list[str] = Field(description="Ids of the claims taking part, in value order.")
    pairs: list[DerivedPair] = Field(description="Pairs that show the disagreement (capped at 50).")
    note: str | None = Field(None, description="The curated note, if any.")


class DateBounds(_Out):
    """What an EDTF date of the story means in days."""

    lower: Day | None = Field(None, description="First day it can be (absent: an open start).")
    upper: Day | None = Field(None, description="Last day it can be (absent: an open end).")
    lower_fuzzy: Day | None = Field(None, description="lower, widened for ? ~ % as edtf widens it.")
    upper_fuzzy: Day | None = Field(None, description="upper, widened likewise.")
    precision: str = Field(description="day, month, year, season or interval.")
    uncertain: bool = Field(description="Some part is marked ? or %.")
    approximate: bool = Field(description="Some part is marked ~ or %.")
    unspecified: list[str] = Field(description="Parts written with X digits: year, month, day.")
    words: str = Field(description="The date in words, as the brief and the explorer say it.")


class Derived(_Out):
    """Computed by `mission-tui export -f json`; ignored (and recomputed) when the story is read."""

    generator: str = Field(description="What wrote this block: 'mission-tui'.")
    conflicts: list[DerivedConflict] = Field(
        description="Every conflict `check` reports, detected and curated, each marked which it is."
    )
    dates: dict[str, DateBounds] = Field(description="Each EDTF date used in the story, by its text.")


def story_dates(story: StoryFile) -> Iterable[str]:
    """Every date string in the story, in file order (with repeats)."""
    yield story.story.as_of
    for source in story.sources:
        if source.published:
            yield source.published
    for event in story.events:
        if event.when:
            yield event.when
    for claim in story.claims:
        value = claim.value
        date_text = getattr(value, "date", None)
        yield from (text for text in (date_text, claim.as_of, claim.anchor) if isinstance(text, str))


def date_bounds(text: str) -> DateBounds:
    span = parse_date(text)
    days = (span.lower, span.upper, span.lower_fuzzy, span.upper_fuzzy)
    lower, upper, lower_fuzzy, upper_fuzzy = (day.isoformat() if day else None for day in days)
    return DateBounds(
        lower=lower, upper=upper, lower_fuzzy=lower_fuzzy, upper_fuzzy=upper_fuzzy,
        precision=span.precision, uncertain=span.uncertain, approximate=span.approximate,
        unspecified=sorted(span.unspecified), words=describe_date(text),
    )  # fmt: skip


def _conflict(group: ConflictGroup) -> DerivedConflict:
    pairs = [
        DerivedPair(
            first=p.first,
            second=p.second,
            reason=p.reason,
            relation="revision" if p.relation.value == "revision" else "conflict",
        )
        for p in group.pairs
    ]
    return DerivedConflict(
        id=group.id, title=group.title, subject=group.subject, property=group.property, scope=group.scope,
        kind=group.kind, status=group.status.value, detected=group.detected, curated=group.curated,
        claims=list(group.claims), pairs=pairs, note=group.note,
    )  # fmt: skip


def derived(story: StoryFile, conflicts: Sequence[ConflictGroup]) -> dict[str, Any]:
    """The `derived` block as plain JSON types."""
    block = Derived(
        generator="mission-tui",
        conflicts=[_conflict(group) for group in conflicts],
        dates={text: date_bounds(text) for text in dict.fromkeys(story_dates(story))},
    )
    return block.model_dump(mode="json", exclude_none=True)


def derived_schema() -> dict[str, Any]:
    """The block's JSON Schema (its $defs are merged into the story schema's)."""
    return Derived.model_json_schema(ref_template="#/$defs/{model}")
