"""The rows of the four panes, built from the index at the row's width. Story text is sanitized,
never markup.

A timeline event takes two lines: its date (day and month over the year, so the column stays narrow)
beside its title, wrapped rather than cut; a title too long for two lines loses its middle, never
its end, where titles of the same story tend to differ ("… (key points' date)" vs "… (summary and
The Hill)"). The column between them marks an event in an open conflict (≠) and, for a scheduled or
projected event, whether it is past, now or upcoming (◂ ● ▸); the timeline's border spells the
legend out. A conflict's row leads with the values that clash, so a narrow pane cuts its title,
never its values.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from ..story.date_words import TIMING_GLYPHS, Timing, day_words, short_date
from ..story.index import OVERVIEW_KEY, TODAY_KEY, StoryIndex, is_heading
from ..story.models import EventStatus
from ..story.sanitize import clean_line
from ..story.words import YEAR_NOT_GIVEN, compact_range, count_words

STATUS_GLYPHS = {"open": "≠", "explained": "◐", "resolved": "○"}
DISPUTED = "≠"
TIMING_STYLES = {
    Timing.past: "$text-muted",
    Timing.now: "bold $text-warning",
    Timing.upcoming: "bold $text-accent",
}
EVENT_LINES = 2
_DATE_COLUMN = 6


def row_height(key: str) -> int:
    """Lines a timeline row takes: two for an event, one for the overview, today and headings."""
    return 1 if key.startswith("@") else EVENT_LINES


def selectable(key: str) -> bool:
    """Headings (a year, "no date") are passed over by the cursor; every other row is an item."""
    return not is_heading(key)


NO_YEAR_LINE = "no year"
"""The date column's second line for a date whose year the source leaves out (under "year not given")."""


def date_lines(when: str | None) -> tuple[str, str]:
    """An event's short date on two lines, the year below: ('27 Sep', '2024?'), ('→ Dec', '2026');
    an interval's start over its end ('Sep 2025–', 'Dec 2026'); a date whose year is not given over
    'no year' ('21–31 Jul', never a made-up year); nothing for an undated event (the "no date"
    heading says it)."""
    if not when:
        return "", ""
    words = short_date(when)
    if words.endswith(YEAR_NOT_GIVEN):
        return words.removesuffix(YEAR_NOT_GIVEN), NO_YEAR_LINE
    left, slash, right = when.partition("/")
    if slash and left not in ("", "..") and right not in ("", ".."):
        return _interval_lines(short_date(left), short_date(right))
    if words.endswith(" →"):  # open end: from a date on
        return words.removesuffix(" →"), "onward"
    head, _, year = words.rpartition(" ")
    return (head, year) if head else (year, "")


def _interval_lines(start: str, end: str) -> tuple[str, str]:
    """An interval in the date column: within one year, its year once below ('Jul–Aug' over '2025',
    '21–31 Aug' over '2025'), so the column keeps its width and the titles stay aligned; across
    years, the start over the end ('Sep 2025–' over 'Dec 2026')."""
    start_head, _, start_year = start.rpartition(" ")
    end_head, _, end_year = end.rpartition(" ")
    if start_head and end_head and start_year == end_year:
        return compact_range(start_head, end_head), end_year
    return start + "–", end


def two_lines(title: str, width: int) -> tuple[str, str]:
    """A title in at most two lines of `width` cells, wrapped at spaces; what does not fit is cut
    from the middle of the second line, so the title's end stays ('Current mission', '…points' date)')."""
    width = max(4, width)
    words = title.split()
    first: list[str] = []
    for word in words:
        if cell_len(" ".join([*first, word])) > width:
            break
        first.append(word)
    if not first:  # one word wider than the line: cut it at the line's end
        return _cut_end(title, width), _tail(title[len(_cut_end(title, width)) - 1 :], width)
    rest = " ".join(words[len(first) :])
    if cell_len(rest) <= width:
        return " ".join(first), rest
    return " ".join(first), _middle_cut(rest, width)


def _middle_cut(text: str, width: int) -> str:
    """`text` in `width` cells with its middle left out ('(summary…The Hill)'), when its first words
    leave room for two or more whole last words filling 2/5 of the line; otherwise only its end
    ('…(key points' date)'): the end is where titles of one story differ most."""
    words = text.split()
    head = ""
    for word in words:
        if cell_len(f"{head} {word}".strip()) > width // 2:
            break
        head = f"{head} {word}".strip()
    kept: list[str] = []
    for word in reversed(words[len(head.split()) :]):
        if cell_len(" ".join([word, *kept])) > width - cell_len(head) - 1:
            break
        kept.insert(0, word)
    if head and len(kept) >= 2 and cell_len(" ".join(kept)) * 5 >= width * 2:
        return f"{head}…{' '.join(kept)}"
    return _tail(text, width)


def _cut_end(text: str, width: int) -> str:
    """`text` cut to `width` cells with a trailing ellipsis."""
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            return out + "…"
        out += char
    return out


def _tail(text: str, width: int) -> str:
    """The end of `text` in `width` cells, led by an ellipsis (from a word's start if one fits)."""
    if cell_len(text) <= width:
        return text
    tail = ""
    for char in reversed(text):
        if cell_len(char + tail) > width - 1:
            break
        tail = char + tail
    space = tail.find(" ")
    if 0 <= space < len(tail) // 2:
        tail = tail[space + 1 :]
    return "…" + tail


def _event_row(index: StoryIndex, key: str, width: int) -> Content:
    event = index.events[key]
    top, bottom = date_lines(event.when)
    column = max(_DATE_COLUMN, cell_len(top), cell_len(bottom))
    date_style = "$text-secondary" if event.when else "$text-muted"
    timing = index.timing.get(key)
    glyph, glyph_style = " ", ""
    if timing is not None and event.status is not EventStatus.occurred:
        glyph, glyph_style = TIMING_GLYPHS[timing], TIMING_STYLES[timing]
    line1, line2 = two_lines(clean_line(event.title), width - column - 3)
    return Content.assemble(
        (f"{top:<{column}} ", date_style),
        (DISPUTED if key in index.disputed else " ", "bold $text-warning"),
        " ",
        Content(line1),
        "\n",
        (f"{bottom:<{column}} ", date_style),
        (glyph, glyph_style),
        " ",
        Content(line2),
    )


def timeline_row(index: StoryIndex, key: str, width: int) -> Content:
    """The overview, a heading, the today marker or an event (two lines)."""
    if key == OVERVIEW_KEY:
        conflicts = len(index.open_conflicts)
        about = f" · {count_words(conflicts, 'open conflict')}" if conflicts else " · the story"
        return Content.assemble(("◆ ", "$text-accent"), ("Overview", "bold"), (about, "$text-muted"))
    if key == TODAY_KEY:
        words = f"── today · {day_words(index.today)} "
        return Content.styled(words + "─" * max(0, width - cell_len(words) - 1), "bold $text-warning")
    if is_heading(key):
        words = f"── {index.headings.get(key, '')} "
        return Content.styled(words + "─" * max(0, width - cell_len(words) - 1), "bold $text-muted")
    return _event_row(index, key, width)


def timeline_legend(index: StoryIndex) -> str:
    """The timeline's markers that this story uses, spelled out (for the pane's border)."""
    parts = [f"{DISPUTED} disputed"] if index.disputed else []
    shown = {
        timing for key, timing in index.timing.items() if index.events[key].status is not EventStatus.occurred
    }
    parts += [f"{TIMING_GLYPHS[t]} {t.value}" for t in Timing if t in shown]
    return " ".join(parts)


def key_point_row(index: StoryIndex, key: str, width: int) -> Content:
    kp = index.key_points[key]
    return Content(clean_line(kp.title))


def source_row(index: StoryIndex, key: str, width: int) -> Content:
    source = index.sources[key]
    return Content.assemble(Content(clean_line(source.outlet)), (f"  {source.kind.value}", "$text-muted"))


def conflict_row(index: StoryIndex, key: str, width: int) -> Content:
    """'≠ Sep 2025 vs Dec 2026  When does the current mission end?': the values first."""
    group = index.conflicts[key]
    status = group.status.value
    is_open = status == "open"
    return Content.assemble(
        (f"{STATUS_GLYPHS.get(status, '•')} ", "bold $text-warning" if is_open else "$text-muted"),
        (index.conflict_values(key), "bold"),
        ("" if is_open else f" · {status}", "$text-muted"),
        "  ",
        Content(index.conflict_title(key)),
    )
