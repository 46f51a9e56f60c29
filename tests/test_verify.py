"""Quote verification: found, not found, whitespace, exact characters, unreadable and unverifiable sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mission_tui.story import verify as verify_module
from mission_tui.story.loader import LoadedStory, load_story, loads_story
from mission_tui.story.verify import normalize_space, verify_quotes

DOCUMENT = "The U.S. military’s decade-long mission\nwill   wind down over the next year.\n"

HEADER = """\
[story]
id = "s"
title = "T"
summary = "S"
as_of = "2024"
"""


def source(sid: str, **fields: str) -> str:
    lines = [f'[[sources]]\nid = "{sid}"\noutlet = "O"\nkind = "news"']
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def claim(cid: str, src: str, quote: str) -> str:
    return (
        f'[[claims]]\nid = "{cid}"\nsubject = "m"\nproperty = "p"\nvalue = {{ text = "x" }}\n'
        f'phrase = "x"\nsource = "{src}"\nquote = """{quote}"""\n'
    )


def write_story(tmp_path: Path, *parts: str, document: str | None = DOCUMENT) -> LoadedStory:
    if document is not None:
        (tmp_path / "doc.txt").write_text(document, encoding="utf-8")
    path = tmp_path / "story.toml"
    path.write_text(HEADER + "\n".join(parts), encoding="utf-8")
    return load_story(path)


def header_line(path: Path, nth: int, table: str = "claims") -> int:
    """Line (1-based) of the nth `[[table]]` header, counted independently of the loader."""
    numbers = [i for i, line in enumerate(path.read_text().splitlines(), 1) if line == f"[[{table}]]"]
    return numbers[nth]


def test_normalize_space() -> None:
    assert normalize_space("  a\n\tb   c \u00a0d ") == "a b c d"


def test_quote_found_in_document(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path, source("a", document="doc.txt"), claim("c1", "a", "decade-long mission")
    )
    assert verify_quotes(loaded) == []


def test_quote_found_in_excerpt_and_headline(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", excerpt="Troops will stay.", headline="Pentagon to slash presence"),
        claim("c1", "a", "will stay"),
        claim("c2", "a", "to slash"),
        document=None,
    )
    assert verify_quotes(loaded) == []


def test_quote_not_found_names_claim_source_quote_and_line(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt"),
        claim("c1", "a", "decade-long mission"),
        claim("c2", "a", "will end by the end of 2026"),
    )
    problems = verify_quotes(loaded)
    assert len(problems) == 1
    problem = problems[0]
    assert "'c2'" in problem.message and "'a'" in problem.message
    assert "will end by the end of 2026" in problem.message
    assert problem.file == str(loaded.path)
    assert problem.line == header_line(tmp_path / "story.toml", 1)
    assert str(problem).startswith(f"{loaded.path}:{problem.line}: ")


def test_long_quote_is_shortened_in_message(tmp_path: Path) -> None:
    long_quote = "not in the document " * 20
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", long_quote))
    (problem,) = verify_quotes(loaded)
    assert "…" in problem.message
    assert len(problem.message) < len(long_quote)


def test_whitespace_is_normalized_on_both_sides(tmp_path: Path) -> None:
    # The document has a newline and a run of spaces; the quote has a tab and a newline elsewhere.
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt"),
        claim("c1", "a", "decade-long\tmission will wind\n down  over the next year"),
    )
    assert verify_quotes(loaded) == []


def test_whitespace_is_not_ignored_altogether(tmp_path: Path) -> None:
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", "decade-longmission"))
    assert len(verify_quotes(loaded)) == 1


def test_curly_quotes_must_match_exactly(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt"),
        claim("straight", "a", "military's decade-long"),
        claim("curly", "a", "military’s decade-long"),
    )
    problems = verify_quotes(loaded)
    assert [p.line for p in problems] == [header_line(tmp_path / "story.toml", 0)]
    assert "'straight'" in problems[0].message


def test_case_must_match(tmp_path: Path) -> None:
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", "Decade-long mission"))
    assert len(verify_quotes(loaded)) == 1


def test_missing_document_is_one_problem_naming_the_path(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", document="missing.txt"),
        claim("c1", "a", "decade-long"),
        claim("c2", "a", "next year"),
        document=None,
    )
    problems = verify_quotes(loaded)
    # One message for the document, saying how many quotes it left unchecked; the claims are not
    # listed again one by one (a story with 20,000 claims on one missing file printed 20,000 lines).
    (problem,) = problems
    assert "missing.txt': no such file" in problem.message
    assert "(2 quotes could not be checked against it)" in problem.message
    assert problem.line == header_line(tmp_path / "story.toml", 0, "sources")


def test_missing_document_but_quote_in_excerpt(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", excerpt="decade-long", document="missing.txt"),
        claim("c1", "a", "decade-long"),
        document=None,
    )
    problems = verify_quotes(loaded)
    assert len(problems) == 1 and "missing.txt" in problems[0].message


def test_unverifiable_source(tmp_path: Path) -> None:
    loaded = write_story(tmp_path, source("bare"), claim("c1", "bare", "anything"), document=None)
    (problem,) = verify_quotes(loaded)
    assert "cannot be verified" in problem.message
    assert "source 'bare' has no excerpt, headline or document" in problem.message
    assert problem.line == header_line(tmp_path / "story.toml", 0)


def test_document_is_read_once_per_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = verify_module._read_document

    def counting(path: Path) -> verify_module._Document:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(verify_module, "_read_document", counting)
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt"),
        source("b", document="./doc.txt"),
        *(claim(f"c{i}", "a" if i % 2 else "b", "next year") for i in range(6)),
    )
    assert verify_quotes(loaded) == []
    assert len(calls) == 1
    verify_quotes(loaded)
    assert len(calls) == 2  # the cache is per call, not global


def test_oversized_document_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "MAX_DOCUMENT_BYTES", 10)
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", "decade-long"))
    problems = verify_quotes(loaded)
    (problem,) = problems
    assert "doc.txt': is too large: documents are limited to 10 bytes" in problem.message


def test_non_utf8_document(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 decade-long")
    loaded = write_story(tmp_path, source("a", document="bad.txt"), claim("c1", "a", "decade-long"))
    problems = verify_quotes(loaded)
    assert any("bad.txt" in p.message and "UTF-8" in p.message for p in problems)


def test_absolute_and_upward_document_paths(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(DOCUMENT, encoding="utf-8")
    story_dir = tmp_path / "stories" / "deep"
    story_dir.mkdir(parents=True)
    loaded = write_story(
        story_dir,
        source("abs", document=str(outside)),
        source("up", document="../../outside.txt"),
        claim("c1", "abs", "decade-long"),
        claim("c2", "up", "next year"),
        document=None,
    )
    assert verify_quotes(loaded) == []
    outside.unlink()
    (problem,) = verify_quotes(loaded)  # both name one file: it is reported once, by the first source
    assert "source 'abs'" in problem.message and "no such file (2 quotes could not" in problem.message


def test_story_without_file_cannot_resolve_relative_document() -> None:
    text = HEADER + source("a", document="doc.txt") + claim("c1", "a", "x")
    loaded = LoadedStory(model=loads_story(text), path=None)
    problems = verify_quotes(loaded)
    assert any("doc.txt" in p.message and "no base" in p.message for p in problems)
    assert all(p.line is None for p in problems)


# -- a quote not found: the nearest passage and what differs ------------------------------------------


@pytest.mark.parametrize(
    ("quote", "passage", "difference"),
    [
        ("The U.S. military's decade-long mission", "The U.S. military’s decade-long mission",
         "the quote has a straight apostrophe (') where the source has a curly apostrophe (’)"),
        ("the U.S. military’s decade-long mission", "The U.S. military’s decade-long mission",
         "capitals differ: the quote has “t”, the source “T”"),
        ("decade-long mission ... over the next year", "decade-long mission ... over the next year",
         "the quote skips words with “...”"),
        ("The US military’s decade-long mission will wind down", "The U.S. military’s decade-long mission "
         "will wind down", "the quote leaves out “.” after “U”"),
    ],
)  # fmt: skip
def test_a_quote_not_found_shows_the_nearest_passage_and_names_the_difference(
    tmp_path: Path, quote: str, passage: str, difference: str
) -> None:
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", quote))
    (problem,) = verify_quotes(loaded)
    assert f"nearest passage (document 'doc.txt'): “{passage}" in problem.message
    assert difference in problem.message
    assert "\n" not in problem.message


def test_a_quote_that_runs_past_a_cut_excerpt_says_where_the_source_stops(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", excerpt="The mission will transition from an international..."),
        claim("c1", "a", "transition from an international coalition to a partnership"),
        document=None,
    )
    (problem,) = verify_quotes(loaded)
    assert "the source's text stops at “...” after “…transition from an international”" in problem.message


def test_a_quote_with_nothing_near_says_only_not_found(tmp_path: Path) -> None:
    loaded = write_story(tmp_path, source("a", document="doc.txt"), claim("c1", "a", "Something else."))
    (problem,) = verify_quotes(loaded)
    assert "not found in source 'a'" in problem.message and "nearest" not in problem.message


# -- an excerpt copied from a document must be in it ---------------------------------------------------


def test_an_excerpt_is_verified_against_its_document(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt", excerpt="The U.S. military's decade-long mission will wind down..."),
        claim("c1", "a", "decade-long mission"),
    )
    (problem,) = verify_quotes(loaded)
    assert problem.line == header_line(loaded.path, 0, "sources")  # type: ignore[arg-type]
    assert problem.message.startswith("source 'a': excerpt “The U.S. military's decade-long mission")
    assert "not found in its document 'doc.txt'" in problem.message
    assert "straight apostrophe (') where the source has a curly apostrophe (’)" in problem.message


def test_an_excerpt_cut_with_dots_at_either_end_is_found(tmp_path: Path) -> None:
    loaded = write_story(
        tmp_path,
        source("a", document="doc.txt", excerpt="…decade-long mission will wind down over the..."),
        claim("c1", "a", "decade-long mission"),
    )
    assert verify_quotes(loaded) == []
