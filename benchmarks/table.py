"""A row of `make bench`'s results table, shared by run.py and the step modules it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    """One line of the results table; `data` keeps the raw numbers for --json."""

    figure: str
    value: str = "n/a"
    reference: str = ""
    ratio: str = ""
    target: str = ""
    result: str = "n/a"
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"
