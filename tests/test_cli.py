"""The command line: exit codes, where output goes, and that story text never becomes markup or escapes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mission_tui import __version__, cli, terminal
from mission_tui.cli import main
from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.conflicts import detect_conflicts
from mission_tui.story.export import dumps_json, to_json, to_markdown, to_timelinejs
from mission_tui.story.loader import load_story

STORY = """\
[story]
id = "cli"
title = "TITLE"
summary = "Two sources disagree."
as_of = "2024-09-27"

[[sources]]
id = "a"
outlet = "Outlet A"
kind = "news"
excerpt = "The mission ends by September 2025."

[[sources]]
id = "b"
outlet = "Outlet B"
kind = "news"
excerpt = "The mission ends by the end of 2026."

[[claims]]
id = "end-a"
subject = "mission"
property = "end"
value = { date = "2025-09" }
phrase = "by September 2025"
source = "a"
quote = "The mission ends by September 2025."

[[claims]]
id = "end-b"
subject = "mission"
property = "end"
value = { date = "2026-12" }
phrase = "PHRASE"
source = "b"
quote = "QUOTE"

[[events]]
id = "end"
when = "2025-09-30"
title = "The mission is due to end"
status = "scheduled"
sources = ["a"]
claims = ["end-a"]
"""
Cap = pytest.CaptureFixture[str]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = '[bold]bold[/bold] [link=https://evil.example]link[/link] \\u001b]0;PWNED\\u0007 \\u009b2J'


def story(tmp_path: Path, title: str = "Test story", name: str = "story.toml", **swap: str) -> Path:
    """A valid two-source story with a date conflict; `swap` replaces PHRASE/QUOTE placeholders."""
    text = STORY.replace('"TITLE"', json.dumps(title, ensure_ascii=False).replace("\\\\", "\\"))
    text = text.replace("PHRASE", swap.get("phrase", "by the end of 2026"))
    text = text.replace("QUOTE", swap.get("quote", "The mission ends by the end of 2026."))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def bad_story(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(STORY.replace('kind = "news"', 'kind = "blog"', 1), encoding="utf-8")
    return path


def run(argv: list[str], capsys: Cap) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------------- check


def test_check_bundled_story_is_valid_with_counts_and_conflict(capsys: Cap) -> None:
    code, out, err = run(["check"], capsys)
    model = load_story(bundled_story_path()).model
    assert code == 0
    assert err.count("warning:") == err.count("\n") == 1  # the single-use properties, named once
    assert model.story.title in out and "is valid" in out
    for count, word in ((model.sources, "source"), (model.events, "event"), (model.claims, "claim")):
        assert f"{len(count)} {word}" in out
    assert f"{len(model.conflicts)} curated conflict" in out
    assert "When does the current mission end?" in out
    assert "by September 2025" in out and "by the end of 2026" in out and "The Hill" in out


def test_check_lists_the_conflict_with_phrase_value_source(
    tmp_path: Path, capsys: Cap
) -> None:
    code, out, _ = run(["check", str(story(tmp_path))], capsys)
    assert code == 0 and "1 conflict found" in out
    flat = " ".join(out.split())
    assert "“by September 2025” → September 2025 — Outlet A [end-a]" in flat
    assert "“by the end of 2026” → December 2026 — Outlet B [end-b]" in flat


def test_check_bad_file_reports_file_line_on_stderr(tmp_path: Path, capsys: Cap) -> None:
    bad = bad_story(tmp_path)
    code, out, err = run(["check", str(bad)], capsys)
    assert code == 2
    assert err == f"{bad}:7: [[sources]] id 'a' field 'kind': " + (
        "Input should be 'digest', 'news', 'statement', 'report', 'transcript' or 'other' (got 'blog')\n"
    )
    assert f"✗ {bad}: 1 problem" in out


def test_check_reports_every_problem_one_line_each(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "many.toml"
    path.write_text(
        STORY.replace('kind = "news"', 'kind = "blog"').replace('"2025-09"', '"soon"'), encoding="utf-8"
    )
    code, _, err = run(["check", str(path)], capsys)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 3
    assert all(re.match(rf"^{re.escape(str(path))}:\d+: \S", line) for line in lines)


def test_check_several_files_exit_2_if_any_is_bad(tmp_path: Path, capsys: Cap) -> None:
    code, out, err = run(["check", str(story(tmp_path)), str(bad_story(tmp_path))], capsys)
    assert code == 2 and "Test story" in out and "bad.toml:7:" in err


def test_check_toml_syntax_error_has_column(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "syntax.toml"
    path.write_text('[story]\nid = "s"\ntitle = \n', encoding="utf-8")
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2 and err.startswith(f"{path}:3:9: TOML syntax error")


def test_check_misquote_is_invalid(tmp_path: Path, capsys: Cap) -> None:
    path = story(tmp_path, quote="The mission ends in 2030.")
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2 and f"{path}:28: claim 'end-b': quote" in err and "not found in source 'b'" in err


@pytest.mark.parametrize("target", ["missing.toml", "."])
def test_check_bad_path_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: Cap, target: str
) -> None:
    code, _, err = run(["check", str(tmp_path / target)], capsys)
    assert code == 2 and "Traceback" not in err
    assert err.rstrip().endswith(("no such file", "is a directory, not a story file"))


def test_markup_in_a_story_prints_literally_and_no_escapes_leak(
    tmp_path: Path, capsys: Cap
) -> None:
    path = story(tmp_path, title=HOSTILE, phrase=HOSTILE.replace("\\u", "\\\\u"))
    code, out, err = run(["check", str(path)], capsys)
    assert code == 0
    assert "[bold]bold[/bold] [link=https://evil.example]link[/link]" in out
    assert not any(ch in out + err for ch in "\x1b\x07\x9b")


def test_markup_stays_literal_with_colour_on(
    tmp_path: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = run(["check", str(story(tmp_path, title=HOSTILE))], capsys)
    assert code == 0 and ANSI.search(out), "colour was meant to be on for this test"
    assert "[bold]bold[/bold] [link=https://evil.example]link[/link]" in ANSI.sub("", out)
    assert "\x1b]" not in out and "PWNED" in out and "\x07" not in out  # no OSC (title, hyperlink)


def test_problem_messages_are_stripped_of_controls(tmp_path: Path, capsys: Cap) -> None:
    path = tmp_path / "evil\x1b[31m.toml"
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2 and "\x1b" not in err and "evil[31m.toml: no such file" in err


# ------------------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["json", "markdown", "timelinejs"])
def test_export_to_stdout_is_exactly_the_export(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], fmt: str
) -> None:
    path = story(tmp_path)
    model = load_story(path).model
    expected = {
        "json": to_json(model),
        "markdown": to_markdown(model, detect_conflicts(model)),
        "timelinejs": dumps_json(to_timelinejs(model, detect_conflicts(model))),
    }[fmt]
    assert main(["export", str(path), "--format", fmt]) == 0
    out, err = capsysbinary.readouterr()
    assert out == expected.encode("utf-8") and err == b""


def test_timelinejs_export_of_a_story_with_no_dated_event_is_refused(tmp_path: Path, capsys: Cap) -> None:
    """TimelineJS refuses a file with no events ("Timeline configuration has no events"), title or not:
    say so and write nothing, rather than a file it will not open."""
    path = story(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('when = "2025-09-30"\n', ""), encoding="utf-8")
    out_file = tmp_path / "timeline.json"
    code, out, err = run(["export", str(path), "-f", "timelinejs", "-o", str(out_file)], capsys)
    assert code == 2 and out == "" and not out_file.exists()
    assert "TimelineJS needs at least one dated event" in err and str(path) in err
    assert main(["export", str(path), "-f", "markdown"]) == 0  # the other formats still work


def test_export_defaults_to_the_bundled_story(capsys: Cap) -> None:
    code, out, _ = run(["export", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["story"]["id"] == load_story(bundled_story_path()).model.story.id


def test_export_bad_file_is_exit_2_with_check_errors(tmp_path: Path, capsys: Cap) -> None:
    bad = bad_story(tmp_path)
    code, out, err = run(["export", str(bad), "--format", "json"], capsys)
    assert code == 2 and out == "" and err.startswith(f"{bad}:7: ")


def test_export_output_file_atomic_refuse_and_force(
    tmp_path: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = story(tmp_path)
    out = tmp_path / "out" / "story.md"
    out.parent.mkdir()
    replaced: list[tuple[Path, Path, str]] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        replaced.append((Path(src), Path(dst), Path(src).read_text(encoding="utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    code, stdout, _ = run(["export", str(path), "-f", "markdown", "-o", str(out)], capsys)
    assert code == 0 and stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Test story")
    (src, dst, written), = replaced  # one rename, from a complete temp file in the same directory
    assert (src.parent, dst) == (out.parent, out) and written == out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["story.md"]  # no temp file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask

    code, _, err = run(["export", str(path), "-f", "json", "-o", str(out)], capsys)
    assert code == 2 and "already exists (use --force to overwrite)" in err
    assert out.read_text(encoding="utf-8").startswith("# Test story")

    code, _, _ = run(["export", str(path), "-f", "json", "-o", str(out), "--force"], capsys)
    assert code == 0 and json.loads(out.read_text(encoding="utf-8"))["story"]["id"] == "cli"


def test_export_failed_write_leaves_old_file_and_no_temp(
    tmp_path: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = story(tmp_path)
    out = tmp_path / "old.json"
    out.write_text("old", encoding="utf-8")

    def fail(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run(["export", str(path), "-f", "json", "-o", str(out), "--force"], capsys)
    assert code == 2 and "cannot write: No space left on device" in err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json", "story.toml"]


@pytest.mark.parametrize(("target", "message"), [("nodir/x.json", "does not exist"), (".", "is a directory")])
def test_export_bad_output_path(
    tmp_path: Path, capsys: Cap, target: str, message: str
) -> None:
    code, _, err = run(["export", str(story(tmp_path)), "-f", "json", "-o", str(tmp_path / target)], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_export_unknown_format_is_a_usage_error(capsys: Cap) -> None:
    code, _, err = run(["export", "--format", "pdf"], capsys)
    assert code == 2 and "invalid choice: 'pdf'" in err


# ------------------------------------------------------------------------- schema, version, help


def test_schema_is_json_schema_for_story_files(capsys: Cap) -> None:
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "mission-tui story file"
    assert {"story", "sources", "events", "key_points", "claims", "conflicts"} <= schema["properties"].keys()
    claim = schema["$defs"]["Claim"]
    assert {"quote", "phrase", "value", "source"} <= set(claim["required"])


def test_version(capsys: Cap) -> None:
    assert run(["--version"], capsys) == (0, f"mission-tui {__version__}\n", "")


def test_help_lists_the_commands(capsys: Cap) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and all(word in out for word in ("check", "export", "schema", "explore"))


def test_keyboard_interrupt_exits_130_quietly(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(path: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_story", interrupt)
    assert run(["check"], capsys) == (130, "", "")


# ------------------------------------------------------------------------- the explorer entry


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stand in for mission_tui.app so routing is tested without starting a full-screen app."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(cli, "terminal_problem", lambda: None)  # pytest's stdin is no terminal

    def make_app(loaded: Any, today: date | None = None, *, quote_problems: Any = ()) -> Any:
        calls.append({"loaded": loaded, "today": today, "quote_problems": quote_problems})
        return types.SimpleNamespace(run=lambda: calls[-1].setdefault("ran", True), failure=None)

    def run_app(app: Any) -> int:
        app.run()
        return 0

    monkeypatch.setitem(sys.modules, "mission_tui.app", types.SimpleNamespace(make_app=make_app))
    # the real run_app takes over the terminal's signals; exit_within would end pytest's process
    monkeypatch.setattr(terminal, "run_app", run_app)
    monkeypatch.setattr(terminal, "exit_within", lambda status: status)
    return calls


def test_bare_command_explores_the_bundled_story(fake_app: list[dict[str, Any]]) -> None:
    assert main([]) == 0
    (call,) = fake_app
    assert call["loaded"].path == bundled_story_path() and call["today"] == date.today() and call["ran"]
    assert call["quote_problems"] is None  # not checked yet: the explorer checks them after opening


def test_file_argument_and_today(tmp_path: Path, fake_app: list[dict[str, Any]]) -> None:
    path = story(tmp_path)
    assert main([str(path), "--today", "2025-01-02"]) == 0
    assert fake_app[0]["loaded"].model.story.title == "Test story"
    assert fake_app[0]["today"] == date(2025, 1, 2)


def test_bad_story_exits_2_before_the_app_starts(
    tmp_path: Path, fake_app: list[dict[str, Any]], capsys: Cap
) -> None:
    code, _, err = run([str(bad_story(tmp_path))], capsys)
    assert code == 2 and fake_app == [] and ":7: " in err


@pytest.mark.parametrize("bad", ["2025-13-01", "20250101", "tomorrow"])
def test_bad_today_is_a_usage_error(
    bad: str, fake_app: list[dict[str, Any]], capsys: Cap
) -> None:
    code, _, err = run(["--today", bad], capsys)
    assert code == 2 and fake_app == [] and "--today" in err


# ------------------------------------------------------------------------- real processes


def _cli_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR")}


def test_console_script_from_another_directory(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "mission-tui"
    done = subprocess.run(
        [str(script), "check"], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=_cli_env()
    )
    assert done.returncode == 0, done.stderr
    assert load_story(bundled_story_path()).model.story.title in done.stdout


def test_python_m_bad_file_exit_2(tmp_path: Path) -> None:
    bad_story(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mission_tui", "check", "bad.toml"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=_cli_env(),
    )
    assert done.returncode == 2 and done.stderr.startswith("bad.toml:7: ")
    assert "Traceback" not in done.stderr


def test_python_m_export_pipes_bytes(tmp_path: Path) -> None:
    story(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mission_tui", "export", "story.toml", "--format", "timelinejs"],
        cwd=tmp_path, capture_output=True, timeout=120, env=_cli_env(),
    )
    assert done.returncode == 0
    model = load_story(tmp_path / "story.toml").model
    assert done.stdout == dumps_json(to_timelinejs(model, detect_conflicts(model))).encode()


def test_export_of_misquoted_story_warns_but_exports(tmp_path: Path, capsys: Cap) -> None:
    """An unverified quote fails `check`, but export still works and says what is unverified."""
    path = story(tmp_path, quote="The mission ends in 2030.")
    code = main(["export", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["claims"]
    assert "not found in source 'b'" in err


def test_check_accepts_a_date_whose_year_is_not_given(tmp_path: Path, capsys: Cap) -> None:
    """A digest's "Sep. 27" with no year is `XXXX-09-27`: valid, and said in words, never as year 1."""
    path = tmp_path / "story.toml"
    path.write_text(STORY.replace('as_of = "2024-09-27"', 'as_of = "XXXX-09-27"'), encoding="utf-8")
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2 and "QUOTE" in err  # the one misquote in STORY, nothing about the date
    assert "as_of" not in err
    code, markdown, _ = run(["export", "-f", "markdown", str(path)], capsys)
    assert code == 0
    assert "27 September, year not given" in markdown
    assert "0001" not in markdown and "9999" not in markdown


# ------------------------------------------------------------------------- the same story as JSON


def test_every_command_reads_the_story_as_json(tmp_path: Path, capsys: Cap) -> None:
    """`export -f json` writes a story file: check, export and the explorer's loader read it back."""
    toml_path = story(tmp_path, quote="The mission ends by the end of 2026.")
    json_path = tmp_path / "story.json"
    assert main(["export", str(toml_path), "-f", "json", "-o", str(json_path)]) == 0
    code, out, err = run(["check", str(json_path)], capsys)
    assert code == 0 and err == "" and "story.json is valid" in out and "1 conflict found" in out
    for fmt in ("markdown", "timelinejs", "json"):
        code, exported, _ = run(["export", str(json_path), "-f", fmt], capsys)
        code_toml, from_toml, _ = run(["export", str(toml_path), "-f", fmt], capsys)
        assert code == code_toml == 0 and exported == from_toml
    assert load_story(json_path).model == load_story(toml_path).model  # what the explorer opens


def test_json_export_has_detected_conflicts_and_date_bounds(tmp_path: Path, capsys: Cap) -> None:
    code, out, _ = run(["export", str(story(tmp_path)), "-f", "json"], capsys)
    assert code == 0
    derived = json.loads(out)["derived"]
    (conflict,) = derived["conflicts"]  # the story has no curated note: detected only
    assert (conflict["detected"], conflict["curated"], conflict["status"]) == (True, False, "open")
    assert conflict["claims"] == ["end-a", "end-b"] and conflict["pairs"][0]["relation"] == "conflict"
    assert derived["dates"]["2025-09"] == {
        "lower": "2025-09-01", "upper": "2025-09-30",
        "lower_fuzzy": "2025-09-01", "upper_fuzzy": "2025-09-30",
        "precision": "month", "uncertain": False, "approximate": False, "unspecified": [],
        "words": "September 2025",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [('{"format": 1, "story": {', "story.json:1:"),
     ('{"story": {}, "story": {}}', "key 'story' is given twice"),
     ('{"format": NaN}', "NaN is not a JSON number"), ("[1, 2]", "a JSON story is an object"),
     ('{"format": 1}', "missing the required [story] table")],
)  # fmt: skip
def test_a_broken_json_story_is_one_clear_message(
    tmp_path: Path, capsys: Cap, text: str, message: str
) -> None:
    path = tmp_path / "story.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(["check", str(path)], capsys)
    assert code == 2 and message in err and "TOML" not in err and "Traceback" not in err
