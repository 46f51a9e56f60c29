"""The bundled story: loads, says only what the seed says, and keeps its contradiction visible."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.dates import parse_date
from mission_tui.story.loader import LoadedStory, load_story
from mission_tui.story.models import DateValue, QuantityValue, TextValue
from mission_tui.story.verify import verify_quotes

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "data" / "iraq-transition.toml"
SEED = REPO / "seeds" / "000_2478aec32e3f585e.txt"
END_DATE_CLAIMS = {"end-digest-summary", "end-digest-key-points", "end-the-hill", "end-washington-times"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def loaded() -> LoadedStory:
    return load_story(STORY)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def test_bundled_path_is_the_data_file() -> None:
    assert bundled_story_path().resolve() == STORY.resolve()


def test_loads(loaded: LoadedStory) -> None:
    assert loaded.model.story.id == "iraq-transition"
    assert loaded.model.claims and loaded.model.sources and loaded.model.events


def test_summary_is_the_seeds_summary(loaded: LoadedStory, seed: str) -> None:
    section = seed.split("Summary\n", 1)[1].split("\nKey Points of Transition", 1)[0]
    assert _norm(loaded.model.story.summary) == _norm(section)


def test_four_key_points_in_order_verbatim(loaded: LoadedStory, seed: str) -> None:
    bullets = re.findall(r"^- ([^:\n]+): (.+)$", seed, flags=re.MULTILINE)
    assert [title for title, _ in bullets] == ["Timeline", "Bilateral Partnership", "Troop Presence",
                                               "Ongoing Threat"]
    points = sorted(loaded.model.key_points, key=lambda k: k.order)
    assert [k.order for k in points] == [1, 2, 3, 4]
    assert [(k.title, k.text) for k in points] == bullets
    for point in points:
        assert point.sources, point.id
        assert point.claims, point.id


def test_sources_named_in_the_seed(loaded: LoadedStory, seed: str) -> None:
    sources = {s.id: s for s in loaded.model.sources}
    assert set(sources) == {"digest", "washington-times", "the-hill"}
    assert sources["digest"].kind.value == "digest"
    assert sources["digest"].published is None and sources["digest"].note
    for sid, outlet in (("washington-times", "The Washington Times"), ("the-hill", "The Hill")):
        src = sources[sid]
        assert src.kind.value == "news"
        assert f"Sep. 27 / {outlet}" in seed
        assert src.headline and src.headline + "\nSep. 27 / " + outlet in seed
        assert src.excerpt and ("“ " + src.excerpt + "\n") in seed
    for src in sources.values():
        assert (STORY.parent / src.document).resolve() == SEED.resolve()


def test_no_urls_invented(loaded: LoadedStory) -> None:
    assert all(s.url is None for s in loaded.model.sources)
    raw = STORY.read_text(encoding="utf-8")
    assert "http" not in raw and "www." not in raw
    assert not re.search(r"^\s*url\s*=", raw, flags=re.MULTILINE)


def test_every_quote_occurs_verbatim_in_the_seed(loaded: LoadedStory, seed: str) -> None:
    text = _norm(seed)
    missing = [c.id for c in loaded.model.claims if _norm(c.quote) not in text]
    assert missing == []
    assert all(c.quote.strip() for c in loaded.model.claims)


def test_curly_quotes_are_kept(loaded: LoadedStory) -> None:
    quotes = " ".join(c.quote for c in loaded.model.claims)
    assert "military’s" in quotes and "military's" not in quotes


def test_verify_quotes_finds_nothing_wrong(loaded: LoadedStory) -> None:
    assert verify_quotes(loaded) == []


def test_phrases_are_the_sources_words(loaded: LoadedStory, seed: str) -> None:
    text = _norm(seed)
    for c in loaded.model.claims:
        assert _norm(c.phrase) in text, c.id


def test_undated_meeting(loaded: LoadedStory, seed: str) -> None:
    events = {e.id: e for e in loaded.model.events}
    meeting = events["biden-al-sudani-meeting"]
    assert meeting.when is None
    assert meeting.note and "no date" in meeting.note
    assert meeting.status.value == "occurred"
    assert "President Biden and Iraqi Prime Minister Mohammed Shia al-Sudani" in seed


def test_only_the_meeting_is_undated(loaded: LoadedStory) -> None:
    assert [e.id for e in loaded.model.events if e.when is None] == ["biden-al-sudani-meeting"]


def test_article_date_is_uncertain_in_the_year(loaded: LoadedStory) -> None:
    model = loaded.model
    assert model.story.as_of == "2024?-09-27"
    for sid in ("washington-times", "the-hill"):
        src = next(s for s in model.sources if s.id == sid)
        assert src.published == "2024?-09-27"
        span = parse_date(src.published)
        assert span.uncertain and span.precision == "day"
        assert src.inference and "Sep. 27" in src.inference
    wt = next(s for s in model.sources if s.id == "washington-times")
    assert wt.inference and "Outside knowledge" in wt.inference
    published = next(e for e in model.events if e.id == "articles-published")
    assert published.when == "2024?-09-27" and published.inference


def test_relative_claim_keeps_anchor_and_inference(loaded: LoadedStory) -> None:
    wt = next(c for c in loaded.model.claims if c.id == "end-washington-times")
    assert wt.phrase == "over the next year"
    assert wt.anchor == "2024?-09-27"
    assert wt.inference
    assert isinstance(wt.value, DateValue)
    span = parse_date(wt.value.date)
    assert span.precision == "interval" and span.uncertain
    assert (span.lower, span.upper) == (parse_date(wt.anchor).lower, parse_date("2025-09-27").lower)


def test_end_date_claims_share_group_and_some_pair_is_disjoint(loaded: LoadedStory) -> None:
    claims = [c for c in loaded.model.claims if c.id in END_DATE_CLAIMS]
    assert len(claims) == 4
    assert len({(c.subject, c.property, c.scope) for c in claims}) == 1
    assert all(c.bound.value == "target" for c in claims)
    sources = {c.source for c in claims}
    assert sources == {"digest", "the-hill", "washington-times"}
    ranges = {}
    for c in claims:
        assert isinstance(c.value, DateValue)
        ranges[c.id] = parse_date(c.value.date).ordinal_range(fuzzy=True)
    disjoint = {
        frozenset((a, b))
        for (a, ra), (b, rb) in itertools.combinations(ranges.items(), 2)
        if ra[1] < rb[0] or rb[1] < ra[0]
    }
    # The digest contradicts itself, and The Hill contradicts the digest's key points.
    assert frozenset(("end-digest-summary", "end-digest-key-points")) in disjoint
    assert frozenset(("end-the-hill", "end-digest-key-points")) in disjoint
    # No other claim joins this group (it would be compared, too).
    others = [c.id for c in loaded.model.claims if (c.subject, c.property) == ("us-mission-iraq", "end-date")]
    assert sorted(others) == sorted(END_DATE_CLAIMS)


def test_one_curated_conflict_for_the_mission_end(loaded: LoadedStory) -> None:
    (conflict,) = loaded.model.conflicts
    assert set(conflict.claims) == END_DATE_CLAIMS
    assert conflict.kind == "date" and conflict.status.value == "open"
    assert "inference" in conflict.note and "does not say" in conflict.note


def test_claim_values(loaded: LoadedStory) -> None:
    claims = {c.id: c for c in loaded.model.claims}
    troops = claims["troops-now"].value
    assert isinstance(troops, QuantityValue)
    assert (troops.amount, troops.unit, troops.approximate) == (2500, "troops", True)
    kurdistan = claims["remaining-forces-kurdistan"].value
    assert isinstance(kurdistan, TextValue) and "Kurdistan" in kurdistan.text
    syria = claims["syria-operations-end"]
    assert isinstance(syria.value, DateValue) and syria.value.date == "2026-09"
    assert (syria.subject, syria.property) != ("us-mission-iraq", "end-date") or syria.scope
    assert claims["end-digest-key-points"].value == DateValue(date="2025-09")
    assert claims["end-digest-summary"].value == DateValue(date="2026-12")
    assert claims["end-the-hill"].value == DateValue(date="2026-12")


def test_text_values_agree_within_a_group(loaded: LoadedStory) -> None:
    """Same subject + property from different words must not read as a contradiction by accident."""
    groups: dict[tuple[str, str, str | None], set[str]] = {}
    for c in loaded.model.claims:
        if isinstance(c.value, TextValue):
            groups.setdefault((c.subject, c.property, c.scope), set()).add(_norm(c.value.text).lower())
    assert all(len(values) == 1 for values in groups.values()), groups


def test_scheduled_events_are_dated_by_the_seed(loaded: LoadedStory) -> None:
    whens = {e.id: (e.when, e.status.value) for e in loaded.model.events}
    assert whens["mission-end-2025-09"] == ("2025-09", "scheduled")
    assert whens["syria-operations-end"] == ("2026-09", "scheduled")
    assert whens["mission-end-2026-12"] == ("2026-12", "scheduled")
    assert whens["articles-published"] == ("2024?-09-27", "occurred")
