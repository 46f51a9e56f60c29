"""Patch `driver`: the terminal stream Textual writes to survives a hung-up terminal.

Works around: when the terminal goes away (SIGHUP, a dropped SSH connection) every write fails with
EIO. Textual writes from a thread with a 30-entry queue; an OSError kills that thread, and the app then
blocks forever putting into its full queue (measured: still running 8 s after the hang-up). The
driver's output stream, kept in the private `LinuxDriver._file`, is wrapped: the first failed write
points the descriptor at /dev/null and the rest of the shutdown proceeds silently.
Private names: `LinuxDriver._file`.
Gain: the process exits (status 129) instead of hanging after a hang-up (tests/test_signals_pty.py).
Replace with: an upstream writer thread that stops on a write error instead of dying.
Off: Textual's driver as it is.
"""

from __future__ import annotations

import contextlib
import os
from typing import IO, TYPE_CHECKING, Any

from .patch import Patch

if TYPE_CHECKING:
    from textual.driver import Driver

PATCH = Patch("driver")


class HangupTolerantStream:
    """The terminal stream Textual writes to, except that a failed write (EIO once the pty is
    hung up, EPIPE, ...) redirects the descriptor to /dev/null instead of raising.

    Raising would kill Textual's writer thread and then deadlock the app on the writer's full queue.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.gone = False

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError:
            self.lost()
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError:
            self.lost()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def lost(self) -> None:
        """Point the descriptor at /dev/null, so the rest of the shutdown (and Python's final flush
        of the same stream) writes somewhere that cannot fail."""
        if self.gone:
            return
        self.gone = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()  # whatever the failed write left buffered now goes to /dev/null


def terminal_driver(driver_class: type[Driver]) -> type[Driver]:
    """Textual's terminal driver (a LinuxDriver class) with every driver workaround that is on:
    this module's, `terminal_input`'s and `suspend`'s."""
    from .suspend import suspend_safe
    from .terminal_input import input_safe

    return hangup_tolerant(input_safe(suspend_safe(driver_class)))


def hangup_tolerant(driver_class: type[Driver]) -> type[Driver]:
    """A subclass of Textual's terminal driver whose output stream survives a hung-up terminal;
    the class itself while the patch is off, or for a driver that keeps no `_file`."""
    if not PATCH.active:
        return driver_class

    class HangupTolerantDriver(driver_class):  # type: ignore[valid-type,misc]  # a class given at run time
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            stream = getattr(self, "_file", None)
            if stream is not None and not isinstance(stream, HangupTolerantStream):
                self._file = HangupTolerantStream(stream)

    name = f"HangupTolerant{driver_class.__name__}"
    HangupTolerantDriver.__qualname__ = HangupTolerantDriver.__name__ = name
    return HangupTolerantDriver
