"""The terminal input workaround (textual_compat.terminal_input), fed bytes as a terminal sends them.

`InputReader` is what the driver's input thread runs on every chunk it reads: these tests give it
the chunks directly, so every case is exact and fast; tests/test_terminal_pty.py sends the same bytes
to the installed explorer in a pseudo-terminal.
"""

from __future__ import annotations

import os
import random
import signal
import threading
from collections.abc import Iterator

import pytest
from textual import events

from mission_tui.textual_compat import terminal_input
from mission_tui.textual_compat.terminal_input import (
    MAX_PASTE,
    PASTE_END,
    PASTE_START,
    InputReader,
    PasteSplitter,
    run_input_thread,
)

pytestmark = pytest.mark.patched


def keys(messages: list[object]) -> list[str]:
    return [m.key for m in messages if isinstance(m, events.Key)]


def pastes(messages: list[object]) -> list[str]:
    return [m.text for m in messages if isinstance(m, events.Paste)]


def read_all(reader: InputReader, *chunks: bytes) -> list[object]:
    messages: list[object] = []
    for chunk in chunks:
        messages += reader.feed(chunk)
    return messages


@pytest.mark.parametrize(
    "junk",
    [b"\xe9", b"\x9b", b"\xff\xfe", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"],
    ids=["latin-1 e-acute", "8-bit CSI", "ff fe", "surrogate", "past U+10FFFF"],
)
def test_bytes_that_are_not_utf8_are_ignored(junk: bytes) -> None:
    """Textual decoded strictly: UnicodeDecodeError in the input thread ended the app (status 0)."""
    reader = InputReader()
    assert keys(read_all(reader, junk, b"n", junk + b"q")) == ["n", "q"]


def test_a_character_split_across_reads_still_arrives() -> None:
    reader = InputReader()
    assert [m.character for m in read_all(reader, b"\xc3", b"\xa9") if isinstance(m, events.Key)] == ["é"]


@pytest.mark.parametrize(
    "sequence",
    [b"\x1b[1114112u", b"\x1b[99999999999999999999u", b"\x1b[97;1;1114112u", b"\x1b[97;1;97:1114112u"],
    ids=["code past Unicode", "code past C long", "text past Unicode", "second text past Unicode"],
)
def test_key_codes_outside_unicode_are_ignored(sequence: bytes) -> None:
    """Textual called chr() on them: ValueError or OverflowError in the input thread."""
    reader = InputReader()
    assert keys(read_all(reader, sequence, b"n")) == ["n"]


def test_kitty_keys_in_range_still_work() -> None:
    reader = InputReader()
    assert keys(read_all(reader, b"\x1b[113;5u", b"\x1b[110u")) == ["ctrl+q", "n"]


def hostile_paste(size: int, seed: int = 0) -> str:
    """A paste of `size` characters full of ESC bytes and the pieces of escape sequences."""
    rng = random.Random(seed)
    return "".join(rng.choice("abc \x1b[;0123456789~qu\x1b[2") for _ in range(size))


def chunked(data: bytes, rng: random.Random, largest: int = 4096) -> Iterator[bytes]:
    """`data` cut into reads of random sizes, as a terminal or an SSH link delivers it."""
    at = 0
    while at < len(data):
        step = rng.randint(1, largest)
        yield data[at : at + step]
        at += step


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_paste_is_one_paste_whatever_it_holds(seed: int) -> None:
    """100 KB with ESC bytes: Textual turned the characters after each ESC into key presses
    (thousands of keys into the filter, >120 s at 100% CPU). Now: one Paste, cut at MAX_PASTE,
    and the keys after it are keys again."""
    text = "hill" + hostile_paste(100_000, seed)
    data = (PASTE_START + text + PASTE_END + "q").encode()
    reader = InputReader()
    messages = read_all(reader, *chunked(data, random.Random(seed)))
    assert pastes(messages) == [text[:MAX_PASTE]]
    assert keys(messages) == ["q"]


def test_paste_markers_split_byte_by_byte() -> None:
    data = ("n" + PASTE_START + "a\x1bb" + PASTE_END + "p").encode()
    reader = InputReader()
    messages = read_all(reader, *(data[i : i + 1] for i in range(len(data))))
    assert pastes(messages) == ["a\x1bb"]
    assert keys(messages) == ["n", "p"]


def test_a_paste_that_never_ends_ends_after_a_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = InputReader()
    assert read_all(reader, (PASTE_START + "abc").encode()) == []
    assert reader.idle() == []  # not silent for long enough yet
    monkeypatch.setattr(terminal_input, "PASTE_SILENCE", 0.0)
    assert pastes(reader.idle()) == ["abc"]
    assert keys(read_all(reader, b"q")) == ["q"]


def test_a_lone_escape_is_held_only_briefly_and_is_still_the_escape_key(monkeypatch) -> None:
    """ESC could begin ESC[200~: it is held back until the next read or an idle turn (10 ms), then
    goes to Textual's parser, which makes it the escape key after its own delay."""
    reader = InputReader()
    assert read_all(reader, b"\x1b") == [] and reader.waiting
    messages = reader.idle()
    assert not reader.waiting
    for _ in range(200):
        if keys(messages):
            break
        threading.Event().wait(0.005)
        messages += reader.idle()
    assert keys(messages) == ["escape"]


def test_the_splitter_keeps_text_outside_pastes_in_order() -> None:
    splitter = PasteSplitter(limit=3)
    pieces = splitter.feed(f"ab{PASTE_START}12345{PASTE_END}cd{PASTE_START}x{PASTE_END}")
    assert [p if isinstance(p, str) else ("paste", p.text) for p in pieces] == [
        "ab", ("paste", "123"), "cd", ("paste", "x"),
    ]  # fmt: skip


class PipeTerminal:
    """What run_input_thread needs of a LinuxDriver, reading from a pipe: `fileno`, `exit_event`,
    `process_message`."""

    def __init__(self) -> None:
        self.fileno, self.write_end = os.pipe()
        self.exit_event = threading.Event()
        self.messages: list[object] = []

    def process_message(self, message: object) -> None:
        self.messages.append(message)


def test_end_of_input_ends_the_thread_and_raises_sighup() -> None:
    """A hung-up terminal reads as end of input for ever: Textual's thread kept selecting and
    reading it at 100% CPU, and Python waited for it at exit. Now the thread ends and the process
    gets SIGHUP, which the explorer turns into a clean exit."""
    hangups: list[int] = []
    messages = read_through_thread(PipeTerminal(), b"n", hangups)
    assert hangups == [signal.SIGHUP]
    assert keys(messages) == ["n"]


def test_stopping_input_is_not_a_hang_up() -> None:
    hangups: list[int] = []
    previous = signal.signal(signal.SIGHUP, lambda signum, frame: hangups.append(signum))
    terminal = PipeTerminal()
    thread = threading.Thread(target=run_input_thread, args=(terminal,), daemon=True)
    try:
        thread.start()
        terminal.exit_event.set()
        thread.join(10)
        assert not thread.is_alive()
        assert hangups == []
    finally:
        signal.signal(signal.SIGHUP, previous)
        os.close(terminal.write_end)
        os.close(terminal.fileno)


def read_through_thread(
    terminal: PipeTerminal, data: bytes, hangups: list[int] | None = None
) -> list[object]:
    """Everything the input thread posts for `data`, read to its end; the hang-up it then raises
    is caught (into `hangups`, if given)."""
    caught = hangups if hangups is not None else []
    previous = signal.signal(signal.SIGHUP, lambda signum, frame: caught.append(signum))
    thread = threading.Thread(target=run_input_thread, args=(terminal,), daemon=True)
    try:
        thread.start()
        os.write(terminal.write_end, data)
        os.close(terminal.write_end)
        thread.join(10)
        assert not thread.is_alive(), "the input thread kept running at end of input"
        for _ in range(200):  # the handler runs in the main thread, at its next bytecode
            if caught:
                break
            threading.Event().wait(0.01)
        return terminal.messages
    finally:
        terminal.exit_event.set()
        thread.join(5)
        signal.signal(signal.SIGHUP, previous)
        os.close(terminal.fileno)
