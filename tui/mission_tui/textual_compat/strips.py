"""Patch `strips`: a Strip makes its seven little caches when it first uses one, not when it is made.

Works around: `Strip.__init__` builds seven `FIFOCache` objects (crop, divide, style, filter, ...) for
every strip, and a frame makes thousands of short-lived strips that never use them: cropping,
dividing and styling each return a new Strip. Profiled (py-spy) during a key and resize storm, half of
the compositor's time was `Strip.__init__` and `FIFOCache.__init__`.
Turned on, `Strip.__init__` leaves the cache slots unset and `Strip.__getattr__` (called by Python only
for an unset slot) makes a cache the first time it is asked for. Textual's `Content` already makes its
divide cache lazily; this does the same for Strip.
Private names: `Strip.__init__`'s cache slots (`_divide_cache`, `_crop_cache`, `_style_cache`,
`_filter_cache`, `_line_length_cache`, `_crop_extend_cache`, `_offsets_cache`).
Gain: making a Strip 2.5 -> 0.3 us; see the issue-12 closing note for the app-level figures.
Replace with: lazily made caches upstream.
Off: Textual's own `__init__`. `__getattr__` stays once installed, so strips made while the patch was
on (some live in Textual's module-level caches) keep working; it only ever answers for an unset slot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

from .patch import Patch

CACHE_SIZES = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}
"""Each cache slot and the size Textual 8.2.8's `Strip.__init__` gives it."""

_stock_init: Callable[..., None] | None = None


def _lazy_init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    """Textual's `Strip.__init__` without the caches."""
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _make_cache(self: Strip, name: str) -> Any:
    """The cache `name`, made on first use; any other missing attribute is an AttributeError as before."""
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
    cache: FIFOCache[Any, Any] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def _apply() -> None:
    global _stock_init
    if _stock_init is None:
        _stock_init = Strip.__dict__["__init__"]
    Strip.__init__ = _lazy_init  # type: ignore[method-assign]
    Strip.__getattr__ = _make_cache  # type: ignore[attr-defined]


def _revert() -> None:
    if _stock_init is not None:
        Strip.__init__ = _stock_init  # type: ignore[method-assign]


PATCH = Patch("strips", apply=_apply, revert=_revert)
