"""First-order mutations of Python source, read and written as an AST.

Each mutation changes one node the way a hurried edit would: a comparison off by one, `and`
for `or`, a constant nudged, a condition negated, a return value dropped, a call removed. Sites
are found in a fixed walk order, so the k-th mutation of a file is the same on every run, and
each is named by where it is (the enclosing function) and what it does, not by line number,
so a list of equivalent mutants survives edits elsewhere in the file.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.syntax import parse

_SWAPS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.And: ast.Or,
    ast.Or: ast.And,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
}

_SYMBOL = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
    ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.And: "and",
    ast.Or: "or", ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Div: "/",
    ast.Mod: "%",
}  # fmt: skip


_TRANSFORMS = {"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize", "replace"}
_TWINS = {"any": "all", "all": "any", "min": "max", "max": "min"}


@dataclass(frozen=True)
class Mutation:
    path: str  # the file, relative to the package's parent: "inkwell/text.py"
    scope: str  # the enclosing function or class, dotted; "<module>" at top level
    what: str  # "`<` -> `<=`"
    occurrence: int  # 1 for the first mutation of this kind in this scope
    line: int
    source: str  # the whole mutated file

    @property
    def id(self) -> str:
        return f"{self.path}::{self.scope}: {self.what} #{self.occurrence}"


Apply = Callable[[ast.AST], ast.AST | None]  # returns the replacement node (None: delete)


@dataclass(frozen=True)
class _Site:
    scope: str
    what: str
    line: int
    apply: Apply


def mutations(path: str, source: str) -> Iterator[Mutation]:
    """Every first-order mutation of `source`, each as the whole mutated file."""
    tree = parse(source)
    seen: dict[tuple[str, str], int] = {}
    for index, site in enumerate(_sites(tree)):
        key = (site.scope, site.what)
        seen[key] = seen.get(key, 0) + 1
        mutated = _mutate(source, index)
        if mutated is not None:
            yield Mutation(path, site.scope, site.what, seen[key], site.line, mutated)


def _mutate(source: str, wanted: int) -> str | None:
    tree = parse(source)
    for index, site in enumerate(_sites(tree)):
        if index == wanted:
            before = ast.unparse(tree)
            site.apply(tree)
            after = ast.unparse(ast.fix_missing_locations(tree))
            return after if after != before else None
    return None


def _sites(tree: ast.Module) -> list[_Site]:
    finder = _Finder()
    finder.visit(tree)
    return finder.sites


class _Finder(ast.NodeVisitor):
    """Walks a module once and records, in order, each place a mutation can be made."""

    def __init__(self) -> None:
        self.sites: list[_Site] = []
        self.scope: list[str] = []
        self.quiet = 0  # inside a raise, a log call or an annotation: texts there are messages

    def _add(self, what: str, node: ast.AST, apply: Apply) -> None:
        scope = ".".join(self.scope) or "<module>"
        self.sites.append(_Site(scope, what, getattr(node, "lineno", 0), apply))

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.scope.append(node.name)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring is not code
        for statement in body:
            self.visit(statement)
        if not isinstance(node, ast.ClassDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    self.visit(default)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Module(self, node: ast.Module) -> None:
        for statement in node.body:
            if isinstance(statement, ast.Import | ast.ImportFrom):
                continue
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                continue
            self.visit(statement)

    def _silently(self, node: ast.AST) -> None:
        self.quiet += 1
        self.generic_visit(node)
        self.quiet -= 1

    visit_Raise = _silently
    visit_Assert = _silently

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        return  # annotations are not behaviour

    def visit_Call(self, node: ast.Call) -> None:
        if _is_log_call(node):
            self._silently(node)
            return
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _TRANSFORMS:
            self._add(f"drop `.{func.attr}()`", node, _replace_with(node, lambda n: n.func.value))
        if isinstance(func, ast.Attribute) and func.attr == "options":
            # Loader options (selectinload, joinedload, raiseload): each one dropped in turn.
            for position, option in enumerate(node.args):
                self._add(f"drop option `{_short(ast.unparse(option), 30)}`", node, _drop_argument(node, position))
        if isinstance(func, ast.Name) and func.id in _TWINS:
            self._add(f"`{func.id}()` -> `{_TWINS[func.id]}()`", func, _set(func, "id", _TWINS[func.id]))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for position, op in enumerate(node.ops):
            swapped = _SWAPS.get(type(op))
            if swapped is not None:
                self._add(
                    f"`{_SYMBOL[type(op)]}` -> `{_SYMBOL[swapped]}`", node, _swap_compare(node, position, swapped)
                )
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        swapped = _SWAPS[type(node.op)]
        self._add(f"`{_SYMBOL[type(node.op)]}` -> `{_SYMBOL[swapped]}`", node, _set(node, "op", swapped))
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swapped = _SWAPS.get(type(node.op))
        if swapped is not None and not _is_text(node):
            self._add(f"`{_SYMBOL[type(node.op)]}` -> `{_SYMBOL[swapped]}`", node, _set(node, "op", swapped))
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        swapped = _SWAPS.get(type(node.op))
        if swapped is not None:
            self._add(f"`{_SYMBOL[type(node.op)]}=` -> `{_SYMBOL[swapped]}=`", node, _set(node, "op", swapped))
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add("`not x` -> `x`", node, _replace_with(node, lambda n: n.operand))
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        self._add("`if c` -> `if not c`", node, _negate(node))
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self._add("`while c` -> `while not c`", node, _negate(node))
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._add("`a if c else b` -> `a if not c else b`", node, _negate(node))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(f"`{value}` -> `{not value}`", node, _set(node, "value", not value))
        elif isinstance(value, int):
            self._add(f"`{value}` -> `{value + 1}`", node, _set(node, "value", value + 1))
            if value != 0:
                self._add(f"`{value}` -> `0`", node, _set(node, "value", 0))
        elif isinstance(value, str) and value and not self.quiet:
            self._add(f"{_short(value)} -> ''", node, _set(node, "value", ""))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # f-strings are messages and keys; their parts are not mutated

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self._add("`return x` -> `return None`", node, _set(node, "value", ast.Constant(None)))
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call):
            self._add(
                f"remove `{_short(ast.unparse(node.value), 40)}`", node, _replace_with(node, lambda n: ast.Pass())
            )
        self.generic_visit(node)

    def visit_Break(self, node: ast.Break) -> None:
        self._add("`break` -> `continue`", node, _replace_with(node, lambda n: ast.Continue()))

    def visit_Continue(self, node: ast.Continue) -> None:
        self._add("`continue` -> `break`", node, _replace_with(node, lambda n: ast.Break()))


def _short(text: str, limit: int = 24) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text) if not text.startswith(("'", '"')) else text


def _is_text(node: ast.BinOp) -> bool:
    return any(isinstance(side, ast.Constant | ast.JoinedStr) and not isinstance(getattr(side, "value", 0), int)
               for side in (node.left, node.right))  # fmt: skip


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    names = {"debug", "info", "warning", "error", "exception", "critical", "log", "print"}
    return (isinstance(func, ast.Attribute) and func.attr in names) or (
        isinstance(func, ast.Name) and func.id == "print"
    )


# Each site is found on one tree and applied to a fresh parse of the same source: the helpers
# below find "the same node" there by its position in the walk, through the node's coordinates.


def _locate(tree: ast.AST, target: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if type(node) is type(target) and _coordinates(node) == _coordinates(target):
            return node
    raise LookupError("mutation site not found")


def _coordinates(node: ast.AST) -> tuple[int, int, int, int]:
    return (
        getattr(node, "lineno", -1),
        getattr(node, "col_offset", -1),
        getattr(node, "end_lineno", -1) or -1,
        getattr(node, "end_col_offset", -1) or -1,
    )


def _set(node: ast.AST, field: str, value: object) -> Apply:
    def apply(tree: ast.AST) -> ast.AST:
        found = _locate(tree, node)
        replacement = value() if isinstance(value, type) else copy.deepcopy(value)
        setattr(found, field, replacement)
        return found

    return apply


def _swap_compare(node: ast.Compare, position: int, swapped: type[ast.AST]) -> Apply:
    def apply(tree: ast.AST) -> ast.AST:
        found = _locate(tree, node)
        assert isinstance(found, ast.Compare)
        operator = swapped()
        assert isinstance(operator, ast.cmpop)
        found.ops[position] = operator
        return found

    return apply


def _drop_argument(node: ast.Call, position: int) -> Apply:
    def apply(tree: ast.AST) -> ast.AST:
        found = _locate(tree, node)
        assert isinstance(found, ast.Call)
        del found.args[position]
        return found

    return apply


def _negate(node: ast.If | ast.While | ast.IfExp) -> Apply:
    def apply(tree: ast.AST) -> ast.AST:
        found = _locate(tree, node)
        assert isinstance(found, ast.If | ast.While | ast.IfExp)
        found.test = ast.UnaryOp(op=ast.Not(), operand=found.test)
        return found

    return apply


def _replace_with(node: ast.AST, make: Callable[[Any], ast.AST]) -> Apply:
    def apply(tree: ast.AST) -> ast.AST:
        found = _locate(tree, node)
        replacement = make(found)
        for parent in ast.walk(tree):
            for field, value in ast.iter_fields(parent):
                if value is found:
                    setattr(parent, field, replacement)
                    return replacement
                if isinstance(value, list) and any(item is found for item in value):
                    value[[i for i, item in enumerate(value) if item is found][0]] = replacement
                    return replacement
        raise LookupError("mutation site has no parent")

    return apply
