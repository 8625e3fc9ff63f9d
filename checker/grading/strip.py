"""The grader's copy of a suite with its expected values taken out (the outside judge's half in the run).

Each Python file of the copied suites is rewritten:

- `expect_equal(actual, expected, ...)` becomes `observe(actual)`: the run sends what it saw and the
  expected value is gone from the files the submission's process can read;
- `expect(x == <literal>, ...)` and `assert x == <literal>` become `observe(x)` the same way;
- every other check (`expect(condition)`, a plain `assert`, `pytest.raises`, `pytest.fail`, a
  `raise` outside an `except` clause, a `return` that skips the checks after it, and a value check
  under an `if`, `try` or `while`, which the run may skip) is decided in the run's process: it
  stays, its `expected=` text is withheld, and the function that holds it announces itself on
  entry (`declare_self()`), so that the grader counts every test that reaches it as
  self-reported.

The grader learns each observation's expected value from the reference solution's run of the same
copy (checker.grading.judge). Suites need follow one rule for this to be exact: the `expected` of
`expect_equal` must not depend on the submission (see docs/authoring.md).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from checker.syntax import parse

WITHHELD = "(withheld: the grader compares this check itself)"
_IMPORT = "from checker.testkit import declare_self as _kata_declare_self, observe as _kata_observe"


@dataclass
class Sites:
    """How many checks of the suites the grader decides (`outside`) and how many the run does (`self`)."""

    outside: int = 0
    self_reported: int = 0
    where: list[str] = field(default_factory=list)  # "file:line" of each self-reported check

    def add(self, other: Sites) -> None:
        self.outside += other.outside
        self.self_reported += other.self_reported
        self.where += other.where


def strip_suites(folders: list[Path]) -> Sites:
    """Rewrite every Python file below `folders` in place; returns the count of each kind of check."""
    sites = Sites()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            text, found = strip_source(path.read_text(encoding="utf-8"), path.relative_to(folder.parent).as_posix())
            path.write_text(text, encoding="utf-8")
            sites.add(found)
    return sites


def strip_source(source: str, name: str = "<suite>") -> tuple[str, Sites]:
    """The rewritten text of one suite file, and its checks by kind."""
    tree = parse(source)
    rewriter = _Rewriter(name)
    tree = rewriter.visit(tree)
    if rewriter.sites.outside or rewriter.sites.self_reported:
        _add_import(tree)
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n", rewriter.sites


def _add_import(tree: ast.Module) -> None:
    at = 0
    for index, node in enumerate(tree.body):
        docstring = index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if docstring or future:
            at = index + 1
    tree.body[at:at] = parse(_IMPORT).body


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        prefix = func.value.id + "." if isinstance(func.value, ast.Name) else ""
        return prefix + func.attr
    return ""


def _is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _observed_side(test: ast.expr) -> ast.expr | None:
    """For `x == <literal>` (either way round), the `x`; None for any other condition."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return None
    left, right = test.left, test.comparators[0]
    if _is_literal(right) and not _is_literal(left):
        return left
    if _is_literal(left) and not _is_literal(right):
        return right
    return None


def _observe(actual: ast.expr, like: ast.AST) -> ast.Call:
    return ast.copy_location(ast.Call(ast.Name("_kata_observe", ast.Load()), [actual], []), like)


def _returns_early(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A `return` anywhere but as the function's last statement: a way out that skips the checks after it."""
    last = function.body[-1] if function.body else None
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

    def walk(node: ast.AST) -> bool:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, nested):
                continue
            if isinstance(child, ast.Return) and child is not last:
                return True
            if walk(child):
                return True
        return False

    return walk(function)


class _Restore(ast.NodeTransformer):
    """Puts back the original checks in place of the observations that replaced them."""

    def __init__(self, originals: dict[int, ast.AST]) -> None:
        self.originals = originals

    def visit(self, node: ast.AST) -> ast.AST:
        original = self.originals.get(id(node))
        return original if original is not None else super().visit(node)


class _Rewriter(ast.NodeTransformer):
    def __init__(self, name: str) -> None:
        self.name = name
        self.sites = Sites()
        self.functions: list[list[bool]] = []  # per enclosing function: [holds a self-reported check]
        self.conditional = 0  # how many if/try/while blocks of the current function enclose this node
        self.handling = 0  # how many `except` clauses enclose this node
        self.originals: dict[int, ast.AST] = {}  # id of each observation put in -> the check it replaced
        self.observed: list[list[ast.AST]] = []  # per enclosing function: the observations put in

    def _put(self, original: ast.AST, observation: ast.AST) -> ast.AST:
        self.originals[id(observation)] = original
        if self.observed:
            self.observed[-1].append(observation)
        return observation

    def _value_site(self, node: ast.AST) -> bool:
        """Count a check a value decides; False when it must stay as written (the run may skip it)."""
        if self.conditional:
            self._self_site(node)  # whether it ran at all is the run's word
            return False
        self.sites.outside += 1
        return True

    def _guarded(self, node: ast.AST) -> ast.AST:
        self.conditional += 1
        self.generic_visit(node)
        self.conditional -= 1
        return node

    visit_If = visit_Try = visit_While = visit_IfExp = visit_Match = _guarded
    visit_TryStar = _guarded

    def _self_site(self, node: ast.AST) -> None:
        self.sites.self_reported += 1
        self.sites.where.append(f"{self.name}:{getattr(node, 'lineno', 0)}")
        for frame in self.functions:
            frame[0] = True

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        self.functions.append([False])
        self.observed.append([])
        checks = self.sites.outside + self.sites.self_reported
        outer, self.conditional = self.conditional, 0
        self.generic_visit(node)
        self.conditional = outer
        if self.sites.outside + self.sites.self_reported > checks and _returns_early(node):
            self._self_site(node)  # `if seen in alternatives: return` decides a pass in the run
        [holds] = self.functions.pop()
        observed = self.observed.pop()
        if holds and observed:
            # A function the run decides in part keeps its value checks as they were: stripping them
            # would leave the run nothing to fail on, and the grader does not judge this function.
            self.sites.outside -= len(observed)
            self.sites.self_reported += len(observed)
            self.sites.where += [f"{self.name}:{getattr(o, 'lineno', 0)}" for o in observed]
            _Restore({id(o): self.originals[id(o)] for o in observed}).visit(node)
        elif self.observed:
            self.observed[-1].extend(observed)
        if holds:
            body = node.body
            at = 1 if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else 0
            declare = ast.Expr(ast.Call(ast.Name("_kata_declare_self", ast.Load()), [], []))
            node.body = [*body[:at], ast.copy_location(declare, body[0]), *body[at:]]
        return node

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        called = _called(node)
        short = called.rsplit(".", 1)[-1]
        if short == "expect_equal":
            actual = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "actual"), None)
            if actual is not None and not isinstance(actual, ast.Starred):
                return self._put(node, _observe(actual, node)) if self._value_site(node) else node
            self._self_site(node)
        elif short == "expect":
            test = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "condition"), None)
            observed = _observed_side(test) if test is not None else None
            if observed is not None and self._value_site(node):
                return self._put(node, _observe(observed, node))
            if observed is None:
                self._self_site(node)
            for keyword in node.keywords:
                if keyword.arg == "expected":
                    keyword.value = ast.copy_location(ast.Constant(WITHHELD), keyword.value)
        elif called in ("pytest.raises", "pytest.fail", "raises", "fail"):
            self._self_site(node)
        return node

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        self.generic_visit(node)
        observed = _observed_side(node.test)
        if observed is None:
            self._self_site(node)
        elif self._value_site(node):
            return self._put(node, ast.copy_location(ast.Expr(_observe(observed, node)), node))
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        self.handling += 1
        self.generic_visit(node)
        self.handling -= 1
        return node

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        self.generic_visit(node)
        if not self.handling:
            # A raise in an `except` clause re-reports a failure already on its way (a scene helper
            # naming the contract call that failed): without it the test fails all the same, so it
            # decides nothing. Any other raise is a check the run decides.
            self._self_site(node)
        return node
