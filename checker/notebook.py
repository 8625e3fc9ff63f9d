"""Helpers for the worked notebooks: switch the `inkwell` package a kernel imports.

Every kata ships its own `inkwell`, and a notebook often shows the starter and the solution
side by side. `use_package` puts one copy on `sys.path` and forgets every module of any other,
so the next `import inkwell...` loads the copy asked for.
"""

from __future__ import annotations

import sys
from pathlib import Path

from checker.catalog import find_project_root, load_catalog


def use_package(kata_id: str, variant: str = "solution") -> Path:
    """Make `import <package>` load the kata's `starter` or `solution` copy; returns its folder."""
    if variant not in ("starter", "solution"):
        raise ValueError(f"variant is {variant!r}; expected 'starter' or 'solution'")
    kata = load_catalog(find_project_root()).get(kata_id)
    folder = kata.folder if variant == "starter" else kata.solution_folder
    for name in [m for m in sys.modules if m == kata.package or m.startswith(kata.package + ".")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not _is_kata_copy(p)]
    sys.path.insert(0, str(folder))
    return folder


def _is_kata_copy(entry: str) -> bool:
    parts = Path(entry).parts
    return len(parts) >= 2 and parts[-2] in ("katas", "solutions")
