"""The benchmark story generator writes valid, deterministic stories with real conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

import generate
from mission_tui.story.loader import loads_story
from mission_tui.story.models import StoryFile


@pytest.fixture(scope="module")
def stories() -> dict[int, tuple[str, StoryFile]]:
    out = {}
    for n in (200, 1000):
        text = generate.generate_story_text(n, seed=1)
        out[n] = (text, loads_story(text, f"<generated {n}>"))
    return out


@pytest.mark.parametrize("n", [200, 1000])
def test_valid_with_requested_counts(stories: dict[int, tuple[str, StoryFile]], n: int) -> None:
    _, story = stories[n]
    assert len(story.claims) == n
    assert len(story.sources) == max(3, round(n / 100))
    assert len(story.events) == round(n / 10)
    assert len(story.key_points) >= 4
    assert story.conflicts, "a few curated conflicts are expected"


def test_quotes_occur_in_their_source_excerpt(stories: dict[int, tuple[str, StoryFile]]) -> None:
    _, story = stories[1000]
    excerpts = {s.id: s.excerpt or "" for s in story.sources}
    assert all(c.quote in excerpts[c.source] for c in story.claims)


def test_date_variety(stories: dict[int, tuple[str, StoryFile]]) -> None:
    _, story = stories[1000]
    dates = [c.value.date for c in story.claims if hasattr(c.value, "date")]
    assert any(len(d) == 4 for d in dates)
    assert any(len(d) == 7 for d in dates)
    assert any(len(d) == 10 for d in dates)
    assert any(d.endswith(("?", "~")) for d in dates)
    years = {int(d[:4]) for d in dates}
    assert max(years) - min(years) >= 15


def test_deterministic_for_a_seed() -> None:
    assert generate.generate_story_text(300, seed=7) == generate.generate_story_text(300, seed=7)
    assert generate.generate_story_text(300, seed=7) != generate.generate_story_text(300, seed=8)


def test_tiny_story_is_valid() -> None:
    story = loads_story(generate.generate_story_text(1))
    assert len(story.claims) == 1


def test_command_line_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "story.toml"
    assert generate.main(["--claims", "50", "--out", str(out), "--seed", "3", "--events", "70"]) == 0
    assert out.read_text(encoding="utf-8") == generate.generate_story_text(50, seed=3, events=70)
    assert len(loads_story(out.read_text(encoding="utf-8")).events) == 70


def test_conflicts_are_detected(stories: dict[int, tuple[str, StoryFile]]) -> None:
    conflicts = pytest.importorskip("mission_tui.story.conflicts")
    for n in (200, 1000):
        _, story = stories[n]
        groups = conflicts.detect_conflicts(story)
        assert len(groups) >= 1, f"no conflict detected in the {n}-claim story"
