"""The shape of the code, checked from its import graph (read with `ast`,
nothing imported): modules stay small, imports run one way, the reader's
rules stand on one floor, and no module reaches into another's private names.

The thresholds are here, not in a config: changing one is a visible edit."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "kroppress"
MAX_LINES = 400
RULES = f"{PACKAGE}.reader.rules"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(modules: dict[str, Path]) -> list[tuple[str, str, str, int]]:
    """(importer, imported module, name or "", line) for every import, at any depth."""
    out = []
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [(module, a.name, "", node.lineno) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, path, node)
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    # `from . import x` names a module when x is one
                    out.append((module, sub, "", node.lineno) if sub in modules
                               else (module, target, a.name, node.lineno))
    return [i for i in out if i[1] == PACKAGE or i[1].startswith(PACKAGE + ".")]


def _owner(name: str, modules: dict[str, Path]) -> str:
    while name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def cycles(modules: dict[str, Path], edges) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for src, dst, _, _ in edges:
        dst = _owner(dst, modules)
        # a package's __init__ importing its own submodules is how packages are made
        if dst != src and not dst.startswith(src + ".") and not src.startswith(dst + "."):
            graph[src].add(dst)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


MODULES = _modules()
EDGES = imports(MODULES)


def test_no_module_over_the_line_limit():
    long = {m: n for m, p in MODULES.items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_import_circle():
    assert cycles(MODULES, EDGES) == []


def test_no_reader_rule_imports_another_rule():
    crossing = [(src, dst, line) for src, dst, _, line in EDGES
                if src.startswith(RULES + ".") and _owner(dst, MODULES).startswith(RULES + ".")
                and _owner(dst, MODULES) != src]
    assert crossing == []


def test_no_private_name_is_imported_across_modules():
    private = [(src, f"{dst}.{name}", line) for src, dst, name, line in EDGES
               if name.startswith("_") and not name.startswith("__") and dst != src]
    private += [(src, dst, line) for src, dst, _, line in EDGES
                if dst.rsplit(".", 1)[-1].startswith("_") and not dst.endswith("__")]
    assert private == []


# ------------------------------------------------------------------ the checks can fail
def test_the_checks_see_what_they_forbid(tmp_path):
    pkg = tmp_path / PACKAGE
    (pkg / "reader" / "rules").mkdir(parents=True)
    for f in ("__init__.py", "reader/__init__.py", "reader/rules/__init__.py"):
        (pkg / f).write_text("")
    (pkg / "a.py").write_text("from .b import helper\n")
    (pkg / "b.py").write_text("def helper():\n    from .a import x\n")      # a lazy import closes it
    (pkg / "reader/rules/one.py").write_text("from .two import rule\n")
    (pkg / "reader/rules/two.py").write_text("from ..state import _State\nrule = 1\n")
    global SRC
    saved = SRC
    SRC = tmp_path
    try:
        modules = _modules()
        edges = imports(modules)
    finally:
        SRC = saved
    assert cycles(modules, edges) == [[f"{PACKAGE}.a", f"{PACKAGE}.b"]]
    assert (f"{PACKAGE}.reader.rules.one", f"{RULES}.two", "rule", 1) in edges
    assert (f"{PACKAGE}.reader.rules.two", f"{PACKAGE}.reader.state", "_State", 1) in edges
