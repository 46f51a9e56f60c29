"""Files a story is, or names, that are not what they claim: each is one clear message, promptly.

Before story/files.py: a `document` that was a FIFO or a terminal hung `check` (it read the user's
typing as the document) and froze the explorer; `/dev/zero` was read until memory ran out (st_size
is 0 for devices and was trusted); a symlink loop or a NUL in the path was a traceback; an
unreadable document gave one message per claim; `/etc/passwd` was read silently. Cases that could
hang run in a subprocess with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mission_tui.cli import main
from mission_tui.cli_output import MAX_REPORT_LINE, MAX_REPORTED
from mission_tui.story.export import dumps_json
from mission_tui.story.files import FileReadError, read_capped
from mission_tui.story.loader import StoryLoadError, load_story

Cap = pytest.CaptureFixture[str]
PROMPT = 1.0  # s: a file case must end well within this (they take milliseconds)
HEADER = '[story]\nid = "s"\ntitle = "T"\nsummary = "S"\nas_of = "2024"\n'
QUOTE = "the mission ends"


def source(source_id: str, document: str) -> str:
    return f'\n[[sources]]\nid = "{source_id}"\noutlet = "O"\nkind = "news"\ndocument = {document!r}\n'


def claim(claim_id: str, source_id: str) -> str:
    return (
        f'\n[[claims]]\nid = "{claim_id}"\nsubject = "s"\nproperty = "p"\nvalue = {{ text = "x" }}\n'
        f'phrase = "x"\nsource = "{source_id}"\nquote = "{QUOTE}"\n'
    )


def story(folder: Path, *parts: str, name: str = "story.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + "".join(parts), encoding="utf-8")
    return path


def check(path: Path, capsys: Cap) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    code = main(["check", str(path)])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err, elapsed


def check_in_subprocess(path: Path) -> subprocess.CompletedProcess[str]:
    """`check` in its own process, stdin a terminal-less pipe: a read that blocks fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "mission_tui", "check", str(path)],
        capture_output=True, text=True, timeout=30, stdin=subprocess.PIPE,
    )  # fmt: skip


# ------------------------------------------------------------------ the story file itself


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.fixture
def pty_path() -> Iterator[str]:
    """The path of a terminal nobody types into (like /dev/tty in a session): reading it blocks."""
    if not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals here")
    master, slave = os.openpty()
    try:
        yield os.ttyname(slave)
    finally:
        os.close(slave)
        os.close(master)


def test_a_story_that_is_a_fifo_is_refused_without_waiting(fifo: Path) -> None:
    done = check_in_subprocess(fifo)
    assert done.returncode == 2
    assert f"{fifo}: is a named pipe (FIFO), not a regular file" in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_story_that_is_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    done = check_in_subprocess(Path(device))
    assert done.returncode == 2 and f"{device}: is a character device, not a regular file" in done.stderr


def test_a_story_that_is_a_symlink_loop(tmp_path: Path, capsys: Cap) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    code, _, err, elapsed = check(loop, capsys)
    assert code == 2
    assert err == f"{loop}: is a symbolic link that loops (or one of a chain too long to follow)\n"
    assert elapsed < PROMPT


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"", "utf-16-le"), (b"", "utf-16-be")],
    ids=["le-bom", "be-bom", "le", "be"],
)
def test_a_utf16_story_is_named_as_such(tmp_path: Path, capsys: Cap, bom: bytes, encoding: str) -> None:
    path = tmp_path / "wide.toml"
    path.write_bytes(bom + (HEADER + "# café\n").encode(encoding))
    code, _, err, _ = check(path, capsys)
    assert code == 2 and err == f"{path}: is UTF-16 text; save it as UTF-8 (mission-tui reads UTF-8 only)\n"


def test_a_utf32_story_is_named_as_such(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "wider.toml"
    path.write_bytes(HEADER.encode("utf-32"))  # with its BOM
    code, _, err, _ = check(path, capsys)
    assert code == 2 and "is UTF-32 text" in err


def test_the_reader_stops_at_the_limit_whatever_the_size_says(tmp_path: Path) -> None:
    """/proc files report st_size 0 and devices too: the read itself is bounded (limit + 1)."""
    path = tmp_path / "grown.txt"
    path.write_bytes(b"x" * 5000)
    assert read_capped(path, 5000) == b"x" * 5000
    with pytest.raises(FileReadError, match="is too large: files are limited to 4,999 bytes"):
        read_capped(path, 4999)
    if os.path.exists("/dev/zero"):
        with pytest.raises(FileReadError, match="character device"):
            read_capped("/dev/zero", 10)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_line_numbers_count_newlines_only(tmp_path: Path, capsys: Cap, separator: str) -> None:
    """str.splitlines also breaks at U+2028, U+2029 and U+0085, which TOML allows in a string: they
    shifted every line reported after them."""
    text = HEADER.replace('summary = "S"', f'summary = "one{separator}two{separator}three"')
    text += '\n[[sources]]\nid = "a"\noutlet = "O"\nkind = "blog"\n'
    path = tmp_path / "lines.toml"
    path.write_text(text, encoding="utf-8")
    expected_line = text.split("\n").index("[[sources]]") + 1
    code, _, err, _ = check(path, capsys)
    assert code == 2 and err.startswith(f"{path}:{expected_line}: [[sources]] id 'a' field 'kind'")


# ------------------------------------------------------------------ documents


def test_a_document_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path, fifo: Path) -> None:
    path = story(tmp_path, source("a", fifo.name), claim("c", "a"))
    done = check_in_subprocess(path)
    assert done.returncode == 2
    assert f"document '{fifo.name}': is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_document_that_is_a_terminal_is_refused_without_waiting(tmp_path: Path, pty_path: str) -> None:
    """`document = "/dev/tty"` read the user's typing as the document."""
    path = story(tmp_path, source("a", pty_path), claim("c", "a"))
    done = check_in_subprocess(path)
    assert done.returncode == 2 and "is a character device, not a regular file" in done.stderr


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("loop.txt", "is a symbolic link that loops"),
        ("doc\x00.txt", "contains a NUL character"),
        ("missing/doc.txt", "no such file"),
        ("story.toml/doc.txt", "names a directory that is not one"),
        ("x" * 300, "has a name too long for the file system"),
        ("sub", "is a directory, not a document"),
    ],
    ids=["symlink-loop", "nul", "missing", "file-as-folder", "too-long", "directory"],
)
def test_bad_document_paths_are_one_message_each(
    tmp_path: Path, capsys: Cap, document: str, message: str
) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "sub").mkdir()
    escaped = document.replace("\x00", "\\u0000")
    text = source("a", "PLACEHOLDER").replace("'PLACEHOLDER'", f'"{escaped}"')
    path = story(tmp_path, text, claim("c1", "a"), claim("c2", "a"))
    code, _, err, elapsed = check(path, capsys)
    assert code == 2 and elapsed < PROMPT
    (line,) = err.splitlines()  # one message for the document, none per claim
    assert message in line and line.endswith("(2 quotes could not be checked against it)")


def test_an_unreadable_document_shared_by_many_is_one_message(tmp_path: Path, capsys: Cap) -> None:
    sources = "".join(source(f"s{i}", "/dev/zero") for i in range(3))
    claims = "".join(claim(f"c{i}", f"s{i % 3}") for i in range(50))
    code, _, err, _ = check(story(tmp_path, sources, claims), capsys)
    problems = [line for line in err.splitlines() if "warning:" not in line]
    assert code == 2 and len(problems) == 1
    assert "source 's0': document '/dev/zero': is a character device" in problems[0]
    assert "(50 quotes could not be checked against it)" in problems[0]


def _document(folder: Path, name: str = "doc.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"He said {QUOTE} soon.", encoding="utf-8")
    return path


def test_documents_outside_the_story_folder_are_named_in_a_warning(tmp_path: Path, capsys: Cap) -> None:
    folder = tmp_path / "stories"
    outside = _document(tmp_path / "elsewhere")
    _document(folder / "sources", "inside.txt")
    (folder / "linked.txt").parent.mkdir(parents=True, exist_ok=True)
    (folder / "linked.txt").symlink_to(outside)  # inside by name, outside in fact
    path = story(
        folder,
        source("absolute", str(outside)),
        source("upward", "../elsewhere/doc.txt"),  # the same file: one warning
        source("link", "linked.txt"),
        source("inside", "sources/inside.txt"),
        claim("c1", "absolute"), claim("c2", "upward"), claim("c3", "link"), claim("c4", "inside"),
    )  # fmt: skip
    code, out, err, _ = check(path, capsys)
    assert code == 0 and "is valid" in out  # read, and the quotes are found in it
    line = path.read_text(encoding="utf-8").split("\n").index("[[sources]]") + 1
    warnings = err.splitlines()
    assert warnings == [
        f"{path}:{line}: warning: source 'absolute': document '{outside}' is outside the story's folder "
        f"(it is {outside.resolve()})"
    ]
    assert load_story(path).warnings[0].message.startswith("warning: source 'absolute'")


def test_a_symlink_out_of_the_folder_is_named_too(tmp_path: Path, capsys: Cap) -> None:
    outside = _document(tmp_path / "elsewhere")
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "doc.txt").symlink_to(outside)
    path = story(folder, source("a", "doc.txt"), claim("c", "a"))
    code, _, err, _ = check(path, capsys)
    assert code == 0 and f"is outside the story's folder (it is {outside.resolve()})" in err


def test_the_bundled_story_reads_its_seed_without_a_warning(capsys: Cap) -> None:
    code, _, err, _ = check(Path(__file__).parent.parent / "data" / "iraq-transition.toml", capsys)
    assert code == 0 and "outside" not in err
    assert all(": warning: " in line for line in err.splitlines())  # only check's naming warnings


async def test_the_explorer_shows_the_warning(tmp_path: Path) -> None:
    """On the overview, the first thing the explorer shows, above the story itself."""
    from mission_tui.app import make_app

    outside = _document(tmp_path / "elsewhere")
    path = story(tmp_path / "stories", source("a", str(outside)), claim("c", "a"))
    app = make_app(load_story(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = app.main_screen.detail.body.content.plain
    first = shown.splitlines()[0]
    assert first.startswith("⚠ Read from outside the story's folder: ") and str(outside) in first


# ------------------------------------------------------------------ what is printed


def test_a_huge_unknown_field_name_is_not_echoed_whole(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "field.toml"
    path.write_text(HEADER.replace('id = "s"', f'id = "s"\n{"k" * 500_000} = 1'), encoding="utf-8")
    code, _, err, _ = check(path, capsys)
    assert code == 2 and "unknown field" in err and len(err) <= MAX_REPORT_LINE + 1


@pytest.mark.slow
def test_twenty_thousand_bad_items_print_a_bounded_report(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "many.toml"
    bad = '\n[[sources]]\nid = "Bad Id"\noutlet = "O"\nkind = "blog"\n'
    path.write_text(HEADER + bad * 20_000, encoding="utf-8")
    code, out, err, _ = check(path, capsys)
    lines = err.splitlines()
    assert code == 2 and len(lines) == MAX_REPORTED + 1
    assert lines[-1] == f"{path}: … and 39,900 more problems like these"
    assert "40000 problems" in out  # the count is complete


def test_json_output_is_strict() -> None:
    with pytest.raises(ValueError):
        dumps_json({"amount": float("nan")})


def test_loading_refuses_nan_before_any_output(tmp_path: Path) -> None:
    path = tmp_path / "nan.toml"
    path.write_text(
        HEADER + '\n[[sources]]\nid = "a"\noutlet = "O"\nkind = "news"\nexcerpt = "x"\n'
        '\n[[claims]]\nid = "c"\nsubject = "s"\nproperty = "p"\nvalue = { amount = nan, unit = "u" }\n'
        'phrase = "x"\nsource = "a"\nquote = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(StoryLoadError, match="finite number"):
        load_story(path)


# ------------------------------------------------------------------ the explorer, in a terminal


@pytest.mark.slow
def test_the_explorer_with_a_fifo_document_draws_and_quits(tmp_path: Path, fifo: Path) -> None:
    """It used to freeze on a blank screen that q, ctrl+q and ctrl+c could not leave: checking the
    quotes read the FIFO, which waits for a writer that never comes."""
    pexpect = pytest.importorskip("pexpect")
    pyte = pytest.importorskip("pyte")
    from ptytools import HEIGHT, TODAY, WIDTH, child_env, script, wait_until

    text = (Path(__file__).parent.parent / "data" / "iraq-transition.toml").read_text(encoding="utf-8")
    path = tmp_path / "story.toml"
    path.write_text(text.replace("../seeds/000_2478aec32e3f585e.txt", fifo.name), encoding="utf-8")
    assert fifo.name in path.read_text(encoding="utf-8")
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.ByteStream(screen)
    child = pexpect.spawn(
        script(), [str(path), "--today", TODAY], env=child_env(), dimensions=(HEIGHT, WIDTH), timeout=10
    )

    def shown() -> str:
        return "\n".join(screen.display)

    def pump() -> bool:
        try:
            stream.feed(child.read_nonblocking(65536, timeout=0.05))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return False
        return True

    try:
        wait_until(lambda: pump() and "step 0 of 5" in shown(), 30, "the first frame", shown)
        child.send("q")
        wait_until(lambda: not pump(), 5, "the exit", shown)
        child.close()
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
