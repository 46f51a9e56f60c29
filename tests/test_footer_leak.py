"""The Footer workaround (textual_compat.footer, upstream Textual #6666): pane switches and context
changes leave no detached FooterKey watched by the Footer, so nothing grows with a long session.
The figures (RSS and CPU per 1,000 switches) are bench row 8; this checks the behaviour, untimed."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from mission_tui.textual_compat import footer as footer_patch

pytestmark = [pytest.mark.patched, pytest.mark.slow]

SIZE = (80, 24)


def watching_nodes(footer: Footer) -> list[object]:
    table = getattr(footer, footer_patch._WATCHERS, {})
    return [by for watchers in table.values() for by, _ in watchers]


async def test_switches_and_context_changes_leave_no_detached_footer_key_watched(make, bundled_story):
    app = make(bundled_story)
    async with app.run_test(size=SIZE) as pilot:
        footer = app.main_screen.query_one(Footer)
        await pilot.press("1", "5", "1")  # the related list has keys of its own: the footer recomposes
        await pilot.pause()
        after_one_round = len(watching_nodes(footer))
        for _ in range(15):
            await pilot.press("2", "3", "4", "5", "1")
        await pilot.pause()
        watched = watching_nodes(footer)
        assert all(getattr(by, "is_attached", True) for by in watched)
        assert len(watched) <= after_one_round  # does not grow with the number of switches
