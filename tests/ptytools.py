"""What the real-terminal tests share: the installed script, its environment, bounded waits."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

TODAY = "2026-11-24"
WIDTH, HEIGHT = 80, 24


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
        time.sleep(poll)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}; screen:\n{show()}")
