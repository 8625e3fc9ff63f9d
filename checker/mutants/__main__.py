"""Mutation testing of a kata's reference solution: `uv run python -m checker.mutants KATA`.

Prints, per file of the solution's business code, how many first-order mutants were made, how
many the suites killed, how many are listed as equivalent, and how many survive unexplained;
then each unexplained survivor, to be killed by a new test or listed with a reason.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from checker.catalog import CatalogError, Kata, load_catalog
from checker.mutants.explained import explained
from checker.mutants.grade import Graded, all_mutations, baseline_failures, files_to_mutate, grade
from checker.mutants.summary import Summary, summarise
from checker.runner.launch import WarmLauncher


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.mutants", description=__doc__.splitlines()[0])
    parser.add_argument("kata", help="the kata id, such as 00-welcome")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants graded at once")
    parser.add_argument("--file", action="append", default=[], help="only this solution file (repeatable)")
    options = parser.parse_args(argv)
    try:
        kata = load_catalog().get(options.kata)
        notes = explained(kata)
    except CatalogError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    files = [p for p in files_to_mutate(kata, notes.skip) if not options.file or _rel(kata, p) in options.file]
    todo = list(all_mutations(kata, files))
    launcher = WarmLauncher()
    try:
        broken = baseline_failures(kata, launcher)
        if broken:
            print(
                f"error: the reference solution of {kata.id} does not score 100, so no mutant can be judged:",
                file=sys.stderr,
            )
            print("\n".join(f"  {line}" for line in broken[:5]), file=sys.stderr)
            return 1
        started = time.perf_counter()
        graded = grade(kata, todo, launcher=launcher, jobs=max(1, options.jobs), progress=_Progress(len(todo)))
        seconds = time.perf_counter() - started
    finally:
        launcher.close()
    summary = summarise(graded, notes)
    print(_render(kata.id, summary, seconds, options.jobs, notes.path.relative_to(kata.root).as_posix()))
    return 0 if not summary.unexplained and not summary.stale and not summary.killed_but_listed else 1


class _Progress:
    def __init__(self, total: int) -> None:
        self.total, self.done, self.tty = total, 0, sys.stderr.isatty()

    def __call__(self, graded: Graded) -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "█" * filled + "·" * (width - filled)
            end = "\n" if self.done == self.total else ""
            print(f"\r  {bar} {self.done}/{self.total} mutants graded", end=end, file=sys.stderr, flush=True)


def _render(kata_id: str, summary: Summary, seconds: float, jobs: int, listing: str) -> str:
    total = summary.total
    rows = [(path, c.mutants, c.killed, c.equivalent, c.unexplained) for path, c in sorted(summary.files.items())]
    rows.append(("total", total.mutants, total.killed, total.equivalent, total.unexplained))
    width = max(len(str(row[0])) for row in rows)
    lines = [
        f"{kata_id}: {total.mutants} mutants graded in {seconds:.1f} s ({jobs} at a time, "
        f"{seconds / max(total.mutants, 1):.2f} s each)",
        "",
        f"{'file':<{width}}  {'mutants':>7}  {'killed':>6}  {'equivalent':>10}  {'unexplained':>11}",
    ]
    for index, (path, mutants, killed, equivalent, unexplained) in enumerate(rows):
        if index == len(rows) - 1:
            lines.append("-" * (width + 42))
        lines.append(f"{path:<{width}}  {mutants:>7}  {killed:>6}  {equivalent:>10}  {unexplained:>11}")
    if summary.unexplained:
        lines += ["", f"Unexplained survivors: kill each with a test, or list it in {listing} with a reason:"]
        lines += [f"  line {g.mutation.line:>4}  {g.mutation.id}" for g in summary.unexplained]
    if summary.killed_but_listed:
        lines += ["", f"Listed as equivalent in {listing}, yet a test kills them: remove them from the list:"]
        lines += [f"  {g.mutation.id}  (killed by {g.by})" for g in summary.killed_but_listed]
    if summary.stale:
        lines += ["", f"Listed in {listing} but no longer made (the code changed): remove them:"]
        lines += [f"  {mutant}" for mutant in summary.stale]
    return "\n".join(lines)


def _rel(kata: Kata, path: Path) -> str:
    return path.relative_to(kata.solution_folder).as_posix()


if __name__ == "__main__":
    sys.exit(main())
