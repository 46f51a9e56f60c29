"""Patch `terminal_input`: the terminal input thread ignores what it cannot read, and a paste is one paste.

Works around four faults of textual 8.2.8's `LinuxDriver.run_input_thread` (the "textual-input" thread):
- It decodes UTF-8 strictly: one byte that is not UTF-8 (0xE9, a Latin-1 'é'; 0x9B, an 8-bit CSI)
  raised UnicodeDecodeError and ended the app with a traceback, and exit status 0.
- Its parser calls `chr()` on a kitty-protocol key code unchecked: `ESC[1114112u` raised ValueError,
  a longer code OverflowError, with the same end.
- It reads a bracketed paste character by character, and an ESC inside the paste starts an escape
  sequence whose characters, once 32 have gathered, are re-sent as key presses: a 100 KB paste with
  ESC bytes into the filter became thousands of keys (>120 s at 100% CPU, 1.3 GB), q typed into it.
- At the end of its input (a hung-up terminal reads as end-of-file forever) it keeps selecting and
  reading: a thread at 100% CPU that Python waits for when the process exits.
Turned on, the driver's input thread is the one below: bytes are decoded with errors ignored; a paste
between ESC[200~ and ESC[201~ is cut out of the input before Textual's parser sees it and sent as one
Paste event of at most MAX_PASTE characters (the rest is read and dropped); a key code outside Unicode
is ignored; a chunk the parser still fails on is dropped and the parser replaced; at the end of input
the thread ends and raises SIGHUP in the process, which is what a hung-up terminal means.
Private names: `textual._xterm_parser.XTermParser` and its `_parse_extended_key`, `Driver._debug`.
Gain: no crash from input bytes, a paste costs one event (tests/test_terminal_input.py,
tests/test_input_pty.py).
Replace with: upstream fixes (decode with errors="ignore", check key codes, keep a paste out of the
escape-sequence parser, stop at end of input).
Off: Textual's input thread.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import time
from codecs import getincrementaldecoder
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from textual import events
from textual.keys import Keys
from textual.message import Message

from .patch import Patch

if TYPE_CHECKING:
    from textual.driver import Driver

PATCH = Patch("terminal_input")

MAX_PASTE = 1024
"""Characters of one paste that are kept; the rest is read and dropped (the inputs are one-line filters)."""
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
PASTE_SILENCE = 1.0
"""Seconds without input that end a paste whose closing ESC[201~ never came."""
READ_SIZE = 4096


def _held_back(text: str, marker: str) -> int:
    """How many characters at the end of `text` could be the start of `marker` (to wait for more)."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:size]):
            return size
    return 0


class PasteSplitter:
    """Cuts bracketed pastes out of the decoded input: `feed` returns the pieces in order, text for
    the key parser and a `Paste` event for each complete paste."""

    def __init__(self, limit: int = MAX_PASTE) -> None:
        self.limit = limit
        self.pending = ""
        """Held back: the end of the input so far, which may be the start of a marker."""
        self.pasting = False
        self.pasted: list[str] = []
        self.kept = 0
        self.dropped = 0

    def feed(self, text: str) -> list[str | events.Paste]:
        text, self.pending = self.pending + text, ""
        pieces: list[str | events.Paste] = []
        while text:
            marker = PASTE_END if self.pasting else PASTE_START
            at = text.find(marker)
            if at < 0:
                hold = _held_back(text, marker)
                before, self.pending = text[: len(text) - hold], text[len(text) - hold :]
                self._take(before, pieces)
                break
            self._take(text[:at], pieces)
            text = text[at + len(marker) :]
            if self.pasting:
                pieces.append(self._finish())
            self.pasting = not self.pasting
        return pieces

    def flush(self, end_paste: bool) -> list[str | events.Paste]:
        """No input came for a while: what was held back goes on; a paste ends if `end_paste`."""
        pieces: list[str | events.Paste] = []
        if not self.pasting:
            self._take(self.pending, pieces)
            self.pending = ""
        elif end_paste:
            self._take(self.pending, pieces)
            self.pending = ""
            self.pasting = False
            pieces.append(self._finish())
        return pieces

    def _take(self, text: str, pieces: list[str | events.Paste]) -> None:
        if not text:
            return
        if not self.pasting:
            pieces.append(text)
            return
        room = max(self.limit - self.kept, 0)
        self.pasted.append(text[:room])
        self.kept += min(room, len(text))
        self.dropped += max(len(text) - room, 0)

    def _finish(self) -> events.Paste:
        text = "".join(self.pasted).replace("\x00", "")  # as Textual does (its issue #1661)
        self.pasted, self.kept, self.dropped = [], 0, 0
        return events.Paste(text)


@cache
def _parser_class() -> type[Any]:
    """Textual's key parser, except that a key code no character has is ignored."""
    from textual._xterm_parser import XTermParser

    class CheckedXTermParser(XTermParser):
        def _parse_extended_key(self, sequence: str) -> list[events.Key] | None:  # type: ignore[override]  # an lru_cache upstream
            try:
                parsed: list[events.Key] | None = super()._parse_extended_key(sequence)
            except (ValueError, OverflowError):  # chr() of a code outside Unicode
                return [events.Key(Keys.Ignore, sequence)]
            return parsed

    return CheckedXTermParser


class InputReader:
    """The input thread's work, one chunk of bytes at a time: decode, split out pastes, parse keys.
    `messages` are what the driver posts to the app."""

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug
        self.decode = getincrementaldecoder("utf-8")(errors="ignore").decode
        self.splitter = PasteSplitter()
        self.parser = _parser_class()(debug)
        self.last_input = time.monotonic()

    def feed(self, data: bytes) -> list[Message]:
        self.last_input = time.monotonic()
        return self._parse(self.splitter.feed(self.decode(data))) + self._tick()

    def idle(self) -> list[Message]:
        """No input within the select timeout: release held-back text, end a stalled paste."""
        stalled = time.monotonic() - self.last_input >= PASTE_SILENCE
        return self._parse(self.splitter.flush(end_paste=stalled)) + self._tick()

    def _tick(self) -> list[Message]:
        """What the parser's timeouts give (a lone ESC becomes the escape key), as Textual asks it
        after every read or timeout."""
        try:
            return list(self.parser.tick())
        except Exception:  # as in _parse
            self.parser = _parser_class()(self.debug)
            return []

    @property
    def waiting(self) -> bool:
        """Whether text is held back that a short wait should release (not inside a paste)."""
        return bool(self.splitter.pending) and not self.splitter.pasting

    def _parse(self, pieces: Iterable[str | events.Paste]) -> list[Message]:
        messages: list[Message] = []
        for piece in pieces:
            if isinstance(piece, events.Paste):
                messages.append(piece)
                continue
            try:
                messages += list(self.parser.feed(piece))
            except Exception:  # input Textual's parser cannot take: drop this piece, keep reading
                self.parser = _parser_class()(self.debug)
        return messages

    def close(self) -> None:
        with contextlib.suppress(Exception):
            list(self.parser.feed(""))  # ends the parser (and closes its debug log, if any)


def run_input_thread(driver: Any) -> None:
    """The body of the driver's input thread (a LinuxDriver's `run_input_thread`)."""
    fileno: int = driver.fileno
    selector = selectors.SelectSelector()
    selector.register(fileno, selectors.EVENT_READ)
    reader = InputReader(getattr(driver, "_debug", False))
    try:
        while not driver.exit_event.is_set():
            if selector.select(0.01 if reader.waiting else 0.1):
                try:
                    data = os.read(fileno, READ_SIZE)
                except OSError:  # EIO: the terminal is gone
                    data = b""
                if not data:
                    terminal_gone(driver)
                    return
                messages = reader.feed(data)
            else:
                messages = reader.idle()
            for message in messages:
                driver.process_message(message)
    finally:
        selector.close()
        reader.close()


def terminal_gone(driver: Any) -> None:
    """End of input from a terminal: it hung up. Say so the way the system does, with SIGHUP (which
    the explorer turns into a clean exit, status 129), unless the app is stopping input anyway."""
    if not driver.exit_event.is_set():
        os.kill(os.getpid(), signal.SIGHUP)


def input_safe(driver_class: type[Driver]) -> type[Driver]:
    """A subclass of a LinuxDriver class whose input thread is `run_input_thread` above; the class
    itself while the patch is off."""
    if not PATCH.active:
        return driver_class

    class InputSafeDriver(driver_class):  # type: ignore[valid-type,misc]  # a class given at run time
        def run_input_thread(self) -> None:
            run_input_thread(self)

    name = f"InputSafe{driver_class.__name__}"
    InputSafeDriver.__qualname__ = InputSafeDriver.__name__ = name
    return InputSafeDriver
