"""README's key tables and the help screen agree: the same sections, and every key the help screen
lists (read from the live bindings, as `?` reads them) is in README's table for that section."""

from __future__ import annotations

import re
from pathlib import Path

from mission_tui.screens.help import _bindings

README = Path(__file__).resolve().parent.parent / "README.md"
# How README writes Textual's key names.
NAMES = {
    "question_mark": "?", "slash": "/", "escape": "Esc", "backspace": "Backspace", "enter": "Enter",
    "right": "→", "left": "←", "up": "↑", "down": "↓", "space": "Space", "home": "Home", "end": "End",
    "pagedown": "PgDn", "pageup": "PgUp", "tab": "Tab", "shift+tab": "Shift+Tab",
}  # fmt: skip


def readme_key(key: str) -> str:
    if key in NAMES:
        return NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return key


def readme_tables() -> dict[str, str]:
    """Each key table of README's Keys section by its heading cell (backticks dropped), its text."""
    text = README.read_text(encoding="utf-8")
    keys = text[text.index("### Keys") :]
    keys = keys[: keys.index("\n## ")]
    tables = {}
    for block in re.split(r"\n\s*\n", keys):
        first = block.strip().splitlines()[0] if block.strip() else ""
        if first.startswith("| ") and "|---|" in block:
            tables[first.strip("| ").split("|")[0].strip().replace("`", "")] = block
    return tables


async def test_readme_lists_every_key_of_the_help_screen_in_its_section(make):
    tables = readme_tables()
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sections = app.main_screen.help_sections()
        missing = []
        for title, sources in sections:
            name = title.split(" (")[0]
            table = next((text for heading, text in tables.items() if heading.startswith(name)), None)
            assert table is not None, f"README has no key table for the help section {title!r}"
            for source in sources:
                if isinstance(source, tuple):
                    continue
                for binding in _bindings(source):
                    if binding.system or "super" in binding.key:
                        continue
                    for key in binding.key.split(","):
                        if f"`{readme_key(key.strip())}`" not in table:
                            missing.append(f"{title}: {key} ({binding.description})")
    assert not missing, "README's key tables miss:\n" + "\n".join(missing)
    assert len(tables) == len(sections), sorted(tables)
