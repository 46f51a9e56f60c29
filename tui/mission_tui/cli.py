"""The `mission-tui` command: the explorer, plus `check`, `export` and `schema`.

Human output goes through Rich, but story text is always a `rich.text.Text` with control characters
removed, so a story can neither inject Rich markup nor terminal escapes. Problems go to stderr as plain
`file:line:col: message` lines. Textual is imported only when the explorer starts, so `check` is fast.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .cli_output import (
    DEBUG_ENV,
    OutputError,
    UserError,
    checked_stdout,
    debugging,
    export_target,
    finish_stdout,
    prepare_streams,
    report_failure,
    report_problems,
    report_unexpected,
    say,
    silence_stdout,
    write_atomic,
    write_stdout,
)
from .story.bundled import bundled_story_path
from .story.conflicts import detect_conflicts
from .story.export import FORMATS, NoDatedEvents, dumps_json, to_json, to_markdown, to_timelinejs
from .story.heap import collect_less_often
from .story.lint import naming_warnings
from .story.loader import LoadedStory, StoryLoadError, load_story
from .story.models import StoryFile
from .story.sanitize import clean_line
from .story.schema import schema_text
from .story.verify import verify_quotes
from .story.words import describe_value

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

COMMANDS = ("check", "export", "schema", "explore", "ingest")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _console() -> Console:
    from rich.console import Console

    return Console(file=checked_stdout(), highlight=False, markup=False, emoji=False)


def _safe_text(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(clean_line(text), style=style)


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
        report_problems(exc.problems)
        return None, len(exc.problems)
    if not verify:  # the explorer checks the quotes, and shows the warnings, itself
        return loaded, 0
    report_problems(loaded.warnings)
    problems = verify_quotes(loaded)
    if problems:
        report_problems(problems)
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
        _print_warnings(console, loaded)
    return 0 if ok else 2


def _print_warnings(console: Console, loaded: LoadedStory) -> None:
    """Likely slips that do not make a story invalid: on stderr, one line each, counted on stdout."""
    from rich.text import Text

    warnings = naming_warnings(loaded)
    if warnings:
        report_problems(warnings)
        label = "warning" if len(warnings) == 1 else "warnings"
        console.print(Text(f"  {len(warnings)} {label} (listed on stderr)", style="yellow"))


def render_export(loaded: LoadedStory, fmt: str) -> str:
    """The export text for one format (what `export` writes, byte for byte)."""
    story = loaded.model
    if fmt == "json":
        return to_json(story, detect_conflicts(story))
    if fmt == "markdown":
        return to_markdown(story, detect_conflicts(story))
    try:
        return dumps_json(to_timelinejs(story, detect_conflicts(story)))
    except NoDatedEvents as exc:
        raise UserError(f"{loaded.path or 'story'}: {exc}") from None


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output and args.output != "-" else None
    if out is not None:
        export_target(out, args.force)  # before the work, so a refusal is quick
    loaded, _ = _load_valid(Path(args.file) if args.file else bundled_story_path(), quotes_must_verify=False)
    if loaded is None:
        return 2
    text = render_export(loaded, args.format)
    if out is None:
        write_stdout(text)
    else:
        write_atomic(out, text, args.force)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    write_stdout(schema_text())
    return 0


def terminal_problem() -> str | None:
    """Why the explorer cannot run here, or None. It needs a terminal to read keys from (stdin) and
    to draw on (stdout, and stderr, where Textual writes): given a file or a pipe instead, it drew
    into the file and never exited. TERM=dumb terminals cannot position the cursor."""
    for name, stream in (("input", sys.stdin), ("output", sys.stdout), ("error output", sys.stderr)):
        try:
            tty = stream is not None and stream.isatty()
        except (AttributeError, ValueError):  # closed, or not a file
            tty = False
        if not tty:
            return f"the explorer needs a terminal, and standard {name} is not one"
    if os.environ.get("TERM", "") == "dumb":
        return "the explorer needs a terminal that can move the cursor, and TERM is 'dumb'"
    return None


def cmd_explore(args: argparse.Namespace) -> int:
    problem = terminal_problem()
    if problem is not None:
        say(f"{problem}; use `mission-tui check FILE` to validate a story, "
            "`mission-tui export -f markdown FILE` to read it as text")
        return 2
    from .ingest.command import is_digest, mark_draft, open_digest

    path = Path(args.file) if args.file else bundled_story_path()
    if is_digest(path):  # a news digest, not a story: ingested in memory, shown as a draft
        loaded = open_digest(path, args.year)
    else:  # the explorer checks quotes itself, after its first frame: a misquote only adds a warning
        loaded, _ = _load_valid(path, verify=False)
        if loaded is not None:
            loaded = mark_draft(loaded)
    if loaded is None:
        return 2
    from rich.console import Console

    from .app import make_app
    from .terminal import run_app

    # run_app, not app.run(): SIGTERM/SIGHUP/SIGINT become a clean exit that restores the terminal,
    # and the status says how it ended (0 quit, 1 error, 128 + signal number).
    app = make_app(loaded, today=args.today or date.today(), quote_problems=None)  # not checked yet
    app.release_heap_on_exit = False  # the process ends with the app
    collect_less_often()  # a storm of frames made ~9 s of full collections a minute (story/heap.py)
    if not debugging():  # Textual's traceback of an error becomes one line (report_failure)
        app.error_console = Console(file=io.StringIO())
    status = run_app(app)
    if app.failure is not None:
        status = report_failure(app.failure) if status < 128 else status  # a signal's status stays
    return status


def _day(text: str) -> date:
    if not _ISO_DAY.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date: {exc}") from None


class _Parser(argparse.ArgumentParser):
    """argparse echoes arguments in its errors ("unrecognized arguments: ..."): a file name with
    ESC or BEL bytes in it reached the terminal raw. Errors are cleaned of control characters."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {clean_line(message)}\n")


class _VersionAction(argparse.Action):
    """argparse's "version" action needs the string when the parser is built; reading it from the
    installed metadata costs ~12 ms of every start-up, so it is read only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from . import __version__

        print(f"mission-tui {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mission-tui",
        usage="%(prog)s [-h] [--version] [FILE] [--today YYYY-MM-DD]\n"
        "       %(prog)s COMMAND [ARGS ...]",
        description="A terminal explorer for news narratives: timeline, key points, sources and "
        "conflicting claims.",
        epilog="`mission-tui [FILE] [--today YYYY-MM-DD]` opens the explorer on FILE (default: the "
        "bundled story); a FILE that is a news digest rather than a story is ingested first, as a draft. "
        "--today sets the date that splits past from upcoming (default: the system date). Use "
        "`mission-tui explore FILE` for a file named like a command. "
        f"{DEBUG_ENV}=1 shows the traceback of an unexpected error.",
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

    from .ingest.command import add_year_option, register

    add_year_option(explore)  # FILE may be a news digest, ingested in memory (see `ingest`)
    register(sub)
    return parser


def route(argv: Sequence[str]) -> list[str]:
    """`mission-tui` and `mission-tui FILE [--today D]` mean `explore`; commands pass through."""
    args = list(argv)
    if not args:
        return ["explore"]
    if args[0] in COMMANDS or args[0] in ("-h", "--help", "--version"):
        return args
    return ["explore", *args]


def _run(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(route(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return int(args.handler(args))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 invalid input or usage, 130 ^C,
    1 for anything else that went wrong: output that could not be written, an unexpected error)."""
    prepare_streams()
    try:
        status = _run(sys.argv[1:] if argv is None else argv)
        finish_stdout()
        return status
    except UserError as exc:
        say(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mission-tui export ... | head`: the reader left; say nothing, and stop Python's own complaint.
        silence_stdout()
        return 1
    except OutputError as exc:
        silence_stdout()
        say(str(exc))
        return 1
    except Exception as exc:  # a bug, or a case nobody foresaw: one line, and how to see more
        return report_unexpected(exc)


def entry() -> int:
    """The console script and `python -m mission_tui`: `main`, then the process ends within a few
    seconds whatever thread lingers (a terminal's input thread spinning on a closed pty kept an
    orphan alive). Not in `main`, which tests call in-process."""
    status = main()
    from .terminal import exit_within

    return exit_within(status)
