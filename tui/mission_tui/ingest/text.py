"""Sentences, clauses and tense: the pieces of a line that a claim quotes and reads.

Why hand-written: the quote must be a verbatim slice of the line, so splitting is done by offsets,
never by re-joining tokens; and a sentence splitter from an NLP library would bring a model or a
large dependency for what a digest needs (periods after "U.S." or "Sep." are not sentence ends).
All patterns are single-pass scans with bounded look-behind, linear in the line's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import Enum


def words(text: str) -> frozenset[str]:
    """A set of words written as one string (the lists here are long)."""
    return frozenset(text.split())


def word_list(text: str) -> list[str]:
    return text.split()


_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = words(
    "mr mrs ms dr prof gen col lt sgt capt maj adm sen rep gov pres st no vs etc inc corp co ltd jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m e.g i.e approx est dept mt "
    "ft fig ave"
)
# Where a clause may end: a comma, semicolon, colon or dash followed by a space ("2,500" is no end).
_CLAUSE_BREAK = re.compile(r"(?:[,;:]|\s[—–-])\s+")
MIN_WORDS = MIN_CLAUSE_WORDS = 5
MAX_CLAUSE = 400  # characters


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


class Spans:
    """Sorted, non-overlapping spans (a sentence's dates and quantities), asked whether they cover a
    position in logarithmic time, so a walk over words can skip them without a pairwise scan."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.ends = [s.end for s in ordered]

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and self.ends[index] > position


def sentences(text: str) -> list[Span]:
    """Sentence spans of one line, not split after abbreviations ("U.S.", "Sep.") or initials."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[max(start, match.start() - 12) : match.start()]
        word = head.rsplit(maxsplit=1)[-1].lower().lstrip('(“"‘') if head.split() else ""
        abbreviation = word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        if text[match.start()] == "." and abbreviation and not _ends_at_clock(word, text, match.end()):
            continue
        spans.append(Span(start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return [trim(text, s) for s in spans if text[s.start : s.end].strip()]


_CLOCK_FOLLOWERS = words(
    "monday tuesday wednesday thursday friday saturday sunday local gmt utc est edt cet bst et pt "
    "january february march april may june july august september october november december"
)


def _ends_at_clock(word: str, text: str, next_start: int) -> bool:
    """"... between 6 p.m. and 9 p.m. The measures ...": a time of day ends the sentence when a
    capitalized word follows that is not a day, a month or a time zone ("at 6 p.m. Friday")."""
    if word not in ("a.m", "p.m"):
        return False
    following = text[next_start : next_start + 20].split(maxsplit=1)
    return bool(following) and following[0].strip("“\"‘(,.").lower() not in _CLOCK_FOLLOWERS


def trim(text: str, span: Span, *, punctuation: str = "") -> Span:
    """The span without surrounding whitespace (and without the given punctuation at its end)."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in punctuation):
        end -= 1
    return Span(start, end)


def clause_breaks(text: str, sentence: Span) -> list[int]:
    """Where clauses of a sentence may begin: its start, after each comma, semicolon or dash, its end."""
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    return [sentence.start, *ends, sentence.end]


def clause(text: str, sentence: Span, phrase: Span, cuts: list[int] | None = None) -> Span:
    """The clause of `sentence` holding `phrase`: cut at commas, semicolons and dashes, but grown
    over its neighbours until it has MIN_CLAUSE_WORDS words ("Currently, around 2,500 U.S. troops"),
    and never longer than MAX_CLAUSE characters around the phrase (so work per claim is bounded).
    `cuts` (from clause_breaks) may be passed to avoid scanning the sentence for each phrase."""
    cuts = cuts if cuts is not None else clause_breaks(text, sentence)
    first = max(0, bisect_right(cuts, phrase.start) - 1)
    last = max(first + 1, min(len(cuts) - 1, bisect_left(cuts, phrase.end)))
    while cuts[last] - cuts[first] < MAX_CLAUSE and len(text[cuts[first] : cuts[last]].split()) < MIN_WORDS:
        if last < len(cuts) - 1:
            last += 1
        elif first > 0:
            first -= 1
        else:
            break
    if first == 1 and len(text[cuts[0] : cuts[1]].split()) <= 2:  # "Currently, ...", "In 2024, ..."
        first = 0
    start, end = cuts[first], cuts[last]
    if end - start > MAX_CLAUSE:  # a run-on "clause": the words around the phrase, cut between words
        half = (MAX_CLAUSE - (phrase.end - phrase.start)) // 2
        if start < phrase.start - half:
            start = text.find(" ", phrase.start - half, phrase.start) + 1 or phrase.start
        if end > phrase.end + half:
            space = text.rfind(" ", phrase.end, phrase.end + half)
            end = space if space > 0 else phrase.end
    return trim(text, Span(start, end), punctuation=",;:—–-")


class Tense(str, Enum):
    past = "past"
    present = "present"
    future = "future"
    projected = "projected"


# "may" only in lower case: "May 18" is a month ("on 4 May 2025" is no hedge).
_PROJECTED = re.compile(
    r"\b(?:(?i:expect(?:s|ed|ing)?|(?:un)?likely|could|might|projected|forecast(?:s|ed)?|predict(?:s|ed)?|"
    r"anticipated?|probably|possibly)|may)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|won[’']t|shall|(?:is|are) (?:due |set |scheduled |poised |on track )?to|(?:is|are) due|to be|"
    r"scheduled|must|needs? to|ha(?:s|ve) to|"
    r"plans? to|planned|intends? to|going to|would|upcoming|next|aims? to)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(?:is|are|am|currently|now|remains?)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|last|previously|earlier|yesterday|[a-z]{3,}ed|fell|rose|met|said|held|"
    r"took|told|gave|won|lost|sent|spoke|wrote|struck|sold|paid|fought|led|brought|chose|grew|broke|came|"
    r"went|saw|made|left|began|ran|drew|flew|shot|stood|kept|found|became)\b",
    re.IGNORECASE,
)
_STRONG_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|yesterday|ha(?:s|ve)\s+(?:been\s+)?[a-z]+ed)\b", re.IGNORECASE
)
# A headline's "X to do Y" is its future tense: "Pentagon to slash ...", "mission ... to wrap up".
_HEADLINE_FUTURE = re.compile(r"\bto (?!be\b)[a-z]+", re.IGNORECASE)


def tense_of(text: str, *, headline: bool = False) -> Tense:
    """Future (scheduled), projected (hedged), past or present, from the clause's own words."""
    if _FUTURE.search(text) or (headline and _HEADLINE_FUTURE.search(text)):
        return Tense.projected if _PROJECTED.search(text) else Tense.future
    if _PROJECTED.search(text):
        return Tense.projected
    if _PRESENT.search(text) and not _STRONG_PAST.search(text):
        return Tense.present
    return Tense.past if _PAST.search(text) else Tense.present
