"""The draft as TOML: the bundled story's table order and look, written with tomlkit.

tomlkit (not a hand-made serializer) so every string is quoted and escaped by a TOML library; long
and multi-line text goes in literal blocks ('''…''') as in the bundled story, so quotes with curly
quotes or apostrophes stay readable and verbatim. Plain data in, text out: the same data gives the
same bytes.
"""

from __future__ import annotations

import re
from typing import Any

import tomlkit
from tomlkit.items import String, StringType, Table, Trivia

from ..story.models import TABLES

DRAFT_MARK = "# mission-tui draft"
"""How a draft file begins; the explorer shows a file that still begins so as an unreviewed draft."""
_BLOCK_AT = 100  # characters: longer text goes in a ''' block
_LITERAL_UNSAFE = re.compile(r"'''|[\x00-\x08\x0b-\x1f\x7f]|'$")


def header(digest: str) -> list[str]:
    return [
        f"{DRAFT_MARK}, NOT REVIEWED: ingested automatically from {digest} by `mission-tui ingest`.",
        "# Every value below was extracted by rules, with no model and no person checking it; each",
        "# item's `inference` names its rule. Check the draft against the digest (`mission-tui check`",
        "# verifies every quote and lists the conflicts), correct it, then delete these four lines.",
    ]


def _string(text: str) -> String:
    if ("\n" in text or len(text) > _BLOCK_AT) and not _LITERAL_UNSAFE.search(text):
        return String(StringType.MLL, text, "\n" + text, Trivia())
    return tomlkit.string(text, multiline="\n" in text)


def _value(value: Any) -> Any:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        for key, item in value.items():
            inline.append(key, item)
        return inline
    if isinstance(value, list):
        array = tomlkit.array()
        array.extend(value)
        return array
    return value


def _table(data: dict[str, Any]) -> Table:
    table = tomlkit.table()
    for key, value in data.items():
        table.add(key, _value(value))
    return table


def to_toml(data: dict[str, Any], digest: str) -> str:
    """A story's tables (plain data, in file order) as TOML, headed by the draft comment."""
    doc = tomlkit.document()
    for line in header(digest):
        doc.add(tomlkit.comment(line[2:]))
    doc.add(tomlkit.nl())
    doc.add("format", data["format"])
    doc.add(tomlkit.nl())
    doc.add("story", _table(data["story"]))
    for name in TABLES:
        items = data.get(name) or []
        if not items:
            continue
        doc.add(tomlkit.nl())
        doc.add(tomlkit.comment("-" * (100 - len(name)) + " " + name.replace("_", " ")))
        doc.add(tomlkit.nl())
        array = tomlkit.aot()
        for item in items:
            array.append(_table(item))
        doc.add(name, array)
    return tomlkit.dumps(doc)
