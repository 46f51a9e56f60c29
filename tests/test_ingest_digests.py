"""Ingest on digests other than the seed (tests/digests/): other topics, other headings, and the
variations real digests have — numbers in words, ranges, relative dates, "VIDEO:" labels, thousands
without a comma, a missing tagline, many articles, none. Each with the values it must yield."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mission_tui.ingest.draft import Draft, build_draft
from mission_tui.story.conflicts import detect_conflicts
from mission_tui.story.loader import LoadedStory
from mission_tui.story.models import DateValue, QuantityValue, StoryFile, TextValue
from mission_tui.story.verify import verify_quotes

DIGESTS = Path(__file__).resolve().parent / "digests"


def ingest(name: str, year: int | None = None) -> tuple[Draft, StoryFile]:
    path = DIGESTS / name
    result = build_draft(path.read_text(encoding="utf-8"), str(path), name, year)
    return result, StoryFile.model_validate(result.data)


def values(story: StoryFile) -> set[tuple[str, str, Any, str | None]]:
    """(outlet, phrase, value, bound) of every claim; a quantity as a tuple of its fields."""
    outlets = {s.id: s.outlet for s in story.sources}
    out: set[tuple[str, str, Any, str | None]] = set()
    for claim in story.claims:
        value: Any
        if isinstance(claim.value, DateValue):
            value, bound = claim.value.date, claim.bound.value
        elif isinstance(claim.value, QuantityValue):
            q = claim.value
            value, bound = (q.amount, q.low, q.high, q.unit, q.approximate), None
        else:
            assert isinstance(claim.value, TextValue)
            value, bound = claim.value.text, None
        out.add((outlets[claim.source], claim.phrase, value, bound))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in DIGESTS.glob("*.txt")))
def test_every_fixture_gives_a_valid_draft_whose_quotes_verify(name: str) -> None:
    _, story = ingest(name)
    assert verify_quotes(LoadedStory(story, path=DIGESTS / "draft.toml")) == []
    for claim in story.claims:
        assert claim.inference and claim.inference.startswith("Extracted automatically")


def test_rail_strike_words_labels_and_relative_dates() -> None:
    draft, story = ingest("rail_strike.txt")
    assert [s.heading for s in draft.digest.sections] == [
        "Overview",
        "Key Takeaways on the Dispute",
        "What's Next",
    ]
    assert [k.title for k in story.key_points] == ["Scale", "Pay Offer", "Timeline", "What's Next"]
    sources = {s.outlet: s for s in story.sources}
    video = sources["Rail News Daily"]  # labelled headline, no tagline, no year
    assert video.headline == "Rail strike to go ahead after last-minute talks fail"
    assert "“VIDEO:”" in (video.note or "") and "tagline" not in (video.note or "")
    assert video.published == "XXXX-03-14"
    courier = sources["The Courier"]  # year printed, tagline apart from the outlet
    assert courier.published == "2025-03-14" and "Independent Since 1902" in (courier.note or "")
    got = values(story)
    digest = "News digest (unattributed)"
    assert {
        (digest, "Some twenty thousand workers", (20000, None, None, "workers", True), None),
        (digest, "4500 staff", (4500, None, None, "staff", False), None),
        (digest, "until late March", "XXXX-03-21/XXXX-03-31", "not_before"),  # "will not return ... until"
        (digest, "no later than March 31, 2025", "2025-03-31", "not_after"),
        (digest, "until September 2025", "2025-09", "target"),
        ("Rail News Daily", "some 1,200 services", (1200, None, None, "services", True), None),
        ("The Courier", "on Thursday", "2025-03-13", "target"),  # the Thursday before Friday 14 March
        ("The Courier", "3.2%", (3.2, None, None, "percent", False), None),
    } <= got
    # The article whose date has no year keeps its relative dates unresolved; the year supplies them.
    assert ("Rail News Daily", "yesterday", "relative date, not resolved", None) in got
    assert ("Rail News Daily", "yesterday", "2025?-03-13", "target") in values(
        ingest("rail_strike.txt", 2025)[1]
    )
    # "4500 staff ..., up from 3,000": a revision, the earlier value deprecated, not a contradiction.
    earlier = next(c for c in story.claims if c.phrase == "3,000")
    assert earlier.rank.value == "deprecated"
    revision = [c for c in story.conflicts if c.kind == "revision"]
    assert len(revision) == 1 and earlier.id in revision[0].claims
    assert "the largest since 1989" not in {c.phrase for c in story.claims}
    assert not any("1989" in (c.value.date if isinstance(c.value, DateValue) else "") for c in story.claims)


def test_bridge_ranges_revisions_and_words_that_are_not_dates() -> None:
    _, story = ingest("bridge_project.txt")
    got = values(story)
    digest = "News digest (unattributed)"
    assert {
        (digest, "in mid-2022", "2022-05/2022-08", "target"),
        (digest, "between March and June 2025", "2025-03/2025-06", "target"),
        (digest, "no earlier than March 2025", "2025-03", "not_before"),
        (digest, "$1.2 billion", (1_200_000_000, None, None, "dollars", False), None),
        (digest, "Up to 120,000 vehicles", (None, None, 120000, "vehicles", False), None),
        ("Metro Ledger", "in April 2025", "2025-04", "target"),
        ("Metro Ledger", "on Friday", "2024-11-01", "target"),
        ("Coastal Business Journal", "past $1 billion", (None, 1_000_000_000, None, "dollars", False), None),
        ("Harbor Times", "on Thursday", "2024-10-31", "target"),
    } <= got
    phrases = {c.phrase for c in story.claims}
    assert not {"may", "march", "2026"} & {p.lower() for p in phrases}  # modal, verb, a budget's year
    # Two revisions the text signals: the earlier end (December 2025) and the earlier cost.
    revisions = {frozenset(c.claims) for c in story.conflicts if c.kind == "revision"}
    by_phrase = {c.phrase: c.id for c in story.claims}
    assert frozenset({by_phrase["December 2025"], by_phrase["between March and June 2025"]}) in revisions
    assert any(by_phrase["an estimated $900 million"] in group for group in revisions)
    # The lighting money is spending, not the bridge's cost: not compared with $1.2 billion.
    detected = [g for g in detect_conflicts(story) if g.detected and not g.curated]
    assert detected == []


def test_ceasefire_many_articles_bounds_and_a_detected_conflict() -> None:
    draft, story = ingest("ceasefire_talks.txt")
    assert len(draft.digest.articles) == 8
    assert [a.label for a in draft.digest.articles].count("EXCLUSIVE") == 1
    ids = [s.id for s in story.sources]
    assert len(ids) == len(set(ids)) == 9  # two articles from Northland Today get distinct ids
    got = values(story)
    digest = "News digest (unattributed)"
    assert {
        (digest, "at least until March 2025", "2025-03", "not_before"),
        (digest, "no later than February 28", "XXXX-02-28", "not_after"),
        (digest, "Up to 300 observers", (None, None, 300, "observers", False), None),
        (digest, "At least 40 people", (None, 40, None, "people", False), None),
        ("The Observer Post", "between 250 and 300 observers", (None, 250, 300, "observers", False), None),
        ("The Observer Post", "no earlier than May 2025", "2025-05", "not_before"),
        ("Policy Review", "a year", (1, None, None, "years", False), None),
    } <= got
    groups = detect_conflicts(story)
    election = [g for g in groups if g.subject == "election"]
    assert len(election) == 1 and election[0].kind == "revision"  # "three months later than first announced"
    dates = {
        c.value.date for c in story.claims if c.id in election[0].claims and isinstance(c.value, DateValue)
    }
    assert dates == {"2025-06", "2025-09"}


def test_digest_without_articles_is_a_minimal_draft_with_a_warning() -> None:
    draft, story = ingest("no_articles.txt")
    assert [s.id for s in story.sources] == ["digest"]
    assert any("no article lines" in w for w in draft.warnings)
    assert story.story.as_of == "XXXX"  # no date printed anywhere: the year is not given
    assert ("News digest (unattributed)", "no later than December 2027", "2027-12", "not_after") in values(
        story
    )


def test_the_same_input_gives_the_same_draft() -> None:
    first, _ = ingest("ceasefire_talks.txt")
    second, _ = ingest("ceasefire_talks.txt")
    assert first.data == second.data


def test_instead_of_is_a_revision_not_a_silent_pair() -> None:
    text = "Summary\nThe plant will now open in March 2026 instead of December 2025, the company said.\n"
    story = StoryFile.model_validate(build_draft(text, "plant.txt", "plant.txt").data)
    by_phrase = {c.phrase: c for c in story.claims}
    new, old = by_phrase["in March 2026"], by_phrase["December 2025"]
    assert (new.subject, new.property) == (old.subject, old.property) == ("plant", "start-date")
    assert old.rank.value == "deprecated" and new.rank.value == "normal"
    (revision,) = story.conflicts
    assert revision.kind == "revision" and set(revision.claims) == {new.id, old.id}
    assert "instead of" in revision.note
    groups = detect_conflicts(story)
    assert [(g.kind, set(g.claims)) for g in groups] == [("revision", {new.id, old.id})]
