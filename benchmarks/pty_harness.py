"""Run a terminal app in a real pseudo-terminal and time what it writes (pexpect + pyte).

Everything here is bounded by timeouts and stops reading at EOF, so a benchmark can never hang:
a hung app shows up as a `PtyError`, with the last screen for a clue.

Timing model: the app writes its frames to the pty; we read them with `read_nonblocking` (select +
read), feed every byte to a pyte screen (80x24 by default) and note the `perf_counter` time at which
each chunk arrived. pyte has no alternate screen, which is fine: Textual repaints the whole screen.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pexpect
import pyte

CHUNK = 65536
DOWN = "\x1b[B"
CTRL_Q = "\x11"


class PtyError(RuntimeError):
    """The app did not do what was awaited in time, or exited early; carries the screen as text."""


@dataclass
class Burst:
    """What one key press caused: times (s) from sending the key to the first and last byte, and bytes."""

    first_byte: float | None
    last_byte: float | None
    nbytes: int


@dataclass
class PtyApp:
    """A running app in a pty, its pyte screen, and bookkeeping of what it has written."""

    child: pexpect.spawn
    screen: pyte.Screen
    stream: pyte.ByteStream
    started: float
    total_bytes: int = 0
    eof: bool = False
    first_frame: float | None = None  # set by callers that time the first frame
    log: list[tuple[float, int]] = field(default_factory=list)  # (arrival time, bytes) per chunk
    pending: bytearray = field(default_factory=bytearray)  # read but not yet fed to pyte

    @property
    def pid(self) -> int:
        return int(self.child.pid)

    def flush(self) -> None:
        """Feed pyte whatever was read while feeding was deferred."""
        if self.pending:
            self.stream.feed(bytes(self.pending))
            self.pending.clear()

    def text(self) -> str:
        """The pyte screen as plain text, one line per row."""
        self.flush()
        return "\n".join(self.screen.display)


def bench_env(term: str = "xterm-256color", extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a benchmarked app: this one with TERM set and colour overrides removed.

    COLORTERM is dropped so the app renders for a 256-colour xterm (truecolor would write more bytes);
    NO_COLOR and FORCE_COLOR are dropped so they cannot change the output either way.
    """
    env = {k: v for k, v in os.environ.items() if k not in {"COLORTERM", "NO_COLOR", "FORCE_COLOR"}}
    env.update({"TERM": term, "LANG": env.get("LANG", "C.UTF-8") or "C.UTF-8"})
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    if extra:
        env.update(extra)
    return env


def spawn(
    argv: Sequence[str],
    cols: int = 80,
    rows: int = 24,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> PtyApp:
    """Start `argv` in a pty of `cols`x`rows`; `started` is taken just before the fork."""
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    started = time.perf_counter()
    child = pexpect.spawn(
        argv[0],
        list(argv[1:]),
        dimensions=(rows, cols),
        env=dict(env) if env is not None else bench_env(),
        cwd=cwd,
        encoding=None,
        echo=False,
    )
    child.delaybeforesend = None
    return PtyApp(child=child, screen=screen, stream=stream, started=started)


def read_chunk(app: PtyApp, timeout: float, feed: bool = True) -> bytes:
    """Read whatever the app writes within `timeout` s (b"" if nothing); marks EOF.

    The bytes go to pyte now, or with `feed=False` later (pyte takes ~1 ms per KB, which would
    otherwise delay reading, and so the recorded arrival, of the next chunk).
    """
    if app.eof:
        return b""
    try:
        data = app.child.read_nonblocking(CHUNK, timeout=max(timeout, 0.0))
    except pexpect.TIMEOUT:
        return b""
    except pexpect.EOF:
        app.eof = True
        return b""
    if data:
        now = time.perf_counter()
        app.total_bytes += len(data)
        app.log.append((now, len(data)))
        if feed:
            app.flush()
            app.stream.feed(data)
        else:
            app.pending += data
    return data


def wait_for_text(
    app: PtyApp, needles: Iterable[str], timeout: float, absent: Iterable[str] = ()
) -> float:
    """Read until any of `needles` is on the screen and none of `absent` is.

    Returns seconds from spawn to the arrival of the chunk that completed that screen.
    """
    wanted = [n for n in needles if n]
    unwanted = [n for n in absent if n]
    deadline = time.perf_counter() + timeout
    while True:
        screen = app.text()
        if any(n in screen for n in wanted) and not any(n in screen for n in unwanted):
            return (app.log[-1][0] if app.log else time.perf_counter()) - app.started
        if app.eof:
            raise PtyError(f"app exited before showing {wanted!r}; screen:\n{screen}")
        left = deadline - time.perf_counter()
        if left <= 0:
            raise PtyError(f"{wanted!r} not on screen after {timeout:.0f} s; screen:\n{screen}")
        if read_chunk(app, min(left, 0.25), feed=False):
            # Take what is already there before parsing it (pyte is slow), but never past the deadline.
            while time.perf_counter() < deadline and read_chunk(app, 0, feed=False):
                pass


def drain(app: PtyApp, quiet: float, timeout: float) -> int:
    """Read until the app has written nothing for `quiet` s (or `timeout` s pass); return bytes read."""
    deadline = time.perf_counter() + timeout
    nbytes = 0
    while not app.eof and time.perf_counter() < deadline:
        data = read_chunk(app, min(quiet, max(deadline - time.perf_counter(), 0.0)), feed=False)
        if not data:
            break
        nbytes += len(data)
    app.flush()
    return nbytes


def send(app: PtyApp, keys: str | bytes) -> None:
    """Write keys to the app's terminal input (no delay)."""
    app.child.send(keys)


def measure_key(app: PtyApp, key: str | bytes, quiet: float = 0.05, timeout: float = 2.0) -> Burst:
    """Send one key and time the app's response burst.

    `first_byte`: seconds from writing the key to the arrival of the first byte of output after it.
    `last_byte`: to the arrival of the last chunk before `quiet` s of silence. `nbytes`: the burst's
    size. A key that causes no output within `timeout` gives `first_byte=None` and 0 bytes.
    pyte is fed only after the burst, so the harness never delays its own reads.
    """
    sent = time.perf_counter()
    send(app, key)
    data = read_chunk(app, timeout, feed=False)
    if not data:
        return Burst(None, None, 0)
    first = app.log[-1][0] - sent
    last = first
    nbytes = len(data)
    cutoff = sent + timeout
    while time.perf_counter() < cutoff:
        data = read_chunk(app, quiet, feed=False)
        if not data:
            break
        nbytes += len(data)
        last = app.log[-1][0] - sent
    app.flush()
    return Burst(first, last, nbytes)


def vm_hwm_kib(pid: int) -> int | None:
    """Peak resident set size (VmHWM, KiB) of a live process, or None if it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def quit_and_reap(app: PtyApp, key: str | bytes = "q", timeout: float = 10.0) -> int | None:
    """Send the quit key, read to EOF (bounded), and reap; kill the app if it does not exit in time.

    Returns the exit status, or None if the app had to be killed.
    """
    if not app.eof and app.child.isalive():
        send(app, key)
    deadline = time.perf_counter() + timeout
    while not app.eof and time.perf_counter() < deadline:
        read_chunk(app, min(0.25, max(deadline - time.perf_counter(), 0.0)))
    killed = False
    if app.child.isalive():
        time.sleep(0.05)
        if app.child.isalive():
            app.child.terminate(force=True)
            killed = True
    app.child.close(force=True)
    return None if killed else app.child.exitstatus


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of a non-empty sequence (pct in 0-100)."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]
