"""End to end: the installed `mission-tui` script in a real pseudo-terminal.

1. tmux at 80x24 (its own -L socket and no config, so a user's tmux is never touched): keys are sent
   as the bytes an SSH client sends (`send-keys -l` for characters, `-H` hex for escape sequences),
   the screen is read with `capture-pane -p`, and the exit status is written by the wrapping shell.
2. pexpect + pyte (ptytools.PtySession): a story whose title carries OSC/ESC payloads; the raw bytes
   the explorer writes must not contain them.
3. A story that fails to load: `file:line: message`, exit 2, and the alternate screen never entered.
Every wait is bounded; tmux servers are killed in `finally`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import uuid
from pathlib import Path

import pyte
import pytest

from mission_tui.story.bundled import bundled_story_path
from ptytools import HEIGHT, TODAY, WIDTH, PtySession, as_seen, child_env, script, wait_until

pytestmark = pytest.mark.slow  # real terminals: 1-6 s each

TITLE = "U.S. military mission in Iraq"
START_TIMEOUT = 30.0  # first frame; generous for a loaded CI machine (normally ~1 s)
KEY_TIMEOUT = 10.0


# -- tmux -------------------------------------------------------------------------------------------


class Tmux:
    """One private tmux server (own socket, no config) running one session."""

    def __init__(self) -> None:
        self.socket = f"mission-tui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=10,
            env=child_env(),
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr}")
        return result.stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "e2e", "-x", str(WIDTH), "-y", str(HEIGHT), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e", check=False)

    def literal(self, text: str) -> None:
        self.run("send-keys", "-t", "e2e", "-l", text)

    def hex(self, *codes: str) -> None:
        self.run("send-keys", "-t", "e2e", "-H", *codes)

    def wait_for(self, text: str, timeout: float = KEY_TIMEOUT) -> float:
        return wait_until(lambda: text in self.screen(), timeout, repr(text), self.screen)

    def settled(self, timeout: float = KEY_TIMEOUT) -> str:
        """The screen with attributes (`capture-pane -e`) once two captures 0.3 s apart agree."""
        captures = [""]

        def unchanged() -> bool:
            captures.append(self.run("capture-pane", "-p", "-e", "-t", "e2e"))
            return captures[-1] == captures[-2]

        wait_until(unchanged, timeout, "the screen to settle", self.screen, poll=0.3)
        return captures[-1]

    def kill(self) -> None:
        """Stop this server (only ours: its own socket) and remove the socket file it leaves."""
        self.run("kill-server", check=False)
        base = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (base / self.socket).unlink(missing_ok=True)


RIGHT = ("1b", "5b", "43")  # ESC [ C, what xterm (and so an SSH client) sends for →
LEFT = ("1b", "5b", "44")
ESCAPE = ("1b",)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_explorer_in_tmux(tmp_path):
    status_file = tmp_path / "status"
    command = (  # Textual draws on stderr: no redirection but the exit status's
        f"env TERM=xterm-256color {shlex.quote(script())} --today {TODAY};"
        f" echo EXIT=$? > {shlex.quote(str(status_file))}"
    )
    tmux = Tmux()
    timings: dict[str, float] = {}
    try:
        tmux.start(f"sh -c {shlex.quote(command)}")
        timings["first frame"] = tmux.wait_for("step 0 of 5", START_TIMEOUT)
        screen = tmux.screen()
        assert TITLE in screen and "Timeline · step 0 of 5" in screen and "Conflicts 1" in screen

        tmux.literal("n")
        timings["n"] = tmux.wait_for("step 1 of 5")
        tmux.hex(*RIGHT)
        timings["→"] = tmux.wait_for("step 2 of 5")
        tmux.hex(*LEFT)
        timings["←"] = tmux.wait_for("step 1 of 5")

        tmux.literal("4")
        timings["4"] = tmux.wait_for("Detail · Conflict")
        screen = tmux.screen()
        assert "When does the current mission" in screen
        assert "Sep 2025" in screen and "vs Dec 2026" in screen  # the comparison, by value

        tmux.literal("3")
        timings["3"] = tmux.wait_for("Headline: Pentagon to slash")  # step 1's source, followed
        tmux.literal("j")
        timings["j"] = tmux.wait_for("Headline: US military’s mission")  # The Hill

        tmux.literal("?")
        timings["?"] = tmux.wait_for("Esc, q or ? closes")
        tmux.hex(*ESCAPE)
        timings["Esc"] = wait_until(
            lambda: "Esc, q or ? closes" not in tmux.screen(), KEY_TIMEOUT, "help to close", tmux.screen
        )

        tmux.literal("q")
        timings["q"] = wait_until(status_file.exists, KEY_TIMEOUT, "the explorer to exit", tmux.screen)
        wait_until(lambda: status_file.read_text().strip() != "", 2, "the exit status", tmux.screen)
        assert status_file.read_text().strip() == "EXIT=0"
    finally:
        tmux.kill()
    print("tmux timings (s):", {key: round(value, 2) for key, value in timings.items()})




@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_leaner_output_leaves_tmux_the_same_screen_as_textuals() -> None:
    """The `output` patch writes fewer bytes; tmux must end up with the same cells, colours and
    attributes as with Textual's own renderers (the patch switched off)."""
    screens = []
    for off in ("", "output"):
        tmux = Tmux()
        try:
            env = ["env", "TERM=xterm-256color", f"MISSION_TUI_COMPAT_OFF={off}"]
            tmux.start(shlex.join([*env, script(), "--today", TODAY]))
            tmux.wait_for("step 0 of 5", START_TIMEOUT)
            for key, shown in (("n", "step 1 of 5"), ("j", "step 2 of 5"), ("4", "Detail · Conflict"),
                               ("3", "Detail · Source"), ("j", "Headline: Pentagon")):  # fmt: skip
                tmux.literal(key)
                tmux.wait_for(shown)
            screens.append(tmux.settled())  # late repaints (scrollbars, marks) included
        finally:
            tmux.kill()
    assert "\x1b[" in screens[0]  # colours were captured
    seen = screen_as_seen(screens[0])
    assert any(len(cell) > 2 and cell[1] != "default" for cell in seen)  # letters' colours are compared
    assert seen == screen_as_seen(screens[1])


def screen_as_seen(capture: str) -> list[tuple[object, ...]]:
    """A `capture-pane -e` screen, cell by cell, as it looks (`ptytools.as_seen`): the patch leaves
    the last foreground on for a blank."""
    screen = pyte.Screen(WIDTH, HEIGHT)
    pyte.Stream(screen).feed(capture.replace("\n", "\r\n"))
    return [as_seen(screen.buffer[y][x]) for y in range(HEIGHT) for x in range(WIDTH)]


# -- pexpect + pyte ---------------------------------------------------------------------------------

OSC_TITLE = r"\u001b]0;PWNED\u0007"
OSC_LINK = r"\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\"
OSC_CLIPBOARD = r"\u001b]52;c;cm0gLXJmIH4=\u0007"
INJECTED = [b"\x1b]0;PWNED", b"\x1b]8;;https://evil", b"\x1b]52;", b"\x9b2J", b"\xc2\x9b"]


def hostile_story(tmp_path: Path) -> Path:
    """The bundled story with OSC payloads in its title and an event title; quotes still verify
    (against a copy of the seed beside it: a document outside the story's folder is warned about)."""
    bundled = bundled_story_path()
    seed = (bundled.parent / "../seeds/000_2478aec32e3f585e.txt").resolve()
    shutil.copyfile(seed, tmp_path / "seed.txt")
    text = bundled.read_text(encoding="utf-8")
    text = text.replace('"../seeds/000_2478aec32e3f585e.txt"', '"seed.txt"')
    payload = f"{OSC_TITLE} {OSC_LINK} {OSC_CLIPBOARD} \\u009b2J"
    text = text.replace(f'title = "{TITLE}', f'title = "{payload} {TITLE}', 1)
    text = text.replace(
        'title = "Washington Times and The Hill', f'title = "{OSC_TITLE}Washington Times and The Hill', 1
    )
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_injected_escapes_never_reach_the_terminal(tmp_path):
    path = hostile_story(tmp_path)
    pty = PtySession(str(path), "--today", TODAY)
    try:
        first = pty.wait_for("step 0 of 5", START_TIMEOUT)
        assert "]0;PWNED" in pty.text()  # the payload's printable rest is shown as text ...
        assert "PWNED" not in pty.screen.title  # ... and pyte saw no title change
        pty.send("n")
        pty.wait_for("step 1 of 5")
        pty.send("p")
        pty.wait_for("step 0 of 5")
        pty.send("q")
        _, status, _ = pty.wait_exit(KEY_TIMEOUT)
    finally:
        pty.kill()
    raw = bytes(pty.raw)
    for injected in INJECTED:
        assert injected not in raw, injected
    assert b"\x1b[?1049h" in raw  # it did run full-screen: the check above read a real session
    assert status == 0
    print(f"first frame {first:.2f}s, {len(raw)} bytes read")


def test_story_that_fails_to_load_exits_2_without_alternate_screen(tmp_path):
    text = bundled_story_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    field = lines.index('when = "2025-09"')
    table = max(i for i in range(field) if lines[i] == "[[events]]")
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('when = "2025-09"', 'when = "Sep. 2025"'), encoding="utf-8")
    pty = PtySession(str(path), "--today", TODAY)
    try:
        _, status, _ = pty.wait_exit(START_TIMEOUT)
    finally:
        pty.kill()
    raw = bytes(pty.raw)
    output = raw.decode("utf-8", "replace")
    # file:line: message, the line being the field's or its [[events]] table's (1-based)
    found = re.search(rf"^{re.escape(str(path))}:(\d+): \S", output, re.MULTILINE)
    assert found and int(found[1]) in (field + 1, table + 1), output
    assert "is not a valid EDTF date" in output
    assert b"\x1b[?1049h" not in raw and b"\x1b[?1049l" not in raw
    assert b"\x1b[" not in raw  # plain text: no escape sequences at all
    assert status == 2
