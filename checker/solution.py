"""The reference solution, shown as a diff against the learner's own work."""

from __future__ import annotations

import difflib
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import is_generated
from checker.errors import KataError


class SolutionError(KataError):
    """No reference solution is available here (a learner copy ships none)."""


def solution_diff(kata: Kata, work: Path | None = None) -> str:
    """A unified diff that turns the learner's package into the reference solution."""
    if not kata.has_solution:
        raise SolutionError(
            f"No reference solution for {kata.id} in this copy: a workshop copy leaves them out; ask your facilitator."
        )
    mine = (work or kata.folder) / kata.package
    theirs = kata.solution_folder / kata.package
    chunks: list[str] = []
    for name in sorted(_sources(mine) | _sources(theirs)):
        before = _lines(mine / name)
        after = _lines(theirs / name)
        if before != after:
            chunks.extend(
                difflib.unified_diff(before, after, f"yours/{kata.package}/{name}", f"solution/{kata.package}/{name}")
            )
    return "".join(chunks)


def _sources(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*.py") if not is_generated(p.relative_to(folder))}


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
    return [line if line.endswith("\n") else line + "\n" for line in lines]
