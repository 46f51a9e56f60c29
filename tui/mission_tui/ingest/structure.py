"""A digest's structure: its sections, key-point bullets and quoted articles, each with its line.

Why hand-written: a digest is a plain-text shape, not a markup language (no Markdown or HTML parser
reads "Sep. 27 / The Hill “ The U.S. military..." as an article), and each piece must keep its exact
text so quotes taken from it stay verbatim. Every pattern here is anchored and runs on one line, with
no nested repetition, so the work is linear in the line's length whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..story.loader import Problem
from ..story.locate import heading_text

MAX_DIGEST_BYTES = 8 * 1024 * 1024
MAX_LINE = 20_000  # characters: a longer "paragraph" is not a digest's (and would not fit a story field)

_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
# The date before an article's " / ": "Sep. 27", "September 27, 2024", "27 Sep 2024", "2024-09-27".
_META_DATE = (
    rf"(?:{_MONTH_WORD} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?"
    rf"|\d{{1,2}} {_MONTH_WORD}(?:,? \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
)
# An article line: `Sep. 27 / The Washington Times , America’s Newspaper “ The U.S. military’s...`.
# The outlet ends at " , " (its tagline follows) or at the opening quote mark.
_META = re.compile(
    rf"^(?P<date>{_META_DATE})?\s*/\s*(?P<outlet>[^“\"/]{{1,200}}?)"
    r"(?:\s+,\s*(?P<tagline>[^“\"]{0,200}?))?\s*(?:[“\"]\s*(?P<opening>.*))?$"
)
_BULLET = re.compile(r"^\s*(?:[-–—•*▪●]|\d{1,3}[.)])\s+(?P<body>\S.*)$")
# "- Timeline: The current mission..." (a label of a few words, no sentence punctuation in it).
_LABELLED = re.compile(r"^(?P<label>[^:.!?“”\"]{1,80}?)\s*:\s+(?P<text>\S.*)$")
# "VIDEO: Pentagon to ..." — capitals only, so "U.S.: ..." or "Update at 5: ..." are not labels.
_HEADLINE_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z0-9&'’ -]{1,24}):\s+(?P<headline>\S.*)$")
_TOML_LINE = re.compile(r"^\s*(?:\[\[?\s*[A-Za-z0-9_.\"-]+\s*\]\]?|[A-Za-z0-9_.\"-]+\s*=)")


class SectionKind(str, Enum):
    summary = "summary"
    key_points = "key_points"
    conclusion = "conclusion"
    other = "other"


_SECTION_WORDS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (
        SectionKind.key_points,
        (
            "key points",
            "key takeaways",
            "takeaways",
            "highlights",
            "main points",
            "key facts",
            "key developments",
            "what to know",
            "key details",
        ),
    ),
    (
        SectionKind.summary,
        ("summary", "overview", "in brief", "at a glance", "introduction", "synopsis", "the gist", "tl;dr"),
    ),
    (
        SectionKind.conclusion,
        (
            "conclusion",
            "in conclusion",
            "conclusions",
            "outlook",
            "bottom line",
            "the bottom line",
            "final thoughts",
            "looking ahead",
            "what's next",
            "what’s next",
            "wrap-up",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Bullet:
    label: str | None
    text: str
    line: int


@dataclass(slots=True)
class Section:
    heading: str | None
    kind: SectionKind
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    bullets: list[Bullet] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Article:
    """One quoted article: its headline line and its `date / outlet , tagline “ opening` line."""

    outlet: str
    tagline: str | None
    label: str | None
    headline: str | None
    printed_date: str | None
    opening: str | None
    line: int
    headline_line: int | None


@dataclass(slots=True)
class Digest:
    name: str
    sections: list[Section]
    articles: list[Article]

    @property
    def summary(self) -> list[Paragraph]:
        return [p for s in self.sections if s.kind is SectionKind.summary for p in s.paragraphs]


class DigestError(Exception):
    """A file that cannot be ingested, with every problem found (printed as file:line: message)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _refuse(file: str, message: str, line: int | None = None) -> DigestError:
    return DigestError([Problem(file, message, line)])


def read_digest(path: Path) -> str:
    """The digest's text, or a DigestError saying plainly why this file is not one.

    Read through the story's one file reader: regular files only, at most MAX_DIGEST_BYTES + 1 bytes
    (a FIFO, a terminal or /dev/zero named as a digest is refused, not read)."""
    from ..story.files import FileReadError, read_capped

    try:
        raw = read_capped(path, MAX_DIGEST_BYTES, "digest")
    except FileReadError as exc:
        raise _refuse(str(path), exc.reason, exc.line) from None
    return decode_digest(raw, str(path))


def decode_digest(raw: bytes, file: str) -> str:
    if b"\x00" in raw:
        raise _refuse(file, "is a binary file, not a text digest")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _refuse(file, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})", line) from None
    if not text.strip():
        raise _refuse(file, "is empty: a digest has a Summary, key points and its articles' lines")
    return text


def looks_like_toml(text: str) -> bool:
    """Whether the first line that is not blank or a comment is TOML (`key = value`, `[table]`)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return _TOML_LINE.match(stripped) is not None
    return False


def _heading_kind(line: str) -> tuple[str, SectionKind] | None:
    """The heading a line is, if its shape is a heading's: short, no sentence punctuation at its end."""
    text = heading_text(line)
    if text is None:
        return None
    lowered = text.casefold()
    for kind, words in _SECTION_WORDS:
        if any(lowered == w or lowered.startswith(w + " ") for w in words):
            return text, kind
    return text, SectionKind.other


def _article(match: re.Match[str], line: int, headline: str | None, headline_line: int | None) -> Article:
    label = None
    if headline is not None and (labelled := _HEADLINE_LABEL.match(headline)) is not None:
        label, headline = labelled.group("label"), labelled.group("headline")
    opening = match.group("opening")
    return Article(
        outlet=match.group("outlet").strip(),
        tagline=(match.group("tagline") or "").strip() or None,
        label=label,
        headline=headline,
        printed_date=match.group("date"),
        opening=opening.strip() or None if opening is not None else None,
        line=line,
        headline_line=headline_line,
    )


def parse_digest(text: str, name: str) -> Digest:
    """Split a digest into sections (with paragraphs and bullets) and articles.

    Each line is one paragraph, bullet, heading, headline or article line, as in the seed; the line
    before an article line is its headline. Text before any heading is a summary.
    """
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise _refuse(
                name,
                f"line is {len(line):,} characters long; a digest's lines (its paragraphs) "
                f"are at most {MAX_LINE:,}",
                number,
            )
    metas = {
        i: m
        for i, line in enumerate(lines)
        if " / " in line or "/" in line[:1]
        if (m := _META.match(line.strip())) is not None
    }
    headline_of: dict[int, int] = {}  # article line -> its headline line
    for i in metas:
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and j not in metas and j not in headline_of.values() and not _BULLET.match(lines[j]):
            headline_of[i] = j
    taken = set(metas) | set(headline_of.values())
    sections: list[Section] = []
    current: Section | None = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in taken:
            continue
        if (bullet := _BULLET.match(raw)) is not None:
            body = bullet.group("body").strip()
            labelled = _LABELLED.match(body)
            label = (
                labelled.group("label").strip()
                if labelled and len(labelled.group("label").split()) <= 8
                else None
            )
            item = Bullet(label, labelled.group("text").strip() if label and labelled else body, i + 1)
            if current is None:
                current = Section(None, SectionKind.key_points, i + 1)
                sections.append(current)
            current.bullets.append(item)
            continue
        heading = _heading_kind(line)
        if heading is not None:
            current = Section(heading[0], heading[1], i + 1)
            sections.append(current)
            continue
        if current is None:
            current = Section(None, SectionKind.summary, i + 1)
            sections.append(current)
        current.paragraphs.append(Paragraph(line, i + 1))
    articles = [
        _article(
            metas[i],
            i + 1,
            lines[h].strip() if (h := headline_of.get(i)) is not None else None,
            h + 1 if h is not None else None,
        )
        for i in sorted(metas)
    ]
    digest = Digest(name, [s for s in sections if s.paragraphs or s.bullets], articles)
    known = any(s.bullets or (s.heading and s.kind is not SectionKind.other) for s in digest.sections)
    if not articles and not known:
        raise _refuse(
            name,
            "does not look like a news digest: no Summary, Key Points or Conclusion heading, "
            "no '- Label: text' bullets, and no article lines ('Sep. 27 / Outlet “ opening words')",
        )
    return digest
