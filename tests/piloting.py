"""Waiting in Pilot tests on a condition, never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

SETTLE_TIMEOUT = 10.0  # for a key to take effect; generous, for a machine busy with other work


async def until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = SETTLE_TIMEOUT) -> bool:
    """Wait for `done()`, polling: `pilot.pause()` alone is not enough on a busy machine.

    Its idle test compares CPU time with wall time, so a process starved by other work looks idle
    while a key is still on its way (App -> focused widget -> bubbling back to the App's bindings).
    """
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline or not pilot.app.is_running:
            return done()
        await pilot.pause(0.01)
    return True


async def wait_for(pilot: Pilot[None], done: Callable[[], bool], what: str) -> None:
    """`until`, failing the test with `what` if the condition never holds."""
    assert await until(pilot, done), f"timed out waiting for {what}"


def palette_offers(app: App[object], text: str) -> bool:
    """Whether the open command palette lists a result containing `text`, with one highlighted."""
    if not isinstance(app.screen, CommandPalette):
        return False
    commands = app.screen.query_one(CommandList)
    prompts = (str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count))
    return commands.highlighted is not None and any(text in prompt for prompt in prompts)
