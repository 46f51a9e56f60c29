"""SVG snapshots of every view at 80x24 and 120x40, plus odd sizes, the ANSI theme and hostile text.

Apps are built by `mission_tui.screenshots.scene_app` (today 2026-11-24, theme pinned), the same helper
`make screenshots` uses. Update with `pytest tests/test_snapshots.py --snapshot-update`, then look at
every changed SVG. The NO_COLOR test is not a snapshot: it checks the rendered colours directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mission_tui.ingest.command import open_digest
from mission_tui.screenshots import CONFLICT, FILTER, HELP, PALETTE, SMALL, STEP, WIDE, scene_app

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2478aec32e3f585e.txt"
SIZES = pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])

KEY_POINT = ("2", "g")  # the "Timeline" key point: its events, sources and the conflict are marked
SOURCE = ("3", "j", "j")  # 3 lands on the first source (the digest); j j: The Hill
RELATED = ("n", "5")  # step 1, then its related items: the footer offers Enter to jump and Esc back
MAXIMIZED = ("4", "m")  # the conflict's detail maximized


@SIZES
def test_main(snap_compare, size):
    """The one-minute screen: the bundled story on start, the overview (step 0): the title, the summary's
    first sentence, the open conflict's clashing values; the timeline's disputed events marked ≠."""
    assert snap_compare(scene_app(), terminal_size=size)


@SIZES
def test_step_through(snap_compare, size):
    """After n n n: step 3 of 5 (the coalition's Syria operations), its links marked in the other panes."""
    assert snap_compare(scene_app(), press=STEP, terminal_size=size)


@SIZES
def test_conflict(snap_compare, size):
    """Pane 4: the conflict's comparison (one line per claim, by value), its date axis, the note."""
    assert snap_compare(scene_app(), press=CONFLICT, terminal_size=size)


@SIZES
def test_key_point(snap_compare, size):
    """A key point selected; its events, sources and conflict marked in the other panes."""
    assert snap_compare(scene_app(), press=KEY_POINT, terminal_size=size)


@SIZES
def test_source(snap_compare, size):
    """A source selected (The Hill): headline, excerpt, inference and its claim in detail."""
    assert snap_compare(scene_app(), press=SOURCE, terminal_size=size)


@SIZES
def test_filter(snap_compare, size):
    """Sources filtered by "hill": the border title counts 1/3."""
    assert snap_compare(scene_app(), press=FILTER, terminal_size=size)


@SIZES
def test_help(snap_compare, size):
    """The ? screen listing every key."""
    assert snap_compare(scene_app(), press=HELP, terminal_size=size)


@SIZES
def test_related(snap_compare, size):
    """Step 1's related items focused below its detail text; the footer says Enter jumps, Esc goes back."""
    assert snap_compare(scene_app(), press=RELATED, terminal_size=size)


@SIZES
def test_maximized(snap_compare, size):
    """m: the detail view over the whole screen (the conflict's comparison and axis)."""
    assert snap_compare(scene_app(), press=MAXIMIZED, terminal_size=size)


@SIZES
def test_draft(snap_compare, size):
    """The seed digest opened as an ingested draft: the header and the overview say so first."""
    assert snap_compare(scene_app(draft_of_the_seed()), terminal_size=size)


@SIZES
@pytest.mark.slow
def test_palette(snap_compare, size):
    """The command palette with "mission end" typed: matching events, the conflict, claims."""
    assert snap_compare(scene_app(), press=PALETTE, terminal_size=size)


def test_too_small(snap_compare):
    """Below 60x16 the panes give way to a notice."""
    assert snap_compare(scene_app(), terminal_size=(50, 14))


def test_usable_60x20(snap_compare):
    """The smallest comfortable size: every pane still shows rows."""
    assert snap_compare(scene_app(), terminal_size=(60, 20))


@SIZES
def test_ansi_dark(snap_compare, size):
    """The ansi-dark theme (the terminal's own 16 colours), conflict selected."""
    assert snap_compare(scene_app(theme="ansi-dark"), press=CONFLICT, terminal_size=size)


@SIZES
def test_hostile_text(snap_compare, synthetic_story, size):
    """Markup in titles and outlets shows literally; the ESC sequence in the excerpt is stripped."""
    assert snap_compare(scene_app(synthetic_story), press=("3", "g"), terminal_size=size)


def draft_of_the_seed():
    loaded = open_digest(SEED, None)
    assert loaded is not None
    return loaded


# -- NO_COLOR ---------------------------------------------------------------------------------------

FILL = re.compile(r"fill: #([0-9a-f]{6})")


def colours(svg: str) -> set[tuple[int, int, int]]:
    return {(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)) for h in FILL.findall(svg)}


def is_grey(rgb: tuple[int, int, int]) -> bool:
    return max(rgb) - min(rgb) <= 8  # rich's SVG default foreground #c5c8c6 is a near-grey


async def test_no_color_renders_without_colour(monkeypatch):
    async with scene_app().run_test(size=SMALL) as pilot:
        await pilot.pause()
        coloured = pilot.app.export_screenshot()
    assert not all(is_grey(c) for c in colours(coloured))  # the control: normally there is colour

    monkeypatch.setenv("NO_COLOR", "1")
    app = scene_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*CONFLICT)
        assert app.no_color
        svg = app.export_screenshot()
    found = colours(svg)
    assert found and all(is_grey(c) for c in found), sorted(c for c in found if not is_grey(c))
    accent = app.current_theme.accent.lower().lstrip("#")
    assert accent not in svg.lower()
    text = re.sub(r"<[^>]+>", "", svg).replace("&#160;", " ")
    assert "When does the current mission end?" in text  # the conflict is shown, just without colour
