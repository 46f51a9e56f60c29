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


def binding_rows(node: DOMNode, app_key_display: KeyDisplay) -> list[tuple[str, str]]:
    """(keys, description) per action for one node's bindings, keys of the same action joined."""
    by_action: dict[tuple[str, str], list[str]] = {}
    for bindings in bindings_of(node).values():
        for binding in bindings:
            if binding.system:
                continue
            description = (
                _DEFAULT_DESCRIPTIONS.get(binding.action)
                or binding.tooltip
                or binding.description
                or binding.action
            )
            keys = by_action.setdefault((binding.action, description), [])
            shown = app_key_display(binding)
            if "super" in binding.key:  # not sent over SSH; the other key of the pair is
                continue
            if shown not in keys:
                keys.append(shown)
    return [(" ".join(keys), description) for (_, description), keys in by_action.items()]


def help_sections(sections: Iterable[tuple[str, Iterable[DOMNode]]], key_display: KeyDisplay) -> Content:
    lines: list[Content] = []
    for title, nodes in sections:
        rows: list[tuple[str, str]] = []
        for node in nodes:
            for row in binding_rows(node, key_display):
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

    def __init__(self, sections: list[tuple[str, list[DOMNode]]]) -> None:
        super().__init__(id="help")
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-scroll"):
                yield Static(help_sections(self.sections, self.app.get_key_display), id="help-text")
            yield Static(Content.styled("Esc, q or ? closes · ↑↓ scroll", "$text-muted"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Keys"
        self.query_one("#help-scroll").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
