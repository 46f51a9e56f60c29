"""Conflict detection: the pair matrix, grouping rules, curation, and the sweep against brute force."""

from __future__ import annotations

import math
import random
from datetime import date
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.conflicts import (
    ConflictGroup,
    Relation,
    claim_range,
    compare_claims,
    detect_conflicts,
    normalize_text,
)
from mission_tui.story.loader import load_story, loads_story
from mission_tui.story.models import Claim, ConflictStatus, StoryFile

HEADER = """
[story]
id = "s"
title = "A test story"
summary = "Claims that agree and disagree."
as_of = "2026-01"
""" + "".join(f'\n[[sources]]\nid = "{s}"\noutlet = "Outlet {s}"\nkind = "news"\n' for s in "abcd")


def claim_toml(cid: str, value: str, source: str = "a", **fields: str) -> str:
    """One [[claims]] table; `value` is the inline TOML value, other fields are strings."""
    fields.setdefault("subject", "mission")
    fields.setdefault("property", "end-date")
    extra = "".join(f'{key} = "{val}"\n' for key, val in fields.items())
    return (
        f'\n[[claims]]\nid = "{cid}"\nvalue = {value}\nphrase = "words for {cid}"\n'
        f'source = "{source}"\nquote = "quote {cid}"\n{extra}'
    )


def story(*claims: str, conflicts: str = "") -> StoryFile:
    return loads_story(HEADER + "".join(claims) + conflicts)


def relation(first: str, second: str, **fields: Any) -> Relation:
    """compare_claims for two claims given as inline TOML values, checking symmetry on the way."""
    first_fields = {k[2:]: v for k, v in fields.items() if k.startswith("a_")}
    second_fields = {k[2:]: v for k, v in fields.items() if k.startswith("b_")}
    a, b = story(claim_toml("x", first, **first_fields), claim_toml("y", second, **second_fields)).claims
    assert compare_claims(a, b) == compare_claims(b, a)
    return compare_claims(a, b)


def date_value(text: str) -> str:
    return f'{{ date = "{text}" }}'


# ------------------------------------------------------------------------------------------ the matrix


@pytest.mark.parametrize(
    ("first", "second", "expected", "fields"),
    [
        ("2025-09", "2026-12", Relation.conflict, {}),
        ("2025-09", "2025-10", Relation.conflict, {}),  # adjacent months do not overlap
        ("2025-09", "2025", Relation.refinement, {}),
        ("2025-09-27", "2025-09", Relation.refinement, {}),
        ("2025-09", "2025-09", Relation.compatible, {}),
        ("2025-09/2026-03", "2026", Relation.compatible, {}),  # partial overlap
        ("2025-09~", "2025-10", Relation.refinement, {}),  # fuzzy bounds widen ~
        ("2024?-09-27", "2025-09-27", Relation.refinement, {}),  # and ?
        ("2024-09-27", "2025-09-27", Relation.conflict, {}),
        ("2026-12", "2025-09", Relation.refinement, {"a_bound": "not_after"}),  # a deadline September meets
        ("2025-06", "2025-09", Relation.conflict, {"a_bound": "not_after"}),
        ("2026", "2025-09", Relation.conflict, {"a_bound": "not_before"}),
        ("2025", "2025-09", Relation.refinement, {"a_bound": "not_before"}),
        ("2025-06", "2025-09", Relation.conflict, {"a_bound": "not_after", "b_bound": "not_before"}),
        ("2026", "2025", Relation.compatible, {"a_bound": "not_after", "b_bound": "not_before"}),
        ("../2026-12", "2026-12", Relation.compatible, {"b_bound": "not_after"}),  # the same range
        ("2025-09/..", "2030", Relation.refinement, {}),
    ],
)
def test_date_relations(first: str, second: str, expected: Relation, fields: dict[str, str]) -> None:
    assert relation(date_value(first), date_value(second), **fields) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"a_as_of": "2025-01", "b_as_of": "2025-06"}, Relation.revision),
        ({"a_as_of": "2025-01", "b_as_of": "2025-01"}, Relation.conflict),  # contradicts itself
        ({}, Relation.conflict),  # the bundled digest: no as_of, still a contradiction
        ({"a_as_of": "2025-01"}, Relation.conflict),  # one undated: no sign that time passed
        ({"a_as_of": "2025-01", "b_as_of": "2025-06", "b_source": "b"}, Relation.conflict),
    ],
)
def test_same_source_revision(fields: dict[str, str], expected: Relation) -> None:
    assert relation(date_value("2025-09"), date_value("2026-12"), **fields) == expected


def test_revision_only_replaces_a_conflict() -> None:
    fields = {"a_as_of": "2025-01", "b_as_of": "2025-06"}
    assert relation(date_value("2025-09"), date_value("2025"), **fields) == Relation.refinement
    assert relation(date_value("2025"), date_value("2025"), **fields) == Relation.compatible


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("{ amount = 2500, unit = 'troops' }", "{ amount = 2600, unit = 'troops' }", Relation.conflict),
        ("{ amount = 2500, unit = 'troops' }", "{ amount = 2500, unit = 'troops' }", Relation.compatible),
        ("{ amount = 2500, unit = 'troops', approximate = true }", "{ amount = 2700, unit = 'troops' }",
         Relation.refinement),  # about 2,500 covers 2,250-2,750
        ("{ amount = 2500, unit = 'troops', approximate = true }", "{ amount = 2800, unit = 'troops' }",
         Relation.conflict),
        ("{ amount = 2500, unit = 'troops', approximate = true }",
         "{ amount = 3000, unit = 'troops', approximate = true }", Relation.compatible),  # 2,700-2,750
        ("{ low = 2000, high = 3000, unit = 'troops' }", "{ amount = 2500, unit = 'troops' }",
         Relation.refinement),
        ("{ low = 2000, high = 3000, unit = 'troops' }", "{ amount = 3001, unit = 'troops' }",
         Relation.conflict),
        ("{ low = 2000, unit = 'troops' }", "{ amount = 1500, unit = 'troops' }", Relation.conflict),
        ("{ low = 2000, unit = 'troops' }", "{ amount = 5000, unit = 'troops' }", Relation.refinement),
        ("{ high = 2000, unit = 'troops' }", "{ amount = 2500, unit = 'troops' }", Relation.conflict),
        ("{ amount = 2500, unit = 'troops' }", "{ amount = 9000, unit = 'personnel' }", Relation.compatible),
        ("{ amount = 2500, unit = 'Troops ' }", "{ amount = 9000, unit = 'troops' }", Relation.conflict),
    ],
)  # fmt: skip
def test_quantity_relations(first: str, second: str, expected: Relation) -> None:
    assert relation(first, second) == expected


def test_quantity_bounds() -> None:
    at_most = "{ amount = 3000, unit = 'troops' }"
    assert relation(at_most, "{ amount = 3500, unit = 'troops' }", a_bound="not_after") == Relation.conflict
    assert relation(at_most, "{ amount = 2000, unit = 'troops' }", a_bound="not_after") == Relation.refinement


def test_claim_range() -> None:
    claims = story(
        claim_toml("d", date_value("2025-09")),
        claim_toml("after", date_value("2026-12"), bound="not_after"),
        claim_toml("before", date_value("2026-12"), bound="not_before"),
        claim_toml("q", "{ amount = 2500, unit = 'troops', approximate = true }"),
        claim_toml("lo", "{ low = 10, unit = 'years' }"),
        claim_toml("t", "{ text = 'reduction' }"),
    ).claims
    ranges = {claim.id: claim_range(claim) for claim in claims}
    assert ranges["d"] == (date(2025, 9, 1).toordinal(), date(2025, 9, 30).toordinal())
    assert ranges["after"] == (-math.inf, date(2026, 12, 31).toordinal())
    assert ranges["before"] == (date(2026, 12, 1).toordinal(), math.inf)
    assert ranges["q"] == pytest.approx((2250, 2750))
    assert ranges["lo"] == (10, math.inf)
    assert ranges["t"] is None


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("reduction", "  Reduction. ", Relation.compatible),
        ("reduction", "“REDUCTION”", Relation.compatible),
        ("a  bilateral\tpartnership", "A bilateral partnership!", Relation.compatible),
        ("reduction", "increase", Relation.conflict),
        ("u.s. forces", "us forces", Relation.conflict),  # punctuation inside is kept
    ],
)
def test_text_relations(first: str, second: str, expected: Relation) -> None:
    assert relation(f"{{ text = '{first}' }}", f"{{ text = '{second}' }}") == expected


def test_normalize_text() -> None:
    assert normalize_text(" “Iraq’s  Kurdistan region.” ") == "iraq’s kurdistan region"
    assert normalize_text("...") == ""


def test_different_kinds_are_not_compared() -> None:
    assert relation(date_value("2025-09"), "{ text = '2026' }") == Relation.compatible
    assert relation(date_value("2025-09"), "{ amount = 2026, unit = 'year' }") == Relation.compatible
    mixed = story(
        claim_toml("d", date_value("2025-09")),
        claim_toml("t", "{ text = 'never' }"),
        claim_toml("q", "{ amount = 1, unit = 'x' }"),
    )
    assert detect_conflicts(mixed) == []


# ------------------------------------------------------------------------------------------ groups


def test_a_simple_conflict_group() -> None:
    groups = detect_conflicts(
        story(
            claim_toml("early", date_value("2025-09")),
            claim_toml("late", date_value("2026-12"), source="b"),
            claim_toml("wide", date_value("2025/2026")),  # overlaps both: takes no part
        )
    )
    assert len(groups) == 1
    group = groups[0]
    assert (group.id, group.title, group.kind) == ("auto-mission-end-date", "mission: end-date", "date")
    assert group.claims == ("early", "late")
    assert [(p.first, p.second, p.relation) for p in group.pairs] == [("early", "late", Relation.conflict)]
    assert "ends before" in group.pairs[0].reason and "September 2025" in group.pairs[0].reason
    assert (group.status, group.note) == (ConflictStatus.open, None)
    assert (group.detected, group.curated) == (True, False)


def test_deprecated_claims_are_skipped() -> None:
    claims = [
        claim_toml("early", date_value("2025-09")),
        claim_toml("late", date_value("2026-12"), rank="deprecated"),
    ]
    assert detect_conflicts(story(*claims)) == []
    assert compare_claims(*story(*claims).claims) == Relation.conflict  # the pair itself still disagrees


def test_scopes_and_subjects_are_not_compared() -> None:
    groups = detect_conflicts(
        story(
            claim_toml("iraq", date_value("2025-09"), scope="iraq"),
            claim_toml("syria", date_value("2026-12"), scope="syria"),
            claim_toml("none", date_value("2030")),
            claim_toml("other", date_value("2010"), subject="coalition"),
            claim_toml("syria-2", date_value("2027"), scope="syria", source="b"),
        )
    )
    assert [(g.id, g.scope, g.claims, g.title) for g in groups] == [
        ("auto-mission-end-date-syria", "syria", ("syria", "syria-2"), "mission: end-date (syria)")
    ]


def test_revision_alone_makes_no_group_but_is_listed_beside_a_conflict() -> None:
    revised = [
        claim_toml("v1", date_value("2025-09"), as_of="2025-01"),
        claim_toml("v2", date_value("2026-12"), as_of="2025-06"),
    ]
    assert detect_conflicts(story(*revised)) == []
    (group,) = detect_conflicts(story(*revised, claim_toml("other", date_value("2026-12"), source="b")))
    assert group.claims == ("v1", "other")
    assert {(p.first, p.second, p.relation) for p in group.pairs} == {
        ("other", "v1", Relation.conflict),
        ("v1", "v2", Relation.revision),
    }
    assert group.pairs[-1].relation == Relation.revision  # conflicts come first


def test_text_groups() -> None:
    (group,) = detect_conflicts(
        story(
            claim_toml("r1", "{ text = 'reduction' }", property="change"),
            claim_toml("r2", "{ text = 'Reduction.' }", property="change", source="b"),
            claim_toml("i1", "{ text = 'increase' }", property="change", source="c"),
        )
    )
    assert group.kind == "text"
    assert group.claims == ("i1", "r1", "r2")  # by normalized text, then id
    assert {(p.first, p.second) for p in group.pairs} == {("i1", "r1"), ("i1", "r2")}


def test_mixed_kinds_that_both_conflict_make_one_group_of_kind_other() -> None:
    (group,) = detect_conflicts(
        story(
            claim_toml("d1", date_value("2025-09")),
            claim_toml("d2", date_value("2026-12"), source="b"),
            claim_toml("t1", "{ text = 'soon' }"),
            claim_toml("t2", "{ text = 'never' }", source="b"),
        )
    )
    assert group.kind == "other"
    assert group.claims == ("d1", "d2", "t2", "t1")
    assert {(p.first, p.second) for p in group.pairs} == {("d1", "d2"), ("t1", "t2")}


# ------------------------------------------------------------------------------------------ curation

CURATED = """
[[conflicts]]
id = "{id}"
claims = [{claims}]
status = "explained"
title = "Curated title"
note = "A curator's note."
"""


def curated(cid: str, *claims: str) -> str:
    return CURATED.format(id=cid, claims=", ".join(f'"{c}"' for c in claims))


def three_dates(third: str = "wide", when: str = "2025/2026") -> list[str]:
    """September 2025 (a) and December 2026 (b) disagree; a third source (c) says `when`."""
    return [
        claim_toml("early", date_value("2025-09")),
        claim_toml("late", date_value("2026-12"), source="b"),
        claim_toml(third, date_value(when), source="c"),
    ]


def test_curated_entry_attaches_to_the_detected_group() -> None:
    base = three_dates()
    (group,) = detect_conflicts(story(*base, conflicts=curated("when", "early", "late", "wide")))
    assert (group.id, group.title, group.note) == ("when", "Curated title", "A curator's note.")
    assert (group.status, group.detected, group.curated) == (ConflictStatus.explained, True, True)
    assert group.claims == ("wide", "early", "late")  # the curated "wide" joins, in range order
    assert [p.relation for p in group.pairs] == [Relation.conflict]


def test_an_explained_conflict_does_not_absorb_a_new_contradiction() -> None:
    """The curator explained early vs late; a third source then says 2028, which contradicts both.
    That is news: it is reported open beside the explained entry, not hidden inside it."""
    explained_entry = curated("when", "early", "late")
    groups = detect_conflicts(story(*three_dates("later", "2028"), conflicts=explained_entry))
    by_id = {group.id: group for group in groups}
    assert set(by_id) == {"when", "auto-mission-end-date"}
    explained, new = by_id["when"], by_id["auto-mission-end-date"]
    assert (explained.status, explained.claims) == (ConflictStatus.explained, ("early", "late"))
    assert {(p.first, p.second) for p in explained.pairs} == {("early", "late")}
    assert (new.status, new.curated, new.detected) == (ConflictStatus.open, False, True)
    assert new.claims == ("early", "late", "later")
    assert {(p.first, p.second) for p in new.pairs} == {("early", "later"), ("late", "later")}


def test_a_curated_entry_whose_claims_agree_leaves_the_detected_conflict_open() -> None:
    groups = detect_conflicts(story(*three_dates(), conflicts=curated("when", "early", "wide")))
    by_id = {group.id: group for group in groups}
    assert (by_id["when"].detected, by_id["when"].claims) == (False, ("wide", "early"))
    assert by_id["auto-mission-end-date"].status is ConflictStatus.open
    assert by_id["auto-mission-end-date"].claims == ("early", "late")


def test_curated_entry_that_matches_nothing_is_added() -> None:
    base = [claim_toml("x", date_value("2025")), claim_toml("y", date_value("2025-09"), source="b")]
    (group,) = detect_conflicts(story(*base, conflicts=curated("judged", "y", "x")))
    assert (group.id, group.detected, group.curated, group.kind) == ("judged", False, True, "date")
    assert (group.subject, group.property, group.scope) == ("mission", "end-date", None)
    assert group.claims == ("x", "y")
    assert [(p.first, p.second, p.relation) for p in group.pairs] == [("x", "y", Relation.conflict)]
    assert group.pairs[0].reason == "curated; by value: refinement"


def test_two_curated_entries_on_one_group() -> None:
    base = [claim_toml("early", date_value("2025-09")), claim_toml("late", date_value("2026-12"), source="b")]
    groups = detect_conflicts(
        story(*base, conflicts=curated("b-second", "early", "late") + curated("a-first", "late", "early"))
    )
    assert [(g.id, g.detected) for g in groups] == [("a-first", True), ("b-second", False)]


def test_bundled_story() -> None:
    (group,) = detect_conflicts(load_story(bundled_story_path()).model)
    assert (group.id, group.curated, group.detected) == ("mission-end-date", True, True)
    assert set(group.claims) == {
        "end-digest-key-points", "end-digest-summary", "end-the-hill", "end-washington-times"
    }  # fmt: skip
    pairs = {(p.first, p.second): p for p in group.pairs}
    assert pairs[("end-digest-key-points", "end-digest-summary")].relation == Relation.conflict
    assert "both from digest" in pairs[("end-digest-key-points", "end-digest-summary")].reason
    assert ("end-digest-key-points", "end-washington-times") not in pairs  # within "the next year"


# ------------------------------------------------------------------------------------------ properties

DATES = ["2024", "2025", "2025-03", "2025-09", "2025-09-27", "2025-09~", "2024?-09-27", "2026-12",
         "../2025-06", "2025-09/..", "2025-21", "2027", "2024-09-27/2025-09-27"]  # fmt: skip
BASE = {"subject": "m", "property": "p", "phrase": "p", "quote": "q"}


@st.composite
def claim_values(draw: st.DrawFn, kinds: tuple[str, ...] = ("date", "quantity", "text")) -> dict[str, Any]:
    kind = draw(st.sampled_from(kinds))
    if kind == "date":
        return {"value": {"date": draw(st.sampled_from(DATES))},
                "bound": draw(st.sampled_from(["target", "target", "not_after", "not_before"]))}  # fmt: skip
    if kind == "text":
        return {"value": {"text": draw(st.sampled_from(["yes", "Yes.", "no", "maybe"]))}}
    low = draw(st.none() | st.integers(0, 20))
    high = draw(st.none() | st.integers(20, 40)) if low is None or draw(st.booleans()) else None
    amount = draw(st.integers(0, 40)) if low is None and high is None else None
    value = {"amount": amount, "low": low, "high": high, "unit": "u", "approximate": draw(st.booleans())}
    return {"value": value, "bound": draw(st.sampled_from(["target", "not_after", "not_before"]))}


@st.composite
def claim_lists(draw: st.DrawFn, kinds: tuple[str, ...] = ("date", "quantity", "text")) -> list[Claim]:
    rows = draw(st.lists(claim_values(kinds), min_size=2, max_size=14))
    return [
        Claim(id=f"c{i:02d}", source=draw(st.sampled_from("abc")), scope=draw(st.sampled_from([None, "s"])),
              as_of=draw(st.sampled_from([None, "2025-01", "2025-06"])), **BASE, **row)
        for i, row in enumerate(rows)
    ]  # fmt: skip


def story_of(claims: list[Claim]) -> StoryFile:
    header = {"id": "s", "title": "t", "summary": "s", "as_of": "2026"}
    sources = [{"id": s, "outlet": s, "kind": "news"} for s in "abc"]
    return StoryFile.model_validate({"story": header, "sources": sources, "claims": claims})


@settings(deadline=None)  # a first season date builds the edtf grammar (~0.4 s)
@given(claim_values(), claim_values(), st.sampled_from("ab"), st.sampled_from([None, "2025-01", "2025-06"]))
def test_compare_claims_is_symmetric(first: dict[str, Any], second: dict[str, Any], source: str,
                                     as_of: str | None) -> None:  # fmt: skip
    a = Claim(id="a", source="a", as_of="2025-01", **BASE, **first)
    b = Claim(id="b", source=source, as_of=as_of, **BASE, **second)
    assert compare_claims(a, b) == compare_claims(b, a)
    assert compare_claims(a, a) == Relation.compatible


@settings(max_examples=60, deadline=None)
@given(claim_lists(), st.randoms(use_true_random=False))
def test_detection_ignores_claim_order(claims: list[Claim], rng: random.Random) -> None:
    shuffled = list(claims)
    rng.shuffle(shuffled)
    assert detect_conflicts(story_of(claims)) == detect_conflicts(story_of(shuffled))
    capped = detect_conflicts(story_of(claims), max_pairs=2)
    assert capped == detect_conflicts(story_of(shuffled), max_pairs=2)


def brute_force(claims: list[Claim]) -> dict[tuple[str, str], Relation]:
    """Every disagreeing pair within the same subject, property and scope, by comparing all pairs."""
    found = {}
    for a, b in combinations(claims, 2):
        if (a.subject, a.property, a.scope) == (b.subject, b.property, b.scope):
            rel = compare_claims(a, b)
            if rel in (Relation.conflict, Relation.revision):
                found[tuple(sorted((a.id, b.id)))] = rel
    return found  # type: ignore[return-value]


def check_against_brute_force(groups: list[ConflictGroup], claims: list[Claim], max_pairs: int) -> None:
    expected = brute_force(claims)
    taking_part = {i for (a, b), rel in expected.items() if rel is Relation.conflict for i in (a, b)}
    assert {i for g in groups for i in g.claims} == taking_part
    for group in groups:
        assert len(set(group.claims)) == len(group.claims)
        assert 1 <= len(group.pairs) <= max_pairs
        assert any(p.relation is Relation.conflict for p in group.pairs)
        for pair in group.pairs:
            assert pair.first < pair.second
            assert expected[(pair.first, pair.second)] == pair.relation
    listed = {(p.first, p.second): p.relation for g in groups for p in g.pairs}
    if len(expected) <= max_pairs:  # few pairs: every disagreement of a group with a conflict is listed
        by_id = {c.id: c for c in claims}

        def part(claim_id: str) -> tuple[str | None, str]:
            return by_id[claim_id].scope, type(by_id[claim_id].value).__name__

        parts = {part(i) for i in taking_part}
        assert listed == {k: v for k, v in expected.items() if part(k[0]) in parts}


@settings(max_examples=150, deadline=None)
@given(claim_lists(), st.sampled_from([1, 3, 1000]))
def test_sweep_matches_brute_force(claims: list[Claim], max_pairs: int) -> None:
    check_against_brute_force(detect_conflicts(story_of(claims), max_pairs=max_pairs), claims, max_pairs)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([2, 5, 50]))
def test_sweep_matches_brute_force_on_larger_groups(seed: int, max_pairs: int) -> None:
    rng = random.Random(seed)
    claims = []
    for i in range(rng.randint(20, 80)):
        start = rng.randint(0, 60)
        value = {"low": start, "high": start + rng.randint(0, 15), "unit": "u"}
        as_of = rng.choice([None, "2025", "2026", "2027"])
        claims.append(Claim(id=f"c{i:03d}", source=rng.choice("abc"), as_of=as_of, value=value, **BASE))
    check_against_brute_force(detect_conflicts(story_of(claims), max_pairs=max_pairs), claims, max_pairs)


def test_a_20000_claim_group_lists_capped_pairs() -> None:
    agreeing = ["2025", "2025-09", "2025-09~", "2025/2026", "2025-09-27"]  # all hold 27 September 2025
    claims = [Claim(id=f"c{i:05d}", source="abc"[i % 3], value={"date": agreeing[i % 5]}, **BASE)
              for i in range(19_990)]  # fmt: skip
    claims += [Claim(id=f"late{i}", source="c", value={"date": "2030"}, **BASE) for i in range(9)]
    claims.append(Claim(id="wide", source="a", value={"date": "2020/2031"}, **BASE))
    (group,) = detect_conflicts(story_of(claims))
    assert len(group.claims) == 19_999 and "wide" not in group.claims
    assert group.claims[-9:] == tuple(f"late{i}" for i in range(9))
    assert len(group.pairs) == 50
    assert all(p.relation is Relation.conflict for p in group.pairs)
    assert all(p.first.startswith("c") and p.second.startswith("late") for p in group.pairs)


def test_large_groups_list_the_gaps_between_clusters_first() -> None:
    years = {"a": "2020", "b": "2025", "c": "2030"}  # three clusters, disjoint from each other
    claims = [Claim(id=f"{k}{i:02d}", source="abc"[i % 3], value={"date": y}, **BASE)
              for k, y in years.items() for i in range(30)]  # fmt: skip
    (group,) = detect_conflicts(story_of(claims), max_pairs=5)
    assert len(group.claims) == 90 and len(group.pairs) == 5
    first, second = group.pairs[:2]
    assert (first.first[0], first.second[0]) == ("a", "b")  # the a|b gap, then the b|c gap
    assert (second.first[0], second.second[0]) == ("b", "c")


# ------------------------------------------------------------------ sides, as a reader compares them


def test_sides_group_agreeing_claims_earliest_first() -> None:
    from mission_tui.story.compare import conflict_sides, values_line

    model = story(
        claim_toml("late", date_value("2026-12"), "a"),
        claim_toml("early", date_value("2025-09"), "b"),
        claim_toml("also-late", date_value("2026"), "c"),
    )
    sides = conflict_sides(model.claims)
    assert values_line(sides) == "Sep 2025 vs Dec 2026"
    assert [side.claims for side in sides[0]] == [("early",), ("also-late", "late")]


def test_dates_without_a_year_are_sided_as_in_one_year() -> None:
    """'Through August' and 'until September 15', years not given: every year would put both on one
    side (one value shown for a conflict); read in one year, as the conflict pairing them is, two."""
    from mission_tui.story.compare import conflict_sides, values_line

    model = story(
        claim_toml("aug", date_value("XXXX-08"), "a"),
        claim_toml("sep", date_value("XXXX-09-15"), "b"),
        claim_toml("also-aug", date_value("XXXX-08-21/XXXX-08-31"), "c"),
    )
    sides = conflict_sides(model.claims)
    assert [side.claims for side in sides[0]] == [("aug", "also-aug"), ("sep",)]
    assert " vs " in values_line(sides) and "15 Sep" in values_line(sides)
