"""Task 5: the source has no silent failures (read with ast; every finding names file and line)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checker.testkit import expect, learner

pytestmark = pytest.mark.task(5, points=4)


def _modules():
    """(path shown to the learner, parsed tree) for every module of the submitted package."""
    package = Path(learner("inkwell").__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield path.relative_to(package.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _swallows(handler: ast.ExceptHandler) -> bool:
    if len(handler.body) != 1:
        return False
    only = handler.body[0]
    if isinstance(only, (ast.Pass, ast.Continue)):
        return True
    if isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant) and only.value.value is Ellipsis:
        return True
    return isinstance(only, ast.Return) and (
        only.value is None or (isinstance(only.value, ast.Constant) and only.value.value is None)
    )


def _error_text(node: ast.expr | None) -> bool:
    if isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.strip().lower().startswith("error")
    )


def _find(rule) -> list[str]:
    return [f"{name}:{node.lineno}" for name, tree in _modules() for node in ast.walk(tree) if rule(node)]


def _report(found, did, expected, why):
    expect(not found, did=did, saw="found at " + ", ".join(found), expected=expected, why=why)


def test_no_handler_swallows_an_error():
    found = _find(lambda n: isinstance(n, ast.ExceptHandler) and _swallows(n))
    _report(
        found,
        did="Read every except clause of the package",
        expected="no handler whose whole body is pass, ..., continue, return or return None",
        why="Such a handler turns a failure into nothing: no one hears of it, and a None travels "
        "on until it crashes far away. Handle the failure, or let it reach the edge.",
    )


def test_no_function_returns_an_error_string():
    found = _find(lambda n: isinstance(n, ast.Return) and _error_text(n.value))
    _report(
        found,
        did="Read every return statement of the package",
        expected="no returned string that starts with 'error'",
        why="A string is not a failure a caller must handle: it looks like a value and flows on. "
        "Return Err(<domain error>).",
    )


def test_no_response_carries_an_ad_hoc_error_member():
    found = _find(
        lambda n: isinstance(n, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "error" for k in n.keys)
    )
    _report(
        found,
        did="Read every dict literal of the package",
        expected="no dict with an 'error' key",
        why="{'error': ...} is an ad-hoc error format, often sent with 200. Every error answer is "
        "a problem body from the one mapping at the edge.",
    )
