"""Whether a submission provides the kata's contract: the `module:name` its suites build the app through.

Read from the source, never imported: the submission's code runs only in the check's own process.
"""

from __future__ import annotations

import ast
from pathlib import Path

from checker.catalog import Kata
from checker.syntax import parse

_LARGEST = 1_000_000  # bytes of source read; a larger module is left to the suites


def contract_problem(kata: Kata, package: Path) -> str | None:
    """One line when the package at `package` lacks the kata's contract; None when it has it (or says none)."""
    if not kata.contract:
        return None
    module, name = kata.contract.split(":", 1)
    parts = module.split(".")
    source = _module_file(package, parts[1:])
    shown = "/".join(parts) + (".py" if len(parts) > 1 else "/__init__.py")
    why = f"the suites build the app through {kata.contract}"
    if source is None:
        return f"{shown} is missing: {why}."
    if source.is_symlink() or source.stat().st_size > _LARGEST:
        return None  # never follow a submission's link out of it; the suites judge what it holds
    try:
        tree = parse(source.read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # the suites report the syntax error with its line
    names = _top_level_names(tree.body)
    if name in names or "*" in names:
        return None
    return f"{shown} has no {name}: {why}."


def _module_file(package: Path, parts: list[str]) -> Path | None:
    folder = package.joinpath(*parts)
    for candidate in (folder.with_suffix(".py") if parts else None, folder / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _top_level_names(body: list[ast.stmt]) -> set[str]:
    """The names a module binds at import time, through branches (if, try, with) but not inside functions."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.If | ast.Try | ast.With | ast.For | ast.While):
            for block in ("body", "orelse", "finalbody"):
                names |= _top_level_names(getattr(node, block, []))
            for handler in getattr(node, "handlers", []):
                names |= _top_level_names(handler.body)
    return names
