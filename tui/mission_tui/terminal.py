"""Run the explorer so that every way out leaves the terminal as it was.

Textual restores the terminal when the app exits through its own loop (q, ctrl+q, an error), but it
installs no handler for SIGTERM or SIGHUP: before this module, either signal killed the process on
the spot, leaving the shell in the alternate screen with the cursor hidden, mouse tracking and
bracketed paste on, and the tty in raw mode. `run_app` turns those signals (and an external SIGINT)
into an ordinary `app.exit`, so Textual's own shutdown restores the terminal, and then returns the
conventional status 128 + signal number (143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT); a normal
quit returns the app's own return code (0, or 1 after an error).

SIGHUP usually means the terminal is gone (an SSH connection dropped): every write to it then fails
with EIO. Textual writes from a thread with a 30-entry queue; an OSError kills that thread, and the
app then blocks forever putting into its full queue. (On a hang-up the kernel also sends SIGCONT, on
which Textual restarts application mode with a fresh writer thread: that one dies at once.) Measured
before the fix: still running 8 s after the hang-up. Python's final flush of the dead stderr would
also fail (exit status 120). So the driver's output stream is wrapped (`textual_compat.driver`): the
first failed write points the file descriptor at /dev/null and the rest of the shutdown proceeds
silently.

The driver's signal and input handling has workarounds of its own (`textual_compat.suspend` and
`textual_compat.terminal_input`): SIGTSTP/SIGCONT are handled on the event loop and never restart an
app that has ended, and the input thread ends at the end of its input instead of spinning on it.

A watchdog is the last resort: if the app has not exited `grace` seconds after a signal (a stuck
loop, a thread that never ends), it restores the tty modes, writes the reset sequences and exits
with the same status. After the app has returned, `exit_within` gives the process as long to end:
Python waits at exit for every thread that is not a daemon, and one that never ends (an input
thread spinning on a dead terminal, before the workarounds) kept an explorer at 100% CPU for ever.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING, Any

from .textual_compat.driver import terminal_driver

if TYPE_CHECKING:
    from textual.app import App

GRACE = 5.0
"""Seconds a signalled app gets to shut down before the watchdog restores the terminal and exits."""

RESTORE = (
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?7h"  # line wrap back on
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"  # mouse tracking off (every mode Textual sets)
    "\x1b[<u"  # pop the kitty keyboard protocol
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[?25h"  # show the cursor
    "\x1b[?1004l"  # focus reporting off
)
"""What Textual writes when it stops application mode (textual/drivers/linux_driver.py), for the watchdog."""


def handled_signals() -> tuple[signal.Signals, ...]:
    """SIGTERM, SIGHUP (absent on Windows) and SIGINT: the ways a process is asked to stop."""
    names = ("SIGTERM", "SIGHUP", "SIGINT")
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


class Watchdog(threading.Thread):
    """Armed by the first signal; if the app is still running `grace` seconds later, it restores the
    tty modes, writes RESTORE and ends the process with the signal's status.

    The thread starts before the app does: a signal handler must not start a thread (it could
    interrupt the main thread while that holds threading's own locks); it only sets an Event.
    """

    def __init__(self, grace: float, tty_modes: list[Any] | None) -> None:
        super().__init__(name="mission-tui-exit-watchdog", daemon=True)
        self.grace = grace
        self.tty_modes = tty_modes
        self.status = 0
        self._armed = threading.Event()
        self._finished = threading.Event()

    def arm(self, status: int) -> None:
        if not self._armed.is_set():
            self.status = status
            self._armed.set()

    def disarm(self) -> None:
        self._finished.set()
        self._armed.set()

    def run(self) -> None:
        self._armed.wait()
        if self._finished.wait(self.grace):
            return
        force_exit(self.status, self.tty_modes)


def force_exit(status: int, tty_modes: list[Any] | None, restore: bool = True) -> None:
    """The watchdog's way out: put the tty back, reset the screen (unless `restore` is False: the
    app has done it), exit without further cleanup."""
    if tty_modes is not None:
        with contextlib.suppress(Exception):
            import termios

            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, tty_modes)  # type: ignore[union-attr]  # None without a terminal: caught
    if restore:
        with contextlib.suppress(Exception):
            os.write(sys.__stderr__.fileno(), RESTORE.encode("ascii"))  # type: ignore[union-attr]  # None without a terminal: caught
    os._exit(status)


def exit_within(status: int, seconds: float = GRACE) -> int:
    """Give the process `seconds` to end once the app has returned, then end it with `status`;
    returns `status`. For the command line only: an in-process caller would be ended too."""

    def end_if_still_running() -> None:
        time.sleep(seconds)
        force_exit(status, None, restore=False)  # still here: a thread Python waits for at exit

    threading.Thread(target=end_if_still_running, name="mission-tui-exit-deadline", daemon=True).start()
    return status


def _tty_modes() -> list[Any] | None:
    """The terminal's modes before Textual switches it to raw mode (None if stdin is no tty)."""
    try:
        import termios

        return termios.tcgetattr(sys.__stdin__.fileno())  # type: ignore[union-attr]  # None without a terminal: caught
    except Exception:
        return None


def run_app(app: App[Any], *, grace: float = GRACE) -> int:
    """Run `app` in this terminal until it exits or is signalled; return the process exit status.

    Signals are handled with `signal.signal`, not `loop.add_signal_handler`: the handler then runs
    (and arms the watchdog) even while the event loop is busy. It hands `app.exit` to the loop with
    `call_soon_threadsafe`, as asyncio's own SIGINT handling does.
    """
    received: list[int] = []
    watchdog = Watchdog(grace, _tty_modes())
    watchdog.start()

    driver_class = getattr(app, "driver_class", None)
    if isinstance(driver_class, type) and sys.platform != "win32":
        from textual.drivers.linux_driver import LinuxDriver

        if issubclass(driver_class, LinuxDriver):
            app.driver_class = terminal_driver(driver_class)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        status = 128 + signum
        received.append(signum)
        watchdog.arm(status)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more): nothing to restore
            raise SystemExit(status) from None
        with contextlib.suppress(RuntimeError):  # the loop is closing: the app is on its way out
            loop.call_soon_threadsafe(functools.partial(app.exit, return_code=status))

    previous = {signum: signal.signal(signum, on_signal) for signum in handled_signals()}
    try:
        app.run()  # returns once the loop has shut down, worker threads included
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        watchdog.disarm()  # only now: an in-process caller (a test) must outlive it
    if received:
        return 128 + received[0]
    return getattr(app, "return_code", None) or 0  # None: never ran (or a stand-in app, in tests)
