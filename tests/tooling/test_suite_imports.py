"""Every package a kata's suites import comes with the loop's own dependencies.

A learner copy (`kata release`) and the Gradescope autograder (`uv sync --no-dev`) install the
project's `[project] dependencies` and nothing of the dev group: a suite that imports a dev tool
stops there with ModuleNotFoundError, a check no learner can pass (02-result's mypy check did).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _installed_with(requirements: list[str]) -> set[str]:
    """The distributions these requirements bring, their own requirements followed (extras too)."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        wanted = todo.pop()
        extras = frozenset(wanted.extras)
        if (_name(wanted.name), extras) in seen:
            continue
        seen.add((_name(wanted.name), extras))
        try:
            needs = metadata.requires(wanted.name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in needs:
            need = Requirement(text)
            environments = [{"extra": e} for e in extras] or [{"extra": ""}]
            if need.marker is None or any(need.marker.evaluate(env) for env in environments):
                todo.append(need)
    return {name for name, _ in seen}


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names)


def test_the_suites_import_only_what_the_loops_dependencies_install():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    loop = _installed_with(project["dependencies"])
    owners = metadata.packages_distributions()
    suites = [*ROOT.glob("katas/*/tests/**/*.py"), *ROOT.glob("solutions/*/hidden/**/*.py")]
    assert suites
    missing = sorted(
        f"{path.relative_to(ROOT)} imports {module} ({', '.join(owners[module])})"
        for path in suites
        for module in _imported(path)
        if module in owners and not {_name(d) for d in owners[module]} & loop
    )
    assert not missing, "a suite imports a package the loop's dependencies do not install:\n" + "\n".join(missing)
