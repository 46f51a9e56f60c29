"""Shared fixtures: the bundled story, a small synthetic story, and a fixed `today`.

NO_COLOR is cleared at import: Textual reads it when an App is created, and with it set every
snapshot and colour assertion would fail.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

os.environ.pop("NO_COLOR", None)

from mission_tui import textual_compat
from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.loader import LoadedStory, Problem, load_story, loads_story

if TYPE_CHECKING:
    from mission_tui.app import MissionApp

STOCK_REASON = textual_compat.install()  # as the app does: widgets tested alone behave as in the app


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On stock Textual, tests of the workarounds themselves have nothing to test."""
    if STOCK_REASON is None:
        return
    skip = pytest.mark.skip(reason=f"tests a Textual workaround; stock Textual here ({STOCK_REASON})")
    for item in items:
        if "patched" in item.keywords:
            item.add_marker(skip)

TODAY = date(2026, 11, 24)

# A small story that exercises every kind of date and link, plus hostile text: markup, an ESC
# sequence and a bidi override must show literally / be stripped, never be interpreted.
SYNTHETIC_TOML = r"""
format = 1

[story]
id = "synthetic"
title = "Synthetic [bold]story[/bold]"
summary = "A test story."
as_of = "2025-03-01"

[[sources]]
id = "alpha"
outlet = "Alpha [@click=app.quit]Daily[/]"
kind = "news"
headline = "Alpha says the plan ends in 2026"
published = "2024?-09-27"
excerpt = "The plan \u001b[31mwill end\u001b[0m by 2026."
inference = "The year is inferred from the story's context."

[[sources]]
id = "beta"
outlet = "Beta Wire"
kind = "statement"
published = "2025-01-15"

[[sources]]
id = "gamma"
outlet = "Gamma Report"
kind = "report"

[[events]]
id = "announce"
when = "2024?-09-27"
title = "Plan announced [b]loudly[/b]"
text = "The plan was announced."
status = "occurred"
sources = ["alpha"]
claims = ["end-alpha"]
inference = "Year inferred."

[[events]]
id = "review"
when = "2025-01-15"
title = "Review published"
text = "Beta Wire publishes the review."
status = "occurred"
sources = ["beta"]
claims = ["end-beta"]
key_points = ["kp-end"]

[[events]]
id = "drawdown"
when = "2026-06"
title = "Drawdown scheduled"
status = "scheduled"
sources = ["beta"]

[[events]]
id = "handover"
when = "2027"
title = "Handover planned"
status = "scheduled"
sources = ["gamma"]
key_points = ["kp-partner"]

[[events]]
id = "undated-meeting"
title = "Leaders meet"
status = "occurred"
sources = ["gamma"]

[[key_points]]
id = "kp-end"
title = "The end date"
text = "Two sources give different end dates."
order = 1
claims = ["end-alpha", "end-beta"]
sources = ["alpha", "beta"]

[[key_points]]
id = "kp-partner"
title = "Partnership"
text = "A partnership follows."
order = 2
events = ["handover"]
sources = ["gamma"]

[[claims]]
id = "end-alpha"
subject = "plan"
property = "end-date"
value = { date = "2026-12" }
phrase = "by the end of 2026"
source = "alpha"
quote = "The plan will end by 2026"

[[claims]]
id = "end-beta"
subject = "plan"
property = "end-date"
value = { date = "2025-09" }
phrase = "in September 2025"
source = "beta"
quote = "ends in September 2025"

[[conflicts]]
id = "end-date"
title = "When does the plan end?"
claims = ["end-alpha", "end-beta"]
kind = "date"
status = "open"
note = "Alpha and Beta disagree."
"""


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def bundled_story() -> LoadedStory:
    return load_story(bundled_story_path())


@pytest.fixture(scope="session")
def synthetic_story() -> LoadedStory:
    return LoadedStory(model=loads_story(SYNTHETIC_TOML, "synthetic.toml"), path=Path("synthetic.toml"))


@pytest.fixture
def make(synthetic_story, today):
    """Build the app for a story (default: the synthetic one) with a fixed today and theme."""
    from mission_tui.app import make_app

    def factory(
        loaded: LoadedStory | None = None,
        *,
        today: date = today,
        theme: str = "textual-dark",
        quote_problems: Sequence[Problem] | None = (),
    ) -> MissionApp:
        return make_app(loaded or synthetic_story, today=today, theme=theme, quote_problems=quote_problems)

    return factory
