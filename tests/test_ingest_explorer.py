"""A digest opened in the explorer says plainly that it is an unreviewed draft."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mission_tui.app import make_app
from mission_tui.ingest.command import open_digest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2478aec32e3f585e.txt"


async def test_the_header_and_a_notice_say_unreviewed_draft() -> None:
    loaded = open_digest(SEED, None)
    assert loaded is not None
    app = make_app(loaded, today=date(2026, 11, 24), quote_problems=None)  # checked by the screen
    async with app.run_test(size=(80, 24)):
        header = app.main_screen.header.text
        assert header.startswith("◆ UNREVIEWED DRAFT · The U.S. military is set to conclude")
        overview = app.main_screen.detail.body.content.plain  # the first thing shown, above the story
        first = overview.splitlines()[0]
        assert first == "⚠ Unreviewed draft: checked by no one."  # one line: the first clash fits below
        about = next(line for line in overview.splitlines() if line.startswith("⚠ About this draft: "))
        assert "ingested from 000_2478aec32e3f585e.txt" in about and "'Inferred'" in about
        assert app.main_screen.quote_problems == []  # every quote verified against the digest itself
