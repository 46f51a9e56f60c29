"""Loading story files: every failure is a StoryLoadError whose problems say file:line and what is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mission_tui.story.loader import MAX_FILE_BYTES, Problem, StoryLoadError, load_story, loads_story

HEADER = """\
[story]
id = "s"
title = "T"
summary = "S"
as_of = "2024-09-27"
"""

SOURCE = """
[[sources]]
id = "src"
outlet = "Outlet"
kind = "news"
excerpt = "ends in 2026"
"""

CLAIM = """
[[claims]]
id = "{id}"
subject = "mission"
property = "end"
value = {{ date = "2026" }}
phrase = "in 2026"
source = "{source}"
quote = "ends in 2026"
"""


def write(tmp_path: Path, text: str | bytes, name: str = "story.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(StoryLoadError) as info:
        load_story(path)
    problems = info.value.problems
    assert problems, "a StoryLoadError always carries at least one problem"
    assert str(info.value) == "\n".join(str(p) for p in problems)
    return problems


def test_valid_story_loads(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + SOURCE + CLAIM.format(id="c", source="src"))
    loaded = load_story(path)
    assert loaded.model.claims[0].id == "c"
    assert loaded.path == path and loaded.base_dir == tmp_path


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + SOURCE + '\n[[claims]]\nid = "c"\nsubject = \n')
    (problem,) = problems_of(path)
    assert problem.line == 15 and problem.column == 11
    assert str(problem).startswith(f"{path}:15:11: TOML syntax error: ")


def test_unterminated_string_at_end_of_document(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + 'note = """never closed\n')
    (problem,) = problems_of(path)
    assert problem.line is not None and "TOML syntax error" in problem.message


def test_schema_error_names_table_id_field_value_and_line(tmp_path: Path) -> None:
    text = HEADER + SOURCE.replace('kind = "news"', 'kind = "blog"')
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.line == 7  # the [[sources]] header
    assert "[[sources]] id 'src' field 'kind'" in problem.message
    assert "'blog'" in problem.message


def test_schema_error_in_claim_value_drops_union_tag(tmp_path: Path) -> None:
    text = HEADER + SOURCE + CLAIM.format(id="c", source="src").replace('"2026"', '"twenty"')
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.line == 13  # the [[claims]] header
    assert "[[claims]] id 'c' field 'value.date'" in problem.message and "'twenty'" in problem.message


def test_missing_and_unknown_fields(tmp_path: Path) -> None:
    text = HEADER + SOURCE.replace('outlet = "Outlet"\n', 'outlt = "Outlet"\n')
    problems = problems_of(write(tmp_path, text))
    messages = sorted(p.message for p in problems)
    assert messages == [
        "[[sources]] id 'src' has unknown field 'outlt' (did you mean 'outlet'?)",
        "[[sources]] id 'src' is missing required field 'outlet'",
    ]
    assert {p.line for p in problems} == {7}


def test_story_table_error_points_at_story_header(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, "\n\n" + HEADER.replace('"2024-09-27"', '"soon"')))
    assert problem.line == 3 and "[story] field 'as_of'" in problem.message


def test_dangling_reference_names_both_ends_with_line(tmp_path: Path) -> None:
    text = HEADER + SOURCE + CLAIM.format(id="c", source="ghost")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.line == 13
    assert problem.message == (
        "[[claims]] 'c' field 'source' names 'ghost', which is not an id in [[sources]]"
    )


def test_duplicate_id_has_the_second_items_line(tmp_path: Path) -> None:
    text = HEADER + SOURCE + CLAIM.format(id="c", source="src") + CLAIM.format(id="c", source="src")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.line == 22 and "duplicate id 'c' in [[claims]]" in problem.message


def test_all_problems_of_a_file_in_one_run(tmp_path: Path) -> None:
    text = (
        HEADER
        + SOURCE.replace('kind = "news"', 'kind = "blog"\npublished = "next year"')
        + CLAIM.format(id="c", source="src").replace(
            'date = "2026"', "amount = 3, low = 5, high = 1, unit = 'x'"
        )
    )
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (7, "[[sources]] id 'src' field 'kind'"),
        (7, "[[sources]] id 'src' field 'published'"),
        (14, "[[claims]] id 'c' field 'value'"),
    ]
    assert "low (5) is greater than high (1)" in problems[2].message


def test_all_reference_problems_in_one_run(tmp_path: Path) -> None:
    text = HEADER + SOURCE + CLAIM.format(id="a", source="x1") + CLAIM.format(id="b", source="x2")
    problems = problems_of(write(tmp_path, text))
    assert [(p.line, "'x1'" in p.message, "'x2'" in p.message) for p in problems] == [
        (13, True, False),
        (22, False, True),
    ]


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    (problem,) = problems_of(write(tmp_path, text))
    assert "[story]" in problem.message and "missing" in problem.message


def test_non_utf8_file_names_byte_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER.encode() + b'note = "caf\xe9"\n')
    (problem,) = problems_of(path)
    assert problem.message == "is not UTF-8 text (byte 0xe9)" and problem.line == 6


def test_binary_file(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert problem.message == "is a binary file, not a TOML story"


def test_directory(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path)
    assert problem.message == "is a directory, not a story file" and problem.file == str(tmp_path)


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nope.toml")
    assert problem.message == "no such file" and str(problem) == f"{tmp_path / 'nope.toml'}: no such file"


def test_file_too_large_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(MAX_FILE_BYTES + 1)
    (problem,) = problems_of(path)
    assert f"story files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MiB" in problem.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER)
    path.chmod(0)
    try:
        (problem,) = problems_of(path)
    finally:
        path.chmod(0o644)
    assert problem.message.startswith("cannot read")


def test_loads_story_without_a_file() -> None:
    with pytest.raises(StoryLoadError) as info:
        loads_story(HEADER + "[[sources]]\nid = 'Bad Id'\n", file="<mem>")
    assert all(p.file == "<mem>" for p in info.value.problems)
    assert any("field 'id'" in p.message for p in info.value.problems)


def test_problem_formats_without_line_or_column() -> None:
    assert str(Problem("f", "m")) == "f: m"
    assert str(Problem("f", "m", 3)) == "f:3: m"
    assert str(Problem("f", "m", 3, 4)) == "f:3:4: m"


def test_fast_and_standard_toml_parsers_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """rtoml (when installed) and tomllib must give the same data; errors always come from tomllib."""
    import tomllib

    from mission_tui.story import loader
    from mission_tui.story.bundled import bundled_story_path

    text = bundled_story_path().read_text(encoding="utf-8")
    fast = loader.parse_toml(text, "story.toml")
    monkeypatch.setattr(loader, "_rtoml", None)
    assert loader.parse_toml(text, "story.toml") == fast == tomllib.loads(text)
    with pytest.raises(StoryLoadError) as caught:
        loader.parse_toml("[story\n", "bad.toml")
    assert str(caught.value.problems[0]).startswith("bad.toml:1:7: TOML syntax error")


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_restores_the_garbage_collector_state(enabled: bool) -> None:
    """The loader pauses gc while building objects; the caller's setting must survive, even on error."""
    import gc

    from mission_tui.story.bundled import bundled_story_path

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load_story(bundled_story_path())
        assert gc.isenabled() is enabled
        with pytest.raises(StoryLoadError):
            loads_story('[story]\nid = "Bad Id"\n')
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
