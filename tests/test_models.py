"""The story schema's rules, one test per rule: each would pass invalid data if its rule were removed."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from mission_tui.story.loader import UNKNOWN_FIELD_ERRORS
from mission_tui.story.models import MAX_TEXT, QuantityValue, StoryFile


def minimal() -> dict[str, Any]:
    """The smallest story that uses every table, with every reference resolving."""
    return {
        "story": {"id": "s", "title": "T", "summary": "S", "as_of": "2024-09-27"},
        "sources": [{"id": "src", "outlet": "Outlet", "kind": "news", "excerpt": "ends in 2026"}],
        "events": [
            {"id": "ev", "when": "2026-12", "title": "End", "status": "scheduled",
             "sources": ["src"], "key_points": ["kp"], "claims": ["c1"]},
        ],
        "key_points": [
            {"id": "kp", "title": "K", "text": "t", "order": 1, "claims": ["c1"], "events": ["ev"],
             "sources": ["src"]},
        ],
        "claims": [
            {"id": "c1", "subject": "mission", "property": "end", "value": {"date": "2026"},
             "phrase": "in 2026", "source": "src", "quote": "ends in 2026"},
            {"id": "c2", "subject": "mission", "property": "troops",
             "value": {"amount": 2500, "unit": "troops", "approximate": True},
             "phrase": "around 2,500", "source": "src", "quote": "ends in 2026"},
        ],
        "conflicts": [{"id": "k", "claims": ["c1", "c2"], "note": "n"}],
    }


def errors_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        StoryFile.model_validate(data)
    return info.value.errors(include_url=False)


def test_minimal_story_is_valid() -> None:
    story = StoryFile.model_validate(minimal())
    assert story.claims[1].value == QuantityValue(amount=2500, unit="troops", approximate=True)


@pytest.mark.parametrize(
    ("path", "table"),
    [((), None), (("story",), None), (("sources", 0), "sources"), (("events", 0), "events"),
     (("key_points", 0), "key_points"), (("claims", 0), "claims"), (("claims", 0, "value"), "claims"),
     (("conflicts", 0), "conflicts")],
)
def test_extra_field_is_forbidden(path: tuple[Any, ...], table: str | None) -> None:
    data = minimal()
    target: Any = data
    for part in path:
        target = target[part]
    target["surprise"] = "x"
    errors = errors_of(data)
    # Items are pydantic dataclasses, which name the same rejection "unexpected_keyword_argument".
    assert len(errors) == 1 and errors[0]["type"] in UNKNOWN_FIELD_ERRORS
    assert errors[0]["loc"][-1] == "surprise"


@pytest.mark.parametrize("bad", ["Upper", "has space", "-lead", "trail-", "a--b", "", "é"])
def test_ids_must_be_slugs(bad: str) -> None:
    data = minimal()
    data["sources"][0]["id"] = bad
    data["claims"][0]["source"] = data["claims"][1]["source"] = bad
    data["events"][0]["sources"] = data["key_points"][0]["sources"] = [bad]
    errors = errors_of(data)
    assert any(e["loc"] == ("sources", 0, "id") for e in errors)


@pytest.mark.parametrize("good", ["a", "the-hill", "a_b.c-1", "2024"])
def test_slugs_accept_lowercase_words(good: str) -> None:
    data = minimal()
    data["story"]["id"] = good
    assert StoryFile.model_validate(data).story.id == good


@pytest.mark.parametrize(
    ("path", "bad"),
    [(("story", "as_of"), "Sept 2024"), (("sources", 0, "published"), "2024-13-45"),
     (("events", 0, "when"), "next year"), (("claims", 0, "value", "date"), "2024-02-30"),
     (("claims", 0, "as_of"), " 2024"), (("claims", 0, "anchor"), "")],
)
def test_edtf_fields_are_validated(path: tuple[Any, ...], bad: str) -> None:
    data = minimal()
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = bad
    (error,) = errors_of(data)
    # a claim value's loc carries the union tag: ("claims", 0, "value", "date", "date")
    assert error["loc"][: len(path) - 1] == path[:-1] and error["loc"][-1] == path[-1]
    assert "is not a valid EDTF date" in error["msg"] or "spaces around it" in error["msg"] or (
        error["type"] == "string_too_short"
    )


@pytest.mark.parametrize("good", ["2025-09", "2024?-09-27", "2025-09~", "../2026-12", "2025-09/2026-12"])
def test_edtf_fields_accept_edtf(good: str) -> None:
    data = minimal()
    data["events"][0]["when"] = good
    assert StoryFile.model_validate(data).events[0].when == good


def test_quantity_low_above_high_is_rejected() -> None:
    data = minimal()
    data["claims"][1]["value"] = {"low": 3000, "high": 2000, "unit": "troops"}
    (error,) = errors_of(data)
    assert "low (3000) is greater than high (2000)" in error["msg"]


def test_quantity_needs_a_number() -> None:
    data = minimal()
    data["claims"][1]["value"] = {"unit": "troops", "approximate": True}
    (error,) = errors_of(data)
    assert "needs amount, or low and/or high" in error["msg"]


def test_quantity_range_alone_is_valid() -> None:
    data = minimal()
    data["claims"][1]["value"] = {"low": 2000, "unit": "troops"}
    assert StoryFile.model_validate(data).claims[1].value == QuantityValue(low=2000, unit="troops")


@pytest.mark.parametrize("bad", [{"colour": "red"}, "2026", 2026, {}])
def test_value_must_be_one_of_the_kinds(bad: Any) -> None:
    data = minimal()
    data["claims"][0]["value"] = bad
    (error,) = errors_of(data)
    assert error["type"] == "value_kind"
    assert "`date`, `amount`/`low`/`high` + `unit`, or `text`" in error["msg"]


def test_value_kind_fields_do_not_mix() -> None:
    data = minimal()
    data["claims"][0]["value"] = {"date": "2026", "text": "late"}
    (error,) = errors_of(data)
    assert error["type"] in UNKNOWN_FIELD_ERRORS


@pytest.mark.parametrize("table", ["sources", "events", "key_points", "claims", "conflicts"])
def test_duplicate_ids_in_a_table_are_rejected(table: str) -> None:
    data = minimal()
    data[table].append(copy.deepcopy(data[table][0]))
    (error,) = errors_of(data)
    assert f"duplicate id {data[table][0]['id']!r} in [[{table}]] (first used by item 1)" in error["msg"]


def test_same_id_in_different_tables_is_fine() -> None:
    data = minimal()
    data["events"][0]["id"] = "src"
    data["key_points"][0]["events"] = ["src"]
    assert StoryFile.model_validate(data).events[0].id == "src"


@pytest.mark.parametrize(
    ("table", "field", "target"),
    [("events", "sources", "sources"), ("events", "key_points", "key_points"), ("events", "claims", "claims"),
     ("key_points", "claims", "claims"), ("key_points", "events", "events"),
     ("key_points", "sources", "sources"), ("conflicts", "claims", "claims")],
)
def test_dangling_reference_names_both_ends(table: str, field: str, target: str) -> None:
    data = minimal()
    data[table][0][field] = [*data[table][0][field], "ghost"]
    (error,) = errors_of(data)
    item_id = data[table][0]["id"]
    assert f"[[{table}]] {item_id!r} field {field!r} names 'ghost', which is not an id in [[{target}]]" in (
        error["msg"]
    )


def test_claim_source_must_resolve() -> None:
    data = minimal()
    data["claims"][1]["source"] = "elsewhere"
    (error,) = errors_of(data)
    expected = "[[claims]] 'c2' field 'source' names 'elsewhere', which is not an id in [[sources]]"
    assert expected in error["msg"]


def test_every_reference_problem_is_reported_at_once() -> None:
    data = minimal()
    data["claims"][0]["source"] = "x1"
    data["events"][0]["claims"] = ["x2"]
    (error,) = errors_of(data)
    assert "'x1'" in error["msg"] and "'x2'" in error["msg"]


def test_text_longer_than_the_limit_is_rejected() -> None:
    data = minimal()
    data["story"]["summary"] = "x" * MAX_TEXT
    StoryFile.model_validate(data)
    data["story"]["summary"] = "x" * (MAX_TEXT + 1)
    (error,) = errors_of(data)
    assert error["loc"] == ("story", "summary") and error["type"] == "string_too_long"


@pytest.mark.parametrize(
    ("path", "bad"),
    [(("sources", 0, "kind"), "blog"), (("events", 0, "status"), "rumoured"),
     (("claims", 0, "bound"), "before"), (("claims", 0, "rank"), "best"),
     (("conflicts", 0, "status"), "closed"), (("format",), 2), (("key_points", 0, "order"), -1),
     (("sources", 0, "url"), "javascript:alert(1)"), (("claims", 0, "quote"), ""),
     (("story", "title"), "")],
)
def test_enums_and_constraints(path: tuple[Any, ...], bad: Any) -> None:
    data = minimal()
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = bad
    errors = errors_of(data)
    assert [e["loc"] for e in errors] == [path]


def test_curated_conflict_needs_two_claims() -> None:
    data = minimal()
    data["conflicts"][0]["claims"] = ["c1"]
    (error,) = errors_of(data)
    assert error["loc"] == ("conflicts", 0, "claims") and error["type"] == "too_short"


def test_missing_required_field() -> None:
    data = minimal()
    del data["claims"][0]["quote"]
    (error,) = errors_of(data)
    assert error["loc"] == ("claims", 0, "quote") and error["type"] == "missing"
