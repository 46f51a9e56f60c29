"""Patch `errors`: the exception that ended the app, for the one-line report the command line prints.

Works around: when a handler raises, Textual keeps the exception in the private `App._exception`,
prints a rich traceback with local variables on exit and sets return code 1; the public API tells
only that it failed, not how. The command line reports it in one line (and the traceback only with
MISSION_TUI_DEBUG=1), so it reads the exception here.
Private names: `App._exception`.
Gain: the report names the error ("RuntimeError: ...") instead of saying only that there was one.
Replace with: a public accessor for the exception that ended an app.
Off: the report says the explorer stopped on an unexpected error, without naming it.
"""

from __future__ import annotations

from textual.app import App

from .patch import Patch

PATCH = Patch("errors")


def exception_of(app: App[object]) -> BaseException | None:
    """The first unhandled exception of `app` (None if there was none, or the patch is off)."""
    if not PATCH.active:
        return None
    exception = getattr(app, "_exception", None)
    return exception if isinstance(exception, BaseException) else None
