"""A static scan of a submission for code that reaches into the test machinery.

It reads the source with `ast` and never imports it. A finding does not change a score: it marks
the submission "needs review" in the gradebook, with the file and line to read.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path

from checker.syntax import parse

_MODULES = {
    "_pytest": "imports pytest's internals",
    "pytest": "imports pytest",
    "pluggy": "imports pytest's plugin machinery",
    "ctypes": "imports ctypes",
    "atexit": "registers exit hooks (atexit)",
    "gc": "walks live objects (gc)",
    "inspect": "inspects frames (inspect)",
    "checker": "imports the checker",
    "signal": "handles signals",
    "socket": "opens network sockets",
    "multiprocessing": "starts processes",
    "subprocess": "starts processes",
}
_CALLS = {
    ("os", "_exit"): "ends the interpreter without cleanup (os._exit)",
    ("os", "fork"): "forks the process (os.fork)",
    ("os", "kill"): "sends signals (os.kill)",
    ("os", "killpg"): "sends signals (os.killpg)",
    ("os", "system"): "runs shell commands (os.system)",
    ("sys", "_getframe"): "walks stack frames (sys._getframe)",
    ("sys", "settrace"): "installs a tracer (sys.settrace)",
    ("sys", "setprofile"): "installs a profiler (sys.setprofile)",
    ("sys", "exit"): "exits the interpreter (sys.exit)",
}
_ATTRIBUTES = {
    "f_back": "walks stack frames (f_back)",
    "f_globals": "reads frame globals (f_globals)",
    "f_locals": "reads frame locals (f_locals)",
    "tb_frame": "walks traceback frames",
    "__builtins__": "edits builtins",
}
_NAMES = {"__import__": "imports by computed name (__import__)", "exec": "runs code from a string (exec)"}
_FILES = {
    "conftest.py": "ships a conftest.py (it is never loaded, but says the author tried)",
    "sitecustomize.py": "ships a sitecustomize.py (never loaded)",
    "usercustomize.py": "ships a usercustomize.py (never loaded)",
    "pytest.ini": "ships a pytest.ini (never read)",
    "tox.ini": "ships a tox.ini (never read)",
}


@dataclass(frozen=True)
class Suspect:
    path: str  # relative to the submission
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.what}"


def scan(root: Path, folders: list[Path] | None = None, known: frozenset[str] = frozenset()) -> list[Suspect]:
    """Scan the given folders of a submission (default: all of it); findings sorted by place.

    Files whose SHA-256 is in `known` (the catalog's own public tests, which a submission laid
    out as `katas/<id>/` carries as a matter of course) are the kata's, not the learner's.
    """
    found: list[Suspect] = []
    for folder in folders or [root]:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.is_symlink() or _digest(path) in known:
                continue
            relative = path.relative_to(root).as_posix()
            if path.name in _FILES:
                found.append(Suspect(relative, 1, _FILES[path.name]))
            if path.suffix == ".py" and (path.name.startswith("test_") or path.stem.endswith("_test")):
                found.append(Suspect(relative, 1, "ships a test file (the grader uses the catalog's own tests)"))
            if path.suffix == ".pth":
                found.append(Suspect(relative, 1, "ships a .pth file (never processed)"))
            if path.suffix == ".py" and path.stat().st_size < 2_000_000:
                found += scan_source(path.read_text(encoding="utf-8", errors="replace"), relative)
    return found


def known_files(folders: list[Path]) -> frozenset[str]:
    """The SHA-256 of every file below the given folders."""
    return frozenset(_digest(p) for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def scan_source(source: str, relative: str) -> list[Suspect]:
    try:
        tree = parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        what = _judge(node)
        if what:
            found.append(Suspect(relative, getattr(node, "lineno", 1), what))
    return found


def _judge(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import):
        return next((_MODULES[a.name.split(".")[0]] for a in node.names if a.name.split(".")[0] in _MODULES), None)
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        named = next((_CALLS[(node.module, a.name)] for a in node.names if (node.module, a.name) in _CALLS), None)
        return named or _MODULES.get(node.module.split(".")[0])
    if isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and (node.value.id, node.attr) in _CALLS:
            return _CALLS[(node.value.id, node.attr)]
        if isinstance(node.value, ast.Name) and node.value.id == "sys" and node.attr in ("modules", "path"):
            return f"touches sys.{node.attr}"
        return _ATTRIBUTES.get(node.attr)
    if isinstance(node, ast.Name) and node.id in _NAMES:
        return _NAMES[node.id]
    return None
