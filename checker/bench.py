"""Benchmark: `kata check` on each reference solution against a bare pytest run of the same tests.

Both run in this one invocation, alternating, several rounds per kata; the script prints each
kata's medians, their ratio, and the bare run's time inside pytest (the suite itself, without the
interpreter's start). Goals: the checker costs at most 1.3 times a bare pytest run, and a whole
suite runs well under 5 seconds on a laptop (this 2-core machine runs about half a laptop's speed).

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


def _bare_command(kata: Kata, scratch: Path) -> list[str]:
    """Plain pytest on the same two suites, the solution on the path, plugins not autoloaded (as in
    every checked run), nothing of the checker."""
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
        str(scratch / "kata_tests"),
        str(kata.hidden_tests),
    ]


def bench(kata: Kata, rounds: int) -> dict[str, list[float]]:
    kata_command = [str(Path(sys.executable).parent / "kata"), "check", kata.id, "--path", str(kata.solution_folder)]
    times: dict[str, list[float]] = {"kata check": [], "bare pytest": [], "in pytest": []}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        shutil.copytree(kata.solution_folder / kata.package, scratch / kata.package)
        # The checker maps the public tests folder to `kata_tests`; a bare run gets a copy of it.
        shutil.copytree(kata.public_tests, scratch / "kata_tests")
        env = {**os.environ, "PYTHONPATH": str(scratch), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        for _ in range(rounds):
            times["kata check"].append(_timed(kata_command, ROOT)[0])
            elapsed, output = _timed(_bare_command(kata, scratch), ROOT, env)
            times["bare pytest"].append(elapsed)
            found = _IN_PYTEST.findall(output)
            times["in pytest"].append(float(found[-1]) if found else elapsed)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kata", default="all", help="a kata id, or all (the default)")
    options = parser.parse_args()
    catalog = load_catalog(ROOT)
    katas = list(catalog.katas) if options.kata == "all" else [catalog.get(options.kata)]
    print(f"{options.rounds} rounds per kata, medians in seconds (07 also on PostgreSQL where it is installed):")
    print(f"  {'kata':<18} {'kata check':>10} {'bare pytest':>11} {'ratio':>6} {'in pytest':>9}")
    worst = 0.0
    for kata in katas:
        medians = {name: statistics.median(values) for name, values in bench(kata, options.rounds).items()}
        ratio = medians["kata check"] / medians["bare pytest"]
        worst = max(worst, ratio)
        print(
            f"  {kata.id:<18} {medians['kata check']:>10.2f} {medians['bare pytest']:>11.2f} "
            f"{ratio:>6.2f} {medians['in pytest']:>9.2f}",
            flush=True,
        )
    verdict = "OK" if worst <= RATIO_GOAL else "OVER GOAL"
    print(f"  worst ratio {worst:.2f} (goal: at most {RATIO_GOAL:.2f}) {verdict}")


if __name__ == "__main__":
    main()
