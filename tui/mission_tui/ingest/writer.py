"""The draft as TOML: the bundled story's table order and look; every value quoted by tomlkit.

tomlkit renders each value (strings escaped by a TOML library, never by hand; long and multi-line text
in literal blocks ('''…''') as in the bundled story, so curly quotes and apostrophes stay readable and
verbatim). The layout around the values (comments, `[story]`, one `[[table]]` per item, blank lines) is
joined here: building a whole tomlkit document item by item cost about 5 ms a claim (a 10,000-line
digest: ~60 s just to write). Plain data in, text out: the same data gives the same bytes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import tomlkit
from tomlkit.items import String, StringType, Trivia

from ..story.models import TABLES

DRAFT_MARK = "# mission-tui draft"
"""How a draft file begins; the explorer shows a file that still begins so as an unreviewed draft."""
_BLOCK_AT = 100  # characters: longer text goes in a ''' block
_LITERAL_UNSAFE = re.compile(r"'''|[\x00-\x08\x0b-\x1f\x7f]|'$")
_NOTHING_TO_ESCAPE = re.compile(r"[^\"\\\x00-\x1f\x7f]*\Z")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def header(digest: str) -> list[str]:
    return [
        f"{DRAFT_MARK}, NOT REVIEWED: ingested automatically from {digest} by `mission-tui ingest`.",
        "# Every value below was extracted by rules, with no model and no person checking it; each",
        "# item's `inference` names its rule. Check the draft against the digest (`mission-tui check`",
        "# verifies every quote and lists the conflicts), correct it, then delete these four lines.",
    ]


@lru_cache(maxsize=4096)  # ids, outlets, units and the document path repeat on every item
def toml_string(text: str) -> str:
    """A TOML string as tomlkit writes it: a literal block for long or multi-line text, else quoted."""
    if ("\n" in text or len(text) > _BLOCK_AT) and not _LITERAL_UNSAFE.search(text):
        return String(StringType.MLL, text, "\n" + text, Trivia()).as_string()
    if _NOTHING_TO_ESCAPE.match(text):  # what tomlkit writes for it, without its per-character scan
        return f'"{text}"'
    # A carriage return in a multi-line string would be read back as a newline: escape it on one line.
    return tomlkit.string(text, multiline="\n" in text and "\r" not in text).as_string()


def _value(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, dict):  # an inline table, as the bundled story writes a claim's value
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return str(tomlkit.item(value).as_string())  # numbers and booleans (tomlkit.item is untyped)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def _table(data: dict[str, Any]) -> list[str]:
    return [f"{_key(key)} = {_value(value)}" for key, value in data.items()]


def to_toml(data: dict[str, Any], digest: str) -> str:
    """A story's tables (plain data, in file order) as TOML, headed by the draft comment."""
    lines = [*(line.replace("\n", " ") for line in header(digest)), ""]
    lines += [f"format = {_value(data['format'])}", "", "[story]", *_table(data["story"])]
    for name in TABLES:
        items = data.get(name) or []
        if not items:
            continue
        lines += ["", "# " + "-" * (100 - len(name)) + " " + name.replace("_", " ")]
        for item in items:
            lines += ["", f"[[{name}]]", *_table(item)]
    return "\n".join(lines) + "\n"
