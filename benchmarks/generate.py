"""Synthetic story files for benchmarks: N claims with proportionate sources, events and key points.

    python benchmarks/generate.py --claims 100000 --out /tmp/story-100k.toml [--seed 0]

The output follows the schema in `mission_tui.story.models` ([[table]] syntax) and is built to look
like a large real story rather than a best case:

- claims are grouped by subject + property (+ an occasional scope) in groups of 10-50; a group is a date,
  quantity or text group. Within a group every value contains one common point (a day, a number, a
  text), so the group is internally compatible: refinements (`2025` vs `2025-09`), fuzzy dates
  (`2025-09~`, `2025-09-27?`, `2025?`), intervals, deadlines (`not_after`) and floors (`not_before`).
- about one group in seven (always the first date group) also gets claims from a *different* source
  whose value is disjoint from the rest (years apart, three times the number, another text): genuine
  conflicts under design.md's rules. A few of those are curated in [[conflicts]].
- each source's `excerpt` is the set of its claims' quotes as sentences, so every quote occurs
  verbatim in its source's excerpt. Each group draws on 2-5 sources and a handful of value variants,
  so quotes repeat as they do in real coverage and excerpts stay small.
- dates spread over 2006-2026, in the precisions and qualifiers news actually uses.

Everything comes from one `random.Random(seed)`, so a seed always gives the same text. The vocabulary
holds no quote or backslash characters, so strings are written without escaping.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
SUBJECTS = ("mission", "force", "base", "brigade", "unit", "talks", "accord", "program")
SCOPES = ("iraq", "syria", "kurdistan", "kuwait", "jordan")
OUTLETS = ("Wire Service", "Daily Ledger", "Defense Desk", "Evening Post", "Regional Monitor", "Gazette")
KINDS = ("news", "news", "news", "digest", "statement", "report", "transcript")
TEXTS = ("advisory", "in combat", "bilateral", "training only", "withdrawn", "suspended", "under review",
         "handed over")
UNITS = (("troops", 500, 5000, 100), ("personnel", 50, 900, 10), ("USD million", 20, 2000, 10))
FIRST_YEAR, LAST_YEAR = 2006, 2025
STORY_AS_OF = "2026-01-15"

Variant = tuple[str, str, str]  # (value TOML, phrase, bound)


def _date_variants(rng: random.Random) -> tuple[list[Variant], list[int], list[Variant]]:
    """Compatible date variants around one base day, their weights, and disjoint (conflicting) ones."""
    y, m, d = rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1]
    ok: list[Variant] = [
        (f'value.date = "{y}"', f"in {y}", "target"),
        (f'value.date = "{y}-{m:02d}"', f"in {mon} {y}", "target"),
        (f'value.date = "{y}-{m:02d}-{d:02d}"', f"on {d} {mon} {y}", "target"),
        (f'value.date = "{y}-{m:02d}~"', f"around {mon} {y}", "target"),
        (f'value.date = "{y}-{m:02d}-{d:02d}?"', f"on {d} {mon}, year not given", "target"),
        (f'value.date = "{y}?"', f"probably in {y}", "target"),
        (f'value.date = "{y}-{m:02d}/{y + 1}"', f"from {mon} {y} into {y + 1}", "target"),
        (f'value.date = "{y + 1}-12"', f"by the end of {y + 1}", "not_after"),
        (f'value.date = "{y - 1}"', f"not before {y - 1}", "not_before"),
    ]
    weights = [15, 35, 25, 6, 3, 2, 3, 7, 4]
    y2 = y + rng.choice((-4, -3, 3, 4, 5))
    m2 = rng.randint(1, 12)
    bad: list[Variant] = [
        (f'value.date = "{y2}-{m2:02d}"', f"in {MONTHS[m2 - 1]} {y2}", "target"),
        (f'value.date = "{y2}"', f"in {y2}", "target"),
    ]
    return ok, weights, bad


def _quantity_variants(rng: random.Random) -> tuple[list[Variant], list[int], list[Variant]]:
    """Compatible quantity variants around one number, and a disjoint one (three times as many)."""
    unit, low, high, step = rng.choice(UNITS)
    a = rng.randrange(low, high, step)
    lo, hi = round(a * 0.9), round(a * 1.1)
    ok: list[Variant] = [
        (f'value = {{ amount = {a}, unit = "{unit}" }}', f"{a:,} {unit}", "target"),
        (f'value = {{ amount = {a}, unit = "{unit}", approximate = true }}', f"about {a:,} {unit}", "target"),
        (f'value = {{ low = {lo}, high = {hi}, unit = "{unit}" }}', f"{lo:,} to {hi:,} {unit}", "target"),
        (f'value = {{ low = {lo}, unit = "{unit}" }}', f"more than {lo:,} {unit}", "target"),
    ]
    b = a * 3
    bad: list[Variant] = [(f'value = {{ amount = {b}, unit = "{unit}" }}', f"{b:,} {unit}", "target")]
    return ok, [50, 25, 15, 10], bad


def _text_variants(rng: random.Random) -> tuple[list[Variant], list[int], list[Variant]]:
    """One text every compatible claim repeats, and a different text for conflicting claims."""
    text, other = rng.sample(TEXTS, 2)
    return ([(f'value.text = "{text}"', text, "target")], [1], [(f'value.text = "{other}"', other, "target")])


# Four groups per subject: two date properties, a quantity and a text.
PROPERTIES: tuple[tuple[str, str, Callable[[random.Random], tuple[list[Variant], list[int], list[Variant]]]],
                  ...] = (
    ("start-date", "starts", _date_variants),
    ("end-date", "ends", _date_variants),
    ("strength", "has", _quantity_variants),
    ("status", "is", _text_variants),
)


def _random_date(rng: random.Random, first: int = FIRST_YEAR, last: int = LAST_YEAR + 1) -> str:
    y, m, d = rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)
    r = rng.random()
    if r < 0.55:
        return f"{y}-{m:02d}-{d:02d}"
    if r < 0.85:
        return f"{y}-{m:02d}"
    if r < 0.93:
        return f"{y}"
    if r < 0.97:
        return f"{y}-{m:02d}~"
    return f"{y}-{m:02d}/{y + 1}"


def _group_sizes(rng: random.Random, claims: int) -> list[int]:
    sizes: list[int] = []
    left = claims
    while left > 0:
        size = min(left, rng.randint(10, 50))
        sizes.append(size)
        left -= size
    return sizes


def _slugs(refs: list[str]) -> str:
    return "[" + ", ".join(f'"{r}"' for r in refs) + "]"


def generate_story_text(claims: int, seed: int = 0, events: int | None = None) -> str:
    """A valid story TOML with `claims` claims (and ~claims/10 events unless given), same for a seed."""
    if claims < 1:
        raise ValueError("claims must be at least 1")
    rng = random.Random(seed)
    n_sources = max(3, round(claims / 100))
    n_events = max(1, round(claims / 10)) if events is None else max(1, events)
    n_points = max(4, round(claims / 1000))
    src_ids = [f"src-{i:0{len(str(n_sources - 1))}d}" for i in range(n_sources)]
    src_published = [_random_date(rng) for _ in range(n_sources)]

    # Claims as (subject, property, scope, value, phrase, bound, source index, quote, sentence).
    rows: list[tuple[str, str, str | None, str, str, str, int, str, str]] = []
    conflict_pairs: list[tuple[int, int, str]] = []  # row indices of a compatible and a conflicting claim
    for g, size in enumerate(_group_sizes(rng, claims)):
        subject_n, prop_n = divmod(g, len(PROPERTIES))
        noun = SUBJECTS[subject_n % len(SUBJECTS)]
        subject = f"{noun}-{subject_n}"
        name = f"{noun.replace('-', ' ').title()} {subject_n}"
        prop, verb, make = PROPERTIES[prop_n]
        scope = rng.choice(SCOPES) if rng.random() < 0.08 else None
        ok, weights, bad = make(rng)
        group_sources = rng.sample(range(n_sources), rng.randint(2, min(5, n_sources)))
        conflicted = size >= 2 and (g == 0 or rng.random() < 0.15)
        n_bad = max(1, size // 8) if conflicted else 0
        first = len(rows)
        for i in range(size):
            if i >= size - n_bad:
                value, phrase, bound = rng.choice(bad)
                src = rng.choice(group_sources[1:])  # never the source of the group's first claim
            else:
                value, phrase, bound = ok[0] if i == 0 else rng.choices(ok, weights)[0]
                src = group_sources[0] if i == 0 else rng.choice(group_sources)
            quote = f"{verb} {phrase}"
            rows.append((subject, prop, scope, value, phrase, bound, src, quote, f"{name} {quote}"))
        if conflicted:
            kind = "date" if "date" in prop else "quantity" if prop == "strength" else "text"
            conflict_pairs.append((first, first + size - 1, kind))

    order = list(range(len(rows)))
    rng.shuffle(order)  # a story gathers claims as sources come in, not group by group
    width = len(str(claims))
    claim_id = [""] * len(rows)
    for position, row_index in enumerate(order):
        claim_id[row_index] = f"c-{position + 1:0{width}d}"

    excerpts: list[dict[str, None]] = [{} for _ in range(n_sources)]
    out: list[str] = [
        "# Synthetic story generated by benchmarks/generate.py; not real events.",
        "format = 1",
        "",
        "[story]",
        f'id = "synthetic-{claims}"',
        f'title = "Synthetic story, {claims:,} claims"',
        f'summary = "A generated story with {claims:,} claims from {n_sources:,} sources, for benchmarks."',
        f'as_of = "{STORY_AS_OF}"',
        "",
    ]
    claim_lines: list[str] = []
    for row_index in order:
        subject, prop, scope, value, phrase, bound, src, quote, sentence = rows[row_index]
        excerpts[src][sentence] = None
        claim_lines += ["[[claims]]", f'id = "{claim_id[row_index]}"', f'subject = "{subject}"',
                        f'property = "{prop}"']  # fmt: skip
        if scope:
            claim_lines.append(f'scope = "{scope}"')
        claim_lines += [value, f'phrase = "{phrase}"']
        if bound != "target":
            claim_lines.append(f'bound = "{bound}"')
        claim_lines += [f'source = "{src_ids[src]}"', f'quote = "{quote}"']
        r = rng.random()
        if r < 0.1:
            claim_lines.append(f'as_of = "{src_published[src]}"')
        elif r < 0.14:
            claim_lines.append('rank = "deprecated"')
        elif r < 0.18:
            claim_lines.append('rank = "preferred"')
        claim_lines.append("")

    for i, sid in enumerate(src_ids):
        outlet = f"{OUTLETS[i % len(OUTLETS)]} {i // len(OUTLETS) + 1}"
        text = ". ".join(excerpts[i]) + "." if excerpts[i] else "No claims are drawn from this source."
        out += ["[[sources]]", f'id = "{sid}"', f'outlet = "{outlet}"', f'kind = "{rng.choice(KINDS)}"',
                f'headline = "{outlet} coverage, item {i + 1}"',
                f'published = "{src_published[i]}"']  # fmt: skip
        if rng.random() < 0.7:
            out.append(f'url = "https://example.org/{sid}"')
        out += [f'excerpt = "{text}"', ""]

    ev_ids = [f"ev-{i + 1:0{len(str(n_events))}d}" for i in range(n_events)]
    kp_ids = [f"kp-{i + 1:0{len(str(n_points))}d}" for i in range(n_points)]
    for i, eid in enumerate(ev_ids):
        out += ["[[events]]", f'id = "{eid}"']
        status = "occurred"
        if rng.random() < 0.95:
            when = _random_date(rng, FIRST_YEAR, LAST_YEAR + 2)
            out.append(f'when = "{when}"')
            if when[:4] >= STORY_AS_OF[:4]:
                status = rng.choice(("scheduled", "projected"))
        noun = SUBJECTS[i % len(SUBJECTS)].replace("-", " ")
        out.append(f'title = "{noun.title()} milestone {i + 1}"')
        if rng.random() < 0.3:
            out.append(f'text = "What happened to the {noun} here, as the sources tell it."')
        out += [f'status = "{status}"', f"sources = {_slugs(rng.sample(src_ids, rng.choice((1, 1, 2))))}"]
        if rng.random() < 0.2:
            out.append(f"key_points = {_slugs([rng.choice(kp_ids)])}")
        out += [f"claims = {_slugs([claim_id[rng.randrange(len(rows))]])}", ""]

    for i, kid in enumerate(kp_ids):
        out += ["[[key_points]]", f'id = "{kid}"', f'title = "Key point {i + 1}"',
                f'text = "One of the threads that runs through the story (point {i + 1})."', f"order = {i}",
                f"claims = {_slugs([claim_id[rng.randrange(len(rows))] for _ in range(3)])}",
                f"events = {_slugs(rng.sample(ev_ids, min(2, n_events)))}",
                f"sources = {_slugs([rng.choice(src_ids)])}", ""]  # fmt: skip

    out += claim_lines
    curated = conflict_pairs[:: max(1, len(conflict_pairs) // 5)][:5]
    for k, (a, b, kind) in enumerate(curated):
        status = ("open", "explained", "resolved")[k % 3]
        out += ["[[conflicts]]", f'id = "conflict-{k + 1}"', f"claims = {_slugs([claim_id[a], claim_id[b]])}",
                f'kind = "{kind}"', f'status = "{status}"', f'title = "Sources disagree on {rows[a][0]}"',
                f'note = "Curated: {rows[a][1]} of {rows[a][0]} differs between sources."', ""]  # fmt: skip
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic story file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--claims", type=int, required=True, help="number of claims")
    parser.add_argument("--out", type=Path, required=True, help="file to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--events", type=int, help="number of events (default claims/10)")
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("--claims must be at least 1")
    text = generate_story_text(args.claims, args.seed, events=args.events)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({args.claims:,} claims, {len(text.encode()) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
