"""One-line rows for the four panes, built from the index. Story text is sanitized, never markup."""

from __future__ import annotations

from textual.content import Content

from ..story.date_words import TIMING_GLYPHS, Timing, day_words
from ..story.index import TODAY_KEY, StoryIndex
from ..story.models import EventStatus
from ..story.sanitize import clean_line

STATUS_GLYPHS = {"open": "●", "explained": "◐", "resolved": "○"}
TIMING_STYLES = {
    Timing.past: "$text-muted",
    Timing.now: "bold $text-warning",
    Timing.upcoming: "bold $text-accent",
}
_DATE_WIDTH = 12


def timing_label(index: StoryIndex, event_id: str) -> tuple[str, str] | None:
    """(glyph + word, style) for scheduled or projected events; None when not applicable."""
    event = index.events[event_id]
    timing = index.timing.get(event_id)
    if timing is None or event.status is EventStatus.occurred:
        return None
    return f"{TIMING_GLYPHS[timing]} {timing.value}", TIMING_STYLES[timing]


def timeline_row(index: StoryIndex, key: str, compact: bool = False) -> Content:
    """Date, past/now/upcoming for scheduled events (glyph only when `compact`), title."""
    if key == TODAY_KEY:
        return Content.styled(f"── today · {day_words(index.today)} ──", "bold $text-warning")
    event = index.events[key]
    date = index.event_short_date(key)
    parts: list[str | tuple[str, str] | Content] = [
        (f"{date:<{_DATE_WIDTH}}", "$text-muted" if not event.when else "$text-secondary"),
        " ",
    ]
    timing = timing_label(index, key)
    width = 1 if compact else 10
    if timing is not None:
        parts += [(f"{timing[0][:width]:<{width}}", timing[1]), " "]
    elif index.timing_column:
        parts.append(" " * (width + 1))
    parts.append(Content(clean_line(event.title)))
    return Content.assemble(*parts)


def key_point_row(index: StoryIndex, key: str, compact: bool = False) -> Content:
    kp = index.key_points[key]
    return Content.assemble(Content(clean_line(kp.title)))


def source_row(index: StoryIndex, key: str, compact: bool = False) -> Content:
    source = index.sources[key]
    return Content.assemble(
        Content(clean_line(source.outlet)),
        (f"  {source.kind.value}", "$text-muted"),
    )


def conflict_row(index: StoryIndex, key: str, compact: bool = False) -> Content:
    group = index.conflicts[key]
    status = group.status.value
    return Content.assemble(
        (
            f"{STATUS_GLYPHS.get(status, '•')} {status}  ",
            "$text-warning" if status == "open" else "$text-muted",
        ),
        Content(index.conflict_title(key)),
    )
