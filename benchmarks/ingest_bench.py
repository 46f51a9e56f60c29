"""Row 7 of `make bench`: `mission-tui ingest` on the seed and on a generated 10,000-line digest.

    python benchmarks/ingest_bench.py [--lines N] [--runs N]     print the rows alone
    python benchmarks/ingest_bench.py --write-digest N OUT       write a generated digest

Each figure is the wall time of `mission-tui ingest DIGEST -o OUT --force` in a fresh process (import,
read, extract, write the TOML, validate it and verify every quote), median of --runs, beside the
in-process time of its parts (one run, in a fresh process too). run.py calls `ingest_rows`.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_2478aec32e3f585e.txt"
CACHE = HERE / ".cache"

_TOPICS = ("mission", "ceasefire", "strike", "bridge", "election", "plant", "programme", "talks", "deal")
_PLACES = ("Iraq", "Syria", "Northland", "Britain", "the Gulf", "Kenya", "Peru")
_MONTHS = tuple(calendar.month_name)[1:]
_OUTLETS = ("The Hill", "The Courier", "Metro Ledger", "Capital Herald", "Wire Service", "Daily Post")


def _sentence(rng: random.Random) -> str:
    topic, place = rng.choice(_TOPICS), rng.choice(_PLACES)
    month, year = rng.choice(_MONTHS), rng.randint(2023, 2030)
    count = f"{rng.randint(1, 90)},{rng.randint(0, 999):03d}"
    return rng.choice(
        (
            f"The {topic} in {place} will end by {month} {year}, officials said.",
            f"Around {count} troops are stationed in {place}, up from {rng.randint(100, 999)} last year.",
            f"The {topic} is expected to begin no earlier than the end of {year}.",
            f"Between {rng.randint(10, 99)} and {rng.randint(100, 500)} observers attend in {place}.",
            f"The decade-long {topic} cost ${rng.randint(1, 9)}.{rng.randint(1, 9)} billion; may march on.",
            f"Talks collapsed yesterday, and the {topic} will resume in mid-{year}.",
        )
    )


def generate_digest(lines: int, seed: int = 0) -> str:
    """A digest in the seed's shape of about `lines` lines: summary, key points, conclusion, articles."""
    rng = random.Random(seed)
    out = ["Summary", *(" ".join(_sentence(rng) for _ in range(4)) for _ in range(3))]
    bullets = max(1, lines // 10)
    out.append("Key Points of the Generated Story")
    out += [f"- Point {i}: {_sentence(rng)}" for i in range(1, bullets + 1)]
    out += ["Conclusion", " ".join(_sentence(rng) for _ in range(3))]
    while len(out) < lines - 1:
        month = rng.choice(_MONTHS)[:3]
        out.append(
            f"VIDEO: {_sentence(rng).rstrip('.')}" if rng.random() < 0.1 else _sentence(rng).rstrip(".")
        )
        out.append(
            f"{month}. {rng.randint(1, 28)} / {rng.choice(_OUTLETS)} “ {_sentence(rng)} {_sentence(rng)}..."
        )
    return "\n".join(out) + "\n"


def digest_file(lines: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"digest-{lines}.txt"
    text = generate_digest(lines)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def measure_parts(path: Path) -> dict[str, Any]:
    """In this process: extraction, TOML writing, and loading + verifying the written draft."""
    from mission_tui.ingest.draft import build_draft
    from mission_tui.ingest.writer import to_toml
    from mission_tui.story.loader import LoadedStory, loads_story
    from mission_tui.story.verify import verify_quotes

    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    draft = build_draft(text, str(path), path.name)
    t1 = time.perf_counter()
    toml = to_toml(draft.data, path.name)
    t2 = time.perf_counter()
    problems = verify_quotes(LoadedStory(loads_story(toml), path=path.with_suffix(".toml")))
    t3 = time.perf_counter()
    return {
        "extract_s": t1 - t0,
        "write_s": t2 - t1,
        "check_s": t3 - t2,
        "claims": len(draft.data["claims"]),
        "sources": len(draft.data["sources"]),
        "problems": len(problems),
        "bytes": len(toml.encode()),
    }


def _cli_seconds(path: Path, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft.toml"
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mission_tui", "ingest", str(path), "-o", str(out), "--force"],
                check=True,
                capture_output=True,
                timeout=600,
                cwd=str(ROOT),
            )
            times.append(time.perf_counter() - t0)
    return times


def ingest_row(label: str, path: Path, runs: int, target_s: float) -> dict[str, Any]:
    times = _cli_seconds(path, runs)
    proc = subprocess.run(
        [sys.executable, __file__, "--parts", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=str(ROOT),
    )
    parts = json.loads(proc.stdout.strip().splitlines()[-1])
    median = statistics.median(times)
    lines = path.read_text(encoding="utf-8").count("\n")
    return {
        "figure": f"7 ingest, {label}",
        "value": f"{median:.2f} s",
        "target": f"≤ {target_s:g} s",
        "result": "PASS" if median <= target_s and parts["problems"] == 0 else "MISS",
        "note": f"{lines:,} lines → {parts['claims']:,} claims, {parts['sources']:,} sources, "
        f"{parts['bytes'] / 1e6:.1f} MB TOML; in-process extract {parts['extract_s']:.2f} s, write (tomlkit) "
        f"{parts['write_s']:.2f} s, load+verify {parts['check_s']:.2f} s; median of {runs} CLI runs",
        "data": {"cli_s": times, **parts},
    }


def ingest_rows(runs: int, lines: int = 10_000) -> list[dict[str, Any]]:
    """Row 7 as plain dicts (run.py turns them into its Row)."""
    return [
        ingest_row("seed", SEED, runs, target_s=1.0),
        ingest_row(f"{lines // 1000}k-line digest", digest_file(lines), max(1, runs // 2), target_s=20.0),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--parts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write-digest", nargs=2, metavar=("N", "OUT"))
    args = parser.parse_args(argv)
    if args.parts:
        print(json.dumps(measure_parts(args.parts)))
        return 0
    if args.write_digest:
        Path(args.write_digest[1]).write_text(generate_digest(int(args.write_digest[0])), encoding="utf-8")
        return 0
    for row in ingest_rows(args.runs, args.lines):
        print(f"{row['figure']}: {row['value']} ({row['target']}, {row['result']})\n   ↳ {row['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
