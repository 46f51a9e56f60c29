"""When a quote is not in its source: the nearest passage of the source, and what differs.

An author who types ' for ’, " for “ ”, - for –, or quotes across a cut ("...") sees "not found" and
nothing else; this finds the passage they meant and names the difference, so the fix is one edit.
Pure string work on whitespace-normalized text; cheap for the common case (one str.find on a loose
form of the text), bounded for the rest (a few word anchors, each window scored by difflib).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Characters authors swap for each other, mapped one to one (so positions line up) to a plain form.
_LOOSE = str.maketrans(
    {
        "’": "'", "‘": "'", "‛": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-",
        "\u00a0": " ", "\u202f": " ",
    }
)  # fmt: skip
_NAMES = {
    "'": "straight apostrophe (')", "’": "curly apostrophe (’)", "‘": "curly quote (‘)",
    '"': 'straight quotes (")', "“": "curly quotes (“)", "”": "curly quotes (”)",
    "-": "hyphen (-)", "–": "en dash (–)", "—": "em dash (—)", "…": "ellipsis (…)", "...": "three dots (...)",
}  # fmt: skip
_CUT = re.compile(r"\.\.\.|…")
_SHOWN = 100
_SLACK = 20  # characters a window reaches past the quote's length each side: edits change lengths


def loose(text: str) -> str:
    """Quotes, apostrophes, dashes and non-breaking spaces made plain; lower case where that keeps
    the length (so an index in the loose text is the same index in the text)."""
    plain = text.translate(_LOOSE)
    lower = plain.lower()
    return lower if len(lower) == len(plain) else plain


@dataclass(frozen=True)
class Nearest:
    """The passage of a source text nearest a quote, and the differences in words."""

    where: str  # which text: "excerpt", "headline", "document 'x.txt'"
    passage: str
    differences: list[str]

    def describe(self) -> str:
        shown = self.passage if len(self.passage) <= _SHOWN else self.passage[: _SHOWN - 1].rstrip() + "…"
        return f"nearest passage ({self.where}): “{shown}” — {'; '.join(self.differences)}"


def _name(chars: str) -> str:
    return _NAMES.get(chars, f"“{chars}”")


def _swapped(mine: str, theirs: str) -> bool:
    """One typographic form for another: ' for ’, - for –, ... for …."""
    return mine.translate(_LOOSE) == theirs.translate(_LOOSE) or {mine, theirs} == {"...", "…"}


def differences(quote: str, passage: str, limit: int = 3) -> list[str]:
    """What the quote has that the passage does not, in words an author can act on."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, quote, passage, autojunk=False)
    for op, q1, q2, p1, p2 in matcher.get_opcodes():
        if op == "equal":
            continue
        mine, theirs = quote[q1:q2], passage[p1:p2]
        after = quote[:q1].rsplit(" ", 1)[-1] or quote[:q1].rstrip().rsplit(" ", 1)[-1]
        where = f" after “{after}”" if after else " at the start"
        if op == "replace" and mine.lower() == theirs.lower():
            out.append(f"capitals differ: the quote has “{mine}”, the source “{theirs}”")
        elif op == "replace" and _swapped(mine, theirs):
            out.append(f"the quote has a {_name(mine)} where the source has a {_name(theirs)}")
        elif op == "replace":
            out.append(f"the quote has “{mine}” where the source has “{theirs}”")
        elif op == "insert":
            out.append(f"the quote leaves out “{theirs}”{where}")
        else:
            out.append(f"the quote adds “{mine}”{where}")
        if len(out) == limit:
            break
    return out or ["whitespace or invisible characters differ"]


def _cut_at_ellipsis(quote: str, text: str) -> tuple[str, str] | None:
    """The source stops at '...' part-way through the quote: (the part found, the cut) or None.

    The longest start of the quote found in the text (a binary search of str.find), then: does a
    '...' follow one of its occurrences?
    """
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if quote[:middle] in text else (low, middle - 1)
    if low < 8 or low >= len(quote) - 1:
        return None
    found = quote[:low]
    position = text.find(found)
    for _ in range(8):
        if position < 0:
            break
        mark = _CUT.match(text, position + low) or _CUT.match(text, position + low + 1)
        if mark is not None:
            return found.rstrip(), mark.group()
        position = text.find(found, position + 1)
    return None


def _elided(quote: str, text: str) -> bool:
    """The quote skips words with '...' and each part is in the text, in order."""
    parts = [part.strip() for part in _CUT.split(quote) if part.strip()]
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return len(parts) > 1


def _anchors(words: list[str]) -> list[tuple[int, str]]:
    """(offset in the quote, run of words) to look for: four-word runs, then shorter, spread out."""
    found = []
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        step = max(1, (len(words) - size) // 6)
        for start in range(0, len(words) - size + 1, step):
            run = " ".join(words[start : start + size])
            if len(run) >= 6:
                found.append((len(" ".join(words[:start])) + (1 if start else 0), run))
    return found


def _best_window(quote: str, text: str) -> tuple[float, int, int] | None:
    """(score, start, end) of the window of `text` most like `quote`, both already loose."""
    best: tuple[float, int, int] | None = None
    tried: set[int] = set()
    for offset, run in _anchors(quote.split(" ")):
        position = text.find(run)
        for _ in range(8):  # a few occurrences of each run
            if position < 0:
                break
            start = max(0, position - offset - _SLACK)
            if start not in tried:
                tried.add(start)
                window = text[start : start + len(quote) + 2 * _SLACK]
                matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
                blocks = [b for b in matcher.get_matching_blocks() if b.size]
                if blocks:
                    score = matcher.ratio()
                    end = start + blocks[-1].b + blocks[-1].size
                    if best is None or score > best[0]:
                        best = (score, start + blocks[0].b, end)
            position = text.find(run, position + 1)
        if best is not None and best[0] > 0.9:
            break
    return best


def nearest(quote: str, texts: list[tuple[str, str]]) -> Nearest | None:
    """The passage nearest `quote` among `texts` ((where, whitespace-normalized text)), or None if
    nothing is near enough to help."""
    loose_quote = loose(quote)
    for where, text in texts:  # only quotes, dashes or capitals differ: the surest finding first
        position = loose(text).find(loose_quote)
        if position >= 0:
            passage = text[position : position + len(quote)]
            return Nearest(where, passage, differences(quote, passage))
    for where, text in texts:
        if _elided(quote, text):
            return Nearest(where, quote, ["the quote skips words with “...”; a quote must be one unbroken "
                                          "passage (quote each part in a claim of its own)"])  # fmt: skip
        cut = _cut_at_ellipsis(quote, text)
        if cut is not None:
            found, mark = cut
            stop = f"the source's text stops at “{mark}” after “…{found[-40:]}”"
            return Nearest(where, found + mark, [stop + "; the rest of the quote is not in it"])
    best: tuple[float, str, str] | None = None
    for where, text in texts:
        loose_text = loose(text)
        window = _best_window(loose_quote, loose_text)
        if window is not None and (best is None or window[0] > best[0]):
            start, end = _whole_words(text, window[1], window[2])
            best = (window[0], where, text[start:end])
    if best is None or best[0] < 0.6:
        return None
    _, where, passage = best
    return Nearest(where, passage, differences(quote, passage))


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the words it cuts into."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
