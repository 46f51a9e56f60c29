"""The one place mission-tui touches private names of Textual and Rich, each behind a switch.

Every workaround is a module here with a `PATCH` (its switch) and a docstring saying what it works
around, what it gains (measured) and which public API or upstream fix would replace it:

- `output`: fewer bytes per frame (Textual's terminal renderers, replaced process-wide).
- `borders`: a border label change repaints only the cells it covers.
- `scrolling`: scrollbars and virtual sizes updated without a layout pass or an extra frame.
- `palette`: the command palette hardened against keys that arrive in one burst.
- `bindings`: the help screen reads the bindings Textual merged for a widget.
- `driver`: the terminal stream survives a hung-up terminal (SIGHUP, dropped SSH).
- `terminal_input`: undecodable bytes and impossible key codes ignored; a paste is one paste.
- `suspend`: SIGTSTP/SIGCONT handled on the event loop, never restarting an app that has ended.
- `footer`: the Footer recomposes only when its keys change, and lets go of the old ones (#6666).
- `focus`: a focus change repaints what it changes, not the whole screen.
- `errors`: the exception that ended the app, named in the one-line report.
- `resize`: a burst of resizes laid out at most twice a second, always ending on the last size.
- `strips`: a Strip makes its caches when it first uses one (most never do).
- `screen_size`: a screen lays out at the terminal's size, never at a stale resize's (an endless loop).
- `focus_within`: a focus change restyles the panes whose border changes, not everything in them.
- `one_frame`: what one keypress changes is drawn in one frame (a pane switch took two).
- `timers`: a one-shot timer that is already due fires at once (a negative delay spun for ever).

Nothing private is touched at import time. The app calls `install()` once: it checks the installed
Textual and Rich against the versions the patches were written for (`patch.WRITTEN_FOR`) and turns the
patches on. On any other version, or with MISSION_TUI_STOCK_TEXTUAL=1, it turns none on, and every
helper here takes its public-API path: the app runs on stock Textual, writing more bytes per frame,
behaving the same. MISSION_TUI_COMPAT_OFF=name,name leaves single patches off (how each is measured).

A new workaround: a module here with `PATCH = Patch("name", apply=..., revert=...)` (apply/revert
for something replaced process-wide; helpers and subclasses read `PATCH.active` instead), its name
in MODULES, a docstring as above, and private names only inside functions. tests/test_compat.py then
checks it touches nothing at import and that the app runs without it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .patch import OFF_ENV, STOCK_ENV, WRITTEN_FOR, Patch, stock_reason, switched_off

__all__ = [
    "OFF_ENV",
    "STOCK_ENV",
    "WRITTEN_FOR",
    "Patch",
    "active_patches",
    "install",
    "patches",
    "stock_reason",
    "switched_off",
    "uninstall",
]

MODULES = (
    "output", "borders", "scrolling", "palette", "bindings", "driver", "terminal_input", "suspend", "footer",
    "focus", "errors", "resize", "strips", "screen_size", "focus_within", "one_frame", "timers",
)  # fmt: skip

_installed = False
_stock_reason: str | None = None


def _modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in MODULES]


def patches() -> list[Patch]:
    """Every patch's switch, on or off."""
    return [module.PATCH for module in _modules()]


def install() -> str | None:
    """Turn the patches on, once per process (later calls change nothing); returns why none were
    turned on (stock Textual asked for, or other versions installed), None when they were."""
    global _installed, _stock_reason
    if _installed:
        return _stock_reason
    _installed = True
    _stock_reason = stock_reason()
    if _stock_reason is None:
        off = switched_off()
        for patch in patches():
            if patch.name not in off:
                patch.turn_on()
    return _stock_reason


def uninstall() -> None:
    """Every patch off, Textual's own methods back (tests compare the two); `install` works again."""
    global _installed, _stock_reason
    for patch in patches():
        patch.turn_off()
    _installed, _stock_reason = False, None


def active_patches() -> list[str]:
    return [patch.name for patch in patches() if patch.active]
