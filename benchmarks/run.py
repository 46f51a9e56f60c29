"""mission-tui benchmarks: every figure measured in one run beside its reference (`make bench`).

    python benchmarks/run.py [--quick] [--json OUT] [--runs N] [--keys N] [--only PREFIX]

Rows (targets in the table; PASS/MISS is decided on the numbers measured in this run, nothing else):
1. first frame of `mission-tui` on the bundled story vs a bare Textual app (bare_app.py), both started
   as a fresh process in an 80x24 pty with TERM=xterm-256color, interleaved, median of --runs each.
   "First frame" = spawn until the screen (pyte) shows the story title (the bare app's label) and no
   pane still says "Loading".
2. load + validate (+ verify quotes) + detect conflicts, in a fresh process per story, vs
   `tomllib.loads` of the same text in that process. 1k and 10k are context; targets apply to 100k.
3. first frame with the 100k-claim story, as in 1.
4. keypress-to-frame latency: in the session of 3, after the screen has been quiet for 0.5 s, press
   `j` --keys times in the focused timeline; per key, `first` = time from writing the key to the pty
   until the first byte of the response is readable, `last` = until the last byte before 150 ms of
   silence (the next key is sent only then, so a key's late repaints are not charged to the next).
   Includes key parsing, the app's handlers, rendering and the pty; no terminal paint. Also run on a
   story whose timeline has 100k events (the explorer has no per-claim list). The reference: a bare
   Textual app moving an OptionList cursor with `j` at 80x24 (bare_list.py), same harness, same keys,
   measured just before; the target is a ratio of p95s.
5. peak RSS (VmHWM from /proc) of the explorer with the 100k-claim story, read after the keys of 4.
6. bytes the app wrote per key press in 4: the mean, and the largest step (every step ≤ 2 KB).
7. `mission-tui ingest` on the seed and on a generated 10,000-line digest (ingest_bench.py).
8-11. long sessions (long_session.py): RSS growth and CPU per pane switch over 1,000 switches; idle time
   after a 60 s key/resize storm; CPU per pane switch with 10,000 sources on one event; exit after
   SIGTSTP, fg, q and a hang-up.
Stories come from generate.py, cached in benchmarks/.cache/ (keyed by the generator's hash).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import tomllib

import pty_harness as pty
from generate import generate_story_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
BARE_APP = HERE / "bare_app.py"
BARE_LIST = HERE / "bare_list.py"
BARE_LIST_READY = "bare list item 0"
LATENCY_RATIO = 1.5
"""Row 4's target: the explorer's key-to-frame p95 at most this many times a bare Textual list's."""
UNCAPPED = HERE / "explorer_uncapped.py"
BARE_READY = "bare textual app ready"
LOADING = ("Loading",)
SEED = 0
QUIET = 0.15  # s of silence that ends the response to a key


@dataclass
class Row:
    """One line of the results table; `data` keeps the raw numbers for --json."""

    figure: str
    value: str = "n/a"
    reference: str = ""
    ratio: str = ""
    target: str = ""
    result: str = "n/a"
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def have(module: str) -> bool:
    """Whether a module of the project exists yet (the explorer is written concurrently)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def story_file(claims: int, events: int | None = None) -> Path:
    """The generated story for this size, from the cache or written now."""
    digest = hashlib.sha1((HERE / "generate.py").read_bytes()).hexdigest()[:10]
    name = f"story-{claims}" + (f"-ev{events}" if events else "") + f"-s{SEED}-{digest}.toml"
    path = CACHE / name
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        started = time.perf_counter()
        text = generate_story_text(claims, SEED, events=events)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        print(f"  generated {path.name}: {len(text) / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)  # fmt: skip
    return path


def file_cap() -> int:
    from mission_tui.story import loader

    return int(loader.MAX_FILE_BYTES)


def explorer_argv(story: Path | None) -> tuple[list[str], str]:
    """How to start the explorer: the installed `mission-tui` script, uncapped if the file is too big."""
    if story is not None and story.stat().st_size > file_cap():
        note = f"{story.stat().st_size / 2**20:.1f} MiB > loader cap {file_cap() / 2**20:.0f} MiB: cap lifted"
        return [sys.executable, str(UNCAPPED), str(story)], note
    script = Path(sys.executable).parent / "mission-tui"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "mission_tui"]
    return base + ([str(story)] if story else []), ""


def first_frame(argv: list[str], needles: list[str], absent: tuple[str, ...], timeout: float) -> pty.PtyApp:
    """Spawn in a pty and wait for the first complete frame; `app.first_frame` holds the seconds."""
    app = pty.spawn(argv, env=pty.bench_env(), cwd=str(ROOT))
    try:
        app.first_frame = pty.wait_for_text(app, needles, timeout, absent=absent)
    except pty.PtyError:
        pty.quit_and_reap(app, pty.CTRL_Q, timeout=3)
        raise
    return app


# -- row 1 and 3: first frame ----------------------------------------------------------------------


def bundled_title() -> str:
    from mission_tui.story.bundled import bundled_story_path

    return str(tomllib.loads(bundled_story_path().read_text(encoding="utf-8"))["story"]["title"])


def row_first_frame_bundled(runs: int) -> Row:
    row = Row("1 first frame, bundled story (pty 80x24)", target="≤ 1.3× bare")
    if not have("mission_tui.app"):
        row.value = "n/a (not built yet)"
        return row
    try:
        needle = bundled_title()[:24]
    except (OSError, KeyError) as exc:
        row.value, row.note = "n/a (no bundled story)", str(exc)[:100]
        return row
    argv, _ = explorer_argv(None)
    app_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(runs):  # interleaved so drift on the machine hits both alike
        for times, cmd, want, quit_key in (
            (bare_times, [sys.executable, str(BARE_APP)], BARE_READY, pty.CTRL_Q),
            (app_times, argv, needle, "q"),
        ):
            app = first_frame(cmd, [want], LOADING, timeout=30)
            times.append(app.first_frame or 0.0)
            pty.quit_and_reap(app, quit_key)
    a, b = statistics.median(app_times), statistics.median(bare_times)
    row.value, row.reference, row.ratio = f"{a:.3f} s", f"{b:.3f} s bare", f"{a / b:.2f}×"
    row.result = verdict(a / b <= 1.3)
    row.note = f"median of {runs} each; app min/max {min(app_times):.3f}/{max(app_times):.3f} s"
    row.data = {"app_s": app_times, "bare_s": bare_times}
    return row


# -- row 2: load ----------------------------------------------------------------------------------


def measure_load(path: Path) -> dict[str, Any]:
    """In this (fresh) process: tomllib.loads, then the explorer's load path, on the same file."""
    from mission_tui.story import loader
    from mission_tui.story.loader import load_story

    text = path.read_text(encoding="utf-8")
    capped = path.stat().st_size > loader.MAX_FILE_BYTES
    loader.MAX_FILE_BYTES = max(loader.MAX_FILE_BYTES, path.stat().st_size)
    t0 = time.perf_counter()
    tomllib.loads(text)
    toml_s = time.perf_counter() - t0
    del text
    gc.collect()
    out: dict[str, Any] = {"toml_s": toml_s, "cap_lifted": capped}
    t0 = time.perf_counter()
    loaded = load_story(path)
    out["load_s"] = time.perf_counter() - t0
    if have("mission_tui.story.verify"):
        from mission_tui.story.verify import verify_quotes

        t0 = time.perf_counter()
        verify_quotes(loaded)
        out["verify_s"] = time.perf_counter() - t0
    if have("mission_tui.story.conflicts"):
        from mission_tui.story.conflicts import detect_conflicts

        t0 = time.perf_counter()
        out["conflict_groups"] = len(detect_conflicts(loaded.model))
        out["conflicts_s"] = time.perf_counter() - t0
    return out


def row_load(claims: int, is_target: bool) -> Row:
    row = Row(f"2 load+validate+conflicts, {claims // 1000}k claims",
              target="≤ 1.0 s, ≤ 3× toml" if is_target else "(context)")  # fmt: skip
    path = story_file(claims)
    proc = subprocess.run(
        [sys.executable, __file__, "--measure-load", str(path)],
        capture_output=True, text=True, timeout=300, cwd=str(ROOT),
    )  # fmt: skip
    if proc.returncode != 0:
        row.value, row.result = "error", "MISS" if is_target else "n/a"
        row.note = (proc.stderr.strip().splitlines() or ["?"])[-1][:100]
        return row
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    total = m["load_s"] + m.get("conflicts_s", 0.0)
    ratio = total / m["toml_s"]
    row.value, row.reference, row.ratio = f"{total:.2f} s", f"{m['toml_s']:.2f} s toml", f"{ratio:.1f}×"
    parts = [f"load+validate {m['load_s']:.2f} s"]
    if "conflicts_s" in m:
        parts.append(f"conflicts {m['conflicts_s']:.2f} s ({m['conflict_groups']} groups)")
    else:
        parts.append("conflicts n/a (not built yet)")
    if "verify_s" in m:
        parts.append(f"+ verify quotes {m['verify_s']:.2f} s (not counted)")
    parts.append(f"{path.stat().st_size / 1e6:.1f} MB" + (" (loader cap lifted)" if m["cap_lifted"] else ""))
    row.note = "; ".join(parts)
    if is_target:
        row.result = verdict(total <= 1.0 and ratio <= 3.0) if "conflicts_s" in m else "n/a"
    row.data = m | {"total_s": total, "bytes": path.stat().st_size}
    return row


# -- rows 3-6: the explorer on a big story ------------------------------------------------------


def navigate(app: pty.PtyApp, keys: int) -> list[pty.Burst]:
    """After the screen settles, press `j` `keys` times, one at a time, timing each response."""
    pty.drain(app, quiet=0.5, timeout=30)
    return [pty.measure_key(app, "j", quiet=QUIET, timeout=2.0) for _ in range(keys)]


def bare_list_bursts(keys: int) -> list[pty.Burst]:
    """Row 4's reference: `keys` presses of `j` in a bare Textual OptionList (bare_list.py)."""
    app = first_frame([sys.executable, str(BARE_LIST)], [BARE_LIST_READY], (), timeout=60)
    try:
        return navigate(app, keys)
    finally:
        pty.quit_and_reap(app, pty.CTRL_Q)


def p95_ms(bursts: list[pty.Burst], attr: str) -> float | None:
    ms = [getattr(b, attr) * 1000 for b in bursts if getattr(b, attr) is not None]
    return pty.percentile(ms, 95) if ms else None


def key_rows(label: str, bursts: list[pty.Burst], bare: list[pty.Burst] | None = None) -> list[Row]:
    """Rows 4 (first byte, and last byte as the stricter reading) and 6 from one navigation run;
    `bare`: the bare Textual list's run, row 4's reference."""
    answered = [b for b in bursts if b.first_byte is not None and b.last_byte is not None]
    target = f"≤ {LATENCY_RATIO}× bare" if bare else "p95 ≤ 16 ms"
    first = Row(f"4 key→first byte p95, {label}", target=target)
    last = Row(f"4 key→last byte p95, {label}", target=target)
    size = Row(f"6 bytes per step, {label}", target="mean ≤ 2 KB")
    rows = [first, last, size]
    if not answered:
        for row in rows:
            row.value, row.result = "no output", "MISS"
        return rows
    silent = len(bursts) - len(answered)
    for row, attr in ((first, "first_byte"), (last, "last_byte")):
        ms = [getattr(b, attr) * 1000 for b in answered]
        p95 = pty.percentile(ms, 95)
        reference = p95_ms(bare, attr) if bare else None
        row.value = f"{p95:.1f} ms"
        row.note = f"{len(bursts)} × j, p50 {pty.percentile(ms, 50):.1f} ms, max {max(ms):.1f} ms"
        if reference:
            row.reference, row.ratio = f"{reference:.1f} ms bare", f"{p95 / reference:.2f}×"
            row.result = verdict(p95 <= LATENCY_RATIO * reference and not silent)
            row.note += f"; absolute target p95 ≤ 16 ms: {verdict(p95 <= 16)}"
        else:
            row.reference = f"p50 {pty.percentile(ms, 50):.1f} ms"
            row.result = verdict(p95 <= 16 and not silent)
        if silent:
            row.note += f"; {silent} keys gave no output"
        row.data = {"ms": ms, "silent": silent, "bare_p95_ms": reference}
    nbytes = [b.nbytes for b in bursts]
    mean, top = statistics.fmean(nbytes), max(nbytes)
    size.value, size.reference = f"{mean:.0f} B mean", f"p95 {pty.percentile(nbytes, 95):.0f} B"
    size.result = verdict(mean <= 2048)
    size.data = {"bytes": nbytes}
    over = sum(n > 2048 for n in nbytes)
    worst = Row(f"6 bytes, largest step, {label}", f"{top} B", target="every step ≤ 2 KB",
                result=verdict(top <= 2048), note=f"{over} of {len(nbytes)} steps over 2 KB")  # fmt: skip
    return [*rows, worst]


def explorer_session(story: Path, needle: str, runs: int, keys: int) -> tuple[list[float], list[pty.Burst],
                                                                              int | None, str]:  # fmt: skip
    """Start the explorer `runs` times on `story`; navigate and read VmHWM in the last session."""
    argv, note = explorer_argv(story)
    times: list[float] = []
    bursts: list[pty.Burst] = []
    hwm: int | None = None
    for run in range(runs):
        app = first_frame(argv, [needle], LOADING, timeout=180)
        times.append(app.first_frame or 0.0)
        if run == runs - 1 and keys:
            bursts = navigate(app, keys)
            hwm = pty.vm_hwm_kib(app.pid)
        pty.quit_and_reap(app, "q")
    return times, bursts, hwm, note


def rows_big_story(claims: int, runs: int, keys: int, is_target: bool) -> list[Row]:
    label = f"{claims // 1000}k claims"
    ff = Row(f"3 first frame, {label}", target="≤ 1.5 s" if is_target else "(context)")
    rss = Row(f"5 peak RSS, {label}", target="≤ 250 MB" if is_target else "(context)")
    if not have("mission_tui.app"):
        missing = "n/a (not built yet)"
        ff.value = rss.value = missing
        return [ff, Row("4 key→frame latency", missing), rss, Row("6 bytes per step", missing)]
    story = story_file(claims)
    try:
        times, bursts, hwm, note = explorer_session(story, f"Synthetic story, {claims:,} claims", runs, keys)
    except pty.PtyError as exc:
        ff.value, ff.result, ff.note = "error", "MISS", str(exc).splitlines()[0][:100]
        return [ff]
    med = statistics.median(times)
    ff.value, ff.note = f"{med:.2f} s", f"median of {runs}" + (f"; {note}" if note else "")
    ff.data = {"first_frame_s": times}
    rss.value = f"{hwm / 1024:.0f} MB" if hwm else "n/a"
    rss.data = {"vm_hwm_kib": hwm}
    if is_target:
        ff.result = verdict(med <= 1.5)
        rss.result = verdict(hwm is not None and hwm / 1024 <= 250)
    rows = key_rows(f"{claims // 1000}k claims, {claims // 10:,} events", bursts, bare_list_bursts(keys))
    if not is_target:
        for row in rows:
            row.target, row.result = "(context)", "n/a"
    return [ff, *rows, rss]


def rows_long_timeline(events: int, keys: int) -> list[Row]:
    """Rows 4 and 6 again on a timeline of `events` items (a 10k-claim story with that many events)."""
    claims = events // 10
    story = story_file(claims, events=events)
    try:
        _, bursts, _, _ = explorer_session(story, f"Synthetic story, {claims:,} claims", 1, keys)
    except pty.PtyError as exc:
        return [Row(f"4 key→frame, {events:,} events", "error", result="MISS",
                    note=str(exc).splitlines()[0][:100])]  # fmt: skip
    return key_rows(f"{claims // 1000}k claims, {events:,} events", bursts, bare_list_bursts(keys))


# -- output -----------------------------------------------------------------------------------------

COLUMNS = (("figure", 49), ("value", 14), ("reference", 14), ("ratio", 6), ("target", 18), ("result", 6))


def rows_ingest(runs: int) -> list[Row]:
    """Row 7, measured by ingest_bench.py (kept apart: it has its own generator and subprocesses)."""
    from ingest_bench import ingest_rows

    return [Row(**row) for row in ingest_rows(runs)]


def rows_long_session(quick: bool, only: list[str] | None) -> list[Row]:
    """Rows 8-11, measured by long_session.py; with --only naming some of them, just those."""
    from long_session import long_session_rows

    named = {number for number in only or [] if number in ("8", "9", "10", "11")}
    return [Row(**asdict(row)) for row in long_session_rows(quick, named or None)]


def print_table(rows: list[Row]) -> None:
    head = " | ".join(name.ljust(width) for name, width in COLUMNS)
    print(head)
    print("-+-".join("-" * width for _, width in COLUMNS))
    for row in rows:
        cells = [getattr(row, name) for name, _ in COLUMNS]
        print(" | ".join(str(c).ljust(w) for c, (_, w) in zip(cells, COLUMNS, strict=True)))
        if row.note:
            print(" " * 3 + "↳ " + row.note)


def row_number(row: Row) -> int:
    """The number a row's figure starts with (a step's error row: its first number), for sorting."""
    digits = re.match(r"\d+", row.figure)
    return int(digits.group()) if digits else 99


def selected(step: str, only: list[str]) -> bool:
    """`--only` takes a step's name prefix ("2 load", "3-6") or a row number ("6" runs "3-6 ...")."""
    numbers, _, _ = step.partition(" ")
    rows: set[str] = set()
    for part in numbers.replace("/", ",").split(","):
        low, _, high = part.partition("-")
        rows.update(str(n) for n in range(int(low), int(high or low) + 1))
    return any(step.startswith(prefix) or prefix in rows for prefix in only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="mission-tui benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer runs and keys; no 100k stories")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--runs", type=int, help="first-frame runs per app (default 7, quick 3)")
    parser.add_argument("--keys", type=int, help="key presses for latency (default 200, quick 50)")
    parser.add_argument(
        "--only", metavar="PREFIX", action="append",
        help="run only the steps whose name starts with PREFIX (e.g. 1, 3-6, 4/6) or that measure row"
        " PREFIX (e.g. 6); repeatable",
    )  # fmt: skip
    parser.add_argument("--measure-load", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_load:
        print(json.dumps(measure_load(args.measure_load)))
        return 0
    runs = args.runs or (3 if args.quick else 7)
    keys = args.keys or (50 if args.quick else 200)
    started = time.perf_counter()
    steps: list[tuple[str, Callable[[], list[Row]]]] = [
        ("1 first frame, bundled story", lambda: [row_first_frame_bundled(runs)]),
        ("2 load, 1k claims", lambda: [row_load(1_000, False)]),
        ("2 load, 10k claims", lambda: [row_load(10_000, False)]),
    ]
    if args.quick:
        steps.append(("3-6 explorer, 10k claims", lambda: rows_big_story(10_000, 1, keys, is_target=False)))
    else:
        steps += [
            ("2 load, 100k claims", lambda: [row_load(100_000, True)]),
            ("3-6 explorer, 100k claims", lambda: rows_big_story(100_000, 3, keys, is_target=True)),
            ("4/6 explorer, 100k events", lambda: rows_long_timeline(100_000, keys)),
        ]
    steps.append(("7 ingest, seed and 10k-line digest", lambda: rows_ingest(max(1, runs // 2))))
    steps.append(
        ("8-11 long sessions, storm, wide event, exits", lambda: rows_long_session(args.quick, args.only))
    )
    if args.only:
        steps = [(name, step) for name, step in steps if selected(name, args.only)]
    rows: list[Row] = []
    for name, step in steps:
        print(f"  {name}…", file=sys.stderr, flush=True)
        try:
            rows += step()
        except (pty.PtyError, OSError, subprocess.SubprocessError, ValueError, KeyError) as exc:
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:100]
            rows.append(Row(name, "error", result="MISS", note=detail))
    rows.sort(key=row_number)
    elapsed = time.perf_counter() - started
    print()
    print_table(rows)
    print(f"\n{'quick run' if args.quick else 'full run'} in {elapsed:.0f} s; "
          f"Python {sys.version.split()[0]}, pty 80x24, TERM=xterm-256color")  # fmt: skip
    if args.json:
        meta = {"quick": args.quick, "runs": runs, "keys": keys, "elapsed_s": elapsed}
        args.json.write_text(json.dumps({"meta": meta, "rows": [asdict(r) for r in rows]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
