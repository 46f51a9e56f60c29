"""Parse and validate a large story a slice at a time, so its parsed TOML never exists all at once.

A 100k-claim story is ~22 MB of TOML: parsed whole, the dicts alone take ~150 MB (rtoml's own
document a further ~330 MB at its peak) before the models are built. Cut at its top-level item
headers (`[[claims]]` ...), each slice is parsed and turned into models, and its dicts are freed
before the next one, so the peak is about the size of the models.

This is only a fast path. It returns None, and the caller parses the file whole, whenever the
result could differ from a whole-file parse: any slice that fails to parse or validate, an item
count that does not match its headers, or a key defined in two slices. A cut inside a multi-line
string always leaves the earlier slice with an unterminated string, so it cannot go unnoticed.
Every error message therefore still comes from the whole-file path, with its line numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .models import TABLES, Claim, CuratedConflict, Event, KeyPoint, Source, StoryFile

ITEMS_PER_SLICE = 2_000
# An item header is a line `[[table]]`, maybe indented and commented. The pattern starts at the
# brackets, not at `^[ \t]*`: a literal first character lets the regex engine skip ahead instead of
# trying every position of a 22 MB text (0.12 s -> 0.05 s); `_headers` then keeps the matches that
# only blanks precede on their line, which are exactly those the anchored pattern finds.
_HEADER = re.compile(
    r"\[\[[ \t]*(" + "|".join(TABLES) + r")[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE
)


def _headers(text: str) -> tuple[list[int], list[str]]:
    """Where each item header starts, and its table."""
    starts: list[int] = []
    tables: list[str] = []
    for match in _HEADER.finditer(text):
        start = match.start()
        if start and text[start - 1] != "\n":
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip(" \t"):
                continue
        starts.append(start)
        tables.append(match[1])
    return starts, tables


@cache
def _adapter(table: str) -> TypeAdapter[Any]:
    """Built on first use: only large stories need them, and building costs start-up time."""
    models = dict(zip(TABLES, (Source, Event, KeyPoint, Claim, CuratedConflict), strict=True))
    return TypeAdapter(list[models[table]])  # type: ignore[valid-type]  # the model is picked at run time


def load_in_slices(text: str, parse: Callable[[str], dict[str, Any]]) -> StoryFile | None:
    """The validated story (references not yet checked), or None to say: parse this file whole."""
    starts, tables = _headers(text)
    if len(starts) <= ITEMS_PER_SLICE:
        return None  # small enough that slicing saves nothing
    try:
        top = parse(text[: starts[0]])
    except Exception:
        return None
    if top.keys() & set(TABLES):
        return None  # a table also given another way (e.g. an inline array): let tomllib judge
    items: dict[str, list[Any]] = {table: [] for table in TABLES}
    for first in range(0, len(starts), ITEMS_PER_SLICE):
        end = first + ITEMS_PER_SLICE
        stop = starts[end] if end < len(starts) else len(text)
        try:
            data = parse(text[starts[first] : stop])
        except Exception:
            return None
        counts = Counter(tables[first:end])
        if counts.keys() - data.keys():
            return None
        for key, value in data.items():
            if key in counts:
                if not isinstance(value, list) or len(value) != counts[key]:
                    return None
                try:
                    items[key].extend(_adapter(key).validate_python(value))
                except ValidationError:
                    return None
            elif key in top or key in TABLES:
                return None  # defined twice: a whole-file parse reports it
            else:
                top[key] = value  # e.g. a [story] table written after the items
        del data
    try:
        return StoryFile.model_validate(
            {**top, **{table: found for table, found in items.items() if found}},
            context={"defer_references": True},
        )
    except ValidationError:
        return None
