"""Warnings: things a valid story may mean but that are more often a slip.

A claim is compared only with claims of the same subject and property, so a subject or property no
other claim uses takes that claim out of conflict detection without a word: a typo ("us-mision-iraq")
hides a contradiction. `check` lists such names as warnings (they do not fail it) with the nearest
name in use.
"""

from __future__ import annotations

import contextlib
import difflib
from collections import Counter

from .loader import LoadedStory, Problem, StoryLoadError, item_start_lines, read_text

_MAX_NAMES_TO_COMPARE = 5_000  # suggestions compare every name: past this, name the warning only


def _lines(loaded: LoadedStory) -> list[int | None]:
    count = len(loaded.model.claims)
    if loaded.path is not None:
        with contextlib.suppress(StoryLoadError):  # it was read a moment ago; if not now, no lines
            lines = item_start_lines(read_text(loaded.path)).get("claims", [])
            if len(lines) == count:
                return list(lines)
    return [None] * count


def naming_warnings(loaded: LoadedStory) -> list[Problem]:
    """A warning for each subject that a single claim uses, and each property that a single claim
    uses when another property's name is near it, at that claim's line; then one warning naming the
    other properties a single claim uses.

    A subject groups claims, so one with a single claim is worth a look. A property with one claim is
    often just a fact one source gives (the bundled story's troop count): those are named together in
    one line, since each such claim is compared with nothing, and only a near name makes one a
    likely typo worth a line of its own.
    """
    claims = loaded.model.claims
    file = str(loaded.path) if loaded.path is not None else "<story>"
    found: list[tuple[int, str]] = []
    lone_properties: list[str] = []
    for field in ("subject", "property"):
        uses = Counter(getattr(claim, field) for claim in claims)
        names = sorted(uses) if len(uses) <= _MAX_NAMES_TO_COMPARE else []
        for position, claim in enumerate(claims):
            name = getattr(claim, field)
            if uses[name] != 1:
                continue
            near = difflib.get_close_matches(name, [n for n in names if n != name], n=1, cutoff=0.75)
            if field == "property" and not near:
                lone_properties.append(name)
                continue
            hint = f"a typo for {near[0]!r}?" if near else "a typo?"
            alone = f"{field} {name!r} is used by no other claim, so nothing is compared with it"
            found.append((position, f"warning: claim {claim.id!r}: {alone} ({hint})"))
    warnings: list[Problem] = []
    if found:
        lines = _lines(loaded)
        warnings = [Problem(file, message, lines[position]) for position, message in sorted(found)]
    if lone_properties:
        shown = ", ".join(repr(name) for name in lone_properties[:8])
        more = f" and {len(lone_properties) - 8} more" if len(lone_properties) > 8 else ""
        count = len(lone_properties)
        noun = "property is" if count == 1 else "properties are"
        warnings.append(
            Problem(
                file,
                f"warning: {count} {noun} used by one claim only, so nothing is compared with it "
                f"({shown}{more}): check the spelling",
            )
        )
    return warnings
