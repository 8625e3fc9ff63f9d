"""What is never part of a kata's sources: caches and tool state, and the private folders of a
working copy. One list, read by every copy, release, submission, scan and archive.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Made by tools as they run: never worth copying, comparing or grading.
GENERATED = frozenset(
    {"__pycache__", ".pytest_cache", ".ipynb_checkpoints", ".hypothesis", ".mypy_cache", ".ruff_cache", ".DS_Store"}
)
# A working copy's own state and environments: never handed in, never released.
PRIVATE = frozenset({".kata", ".git", ".venv", "venv", "node_modules"})


def ignore_generated(*extra: str) -> Callable[[Any, list[str]], set[str]]:
    """A `shutil.copytree(ignore=...)` that leaves out what tools generate (and `extra` patterns)."""
    return shutil.ignore_patterns(*GENERATED, "*.pyc", *extra)


def is_generated(path: Path) -> bool:
    return any(part in GENERATED for part in path.parts) or path.suffix == ".pyc"
