"""Benchmark: `kata check 00-welcome` on the solution against a bare pytest run of the same tests.

Both run in this one invocation, alternating, several rounds; the script prints each median and
their ratio. Goal: the checker costs at most 1.3 times a bare pytest run.

    uv run python -m checker.bench [--rounds N] [--kata ID]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checker.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]


def _timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    run = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:  # a run that fails early would make a meaningless, flattering time
        sys.exit(f"{' '.join(argv[:4])} ... failed ({run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--kata", default="00-welcome")
    options = parser.parse_args()
    kata = load_catalog(ROOT).get(options.kata)
    kata_command = [str(Path(sys.executable).parent / "kata"), "check", kata.id, "--path", str(kata.solution_folder)]
    with tempfile.TemporaryDirectory() as scratch:
        # The bare run: plain pytest on the same two suites, the solution on the path, nothing else.
        shutil.copytree(kata.solution_folder / kata.package, Path(scratch) / kata.package)
        # The checker maps the public tests folder to `kata_tests`; a bare run gets a copy of it.
        shutil.copytree(kata.public_tests, Path(scratch) / "kata_tests")
        bare = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:nbval",
            "-c",
            os.devnull,
            "--rootdir",
            str(ROOT),
            "--import-mode=importlib",
            str(kata.public_tests),
            str(kata.hidden_tests),
        ]
        times: dict[str, list[float]] = {"kata check": [], "bare pytest": []}
        for _ in range(options.rounds):
            times["kata check"].append(_timed(kata_command, ROOT))
            times["bare pytest"].append(_timed(bare, ROOT, {**os.environ, "PYTHONPATH": scratch}))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["kata check"] / medians["bare pytest"]
    print(f"{kata.id}, {options.rounds} rounds, medians:")
    for name, value in medians.items():
        print(f"  {name:<12} {value:6.3f} s   (min {min(times[name]):.3f}, max {max(times[name]):.3f})")
    print(f"  ratio        {ratio:6.2f}   (goal: at most 1.30) {'OK' if ratio <= 1.3 else 'OVER GOAL'}")


if __name__ == "__main__":
    main()
