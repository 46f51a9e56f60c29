"""What the command line writes, and where: failures are one line and a non-zero status.

Before cli_output.py: `export > full-disk-file` with PYTHONUNBUFFERED=1 wrote 61,440 of 356,853
bytes and exited 0; `check >/dev/full` was an OSError traceback; PYTHONIOENCODING=latin-1 made
`check` a UnicodeEncodeError traceback; `export -o /dev/null --force` (as root) replaced the device
node with a regular file; an unexpected exception was a traceback.
"""

from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mission_tui import cli
from mission_tui.cli import main
from mission_tui.cli_output import write_all

Cap = pytest.CaptureFixture[str]
MISQUOTED = """[story]
id = "s"
title = "Title with “curly quotes” — and a dash"
summary = "S"
as_of = "2024"

[[sources]]
id = "a"
outlet = "Outlet"
kind = "news"
excerpt = "The mission ends."

[[claims]]
id = "c"
subject = "s"
property = "p"
value = { text = "x" }
phrase = "x"
source = "a"
quote = "A quote “not” in the excerpt"
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR", "NO_COLOR")}
    env.update(extra)
    return env


def run(
    args: list[str | bytes], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """The CLI in its own process; bytes out, so an encoding problem shows as bytes, not an error here."""
    return subprocess.run(
        [sys.executable, "-m", "mission_tui", *args],
        capture_output=True, timeout=60, cwd=cwd, env=env or _env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip


def one_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    (line,) = text.splitlines()
    return line


# ------------------------------------------------------------------ encodings


NON_UTF8 = {
    "latin-1": ({"PYTHONIOENCODING": "latin-1"}, "latin-1"),
    "cp1252": ({"PYTHONIOENCODING": "cp1252"}, "cp1252"),
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii"),
    # A non-UTF-8 locale: the C locale with Python's UTF-8 coercion off gives an ASCII stdout.
    "C-locale": ({"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, "ascii"),
}


@pytest.mark.parametrize("case", NON_UTF8)
def test_check_on_a_non_utf8_stream_degrades_instead_of_failing(case: str) -> None:
    extra, encoding = NON_UTF8[case]
    done = run(["check"], env=_env(**extra))
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode(encoding)  # all of it encodable: no UnicodeEncodeError happened
    assert "is valid" in out and "conflict" in out
    if encoding == "ascii":
        assert out.startswith("+ ") and '"by the end of 2026"' in out  # ✓ and curly quotes stand in


def test_problems_on_a_non_utf8_stderr_degrade_too(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(MISQUOTED, encoding="utf-8")
    done = run(["check", str(path)], env=_env(PYTHONIOENCODING="ascii"))
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.endswith("quote \"A quote \"not\" in the excerpt\" not found in source 'a' (excerpt)")


def test_an_undecodable_file_name_is_shown_not_a_crash(tmp_path: Path) -> None:
    done = run(["check", b"caf\xe9.toml"], cwd=tmp_path)
    assert done.returncode == 2
    assert one_line(done.stderr) == "caf?.toml: no such file"
    assert b"\xe9" not in done.stdout + done.stderr


def test_argparse_errors_carry_no_control_characters(capsys: Cap) -> None:
    for argv in (["explore", "a", "b\x1b]0;PWNED\x07"], ["check", "--x\x1b[31m"], ["export", "-f", "\x9b2J"]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert "error:" in err
        assert not any(char in out + err for char in "\x1b\x07\x9b"), err


def test_help_lists_today(capsys: Cap) -> None:
    assert main(["-h"]) == 0
    out = capsys.readouterr().out
    assert "--today YYYY-MM-DD" in out and "MISSION_TUI_DEBUG=1" in out


# ------------------------------------------------------------------ stdout that cannot take it


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [["check"], ["export", "-f", "json"], ["schema"], ["--version"]])
def test_a_full_stdout_is_one_line_and_exit_1(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "mission_tui", *args],
            stdout=full, stderr=subprocess.PIPE, timeout=60, env=_env(), stdin=subprocess.DEVNULL,
        )  # fmt: skip
    assert done.returncode == 1
    assert one_line(done.stderr) == "mission-tui: cannot write to standard output: No space left on device"


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as on Linux")
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [["export", "-f", "markdown"], ["check"]])
def test_a_short_write_is_an_error(tmp_path: Path, args: list[str], unbuffered: str) -> None:
    """A file that can grow to only 500 bytes, as a disk that fills up: the first write is short,
    the next fails. With PYTHONUNBUFFERED=1 the short write used to pass unnoticed, exit 0."""
    import resource

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (500, 500))

    env = _env()
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    target = tmp_path / "out.txt"
    with target.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "mission_tui", *args], stdout=handle, stderr=subprocess.PIPE,
            timeout=60, env=env, stdin=subprocess.DEVNULL, preexec_fn=limit_file_size,
        )  # fmt: skip
    assert target.stat().st_size == 500
    assert done.returncode == 1
    assert one_line(done.stderr) == "mission-tui: cannot write to standard output: File too large"


def test_write_all_waits_out_a_non_blocking_pipe() -> None:
    """A descriptor left non-blocking (by a parent, a terminal multiplexer) raises EAGAIN when full."""
    fcntl = pytest.importorskip("fcntl")
    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
    fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    data = bytes(range(256)) * 4096  # 1 MiB: many times a pipe's buffer
    received = bytearray()

    def drain() -> None:
        while True:
            select.select([read_end], [], [], 5)
            chunk = os.read(read_end, 65536)
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        write_all(write_end, data)
    finally:
        os.close(write_end)
        reader.join(10)
        os.close(read_end)
    assert bytes(received) == data


# ------------------------------------------------------------------ export -o


def _story(tmp_path: Path) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(MISQUOTED.replace("A quote “not” in the excerpt", "The mission ends."), encoding="utf-8")
    return path


def test_export_never_replaces_a_device(tmp_path: Path, capsys: Cap) -> None:
    before = os.stat("/dev/null")
    assert main(["export", str(_story(tmp_path)), "-f", "json", "-o", "/dev/null", "--force"]) == 2
    assert capsys.readouterr().err == (
        "mission-tui: /dev/null: is a character device; an export replaces only a regular file "
        "(leave out -o to write to standard output)\n"
    )
    after = os.stat("/dev/null")
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))


def test_export_to_dev_stdout_replaces_nothing(tmp_path: Path, capsys: Cap) -> None:
    """/dev/stdout is a symlink to /proc/self/fd/1: a pipe (refused as one), or under pytest a
    deleted temporary file, whose name leads nowhere: refused rather than a stray file created."""
    story = _story(tmp_path)
    done = run(["export", str(story), "-f", "json", "-o", "/dev/stdout", "--force"])
    assert done.returncode == 2 and "is a named pipe (FIFO); an export replaces only" in one_line(done.stderr)
    assert main(["export", str(story), "-f", "json", "-o", "/dev/stdout", "--force"]) == 2
    err = capsys.readouterr().err
    assert "cannot be replaced by its name" in err or "only a regular file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_export_refuses_a_fifo_without_opening_it(tmp_path: Path, capsys: Cap) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    assert main(["export", str(_story(tmp_path)), "-f", "json", "-o", str(fifo), "--force"]) == 2
    assert "is a named pipe (FIFO); an export replaces only a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path, capsys: Cap) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "brief.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "brief.md"
    link.symlink_to(target)
    story = _story(tmp_path)
    assert main(["export", str(story), "-f", "markdown", "-o", str(link)]) == 2  # exists: needs --force
    assert "already exists" in capsys.readouterr().err
    assert main(["export", str(story), "-f", "markdown", "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("# Title")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file keeps its permissions
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["brief.md"]  # no temp file left


def test_export_through_a_dangling_symlink_creates_its_target(tmp_path: Path, capsys: Cap) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "made.json")
    story = _story(tmp_path)
    assert main(["export", str(story), "-f", "json", "-o", str(link)]) == 2
    assert "already exists (use --force" in capsys.readouterr().err
    assert main(["export", str(story), "-f", "json", "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and (tmp_path / "made.json").is_file()


def test_export_through_a_symlink_to_a_device_is_refused(tmp_path: Path, capsys: Cap) -> None:
    link = tmp_path / "out.json"
    link.symlink_to("/dev/null")
    assert main(["export", str(_story(tmp_path)), "-f", "json", "-o", str(link), "--force"]) == 2
    assert "is a character device" in capsys.readouterr().err
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# ------------------------------------------------------------------ the explorer needs a terminal


def test_the_explorer_refuses_without_a_terminal() -> None:
    done = run([])  # stdin is /dev/null, stdout and stderr pipes
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "mission-tui: the explorer needs a terminal, and standard input is not one; use `mission-tui "
        "check FILE` to validate a story, `mission-tui export -f markdown FILE` to read it as text"
    )
    assert done.stdout == b""


def test_the_explorer_refuses_a_redirected_stdout_or_a_dumb_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from ptytools import child_env, script

    out = tmp_path / "screen.txt"
    cases = [
        (f"{script()} > {out}", {}, "standard output is not one"),
        (f"{script()} 2> {out}", {}, "standard error output is not one"),
        (script(), {"TERM": "dumb"}, "TERM is 'dumb'"),
    ]
    for command, extra, reason in cases:
        env = child_env()
        env.update(extra)
        child = pexpect.spawn("/bin/sh", ["-c", command], env=env, timeout=30)
        text = child.read().decode("utf-8", "replace")
        child.close()
        assert child.exitstatus == 2, (command, text)
        shown = text + (out.read_text(encoding="utf-8") if out.exists() else "")
        assert reason in shown and "\x1b[" not in shown  # nothing drawn, anywhere
        out.unlink(missing_ok=True)


# ------------------------------------------------------------------ the unexpected


def test_an_unexpected_error_is_one_line_with_the_debug_switch(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: object) -> None:
        raise RuntimeError("something\x1b[31m broke")

    monkeypatch.setattr(cli, "load_story", broken)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "mission-tui: unexpected error: RuntimeError: something[31m broke "
        "(set MISSION_TUI_DEBUG=1 to see the traceback)\n"
    )
    monkeypatch.setenv("MISSION_TUI_DEBUG", "1")
    assert main(["check"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_running_out_of_memory_is_one_line(capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(path: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli, "load_story", exhausted)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == "mission-tui: out of memory (set MISSION_TUI_DEBUG=1 to see where)\n"
