"""The story file's schema: pydantic models for sources, events, key points, claims and conflicts.

Every model forbids unknown fields so a misspelt field is an error, not silently ignored data.
Cross-references are checked once the whole story is built (`Story` model validator), because a
reference is only dangling relative to the other tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic.dataclasses import dataclass

from .dates import EdtfError, parse_date

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
MAX_TEXT = 100_000  # characters; a longer field is almost certainly a mistake or an attack


def _check_edtf(value: str) -> str:
    try:
        parse_date(value)
    except EdtfError as exc:
        raise ValueError(str(exc)) from None
    return value


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=200,
        description="Lower-case id: letters, digits and - _ . between them, e.g. 'the-hill'.",
    ),
]
Edtf = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        description="An EDTF date (ISO 8601-2): 2025-09, 2024-09-27?, 2025-09~, ../2026-12.",
        json_schema_extra={"examples": ["2025-09", "2024?-09-27", "../2026-12"]},
    ),
    AfterValidator(_check_edtf),
]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Line = Annotated[str, Field(min_length=1, max_length=2_000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


_T = TypeVar("_T")


def item(cls: type[_T]) -> type[_T]:
    """A story item: a frozen, slotted pydantic dataclass that forbids unknown fields.

    Dataclasses rather than BaseModels because a story may hold 100k claims: a slotted dataclass
    has no per-instance __dict__ or fields-set, which cut a 100k-claim story's models from 240 MB
    to about a quarter of that, with the same validation and JSON Schema.
    """
    # pydantic types the decorated class as its own PydanticDataclass protocol; it is still `cls`.
    return dataclass(config=_ITEM_CONFIG, frozen=True, slots=True, kw_only=True)(cls)  # type: ignore[return-value]


_ITEM_CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=False)


class SourceKind(str, Enum):
    digest = "digest"
    news = "news"
    statement = "statement"
    report = "report"
    transcript = "transcript"
    other = "other"


class EventStatus(str, Enum):
    occurred = "occurred"
    scheduled = "scheduled"
    projected = "projected"


class Bound(str, Enum):
    """How a date claim constrains the real date: it *is* the date, or a deadline, or a floor."""

    target = "target"
    not_after = "not_after"
    not_before = "not_before"


class Rank(str, Enum):
    preferred = "preferred"
    normal = "normal"
    deprecated = "deprecated"


class ConflictStatus(str, Enum):
    open = "open"
    explained = "explained"
    resolved = "resolved"


@item
class Story:
    """The story's own header: what it is about and how current it is."""

    id: Slug
    title: Line
    summary: Text
    as_of: Edtf = Field(description="The date the story's facts are current to.")
    note: Text | None = None


@item
class Source:
    """Where words come from (schema.org NewsArticle / PROV Entity)."""

    id: Slug
    outlet: Line
    kind: SourceKind
    headline: Line | None = None
    published: Edtf | None = None
    url: Annotated[str, Field(max_length=2_000, pattern=r"^https?://\S+$")] | None = None
    excerpt: Text | None = Field(None, description="The source's words as the story has them.")
    document: Annotated[str, Field(max_length=1_000)] | None = Field(
        None,
        description="Path (relative to the story file) of the full source text, used to verify quotes.",
    )
    note: Text | None = None
    inference: Text | None = Field(
        None, description="What about this source was inferred rather than stated, and why."
    )


@item
class Event:
    """A dated moment in the narrative (a TimelineJS slide). `when` is absent if no source dates it."""

    id: Slug
    when: Edtf | None = None
    title: Line
    text: Text = ""
    status: EventStatus
    sources: list[Slug] = Field(default_factory=list)
    key_points: list[Slug] = Field(default_factory=list)
    claims: list[Slug] = Field(default_factory=list)
    note: Text | None = None
    inference: Text | None = None


@item
class KeyPoint:
    id: Slug
    title: Line
    text: Text
    order: int = Field(ge=0, le=1_000_000)
    claims: list[Slug] = Field(default_factory=list)
    events: list[Slug] = Field(default_factory=list)
    sources: list[Slug] = Field(default_factory=list)


@item
class DateValue:
    date: Edtf


@item
class QuantityValue:
    """A number as a range: `amount` alone is exact unless `approximate`; `low`/`high` bound it."""

    amount: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Line
    approximate: bool = False

    @model_validator(mode="after")
    def _has_a_number(self) -> QuantityValue:
        if self.amount is None and self.low is None and self.high is None:
            raise ValueError("a quantity needs amount, or low and/or high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is greater than high ({self.high:g})")
        return self


@item
class TextValue:
    text: Text


def _value_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if "date" in value:
            return "date"
        if "unit" in value or "amount" in value or "low" in value or "high" in value:
            return "quantity"
        if "text" in value:
            return "text"
        return None
    if isinstance(value, DateValue):
        return "date"
    if isinstance(value, QuantityValue):
        return "quantity"
    if isinstance(value, TextValue):
        return "text"
    return None


ClaimValue = Annotated[
    Annotated[DateValue, Tag("date")]
    | Annotated[QuantityValue, Tag("quantity")]
    | Annotated[TextValue, Tag("text")],
    Discriminator(
        _value_kind,
        custom_error_type="value_kind",
        custom_error_message="value must be a table with `date`, `amount`/`low`/`high` + `unit`, or `text`",
    ),
]


@item
class Claim:
    """One statement a source makes (a Wikidata-style statement) with its verbatim quote."""

    id: Slug
    subject: Slug
    property: Slug
    scope: Slug | None = Field(None, description="Qualifier that splits a subject, e.g. 'syria'.")
    value: ClaimValue
    phrase: Line = Field(description="The source's own words for the value.")
    bound: Bound = Bound.target
    source: Slug
    quote: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)] = Field(
        description="The source's words, verbatim, that carry the claim."
    )
    as_of: Edtf | None = None
    rank: Rank = Rank.normal
    anchor: Edtf | None = Field(
        None, description="For a relative phrase ('over the next year'): the date it counts from."
    )
    note: Text | None = None
    inference: Text | None = Field(
        None, description="What in the value was inferred rather than stated, and why."
    )


@item
class CuratedConflict:
    """A human note on a disagreement: annotates a detected conflict, or adds one detection misses."""

    id: Slug
    claims: list[Slug] = Field(min_length=2)
    kind: Literal["date", "quantity", "text", "other"] = "other"
    status: ConflictStatus = ConflictStatus.open
    title: Line | None = None
    note: Text


TABLES = ("sources", "events", "key_points", "claims", "conflicts")


class StoryFile(Strict):
    """A whole story file. Validates ids are unique per table and every reference resolves."""

    format: Literal[1] = 1
    story: Story
    sources: list[Source] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    key_points: list[KeyPoint] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    conflicts: list[CuratedConflict] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> StoryFile:
        # The loader defers this check so it can report each problem with its file line.
        if info.context and info.context.get("defer_references"):
            return self
        problems = list(reference_problems(self))
        if problems:
            raise ValueError(ReferenceProblems(problems))
        return self


class ReferenceProblem(BaseModel):
    """A duplicate id or a reference that names nothing; both ends are named for the author."""

    table: str
    index: int
    item_id: str
    field: str
    value: str
    message: str


class ReferenceProblems(list[ReferenceProblem]):
    def __str__(self) -> str:
        return "; ".join(p.message for p in self)


_REFERENCE_FIELDS: dict[str, dict[str, str]] = {  # table -> field -> the table its ids name
    "events": {"sources": "sources", "key_points": "key_points", "claims": "claims"},
    "key_points": {"claims": "claims", "events": "events", "sources": "sources"},
    "claims": {"source": "sources"},
    "conflicts": {"claims": "claims"},
}


def _references_hold(story: StoryFile) -> bool:
    """Whether every id is unique and every reference resolves, by set arithmetic alone.

    The usual answer for a valid story, found in C loops (100k claims: 0.19 s -> 0.03 s); only a
    story with a problem pays for the item-by-item walk that names each one.
    """
    ids: dict[str, set[str]] = {}
    for table in TABLES:
        items = getattr(story, table)
        ids[table] = set(map(attrgetter("id"), items))
        if len(ids[table]) != len(items):
            return False
    for table, fields in _REFERENCE_FIELDS.items():
        items = getattr(story, table)
        for field, target in fields.items():
            values = map(attrgetter(field), items)
            named = set(values) if field == "source" else set(chain.from_iterable(values))
            if not named <= ids[target]:
                return False
    return True


def reference_problems(story: StoryFile) -> Iterable[ReferenceProblem]:
    """Yield every duplicate id and dangling reference in a story, in file order."""
    if _references_hold(story):
        return
    for table in TABLES:
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(story, table)):
            if item.id in seen:
                yield ReferenceProblem(
                    table=table,
                    index=index,
                    item_id=item.id,
                    field="id",
                    value=item.id,
                    message=f"duplicate id {item.id!r} in [[{table}]] "
                    f"(first used by item {seen[item.id] + 1})",
                )
            else:
                seen[item.id] = index
    targets = {table: {item.id for item in getattr(story, table)} for table in TABLES}
    for table, fields in _REFERENCE_FIELDS.items():
        for index, item in enumerate(getattr(story, table)):
            for field, target in fields.items():
                value = getattr(item, field)
                for ref in [value] if isinstance(value, str) else value:
                    if ref not in targets[target]:
                        yield ReferenceProblem(
                            table=table,
                            index=index,
                            item_id=item.id,
                            field=field,
                            value=ref,
                            message=f"[[{table}]] {item.id!r} field {field!r} names "
                            f"{ref!r}, which is not an id in [[{target}]]",
                        )
