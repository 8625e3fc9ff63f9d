"""Benchmark: the grader against a naive loop of one plain pytest process per run, side by side.

    uv run python -m checker.grading.bench [--count 40] [--katas 00-welcome,01-layering] [--workers N]

It generates `count` submissions, each holding every kata as a solution, a starter or a decoy in
rotation, grades them with `kata grade`'s engine as `kata grade` runs by default (sandboxed, the
outside judge) and with the in-process judge (`--judge process`), and runs the same suites with a plain
`python -m pytest` per submission and kata, one after the other; the two take turns chunk by
chunk so that other load on the machine slows both alike. It checks that both reach the
same score for every run and prints the throughput of each and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checker.catalog import Catalog, Kata, load_catalog
from checker.catalog.files import ignore_generated
from checker.decoys import Decoy, load_decoys
from checker.grading.grader import GradeOptions, Grader
from checker.grading.intake import discover
from checker.grading.manifest import ManifestError, collect_manifest
from checker.grading.model import SubmissionGrade
from checker.grading.sandbox import SUITE_SETTINGS
from checker.report import task_earned
from checker.runner.launch import FreshLauncher
from checker.runner.process import INI

# The sides graded against the naive loop, as the report names them.
OUTSIDE = "sandboxed, outside judge"
PROCESS = "sandboxed, in-process judge"
UNCONFINED = "unconfined, in-process judge"


def generate(katas: list[Kata], into: Path, count: int) -> list[Path]:
    """`count` submissions; submission i holds variant (i + j) of kata j: solution, starter, decoys."""
    folders = []
    for number in range(count):
        folder = into / f"learner-{number:02d}"
        for position, kata in enumerate(katas):
            variants: list[str | Decoy] = ["solution", "starter", *load_decoys(kata)]
            variant = variants[(number + position) % len(variants)]
            if isinstance(variant, str):
                source = kata.solution_folder if variant == "solution" else kata.folder
                shutil.copytree(source / kata.package, folder / kata.id / kata.package, ignore=ignore_generated())
                if variant == "starter":  # begun, so that it is graded: an untouched starter is not attempted
                    with (folder / kata.id / kata.package / "__init__.py").open("a", encoding="utf-8") as init:
                        init.write("\n# begun\n")
            else:
                variant.assemble(folder)
        folders.append(folder)
    return folders


def naive_score(kata: Kata, folder: Path) -> float:
    """One plain pytest process over both suites, on a copy of the package; the points that passed."""
    with tempfile.TemporaryDirectory(prefix="kata-naive-") as scratch:
        root = Path(scratch, "submission")
        shutil.copytree(folder / kata.id / kata.package, root / kata.package)
        results = Path(scratch, "results.jsonl")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-c",
            str(INI),
            "--rootdir",
            str(kata.root),
            "-p",
            "checker.runner.plugin",
        ]
        command += ["--kata-results", str(results), "--kata-root", str(root), "--kata-support", str(kata.public_tests)]
        command += [str(kata.public_tests), str(kata.hidden_tests)]
        # The settings every graded run gets (no PostgreSQL leg): the same checks on both sides.
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", **SUITE_SETTINGS}
        subprocess.run(command, cwd=scratch, env=env, capture_output=True, timeout=300)
        events = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
    tests = {t["id"]: t for e in events if e["event"] == "collected" for t in e["tests"]}
    passed = {e["id"] for e in events if e["event"] == "result" and e["outcome"] == "passed"}
    earned = 0.0
    for task in {t["task"] for t in tests.values()}:
        mine = [t for t in tests.values() if t["task"] == task]
        earned += task_earned(
            sum(float(t["points"]) for t in mine if t["id"] in passed), sum(float(t["points"]) for t in mine)
        )
    return round(earned, 2)


def gradable(catalog: Catalog, wanted: list[str]) -> list[Kata]:
    katas = [catalog.get(k) for k in wanted] if wanted else list(catalog.katas)
    usable = []
    for kata in katas:
        if not (kata.has_solution and kata.has_hidden_suite):
            continue
        try:
            collect_manifest(kata, FreshLauncher())
        except ManifestError as error:
            print(f"skipping {kata.id}: {error}")
            continue
        usable.append(kata)
    return usable


def _chunks(items: list[Path], count: int) -> list[list[Path]]:
    size = max(1, -(-len(items) // max(1, count)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--katas", default="")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--chunks", type=int, default=4, help="turns each side takes")
    parser.add_argument("--unconfined", action="store_true", help="also time the grader without its sandbox")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    katas = gradable(catalog, [k for k in args.katas.split(",") if k])
    with tempfile.TemporaryDirectory(prefix="kata-bench-") as scratch:
        folders = generate(katas, Path(scratch), args.count)
        runs = len(folders) * len(katas)
        print(f"{len(folders)} submissions x {len(katas)} katas = {runs} runs ({', '.join(k.id for k in katas)})")
        # The sides take turns chunk by chunk, so that a busy machine slows them alike.
        sources = {s.name: s for s in discover([scratch], catalog.ids)}
        sides = {OUTSIDE: ("outside", True), PROCESS: ("process", True)}
        if args.unconfined:
            sides[UNCONFINED] = ("process", False)
        graders = {
            name: Grader(
                catalog,
                GradeOptions(katas=tuple(k.id for k in katas), workers=args.workers, sandbox=on, judge=judge),
            )
            for name, (judge, on) in sides.items()
        }
        grades: dict[str, list[SubmissionGrade]] = {name: [] for name in graders}
        spent = dict.fromkeys([*graders, "naive"], 0.0)
        naive: dict[tuple[str, str], float] = {}
        for grader in graders.values():
            grader.__enter__()
        try:
            for chunk in _chunks(folders, args.chunks):
                for name, grader in graders.items():
                    started = time.perf_counter()
                    grades[name] += grader.grade([sources[f.name] for f in chunk])
                    spent[name] += time.perf_counter() - started
                started = time.perf_counter()
                naive |= {(f.name, k.id): naive_score(k, f) for f in chunk for k in katas}
                spent["naive"] += time.perf_counter() - started
        finally:
            for grader in graders.values():
                grader.__exit__()
        for name in graders:
            print(
                f"kata grade ({args.workers} workers, warm, {name}): {spent[name]:.1f} s, {runs / spent[name]:.2f} runs/s"
            )
        print(f"naive loop (one plain pytest per run): {spent['naive']:.1f} s, {runs / spent['naive']:.2f} runs/s")
        for name in graders:
            _where(grades[name], spent[name], args.workers, name)
    differ = [
        f"{name} {g.name}/{kata}: grade {kg.score:g}, naive {naive[(g.name, kata)]:g}"
        for name, batch in grades.items()
        for g in batch
        for kata, kg in g.katas.items()
        if kg.status == "graded" and kg.score != naive[(g.name, kata)]
    ]
    print("verdicts: the same for every run" if not differ else f"verdicts differ in {len(differ)} runs:")
    for line in differ[:20]:
        print(f"  {line}")
    for name in graders:
        print(f"throughput ratio, {name} against the naive loop: {spent['naive'] / spent[name]:.1f}x")
    outside, process = spent[OUTSIDE], spent[PROCESS]
    print(f"the outside judge's cost: it takes {outside / process:.2f}x the in-process judge's time")
    if UNCONFINED in spent:
        print(f"the sandbox's cost: sandboxed takes {process / spent[UNCONFINED]:.2f}x the unconfined time")
    return 1 if differ else 0


def _where(grades: list[SubmissionGrade], wall: float, workers: int, side: str) -> None:
    """Where a run's time goes: in the tests themselves, in the rest of the run, in the grader."""
    runs = [k for g in grades for k in g.katas.values() if k.status == "graded"]
    in_runs = sum(k.seconds for k in runs)
    in_tests = sum(t.seconds for k in runs for t in k.tests)
    around = max(wall * workers - in_runs, 0.0)
    total = in_runs + around or 1.0
    print(f"where the time goes (worker-seconds, {side}):")
    for what, seconds in (
        ("in the tests themselves", in_tests),
        (
            "in a run, outside its tests (fork, sandbox, collecting, app and database set-up, reporting)",
            in_runs - in_tests,
        ),
        ("in the grader, outside runs (intake, copies, scan, canaries, idle workers)", around),
    ):
        print(f"  {seconds:7.1f} s  {100 * seconds / total:4.0f}%  {what}")
    print(f"  the tests alone bound the ratio: at best {total / max(in_tests, 0.001):.1f}x faster than now")


if __name__ == "__main__":
    sys.exit(main())
