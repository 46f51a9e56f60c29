"""The sliced loader must give exactly what a whole-file parse gives, or step aside for it."""

from __future__ import annotations

import pytest

from generate import generate_story_text
from mission_tui.story import chunked, loader
from mission_tui.story.loader import StoryLoadError, loads_story, parse_toml, validate_data

PARSERS = {"tomllib": loader.tomllib.loads}
if loader._rtoml is not None:
    PARSERS["rtoml"] = loader._rtoml.loads


@pytest.fixture(autouse=True)
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of 7 items, so small stories take the sliced path across many slices."""
    monkeypatch.setattr(chunked, "ITEMS_PER_SLICE", 7)


def whole(text: str) -> object:
    return validate_data(parse_toml(text, "s.toml"), text, "s.toml")


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize("seed", [0, 1])
def test_sliced_equals_whole_on_generated_stories(parser: str, seed: int) -> None:
    text = generate_story_text(300, seed=seed)
    sliced = chunked.load_in_slices(text, PARSERS[parser])
    assert sliced is not None
    assert sliced == whole(text)
    assert len(sliced.claims) == 300


def test_files_with_no_more_items_than_one_slice_are_parsed_whole() -> None:
    assert chunked.load_in_slices(_story_items(count=7), loader.tomllib.loads) is None
    assert chunked.load_in_slices(_story_items(count=8), loader.tomllib.loads) is not None


def _story_items(extra: str = "", count: int = 20) -> str:
    head = '[story]\nid = "s"\ntitle = "T"\nsummary = "S"\nas_of = "2024"\n' + extra
    sources = "".join(f'\n[[sources]]\nid = "s{i}"\noutlet = "O{i}"\nkind = "news"\n' for i in range(count))
    return head + sources


def test_story_table_after_the_items_is_kept() -> None:
    text = _story_items().replace('[story]\nid = "s"\ntitle = "T"\nsummary = "S"\nas_of = "2024"\n', "")
    text += '\n[story]\nid = "late"\ntitle = "T"\nsummary = "S"\nas_of = "2024"\n'
    sliced = chunked.load_in_slices(text, loader.tomllib.loads)
    assert sliced is not None and sliced.story.id == "late"
    assert sliced == whole(text)


def test_a_header_inside_a_multiline_string_falls_back() -> None:
    trap = 'note = """\nnot an item:\n[[sources]]\nid = "fake"\n"""\n'
    text = _story_items(extra=trap)
    assert chunked.load_in_slices(text, loader.tomllib.loads) is None
    story = loads_story(text)
    assert story.story.note is not None and "[[sources]]" in story.story.note
    assert len(story.sources) == 20 and "fake" not in {s.id for s in story.sources}


def test_a_table_defined_twice_falls_back_to_the_whole_file_error() -> None:
    text = _story_items() + '\n[story]\nid = "again"\n'
    assert chunked.load_in_slices(text, loader.tomllib.loads) is None
    with pytest.raises(StoryLoadError, match="TOML syntax error"):
        loads_story(text)


def test_an_inline_table_array_plus_headers_falls_back() -> None:
    text = 'sources = [{ id = "x", outlet = "X", kind = "news" }]\n' + _story_items()
    assert chunked.load_in_slices(text, loader.tomllib.loads) is None
    with pytest.raises(StoryLoadError, match="TOML syntax error"):
        loads_story(text)


def test_a_bad_item_in_a_late_slice_is_reported_with_its_line() -> None:
    head, _, last = _story_items(count=30).rpartition('kind = "news"')
    text = head + 'kind = "rumour"' + last  # the 30th item, in the last slice
    header_line = text.splitlines().index('id = "s29"')  # 0-based index of the line after it
    assert chunked.load_in_slices(text, loader.tomllib.loads) is None
    with pytest.raises(StoryLoadError) as caught:
        loads_story(text, "s.toml")
    [problem] = caught.value.problems
    assert problem.line == header_line and "'s29' field 'kind'" in problem.message


def test_dangling_reference_found_after_a_sliced_load() -> None:
    text = _story_items() + (
        '\n[[claims]]\nid = "c"\nsubject = "m"\nproperty = "p"\nvalue = { text = "x" }\n'
        'phrase = "x"\nsource = "nowhere"\nquote = "x"\n'
    )
    with pytest.raises(StoryLoadError, match="'nowhere', which is not an id in"):
        loads_story(text, "s.toml")


ANCHORED_HEADER = chunked.re.compile(
    r"^[ \t]*\[\[[ \t]*(" + "|".join(chunked.TABLES) + r")[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$",
    chunked.re.MULTILINE,
)
HEADER_LINES = [
    "[[claims]]", "  [[claims]]", "\t[[ events ]] # note", "x = 1 [[claims]]", "# [[claims]]",
    "[[claims]]x", '"[[claims]]"', "[[claims]]\r", " \t [[key_points]]  ", "[[claim]]", "",
    "[[sources]] [[claims]]", "a\r[[claims]]",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
def test_headers_are_the_lines_an_anchored_pattern_finds(seed: int) -> None:
    """`_headers` scans from the brackets for speed; it must keep exactly the anchored matches."""
    import random

    rng = random.Random(seed)
    text = "\n".join(rng.choice(HEADER_LINES) for _ in range(60))
    expected = [(m.group(1), m.group(0).lstrip(" \t")) for m in ANCHORED_HEADER.finditer(text)]
    starts, tables = chunked._headers(text)
    found = [(table, text[start : text.find("\n", start) if "\n" in text[start:] else len(text)])
             for start, table in zip(starts, tables, strict=True)]  # fmt: skip
    assert found == expected
    assert expected  # the random lines include real headers
