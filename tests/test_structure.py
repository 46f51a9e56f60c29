"""The package's shape: the data layer never imports Textual, and no two modules import each other
(data flows one way: story -> kinds/widgets -> screens -> app), not even for type checking or in a
function body."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui" / "mission_tui"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, at_import_only: bool = False) -> set[str]:
    """The modules a module imports: anywhere (type-checking and function-level imports are
    dependencies too), or only those run when it is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if at_import_only and isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            continue
        if at_import_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {
        name: {target for target in imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def test_the_data_layer_never_imports_textual_or_rich() -> None:
    for path in (PACKAGE / "story").glob("*.py"):
        imported = imports(path, at_import_only=True)
        framework = sorted(m for m in imported if m.split(".")[0] in ("textual", "rich"))
        assert not framework, f"{path.name} imports {framework}"


@pytest.mark.slow
def test_no_import_cycles() -> None:
    edges = graph()
    assert "mission_tui.app" in edges["mission_tui.screenshots"]  # the graph sees relative imports
    in_cycles = []
    for start in sorted(edges):
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges[node])
        if start in seen:
            in_cycles.append(start)
    assert not in_cycles, f"modules that import themselves through others: {in_cycles}"
