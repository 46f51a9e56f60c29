"""Exports: the validated story as JSON (here), a Markdown brief (brief.py) and TimelineJS JSON
(timelinejs.py); the formats' names stay importable from here.

Story text is untrusted. JSON escapes it (control and bidi characters become \\u escapes, so the bytes
are safe on a terminal and still round-trip); Markdown and TimelineJS are rendered formats, so story
text there is stripped of control characters and escaped (Markdown punctuation, HTML) so a story
cannot inject headings, links or raw HTML into the brief or the timeline page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .brief import md_inline as md_inline  # re-exported: the formats' old home
from .brief import to_markdown as to_markdown
from .derived import DERIVED_KEY, derived
from .models import StoryFile
from .timelinejs import NoDatedEvents as NoDatedEvents
from .timelinejs import timeline_dates as timeline_dates
from .timelinejs import to_timelinejs as to_timelinejs
from .words import describe_value as describe_value

if TYPE_CHECKING:
    from .conflicts import ConflictGroup

FORMATS = ("json", "markdown", "timelinejs")

# ---------------------------------------------------------------- JSON

# Characters that are valid in JSON strings but unsafe to print raw: DEL, C1 controls, bidi marks.
# json.dumps already escapes C0; these only ever occur inside strings, so \u-escaping them is lossless.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def dumps_json(data: Any) -> str:
    """Indented UTF-8 JSON whose text is safe to print on a terminal, ending with a newline."""
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)  # NaN is not JSON
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_json(story: StoryFile, conflicts: Sequence[ConflictGroup] | None = None) -> str:
    """The validated story as JSON, and beside it under `derived` what is computed from it: every
    conflict `check` reports (detected and curated, marked which) and each date's bounds. The file is
    itself a story file: the loader reads it back to an equal model, ignoring `derived`."""
    if conflicts is None:
        from .conflicts import detect_conflicts

        conflicts = detect_conflicts(story)
    data = story.model_dump(mode="json", exclude_none=True)
    data[DERIVED_KEY] = derived(story, conflicts)
    return dumps_json(data)
