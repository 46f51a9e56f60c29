"""Hostile input: every bad file gets a clear message and exit 2 from `mission-tui check`, never a
traceback, and story text can never smuggle markup or escape sequences onto the terminal.

Static cases live in tests/hostile/*.toml with the expected message in a `# expect:` first line;
cases that are large, binary or built from payloads are generated here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mission_tui.cli import main
from mission_tui.story.loader import MAX_FILE_BYTES

HOSTILE_DIR = Path(__file__).parent / "hostile"
STATIC_CASES = sorted(HOSTILE_DIR.glob("*.toml"))

# Payloads a story might carry: Textual/Rich markup, a clickable action, OSC 8 links, OSC 0 title,
# OSC 52 clipboard write, CSI clear-screen, BEL, C1 CSI, and a bidi override.
INJECTIONS = (
    "[bold red]markup[/] [@click=app.quit]click[/] [link=https://evil.example]link[/link]",
    "\x1b]8;;https://evil.example\x1b\\osc8\x1b]8;;\x1b\\",
    "\x1b]0;PWNED-TITLE\x07",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b[2J\x1b[H cleared",
    "bell\x07 c1\x9b31m bidi\u202eevil",
)
FORBIDDEN_BYTES = ("\x1b", "\x07", "\x9b", "\u202e")


def expected_message(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[:1]
    if first and first[0].startswith("# expect: "):
        return first[0].removeprefix("# expect: ")
    return "missing the required [story] table"  # the empty file has no room for a header


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", STATIC_CASES, ids=[p.stem for p in STATIC_CASES])
def test_static_case_is_reported_clearly(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_check(path, capsys)
    assert code == 2
    assert "Traceback" not in out + err
    assert expected_message(path) in err
    assert str(path) in err  # every problem names its file


def test_static_corpus_is_not_empty() -> None:
    assert len(STATIC_CASES) >= 12


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_binary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "story.toml", bytes(range(256)) * 64)
    code, _, err = run_check(path, capsys)
    assert code == 2 and "binary" in err


def test_non_utf8_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "latin1.toml", '[story]\nid = "s"\ntitle = "café"\n'.encode("latin-1"))
    code, _, err = run_check(path, capsys)
    assert code == 2 and "not UTF-8" in err and f"{path}:3" in err


def test_fifty_megabyte_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.write(b'[story]\nid = "s"\n')
        handle.write(b"# padding padding padding padding padding padding padding padding\n" * 800_000)
    assert path.stat().st_size > 50_000_000
    code, _, err = run_check(path, capsys)
    assert code == 2
    if path.stat().st_size > MAX_FILE_BYTES:
        assert "limited to" in err
    else:
        assert "missing required field" in err


def _story_with(summary: str = "S", title: str = "T") -> str:
    return (
        f'[story]\nid = "s"\ntitle = "{title}"\nsummary = """{summary}"""\nas_of = "2024-09-27"\n'
    )


def test_hundred_thousand_character_text_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "long.toml", _story_with(summary="x" * 100_000).encode())
    code, out, err = run_check(path, capsys)
    assert code == 0, err
    assert "x" * 200 not in out  # the CLI summarises; it does not dump 100k characters


def test_over_long_strings_are_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "longer.toml", _story_with(summary="x" * 100_001, title="t" * 100_000).encode())
    code, _, err = run_check(path, capsys)
    assert code == 2
    assert "field 'summary'" in err and "field 'title'" in err  # both problems in one run
    assert len(err) < 5_000  # the bad values are shortened, not echoed whole


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a=", "}")], ids=["arrays", "tables"])
def test_deeply_nested_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opener: str, closer: str
) -> None:
    path = _write(tmp_path, "deep.toml", f"x = {opener * 50_000}1{closer * 50_000}\n".encode())
    code, _, err = run_check(path, capsys)
    assert code == 2 and "nesting is too deep" in err


def toml_string(text: str) -> str:
    """A TOML basic string: control characters must be written as \\uXXXX escapes in TOML."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def injection_story(payload: str) -> str:
    """A valid story with `payload` in every free-text field (ids and dates must stay valid)."""
    s = toml_string(payload)
    return f"""
[story]
id = "inj"
title = {s}
summary = {s}
note = {s}
as_of = "2024-09-27"

[[sources]]
id = "src"
outlet = {s}
kind = "news"
headline = {s}
excerpt = {s}
note = {s}
inference = {s}

[[events]]
id = "ev"
when = "2024-09-27"
title = {s}
text = {s}
status = "occurred"
sources = ["src"]
claims = ["c1", "c2"]
note = {s}
inference = {s}

[[key_points]]
id = "kp"
title = {s}
text = {s}
order = 1
claims = ["c1"]

[[claims]]
id = "c1"
subject = "mission"
property = "end-date"
value = {{ date = "2025-09" }}
phrase = {s}
source = "src"
quote = {s}
note = {s}
inference = {s}

[[claims]]
id = "c2"
subject = "mission"
property = "end-date"
value = {{ date = "2026-12" }}
phrase = {s}
source = "src"
quote = {s}

[[claims]]
id = "c3"
subject = "mission"
property = "status"
value = {{ text = {s} }}
phrase = {s}
source = "src"
quote = {s}

[[conflicts]]
id = "cf"
claims = ["c1", "c2"]
kind = "date"
title = {s}
note = {s}
"""


@pytest.mark.parametrize("payload", INJECTIONS, ids=[f"payload{i}" for i in range(len(INJECTIONS))])
def test_injection_in_every_text_field_never_reaches_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    path = _write(tmp_path, "inj.toml", injection_story(payload).encode())
    code, out, err = run_check(path, capsys)
    assert code == 0, err
    for forbidden in FORBIDDEN_BYTES:
        assert forbidden not in out + err
    if payload.startswith("[bold"):
        assert "[bold red]markup[/]" in out  # shown literally, not interpreted


@pytest.mark.parametrize("fmt", ["json", "markdown", "timelinejs"])
@pytest.mark.parametrize("payload", INJECTIONS, ids=[f"payload{i}" for i in range(len(INJECTIONS))])
def test_export_of_an_injection_story_writes_no_control_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, payload: str
) -> None:
    path = _write(tmp_path, "inj.toml", injection_story(payload).encode())
    assert main(["export", str(path), "--format", fmt]) == 0
    out = capsys.readouterr().out
    for forbidden in FORBIDDEN_BYTES:
        assert forbidden not in out
    if fmt == "json":  # the data survives exactly: control characters are escaped, not lost
        assert json.loads(out)["story"]["title"] == payload
