"""The architecture, held against the code: which part may import which, and no loops.

Stages run ingest → extract → ledger → (panel) → estimate → simulate → report, with
``pipeline`` wiring them for the front ends (``web``, ``cli``). Shared records and
reference data may be imported by anyone. The pure stages (estimate, simulate,
report) never import the ledger: they get records and give records.
"""

from __future__ import annotations

import ast
import pathlib
from collections import defaultdict

import relokant

SRC = pathlib.Path(relokant.__file__).parent
#: Modules every part may import: records, errors and reference data.
SHARED = {"records", "errors", "bundle", "events", "places", "kinds", "urls"}
#: The package's front (the curated API, ``python -m relokant``) may import anything.
FRONT = {"__init__", "__main__"}
#: What each part may import besides the shared modules (itself always).
ALLOWED: dict[str, set[str]] = {
    "ingest": set(),
    "extract": {"ingest"},
    "ledger": {"ingest", "extract"},
    "consistency": set(),
    "panel": {"ledger"},
    "estimate": set(),
    "simulate": {"estimate"},
    "report": {"estimate", "simulate", "consistency", "extract", "panel"},
    "publish": {"ledger", "estimate", "report", "panel"},
    "pipeline": {"ingest", "extract", "ledger", "consistency", "panel", "estimate",
                 "simulate", "report", "publish"},
    "web": {"pipeline", "ingest", "extract", "ledger", "consistency", "panel", "estimate",
            "simulate", "report", "publish"},
    "cli": {"pipeline", "ingest", "extract", "ledger", "consistency", "panel", "estimate",
            "simulate", "report", "publish", "web"},
}


def _module_name(path: pathlib.Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: pathlib.Path) -> set[str]:
    """Every relokant module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("relokant"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("relokant"))
    return found


def _sources() -> list[pathlib.Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def test_every_part_is_declared() -> None:
    parts = {p.relative_to(SRC).parts[0].removesuffix(".py") for p in _sources()}
    assert parts <= SHARED | FRONT | set(ALLOWED), parts - SHARED - FRONT - set(ALLOWED)


def test_parts_import_only_what_the_architecture_allows() -> None:
    wrong = []
    for path in _sources():
        part = path.relative_to(SRC).parts[0].removesuffix(".py")
        if part in FRONT:
            continue
        allowed = ALLOWED.get(part, set()) | SHARED | {part}
        if part in SHARED:
            allowed = SHARED
        for module in _imports(path):
            target = module.split(".")[1] if "." in module else ""
            if target and target not in allowed:
                wrong.append(f"{path.relative_to(SRC)} imports {module}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_no_import_loops() -> None:
    modules = {_module_name(p): p for p in _sources()}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for module in _imports(path):
            # "from relokant.x import y": y may be a module or a name in x
            target = module if module in modules else module.rpartition(".")[0]
            # a module importing its own package's __init__ is not a loop
            if target in modules and target != name and not name.startswith(target + "."):
                graph[name].add(target)
    on_stack: list[str] = []
    state: dict[str, int] = {}
    loops: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        on_stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                loops.append(" -> ".join([*on_stack[on_stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt)
        on_stack.pop()
        state[node] = 2

    for node in list(modules):
        if node not in state:
            visit(node)
    assert not loops, "\n".join(loops)


#: Parts split into modules of one job (#10): none of their modules may grow past this.
SPLIT_PARTS = ("web", "ledger", "estimate", "pipeline", "consistency", "report", "publish")
MAX_LINES = 300


def test_split_rooms_stay_small() -> None:
    big = [f"{p.relative_to(SRC)}: {n} lines" for p in _sources()
           if p.relative_to(SRC).parts[0] in SPLIT_PARTS
           and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not big, "\n".join(big)


def test_the_ledger_does_not_hold_analysis() -> None:
    """Consistency checks are analysis of claims: they live outside the ledger."""
    assert not (SRC / "ledger" / "checks.py").exists()
    assert (SRC / "consistency" / "checks.py").exists()
