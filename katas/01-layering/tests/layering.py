"""The import graph of a package, read from its source files, with the file and line of each edge.

Every `import` counts: at module top, inside functions, under `if TYPE_CHECKING:`, and calls of
`importlib.import_module` or `__import__` with a literal name. A module that
imports another module of the package is followed, so a chain through a helper is found too.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    file: str
    line: int
    text: str

    def describe(self) -> str:
        return f"{self.file}, line {self.line}: {self.text}"


class ImportGraph:
    def __init__(self, package_dir: Path) -> None:
        self.root = package_dir.parent
        self.files = {self._name(path): path for path in sorted(package_dir.rglob("*.py"))}
        self.edges = {name: list(self._imports(name, path)) for name, path in self.files.items()}

    def has_package(self, name: str) -> bool:
        return (self.root / name.replace(".", "/") / "__init__.py").is_file()

    def has_module(self, name: str) -> bool:
        return name in self.files

    def chains(self, layer: str, forbidden: tuple[str, ...], limit: int = 3) -> list[list[Edge]]:
        """Shortest import chains from the layer's modules to anything forbidden, one per culprit."""
        starts = sorted(n for n in self.files if n == layer or n.startswith(layer + "."))
        reached_by: dict[str, Edge | None] = dict.fromkeys(starts)
        queue, found, culprits = deque(starts), [], set()
        while queue and len(found) < limit:
            module = queue.popleft()
            for edge in self.edges[module]:
                if _matches(edge.target, forbidden):
                    chain = self._path_to(module, reached_by) + [edge]
                    if (chain[0].file, chain[0].line) not in culprits:  # one chain per offending line
                        culprits.add((chain[0].file, chain[0].line))
                        found.append(chain)
                elif edge.target in self.files and edge.target not in reached_by:
                    reached_by[edge.target] = edge
                    queue.append(edge.target)
        return found[:limit]

    def _path_to(self, module: str, reached_by: dict[str, Edge | None]) -> list[Edge]:
        path: list[Edge] = []
        edge = reached_by[module]
        while edge is not None:
            path.insert(0, edge)
            edge = reached_by[edge.source]
        return path

    def _name(self, path: Path) -> str:
        parts = list(path.relative_to(self.root).with_suffix("").parts)
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    def _imports(self, name: str, path: Path):  # type: ignore[no-untyped-def]
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(self.root).as_posix()
        try:
            tree = ast.parse(source, filename=relative)
        except SyntaxError as error:
            raise AssertionError(
                f"Read {relative} to draw the import graph\n  saw:      a syntax error at line "
                f"{error.lineno}: {error.msg}\n  expected: a module Python can compile"
            ) from None
        lines = source.splitlines()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            for target in self._targets(node, package):
                text = lines[node.lineno - 1].strip() if node.lineno <= len(lines) else ""
                yield Edge(name, target, relative, node.lineno, text)

    def _targets(self, node: ast.AST, package: str) -> list[str]:
        if isinstance(node, ast.Call) and _dynamic_import(node):
            return [self._deepest(node.args[0].value + ".*")]
        if isinstance(node, ast.Import):
            return [self._deepest(alias.name) for alias in node.names]
        if not isinstance(node, ast.ImportFrom):
            return []
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: max(len(package.split(".")) - node.level + 1, 0)]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        return [
            self._deepest(f"{base}.{alias.name}") if alias.name != "*" else self._deepest(base) for alias in node.names
        ]

    def _deepest(self, dotted: str) -> str:
        """The most specific module of the package the name points at; external names stay as written."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in self.files:
                return ".".join(parts[:end])
        # `from sqlalchemy.orm import Session` names the module sqlalchemy.orm, not a symbol
        return dotted.rpartition(".")[0] if len(parts) > 1 else dotted


def _dynamic_import(call: ast.Call) -> bool:
    """`importlib.import_module("x")` or `__import__("x")` with a literal name: an import too."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    first = call.args[0] if call.args else None
    return name in ("import_module", "__import__") and isinstance(first, ast.Constant) and isinstance(first.value, str)


def _matches(target: str, forbidden: tuple[str, ...]) -> bool:
    return any(target == f or target.startswith(f + ".") for f in forbidden)


def culprit(chain: list[Edge], forbidden: tuple[str, ...]) -> str:
    return next(f for f in forbidden if _matches(chain[-1].target, (f,)))


def describe(chains: list[list[Edge]], forbidden: tuple[str, ...]) -> str:
    blocks = []
    for chain in chains:
        hops = "\n".join(f"      {edge.describe()}" for edge in chain)
        blocks.append(f"{chain[0].source} reaches {culprit(chain, forbidden)}:\n{hops}")
    return "\n  ".join(blocks)
