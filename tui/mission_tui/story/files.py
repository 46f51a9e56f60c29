"""The one reader for files a story involves: the story file itself and its sources' `document`s.

A story names files, and a story is untrusted, so every path goes through here. Only regular files
are read: a FIFO or a terminal (`/dev/tty`) would block until someone types, `/dev/zero` never ends,
and `st_size` says nothing about either (it is 0 for devices and for /proc files), so reads stop at
`limit + 1` bytes whatever the size claims. Each way a path can fail (missing, a symlink loop, a NUL
in it, too long, a device) is one `FileReadError` whose message completes "<path> ...".
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO swapped in after the check must not block
    | getattr(os, "O_NOCTTY", 0)  # nor may opening a terminal make it our controlling one
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_OS_REASONS = {
    errno.ENOENT: "no such file",
    errno.ELOOP: "is a symbolic link that loops (or one of a chain too long to follow)",
    errno.ENAMETOOLONG: "has a name too long for the file system",
    errno.ENOTDIR: "names a directory that is not one (a part of the path is a file)",
    errno.EACCES: "cannot read: permission denied",
    errno.EPERM: "cannot read: operation not permitted",
}


class FileReadError(Exception):
    """Why a file cannot be used; the message completes "<path> ...", `line` locates bad text."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MiB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def _too_large(limit: int, what: str) -> None:
    raise FileReadError(f"is too large: {what}s are limited to {_size(limit)}")


def os_reason(exc: OSError) -> str:
    """An OSError about a path in words that complete "<path> ..."."""
    return _OS_REASONS.get(exc.errno or 0) or f"cannot read: {exc.strerror or exc}"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words: 'a named pipe (FIFO)', 'a character device' ..."""
    return next((kind for test, kind in _KINDS if test(mode)), "something other than a regular file")


def _require_regular(mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FileReadError(f"is a directory, not a {what}")
    raise FileReadError(f"is {file_kind(mode)}, not a regular file; only regular files are read")


def check_path(path: str | os.PathLike[str]) -> str:
    """The path as a string, or FileReadError for one no system call can take (NUL, empty)."""
    text = os.fspath(path)
    if not text:
        raise FileReadError("is an empty path")
    if "\x00" in text:
        raise FileReadError("contains a NUL character, which no file name can")
    return text


def read_capped(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileReadError for anything else.

    Checked twice: `stat` before opening (so a device or FIFO is never opened: opening a tape
    rewinds it, opening a FIFO waits for a writer) and `fstat` after (in case it was swapped).
    A size over the limit refuses at once; the read itself stops at `limit + 1` bytes anyway.
    """
    data = _read_regular(path, limit, what, whole=True)
    if len(data) > limit:
        _too_large(limit, what)
    return data


def read_head(path: str | os.PathLike[str], count: int, what: str = "file") -> bytes:
    """The first `count` bytes (or fewer) of a regular file, however large: to tell what it is."""
    return _read_regular(path, count - 1, what, whole=False)


def _read_regular(path: str | os.PathLike[str], limit: int, what: str, whole: bool) -> bytes:
    """At most `limit + 1` bytes of a regular file; `whole`: a size over `limit` is refused."""
    text = check_path(path)
    try:
        _require_regular(os.stat(text).st_mode, what)
        fd = os.open(text, _OPEN_FLAGS)
    except OSError as exc:
        raise FileReadError(os_reason(exc)) from None
    except (ValueError, UnicodeError):  # a name the file system's encoding cannot hold
        raise FileReadError("is not a usable file name") from None
    try:
        status = os.fstat(fd)
        _require_regular(status.st_mode, what)
        if whole and status.st_size > limit:  # past the limit is evidence enough; below proves nothing
            _too_large(limit, what)
        chunks: list[bytes] = []
        remaining = limit + 1
        # The size only sets how much to ask for at first (one read for a regular file); the
        # loop goes on until end of file or limit + 1 bytes, whatever the size said.
        ask = max(_CHUNK, status.st_size + 1) if whole else limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, ask))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise FileReadError(os_reason(exc)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _utf16_or_32(data: bytes) -> str | None:
    """The name of a UTF-16/32 encoding the bytes are evidently in (by BOM, or by the zero bytes
    that fill every other position of mostly-ASCII UTF-16), else None."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    sample = data[:4096]
    if len(sample) >= 4:
        even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if (odd_zeros >= half * 0.6 and even_zeros == 0) or (even_zeros >= half * 0.6 and odd_zeros == 0):
            return "UTF-16"
    return None


def decode_utf8(data: bytes, what: str = "file") -> str:
    """UTF-8 text, or FileReadError saying what the bytes are instead (with the line of a bad byte)."""
    wide = _utf16_or_32(data)
    if wide is not None:
        raise FileReadError(f"is {wide} text; save it as UTF-8 (mission-tui reads UTF-8 only)")
    if b"\x00" in data:
        raise FileReadError(f"is a binary file, not a {what}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileReadError(f"is not UTF-8 text (byte 0x{data[exc.start]:02x})", line) from None


def document_path(base: Path | None, document: str) -> Path | None:
    """Where a source's `document` is: relative to the story file's folder (None: no folder)."""
    path = Path(document)
    if path.is_absolute():
        return path
    return None if base is None else base / path


def real_location(path: Path) -> Path | None:
    """The path with every symlink and `..` resolved, or None if it cannot be (a NUL, a loop)."""
    try:
        return Path(os.path.realpath(check_path(path)))
    except (FileReadError, OSError, ValueError, RuntimeError):
        return None


def is_outside(path: Path, folder: Path) -> bool:
    """Whether `path`, symlinks resolved, lies outside `folder` (its own subfolders are inside)."""
    real, home = real_location(path), real_location(folder)
    if real is None or home is None:
        return False  # it cannot be read either; the reader says why
    return real != home and home not in real.parents
