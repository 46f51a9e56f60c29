"""Generated stories for tests: benchmarks/generate.py (on the test path, see pyproject.toml), the one
way tests get a big story."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generate import generate_story_text
from mission_tui.story.loader import LoadedStory, loads_story


@cache
def generated_story(claims: int, seed: int = 0) -> LoadedStory:
    """The story the benchmarks use for this size and seed (built once per session)."""
    name = f"generated-{claims}.toml"
    return LoadedStory(model=loads_story(generate_story_text(claims, seed=seed), name), path=Path(name))
