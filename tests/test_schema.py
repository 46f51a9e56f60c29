"""The JSON Schema and the loader agree: what one rejects the other rejects.

The schema is what editors (taplo, Even Better TOML) and validators (check-jsonschema) see. It is
generated from the models, committed as data/story.schema.json, and checked here with the
`jsonschema` package against the bundled story, its JSON export and the hostile corpus. The checks only
`mission-tui check` can make (unique ids, references, real days, quotes) are named in each hostile
file's `# schema: accepts (...)` line.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mission_tui.cli import main
from mission_tui.story.bundled import bundled_story_path
from mission_tui.story.dates import EDTF_EXAMPLES, EDTF_PATTERN
from mission_tui.story.export import to_json
from mission_tui.story.loader import StoryLoadError, load_story, loads_story
from mission_tui.story.schema import SCHEMA_ID, schema_text, story_schema

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "data" / "story.schema.json"
HOSTILE = sorted((Path(__file__).parent / "hostile").glob("*.toml"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = story_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_accepts(validator: Draft202012Validator, data: Any) -> bool:
    return not list(validator.iter_errors(data))


def loader_accepts(data: dict[str, Any]) -> bool:
    try:
        loads_story(json.dumps(data, default=str), "story.json")
    except StoryLoadError:
        return False
    return True


def test_committed_schema_equals_the_command_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    assert COMMITTED.read_text(encoding="utf-8") == printed, (
        "data/story.schema.json is stale: run `mission-tui schema > data/story.schema.json`"
    )


def _properties(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{where}.{name}", prop))
        for key, value in node.items():
            found += _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _properties(value, f"{where}[{index}]")
    return found


def test_every_property_has_a_description_and_the_schema_an_id() -> None:
    schema = story_schema()
    assert schema["$id"] == SCHEMA_ID and schema["$schema"].endswith("2020-12/schema")
    properties = _properties(schema)
    assert len(properties) > 66
    undescribed = [where for where, prop in properties if not prop.get("description")]
    assert undescribed == []
    assert "only `mission-tui check`" in schema["description"].replace("Only", "only")


def _date_schemas(prop: dict[str, Any]) -> list[dict[str, Any]]:
    return [option for option in prop.get("anyOf", [prop]) if option.get("type") == "string"]


@pytest.mark.parametrize(
    ("definition", "field"),
    [("Story", "as_of"), ("Source", "published"), ("Event", "when"), ("Claim", "as_of"),
     ("Claim", "anchor"), ("DateValue", "date")],
)  # fmt: skip
def test_date_fields_carry_the_edtf_pattern_and_examples(definition: str, field: str) -> None:
    (string,) = _date_schemas(story_schema()["$defs"][definition]["properties"][field])
    assert string["pattern"] == EDTF_PATTERN
    assert string["examples"] == list(EDTF_EXAMPLES)
    assert all(re.fullmatch(EDTF_PATTERN, example) for example in EDTF_EXAMPLES)


def test_bundled_story_and_its_json_export_are_valid(validator: Draft202012Validator) -> None:
    path = bundled_story_path()
    assert schema_accepts(validator, tomllib.loads(path.read_text(encoding="utf-8")))
    exported = json.loads(to_json(load_story(path).model))
    errors = [error.message for error in validator.iter_errors(exported)]
    assert errors == []
    assert exported["derived"]["conflicts"] and exported["derived"]["dates"]


def test_bundled_story_points_editors_at_the_committed_schema() -> None:
    first = bundled_story_path().read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ./story.schema.json"
    assert (bundled_story_path().parent / "story.schema.json").read_text(encoding="utf-8") == schema_text()


def _hostile_note(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines()[:3]:
        if line.startswith("# schema: "):
            return line.removeprefix("# schema: ")
    return None


@pytest.mark.parametrize("path", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_the_schema_rejects_the_hostile_corpus_too(validator: Draft202012Validator, path: Path) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        pytest.skip("not TOML at all: no schema is asked")
    note = _hostile_note(path)
    if note is not None:
        assert note.startswith("accepts (only check")
        assert schema_accepts(validator, data)
    else:
        assert not schema_accepts(validator, data), "the loader rejects this file; the schema must too"


MINIMAL: dict[str, Any] = {
    "format": 1,
    "story": {"id": "s", "title": "T", "summary": "S", "as_of": "2024-09-27"},
    "sources": [{"id": "a", "outlet": "A", "kind": "news", "excerpt": "about 2,500 troops"}],
    "events": [{"id": "e", "when": "2025-09", "title": "E", "status": "scheduled", "sources": ["a"]}],
    "key_points": [{"id": "k", "title": "K", "text": "t", "order": 1}],
    "claims": [{"id": "c", "subject": "m", "property": "p", "phrase": "about 2,500", "source": "a",
                "quote": "about 2,500 troops", "value": {"amount": 2500, "unit": "troops"}}],
}  # fmt: skip


def _with(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[last] = value
    return data


CASES = [  # (path, value, accepted by both?)
    ("key_points.0.order", "1", False), ("key_points.0.order", 1.0, True),
    ("key_points.0.order", True, False), ("key_points.0.order", -1, False),
    ("claims.0.value", {"amount": "2500", "unit": "troops"}, False),
    ("claims.0.value", {"amount": 2500.5, "unit": "troops"}, True),
    ("claims.0.value", {"amount": 2500, "unit": "troops", "approximate": "yes"}, False),
    ("claims.0.value", {"amount": 2500, "unit": "troops", "approximate": 1}, False),
    ("claims.0.value", {"unit": "troops"}, False), ("claims.0.value", {"low": 2000, "unit": "troops"}, True),
    ("claims.0.value", {"date": "2025-09", "unit": "troops"}, False),
    ("claims.0.value", {"text": "x", "date": "2025"}, False), ("claims.0.value", {"text": "x"}, True),
    ("format", True, False), ("format", "1", False), ("format", 2, False),
    ("events.0.when", "sometime", False), ("events.0.when", "2024-09-27T10:00", False),
    ("events.0.when", "[2024, 2025]", False), ("events.0.when", "2024?-09", True),
    ("events.0.when", "XXXX-09-27", True), ("events.0.when", "2025-03-2X", True),
    ("events.0.when", "../2026-12", True), ("events.0.when", "2025-21", True),
    ("events.0.when", "2025-13", False), ("events.0.when", "٢٠٢٥", False),
    ("events.0.status", "happened", False), ("sources.0.kind", "blog", False),
    ("sources.0.url", "javascript:alert(1)", False), ("sources.0.id", "Not A Slug", False),
    ("sources.0.headlines", "x", False), ("story.date", "2024", False),
    ("derived", 3, False), ("derived", {"generator": "x", "conflicts": [], "dates": {}}, True),
    ("derived", {"generator": "x", "conflicts": [], "dates": {}, "extra": 1}, False),
    ("claims.0.phrase", "", False), ("events.0.sources", "a", False),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "accepted"), CASES, ids=[f"{p}={v!r}" for p, v, _ in CASES])
def test_loader_and_schema_agree(
    validator: Draft202012Validator, path: str, value: Any, accepted: bool
) -> None:
    data = _with(path, value)
    assert schema_accepts(validator, data) is accepted
    assert loader_accepts(data) is accepted


def test_a_toml_date_literal_is_refused_by_both(validator: Draft202012Validator) -> None:
    """Read with tomllib, TOML's own date type reaches the schema as a date, not a string, and fails it.
    (taplo and check-jsonschema turn TOML dates into strings first, so they cannot tell: there the
    loader's message is what helps. Checked by hand with taplo 0.9 and check-jsonschema 0.39.)"""
    text = (ROOT / "tests" / "hostile" / "date_literal.toml").read_text(encoding="utf-8")
    assert not schema_accepts(validator, tomllib.loads(text))
    expected = r'write dates as quoted EDTF strings, e\.g\. when = "2025-09-01"'
    with pytest.raises(StoryLoadError, match=expected):
        loads_story(text, "date.toml")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("taplo") is None, reason="taplo (npm @taplo/cli) is not on PATH")
def test_taplo_formats_and_validates_the_bundled_story() -> None:
    path = bundled_story_path()
    fmt = subprocess.run(["taplo", "fmt", "--check", str(path)], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stderr
    lint = subprocess.run(["taplo", "lint", str(path)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stderr


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("taplo") is None, reason="taplo (npm @taplo/cli) is not on PATH")
def test_taplo_rejects_what_the_loader_rejects(tmp_path: Path) -> None:
    shutil.copy(COMMITTED, tmp_path / "story.schema.json")
    for name in ("string_number", "string_boolean", "unknown_field_synonym", "edtf_set", "bad_enum"):
        story = tmp_path / f"{name}.toml"
        text = (ROOT / "tests" / "hostile" / f"{name}.toml").read_text(encoding="utf-8")
        story.write_text("#:schema ./story.schema.json\n" + text, encoding="utf-8")
        lint = subprocess.run(["taplo", "lint", str(story)], capture_output=True, text=True)
        assert lint.returncode != 0, name
