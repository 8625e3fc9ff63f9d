"""Benchmark: `kata check` on each reference solution against a bare pytest run of the same tests.

Both run in this one invocation, alternating, several rounds per kata; the script prints each
kata's medians, their ratio, the bare run's time inside pytest (collection and tests, without the
interpreter's start), and the hidden suite's alone. Goals: the checker costs at most 1.3 times a
bare pytest run, and a whole hidden suite runs well under 5 seconds (docs/authoring.md).

    uv run python -m checker.bench [--rounds N] [--kata ID|all]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checker.catalog import Kata, load_catalog

ROOT = Path(__file__).resolve().parents[1]
RATIO_GOAL = 1.3
_IN_PYTEST = re.compile(r" in ([0-9.]+)s")


def _timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    run = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:  # a run that fails early would make a meaningless, flattering time
        sys.exit(f"{' '.join(argv[:4])} ... failed ({run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return elapsed, run.stdout


def _bare_command(*suites: Path) -> list[str]:
    """Plain pytest on `suites`, plugins not autoloaded (as in every checked run), nothing of the
    checker; the caller puts the solution and the public suite (as `kata_tests`) on the path."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--assert=plain",
        "-c",
        os.devnull,
        "--rootdir",
        str(ROOT),
        "--import-mode=importlib",
        *map(str, suites),
    ]


def _in_pytest(output: str, elapsed: float) -> float:
    """The time pytest reports for its session (collection and tests, not the interpreter's start)."""
    found = _IN_PYTEST.findall(output)
    return float(found[-1]) if found else elapsed


def bench(kata: Kata, rounds: int) -> dict[str, list[float]]:
    kata_command = [str(Path(sys.executable).parent / "kata"), "check", kata.id, "--path", str(kata.solution_folder)]
    times: dict[str, list[float]] = {"kata check": [], "bare pytest": [], "in pytest": [], "hidden alone": []}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        shutil.copytree(kata.solution_folder / kata.package, scratch / kata.package)
        # The checker maps the public tests folder to `kata_tests`; a bare run gets a copy of it.
        shutil.copytree(kata.public_tests, scratch / "kata_tests")
        env = {**os.environ, "PYTHONPATH": str(scratch), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        for _ in range(rounds):
            times["kata check"].append(_timed(kata_command, ROOT)[0])
            elapsed, output = _timed(_bare_command(scratch / "kata_tests", kata.hidden_tests), ROOT, env)
            times["bare pytest"].append(elapsed)
            times["in pytest"].append(_in_pytest(output, elapsed))
            elapsed, output = _timed(_bare_command(kata.hidden_tests), ROOT, env)
            times["hidden alone"].append(_in_pytest(output, elapsed))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kata", default="all", help="a kata id, or all (the default)")
    options = parser.parse_args()
    catalog = load_catalog(ROOT)
    katas = list(catalog.katas) if options.kata == "all" else [catalog.get(options.kata)]
    print(f"{options.rounds} rounds per kata, medians in seconds (07 also on PostgreSQL where it is installed):")
    print(f"  {'kata':<18} {'kata check':>10} {'bare pytest':>11} {'ratio':>6} {'in pytest':>9} {'hidden alone':>12}")
    worst = 0.0
    for kata in katas:
        medians = {name: statistics.median(values) for name, values in bench(kata, options.rounds).items()}
        ratio = medians["kata check"] / medians["bare pytest"]
        worst = max(worst, ratio)
        print(
            f"  {kata.id:<18} {medians['kata check']:>10.2f} {medians['bare pytest']:>11.2f} "
            f"{ratio:>6.2f} {medians['in pytest']:>9.2f} {medians['hidden alone']:>12.2f}",
            flush=True,
        )
    verdict = "OK" if worst <= RATIO_GOAL else "OVER GOAL"
    print(f"  worst ratio {worst:.2f} (goal: at most {RATIO_GOAL:.2f}) {verdict}")


if __name__ == "__main__":
    main()
