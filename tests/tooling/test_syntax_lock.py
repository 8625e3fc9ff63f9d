"""The checker parses Python only through `checker.syntax.parse`, which holds one lock: two
`ast.parse` calls in two threads at once can fail in CPython 3.11 (python/cpython#106905), and the
grader's threads scan submissions and rewrite suites side by side. This is how a decoy once scored
0 under the outside judge: "SystemError: AST constructor recursion depth mismatch"."""

from __future__ import annotations

import ast
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[2] / "checker"


def _direct_parses(path: Path) -> list[int]:
    """Lines that call `ast.parse`, or import it by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "parse"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "ast"
    ]
    imports = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "ast" and any(a.name == "parse" for a in node.names)
    ]
    return calls + imports


def test_no_module_of_the_checker_calls_ast_parse_but_the_locked_one():
    found = {
        f"{path.relative_to(CHECKER.parent)}:{line}"
        for path in CHECKER.rglob("*.py")
        if path.name != "syntax.py"
        for line in _direct_parses(path)
    }
    assert not found, f"call checker.syntax.parse instead of ast.parse (it holds the lock): {sorted(found)}"
    assert _direct_parses(CHECKER / "syntax.py"), (
        "checker.syntax no longer calls ast.parse: the scan above reads nothing"
    )
