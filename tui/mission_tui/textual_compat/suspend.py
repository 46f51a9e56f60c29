"""Patch `suspend`: SIGTSTP and SIGCONT handled on the event loop, and never after the app has ended.

Works around two faults of textual 8.2.8's LinuxDriver, found as explorers that never exited (about
one run in six after SIGTSTP, `fg`, q and the terminal closing; benchmarks/run.py --only 11):
- Its SIGTSTP and SIGCONT handlers do the work in the signal handler: stopping and restarting
  application mode, which writes to the output thread's queue. Python runs a handler in the main thread
  between any two bytecodes, so a handler that arrives while the main thread is inside that queue's
  `put`, holding its lock, blocks forever on the same lock.
- Its SIGCONT handler restarts application mode whenever it runs, not only after a suspend: a SIGCONT
  after the app has stopped application mode for good (the kernel sends one with the SIGHUP when a
  terminal hangs up) started a new output thread and a new input thread on the dead terminal, which
  spun at 100% CPU while Python waited for it at exit.
Turned on, the handlers only hand the work to the event loop (`call_soon_threadsafe`, as asyncio's own
signal handling does); a suspend is undone only by the SIGCONT that follows it, and application mode
is never restarted once it has been stopped for good (the app exiting). Once the driver is closed for
good, the SIGTSTP and SIGCONT handlers it replaced are put back.
Private names: `LinuxDriver._sigtstp_application`, `_sigcont_application`, `_must_signal_resume`,
`_writer_thread`, `Driver._auto_restart`, `_loop`.
Gain: no process left running after a suspend and a hang-up (0 of 12 vs 2 of 16 before).
Replace with: upstream handlers that defer to the loop and restart only after their own suspend.
Off: Textual's handlers.
"""

from __future__ import annotations

import contextlib
import os
import signal
from types import FrameType
from typing import TYPE_CHECKING, Any

from .patch import Patch

if TYPE_CHECKING:
    from textual.driver import Driver

PATCH = Patch("suspend")

_SIGNALS = ("SIGTSTP", "SIGCONT")


def stop_process() -> None:
    """What a suspend comes to: the process stops here until SIGCONT."""
    os.kill(os.getpid(), signal.SIGSTOP)


def suspend_safe(driver_class: type[Driver]) -> type[Driver]:
    """A subclass of a LinuxDriver class with the handlers above; the class itself while off."""
    if not PATCH.active:
        return driver_class

    class SuspendSafeDriver(driver_class):  # type: ignore[valid-type,misc]  # a class given at run time
        """Application mode is stopped and restarted on the event loop, and never restarted once
        stopped for good."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.replaced_handlers = {
                signum: signal.getsignal(signum)
                for signum in (getattr(signal, name) for name in _SIGNALS if hasattr(signal, name))
            }
            super().__init__(*args, **kwargs)  # installs the two handlers below
            self.suspending = False
            self.suspended = False
            self.finished = False

        # -- in the signal handler: only hand over to the loop ------------------------------------

        def _sigtstp_application(self, signum: int = 0, frame: FrameType | None = None) -> None:
            if self.finished or not self._auto_restart:  # nothing to put away (or App.suspend's)
                stop_process()
                return
            try:
                self._loop.call_soon_threadsafe(self.suspend_now)
            except RuntimeError:  # the loop is closed: the app is gone
                stop_process()

        def _sigcont_application(self, signum: int = 0, frame: FrameType | None = None) -> None:
            if self.suspended:
                with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to resume
                    self._loop.call_soon_threadsafe(self.resume_now)

        # -- on the loop ---------------------------------------------------------------------------

        def suspend_now(self) -> None:
            if not (self.finished or self.suspended):
                self.suspend_application_mode()
                self.suspended = True
                self._must_signal_resume = True  # the app publishes app_resume_signal on restart
            stop_process()  # SIGCONT continues from here, and its handler schedules resume_now

        def resume_now(self) -> None:
            if not self.suspended or self.finished:
                return
            self.resume_application_mode()
            # Textual gives up if the terminal is not ours yet (resumed with `bg`); the next
            # SIGCONT (`fg`) tries again.
            writer = self._writer_thread
            self.suspended = writer is None or not writer.is_alive()

        # -- application mode ----------------------------------------------------------------------

        def suspend_application_mode(self) -> None:
            self.suspending = True
            try:
                super().suspend_application_mode()
            finally:
                self.suspending = False

        def start_application_mode(self) -> None:
            if not self.finished:
                super().start_application_mode()

        def stop_application_mode(self) -> None:
            if not self.suspending:
                self.finished = True
                if self.suspended:  # already stopped by the suspend, and not restarted since
                    return
            super().stop_application_mode()

        def close(self) -> None:
            super().close()
            if self.finished:
                for signum, handler in self.replaced_handlers.items():
                    with contextlib.suppress(ValueError, TypeError):  # not the main thread; no handler
                        signal.signal(signum, handler)

    name = f"SuspendSafe{driver_class.__name__}"
    SuspendSafeDriver.__qualname__ = SuspendSafeDriver.__name__ = name
    return SuspendSafeDriver
