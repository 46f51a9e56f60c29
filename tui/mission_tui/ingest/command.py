"""`mission-tui ingest DIGEST [-o OUT] [--year YYYY] [--force]`, and opening a digest in the explorer.

Registered from cli.py with a few lines; everything about its arguments lives here. Heavy modules are
imported when the command runs, so other commands do not pay for the extractor's patterns.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..story.loader import LoadedStory
    from .draft import Draft

_SNIFF_BYTES = 64 * 1024


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 9999):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year in the form YYYY")
    return int(text)


def add_year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        type=_year,
        metavar="YYYY",
        help="for a digest: the year of article dates printed without one (e.g. 'Sep. 27'); "
        "stored as uncertain (2024?-09-27)",
    )


def register(sub: Any) -> None:
    """Add the `ingest` command to cli.py's subcommands."""
    ingest = sub.add_parser(
        "ingest",
        help="turn a news digest (text) into a draft story file",
        description="Read a news digest (a Summary, key points, a Conclusion and its articles' lines) and "
        "write a draft story: every dated or quantified statement becomes a claim quoting the digest "
        "verbatim. The draft is unreviewed: check it with `mission-tui check OUT`.",
    )
    ingest.add_argument("digest", metavar="DIGEST", help="the digest, a UTF-8 text file")
    ingest.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="story file to write (default: DIGEST with the suffix .toml; - for stdout)",
    )
    add_year_option(ingest)
    ingest.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    ingest.set_defaults(handler=cmd_ingest)


def _relative_document(digest: Path, story_dir: Path) -> str:
    """The digest's path as the story file will name it: relative to the story's directory."""
    return Path(os.path.relpath(digest.resolve(), story_dir.resolve())).as_posix()


def make_draft(digest: Path, story_dir: Path, year: int | None) -> Draft:
    """Read and ingest a digest; raises DigestError (with file:line problems) when it is not one."""
    from .draft import build_draft
    from .structure import DigestError, looks_like_toml, read_digest

    text = read_digest(digest)
    if looks_like_toml(text):
        from ..story.loader import Problem

        raise DigestError(
            [
                Problem(
                    str(digest),
                    "looks like a story file (TOML), not a digest: open it with "
                    "`mission-tui FILE` or check it with `mission-tui check FILE`",
                )
            ]
        )
    return build_draft(text, str(digest), _relative_document(digest, story_dir), year)


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..cli_output import UserError, export_target, report_problems, write_atomic, write_stdout
    from ..story.loader import LoadedStory, StoryLoadError, loads_story
    from ..story.verify import verify_quotes
    from .structure import DigestError
    from .writer import to_toml

    digest = Path(args.digest)
    to_stdout = args.output == "-"
    out = Path(args.output) if args.output and not to_stdout else digest.with_suffix(".toml")
    if not to_stdout:
        if out.resolve() == digest.resolve():
            raise UserError(f"{out}: is the digest itself; name another output with -o")
        export_target(out, args.force)  # before the work, so a refusal is quick
    try:
        draft = make_draft(digest, Path.cwd() if to_stdout else out.parent, args.year)
    except DigestError as exc:
        report_problems(exc.problems)
        return 2
    text = to_toml(draft.data, digest.as_posix())
    shown = "<stdout>" if to_stdout else str(out)
    try:  # never write a draft that `check` would reject
        loaded = LoadedStory(loads_story(text, shown), path=Path.cwd() / "-" if to_stdout else out)
    except StoryLoadError as exc:
        report_problems(exc.problems)
        return 2
    problems = verify_quotes(loaded)
    if problems:
        report_problems(problems)
        return 2
    if to_stdout:
        write_stdout(text)
    else:
        write_atomic(out, text, args.force)
    _summarize(shown, loaded, draft, args.year)
    return 0


def _summarize(shown: str, loaded: LoadedStory, draft: Draft, year: int | None) -> None:
    from ..story.conflicts import detect_conflicts

    model = loaded.model
    conflicts = detect_conflicts(model)
    counts = (
        f"{len(model.sources)} sources · {len(model.events)} events · {len(model.key_points)} key points · "
        f"{len(model.claims)} claims · {len(conflicts)} conflict{'' if len(conflicts) == 1 else 's'} found"
    )
    lines = [f"mission-tui: wrote an unreviewed draft to {shown}: {counts}"]
    lines += [f"mission-tui: warning: {warning}" for warning in draft.warnings]
    if shown != "<stdout>":
        lines.append(f"mission-tui: review it: `mission-tui check {shown}`, then `mission-tui {shown}`")
    from ..story.sanitize import clean_text

    for line in lines:
        print(clean_text(line), file=sys.stderr)


def is_digest(path: Path) -> bool:
    """Whether `mission-tui FILE` should ingest FILE rather than load it as a story: a file that does
    not end in .toml or .json and whose first meaningful line is neither TOML (`key = value`,
    `[table]`) nor the start of a JSON story (`{`)."""
    if path.suffix.lower() in (".toml", ".json") or not path.is_file():
        return False
    from ..story.files import FileReadError, read_head
    from .structure import looks_like_toml

    try:
        head = read_head(path, _SNIFF_BYTES, "digest")
    except FileReadError:
        return False
    text = head.decode("utf-8", errors="replace")
    return not (looks_like_toml(text) or text.lstrip("\ufeff \t\r\n").startswith("{"))


def open_digest(path: Path, year: int | None) -> LoadedStory | None:
    """A digest ingested in memory for the explorer (flagged as a draft), or None after reporting why not."""
    from pydantic import ValidationError

    from ..cli_output import report_problems
    from ..story.loader import LoadedStory, Problem
    from ..story.models import StoryFile
    from .structure import DigestError

    try:
        draft = make_draft(path, path.parent, year)
        model = StoryFile.model_validate(draft.data)
    except DigestError as exc:
        report_problems(exc.problems)
        return None
    except ValidationError as exc:  # a bug in the extractor, not in the digest: say so plainly
        report_problems(
            [
                Problem(
                    str(path),
                    f"the draft made from this digest is invalid ({exc.error_count()} "
                    "problems); please report it",
                )
            ]
        )
        return None
    return LoadedStory(model=model, path=path, draft=f"unreviewed draft ingested from {path.name}")


def mark_draft(loaded: LoadedStory) -> LoadedStory:
    """The story, marked as an unreviewed draft if its file still begins with the draft comment."""
    from ..story.files import FileReadError, read_head
    from .writer import DRAFT_MARK

    if loaded.path is None:
        return loaded
    try:
        first = read_head(loaded.path, len(DRAFT_MARK.encode("utf-8")), "story file")
    except FileReadError:
        return loaded
    if not first.decode("utf-8", errors="replace").startswith(DRAFT_MARK):
        return loaded
    return replace(loaded, draft=f"unreviewed draft ({loaded.path.name} still begins with the draft comment)")
