"""The detail view: everything about the selected item, and its related items as a keyboard list."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ..story.index import KIND_LABELS, TODAY_KEY, StoryIndex
from .detail_render import body_for
from .virtual_list import VirtualList


class DetailScroll(VerticalScroll, inherit_bindings=False):
    """The detail text; scrolls with the list keys. Left/right stay free for stepping."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]


class DetailPane(Vertical):
    """Shows one item; Enter on a related item asks the screen to jump to it."""

    class JumpRequested(Message):
        def __init__(self, kind: str, key: str) -> None:
            super().__init__()
            self.kind = kind
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: StoryIndex | None = None
        self.kind: str | None = None
        self.key: str | None = None
        self.body = Static(Content("Loading the story…"), id="detail-body")
        self.scroll = DetailScroll(self.body, id="detail-scroll")
        self.related_heading = Static("", id="related-heading")
        self.related = VirtualList(empty_message="Nothing related.", id="related-list")
        self.related_heading.display = False
        self.related.display = False

    def compose(self) -> ComposeResult:
        yield self.scroll
        yield self.related_heading
        yield self.related

    def on_mount(self) -> None:
        self.border_title = "Detail"

    def _body_width(self) -> int:
        width = self.scroll.scrollable_content_region.width or self.scroll.size.width
        return max(20, width - 1)

    def show(self, index: StoryIndex, kind: str, key: str) -> None:
        changed = (kind, key) != (self.kind, self.key) or index is not self.index
        self.index, self.kind, self.key = index, kind, key
        label = "Today" if key == TODAY_KEY else KIND_LABELS.get(kind, kind)
        self.border_title = f"Detail · {label}"
        self.body.update(body_for(index, kind, key, self._body_width()))
        if not changed:
            return
        self.scroll.scroll_home(animate=False, immediate=True)
        keys: list[str] = []
        if key != TODAY_KEY:
            links = index.links(kind, key)
            for other in ("event", "key_point", "source", "claim", "conflict"):
                keys.extend(f"{other}:{item}" for item in links.of(other))
        self.related.set_items(keys, self._related_row, self._related_search)
        self.related_heading.update(
            Content.assemble(("Related ", "bold"), (f"{len(keys)} · press 5", "$text-muted"))
        )
        self.related_heading.display = bool(keys)
        self.related.display = bool(keys)

    def _related_row(self, composite: str) -> Content:
        assert self.index is not None
        kind, _, key = composite.partition(":")
        return Content.assemble(
            (f"{KIND_LABELS[kind]:<10}", "$text-muted"), " ", Content(self.index.title_of(kind, key))
        )

    def _related_search(self, composite: str) -> str:
        assert self.index is not None
        kind, _, key = composite.partition(":")
        return self.index.title_of(kind, key)

    def on_resize(self) -> None:
        if self.index is not None and self.kind == "conflict" and self.key is not None:
            self.body.update(body_for(self.index, self.kind, self.key, self._body_width()))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if event.virtual_list is self.related:
            event.stop()
            kind, _, key = event.key.partition(":")
            self.post_message(self.JumpRequested(kind, key))

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.virtual_list is self.related:
            event.stop()
