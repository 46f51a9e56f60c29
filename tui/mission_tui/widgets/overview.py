"""The overview, step 0 of the narrative: what the story is and where its sources disagree.

It is what the explorer opens on, so a reader who has never seen the story learns it in a minute at
80x24: the title and as-of date, the summary's opening (its first sentence is on the first screen),
then one line per open conflict with the values that clash and who gives each, then the rest of the
summary and the curated note. Above all of it, what the reader must know before trusting the rest:
an unreviewed draft (one line; where it came from closes the overview), documents read from outside
the story's folder, quotes not found in their sources. Story text is data: sanitized, never markup.
"""

from __future__ import annotations

import re

from textual.content import Content

from ..story.date_words import day_words
from ..story.index import StoryIndex
from ..story.sanitize import clean_line, clean_text
from .detail_render import heading, paragraph, side_sources

_LEDE_CHARS = 200  # a first paragraph longer than this is split after its first sentences (at least one)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”’\"][.!?])\s+(?=[A-Z“\"])")
_LISTED = 20  # open conflicts listed here; the Conflicts pane lists every one


def split_lede(summary: str) -> tuple[str, str]:
    """The summary's opening (its first paragraph, or its first sentences if that is long) and the rest."""
    text = clean_text(summary).strip()
    first, _, rest = text.partition("\n\n")
    if len(first) <= _LEDE_CHARS:
        return first.strip(), rest.strip()
    lede = ""
    for sentence in _SENTENCE_END.split(first):
        if lede and len(lede) + len(sentence) > _LEDE_CHARS:
            break
        lede = f"{lede} {sentence}".strip()
    remainder = first[len(lede) :].strip()
    return lede, "\n\n".join(part for part in (remainder, rest.strip()) if part)


def _notice(label: str, text: str) -> Content:
    return Content.assemble((f"⚠ {label}: ", "bold $text-warning"), Content(clean_line(text)))


def notices_block(index: StoryIndex) -> list[Content]:
    """What the reader must know before trusting the rest (set on the index by the explorer)."""
    lines: list[Content] = []
    if index.draft:  # one short line: at 80x24 the first disagreement must still fit below it
        lines.append(_notice("Unreviewed draft", "checked by no one."))
    for warning in index.file_warnings[:3]:
        lines.append(_notice("Read from outside the story's folder", warning))
    if len(index.file_warnings) > 3:
        more = len(index.file_warnings) - 3
        lines.append(Content.styled(f"  … and {more} more (`mission-tui check`)", "$text-muted"))
    count = len(index.unverified)
    if count:
        noun = "quote is" if count == 1 else "quotes are"
        lines.append(
            _notice(
                "Not verified",
                f"{count} {noun} not found in their sources (marked ⚠ where shown; `mission-tui check` "
                "lists them)",
            )
        )
    return lines


def draft_block(index: StoryIndex) -> list[Content]:
    """What the draft notice at the top leaves out: where the draft came from and how to read it."""
    if not index.draft:
        return []
    origin = re.sub(r"(?i)^unreviewed draft\s*", "", index.draft) or "a draft"
    words = (
        f"{origin}, extracted by rules and checked by no one. Each item's 'Inferred' line names the rule "
        "behind it; `mission-tui check` lists what the rules found."
    )
    return [Content(""), _notice("About this draft", words)]


def disagreements(index: StoryIndex, width: int) -> list[Content]:
    """One entry per open conflict: the values that clash and what about, then who gives each."""
    opened = index.open_conflicts
    settled = len(index.conflicts) - len(opened)
    if not opened:
        words = "No open conflicts: the sources do not contradict each other"
        if settled:
            words += f" ({settled} explained or resolved, pane 4)"
        return [heading("Where the sources disagree"), Content.styled(words + ".", "$text-muted")]
    lines = [heading(f"Where the sources disagree ({len(opened)})")]
    for conflict_id in opened[:_LISTED]:
        lines.append(
            Content.assemble(
                ("≠ ", "bold $text-warning"),
                (index.conflict_values(conflict_id), "bold"),
                " — ",
                Content(index.conflict_title(conflict_id)),
            )
        )
        lines += [Content.assemble("  ", line) for line in side_sources(index, conflict_id)]
    more = len(opened) - _LISTED
    if more > 0 or settled:
        parts = [f"{more} more open"] if more > 0 else []
        parts += [f"{settled} explained or resolved"] if settled else []
        lines.append(Content.styled(f"… {' and '.join(parts)}: pane 4 lists every conflict.", "$text-muted"))
    return lines


def overview_body(index: StoryIndex, width: int) -> Content:
    story = index.story.story
    lede, rest = split_lede(story.summary)
    blocks: list[Content] = notices_block(index)
    title = clean_line(story.title)
    if not lede.startswith(title.rstrip(".…")):  # a draft's title is its summary's opening: said once
        blocks.append(Content.styled(title, "bold $accent"))
    blocks += [
        Content.styled(f"As of {index.as_of_words()} · today is {day_words(index.today)}", "$text-muted"),
        paragraph(lede),
        Content(""),
        *disagreements(index, width),
    ]
    if rest:
        blocks += [Content(""), paragraph(rest)]
    if story.note:
        blocks += [Content(""), Content.assemble(("Note: ", "bold $text-muted"), paragraph(story.note))]
    blocks += draft_block(index)
    return Content("\n").join(blocks)
