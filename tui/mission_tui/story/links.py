"""Links between a story's items: which items relate to one item, in each kind's display order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Links:
    """Items related to one item, per kind, in each kind's display order."""

    events: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()

    def of(self, kind: str) -> tuple[str, ...]:
        return {
            "event": self.events,
            "key_point": self.key_points,
            "source": self.sources,
            "claim": self.claims,
            "conflict": self.conflicts,
        }[kind]


def in_order(items: Iterable[str], order: Mapping[str, int]) -> tuple[str, ...]:
    """`items` without repeats, sorted by their position in `order` (unknown ones first)."""
    return tuple(sorted(dict.fromkeys(items), key=lambda i: order.get(i, 0)))


class OrderedLinks(Mapping[str, tuple[str, ...]]):
    """Ids linked to each id, without repeats, in display order; each entry ordered when first read.

    Ordering every entry up front cost 0.14 s of a 100k-claim story's start-up, for entries that are
    mostly never shown (one item is shown at a time).
    """

    __slots__ = ("_done", "_order", "_raw")

    def __init__(self, raw: dict[str, list[str]], order: dict[str, int]) -> None:
        self._raw = raw
        self._order = order
        self._done: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, key: str) -> tuple[str, ...]:
        done = self._done.get(key)
        if done is None:
            items = self._raw[key]
            done = (items[0],) if len(items) == 1 else in_order(items, self._order)
            self._done[key] = done
        return done

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)
