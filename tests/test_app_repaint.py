"""What a keypress costs: one frame, no screen layout, no garbage-collector walk over the story."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mission_tui import app as app_module
from mission_tui.story.loader import LoadedStory, loads_story
from mission_tui.widgets.detail import RelatedKeys

GENERATE_PY = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
SIZE = (80, 24)


@pytest.fixture(scope="module")
def generated_story() -> LoadedStory:
    """A 300-claim benchmark story: every event's detail text is taller than the view at 80x24."""
    spec = importlib.util.spec_from_file_location("bench_generate_repaint", GENERATE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    text = module.generate_story_text(300, 0)
    return LoadedStory(model=loads_story(text, "generated.toml"), path=Path("generated.toml"))


async def test_a_step_is_one_frame_without_layout(make, generated_story):
    app = make(generated_story)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main_screen
        await pilot.press("j")  # the first step may size the detail text once
        await pilot.pause(0.1)
        layouts: list[object] = []
        frames: list[object] = []
        refresh_layout, compositor_refresh = screen._refresh_layout, screen._compositor_refresh
        screen._refresh_layout = lambda *a, **k: (layouts.append(a), refresh_layout(*a, **k))[1]  # type: ignore[method-assign]
        screen._compositor_refresh = lambda: (frames.append(1), compositor_refresh())[1]  # type: ignore[method-assign]
        for step in range(5):
            before = screen.selection
            await pilot.press("j")
            await pilot.pause(0.1)  # room for any late frame to show up
            assert screen.selection != before
            assert layouts == [], f"step {step} laid out the screen"
            assert len(frames) == 1, f"step {step} took {len(frames)} frames"
            frames.clear()


async def test_the_heap_is_frozen_once_the_index_is_built(make, monkeypatch):
    calls: list[tuple[str, object]] = []
    app = make()
    monkeypatch.setattr(app_module.gc, "freeze", lambda: calls.append(("freeze", app.index)))
    monkeypatch.setattr(app_module.gc, "unfreeze", lambda: calls.append(("unfreeze", None)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert calls and calls[0] == ("freeze", app.index) and app.index is not None
    assert calls[-1] == ("unfreeze", None)  # handed back on exit (tests run many apps in one process)


def test_related_keys_are_computed_per_row_not_built():
    class FakeLinks:
        def of(self, kind: str) -> tuple[str, ...]:
            return {"event": ("e1", "e2"), "claim": tuple(f"c{i}" for i in range(30_000))}.get(kind, ())

    keys = RelatedKeys(FakeLinks())  # type: ignore[arg-type]
    assert len(keys) == 30_002
    assert keys[0] == "event:e1" and keys[2] == "claim:c0" and keys[-1] == "claim:c29999"
    assert keys[1:3] == ["event:e2", "claim:c0"]
    assert list(keys)[:3] == ["event:e1", "event:e2", "claim:c0"]
    with pytest.raises(IndexError):
        keys[30_002]
    assert len(RelatedKeys(None)) == 0
