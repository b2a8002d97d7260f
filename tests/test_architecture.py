"""The layers of ARCHITECTURE.md hold: every module listed once, no import upwards, no cycle."""

from __future__ import annotations

import ast
import re

from helpers import paths

PACKAGE = "helpers"


def layers() -> list[tuple[str, list[str]]]:
    text = (paths.ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = re.search(r"```layers\n(.*?)```", text, re.S).group(1)
    return [(name.strip(), modules.split()) for name, modules in
            (line.split(":", 1) for line in block.strip().splitlines())]


def modules() -> list[str]:
    found = []
    for path in sorted(paths.PACKAGE_DIR.rglob("*.py")):
        name = path.relative_to(paths.PACKAGE_DIR).with_suffix("").as_posix().replace("/", ".")
        if not name.endswith("__init__") and name != "__main__":
            found.append(name)
    return found


def imports_of(module: str) -> set[str]:
    """The package modules ``module`` imports, anywhere in its body (function-level imports too)."""
    path = paths.PACKAGE_DIR / (module.replace(".", "/") + ".py")
    here = module.split(".")[:-1]
    known = set(modules())
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                prefix = here[: len(here) - node.level + 1] + (node.module.split(".") if node.module else [])
            elif node.module == PACKAGE or (node.module or "").startswith(PACKAGE + "."):
                prefix = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidate = ".".join(prefix + [alias.name])
                found.add(candidate if candidate in known else ".".join(prefix))
        elif isinstance(node, ast.Import):
            found |= {a.name[len(PACKAGE) + 1:] for a in node.names if a.name.startswith(PACKAGE + ".")}
    return {m for m in found if m in known and m != module}


def test_every_module_is_in_exactly_one_layer():
    listed = [m for _, mods in layers() for m in mods]
    assert sorted(listed) == sorted(modules())


def test_no_module_imports_one_above_its_layer():
    rank = {m: i for i, (_, mods) in enumerate(layers()) for m in mods}
    wing = {m: ("publish" if m.startswith("publish.") else "analysis") for m in rank}
    ground = {m for m in layers()[0][1]}
    wrong = []
    for module in rank:
        for target in imports_of(module):
            if wing[module] == "publish" and target not in ground and wing[target] != "publish":
                wrong.append(f"{module} (publishing wing) imports {target} (analysis wing)")
            elif wing[module] == "analysis" and wing[target] == "publish":
                wrong.append(f"{module} imports {target} (publishing wing)")
            elif wing[module] == wing[target] and rank[target] > rank[module]:
                wrong.append(f"{module} imports {target}, a layer above it")
    assert wrong == []


def test_no_import_cycle():
    graph = {m: imports_of(m) for m in modules()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return trail + [node, nxt]
            if nxt not in state and (cycle := visit(nxt, trail + [node])):
                return cycle
        state[node] = 2
        return None

    for start in graph:
        if start not in state:
            assert visit(start, []) is None


def test_the_checker_sees_function_level_and_relative_imports():
    assert "publish.site" in imports_of("publish.pipeline")
    assert {"paths", "files", "i18n", "meta"} <= imports_of("publish.site")
    assert "notebook" in imports_of("views.figures")


def test_the_package_docstring_draws_the_same_map():
    import helpers

    said = {}
    for line in re.findall(r"^- ([a-z ]+): (.*?)(?=^- |\Z)", helpers.__doc__, re.S | re.M):
        said[line[0]] = {m for m in re.findall(r"``([a-z0-9_.]+)``", line[1]) if "." not in m or m.startswith("views.")}
    drawn = {name: set(mods) for name, mods in layers() if name != "publish"}
    assert {name: said.get(name, set()) for name in drawn} == drawn
    assert "publish" in said["publishing wing"]
