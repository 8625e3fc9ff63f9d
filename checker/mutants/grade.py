"""Generates the mutants of a kata's reference solution and grades each through the checker.

A mutant is killed when the kata's suites (public and hidden) no longer give it 100 points;
each check stops at the first failing test and runs on forks of one warm worker, several at a
time, so a few hundred mutants take minutes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from checker.catalog import Kata
from checker.catalog.files import ignore_generated, is_generated
from checker.mutants.operators import Mutation, mutations
from checker.runner.launch import Launcher
from checker.runner.process import Limits, check

# A mutant that loops forever is caught by the per-test limit; a correct test takes well under it.
LIMITS = Limits(per_test=10.0, per_run=90.0)


@dataclass(frozen=True)
class Graded:
    mutation: Mutation
    killed: bool
    by: str  # the first test that failed, or "" for a survivor
    timed_out: bool = False


def files_to_mutate(kata: Kata, skip: dict[str, str]) -> list[Path]:
    package = kata.solution_folder / kata.package
    found = sorted(
        p for p in package.rglob("*.py") if p.name != "__init__.py" and not is_generated(p.relative_to(package))
    )
    return [p for p in found if _relative(kata, p) not in skip]


def all_mutations(kata: Kata, files: list[Path]) -> Iterator[Mutation]:
    for path in files:
        yield from mutations(_relative(kata, path), path.read_text(encoding="utf-8"))


def grade(
    kata: Kata,
    todo: list[Mutation],
    *,
    launcher: Launcher,
    jobs: int,
    progress: Callable[[Graded], None] | None = None,
) -> list[Graded]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = []
        for graded in pool.map(lambda m: _grade_one(kata, m, launcher), todo):
            results.append(graded)
            if progress is not None:
                progress(graded)
    return results


def baseline_failures(kata: Kata, launcher: Launcher) -> list[str]:
    """The tests the unmutated solution fails: mutation scores mean nothing unless this is empty."""
    report = check(kata, kata.solution_folder, launcher=launcher)
    return [f"{t.id}: {t.message}" for t in report.tests if not t.passed] + list(report.problems)


def _grade_one(kata: Kata, mutation: Mutation, launcher: Launcher) -> Graded:
    with tempfile.TemporaryDirectory(prefix="kata-mutant-") as scratch:
        copy = Path(scratch) / kata.package
        shutil.copytree(kata.solution_folder / kata.package, copy, ignore=ignore_generated())
        target = Path(scratch) / mutation.path
        target.write_text(mutation.source, encoding="utf-8")
        report = check(kata, Path(scratch), launcher=launcher, limits=LIMITS, first_failure=True)
    failing = next((t for t in report.tests if not t.passed and t.outcome != "not-run"), None)
    killed = report.score < 100 or bool(report.problems)
    by = failing.id if failing else (report.problems[0] if report.problems else "")
    return Graded(mutation, killed, by if killed else "", failing is not None and failing.outcome == "timeout")


def _relative(kata: Kata, path: Path) -> str:
    return path.relative_to(kata.solution_folder).as_posix()
