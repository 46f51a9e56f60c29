"""The patches that bound the work per frame: resizes laid out at most twice a second, strips that
make their caches only when they use them, a screen never laid out at a stale size, a focus change
that restyles only what it changes, and a one-shot timer that fires when it is late. Each is checked
against its own switch turned off, or against what Textual's own full pass gives."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.strip import Strip

from mission_tui.screens.main import MainScreen
from mission_tui.textual_compat import Patch, focus_within, resize, screen_size, strips, timers
from piloting import wait_for

pytestmark = pytest.mark.patched

BURST = [(100 + step, 30 + step % 3) for step in range(16)]


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every size the main screen is laid out at, in order (it hears of each new size twice: from the
    app, and as a widget whose size changed)."""
    sizes: list[tuple[int, int]] = []
    original = MainScreen.on_resize

    def recording(self: MainScreen, event: events.Resize) -> None:
        size = (event.size.width, event.size.height)
        if sizes[-1:] != [size]:
            sizes.append(size)
        original(self, event)

    monkeypatch.setattr(MainScreen, "on_resize", recording)
    return sizes


@contextmanager
def turned_off(patch: Patch) -> Iterator[None]:
    """`patch` off for the block, on again after (the suite runs with every patch on)."""
    patch.turn_off()
    try:
        yield
    finally:
        patch.turn_on()


@pytest.fixture
def resize_patch_off() -> Iterator[None]:
    with turned_off(resize.PATCH):
        yield


async def burst(make, laid_out: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], float]:
    """The sizes laid out for a burst of resizes, one per Pilot pause, and how long the burst took."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        laid_out.clear()
        started = time.monotonic()
        for width, height in BURST:
            await pilot.resize_terminal(width, height)
        await wait_for(pilot, lambda: laid_out[-1:] == BURST[-1:], "the last size laid out")
        took = time.monotonic() - started
        assert app.main_screen.size == BURST[-1]
    return list(laid_out), took


async def test_a_burst_of_resizes_is_laid_out_at_most_twice_a_second_ending_on_the_last(make, laid_out):
    sizes, took = await burst(make, laid_out)
    assert sizes[-1] == BURST[-1]
    assert len(sizes) <= 2 + took / resize.INTERVAL, f"{len(sizes)} layouts in {took:.2f} s"
    assert len(sizes) < len(BURST) // 2


async def test_without_the_patch_every_resize_is_laid_out(make, laid_out, resize_patch_off):
    """The control: stock Textual lays out each of them (one per pause), the cost the patch bounds."""
    sizes, _ = await burst(make, laid_out)
    assert sizes == BURST


async def test_a_lone_resize_is_laid_out_at_once(make, laid_out):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(resize.INTERVAL)  # the start-up size was laid out longer ago than that
        laid_out.clear()
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert laid_out == [(100, 30)]


SEGMENTS = [Segment("The mission ", Style(bold=True)), Segment("ends by September 2025", Style(italic=True))]


def strip_operations(strip: Strip) -> list[object]:
    """What a frame asks of strips: every operation that goes through one of the caches."""
    return [
        strip.crop(3, 20).text,
        [s.text for s in strip.divide([5, 12, 40])],
        list(strip.apply_style(Style(underline=True))),
        strip.adjust_cell_length(40).cell_length,
        strip.crop_extend(2, 50, None).cell_length,
        list(strip.apply_offsets(1, 2)),
        strip.text,
        strip.cell_length,
    ]


def test_strips_make_their_caches_on_first_use_and_answer_the_same() -> None:
    strip = Strip(SEGMENTS)
    for name in strips.CACHE_SIZES:
        with pytest.raises(AttributeError):
            object.__getattribute__(strip, name)  # not made with the strip
    lazily = strip_operations(strip)
    assert strip_operations(strip) == lazily  # the second time, from the caches just made
    with turned_off(strips.PATCH):
        assert strip_operations(Strip(SEGMENTS)) == lazily
        assert strip_operations(strip) == lazily  # made with the patch on, still whole without it


def test_a_strip_still_has_no_attributes_it_never_had() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        getattr(Strip(SEGMENTS), "no_such_thing")  # noqa: B009


@pytest.fixture
def screen_size_patch_off() -> Iterator[None]:
    with turned_off(screen_size.PATCH):
        yield


async def stale_resize(make) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """The panes' box before, and each time the main screen is laid out after, a resize for a size the
    terminal no longer has reaches it (as a burst leaves them queued): the seed of the loop the
    `screen_size` patch ends."""
    app = make()
    sizes: list[tuple[int, int]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.main_screen

        body = screen.query_one("#body")

        def laid_out(_: object) -> None:
            sizes.append((body.region.right, body.region.bottom))

        before = (body.region.right, body.region.bottom)

        screen.screen_layout_refresh_signal.subscribe(screen, laid_out, immediate=True)
        screen.post_message(events.Resize(Size(120, 40), Size(120, 40)))
        await wait_for(pilot, lambda: bool(sizes) and screen.size == (80, 24), "the resize handled")
        await pilot.pause()
    return before, sizes


async def test_a_stale_resize_lays_the_screen_out_at_the_terminals_size(make):
    before, sizes = await stale_resize(make)
    assert sizes and set(sizes) == {before}


async def test_without_the_patch_a_stale_resize_lays_out_at_its_old_size(make, screen_size_patch_off):
    """The control: stock Textual lays out at the event's size; the re-post of that size is what
    alternated with another queued size for ever after a storm."""
    before, sizes = await stale_resize(make)
    assert (120, 39) in sizes and before == (80, 23)


def parsed(css: str) -> Stylesheet:
    stylesheet = Stylesheet()
    stylesheet.add_source(css)
    stylesheet.parse()
    return stylesheet


def test_focus_within_is_narrowed_only_for_rules_that_style_the_node_own_border(make) -> None:
    app = make()
    assert focus_within.only_the_node_changes(app.stylesheet)  # the explorer's stylesheet (with Textual's)
    assert focus_within.only_the_node_changes(parsed("Pane:focus-within { border: round red; }"))
    assert not focus_within.only_the_node_changes(parsed("Pane:focus-within Input { border: round red; }"))
    assert not focus_within.only_the_node_changes(parsed("Pane:focus-within { color: red; }"))  # inherited


def border_styles(app) -> list[tuple[str, object]]:
    """Every node's border and border-title colour, as the main screen is styled now."""
    return [
        (f"{type(node).__name__}#{node.id}", (node.styles.border_top, node.styles.border_title_color))
        for node in app.main_screen.walk_children(with_self=True)
    ]


async def test_narrowed_focus_styles_are_the_styles_a_full_restyle_gives(make) -> None:
    """After each pane switch, restyling the whole screen changes nothing: the narrowed restyle
    left no node behind (the panes' borders follow the focus)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ["2", "3", "4", "1", "tab", "5", "3"]:
            await pilot.press(key)
            narrowed = border_styles(app)
            app.stylesheet.update(app.main_screen)
            assert border_styles(app) == narrowed, f"after {key}"
        focused_pane = next(pane for pane in app.main_screen.panes.values() if pane.has_focus_within)
        others = [pane for pane in app.main_screen.panes.values() if pane is not focused_pane]
        assert all(focused_pane.styles.border_top != pane.styles.border_top for pane in others)


async def test_a_one_shot_timer_already_due_fires_once_at_once(make):
    """A delay below zero (a toast read its time left a moment after it expired) spun the event loop
    for ever on stock Textual; here it fires once, as does a delay too short to be on time."""
    app = make()
    fired: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.set_timer(-0.01, lambda: fired.append("late"))
        app.set_timer(1e-9, lambda: fired.append("due"))
        await pilot.pause(0.05)
        assert sorted(fired) == ["due", "late"]


async def test_without_the_patch_a_one_shot_timer_that_is_late_never_fires(make):
    """The control, with a delay just above zero (one below zero would hang the test): the only tick
    is skipped as late. A toast given that delay never left the screen."""
    app = make()
    fired: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with turned_off(timers.PATCH):
            app.set_timer(1e-9, lambda: fired.append("due"))
        await pilot.pause(0.05)
        assert fired == []
