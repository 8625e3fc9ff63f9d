"""The outside judge: verdicts decided in the grader's process, from observations, against the reference.

The run executes the stripped suites (checker.grading.strip) in observe mode: its checks send what
they saw and decide nothing. Once per batch, the grader runs the same stripped suites on the
reference solution, twice, in a trusted process with no submission code, and records each test's
sequence of observations. A submission's test then passes only when

- its process reports it passed (the process can take a pass away, never grant one), and
- its value observations are the reference's, in order, none missing and none extra,

when the test is outside-judged: its reference sequence holds only value observations, the same in
both reference runs, and the reference passed it. Whatever the process forges, such a test's points
need the reference's values. Every other test (its reference sequence holds a self-reported check,
none at all, or values that differ between the two reference runs) is self-reported: its points rest
on the run's word and are counted apart. Its value observations must still be the reference's where
those were the same in both runs: in the stripped copy a value check no longer fails, so a test
whose self-reported checks pass would otherwise pass with wrong values that `kata check` fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.catalog import Kata, load_catalog
from checker.catalog.files import ignore_generated
from checker.errors import KataError
from checker.grading.strip import Sites, strip_suites
from checker.report import TestResult
from checker.runner.launch import Launcher
from checker.runner.process import Limits, check

_IGNORED = ignore_generated()
SEEDS = "seeds.json"  # beside the stripped copy: the Hypothesis seeds of the original suites


@dataclass(frozen=True)
class Reference:
    """What the reference solution observed, per test, and which tests the grader decides alone."""

    values: dict[str, tuple[str, ...]]  # test id -> its value observations, in order
    outside: frozenset[str]  # settled tests whose every check is a value the grader compares
    sites: Sites
    settled: frozenset[str]  # tests the reference passed with the same values every run


def copy_suites(kata: Kata, suite_root: Path) -> Path:
    """A private copy of the suites at their usual paths; returns the folder the canaries go to."""
    public = suite_root / "katas" / kata.id / "tests"
    shutil.copytree(kata.public_tests, public, ignore=_IGNORED)
    if not kata.has_hidden_suite:
        return public
    hidden = suite_root / "solutions" / kata.id / "hidden"
    shutil.copytree(kata.hidden_tests, hidden, ignore=_IGNORED)
    return hidden


def copy_stripped(kata: Kata, suite_root: Path, seeds: dict[str, int]) -> tuple[Path, Sites]:
    """The same copy with its expected values removed (checker.grading.strip), and its checks counted.

    The rewrite changes the tests' source, from which Hypothesis draws a derandomised test's examples:
    `seeds` (the original suites', see checker.runner.plugin) go beside it as `seeds.json`.
    """
    planted = copy_suites(kata, suite_root)
    folders = [suite_root / "katas" / kata.id / "tests"]
    if kata.has_hidden_suite:
        folders.append(suite_root / "solutions" / kata.id / "hidden")
    (suite_root / SEEDS).write_text(json.dumps(seeds), encoding="utf-8")
    return planted, strip_suites(folders)


def observations(events: Iterable[dict[str, Any]]) -> dict[str, list[tuple[str, Any]]]:
    """Each test's observations in the order they arrived."""
    seen: dict[str, list[tuple[str, Any]]] = {}
    for event in events:
        if event.get("event") == "observation" and isinstance(event.get("id"), str):
            seen.setdefault(event["id"], []).append((str(event.get("kind")), event.get("value")))
    return seen


def reference(kata: Kata, seeds: dict[str, int], launcher: Launcher, limits: Limits, runs: int = 2) -> Reference:
    """Run the stripped suites on the reference solution `runs` times (trusted: no submission code)."""
    sequences: list[dict[str, list[tuple[str, Any]]]] = []
    passes: list[set[str]] = []
    sites = Sites()
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix=f"kata-reference-{kata.id}-") as scratch:
            suite_root = Path(scratch, "suites")
            _, sites = copy_stripped(kata, suite_root, seeds)
            events: list[dict[str, Any]] = []
            report = check(
                replace(kata, root=suite_root),
                kata.solution_folder,
                limits=limits,
                launcher=launcher,
                tap=events.append,
                workdir=Path(scratch),
                observe=True,
                seeds=suite_root / SEEDS,
            )
        sequences.append(observations(events))
        passes.append({t.id for t in report.tests if t.passed})
    passed = set.intersection(*passes)
    first = sequences[0]
    values = {test: _values(seq) for test, seq in first.items()}
    settled = {
        test for test in passed if all(_values(other.get(test, [])) == values.get(test, ()) for other in sequences[1:])
    }
    outside = {
        test
        for test in settled
        if (seq := first.get(test))
        and all(kind == "value" for kind, _ in seq)
        and all(other.get(test) == seq for other in sequences[1:])
    }
    return Reference(values, frozenset(outside), sites, frozenset(settled))


def _values(sequence: list[tuple[str, Any]]) -> tuple[str, ...]:
    return tuple(str(v) for k, v in sequence if k == "value")


def judge(reference: Reference, events: list[dict[str, Any]], tests: list[TestResult]) -> list[TestResult]:
    """The run's tests with the grader's verdicts: a test's pass needs the reference's value
    observations as well, wherever the reference made the same ones on every run (every
    outside-judged test, and most self-reported ones); any other test keeps the run's outcome."""
    seen = observations(events)
    judged = []
    for test in tests:
        if test.id not in reference.settled:  # the outside-judged tests are settled too
            judged.append(test)
            continue
        wanted = reference.values.get(test.id, ())
        got = _values(seen.get(test.id, []))
        if test.passed and got != wanted:
            test = replace(test, outcome="failed", message=_differs(got, wanted))
        judged.append(test)
    return judged


def _differs(got: tuple[str, ...], wanted: tuple[str, ...]) -> str:
    for number, (mine, theirs) in enumerate(zip(got, wanted, strict=False), start=1):
        if mine != theirs:
            return (
                f"Check {number} of this test saw {mine[:300]}, which is not what the reference solution gives.\n"
                "(The grader compared this check itself, outside the run.)"
            )
    if len(got) < len(wanted):
        return (
            f"This test made {len(got)} of its {len(wanted)} checks: the code under test stopped it early "
            "(an exception, or an exit). (The grader compared its checks itself, outside the run.)"
        )
    return f"This test made {len(got)} checks where the reference solution makes {len(wanted)}."


def main(argv: list[str] | None = None) -> int:
    """Print, per kata, how many checks the outside judge decides and how many stay self-reported."""
    parser = argparse.ArgumentParser(prog="python -m checker.grading.judge", description=main.__doc__)
    parser.add_argument("katas", nargs="*", help="kata ids (default: every kata)")
    parser.add_argument("--where", action="store_true", help="also list each self-reported check as file:line")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    try:
        katas = [catalog.get(k) for k in args.katas] or list(catalog.katas)
    except KataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{'kata':<20} {'decided by the grader':>22} {'self-reported':>14}")
    for kata in katas:
        with tempfile.TemporaryDirectory(prefix="kata-count-") as scratch:
            _, sites = copy_stripped(kata, Path(scratch), {})
        print(f"{kata.id:<20} {sites.outside:>22} {sites.self_reported:>14}")
        if args.where:
            print("\n".join(f"  {place}" for place in sites.where))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
