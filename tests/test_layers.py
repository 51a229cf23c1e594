"""The layers of the house (DESIGN.md): imports only point down, and no import cycle in nnviz.

Read from the source with ``ast``, so a lazy import inside a function counts too (it runs some day).
Imports under ``if TYPE_CHECKING:`` are annotations only and never run: they are not counted.

| layer    | modules                                                            | may import (nnviz)            |
|----------|--------------------------------------------------------------------|-------------------------------|
| ground   | palette, errors, files                                             | ground                        |
| engine   | nnviz/engine/                                                      | engine, ground                |
| analysis | nnviz/analysis/, nnviz/data.py                                     | analysis, engine, ground      |
| drawing  | nnviz/animate/, nnviz/plots/, nnviz/latex/, nnviz/pages/           | drawing, analysis, engine,    |
|          |                                                                    | ground (animate ↮ plots)      |
| lecture  | scenes/ (installed as nnviz.scenes)                                | all but the front             |
| front    | everything else: cli, commands, render, gallery, slides, …         | everything                    |

Besides nnviz: the engine imports numpy only (the ONNX reader imports onnx inside its function);
no layer below the front imports click; analysis imports no manim, plotly or matplotlib; nothing
imports ``nnviz.cli`` or ``nnviz.commands`` but the CLI itself.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE, SCENES = ROOT / "nnviz", ROOT / "scenes"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

GROUND = {"nnviz.palette", "nnviz.errors", "nnviz.files"}
DRAWING = ("nnviz.animate", "nnviz.plots", "nnviz.latex", "nnviz.pages")
BELOW = {"ground": {"ground"}, "engine": {"ground", "engine"}, "analysis": {"ground", "engine", "analysis"},
         "drawing": {"ground", "engine", "analysis", "drawing"},
         "lecture": {"ground", "engine", "analysis", "drawing", "lecture"}}
# Libraries a layer may use besides the standard library and nnviz (None: any).
THIRD_PARTY = {"ground": set(), "engine": {"numpy"}, "analysis": None, "drawing": None, "lecture": None}
FORBIDDEN = {"analysis": {"manim", "plotly", "matplotlib", "click", "manim_slides"},
             "drawing": {"click"}, "lecture": {"click"}, "engine": {"click"}}
# Readers of other formats import their library inside the reader's function (DESIGN.md).
LAZY_ALLOWED = {"nnviz.engine.onnx": {"onnx"}, "nnviz.engine.sklearn": {"sklearn"}}


@dataclass(frozen=True)
class Import:
    module: str  # the module importing
    target: str  # what it imports (a module, or a package)
    line: int
    lazy: bool  # inside a function: runs only when called


def module_name(path: Path) -> str:
    if path.is_relative_to(SCENES):
        parts = ("nnviz", "scenes", *path.relative_to(SCENES).with_suffix("").parts)
    else:
        parts = ("nnviz", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    if module in GROUND:
        return "ground"
    for name, prefixes in (("engine", ("nnviz.engine",)), ("analysis", ("nnviz.analysis", "nnviz.data")),
                           ("drawing", DRAWING), ("lecture", ("nnviz.scenes",))):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return name
    return "front"


def sources() -> dict[str, Path]:
    files = [*PACKAGE.rglob("*.py"), *SCENES.rglob("*.py")]
    return {module_name(f): f for f in files if "slides-assets" not in f.parts}


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(module: str, path: Path, known: set[str]) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and is_type_checking(child):
                for other in child.orelse:
                    visit(other, lazy)
                continue
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend(Import(module, alias.name, child.lineno, lazy) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.rsplit(".", child.level - 1)[0] if child.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                for alias in child.names:  # `from nnviz import data` imports the module nnviz.data
                    sub = f"{base}.{alias.name}"
                    found.append(Import(module, sub if sub in known else base, child.lineno, lazy))
            visit(child, inner)

    visit(tree, False)
    return found


ALL = sources()
IMPORTS = [imp for module, path in ALL.items() for imp in imports_of(module, path, set(ALL))]


def nnviz_target(imp: Import) -> str | None:
    """The nnviz module an import reaches (resolving scenes' own imports), or None for a library."""
    top = imp.target.split(".")[0]
    if top == "nnviz":
        return imp.target
    if top == "scenes":  # a scene importing a sibling as `scenes.x`
        return "nnviz." + imp.target
    return None


def describe(imp: Import) -> str:
    return f"{ALL[imp.module].relative_to(ROOT)}:{imp.line} imports {imp.target}"


def test_the_table_knows_every_layer():
    assert layer("nnviz.engine.network") == "engine" and layer("nnviz.data") == "analysis"
    assert layer("nnviz.pages.trace") == "drawing" and layer("nnviz.scenes.deep") == "lecture"
    assert layer("nnviz.cli") == layer("nnviz.commands.engine") == layer("nnviz") == "front"
    assert len(IMPORTS) > 100  # the parser saw the code


def test_imports_only_point_down():
    wrong = []
    for imp in IMPORTS:
        target = nnviz_target(imp)
        here = layer(imp.module)
        if target is None or here == "front":
            continue
        there = layer(target)
        if there not in BELOW[here]:
            wrong.append(f"{describe(imp)} ({here} → {there})")
        elif here == there == "drawing":
            own, theirs = imp.module.split(".")[1], target.split(".")[1]
            if {own, theirs} == {"animate", "plots"}:
                wrong.append(f"{describe(imp)} (animate and plots do not import each other)")
    assert not wrong, "upward imports:\n" + "\n".join(wrong)


def test_libraries_each_layer_may_use():
    wrong = []
    for imp in IMPORTS:
        here = layer(imp.module)
        top = imp.target.split(".")[0]
        if here == "front" or top in STDLIB or nnviz_target(imp) is not None:
            continue
        if top in FORBIDDEN.get(here, set()):
            wrong.append(f"{describe(imp)} (no {top} in the {here} layer)")
        allowed = THIRD_PARTY[here]
        if allowed is not None and top not in allowed and \
                not (imp.lazy and top in LAZY_ALLOWED.get(imp.module, set())):
            wrong.append(f"{describe(imp)} (the {here} layer imports only {', '.join(sorted(allowed)) or 'stdlib'})")
    assert not wrong, "\n".join(wrong)


def test_nothing_imports_the_cli():
    wrong = [describe(imp) for imp in IMPORTS
             if (nnviz_target(imp) or "").startswith(("nnviz.cli", "nnviz.commands"))
             and not imp.module.startswith(("nnviz.cli", "nnviz.commands"))]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    graph: dict[str, set[str]] = {module: set() for module in ALL}
    for imp in IMPORTS:
        target = nnviz_target(imp)
        if target in ALL and target != imp.module:  # lazy imports too: a knot is a knot
            graph[imp.module].add(target)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " → ".join(cycle))
