"""What the route handlers of a running app reach for: sessions, SQLAlchemy objects, rule functions.

It reads the app FastAPI built (its routes and their dependency trees) and the names each
handler's code uses, resolved against the handler's globals and closure, so it sees the
objects themselves rather than guessing from their spelling.
"""

from __future__ import annotations

import inspect
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Handler:
    label: str  # "handler publish (POST /posts/{post_id}/publish, inkwell/app.py:88)"
    methods: tuple[str, ...]
    path: str
    functions: tuple[Any, ...]  # the endpoint and every dependency it uses, that the submission defines


def handlers(app: Any, root: Path) -> list[Handler]:
    found = []
    for route, path in _api_routes(app.routes, ""):
        methods = "/".join(sorted(route.methods or ()))
        label = f"handler {route.endpoint.__name__} ({methods} {path}, {where(route.endpoint, root)})"
        calls = [d.call for d in _dependants(route.dependant) if _ours(d.call, root)]
        found.append(Handler(label, tuple(sorted(route.methods or ())), path, tuple(dict.fromkeys(calls))))
    return found


def _api_routes(routes: list[Any], prefix: str) -> list[tuple[Any, str]]:
    """Every APIRoute with its full path, inside included routers too (kept nested by newer FastAPI)."""
    from fastapi.routing import APIRoute

    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append((route, prefix + route.path))
        elif hasattr(route, "original_router"):
            context = getattr(route, "include_context", None)
            found.extend(_api_routes(route.original_router.routes, prefix + getattr(context, "prefix", "")))
    return found


def session_parameters(function: Any) -> list[str]:
    """The parameters through which a function receives a SQLAlchemy Session."""
    from sqlalchemy.orm import Session

    try:
        hints = typing.get_type_hints(function, include_extras=True)
    except Exception:  # noqa: BLE001 - unresolvable annotations: fall back to the raw ones
        hints = dict(getattr(function, "__annotations__", {}))
    return [name for name, hint in hints.items() if _mentions(hint, Session)]


def used_objects(function: Any) -> dict[str, Any]:
    """Every global or closure name the function's code (nested code included) refers to."""
    code = function.__code__
    cells = zip(code.co_freevars, function.__closure__ or (), strict=False)
    closure = {name: cell.cell_contents for name, cell in cells if _filled(cell)}
    names = _names(code)
    used = {n: closure[n] for n in names if n in closure}
    used.update({n: function.__globals__[n] for n in names if n in function.__globals__ and n not in used})
    attributes = set(names)
    for name, value in list(used.items()):
        if isinstance(value, types.ModuleType):  # `services.publish`: report the attribute used
            for attribute in attributes & set(vars(value)):
                used[f"{name}.{attribute}"] = getattr(value, attribute)
    return used


def sqlalchemy_kind(value: Any) -> str | None:
    """'an ORM-mapped class', 'from sqlalchemy.orm', ... or None for a value with no tie to SQLAlchemy."""
    from sqlalchemy import inspect as sa_inspect

    if isinstance(value, type) and sa_inspect(value, raiseerr=False) is not None:
        return "an ORM-mapped class"
    if isinstance(value, types.ModuleType):
        return "a SQLAlchemy module" if value.__name__.split(".")[0] == "sqlalchemy" else None
    if isinstance(value, (type, types.FunctionType)):
        module = getattr(value, "__module__", "") or ""
        return "from sqlalchemy" if module.split(".")[0] == "sqlalchemy" else None
    kind = type(value)
    return f"a SQLAlchemy {kind.__name__}" if kind.__module__.split(".")[0] == "sqlalchemy" else None


def where(function: Any, root: Path) -> str:
    function = inspect.unwrap(function)
    try:
        path = Path(function.__code__.co_filename).resolve().relative_to(root)
    except (AttributeError, ValueError):
        return getattr(function, "__module__", "?")
    return f"{path.as_posix()}:{function.__code__.co_firstlineno}"


def interface_functions(root: Path) -> list[Any]:
    """The functions defined at the top of the loaded modules of inkwell.interface."""
    found = []
    for name, module in sorted(sys.modules.items()):
        if module is None or not (name == "inkwell.interface" or name.startswith("inkwell.interface.")):
            continue
        for value in vars(module).values():
            if isinstance(value, types.FunctionType) and value.__module__ == name and _ours(value, root):
                found.append(value)
    return found


def _dependants(dependant: Any) -> list[Any]:
    found = [dependant]
    for child in dependant.dependencies:
        found.extend(_dependants(child))
    return found


def _ours(call: Any, root: Path) -> bool:
    call = inspect.unwrap(call) if callable(call) else call
    code = getattr(call, "__code__", None)
    if code is None:
        return False
    try:
        Path(code.co_filename).resolve().relative_to(root)
    except ValueError:
        return False
    return True


def _mentions(hint: Any, kind: type) -> bool:
    if isinstance(hint, type) and issubclass(hint, kind):
        return True
    return any(_mentions(arg, kind) for arg in typing.get_args(hint))


def _names(code: types.CodeType) -> list[str]:
    names = list(code.co_names) + list(code.co_freevars)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names.extend(_names(const))
    return list(dict.fromkeys(names))


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises ValueError
    except ValueError:
        return False
    return True


def session_report(app: Any, root: Path) -> list[str]:
    """One sentence per handler or dependency that takes (or hands out) a Session."""
    users: dict[Any, list[str]] = {}
    endpoints = {}
    for handler in handlers(app, root):
        endpoints[handler.functions[0]] = handler.label
        for function in handler.functions[1:]:
            users.setdefault(function, []).append(handler.label.split(" (")[0].removeprefix("handler "))
    lines = []
    for function in dict.fromkeys([*endpoints, *users]):
        params = session_parameters(function)
        if not params:
            continue
        takes = ", ".join("returns a Session" if p == "return" else f"takes {p}: Session" for p in params)
        if function in endpoints:
            lines.append(f"{endpoints[function]} {takes}")
        else:
            used_by = ", ".join(dict.fromkeys(users[function]))
            lines.append(f"dependency {function.__name__} ({where(function, root)}) {takes}; used by {used_by}")
    return lines


class EntityCalls:
    """Records every call of a method of a domain class made from code outside the inner layers.

    `with EntityCalls(root) as calls:` wraps each method defined on the classes of the loaded
    modules of inkwell.domain; `calls.seen` lists "Post.publish called at inkwell/interface/posts.py:27".
    A method called on an entity is a call like any other: a handler that runs `post.publish()`
    itself has taken the use case's place, whatever names it imports.
    """

    INNER = ("inkwell/domain/", "inkwell/application/", "inkwell/infrastructure/")

    def __init__(self, root: Path) -> None:
        self.root, self.seen, self._patched = root, [], []

    def __enter__(self) -> EntityCalls:
        for name, module in sorted(sys.modules.items()):
            if module is None or not (name == "inkwell.domain" or name.startswith("inkwell.domain.")):
                continue
            for cls in vars(module).values():
                if isinstance(cls, type) and cls.__module__ == name:
                    self._wrap_methods(cls)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for cls, attribute, original in reversed(self._patched):
            setattr(cls, attribute, original)

    def _wrap_methods(self, cls: type) -> None:
        for attribute, value in list(vars(cls).items()):
            if attribute.startswith("__") or not isinstance(value, types.FunctionType):
                continue
            self._patched.append((cls, attribute, value))
            setattr(cls, attribute, self._recording(cls, attribute, value))

    def _recording(self, cls: type, attribute: str, method: Any) -> Any:
        import functools

        @functools.wraps(method)
        def recording(*args: Any, **kwargs: Any) -> Any:
            caller = self._caller(sys._getframe(1))
            if caller is not None:
                self.seen.append(f"{cls.__name__}.{attribute} called at {caller}")
            return method(*args, **kwargs)

        return recording

    def _caller(self, frame: Any) -> str | None:
        try:
            path = Path(frame.f_code.co_filename).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None  # called from outside the submission (the suite, a library)
        if path.startswith(self.INNER):
            return None
        return f"{path}:{frame.f_lineno}"
