"""The process's garbage-collector policy, in one place (pure Python: no Textual).

A story is hundreds of thousands of long-lived objects (a 100k-claim story: millions), built in
bursts and then kept until the app exits, and none of them form cycles. Python's cyclic collector
gains nothing from walking them, and every full collection walks them all. So:

- while a story, its conflicts or its index are built, the collector is paused (`gc_paused`):
  validating 100k claims took 1.42 s with it running, 0.29 s without;
- once built, they are frozen out of its generations (`freeze_heap`, gc.freeze), before the collector
  is back on (its first pass would otherwise walk every object just built: 0.08 s for 100k claims);
  later full collections then skip them (they cost 0.5 s pauses mid-keypress before);
- an app that ends while the process goes on (tests run many) hands them back (`release_heap`); the
  CLI does not, as that only bought a last walk over the story (0.7 s for 100k claims) before exit;
- while the explorer runs, the youngest generation is collected every 10,000 new objects, not 700
  (`collect_less_often`): a frame makes thousands of short-lived strips, styles and regions, and at
  700 many of them lived through two collections, were promoted, and soon made the oldest generation
  due: in a 60 s storm of keys and resizes, 23 full collections of ~240-340 ms each, 9.3 s of the
  collector in all; at 10,000 most die first: 1 full collection, 5.0 s in all;
- the index worker thread runs in long GIL turns (`long_gil_turns`): the event loop wakes often while
  the loading indicator spins and each wake takes the GIL at the next switch interval (5 ms).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

BUILD_SWITCH_INTERVAL = 0.05
"""Seconds a thread building the index keeps the GIL (Python's default is 0.005): indexing a 100k-claim
story took 0.42 s in a worker against 0.31 s on the main thread, 0.33 s with this interval."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a story's objects are built; the caller's setting
    is restored afterwards, even on error."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_heap() -> None:
    """Move everything alive now (story, index, widgets) out of the collector's reach."""
    gc.freeze()


YOUNG_THRESHOLD = 10_000
"""New container objects between two collections of the youngest generation (Python's default: 700)."""


def collect_less_often() -> None:
    """The explorer's collector thresholds (see the module); the older generations' are kept."""
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, oldest)


def release_heap() -> None:
    """Hand the frozen objects back to the collector (an app ends, the process goes on)."""
    gc.unfreeze()


@contextmanager
def long_gil_turns(interval: float = BUILD_SWITCH_INTERVAL) -> Iterator[None]:
    """Let the current thread keep the GIL for `interval` seconds at a time, then restore the default."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)
