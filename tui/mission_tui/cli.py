"""The `mission-tui` command: the explorer, plus `check`, `export` and `schema`.

Human output goes through Rich, but story text is always a `rich.text.Text` with control characters
removed, so a story can neither inject Rich markup nor terminal escapes. Problems go to stderr as plain
`file:line:col: message` lines. Textual is imported only when the explorer starts, so `check` is fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .story.bundled import bundled_story_path
from .story.conflicts import detect_conflicts
from .story.dates import describe_date
from .story.export import FORMATS, describe_value, dumps_json, to_json, to_markdown, to_timelinejs
from .story.loader import LoadedStory, Problem, StoryLoadError, load_story
from .story.models import StoryFile
from .story.sanitize import clean_line, clean_text
from .story.verify import verify_quotes

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

COMMANDS = ("check", "export", "schema", "explore")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UserError(Exception):
    """A problem the user can fix (bad output path, refusing to overwrite); printed, exit 2."""


def _console() -> Console:
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, markup=False, emoji=False)


def _safe_text(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(clean_line(text), style=style)


def _report(problems: Sequence[Problem]) -> None:
    """One plain line per problem on stderr; control characters removed from paths and messages."""
    for problem in problems:
        print(clean_text(str(problem)).replace("\n", " "), file=sys.stderr)


def _load_valid(
    path: Path, *, quotes_must_verify: bool = True, verify: bool = True
) -> tuple[LoadedStory | None, int]:
    """Load a story and verify its quotes; report every problem, return (story or None, problem count).

    A quote that cannot be found in its source makes `check` fail, but it is a finding about the
    story, not a broken file: `export` still writes it, after warning on stderr. `verify=False`
    leaves the quotes to the caller: the explorer checks them after its first frame and flags them.
    """
    try:
        loaded = load_story(path)
    except StoryLoadError as exc:
        _report(exc.problems)
        return None, len(exc.problems)
    if not verify:
        return loaded, 0
    problems = verify_quotes(loaded)
    if problems:
        _report(problems)
        if quotes_must_verify:
            return None, len(problems)
    return loaded, 0


def _counts(story: StoryFile) -> str:
    parts = [
        (len(story.sources), "source"),
        (len(story.events), "event"),
        (len(story.key_points), "key point"),
        (len(story.claims), "claim"),
        (len(story.conflicts), "curated conflict"),
    ]
    return " · ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


def _print_check(console: Console, path: Path, loaded: LoadedStory) -> None:
    from rich.text import Text

    story = loaded.model
    groups = detect_conflicts(story)
    claims = {claim.id: claim for claim in story.claims}
    outlets = {source.id: source.outlet for source in story.sources}
    console.print(
        Text.assemble(("✓ ", "bold green"), (clean_line(str(path)), "bold"), " is valid"), soft_wrap=True
    )
    console.print(Text.assemble("  ", (clean_line(story.story.title), "bold")))
    console.print(Text("  " + _counts(story)))
    label = "conflict" if len(groups) == 1 else "conflicts"
    console.print(Text(f"  {len(groups)} {label} found", style="bold" if groups else ""))
    for group in groups:
        title = Text.assemble((clean_line(group.title), "bold"), " — ", (group.status.value, "yellow"))
        _print_hanging(console, Text("  • ") + title, 4)
        for claim_id in group.claims:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            line = Text.assemble(
                "    “", clean_line(claim.phrase), "” → ", (clean_line(describe_value(claim)), "cyan"),
                " — ", clean_line(outlets.get(claim.source, claim.source)), (f" [{claim.id}]", "dim"),
            )
            _print_hanging(console, line, 6)


def _print_hanging(console: Console, text: Text, indent: int) -> None:
    """Print text wrapped to the console, continuation lines indented (no trailing padding)."""
    from rich.text import Text

    width = max(20, console.width)
    first, *more = text.wrap(console, width) or [Text()]
    console.print(first, soft_wrap=True)
    if more:
        for line in Text(" ").join(more).wrap(console, max(10, width - indent)):
            console.print(Text(" " * indent) + line, soft_wrap=True)


def cmd_check(args: argparse.Namespace) -> int:
    console = _console()
    paths = [Path(p) for p in args.files] or [bundled_story_path()]
    ok = True
    for path in paths:
        loaded, count = _load_valid(path)
        if loaded is None:
            ok = False
            label = "problem" if count == 1 else "problems"
            failed = _safe_text(f"✗ {path}: {count} {label} (listed on stderr)", "bold red")
            console.print(failed, soft_wrap=True)
            continue
        _print_check(console, path, loaded)
    return 0 if ok else 2


def _write_stdout(text: str) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)


def check_output(out: Path, force: bool) -> Path:
    """Refuse a directory, an existing file without --force, or a missing directory; return the dir."""
    if out.is_dir():
        raise UserError(f"{out}: is a directory")
    if out.exists() and not force:
        raise UserError(f"{out}: already exists (use --force to overwrite)")
    directory = out.parent
    if not directory.is_dir():
        raise UserError(f"{out}: directory {directory} does not exist")
    return directory


def write_atomic(out: Path, text: str, force: bool) -> None:
    """Write via a temp file in the same directory and os.replace, so readers never see half a file."""
    directory = check_output(out, force)
    umask = os.umask(0)
    os.umask(umask)
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from None


def render_export(loaded: LoadedStory, fmt: str) -> str:
    """The export text for one format (what `export` writes, byte for byte)."""
    story = loaded.model
    if fmt == "json":
        return to_json(story)
    if fmt == "markdown":
        return to_markdown(story, detect_conflicts(story))
    return dumps_json(to_timelinejs(story))


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output and args.output != "-" else None
    if out is not None:
        check_output(out, args.force)  # before the work, so a refusal is quick
    loaded, _ = _load_valid(Path(args.file) if args.file else bundled_story_path(), quotes_must_verify=False)
    if loaded is None:
        return 2
    text = render_export(loaded, args.format)
    if out is None:
        _write_stdout(text)
    else:
        write_atomic(out, text, args.force)
    return 0


def story_schema() -> dict[str, object]:
    """The story file's JSON Schema, with $schema and a title, for editors and validators."""
    schema = StoryFile.model_json_schema()
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mission-tui story file",
        **schema,
    }


def cmd_schema(args: argparse.Namespace) -> int:
    _write_stdout(json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _print_fallback(loaded: LoadedStory) -> None:
    """Used only while the explorer (mission_tui.app) is not built: show the story's summary."""
    from rich.text import Text

    console = _console()
    head = loaded.model.story
    console.print(Text(clean_line(head.title), style="bold"))
    console.print(Text(f"As of {describe_date(head.as_of)} · {_counts(loaded.model)}", style="dim"))
    console.print(Text(clean_text(head.summary).strip()))
    console.print(Text("The explorer is not built yet; `mission-tui check` validates the story.", "yellow"))


def cmd_explore(args: argparse.Namespace) -> int:
    # The explorer checks quotes itself, after its first frame: a misquote only adds a warning.
    loaded, _ = _load_valid(Path(args.file) if args.file else bundled_story_path(), verify=False)
    if loaded is None:
        return 2
    try:
        from .app import make_app
    except ImportError as exc:
        if exc.name != f"{__package__}.app":
            raise
        _print_fallback(loaded)
        return 0
    from .terminal import run_app

    # run_app, not app.run(): SIGTERM/SIGHUP/SIGINT become a clean exit that restores the terminal,
    # and the status says how it ended (0 quit, 1 error, 128 + signal number).
    app = make_app(loaded, today=args.today or date.today(), quote_problems=None)  # not checked yet
    app.release_heap_on_exit = False  # the process ends with the app
    return run_app(app)


def _day(text: str) -> date:
    if not _ISO_DAY.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date: {exc}") from None


class _VersionAction(argparse.Action):
    """argparse's "version" action needs the string when the parser is built; reading it from the
    installed metadata costs ~12 ms of every start-up, so it is read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from . import __version__

        print(f"mission-tui {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-tui",
        description="A terminal explorer for news narratives: timeline, key points, sources and "
        "conflicting claims.",
        epilog="`mission-tui [FILE]` opens the explorer on FILE (default: the bundled story); "
        "use `mission-tui explore FILE` for a file named like a command.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    explore = sub.add_parser("explore", help="open the explorer (the default command)")
    explore.add_argument("file", nargs="?", metavar="FILE", help="story file (default: bundled story)")
    explore.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="the date to treat as today")
    explore.set_defaults(handler=cmd_explore)

    check = sub.add_parser("check", help="validate story files, verify quotes, list conflicts")
    check.add_argument("files", nargs="*", metavar="FILE", help="story files (default: bundled story)")
    check.set_defaults(handler=cmd_check)

    export = sub.add_parser("export", help="export a story as JSON, Markdown or TimelineJS JSON")
    export.add_argument("file", nargs="?", metavar="FILE", help="story file (default: bundled story)")
    export.add_argument("-f", "--format", choices=FORMATS, required=True, help="output format")
    export.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    export.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    export.set_defaults(handler=cmd_export)

    schema = sub.add_parser("schema", help="print the story file's JSON Schema")
    schema.set_defaults(handler=cmd_schema)
    return parser


def route(argv: Sequence[str]) -> list[str]:
    """`mission-tui` and `mission-tui FILE [--today D]` mean `explore`; commands pass through."""
    args = list(argv)
    if not args:
        return ["explore"]
    if args[0] in COMMANDS or args[0] in ("-h", "--help", "--version"):
        return args
    return ["explore", *args]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 invalid input or usage, 130 ^C)."""
    parser = build_parser()
    try:
        args = parser.parse_args(route(sys.argv[1:] if argv is None else argv))
        return int(args.handler(args))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except UserError as exc:
        print(f"mission-tui: {clean_text(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mission-tui export ... | head`: the reader left; say nothing, and stop Python's own complaint.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
