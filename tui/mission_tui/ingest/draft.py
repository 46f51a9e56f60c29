"""A digest becomes a draft story: the tables of a story file, in the bundled story's order.

Why hand-written: this is the assembly of the sibling modules' findings into the story schema; every
extracted item says in its `inference` that it was extracted and by which rule, and anything the
digest leaves out (a year, an article line) becomes a warning rather than a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..story.models import SourceKind
from .calendar_math import Anchor
from .claims import MAX_PER_LINE, ClaimDraft, Unit, assign_ids, claims_in, inherit_scopes
from .curated import ingest_conflicts, shorten
from .events import ArticleInfo, EventDraft, event_table, happening_events, ordered, publication_events
from .structure import Article, Digest, SectionKind, parse_digest
from .subjects import Ids, slug
from .when import MONTHS

DIGEST_ID = "digest"
_PRINTED_DATE = re.compile(
    r"^(?:(?P<m>[A-Za-z]{3,9})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,? (?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2}) (?P<m2>[A-Za-z]{3,9})\.?(?:,? (?P<y2>\d{4}))?|(?P<iso>\d{4}-\d{2}-\d{2}))$"
)
TITLE_LIMIT = 100


@dataclass(slots=True)
class Draft:
    """The story's tables (plain data, file order), what went into it, and what the reader must know."""

    data: dict[str, Any]
    digest: Digest
    warnings: list[str] = field(default_factory=list)


def article_anchor(printed: str | None, year: int | None) -> tuple[Anchor | None, str | None]:
    """The article's date as EDTF (an Anchor), and a note when its year is not printed."""
    match = _PRINTED_DATE.match(printed or "")
    if match is None:
        return None, None
    if match.group("iso"):
        y, m, d = (int(part) for part in match.group("iso").split("-"))
        return Anchor(match.group("iso"), y, m, d), None
    name = (match.group("m") or match.group("m2")).lower().rstrip(".")
    month = MONTHS.get(name) or MONTHS.get(name[:3])
    day = int(match.group("d") or match.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None, None
    printed_year = match.group("y") or match.group("y2")
    if printed_year:
        return Anchor(f"{printed_year}-{month:02d}-{day:02d}", int(printed_year), month, day), None
    if year is not None:
        note = (
            f"The digest prints “{printed}” with no year; the year {year} was supplied on the command "
            f"line (--year {year}), not read from the digest, so it is marked uncertain ({year}?)."
        )
        return Anchor(f"{year}?-{month:02d}-{day:02d}", year, month, day, True), note
    note = f"The digest prints “{printed}” with no year, so the year is left unspecified (XXXX)."
    return Anchor(f"XXXX-{month:02d}-{day:02d}", None, month, day), note


def _article_source(
    article: Article, source_id: str, anchor: Anchor | None, document: str, year_note: str | None
) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": source_id,
        "outlet": shorten(article.outlet, 200),
        "kind": SourceKind.news.value,
    }
    if article.headline:
        table["headline"] = article.headline
    if anchor is not None:
        table["published"] = anchor.edtf
    if article.opening:
        table["excerpt"] = article.opening
    table["document"] = document
    printed = f"{article.outlet} , {article.tagline}" if article.tagline else None
    parts = [f"Known only from the digest (line {article.line}): its headline and opening words."]
    if printed:
        parts.append(f"The digest prints the outlet with a tagline: “{printed}”.")
    if article.label:
        parts.append(f"The headline is labelled “{article.label}:” in the digest.")
    if article.printed_date is None:
        parts.append("The digest prints no date for it.")
    elif anchor is None:
        parts.append(f"Its printed date “{article.printed_date}” was not understood.")
    elif year_note and anchor.year is None:
        parts.append(year_note)
    table["note"] = " ".join(parts)
    if anchor is not None and anchor.year_inferred and year_note:
        table["inference"] = year_note
    return table


def _claim_table(claim: ClaimDraft, outlets: dict[str, str]) -> dict[str, Any]:
    table: dict[str, Any] = {"id": claim.id, "subject": claim.subject, "property": claim.property}
    if claim.scope:
        table["scope"] = claim.scope
    table["value"] = claim.value
    table["phrase"] = claim.phrase
    if claim.bound is not None:
        table["bound"] = claim.bound.value
    table["source"] = claim.unit.source
    if claim.anchor:
        table["anchor"] = claim.anchor
    table["quote"] = claim.quote
    if claim.earlier:
        table["rank"] = "deprecated"
        table["note"] = "The text gives this as an earlier value, since changed (see the revision conflict)."
    inference = "Extracted automatically. " + "; ".join(claim.rules) + "."
    if claim.year_inferred:
        inference += (
            f" The year is not printed with this date: it was taken from the source's date "
            f"({claim.anchor}) and the tense ({claim.tense.value}), so it is marked uncertain."
        )
    table["inference"] = inference
    return table


def _latest(anchors: list[Anchor]) -> Anchor | None:
    dated = [a for a in anchors if a.year is not None]
    pool = dated or anchors
    return max(pool, key=lambda a: (a.year or 0, a.month, a.day), default=None)


def build_draft(text: str, name: str, document: str, year: int | None = None) -> Draft:
    """The draft story for a digest's text; `document` is the digest's path relative to the story."""
    digest = parse_digest(text, name)
    warnings: list[str] = []
    source_ids = Ids((DIGEST_ID,))
    sources: list[dict[str, Any]] = []
    articles: list[ArticleInfo] = []
    units: list[Unit] = []
    anchors: dict[str, Anchor | None] = {DIGEST_ID: None}
    for article in digest.articles:
        source_id = source_ids.take(slug(article.outlet)[:60], "article")
        anchor, year_note = article_anchor(article.printed_date, year)
        anchors[source_id] = anchor
        sources.append(_article_source(article, source_id, anchor, document, year_note))
        articles.append(
            ArticleInfo(
                source_id,
                article.outlet,
                article.headline,
                anchor.edtf if anchor else None,
                anchor,
                year_note,
            )
        )
        if article.headline:
            units.append(
                Unit(article.headline, source_id, article.headline_line or article.line, anchor, True)
            )
        if article.opening:
            units.append(Unit(article.opening, source_id, article.line, anchor))
    key_points: list[dict[str, Any]] = []
    digest_units: list[Unit] = []
    kp_ids = Ids()
    for section in digest.sections:
        for bullet in section.bullets:
            index = len(key_points)
            title = bullet.label or shorten(bullet.text, 60)
            rule = (
                f"a '- {bullet.label}: …' bullet"
                if bullet.label
                else "a bullet without a label (title: its first words)"
            ) + (f" under “{section.heading}”" if section.heading else "")
            key_points.append(
                {
                    "id": kp_ids.take(slug(title)[:60], "key-point"),
                    "title": title,
                    "text": bullet.text,
                    "order": index + 1,
                    "line": bullet.line,
                    "inference": f"Extracted automatically: {rule} (line {bullet.line}).",
                }
            )
            digest_units.append(
                Unit(bullet.text, DIGEST_ID, bullet.line, None, key_point=index, label=bullet.label)
            )
        if section.kind is SectionKind.summary or not section.paragraphs:
            continue
        index = len(key_points)
        title = section.heading or "Untitled section"
        key_points.append(
            {
                "id": kp_ids.take(slug(title)[:60], "section"),
                "title": title,
                "text": "\n\n".join(p.text for p in section.paragraphs),
                "order": index + 1,
                "line": section.line,
                "inference": f"Extracted automatically: the digest's “{title}” section (line "
                f"{section.line}), kept whole as a key point.",
            }
        )
        digest_units += [Unit(p.text, DIGEST_ID, p.line, None, key_point=index) for p in section.paragraphs]
    summary_units = [Unit(p.text, DIGEST_ID, p.line, None) for p in digest.summary]
    all_units = sorted(summary_units + digest_units, key=lambda u: u.line) + units
    claims: list[ClaimDraft] = []
    for unit in all_units:
        found = claims_in(unit)
        if len(found) >= MAX_PER_LINE:
            warnings.append(f"line {unit.line} holds more than {MAX_PER_LINE} dates and numbers: only the "
                            f"first {MAX_PER_LINE} were read")  # fmt: skip
        claims += found
    inherit_scopes(claims)
    assign_ids(claims)
    outlets = {DIGEST_ID: "The digest", **{a.id: a.outlet for a in articles}}
    # The digest prints no date: its own statements are ordered against its latest dated article's.
    dated = [a for a in anchors.values() if a is not None and a.year is not None]
    as_dated = {**anchors, DIGEST_ID: _latest(dated)} if dated else anchors
    events = ordered(happening_events(claims, outlets, as_dated) + publication_events(articles, claims))
    kp_order = [kp["id"] for kp in key_points]
    kp_claims: dict[int, list[str]] = defaultdict(list)
    kp_events: dict[int, list[str]] = defaultdict(list)
    for claim in claims:
        if claim.unit.key_point is not None:
            kp_claims[claim.unit.key_point].append(claim.id)
    for event in events:
        for index in event.key_points:
            kp_events[index].append(event.id)
    for index, kp in enumerate(key_points):
        kp["claims"], kp["events"] = kp_claims[index], kp_events[index]
        kp["sources"] = [DIGEST_ID]
        del kp["line"]
    conflicts = ingest_conflicts(claims, outlets, warnings)
    _warn(digest, claims, year, warnings)
    data: dict[str, Any] = {
        "format": 1,
        "story": _story(digest, name, anchors, year, warnings),
        "sources": [_digest_source(digest, document), *sources],
        "events": [_event(e, kp_order) for e in events],
        "key_points": [_key_point_order(kp) for kp in key_points],
        "claims": [_claim_table(c, outlets) for c in claims],
        "conflicts": conflicts,
    }
    return Draft(data, digest, warnings)


def _event(event: EventDraft, kp_order: list[str]) -> dict[str, Any]:
    return event_table(event, kp_order)


def _key_point_order(kp: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "title", "text", "order", "claims", "events", "sources", "inference")
    return {k: kp[k] for k in order if kp.get(k) not in (None, [])}


def _warn(digest: Digest, claims: list[ClaimDraft], year: int | None, warnings: list[str]) -> None:
    if not digest.articles:
        warnings.insert(
            0,
            "no article lines ('Sep. 27 / Outlet “ opening words...') were found: the draft's only "
            "source is the digest itself",
        )
    yearless = [a for a in digest.articles if a.printed_date and not re.search(r"\d{4}", a.printed_date)]
    if yearless and year is None:
        warnings.append(
            f"{len(yearless)} article date{'s are' if len(yearless) > 1 else ' is'} printed without a "
            "year: stored as EDTF XXXX-MM-DD (year not given), and relative dates in "
            f"{'them' if len(yearless) > 1 else 'it'} are left unresolved; pass --year YYYY to "
            "supply the year"
        )
    if not digest.summary:
        warnings.append("no Summary section: the story's summary is empty")
    unresolved = [c for c in claims if "text" in c.value]
    if unresolved:
        warnings.append(
            f"{len(unresolved)} relative date{'s' if len(unresolved) > 1 else ''} could not be "
            "resolved and kept as text: "
            + ", ".join(f"“{c.phrase}”" for c in unresolved[:5])
            + ("…" if len(unresolved) > 5 else "")
        )


def _story(
    digest: Digest, name: str, anchors: dict[str, Anchor | None], year: int | None, warnings: list[str]
) -> dict[str, Any]:
    latest = _latest([a for a in anchors.values() if a is not None])
    as_of = latest.edtf if latest else (f"{year}?" if year else "XXXX")
    summary = "\n\n".join(p.text for p in digest.summary)
    first = digest.summary[0].text if digest.summary else ""
    title = re.split(r"(?<=[a-z0-9])[.!?](?:\s|$)|,\s", first, maxsplit=1)[0] if first else ""
    if not title and digest.articles and digest.articles[0].headline:
        title = digest.articles[0].headline
    stem = Path(name).stem
    note = (
        f"Draft ingested automatically from {Path(name).name} by `mission-tui ingest`, not reviewed: "
        "sources, key points, claims and events were extracted by rules (each says which in its "
        "`inference`), and conflicts are detected from the claims' subjects and values. As of: the "
        "latest date printed on the digest's article lines"
        + (" (none is printed)" if latest is None else "")
        + "."
    )
    if warnings:
        note += " Warnings: " + "; ".join(warnings) + "."
    return {
        "id": slug(stem)[:60].strip("-") or "digest",
        "title": shorten(title or f"Draft from {stem}"),
        "as_of": as_of,
        "summary": summary,
        "note": note,
    }


def _digest_source(digest: Digest, document: str) -> dict[str, Any]:
    headings = [s.heading for s in digest.sections if s.heading]
    count = len(digest.articles)
    parts = ", ".join(f"“{h}”" for h in headings) or "no headings"
    return {
        "id": DIGEST_ID,
        "outlet": "News digest (unattributed)",
        "kind": SourceKind.digest.value,
        "document": document,
        "note": f"The digest ingested: its sections ({parts}) and the headlines and opening words of {count} "
        f"article{'' if count == 1 else 's'}. It carries no title, author, URL or date of its own, so "
        "`published` is left empty rather than guessed.",
    }
