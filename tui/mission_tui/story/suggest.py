"""What an author most likely meant: the known field nearest a misspelt or borrowed one, and how to
write a date TOML would otherwise read as a date literal.

Pure functions over the models' field names (no file access), used by the loader's messages.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime, time
from typing import Any

from .models import Claim, CuratedConflict, Event, KeyPoint, Source, Story, StoryFile

_ITEMS: dict[str, Any] = {
    "story": Story, "sources": Source, "events": Event, "key_points": KeyPoint, "claims": Claim,
    "conflicts": CuratedConflict,
}  # fmt: skip
_VALUE_FIELDS = ("date", "amount", "low", "high", "unit", "approximate", "text")

# Names authors bring from elsewhere (schema.org, TimelineJS, other tools) that spelling alone would not
# lead to, per table: {written: meant}.
_SYNONYMS: dict[str, dict[str, str]] = {
    "story": {"name": "title", "headline": "title", "date": "as_of", "updated": "as_of", "asof": "as_of",
              "description": "summary", "text": "summary", "abstract": "summary"},
    "sources": {"date": "published", "published_at": "published", "pubdate": "published",
                "publication_date": "published", "date_published": "published", "datepublished": "published",
                "name": "outlet", "publisher": "outlet", "title": "headline", "link": "url", "href": "url",
                "text": "excerpt", "body": "excerpt", "quote": "excerpt", "file": "document",
                "path": "document", "type": "kind"},
    "events": {"date": "when", "time": "when", "start_date": "when", "start": "when", "headline": "title",
               "description": "text", "body": "text", "summary": "text", "type": "status", "state": "status",
               "source": "sources", "claim": "claims", "key_point": "key_points", "keypoints": "key_points"},
    "key_points": {"rank": "order", "position": "order", "index": "order", "headline": "title",
                   "description": "text", "body": "text", "claim": "claims", "source": "sources",
                   "event": "events"},
    "claims": {"date": "value", "amount": "value", "text": "value", "object": "value", "sources": "source",
               "citation": "quote", "excerpt": "quote", "words": "phrase", "qualifier": "scope",
               "predicate": "property", "topic": "subject", "entity": "subject", "deadline": "bound"},
    "conflicts": {"description": "note", "text": "note", "claim": "claims", "state": "status",
                  "type": "kind", "headline": "title"},
    "": {"source": "sources", "event": "events", "claim": "claims", "keypoints": "key_points",
         "key-points": "key_points", "keypoint": "key_points", "conflict": "conflicts", "header": "story",
         "version": "format"},
}  # fmt: skip


def _known(table: str, in_value: bool) -> tuple[str, ...]:
    if in_value:
        return _VALUE_FIELDS
    model = _ITEMS.get(table, StoryFile)
    fields = getattr(model, "__pydantic_fields__", None) or model.model_fields
    return tuple(fields)


def suggest_field(table: str, name: str, *, in_value: bool = False) -> str | None:
    """The known field nearest `name` in `table` ('' for the top level), or None if nothing is near.

    A name from another vocabulary ('date' for a source's `published`) is looked up first; then
    spelling ('headlines' -> 'headline').
    """
    known = _known(table, in_value)
    lowered = name.lower().replace("-", "_")
    if lowered in known and lowered != name:
        return lowered
    meant = None if in_value else _SYNONYMS.get(table, {}).get(lowered)
    if meant in known:
        return meant
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def value_suggestion(name: str) -> str | None:
    """`value = { dates = ... }`: the value field nearest a misspelt one."""
    return suggest_field("claims", name, in_value=True)


_DATE_FIELDS = ("as_of", "published", "when", "anchor", "date")


def date_literal_hint(field_path: str, value: object) -> str | None:
    """For a TOML date literal (when = 2025-09-01): how to write it as the quoted EDTF string stories use.

    TOML's own dates need a full day and cannot say "September 2025" or "year uncertain", so story
    dates are strings; a literal reaches the loader as a datetime.date and would otherwise get
    pydantic's "Input should be a valid string".
    """
    if not isinstance(value, (date, time)):
        return None
    if isinstance(value, time):
        return "a time of day is not a date: write dates as quoted EDTF strings, e.g. when = \"2025-09-01\""
    day = value.date() if isinstance(value, datetime) else value
    field = field_path.rsplit(".", 1)[-1]
    if field in _DATE_FIELDS:
        example = f'value = {{ date = "{day.isoformat()}" }}' if field_path.endswith("value.date") else (
            f'{field} = "{day.isoformat()}"'
        )
        return f"write dates as quoted EDTF strings, e.g. {example}"
    return f"this is a TOML date; text goes in quotes, e.g. {field} = \"{day.isoformat()}\""


def quoting_hint(error_type: str, field_path: str, value: object) -> str | None:
    """For a quoted number or boolean ("2500", "yes"), which the loader does not convert (nor does the
    schema): how to write it."""
    field = field_path.rsplit(".", 1)[-1]
    if error_type in ("int_type", "float_type") and isinstance(value, str):
        number = value.strip().replace(",", "").replace("_", "")
        shown = number if number.replace(".", "", 1).lstrip("-").isdigit() else "2500"
        return f"write numbers without quotes, e.g. {field} = {shown}"
    if error_type == "bool_type":
        return f"write true or false without quotes, e.g. {field} = true"
    return None
