"""Every way out of the explorer, in a real pseudo-terminal, restores the terminal and exits promptly.

The installed `mission-tui` script runs on the bundled story at 80x24 with TERM=xterm-256color under
pexpect; every byte it writes is kept. For q, ctrl+q, SIGTERM, SIGHUP and SIGINT the process must exit
within EXIT_TIMEOUT with the expected status (0 for a quit, 128 + the signal's number for a signal,
see mission_tui/terminal.py), and after the last time it enabled each terminal mode the output must
disable it again: alternate screen, hidden cursor, mouse tracking, bracketed paste, focus events, the
kitty keyboard protocol and line wrap. Before terminal.py, SIGTERM and SIGHUP killed the process at
once and left all of them on.

A dropped SSH connection is a SIGHUP plus a closed pty master: nothing can be read any more, so that
test checks the process ends, promptly and with status 129, instead of hanging on writes that fail.
ctrl+c does not quit (Textual binds it to copy): the explorer says how to quit instead.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

import pytest

from ptytools import TODAY, PtySession, wait_until

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")
termios = pytest.importorskip("termios")

if sys.platform == "win32" or not hasattr(os, "openpty"):
    pytest.skip("needs a POSIX pseudo-terminal", allow_module_level=True)

pytestmark = pytest.mark.slow  # each starts the explorer in a real terminal: 1-8 s

START_TIMEOUT = 30.0  # first frame; normally ~1 s
KEY_TIMEOUT = 10.0
EXIT_TIMEOUT = 5.0  # from the key or signal to the process being gone (normally ~0.3 s)
FIRST_FRAME = "step 0 of 5"

# (enable, disable) pairs: what Textual 8 writes when it starts and stops application mode.
MODES = {
    "alternate screen": (b"\x1b[?1049h", b"\x1b[?1049l"),
    "hidden cursor": (b"\x1b[?25l", b"\x1b[?25h"),
    "mouse clicks": (b"\x1b[?1000h", b"\x1b[?1000l"),
    "mouse motion": (b"\x1b[?1003h", b"\x1b[?1003l"),
    "urxvt mouse": (b"\x1b[?1015h", b"\x1b[?1015l"),
    "SGR mouse": (b"\x1b[?1006h", b"\x1b[?1006l"),
    "bracketed paste": (b"\x1b[?2004h", b"\x1b[?2004l"),
    "focus events": (b"\x1b[?1004h", b"\x1b[?1004l"),
    "kitty keyboard": (b"\x1b[>", b"\x1b[<u"),
    "no line wrap": (b"\x1b[?7l", b"\x1b[?7h"),
}
MUST_ENABLE = ("alternate screen", "hidden cursor", "mouse clicks", "bracketed paste")


class Session(PtySession):
    """The explorer on the bundled story, started and navigated a little before it is asked to stop."""

    def __init__(self) -> None:
        super().__init__("--today", TODAY)

    def start(self) -> None:
        self.wait_for(FIRST_FRAME, START_TIMEOUT)
        self.send("n")  # a little navigation first, so the exit is from a used session
        self.wait_for("step 1 of 5", KEY_TIMEOUT)


def assert_restored(raw: bytes) -> None:
    """After the last enable of each mode comes a disable; the main ones were enabled at all."""
    for name in MUST_ENABLE:
        assert MODES[name][0] in raw, f"{name} was never enabled: did the explorer run full-screen?"
    for name, (enable, disable) in MODES.items():
        on = raw.rfind(enable)
        if on >= 0:
            assert raw.rfind(disable) > on, f"{name} left on: {bytes(raw[-300:])!r}"
    tail = raw[raw.rfind(b"\x1b[?1049l") :]
    assert b"Traceback" not in tail, tail.decode("utf-8", "replace")


def send_key(key: bytes) -> Callable[[Session], None]:
    return lambda session: session.child.send(key)


def send_signal(signum: signal.Signals) -> Callable[[Session], None]:
    return lambda session: os.kill(session.child.pid, signum)


WAYS_OUT = {
    "q": (send_key(b"q"), 0),
    "ctrl+q": (send_key(b"\x11"), 0),
    "SIGTERM": (send_signal(signal.SIGTERM), 128 + signal.SIGTERM),
    "SIGHUP": (send_signal(signal.SIGHUP), 128 + signal.SIGHUP),  # terminal still there: kill -HUP
    "SIGINT": (send_signal(signal.SIGINT), 128 + signal.SIGINT),  # kill -INT; ^C is a key (below)
}


@pytest.mark.parametrize("way", list(WAYS_OUT))
def test_way_out_restores_the_terminal(way):
    action, expected = WAYS_OUT[way]
    session = Session()
    try:
        session.start()
        action(session)
        took, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
        modes = termios.tcgetattr(session.child.child_fd)  # the pty's modes, read from the master
    finally:
        session.kill()
    raw = bytes(session.raw)
    assert killed_by is None, f"{way}: killed by signal {killed_by} without restoring the terminal"
    assert status == expected, f"{way}: exit status {status}, expected {expected}"
    assert_restored(raw)
    assert modes[3] & termios.ECHO and modes[3] & termios.ICANON, "the tty was left in raw mode"
    print(f"{way}: exit {status} in {took:.2f}s")


@pytest.mark.parametrize("with_signal", [True, False], ids=["sighup-then-close", "close-only"])
def test_dropped_connection_exits_promptly(with_signal):
    """The pty disappears: writes fail with EIO. The explorer must neither hang nor die uncleanly."""
    session = Session()
    try:
        session.start()
        if with_signal:
            os.kill(session.child.pid, signal.SIGHUP)
        session.hang_up()
        took, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert killed_by is None, f"killed by signal {killed_by}"
    # 129: our SIGHUP handler ran. 120 would mean Python failed to flush the dead terminal at exit,
    # 1 an exception; a hang fails in wait_exit.
    assert status == 128 + signal.SIGHUP, status
    print(f"hang-up: exit {status} in {took:.2f}s")


def test_ctrl_c_says_how_to_quit_and_ctrl_q_then_quits():
    session = Session()
    try:
        session.start()
        session.child.send(b"\x03")
        session.wait_for("to quit the app", KEY_TIMEOUT)
        assert "Press ctrl+q to quit the app" in session.text()
        assert session.child.isalive()
        session.child.send(b"\x11")
        took, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert killed_by is None and status == 0
    assert_restored(bytes(session.raw))
    print(f"ctrl+c: notified; ctrl+q: exit {status} in {took:.2f}s")


# -- the watchdog: an app that cannot finish shutting down --------------------------------------------

STUCK_APP = """
import sys, time
from textual.app import App
from textual.widgets import Static
from mission_tui.terminal import run_app

class Stuck(App[None]):
    def compose(self):
        yield Static("starting")

    def on_mount(self) -> None:
        self.set_timer(0.2, self.prepare)

    def prepare(self) -> None:
        self.query_one(Static).update("HUNG")
        self.call_after_refresh(self.hang)

    def hang(self) -> None:
        open(sys.argv[2], "w").close()  # tell the test the loop is stuck from here on
        time.sleep(60)  # the event loop is stuck: app.exit never runs, Textual never restores

sys.exit(run_app(Stuck(), grace=float(sys.argv[1])))
"""


WATCHDOG_ONLY = b"\x1b[?1016l"  # in terminal.RESTORE; Textual writes it only after enabling pixel mouse


def test_watchdog_restores_and_exits_when_the_loop_is_stuck(tmp_path):
    """A signal while the event loop is blocked: the handler still runs (it is not a loop callback)
    and arms the watchdog, which restores the tty modes and the screen after `grace` and exits."""
    grace = 1.0
    program = tmp_path / "stuck.py"
    program.write_text(STUCK_APP, encoding="utf-8")
    hanging = tmp_path / "hanging"
    session = PtySession(str(program), str(grace), str(hanging), program=sys.executable)
    try:
        session.wait_for("HUNG", START_TIMEOUT)
        wait_until(hanging.exists, START_TIMEOUT, "the loop to hang", session.text)
        raw_modes = termios.tcgetattr(session.child.child_fd)  # a pty's modes read from either side
        os.kill(session.child.pid, signal.SIGTERM)
        took, status, killed_by = session.wait_exit(grace + EXIT_TIMEOUT)
        modes = termios.tcgetattr(session.child.child_fd)
    finally:
        session.kill()
    assert killed_by is None and status == 128 + signal.SIGTERM, (status, killed_by)
    assert grace <= took < grace + EXIT_TIMEOUT, took
    raw = bytes(session.raw)
    assert WATCHDOG_ONLY in raw  # the watchdog's restore, not Textual's (it never got to run)
    assert_restored(raw)
    assert not raw_modes[3] & termios.ECHO and modes[3] & termios.ECHO and modes[3] & termios.ICANON


# -- the hang-up tolerant stream, in process -----------------------------------------------------------


def test_a_failed_write_sends_the_rest_to_dev_null():
    """What Textual's writer thread sees once the terminal is gone: no exception, nothing blocks, and
    the descriptor now points at /dev/null, so Python's final flush cannot fail either."""
    from mission_tui.textual_compat.driver import HangupTolerantStream

    read_end, write_end = os.pipe()
    os.close(read_end)  # writing now fails with EPIPE, as a hung-up tty fails with EIO
    stream = HangupTolerantStream(os.fdopen(write_end, "w", encoding="utf-8"))
    try:
        assert stream.write("\x1b[?1049l" * 10_000) == 80_000  # larger than the buffer: written now
        stream.flush()
        assert stream.gone
        assert os.path.samestat(os.fstat(write_end), os.stat(os.devnull))
        stream.write("more")
        stream.flush()
    finally:
        stream.close()
