"""What the real-terminal tests share: the installed script, its environment, bounded waits, and one
pseudo-terminal session helper (`PtySession`)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyte
import pytest

TODAY = "2026-11-24"
WIDTH, HEIGHT = 80, 24


def as_seen(cell: pyte.screens.Char) -> tuple[object, ...]:
    """A pyte cell as a reader sees it: a blank without reverse, an underline, strike or blink shows
    its background alone, whatever foreground or bold it carries."""
    if cell.data == " " and not (cell.reverse or cell.underscore or cell.strikethrough or cell.blink):
        return (" ", cell.bg)
    looks = (cell.bold, cell.italics, cell.reverse, cell.underscore, cell.strikethrough)
    return (cell.data, cell.fg, cell.bg, *looks)


def script() -> str:
    """The installed console script: the one beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "mission-tui"
    if beside.exists():
        return str(beside)
    found = shutil.which("mission-tui")
    if found is None:
        pytest.skip("the mission-tui console script is not installed")
    return found


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment as an 80x24 xterm-256color terminal, colours not forced either way."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "TMUX")}
    env.update(TERM="xterm-256color", COLUMNS=str(WIDTH), LINES=str(HEIGHT), **extra)
    return env


def wait_until(
    check: Callable[[], bool], timeout: float, what: str, show: Callable[[], str], poll: float = 0.05
) -> float:
    """Poll `check` until true; return the seconds it took, or fail showing the screen."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if check():
            return time.monotonic() - start
        if poll:
            time.sleep(poll)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}; screen:\n{show()}")


class PtySession:
    """A program in an 80x24 pseudo-terminal under pexpect: every byte it writes is kept (`raw`) and
    fed to a pyte screen to wait on. By default the installed `mission-tui` with `args`."""

    def __init__(self, *args: str, program: str | None = None, env: dict[str, str] | None = None) -> None:
        import pexpect
        import pyte

        self.raw = bytearray()
        self.screen = pyte.Screen(WIDTH, HEIGHT)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False
        self.child = pexpect.spawn(
            program or script(),
            list(args),
            env=child_env(**(env or {})),
            dimensions=(HEIGHT, WIDTH),
            timeout=10,
        )
        self.child.delaybeforesend = None

    def pump(self, wait: float = 0.05) -> bool:
        """Read what arrives within `wait` seconds; False once the program has closed its side."""
        import pexpect

        if self.eof:
            return False
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            self.eof = True
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Seconds until `text` is on the screen; fails at once if the program ends without it."""

        def shown() -> bool:
            if not self.pump() and text not in self.text():
                pytest.fail(f"the program ended before showing {text!r}; screen:\n{self.text()}")
            return text in self.text()

        return wait_until(shown, timeout, repr(text), self.text, poll=0)

    def send(self, keys: str | bytes) -> None:
        self.child.send(keys)

    def settle(self, quiet: float = 0.4, timeout: float = 10.0) -> None:
        """Read until the program has written nothing for `quiet` seconds (at most `timeout`)."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline:
            before = len(self.raw)
            if not self.pump(0.05):
                return
            if len(self.raw) != before:
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    def wait_exit(self, timeout: float = 10.0) -> tuple[float, int | None, int | None]:
        """Read to EOF and reap: (seconds taken, exit status, killing signal); fail past `timeout`."""
        start = time.monotonic()
        wait_until(lambda: not self.pump(), timeout, "the program to close its output", self.text, poll=0)
        wait_until(lambda: not self.child.isalive(), timeout, "the program to exit", self.text, poll=0.02)
        return time.monotonic() - start, self.child.exitstatus, self.child.signalstatus

    def hang_up(self) -> None:
        """Close the master side, as sshd does when the connection drops (the kernel then sends SIGHUP).

        Done by hand: pexpect's close() would also send SIGHUP, SIGCONT and SIGINT and wait.
        """
        self.child.ptyproc.fileobj.close()
        self.child.ptyproc.closed = True
        self.child.closed = True
        self.eof = True

    def kill(self) -> None:
        """Clean up whatever happened: SIGKILL our child if it still runs, and reap it."""
        try:
            if self.child.isalive():
                os.kill(self.child.pid, signal.SIGKILL)
                deadline = time.monotonic() + 5
                while self.child.isalive() and time.monotonic() < deadline:
                    time.sleep(0.02)
        finally:
            if not self.child.closed:
                self.child.close(force=True)
