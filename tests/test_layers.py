"""Imports point down the layers and never form a cycle.

The layers, lowest first (docs: DESIGN's layout): model, parse, site, packs, rules,
engine, cache, links, output, fix, server, cli; a module may import from its own
layer and the ones below. A module's layer is its package under `postlint/`
(`postlint/parse/document.py` is in `parse`); modules still directly in
`postlint/` have theirs in `FLAT_LAYERS` (`/work/notes/restructure.py` moves them
into their packages). The package root, `__main__`, `api` and the deprecated
shims at old paths sit above every layer.

Every `import` and `from … import` counts, at module level, inside functions and
under `if TYPE_CHECKING:` — for cycles. For the layer order, imports under
`TYPE_CHECKING` are left out: a type hint may name a class of a higher layer (the
`Rule` base class's `check(post: "Post", …)`, in `model`, names the parsed post of
`parse`) without any import at run time.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS = ("model", "parse", "site", "packs", "rules", "engine", "cache", "links", "output", "fix", "server", "cli")
#: above every layer: what users and the packaging call
TOP = "top"

#: the layer of each module still directly in postlint/ (before the restructure moves it)
FLAT_LAYERS = {
    "findings": "model", "rule": "model", "context": "model", "config": "model", "version": "model",
    "jsontext": "model", "project": "model", "profiles": "model", "shortcodes": "model", "boundedload": "model",
    "regexguard": "model", "textsafe": "model", "conventions": "model", "generators": "model",
    "files": "parse", "frontmatter": "parse", "mdparser": "parse", "document": "parse", "prose": "parse",
    "textstats": "parse", "textdata": "parse", "casefold": "parse", "scopes": "parse", "paths": "parse",
    "phrases": "parse", "templates": "parse",
    "site": "site", "collect": "site", "gitignore": "site",
    "packs": "packs", "pack_kinds": "packs",
    "engine": "engine", "registry": "engine", "suppress": "engine", "findinglist": "engine", "configschema": "engine",
    "cache": "cache", "runner": "cache", "cachedir": "cache",
    "linkcheck": "links", "linkclient": "links", "linkcache": "links", "linksettings": "links",
    "reporters": "output", "baseline": "output", "fingerprint": "output",
    "fixer": "fix",
    "cli": "cli", "cli_fix": "cli", "exitcodes": "cli", "docgen": "cli", "cli_site": "cli",
    "__main__": TOP, "api": TOP, "testing": TOP,
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module, dotted
    line: int
    type_checking: bool


def modules(src: Path) -> dict[str, Path]:
    """Dotted name -> file, for every module of the packages under `src`."""
    found = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(src: Path) -> list[Import]:
    """Every import between the modules under `src` (see the module doc)."""
    known = modules(src)
    found: list[Import] = []
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        guarded = {id(node) for guard in ast.walk(tree) if isinstance(guard, ast.If) and _is_type_checking(guard.test)
                   for stmt in guard.body for node in ast.walk(stmt)}
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                for alias in node.names:  # `from . import x`: the module x, when x is one
                    targets.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
            for target in targets:
                while target and target not in known:  # `import a.b.c` of a name inside a module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.append(Import(name, target, node.lineno, id(node) in guarded))  # type: ignore[attr-defined]
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def cycles(edges: list[Import]) -> list[list[str]]:
    """The import cycles: each strongly connected set of two or more modules, sorted."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(graph):  # Tarjan's algorithm, iteratively
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    found.append(sorted(members))
    return sorted(found)


def layer(module: str, flat: dict[str, str], src: Path = SRC) -> str | None:
    """The layer of a dotted module of postlint (see the module doc); None when it has none."""
    parts = module.split(".")
    if len(parts) == 1:
        return TOP  # the package root
    if parts[1] in LAYERS and (src / "postlint" / parts[1]).is_dir():
        return parts[1]
    return flat.get(parts[1])


def rank(name: str) -> int:
    return len(LAYERS) if name == TOP else LAYERS.index(name)


def upward(edges: list[Import], flat: dict[str, str], src: Path = SRC) -> list[str]:
    """Run-time imports from a lower layer to a higher one, as `source:line -> target (layers)`."""
    wrong = []
    for edge in edges:
        if edge.type_checking:
            continue
        low, high = layer(edge.source, flat, src), layer(edge.target, flat, src)
        if low is not None and high is not None and rank(low) < rank(high):
            wrong.append(f"{edge.source}:{edge.line} -> {edge.target} ({low} imports {high})")
    return sorted(wrong)


EDGES = imports(SRC)


def test_no_import_cycle() -> None:
    assert cycles(EDGES) == []


def test_every_module_has_a_layer() -> None:
    assert [m for m in modules(SRC) if m.startswith("postlint") and layer(m, FLAT_LAYERS) is None] == []


def test_imports_point_down_the_layers() -> None:
    assert upward(EDGES, FLAT_LAYERS) == []


def test_the_checks_see_imports_in_functions_and_under_type_checking(tmp_path: Path) -> None:
    """A cycle made of a function-level import and a TYPE_CHECKING one is found, and an
    import up the layers is reported with its line."""
    package = tmp_path / "postlint"
    (package / "model").mkdir(parents=True)
    (package / "parse").mkdir()
    for folder in (package, package / "model", package / "parse"):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "model" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..parse.b import B\n", encoding="utf-8"
    )
    (package / "parse" / "b.py").write_text("def f():\n    from postlint.model import a\n", encoding="utf-8")
    (package / "parse" / "c.py").write_text("import os\n\n\ndef g():\n    from ..cli import main\n", encoding="utf-8")
    (package / "cli.py").write_text("from .parse import c\n", encoding="utf-8")
    edges = imports(tmp_path)
    assert cycles(edges) == [["postlint.cli", "postlint.parse.c"], ["postlint.model.a", "postlint.parse.b"]]
    assert [e.type_checking for e in edges if e.source == "postlint.model.a"] == [True]
    assert upward(edges, {"cli": "cli"}, tmp_path) == ["postlint.parse.c:5 -> postlint.cli (parse imports cli)"]


@pytest.mark.parametrize("name", sorted(FLAT_LAYERS))
def test_the_flat_table_names_layers(name: str) -> None:
    assert FLAT_LAYERS[name] in (*LAYERS, TOP)


#: names that start with `_` but are public, documented API: `os._exit` ends a forked child
#: without the parent's exit handlers or buffered output (the Python docs: "the standard way to
#: exit is sys.exit(n). _exit() should normally only be used in the child process after a fork()")
DOCUMENTED = {"os._exit"}


def private_uses(src: Path) -> list[str]:
    """Imports of other packages' private modules or names (`re._parser`, `_sre`, `from x import _y`)
    and attribute reads of a module's private names (`re._compiler`), as `module:line what`."""
    found = []
    for name, path in modules(src).items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{name}:{node.lineno} import {a.name}" for a in node.names if _private_path(a.name)]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module not in (None, "__future__"):
                if _private_path(node.module or ""):
                    found.append(f"{name}:{node.lineno} from {node.module}")
                found += [f"{name}:{node.lineno} from {node.module} import {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported:
                if node.attr.startswith("_") and not node.attr.startswith("__") and f"{node.value.id}.{node.attr}" not in DOCUMENTED:
                    found.append(f"{name}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def _private_path(module: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split("."))


def test_no_private_internals_of_the_stdlib_or_dependencies(tmp_path: Path) -> None:
    assert private_uses(SRC) == []
    (tmp_path / "m.py").write_text(
        "import re\nimport _sre\nfrom re import _parser\nfrom markdown_it.helpers.parse_link_destination import _Result\n"
        "x = re._compiler\nimport os\nos._exit(0)\nos._wrap_close\n",
        encoding="utf-8",
    )
    assert private_uses(tmp_path) == [
        "m:2 import _sre", "m:3 from re import _parser",
        "m:4 from markdown_it.helpers.parse_link_destination import _Result", "m:5 re._compiler", "m:8 os._wrap_close",
    ]
