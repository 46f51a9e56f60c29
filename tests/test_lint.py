"""check's warnings: a subject or property no other claim uses (a likely typo) is named, with the
nearest name in use; warnings go to stderr and do not fail `check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mission_tui.cli import main
from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.lint import naming_warnings
from mission_tui.story.loader import load_story


def typo_story(tmp_path: Path, old: str, new: str, after: str = 'id = "end-the-hill"') -> Path:
    """The bundled story with one claim's `old` line changed to `new` (its document path kept)."""
    text = bundled_story_path().read_text(encoding="utf-8")
    start = text.index(old, text.index(after))
    text = text[:start] + new + text[start + len(old) :]
    seeds = tmp_path / "seeds"  # beside the story, as the bundled story has them: no warning about it
    seeds.mkdir(exist_ok=True)
    for seed in (bundled_story_path().parent.parent / "seeds").iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    text = text.replace('document = "../seeds/', 'document = "seeds/')
    path = tmp_path / "typo.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_story_names_its_single_use_properties_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Four properties of the bundled story are given by one claim each (the troop count...): not
    typos, but claims nothing is compared with, so they are named together, once, and check passes."""
    (warning,) = naming_warnings(load_story(bundled_story_path()))
    assert warning.line is None
    assert warning.message == (
        "warning: 4 properties are used by one claim only, so nothing is compared with it "
        "('troop-count', 'complete-withdrawal', 'remaining-location', 'discussed-by'): check the spelling"
    )
    assert main(["check"]) == 0
    assert capsys.readouterr().err.count("warning:") == 1


def test_a_subject_typo_is_a_warning_naming_the_line_and_the_likely_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = typo_story(tmp_path, 'subject = "us-mission-iraq"', 'subject = "us-mision-iraq"')
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 0  # a warning, not a failure
    lines = path.read_text(encoding="utf-8").splitlines()
    typo = lines.index('subject = "us-mision-iraq"')
    claim_line = max(number for number, text in enumerate(lines[:typo], 1) if text == "[[claims]]")
    warning, lone_properties = err.splitlines()
    assert "4 properties are used by one claim only" in lone_properties
    assert warning == (
        f"{path}:{claim_line}: warning: claim 'end-the-hill': subject 'us-mision-iraq' is used by no other "
        "claim, so nothing is compared with it (a typo for 'us-mission-iraq'?)"
    )
    assert "2 warnings (listed on stderr)" in out


def test_a_property_typo_is_a_warning(tmp_path: Path) -> None:
    path = typo_story(tmp_path, 'property = "end-date"', 'property = "end-dat"')
    warning, _lone_properties = naming_warnings(load_story(path))
    assert "property 'end-dat' is used by no other claim" in warning.message
    assert "a typo for 'end-date'?" in warning.message


def test_a_subject_used_once_is_a_warning_even_with_no_near_name(tmp_path: Path) -> None:
    path = typo_story(tmp_path, 'subject = "us-mission-iraq"', 'subject = "weather"')
    warning, _lone_properties = naming_warnings(load_story(path))
    assert "subject 'weather' is used by no other claim" in warning.message and "(a typo?)" in warning.message
