"""Where the bundled story lives, in a source tree (editable install) and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

BUNDLED_STORY_NAME = "iraq-transition.toml"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_story_path() -> Path:
    """The bundled story: inside the wheel (`mission_tui/bundled/data`) or at the repo's `data/`."""
    candidates = (
        _PACKAGE_DIR / "bundled" / "data" / BUNDLED_STORY_NAME,  # built wheel (force-include)
        _PACKAGE_DIR.parent.parent / "data" / BUNDLED_STORY_NAME,  # source tree: tui/mission_tui
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[-1]
