"""The story file's JSON Schema, for editors (taplo / Even Better TOML: validation and completion)
and validators (check-jsonschema), generated from the pydantic models so it cannot drift from them.

The schema checks the shape of a story: tables, fields, types, ids as slugs, dates in one of the EDTF
forms the loader reads (`dates.EDTF_PATTERN`). It cannot check what needs the whole story or its
sources: that ids are unique, that references resolve, that a date is a real day (30 February), that
low <= high, that quotes occur in their sources. `mission-tui check` does all of it.
`data/story.schema.json` is this output, committed; tests keep the two equal.
"""

from __future__ import annotations

import json
from typing import Any

from .derived import DERIVED_KEY, derived_schema
from .models import StoryFile

SCHEMA_ID = "urn:mission-tui:story-file:1"
_DESCRIPTION = (
    "A mission-tui story file (format 1): a story's sources, events, key points, claims with verbatim "
    "quotes, and curated conflicts. This schema checks each table's fields and types, ids as lower-case "
    "slugs and dates as EDTF strings. Only `mission-tui check` can also check that ids are unique, that "
    "every reference names an item, that each date is a real day, and that every quote occurs in its "
    "source."
)


def _quantity_needs_a_number(schema: dict[str, Any]) -> None:
    """The model's `amount, or low and/or high` rule, as JSON Schema can say it."""
    quantity = schema["$defs"]["QuantityValue"]
    quantity["anyOf"] = [{"required": [name]} for name in ("amount", "low", "high")]


def story_schema() -> dict[str, Any]:
    """The story file's JSON Schema (draft 2020-12), with $id, title and every property described."""
    schema = StoryFile.model_json_schema()
    schema.pop("title", None)
    schema.pop("description", None)
    _quantity_needs_a_number(schema)
    extra = derived_schema()
    schema["$defs"].update(extra.pop("$defs", {}))
    schema["$defs"]["Derived"] = extra
    schema["properties"][DERIVED_KEY] = {
        "$ref": "#/$defs/Derived",
        "description": extra["description"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mission-tui story file",
        "description": _DESCRIPTION,
        **schema,
    }


def schema_text() -> str:
    """The schema as `mission-tui schema` prints it and data/story.schema.json holds it."""
    return json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n"
