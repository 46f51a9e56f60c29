"""Where the command line's output goes: stdout and stderr, and the files `export -o` writes.

- Every byte written to stdout is accounted for: a short write (a full disk with PYTHONUNBUFFERED=1
  wrote 61,440 of 356,853 bytes and exited 0) or a failed one is an `OutputError`, never silence.
- A stream whose encoding cannot hold a character (PYTHONIOENCODING=latin-1, a non-UTF-8 locale,
  a file name's undecodable bytes) gets an ASCII stand-in or '?' instead of a UnicodeEncodeError.
- An export replaces only a regular file, or the regular file a symlink points to (the link stays
  a link): `-o /dev/null --force` as root used to replace the device node with a file.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import select
import stat
import sys
import tempfile
import traceback
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

from .story.files import file_kind
from .story.loader import Problem
from .story.sanitize import clean_line

DEBUG_ENV = "MISSION_TUI_DEBUG"
"""Set to 1 to see the traceback of an unexpected error instead of its one-line summary."""
MAX_REPORTED = 100  # problems printed per file; the count says how many there are in all
MAX_REPORT_LINE = 500  # characters per problem line (a 500 KB field name is not echoed whole)
ERRORS = "mission-tui-ascii"
"""The codec error handler installed on stdout and stderr (see `ascii_stand_in`)."""

_STAND_INS = {
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
    "—": "-", "–": "-", "‐": "-", "−": "-", "…": "...", "•": "*", "·": "-", "→": "->", "←": "<-",
    "✓": "+", "✗": "x", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}  # fmt: skip


class UserError(Exception):
    """A problem the user can fix (bad output path, refusing to overwrite); printed, exit 2."""


class OutputError(Exception):
    """Standard output could not take what was written (disk full, device error); exit 1."""


def ascii_stand_in(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: characters the stream cannot encode become ASCII ('“' -> '"', 'é' -> 'e')
    or '?'; lone surrogates (undecodable bytes of a file name) become '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    out = []
    for char in chunk:
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            ascii_part = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            stand_in = ascii_part if ascii_part.isprintable() and ascii_part else "?"
        out.append(stand_in)
    return "".join(out), error.end


codecs.register_error(ERRORS, ascii_stand_in)


def prepare_streams() -> None:
    """Make stdout and stderr degrade instead of failing, and give an unbuffered stdout a buffer.

    With PYTHONUNBUFFERED=1 the text layer writes straight to the raw file, which may take part of
    a write and report it in a count the text layer ignores: a buffered writer loops until all is
    written or an error is raised.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]
    stdout = sys.stdout
    raw = getattr(stdout, "buffer", None)
    if stdout is sys.__stdout__ and isinstance(raw, io.FileIO) and isinstance(stdout, io.TextIOWrapper):
        stdout.flush()
        unclosing = io.FileIO(raw.fileno(), "wb", closefd=False)  # the process's fd 1 stays open
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(unclosing),
            encoding=stdout.encoding,
            errors=ERRORS,
            line_buffering=stdout.line_buffering,
        )


def checked_stdout() -> IO[str]:
    """sys.stdout for Rich, whose write errors (all but a closed pipe) become an OutputError."""
    return cast(IO[str], CheckedStdout(sys.stdout))


class CheckedStdout:
    """A stream whose OSErrors (but a closed pipe) become OutputErrors; the rest is the stream's."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        with _output_errors():
            return self._stream.write(text)

    def flush(self) -> None:
        with _output_errors():
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _output_errors() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise  # the reader left (`| head`): main() ends quietly
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def write_all(fd: int, data: bytes) -> None:
    """Write every byte to a file descriptor, waiting out a non-blocking one; OSError if it cannot."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:  # a descriptor someone left non-blocking: wait until it drains
            select.select([], [fd], [])
            continue
        if written <= 0:
            raise OSError(errno.EIO, "the write took no bytes")
        view = view[written:]


def write_stdout(text: str) -> None:
    """UTF-8 text to stdout (exports are UTF-8 files whatever the locale), every byte checked."""
    with _output_errors():
        sys.stdout.flush()
        try:
            fd = sys.stdout.fileno()
        except (AttributeError, OSError, ValueError):  # not a file (an in-process capture)
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                sys.stdout.write(text)
            else:
                buffer.write(text.encode("utf-8"))
                buffer.flush()
            return
        write_all(fd, text.encode("utf-8"))


def finish_stdout() -> None:
    """Flush stdout at the end of a command; OutputError if what was printed did not all get out."""
    with _output_errors():
        sys.stdout.flush()


def silence_stdout() -> None:
    """Point stdout's descriptor at /dev/null, so Python's final flush after a failed or closed
    stdout neither fails again nor prints 'Exception ignored'."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# ------------------------------------------------------------------------- messages on stderr


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name; stderr's own failure is ignored."""
    with contextlib.suppress(OSError, ValueError):
        print(f"mission-tui: {clean_line(message)}", file=sys.stderr)


def _shorten(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"


def report_problems(problems: Sequence[Problem]) -> None:
    """One plain line per problem on stderr; control characters removed from paths and messages.

    At most MAX_REPORTED lines of at most MAX_REPORT_LINE characters: 20,000 bad items printed
    60,000 lines, which helps nobody; the rest are counted.
    """
    for problem in problems[:MAX_REPORTED]:
        print(_shorten(clean_line(str(problem)), MAX_REPORT_LINE), file=sys.stderr)
    if len(problems) > MAX_REPORTED:
        rest = len(problems) - MAX_REPORTED
        more = f"… and {rest:,} more problem{'s' if rest != 1 else ''} like these"
        print(f"{_shorten(clean_line(problems[0].file), MAX_REPORT_LINE)}: {more}", file=sys.stderr)


def debugging() -> bool:
    """Whether MISSION_TUI_DEBUG asks for tracebacks instead of one-line reports."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def report_unexpected(exc: BaseException) -> int:
    """An exception nobody foresaw: one line naming it and the debug switch (its traceback with
    MISSION_TUI_DEBUG=1); returns the exit status, 1."""
    silence_stdout()
    if debugging():
        with contextlib.suppress(OSError, ValueError):
            traceback.print_exception(exc, file=sys.stderr)
        return 1
    if isinstance(exc, MemoryError):
        say(f"out of memory (set {DEBUG_ENV}=1 to see where)")
        return 1
    return report_failure(f"{type(exc).__name__}: {exc}")


def report_failure(what: str) -> int:
    """The explorer ended on an error ("TypeName: message"): one line naming it and the debug switch
    (the traceback itself is printed only with MISSION_TUI_DEBUG=1); returns the exit status, 1."""
    name, _, detail = clean_line(what).partition(": ")
    detail = _shorten(detail, 200)
    hint = "" if debugging() else f" (set {DEBUG_ENV}=1 to see the traceback)"
    say(f"unexpected error: {name}{': ' + detail if detail else ''}{hint}")
    return 1


# ------------------------------------------------------------------------- export files


def export_target(out: Path, force: bool) -> Path:
    """The regular file `export -o OUT` will replace (OUT, or the file the symlink OUT points to).

    Refuses a directory, a device, a FIFO or a socket (with --force too), an existing file without
    --force, and a missing directory; returns where the file will be, for a rename in its folder.
    """
    try:
        link = os.lstat(out)
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None
    except ValueError:
        raise UserError(f"{out}: is not a usable file name") from None
    target = out
    if link is not None:
        if stat.S_ISLNK(link.st_mode):
            target = Path(os.path.realpath(out))  # the link stays; its target is written
        try:
            mode: int | None = os.stat(out).st_mode
        except FileNotFoundError:
            mode = None  # a dangling symlink: its target will be created
        except OSError as exc:
            raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None
        if mode is not None and stat.S_ISDIR(mode):
            raise UserError(f"{out}: is a directory")
        if mode is not None and not stat.S_ISREG(mode):
            raise UserError(
                f"{out}: is {file_kind(mode)}; an export replaces only a regular file "
                "(leave out -o to write to standard output)"
            )
        if mode is not None and target != out and not _same_file(out, target):
            # /dev/stdout -> /proc/self/fd/1 -> a file with no name (deleted, or on another mount)
            raise UserError(
                f"{out}: leads to a file that cannot be replaced by its name "
                "(leave out -o to write to standard output)"
            )
        if not force:
            raise UserError(f"{out}: already exists (use --force to overwrite)")
    if not target.parent.is_dir():
        raise UserError(f"{out}: directory {target.parent} does not exist")
    return target


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def write_atomic(out: Path, text: str, force: bool) -> None:
    """Write via a temp file in the target's directory and os.replace, so readers never see half
    a file. An existing file keeps its permissions; a new one gets 0666 less the umask."""
    target = export_target(out, force)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if export_target(out, force) != target:  # swapped while we wrote: write nothing
            raise UserError(f"{out}: changed while the export was written; nothing was replaced")
        os.replace(tmp, target)
    except (OSError, UserError) as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, UserError):
            raise
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None
