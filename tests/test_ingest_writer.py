"""The draft's TOML: any text round-trips, and plain strings are written exactly as tomlkit writes them."""

from __future__ import annotations

import sys

import tomlkit
from hypothesis import given
from hypothesis import strategies as st

from mission_tui.ingest.writer import to_toml, toml_string

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Any text a digest may hold (surrogates cannot be UTF-8; NUL and other controls are possible).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(TEXT)
def test_any_string_round_trips(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\n'), max_size=99)
)
def test_short_strings_are_tomlkit_s_own_rendering(text: str) -> None:
    assert toml_string(text) == tomlkit.string(text).as_string()


def test_layout_follows_the_bundled_story() -> None:
    data = {
        "format": 1,
        "story": {"id": "s", "title": "T", "as_of": "XXXX", "summary": "line one\n\nline two"},
        "sources": [{"id": "digest", "outlet": "O", "kind": "digest"}],
        "events": [],
        "claims": [
            {"id": "c", "value": {"amount": 2500, "unit": "troops", "approximate": True}, "tags": ["a"]}
        ],
    }
    text = to_toml(data, "d.txt")
    assert "[[events]]" not in text and "# ---" in text
    assert 'value = { amount = 2500, unit = "troops", approximate = true }' in text
    assert "summary = '''\nline one\n\nline two'''" in text
    parsed = tomllib.loads(text)
    assert parsed["claims"] == data["claims"] and parsed["story"] == data["story"]
    assert text.index("[[sources]]") < text.index("[[claims]]")
