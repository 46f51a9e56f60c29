"""`mission-tui ingest` and `mission-tui DIGEST.txt`: files written, refusals, bad input, the draft flag."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from mission_tui import cli
from mission_tui.cli import main
from mission_tui.ingest.command import is_digest, mark_draft, open_digest
from mission_tui.ingest.writer import DRAFT_MARK
from mission_tui.story.loader import load_story
from mission_tui.story.verify import verify_quotes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_2478aec32e3f585e.txt"
Cap = pytest.CaptureFixture[str]


def run(argv: list[str], capsys: Cap) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "digests" / "seed.txt"
    path.parent.mkdir()
    shutil.copy(SEED, path)
    return path


def test_ingest_then_check_shows_the_conflict(seed: Path, tmp_path: Path, capsys: Cap) -> None:
    out = tmp_path / "stories" / "draft.toml"
    out.parent.mkdir()
    code, stdout, err = run(["ingest", str(seed), "-o", str(out)], capsys)
    assert (code, stdout) == (0, "")
    assert f"wrote an unreviewed draft to {out}" in err and "1 conflict found" in err
    assert "pass --year YYYY" in err  # the seed prints "Sep. 27" without a year
    text = out.read_text(encoding="utf-8")
    assert text.startswith(DRAFT_MARK) and str(seed.as_posix()) in text.splitlines()[0]
    data = tomllib.loads(text)
    assert list(data) == ["format", "story", "sources", "events", "key_points", "claims"]
    assert data["sources"][0]["document"] == "../digests/seed.txt"  # relative to the story file
    code, stdout, err = run(["check", str(out)], capsys)
    assert code == 0
    assert all(": warning: " in line for line in err.splitlines())  # single-use names; no problem
    assert "1 conflict found" in stdout and "by September 2025" in stdout and "by the end of 2026" in stdout


def test_default_output_refusal_force_and_identical_bytes(seed: Path, capsys: Cap) -> None:
    assert run(["ingest", str(seed)], capsys)[0] == 0
    written = seed.with_suffix(".toml")
    first = written.read_bytes()
    code, _, err = run(["ingest", str(seed)], capsys)
    assert code == 2 and "already exists (use --force to overwrite)" in err
    assert run(["ingest", str(seed), "--force"], capsys)[0] == 0
    assert written.read_bytes() == first  # the same input gives byte-identical output
    assert not list(seed.parent.glob(".*.tmp"))  # written atomically, no temporary file left


def test_year_option(seed: Path, tmp_path: Path, capsys: Cap) -> None:
    out = tmp_path / "y.toml"
    assert run(["ingest", str(seed), "-o", str(out), "--year", "2024"], capsys)[0] == 0
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert {s.get("published") for s in data["sources"]} == {None, "2024?-09-27"}
    assert data["story"]["as_of"] == "2024?-09-27"
    code, _, err = run(["ingest", str(seed), "-o", str(out), "--year", "24"], capsys)
    assert code == 2 and "not a year" in err


def test_stdout_output(seed: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(seed.parent)
    code, stdout, err = run(["ingest", "seed.txt", "-o", "-"], capsys)
    assert code == 0 and stdout.startswith(DRAFT_MARK) and "<stdout>" in err
    assert tomllib.loads(stdout)["sources"][0]["document"] == "seed.txt"


def test_writing_over_the_digest_is_refused(seed: Path, capsys: Cap) -> None:
    code, _, err = run(["ingest", str(seed), "-o", str(seed), "--force"], capsys)
    assert code == 2 and "is the digest itself" in err
    assert seed.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file"),
        (b"Summary\nCaf\xe9 prices rose.\n", "is not UTF-8 text (byte 0xe9)"),
        (
            b"Just some text that is not a digest.\nIt has no headings and no article lines.\n",
            "does not look like a news digest",
        ),
        (b'format = 1\n[story]\nid = "x"\n', "looks like a story file (TOML), not a digest"),
    ],
)
def test_bad_input_is_a_clear_message_and_exit_2(
    tmp_path: Path, capsys: Cap, content: bytes, message: str
) -> None:
    digest = tmp_path / "bad.txt"
    digest.write_bytes(content)
    code, stdout, err = run(["ingest", str(digest), "-o", str(tmp_path / "out.toml")], capsys)
    assert (code, stdout) == (2, "")
    assert err.startswith(f"{digest}") and message in err and "Traceback" not in err
    assert not (tmp_path / "out.toml").exists()


def test_missing_file_and_directory(tmp_path: Path, capsys: Cap) -> None:
    code, _, err = run(["ingest", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.toml")], capsys)
    assert code == 2 and "no such file" in err
    code, _, err = run(["ingest", str(tmp_path), "-o", str(tmp_path / "o.toml")], capsys)
    assert code == 2 and "is a directory" in err


def test_a_one_megabyte_line_is_refused_quickly(tmp_path: Path, capsys: Cap) -> None:
    digest = tmp_path / "huge.txt"
    digest.write_text("Summary\n" + "by 2026 and 1,000 troops " * 40_000 + "\n", encoding="utf-8")
    start = time.perf_counter()
    code, _, err = run(["ingest", str(digest), "-o", str(tmp_path / "o.toml")], capsys)
    assert time.perf_counter() - start < 1.0
    assert code == 2 and f"{digest}:2: line is 1,000,000 characters long" in err


def test_digest_without_articles_writes_a_minimal_draft_with_a_warning(tmp_path: Path, capsys: Cap) -> None:
    digest = tmp_path / "brief.txt"
    digest.write_text("Summary\nThe plant will close by March 2026.\n", encoding="utf-8")
    code, _, err = run(["ingest", str(digest)], capsys)
    assert code == 0 and "warning: no article lines" in err
    loaded = load_story(digest.with_suffix(".toml"))
    assert verify_quotes(loaded) == [] and len(loaded.model.claims) == 1


def test_explorer_input_is_a_digest_by_extension_and_content(seed: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text('# a story with another extension\nformat = 1\n[story]\nid = "x"\n', encoding="utf-8")
    assert is_digest(seed)
    assert not is_digest(story)  # TOML content: a story, whatever its name
    assert not is_digest(ROOT / "data" / "iraq-transition.toml")
    assert not is_digest(tmp_path / "missing.txt")  # the loader reports it


def test_open_digest_is_flagged_as_a_draft_and_its_quotes_verify(seed: Path) -> None:
    loaded = open_digest(seed, None)
    assert loaded is not None and loaded.draft and "unreviewed draft" in loaded.draft
    assert verify_quotes(loaded) == []


def test_a_written_draft_stays_flagged_until_its_header_is_removed(seed: Path, capsys: Cap) -> None:
    assert run(["ingest", str(seed)], capsys)[0] == 0
    path = seed.with_suffix(".toml")
    assert mark_draft(load_story(path)).draft is not None
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[4:]) + "\n", encoding="utf-8")
    assert mark_draft(load_story(path)).draft is None


def test_explore_on_a_bad_digest_exits_2_without_the_explorer(
    tmp_path: Path, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "terminal_problem", lambda: None)  # pytest's stdin is no terminal
    digest = tmp_path / "empty.txt"
    digest.write_bytes(b"\x00\x01binary")
    code, stdout, err = run([str(digest)], capsys)
    assert (code, stdout) == (2, "") and "is a binary file" in err
