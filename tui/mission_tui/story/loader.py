"""Loading a story file: TOML in, a validated StoryFile out, or every problem with its line.

Nothing here raises a traceback at the user: all failures become `StoryLoadError`, a list of
`Problem`s that say file:line:column and what is wrong in words an author can act on.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .bundled import bundled_story_path
from .chunked import load_in_slices
from .derived import DERIVED_KEY, Derived
from .files import FileReadError, decode_utf8, document_path, is_outside, read_capped, real_location
from .heap import freeze_heap, gc_paused
from .models import SLUG_PATTERN, TABLES, ReferenceProblem, StoryFile, reference_problems
from .suggest import date_literal_hint, quoting_hint, suggest_field

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

_rtoml: ModuleType | None
try:  # a dependency, but a wheel may be missing for a platform: tomllib then parses everything
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - depends on the install
    _rtoml = None

MAX_FILE_BYTES = 32 * 1024 * 1024  # ~150k claims; a larger file is a mistake or an attack
_TOML_POS = re.compile(r"^(?P<msg>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*) \(at end of document\)$")
_VALUE_TAGS = ("date", "quantity", "text")
# BaseModels report an unknown field as extra_forbidden, pydantic dataclasses (story items) like this.
_NOT_A_TABLE = ("dict_type", "model_type", "dataclass_type", "model_attributes_type")
UNKNOWN_FIELD_ERRORS = ("extra_forbidden", "unexpected_keyword_argument")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file, located as precisely as the format allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class StoryLoadError(Exception):
    """A story file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadedStory:
    """A validated story and where it came from (quotes are verified relative to `path`; checking
    them returns what was found, see verify.py, and leaves the story as it was)."""

    model: StoryFile
    path: Path | None
    warnings: tuple[Problem, ...] = ()
    """Things the reader must be told that do not make the story invalid (a document read from
    outside the story's folder); `check` prints them, the explorer shows them."""
    draft: str | None = None
    """Set when the story is an unreviewed draft (ingested from a digest): says so, for the reader."""

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path else None


def item_start_lines(text: str) -> dict[str, list[int]]:
    """Line (1-based) where each `[[table]]` item starts, per table, in file order.

    TOML parsers keep no positions, so the array-of-tables headers are found by a line scan; an item
    written as an inline table has no header and gets no line.
    """
    lines: dict[str, list[int]] = {table: [] for table in TABLES}
    header = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_\-]+)\s*\]\]")
    story = re.compile(r"^\s*\[\s*story\s*\]")
    # Lines end at "\n" only, as TOML's do: str.splitlines also breaks at U+2028, U+0085, \f ...,
    # which may sit inside a string and would shift every line number after them.
    for number, line in enumerate(text.split("\n"), start=1):
        match = header.match(line)
        if match and match.group(1) in lines:
            lines[match.group(1)].append(number)
        elif story.match(line):
            lines.setdefault("story", []).append(number)
    return lines


def _describe_value(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _schema_problems(
    exc: ValidationError, data: dict[str, Any], starts: dict[str, list[int]], file: str
) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = list(error["loc"])
        line: int | None = None
        where = ""
        if loc and loc[0] in TABLES and len(loc) > 1 and isinstance(loc[1], int):
            table, index = loc[0], loc[1]
            items = data.get(table) or []
            item = items[index] if index < len(items) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            table_lines = starts.get(table, [])
            line = table_lines[index] if index < len(table_lines) else None
            label = f"id {item_id!r}" if isinstance(item_id, str) else f"item {index + 1}"
            where = f"[[{table}]] {label}"
            rest = loc[2:]
            if len(rest) > 1 and rest[0] == "value" and rest[1] in _VALUE_TAGS:
                rest = [rest[0], *rest[2:]]  # drop the union's tag: value.date.date -> value.date
            field_path = ".".join(str(part) for part in rest)
        elif loc and loc[0] == "story":
            story_lines = starts.get("story", [])
            line = story_lines[0] if story_lines else None
            where = "[story]"
            field_path = ".".join(str(part) for part in loc[1:])
        else:
            field_path = ".".join(str(part) for part in loc)
        message = _clean_message(error)
        if error["type"] == "missing" and not field_path:
            text = f"missing the required [{loc[0]}] table" if loc else "missing a required table"
        elif error["type"] == "missing":
            text = f"{where} is missing required field {field_path!r}".strip()
        elif error["type"] in UNKNOWN_FIELD_ERRORS and not where:
            text = f"unknown top-level key {field_path!r} ({_did_you_mean('', field_path)})"
        elif error["type"] in UNKNOWN_FIELD_ERRORS:
            table = "story" if loc[0] == "story" else str(loc[0])
            text = f"{where} has unknown field {field_path!r} ({_did_you_mean(table, field_path)})".strip()
        elif hint := _literal_hint(error, field_path):
            text = f"{where} field {field_path!r}: {hint}".strip()
        else:
            shown = _describe_value(error.get("input"))
            value = f" (got {shown})" if "input" in error and shown not in message else ""
            prefix = f"{where} field {field_path!r}" if field_path else where or "story file"
            text = f"{prefix}: {message}{value}".strip()
        problems.append(Problem(file, text, line))
    return problems


def _did_you_mean(table: str, field_path: str) -> str:
    """'did you mean 'published'?' for an unknown field, from suggest.py; else the fields expected."""
    *parents, name = field_path.split(".")
    meant = suggest_field(table, name, in_value=parents == ["value"])
    if meant is not None:
        return f"did you mean {'.'.join([*parents, meant])!r}?"
    return "misspelt? expected story, sources, events, ..." if not table else "misspelt?"


def _literal_hint(error: ErrorDetails, field_path: str) -> str | None:
    """How to write a TOML date literal or a quoted number the loader does not convert."""
    value = error.get("input")
    return date_literal_hint(field_path, value) or quoting_hint(error["type"], field_path, value)


def _clean_message(error: ErrorDetails) -> str:
    if error["type"] == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        return "ids and references are lower-case slugs: letters and digits joined by - _ . (e.g. 'the-hill')"
    if error["type"] in _NOT_A_TABLE:
        return "must be a table, e.g. [story] or { date = \"2025-09\" }"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a located Problem.

    rtoml (Rust, a dependency) parses large stories ~4x faster than tomllib. Any file it
    rejects is parsed again by tomllib, so what the user sees for a bad file, and which files are
    accepted, is decided by the standard-library parser.
    """
    if _rtoml is not None:
        try:
            parsed: dict[str, Any] = _rtoml.loads(text)
            return parsed
        except Exception:  # rtoml's errors carry no structured position: let tomllib explain
            pass
    try:
        return tomllib.loads(text)  # type: ignore[no-any-return]  # tomli (3.10) ships no annotations
    except RecursionError:
        raise StoryLoadError([Problem(file, "TOML nesting is too deep to be a story file")]) from None
    except tomllib.TOMLDecodeError as exc:
        raw = str(exc)
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        match = _TOML_POS.match(raw)
        if match:
            raw = match.group("msg")
            line, column = int(match.group("line")), int(match.group("col"))
        elif (eof := _TOML_EOF.match(raw)) is not None:
            raw = eof.group("msg")
            line = text.count("\n") + 1
        raise StoryLoadError([Problem(file, f"TOML syntax error: {raw}", line, column)]) from None


def read_text(path: Path) -> str:
    """Read a story file as UTF-8 text, with a clear error for anything that is not one."""
    try:
        return decode_utf8(read_capped(path, MAX_FILE_BYTES, "story file"), "TOML story")
    except FileReadError as exc:
        raise StoryLoadError([Problem(str(path), exc.reason, exc.line)]) from None


def document_warnings(model: StoryFile, path: Path, text: str) -> list[Problem]:
    """A warning per document file outside the story file's folder (the first source naming it).

    Such a file is still read (a story may share a folder of sources), but a story that names
    `/etc/passwd` or `../../secret` must not have it read without the reader being told which file.
    The bundled story is ours: its folder is the package's (data/ and seeds/ side by side).
    """
    home = path.parent
    if real_location(path) == real_location(bundled_story_path()):
        home = home.parent
    outside: dict[Path, tuple[int, str, str]] = {}  # real path -> first source: index, id, document
    for index, source in enumerate(model.sources):
        where = document_path(path.parent, source.document) if source.document is not None else None
        if where is not None and is_outside(where, home):
            outside.setdefault(real_location(where) or where, (index, source.id, str(source.document)))
    if not outside:
        return []
    lines = item_start_lines(text).get("sources", [])
    aligned = len(lines) == len(model.sources)  # inline-table items have no header line
    return [
        Problem(
            str(path),
            f"warning: source {source_id!r}: document {document!r} is outside the story's folder "
            f"(it is {real})",
            lines[index] if aligned else None,
        )
        for real, (index, source_id, document) in outside.items()
    ]


def _line_of(starts: dict[str, list[int]], table: str, index: int) -> int | None:
    lines = starts.get(table, [])
    return lines[index] if index < len(lines) else None


def validate_data(data: dict[str, Any], text: str, file: str) -> StoryFile:
    """Validate parsed TOML; report schema problems first, then reference problems, with lines.

    Item start lines are found only when there is a problem to locate.
    """
    data, problems = _without_derived(data, file)
    try:
        with gc_paused():
            model = StoryFile.model_validate(data, context={"defer_references": True})
    except ValidationError as exc:
        problems += _schema_problems(exc, data, item_start_lines(text), file)
    if problems:
        raise StoryLoadError(problems)
    return check_references(model, text, file)


def _without_derived(data: dict[str, Any], file: str) -> tuple[dict[str, Any], list[Problem]]:
    """The story without the `derived` block a JSON export writes (conflicts, date bounds): it is
    checked against its schema, as the story schema checks it, then dropped, since it is recomputed."""
    if not isinstance(data, dict) or DERIVED_KEY not in data:
        return data, []
    data = dict(data)
    block = data.pop(DERIVED_KEY)
    try:
        Derived.model_validate(block)
    except ValidationError as exc:
        where = (".".join(map(str, [DERIVED_KEY, *e["loc"]])) for e in exc.errors(include_url=False))
        return data, [
            Problem(file, f"field {path!r}: {e['msg']}")
            for path, e in zip(where, exc.errors(include_url=False), strict=True)
        ]
    return data, []


def is_json(file: str) -> bool:
    """A story written as JSON (`.json`), as `export -f json` writes it; anything else is TOML."""
    return file.lower().endswith(".json")


def parse_json(text: str, file: str) -> dict[str, Any]:
    """Parse a JSON story (after its bytes are read), with the same care as TOML: a syntax error is
    located, a key given twice is an error (TOML has it so; json.loads keeps the last), and the
    non-JSON constants NaN and Infinity are refused."""

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            repeated = next(key for key in keys if keys.count(key) > 1)
            raise ValueError(f"key {repeated!r} is given twice in one object")
        return dict(pairs)

    def no_constant(name: str) -> None:
        raise ValueError(f"{name} is not a JSON number")

    try:
        data = json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        problem = Problem(file, f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno)
        raise StoryLoadError([problem]) from None
    except (ValueError, RecursionError) as exc:
        message = str(exc) if isinstance(exc, ValueError) else "nesting is too deep to be a story file"
        raise StoryLoadError([Problem(file, f"JSON: {message}")]) from None
    if not isinstance(data, dict):
        raise StoryLoadError([Problem(file, 'a JSON story is an object: {"format": 1, "story": {...}}', 1)])
    return data


def check_references(model: StoryFile, text: str, file: str) -> StoryFile:
    """Raise every duplicate id and dangling reference, located at its item's line."""
    references = list(reference_problems(model))
    if references:
        starts = item_start_lines(text)
        raise StoryLoadError([_reference_problem(p, starts, file) for p in references])
    return model


def _reference_problem(problem: ReferenceProblem, starts: dict[str, list[int]], file: str) -> Problem:
    """A reference problem at its item's line; a duplicate id also names the line of the first use."""
    message = problem.message
    if problem.first_index is not None:
        first = _line_of(starts, problem.table, problem.first_index)
        if first is not None:
            message = f"duplicate id {problem.item_id!r} in [[{problem.table}]] (first used at line {first})"
    return Problem(file, message, _line_of(starts, problem.table, problem.index))


def loads_story(text: str, file: str = "<story>") -> StoryFile:
    """Parse and validate story text (no file access: quotes are not checked against documents).

    Large stories go slice by slice (see chunked.py) so their parsed TOML is never all in memory;
    anything that path cannot vouch for is parsed whole, which also reports every error.
    """
    if is_json(file):
        return validate_data(parse_json(text, file), text, file)
    with gc_paused():
        model = load_in_slices(text, _rtoml.loads if _rtoml is not None else tomllib.loads)
        if model is not None:
            return check_references(model, text, file)
        data = parse_toml(text, file)
    return validate_data(data, text, file)


def load_story(path: str | Path) -> LoadedStory:
    """Load and validate a story file from disk.

    The story then lives as long as the process, so its objects are frozen out of the garbage
    collector's generations (see heap.py): otherwise every later full collection walks them all,
    which cost 0.5 s pauses mid-keypress and tripled conflict detection on a 100k-claim story.
    """
    path = Path(path)
    with gc_paused():
        text = read_text(path)
        model = loads_story(text, str(path))
        loaded = LoadedStory(model=model, path=path, warnings=tuple(document_warnings(model, path, text)))
        freeze_heap()  # before the collector is back on (heap.py)
    return loaded
