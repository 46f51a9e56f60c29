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
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic import Strict as NoCoercion  # not `Strict`: the BaseModel base below has that name
from pydantic.dataclasses import dataclass

from .dates import EDTF_EXAMPLES, EDTF_PATTERN, EdtfError, parse_date
from .edtf_input import MAX_DATE_LENGTH

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
        max_length=MAX_DATE_LENGTH,
        description="An EDTF date (ISO 8601-2), in quotes: 2025-09, 2024-09-27?, 2024?-09-27 (year "
        "uncertain), 2025-09~ (approximate), XXXX-09-27 (year not given), ../2026-12 (open start).",
        # The pattern is the schema's only (parse_date gives the loader's messages); the calendar
        # (30 February) is left to the loader.
        json_schema_extra={"pattern": EDTF_PATTERN, "examples": list(EDTF_EXAMPLES)},
    ),
    AfterValidator(_check_edtf),
]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Line = Annotated[str, Field(min_length=1, max_length=2_000)]


def _integral(value: Any) -> Any:
    """1.0 is the integer 1, as JSON Schema's `integer` has it; "1" and true stay refused."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _not_a_boolean(value: Any) -> Any:
    """`format = true` is not 1, though Python's True == 1."""
    if isinstance(value, bool):
        raise ValueError("must be the number 1, not true or false")
    return value


# No coercion from strings or booleans ("2500", "yes"): what the schema rejects, the loader rejects.
Integer = Annotated[int, BeforeValidator(_integral), NoCoercion()]
Number = Annotated[float, NoCoercion(), Field(allow_inf_nan=False)]
"""A finite number, written bare: TOML allows `nan` and `inf`, which JSON cannot hold and no count
or range means; "2500" in quotes is refused, as the schema refuses it."""


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

    id: Slug = Field(description="The story's id (a lower-case slug).")
    title: Line = Field(description="The story's headline, one line.")
    summary: Text = Field(description="What happened, in a few paragraphs.")
    as_of: Edtf = Field(description="The date the story's facts are current to.")
    note: Text | None = Field(None, description="Anything a reader should know about the story as a whole.")


@item
class Source:
    """Where words come from (schema.org NewsArticle / PROV Entity)."""

    id: Slug = Field(description="The source's id, named by claims (`source`) and events (`sources`).")
    outlet: Line = Field(description="Who published it, e.g. 'The Hill'.")
    kind: SourceKind = Field(description="What sort of source it is.")
    headline: Line | None = Field(None, description="Its headline as printed; quotes may come from it.")
    published: Edtf | None = Field(
        None, description="When it was published, as precisely as the source says (EDTF)."
    )
    url: Annotated[str, Field(max_length=2_000, pattern=r"^https?://\S+$")] | None = Field(
        None, description="Where it can be read: an http(s) address."
    )
    excerpt: Text | None = Field(None, description="The source's words as the story has them.")
    document: Annotated[str, Field(max_length=1_000)] | None = Field(
        None,
        description="Path (relative to the story file) of the full source text, used to verify quotes.",
    )
    note: Text | None = Field(None, description="What a reader should know about this source.")
    inference: Text | None = Field(
        None, description="What about this source was inferred rather than stated, and why."
    )


@item
class Event:
    """A dated moment in the narrative (a TimelineJS slide). `when` is absent if no source dates it."""

    id: Slug = Field(description="The event's id, named by key points (`events`).")
    when: Edtf | None = Field(
        None, description="When it happened or is due (EDTF); leave it out if no source dates it."
    )
    title: Line = Field(description="What happened, in one line.")
    text: Text = Field("", description="More about it, in the sources' terms.")
    status: EventStatus = Field(description="Whether it has happened (occurred), is planned (scheduled) or "
                                "is expected by someone (projected).")  # fmt: skip
    sources: list[Slug] = Field(default_factory=list, description="Ids of the sources that report it.")
    key_points: list[Slug] = Field(default_factory=list, description="Ids of the key points it bears on.")
    claims: list[Slug] = Field(default_factory=list, description="Ids of the claims that date it.")
    note: Text | None = Field(None, description="What a reader should know about this event.")
    inference: Text | None = Field(
        None, description="What about this event (often its date) was inferred rather than stated, and why."
    )


@item
class KeyPoint:
    """One of the story's main points, in the order a reader should meet them."""

    id: Slug = Field(description="The key point's id, named by events (`key_points`).")
    title: Line = Field(description="The point, in one line.")
    text: Text = Field(description="The point in full.")
    order: Integer = Field(ge=0, le=1_000_000, description="Where it comes among the key points (0 first).")
    claims: list[Slug] = Field(default_factory=list, description="Ids of the claims that back it.")
    events: list[Slug] = Field(default_factory=list, description="Ids of the events it is about.")
    sources: list[Slug] = Field(default_factory=list, description="Ids of the sources that make it.")
    inference: Text | None = Field(
        None, description="How this key point was obtained, when not written by hand (e.g. extracted)."
    )


@item
class DateValue:
    """A claim that a date is so: `value = { date = "2025-09" }`."""

    date: Edtf = Field(description="The date the source gives, as precisely as it gives it (EDTF).")


@item
class QuantityValue:
    """A number as a range: `amount` alone is exact unless `approximate`; `low`/`high` bound it."""

    amount: Number | None = Field(None, description="The number the source gives, e.g. 2500.")
    low: Number | None = Field(None, description="The least it can be ('at least 2,000').")
    high: Number | None = Field(None, description="The most it can be ('up to 3,000').")
    unit: Line = Field(description="What is counted, e.g. 'troops'; only the same unit is compared.")
    approximate: StrictBool = Field(
        False, description="true if the source hedges ('around 2,500'): widens the number by 10%."
    )

    @model_validator(mode="after")
    def _has_a_number(self) -> QuantityValue:
        if self.amount is None and self.low is None and self.high is None:
            raise ValueError("a quantity needs amount, or low and/or high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is greater than high ({self.high:g})")
        return self


@item
class TextValue:
    """A claim that something is so, in words: `value = { text = "a bilateral partnership" }`."""

    text: Text = Field(description="The value in words; compared with other texts after casefolding.")


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

    id: Slug = Field(description="The claim's id, named by events, key points and conflicts.")
    subject: Slug = Field(description="What the claim is about, e.g. 'us-mission-iraq'. Claims with the same "
                          "subject, property and scope are compared.")  # fmt: skip
    property: Slug = Field(description="Which of the subject's properties it states, e.g. 'end-date'.")
    scope: Slug | None = Field(None, description="Qualifier that splits a subject, e.g. 'syria'.")
    value: ClaimValue = Field(description="What the source says it is: a date, a quantity or a text.")
    phrase: Line = Field(description="The source's own words for the value.")
    bound: Bound = Field(Bound.target, description="How a date or number constrains the real one: it is the "
                         "value (target), a deadline (not_after) or a floor (not_before).")  # fmt: skip
    source: Slug = Field(description="Id of the source that makes the claim.")
    quote: Annotated[str, Field(min_length=1, max_length=MAX_TEXT)] = Field(
        description="The source's words, verbatim, that carry the claim."
    )
    as_of: Edtf | None = Field(
        None, description="When the source said it (EDTF), if it revised itself; same-source claims at "
        "different as_of dates are revisions, not conflicts."
    )  # fmt: skip
    rank: Rank = Field(Rank.normal, description="preferred, normal, or deprecated (left out of conflicts).")
    anchor: Edtf | None = Field(
        None, description="For a relative phrase ('over the next year'): the date it counts from."
    )
    note: Text | None = Field(None, description="What a reader should know about this claim.")
    inference: Text | None = Field(
        None, description="What in the value was inferred rather than stated, and why."
    )


@item
class CuratedConflict:
    """A human note on a disagreement: annotates a detected conflict, or adds one detection misses."""

    id: Slug = Field(description="The conflict's id.")
    claims: list[Slug] = Field(
        min_length=2,
        description="Ids of the claims that disagree (two or more). The note covers the contradictions "
        "among these claims only.",
    )
    kind: Literal["date", "quantity", "text", "revision", "other"] = Field(
        "other",
        description="What kind of values disagree; `revision`: the source itself says the value changed.",
    )
    status: ConflictStatus = Field(
        ConflictStatus.open,
        description="open (unsettled), explained (the difference is understood) or resolved (one side is "
        "known right).",
    )
    title: Line | None = Field(None, description="The question in dispute, e.g. 'When does it end?'.")
    note: Text = Field(description="What the curator knows about the disagreement.")


TABLES = ("sources", "events", "key_points", "claims", "conflicts")


class StoryFile(Strict):
    """A whole story file. Validates ids are unique per table and every reference resolves."""

    format: Annotated[Literal[1], BeforeValidator(_not_a_boolean)] = Field(
        1, description="The story file format: 1."
    )
    story: Story = Field(description="The story's header: id, title, summary, as_of.")
    sources: list[Source] = Field(default_factory=list, description="Where the words come from.")
    events: list[Event] = Field(default_factory=list, description="What happened when: the timeline.")
    key_points: list[KeyPoint] = Field(default_factory=list, description="The story's main points, in order.")
    claims: list[Claim] = Field(
        default_factory=list, description="Statements, each by one source with its verbatim quote."
    )
    conflicts: list[CuratedConflict] = Field(
        default_factory=list, description="Curated notes on disagreements; others are detected."
    )

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
    first_index: int | None = None
    """For a duplicate id: the position of the item that used it first."""


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
                    first_index=seen[item.id],
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
