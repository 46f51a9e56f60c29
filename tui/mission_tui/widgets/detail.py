"""The detail view: everything about the selected item, and its related items as a keyboard list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar, overload

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message

from ..kinds import ITEM_KINDS, links_of
from ..story.index import OVERVIEW_KEY, TODAY_KEY, Kind, Links, StoryIndex
from ..textual_compat.borders import set_border_subtitle, set_border_title
from .detail_body import RECENT_TEXTS, DetailText, DetailView
from .virtual_list import VirtualList


def split_related(composite: str) -> tuple[Kind, str]:
    """A related list key `kind:id` (built by RelatedKeys from the registry's kinds) as its parts."""
    kind, _, key = composite.partition(":")
    assert kind in ITEM_KINDS, composite  # narrows `kind` to a Kind
    return kind, key


class RelatedKeys(Sequence[str]):
    """Every `kind:id` linked to one item, in display order, computed per row on demand.

    A source can have tens of thousands of claims; building that list on every step would make a
    keypress cost O(links) in allocations. The related list only ever reads the rows it shows.
    """

    def __init__(self, links: Links | None = None) -> None:
        parts = [(kind, links.of(kind)) for kind in ITEM_KINDS] if links is not None else []
        self._parts = [(kind, items) for kind, items in parts if items]
        self._total = sum(len(items) for _, items in self._parts)

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, position: int) -> str: ...

    @overload
    def __getitem__(self, position: slice) -> list[str]: ...

    def __getitem__(self, position: int | slice) -> str | list[str]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(self._total))]
        if position < 0:
            position += self._total
        if not 0 <= position < self._total:
            raise IndexError(position)
        for kind, items in self._parts:
            if position < len(items):
                return f"{kind}:{items[position]}"
            position -= len(items)
        raise IndexError(position)  # unreachable: the length is the sum of the parts

    def __iter__(self) -> Iterator[str]:
        for kind, items in self._parts:
            for item in items:
                yield f"{kind}:{item}"


class RelatedList(VirtualList):
    """The detail view's related items: Enter jumps to one, Esc or Backspace goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Jump to it", tooltip="Jump to the related item (Esc comes back)"),
        Binding("escape,backspace", "back", "Back", tooltip="Back to the pane you came from"),
    ]

    class Back(Message):
        """Esc or Backspace in the related list."""

    def action_back(self) -> None:
        self.post_message(self.Back())


class DetailPane(Vertical):
    """Shows one item; its related items, listed on request (5 or Enter), are jumped to with Enter."""

    ALLOW_MAXIMIZE = True

    class JumpRequested(Message):
        """Enter on a related item: the screen should go to it."""

        def __init__(self, kind: Kind, key: str) -> None:
            super().__init__()
            self.kind = kind
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: StoryIndex | None = None
        self.kind: Kind | None = None
        self.key: str | None = None
        self.body = DetailText(Content("Reading the story…"), id="detail-body")
        self.scroll = DetailView(self.body, id="detail-scroll")  # focus target; scroll keys, scrollbar
        self._texts: LRUCache[tuple[Kind, str, int], Content] = LRUCache(RECENT_TEXTS)  # of self.index
        self._related_count = 0
        self._related_keys = RelatedKeys(None)
        self._related_stale = False
        self.related = RelatedList(empty_message="Nothing related.", id="related-list")
        self.related.display = False

    def compose(self) -> ComposeResult:
        yield self.scroll
        yield self.related

    def on_mount(self) -> None:
        self.border_title = "Detail"

    @property
    def has_related(self) -> bool:
        return self._related_count > 0

    def _body_width(self) -> int:
        width = self.body.size.width or self.scroll.size.width  # the text column, scrollbar excluded
        return max(20, width - 1)

    def _detail_text(self, index: StoryIndex, kind: Kind, key: str) -> Content:
        """The item's text at the text column's width, kept for the last few items: going back to a
        pane shows the same Content, which the text view has kept wrapped (`DetailText`)."""
        cache_key = (kind, key, self._body_width())
        text = self._texts.get(cache_key)
        if text is None:
            text = ITEM_KINDS[kind].detail(index, key, cache_key[2])
            self._texts.set(cache_key, text)
        return text

    def show(self, index: StoryIndex, kind: Kind, key: str) -> None:
        changed = (kind, key) != (self.kind, self.key) or index is not self.index
        if index is not self.index:
            self._texts.clear()
        self.index, self.kind, self.key = index, kind, key
        set_border_title(self, f"Detail · {_label(kind, key)}")
        if not changed:
            self.body.update(self._detail_text(index, kind, key))
            return
        keys = RelatedKeys(links_of(index, kind, key))
        self.body.update(self._detail_text(index, kind, key))
        self.body.scroll_home(animate=False, immediate=True)
        self._related_keys, self._related_stale = keys, True
        if self.related.display:
            self._fill_related()
        if self._related_count != len(keys):  # a step between items with as many links draws nothing here
            self._related_count = len(keys)
            set_border_subtitle(self, f"Related {len(keys)} · 5" if keys else "")
        if not keys and self.related.display:
            self.show_related(False)

    def _fill_related(self) -> None:
        """The related list gets the shown item's links when it shows them: a hidden list (the usual
        case while stepping) is neither filled nor sized, so a step lays nothing out."""
        if self._related_stale:
            self._related_stale = False
            self.related.set_items(self._related_keys, self._related_row, self._related_search)

    def refresh_text(self) -> None:
        """Draw the shown item again: what the story says about it changed (quotes checked, say)."""
        self._texts.clear()
        self._redraw()

    def _redraw(self) -> None:
        if self.index is not None and self.kind is not None and self.key is not None:
            self.body.update(self._detail_text(self.index, self.kind, self.key))

    def show_related(self, shown: bool) -> None:
        """List the related items below the text (while they have focus), or hide them."""
        shown = shown and self.has_related
        if shown:
            self._fill_related()
        if self.related.display != shown:
            self.related.display = shown

    def _related_row(self, composite: str, width: int) -> Content:
        assert self.index is not None
        kind, key = split_related(composite)
        item_kind = ITEM_KINDS[kind]
        flag = ("⚠ ", "bold $text-error") if kind == "claim" and key in self.index.unverified else ""
        return Content.assemble(
            (f"{item_kind.label:<10}", "$text-muted"), " ", flag, Content(item_kind.title(self.index, key))
        )

    def _related_search(self, composite: str) -> str:
        assert self.index is not None
        kind, key = split_related(composite)
        return ITEM_KINDS[kind].title(self.index, key)

    def on_resize(self) -> None:
        # A text laid out by width (a conflict's comparison and axis) follows the new width; any
        # other text redraws the same rows, and unchanged rows are not repainted.
        self._redraw()

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if event.virtual_list is self.related:
            event.stop()
            self.post_message(self.JumpRequested(*split_related(event.key)))

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.virtual_list is self.related:
            event.stop()


def _label(kind: Kind, key: str) -> str:
    if key == OVERVIEW_KEY:
        return "Overview"
    if key == TODAY_KEY:
        return "Today"
    return ITEM_KINDS[kind].label
