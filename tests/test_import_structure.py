"""The package's import structure, read from its source (every import, also those inside functions).

- No import circle between modules.
- A pipeline stage imports only itself and the leaves (model, errors, standards, lib, the package's
  own ``__init__`` for the version): no stage imports another, so none imports a later one either.
- The leaves import only leaves; the sample generator imports no part of the reviewer.
Only ``pipeline`` (and the commands above it: cli, batch, evaluate) knows the stages' order.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "dossier_review"
STAGES = ("ingest", "pages", "segment", "extract", "check", "score", "report")
LEAVES = ("model", "errors", "standards", "lib", "law", "")  # "" = dossier_review/__init__.py
GENERATOR = "samplegen"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PKG.rglob("*.py")}


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(mod, is_pkg, node)
                # ``from . import x`` names a module when x is one, else a name of the package
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for t in targets:
                while t and t not in mods and "." in t:
                    t = t.rsplit(".", 1)[0]
                if t in mods and t.startswith("dossier_review") and t != mod:
                    graph[mod].add(t)
    return graph


def _part(mod: str) -> str:
    """The top-level part of the package a module belongs to ("" for the package's own init)."""
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = _imports(_modules())


def test_the_graph_was_read():
    assert "dossier_review.pipeline" in GRAPH and len(GRAPH) > 50
    assert "dossier_review.check.registry" in GRAPH["dossier_review.check.documents"]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle():
    assert _cycles(GRAPH) == []


def test_the_circle_detector_finds_one():
    # near miss: the same detector on a graph with a circle
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_itself_and_the_leaves(stage):
    bad = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if _part(m) == stage
                 for t in targets if _part(t) not in (stage, *LEAVES))
    assert bad == []


def test_leaves_import_only_leaves():
    bad = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if _part(m) in LEAVES
                 for t in targets if _part(t) not in LEAVES)
    assert bad == []


def test_the_generator_does_not_import_the_reviewer():
    bad = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if _part(m) == GENERATOR
                 for t in targets if _part(t) not in (GENERATOR, *LEAVES))
    assert bad == []


def test_only_the_pipeline_and_the_commands_above_it_import_stages():
    allowed = {"pipeline", "cli", "batch", "evaluate", *STAGES}
    bad = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if _part(m) not in allowed
                 for t in targets if _part(t) in STAGES)
    assert bad == []
