"""Render the explorer's main views to SVG: `python -m mission_tui.screenshots DIR` (`make screenshots`).

Every view is a `Scene`: a terminal size and the keys pressed after start-up, on the bundled story with
`today` and the theme pinned, so the files change only when the explorer's look does. The snapshot tests
(tests/test_snapshots.py) build their apps with `scene_app` too.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .app import MissionApp, make_app
from .story.bundled import bundled_story_path
from .story.loader import LoadedStory, load_story

TODAY = date(2026, 11, 24)
THEME = "textual-dark"
WIDE = (120, 40)
SMALL = (80, 24)


@dataclass(frozen=True)
class Scene:
    """One view: `press` is what a user types after the first frame (Textual key names)."""

    name: str
    size: tuple[int, int] = WIDE
    press: tuple[str, ...] = ()
    theme: str = THEME


def typed(text: str) -> tuple[str, ...]:
    """Key names for typing `text` (space is "space" to Textual's pilot)."""
    return tuple("space" if char == " " else char for char in text)


STEP = ("n", "n", "n")
CONFLICT = ("4",)
HELP = ("question_mark",)
FILTER = ("3", "slash", *typed("hill"))
PALETTE = ("ctrl+p", *typed("mission end"))

SCENES = (
    Scene("main", WIDE),
    Scene("step-through", WIDE, STEP),
    Scene("conflict", WIDE, CONFLICT),
    Scene("help", WIDE, HELP),
    Scene("main-80x24", SMALL),
    Scene("filter", WIDE, FILTER),
    Scene("palette", WIDE, PALETTE),
)
"""What `make screenshots` writes to screenshots/, one SVG per scene."""


def bundled() -> LoadedStory:
    return load_story(bundled_story_path())


def scene_app(loaded: LoadedStory | None = None, *, theme: str = THEME, today: date = TODAY) -> MissionApp:
    """The explorer with today and the theme pinned (default story: the bundled one)."""
    return make_app(loaded or bundled(), today=today, theme=theme)


async def render(scene: Scene, loaded: LoadedStory, directory: Path) -> Path:
    """Start the app headless at the scene's size, press its keys, save the screen as DIR/NAME.svg."""
    app = scene_app(loaded, theme=scene.theme)
    async with app.run_test(size=scene.size) as pilot:
        await pilot.pause()
        await pilot.press(*scene.press)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        app.save_screenshot(f"{scene.name}.svg", str(directory))
    return directory / f"{scene.name}.svg"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mission_tui.screenshots DIR", file=sys.stderr)
        return 2
    directory = Path(args[0])
    directory.mkdir(parents=True, exist_ok=True)
    loaded = bundled()
    for scene in SCENES:
        print(asyncio.run(render(scene, loaded, directory)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
