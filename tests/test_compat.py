"""The seam: private Textual/Rich names only in textual_compat, touched only once installed, and an
app that runs the same on stock Textual (other versions, or MISSION_TUI_STOCK_TEXTUAL=1)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest
import rich
import textual
from textual.strip import Strip

from mission_tui import textual_compat
from mission_tui.textual_compat import bindings, patch

PACKAGE = Path(__file__).resolve().parent.parent / "tui" / "mission_tui"
COMPAT = PACKAGE / "textual_compat"
NOT_FRAMEWORK = {"os", "sys"}  # `os._exit` is the standard library's, not a framework's private name


# A method, an attribute stored on an object, or a name assigned in an indented block (class bodies,
# and function locals too: a superset, which can only make the check stricter). A regex, not ast: the
# ~350 files of Textual and Rich take 0.5 s this way, 2.7 s parsed.
_DEFINES_PRIVATE = re.compile(
    r"\bdef (_\w+)"  # def _method
    r"|\.(_\w+)\s*(?::[^=\n]*)?=(?!=)"  # obj._attribute = / obj._attribute: T =
    r"|^[ \t]+(_\w+)\s*(?::[^=\n]*)?=(?!=)",  # _name = inside a class (or a function)
    re.M,
)


@cache
def framework_private_names() -> frozenset[str]:
    """Every `_name` Textual and Rich define: methods, attributes they assign, class attributes."""
    names: set[str] = set()
    for package in (textual, rich):
        for path in Path(package.__file__).parent.rglob("*.py"):
            for match in _DEFINES_PRIVATE.finditer(path.read_text(encoding="utf-8")):
                names.add(next(group for group in match.groups() if group))
    return frozenset(n for n in names if not n.startswith("__"))


FRAMEWORKS = ("textual", "rich")


def _imports_framework(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in FRAMEWORKS for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FRAMEWORKS:
            return True
    return False


def private_uses(nodes: Iterable[ast.AST]) -> list[tuple[int, str]]:
    """(line, what) for each private framework name used among `nodes`, in line order: imports of
    private modules, `__wrapped__`, attributes with a framework's private name, methods overriding one."""
    return sorted(_private_uses(nodes))


def _private_uses(nodes: Iterable[ast.AST]) -> Iterator[tuple[int, str]]:
    private = framework_private_names()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] in ("textual", "rich") and (
                any(p.startswith("_") for p in parts) or any(a.name.startswith("_") for a in node.names)
            ):
                yield node.lineno, f"from {node.module} import ..."
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in ("textual", "rich") and any(p.startswith("_") for p in parts):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if node.attr == "__wrapped__" or (node.attr in private and owner not in NOT_FRAMEWORK):
                yield node.lineno, f".{node.attr}"
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name in private:
                    yield item.lineno, f"def {item.name} (overrides a private method)"


def test_private_framework_names_live_only_in_textual_compat() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if COMPAT in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _imports_framework(tree):
            continue  # story/ and friends: their `_names` are their own objects'
        uses = private_uses(ast.walk(tree))
        found += [f"{path.relative_to(PACKAGE)}:{line}: {what}" for line, what in uses]
    assert not found, "private Textual/Rich names outside textual_compat/:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for() -> None:
    """The check above is worth something only if it sees each kind of use."""
    source = textwrap.dedent(
        """
        from textual._compositor import ChopsUpdate
        import rich._wrap
        from textual.widget import Widget

        class W(Widget):
            def _size_updated(self, size, virtual_size, container_size, layout=True):
                return self._refresh_scrollbars()

        f = g.__wrapped__
        os._exit(0)
        """
    )
    found = [what for _, what in private_uses(ast.walk(ast.parse(source)))]
    assert found == [
        "from textual._compositor import ...",
        "import rich._wrap",
        "def _size_updated (overrides a private method)",
        "._refresh_scrollbars",
        ".__wrapped__",
    ], found


def _module_level(tree: ast.Module) -> Iterator[ast.AST]:
    """What runs when a module is imported: its statements and class bodies, not function bodies,
    nor `if TYPE_CHECKING:` blocks."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            stack.extend(node.decorator_list)  # decorators do run at import
            continue
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def test_nothing_private_is_touched_at_import() -> None:
    found = []
    for path in sorted(COMPAT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, what in private_uses(_module_level(tree)):
            if "overrides a private method" not in what:  # defining an override touches nothing
                found.append(f"{path.name}:{line}: {what}")
    assert not found, "\n".join(found)


RENAMED_TEXTUAL = """
import sys
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.strip import Strip

# A Textual whose private names changed: every one the patches use at install is gone.
del CommandPalette._gather_commands, CommandPalette._action_command_list
del CommandPalette._GATHER_COMMANDS_GROUP
Strip._render_cache = property(lambda self: (_ for _ in ()).throw(AttributeError("renamed")))
import mission_tui.app, mission_tui.cli, mission_tui.screenshots  # noqa: E401  imports must not care
from mission_tui import textual_compat
print("reason:", textual_compat.install())
print("active:", textual_compat.active_patches())
"""


def test_a_textual_with_renamed_internals_still_imports_and_installs_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-c", RENAMED_TEXTUAL],
        capture_output=True,
        text=True,
        timeout=60,
        env={"MISSION_TUI_STOCK_TEXTUAL": "1", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "reason: MISSION_TUI_STOCK_TEXTUAL is set" in result.stdout
    assert "active: []" in result.stdout


def test_other_versions_install_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(patch.WRITTEN_FOR, "textual", "0.0.1")
    assert patch.stock_reason({}) == "textual 8.2.8 installed; the patches were written for 0.0.1"
    monkeypatch.setitem(patch.WRITTEN_FOR, "textual", textual.__version__)
    monkeypatch.setitem(patch.WRITTEN_FOR, "rich", "99.0")
    assert "rich" in (patch.stock_reason({}) or "")
    assert patch.stock_reason({"MISSION_TUI_STOCK_TEXTUAL": "1"}) == "MISSION_TUI_STOCK_TEXTUAL is set"
    assert patch.switched_off({"MISSION_TUI_COMPAT_OFF": "output, borders,"}) == {"output", "borders"}


@pytest.fixture
def stock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stock Textual for one test (as MISSION_TUI_STOCK_TEXTUAL=1 gives), then as conftest left it."""
    textual_compat.uninstall()
    monkeypatch.setenv(patch.STOCK_ENV, "1")
    assert textual_compat.install() == f"{patch.STOCK_ENV} is set"
    try:
        yield
    finally:
        monkeypatch.undo()
        textual_compat.uninstall()
        textual_compat.install()


@pytest.mark.patched
def test_install_is_idempotent_and_uninstall_restores_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(patch.OFF_ENV, raising=False)
    textual_compat.uninstall()
    original = Strip.render
    try:
        assert textual_compat.install() is None
        patched = Strip.render
        assert patched is not original
        assert textual_compat.install() is None and Strip.render is patched  # the second call: nothing
        textual_compat.uninstall()
        assert Strip.render is original and textual_compat.active_patches() == []
    finally:
        textual_compat.install()


@pytest.mark.slow
async def test_the_explorer_runs_on_stock_textual(stock: None, make) -> None:
    """Every patch off: the same keys do the same things (the Pilot suite does this too in CI)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await pilot.press("n", "n")
        assert screen.progress_text == "step 2 of 5"
        await pilot.press("4", "ctrl+p", *"Partnership", "enter", "question_mark", "escape")
        assert textual_compat.active_patches() == []
        assert screen.key_points.list.highlighted_key == "kp-partner"
        assert screen.progress_text == "step 2 of 5"  # looking at a key point does not move the step


@pytest.mark.patched
async def test_help_reads_the_same_bindings_without_the_patch(make) -> None:
    """The public fallback merges the same bindings Textual did, for every node the help lists."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = app.main_screen
        nodes = [app, main, main.timeline, main.timeline.list, main.detail.scroll]
        for node in nodes:
            private = {key: list(found) for key, found in node._bindings.key_to_bindings.items()}
            assert bindings._merged_from_classes(node) == private, type(node).__name__
