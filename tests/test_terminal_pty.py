"""The explorer in a real pseudo-terminal: hostile input, ctrl+z and fg, crashes, and every way out
after a resume. (Signals and hang-ups of a session that was never suspended: test_signals_pty.py.)

Before these fixes: one byte 0xE9 or 0x9B, or `ESC[1114112u`, ended the explorer with a traceback and
exit status 0; a 100 KB paste with ESC bytes ran >120 s at 100% CPU with q ignored; ctrl+z did
nothing, and after `kill -TSTP` and `fg` the screen stayed blank until a key; a SIGCONT without a
suspend started a second input thread; after TSTP, fg, q and a hang-up about one run in six never
ended.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ptytools import TODAY, PtySession, wait_until

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")
termios = pytest.importorskip("termios")

if sys.platform != "linux":
    pytest.skip("reads process states from /proc", allow_module_level=True)

pytestmark = pytest.mark.slow  # each starts the explorer in a real terminal: 1-8 s

START_TIMEOUT = 30.0
KEY_TIMEOUT = 10.0
EXIT_TIMEOUT = 5.0  # what the explorer promises for every way out
FIRST_FRAME = "step 0 of 5"


def process_state(pid: int) -> str:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().rpartition(")")[2].split()[0]


def thread_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


class Explorer(PtySession):
    """The explorer on the bundled story, `env` added to the test's environment."""

    def __init__(self, **env: str) -> None:
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            super().__init__("--today", TODAY)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value

    def start(self) -> None:
        self.wait_for(FIRST_FRAME, START_TIMEOUT)

    def after_restore(self) -> str:
        """What the program wrote after it last left the alternate screen (its messages)."""
        raw = bytes(self.raw)
        return raw[raw.rfind(b"\x1b[?1049l") :].decode("utf-8", "replace")

    def quiet(self, seconds: float = 0.3) -> None:
        """Read until nothing has come for `seconds` (at most KEY_TIMEOUT)."""
        deadline = time.monotonic() + KEY_TIMEOUT
        while time.monotonic() < deadline:
            before = len(self.raw)
            if not self.pump(seconds) or len(self.raw) == before:
                return


# -- input the explorer cannot read --------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [b"\xe9", b"\x9b", b"\x1b[1114112u", b"\x1b[99999999999999999999u"],
    ids=["0xE9", "0x9B", "code past Unicode", "code past C long"],
)
def test_unreadable_input_is_ignored(junk: bytes) -> None:
    session = Explorer()
    try:
        session.start()
        session.send(junk + b"n")  # the key after it used to meet the crash
        session.wait_for("step 1 of 5", KEY_TIMEOUT)
        session.send("q")
        _, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert (status, killed_by) == (0, None)
    assert "Traceback" not in bytes(session.raw).decode("utf-8", "replace")


def test_a_hostile_paste_into_the_filter_is_one_paste_and_q_still_quits() -> None:
    rng = random.Random(0)
    body = "".join(rng.choice("abcdefghij \x1b[;0123456789~q") for _ in range(100_000))
    session = Explorer()
    try:
        session.start()
        session.send("3")
        session.wait_for("Detail · Source", KEY_TIMEOUT)
        session.send("/")
        session.wait_for("filter…", KEY_TIMEOUT)
        session.send(("\x1b[200~zzpaste" + body + "\x1b[201~").encode())
        session.send("\r")  # keep the filter, back to the list
        session.wait_for("Sources 0/3", KEY_TIMEOUT)
        assert "zzpaste" in session.text() and "\x1b" not in session.text()
        sent = time.monotonic()
        session.send("q")
        took, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert (status, killed_by) == (0, None)
    print(f"q after the paste: exit in {time.monotonic() - sent:.2f}s ({took:.2f}s to EOF)")


# -- a crash is one line and a failure status ---------------------------------------------------------


@pytest.mark.parametrize("debug", [False, True], ids=["one line", "MISSION_TUI_DEBUG=1"])
def test_a_crash_in_the_input_thread_fails_in_one_line(debug: bool) -> None:
    """Textual's own input thread (the workaround off) still dies on 0xE9: Textual then ends the app
    with return code 0. The explorer exits 1 and says what happened in one line."""
    env = {"MISSION_TUI_COMPAT_OFF": "terminal_input", "MISSION_TUI_DEBUG": "1" if debug else ""}
    session = Explorer(**env)
    try:
        session.start()
        session.send(b"\xe9n")
        _, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert (status, killed_by) == (1, None)
    told = session.after_restore()
    assert "mission-tui: unexpected error: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9" in told
    assert ("Traceback" in told) is debug
    assert ("(set MISSION_TUI_DEBUG=1 to see the traceback)" in told) is not debug


CRASHING_HANDLER = """
import sys
from mission_tui.app import MissionApp
from mission_tui.cli import main

def cycle_theme(self):
    raise RuntimeError("boom on t")

MissionApp.action_cycle_theme = cycle_theme
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_in_a_handler_fails_in_one_line(tmp_path: Path) -> None:
    program = tmp_path / "crash.py"
    program.write_text(textwrap.dedent(CRASHING_HANDLER), encoding="utf-8")
    session = PtySession(str(program), "--today", TODAY, program=sys.executable)
    try:
        session.wait_for(FIRST_FRAME, START_TIMEOUT)
        session.send("t")
        _, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert (status, killed_by) == (1, None)
    raw = bytes(session.raw).decode("utf-8", "replace")
    told = raw[raw.rfind("\x1b[?1049l") :]
    assert "mission-tui: unexpected error: RuntimeError: boom on t (set MISSION_TUI_DEBUG=1" in told
    assert "Traceback" not in told and "cycle_theme" not in told


# -- ctrl+z, fg ----------------------------------------------------------------------------------------


def suspend_and_resume(session: Explorer, suspend: bytes | None = b"\x1a") -> None:
    """ctrl+z (or SIGTSTP if `suspend` is None); check the terminal is given back; then SIGCONT,
    as `fg` sends, and wait until the whole screen is drawn again with no key pressed."""
    session.quiet()
    before = session.text()
    pid = session.child.pid
    if suspend is None:
        os.kill(pid, signal.SIGTSTP)
    else:
        session.send(suspend)
    wait_until(lambda: process_state(pid) == "T", KEY_TIMEOUT, "the explorer to stop", session.text)
    session.pump(0.2)
    raw = bytes(session.raw)
    assert raw.rfind(b"\x1b[?1049l") > raw.rfind(b"\x1b[?1049h"), "the alternate screen was not left"
    modes = termios.tcgetattr(session.child.child_fd)
    assert modes[3] & termios.ECHO and modes[3] & termios.ICANON, "the tty was left in raw mode"
    session.screen.reset()  # the shell's screen, as far as the test can tell
    os.kill(pid, signal.SIGCONT)
    wait_until(lambda: session.pump(0.02) and session.text() == before, KEY_TIMEOUT,
               "the whole screen to be drawn again", session.text, poll=0)  # fmt: skip


def test_ctrl_z_suspends_and_fg_redraws_the_whole_screen() -> None:
    session = Explorer()
    try:
        session.start()
        session.send("n")
        session.wait_for("step 1 of 5", KEY_TIMEOUT)
        suspend_and_resume(session)
        session.send("n")  # and it still works
        session.wait_for("step 2 of 5", KEY_TIMEOUT)
        suspend_and_resume(session, suspend=None)  # kill -TSTP
        session.send("q")
        _, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert (status, killed_by) == (0, None)


def test_sigcont_without_a_suspend_starts_nothing() -> None:
    """Textual restarted application mode on every SIGCONT: a second input thread and output thread
    (after the app had ended, on a dead terminal: the thread that kept the process alive)."""
    session = Explorer()
    try:
        session.start()
        session.quiet()
        threads = thread_count(session.child.pid)
        for _ in range(3):
            os.kill(session.child.pid, signal.SIGCONT)
        session.send("n")
        session.wait_for("step 1 of 5", KEY_TIMEOUT)
        session.quiet()
        assert thread_count(session.child.pid) == threads
        session.send("q")
        _, status, _ = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert status == 0


def test_suspend_and_resume_again_and_again() -> None:
    """Each cycle stops and restarts application mode; none may leave a thread behind or deadlock."""
    session = Explorer()
    try:
        session.start()
        threads = thread_count(session.child.pid)
        for _ in range(5):
            suspend_and_resume(session, suspend=None)
        assert thread_count(session.child.pid) == threads
        session.send("q")
        _, status, _ = session.wait_exit(EXIT_TIMEOUT)
    finally:
        session.kill()
    assert status == 0


def hang_up(session: Explorer) -> None:
    session.hang_up()


WAYS_OUT = {
    "q": (lambda s: s.send("q"), 0),
    "ctrl+q": (lambda s: s.send("\x11"), 0),
    "SIGTERM": (lambda s: os.kill(s.child.pid, signal.SIGTERM), 128 + signal.SIGTERM),
    "SIGINT": (lambda s: os.kill(s.child.pid, signal.SIGINT), 128 + signal.SIGINT),
    "hang-up": (hang_up, 128 + signal.SIGHUP),
    "q, then hang-up": (lambda s: (s.send("q"), time.sleep(0.1), hang_up(s)), None),
}


@pytest.mark.parametrize("way", list(WAYS_OUT))
def test_every_way_out_after_a_resume_ends_within_5_s(way: str) -> None:
    action, expected = WAYS_OUT[way]
    session = Explorer()
    try:
        session.start()
        suspend_and_resume(session, suspend=None)
        started = time.monotonic()
        action(session)
        _, status, killed_by = session.wait_exit(EXIT_TIMEOUT)
        took = time.monotonic() - started
    finally:
        session.kill()
    assert killed_by is None, f"killed by signal {killed_by}"
    if expected is not None:
        assert status == expected
    else:  # q and the hang-up race: either may end it
        assert status in (0, 128 + signal.SIGHUP)
    assert took < EXIT_TIMEOUT
    print(f"{way} after a resume: exit {status} in {took:.2f}s")


# -- the process ends once the app has returned -------------------------------------------------------

LINGERING = """
import sys, threading, time
from mission_tui.terminal import exit_within

threading.Thread(target=time.sleep, args=(60,)).start()  # not a daemon: Python would wait for it
print("returning", flush=True)
sys.exit(exit_within(7, seconds=float(sys.argv[1])))
"""


def test_a_thread_that_never_ends_cannot_keep_the_process_alive() -> None:
    import subprocess

    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", LINGERING, "0.5"], capture_output=True, text=True,
                            timeout=30, check=False)  # fmt: skip
    took = time.monotonic() - started
    assert result.returncode == 7 and "returning" in result.stdout
    assert took < 20, took  # not the thread's 60 s
