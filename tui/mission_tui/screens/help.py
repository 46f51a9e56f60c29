"""The `?` help screen: every binding, grouped by where it works, read from the live bindings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..textual_compat.bindings import bindings_of

# Descriptions for bindings Textual declares without one.
_DEFAULT_DESCRIPTIONS = {
    "app.focus_next": "Next pane",
    "app.focus_previous": "Previous pane",
    "command_palette": "Command palette: jump to any item, switch theme",
    "screen.copy_text": "Copy selected text",
}


KeyDisplay = Callable[[Binding], str]
HelpSource = DOMNode | type[DOMNode] | tuple[str, str]
"""Where a section's rows come from: a widget's bindings (merged, as Textual merges them), a class's
own bindings only (not those it inherits: the filter's Enter and Esc, not every key an Input has),
or a (keys, description) row written out."""


def _bindings(source: DOMNode | type[DOMNode]) -> Iterable[Binding]:
    if isinstance(source, type):
        return list(Binding.make_bindings(source.__dict__.get("BINDINGS", [])))
    return [binding for bindings in bindings_of(source).values() for binding in bindings]


def binding_rows(node: DOMNode | type[DOMNode], app_key_display: KeyDisplay) -> list[tuple[str, str]]:
    """(keys, description) per action for one node's bindings, keys of the same action joined."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for binding in _bindings(node):
        if binding.system or "super" in binding.key:  # super+ keys are not sent over SSH
            continue
        action = binding.action
        description = _DEFAULT_DESCRIPTIONS.get(action) or binding.tooltip or binding.description or action
        keys = by_action.setdefault((binding.action, description), [])
        shown = app_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for (_, description), keys in by_action.items()]


def help_sections(sections: Iterable[tuple[str, Iterable[HelpSource]]], key_display: KeyDisplay) -> Content:
    lines: list[Content] = []
    for title, sources in sections:
        rows: list[tuple[str, str]] = []
        for source in sources:
            for row in [source] if isinstance(source, tuple) else binding_rows(source, key_display):
                if row not in rows:
                    rows.append(row)
        if not rows:
            continue
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(title, "bold $accent"))
        for keys, description in rows:
            lines.append(Content.assemble((f"  {keys:<16}", "bold $text-accent"), " ", description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of the screen underneath; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, sections: list[tuple[str, list[HelpSource]]]) -> None:
        super().__init__(id="help")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Static(help_sections(self.sections, self.app.get_key_display), id="help-text")
            yield Static(Content.styled("Esc, q or ? closes · ↑↓ scroll", "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"

    def on_screen_resume(self) -> None:
        # Opened again (the explorer keeps its help): at the top, the text focused for the arrows.
        scroll = self.query_one("#help-scroll")
        scroll.scroll_home(animate=False)
        scroll.focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
