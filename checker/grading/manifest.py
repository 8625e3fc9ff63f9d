"""The suite's manifest, and the checks that hold a run's results to it.

The manifest is taken once per kata by collecting the suites with no submission present, so no
submission code can shape it. A graded run must report every test of the manifest exactly once,
no test outside it, and every control test (canary) with the outcome the grader planted.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.catalog import Kata
from checker.errors import KataError
from checker.grading.canary import Canary
from checker.report import CheckReport
from checker.runner.launch import Launcher
from checker.runner.process import INI


@dataclass(frozen=True)
class Entry:
    id: str
    task: int
    points: float
    title: str
    seed: int | None = None  # a Hypothesis test's seed, drawn from the suite's own source


class ManifestError(KataError):
    """The suites of a kata could not be collected: a defect of the kata, not of a submission."""


def collect_manifest(kata: Kata, launcher: Launcher, timeout: float = 120.0) -> dict[str, Entry]:
    """Collect the kata's suites with no submission at all; returns the tests by node id."""
    suites = [kata.public_tests] + ([kata.hidden_tests] if kata.has_hidden_suite else [])
    with tempfile.TemporaryDirectory(prefix=f"kata-manifest-{kata.id}-") as scratch:
        root, results = Path(scratch, "empty"), Path(scratch, "results.jsonl")
        root.mkdir()
        results.touch()
        args = ["-c", str(INI), "--rootdir", str(kata.root), "-p", "checker.runner.plugin", "--collect-only"]
        args += ["--kata-emit-seeds"]
        args += ["--kata-results", str(results), "--kata-root", str(root), "--kata-support", str(kata.public_tests)]
        args += [str(suite) for suite in suites]
        handle = launcher.start(args, cwd=Path(scratch), env={}, output=Path(scratch, "output.txt"))
        deadline = time.monotonic() + timeout
        while handle.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if handle.poll() is None:
            handle.kill()
        events = [json.loads(line) for line in results.read_text().splitlines() if line.strip()]
    collected = [e for e in events if e.get("event") == "collected"]
    problems = [e for e in events if e.get("event") in ("collect-error", "suite-error")]
    if len(collected) != 1 or problems:
        raise ManifestError(f"The suites of {kata.id} could not be collected cleanly: {problems or events[-1:]}")
    tests = collected[0]["tests"]
    return {t["id"]: Entry(t["id"], t["task"], float(t["points"]), t["title"], t.get("seed")) for t in tests}


def verify(
    manifest: dict[str, Entry], canaries: list[Canary], events: list[dict[str, Any]], report: CheckReport
) -> list[str]:
    """Every way the run's results break the manifest or the canaries, in sentences; [] when none."""
    known = set(manifest) | {c.id for c in canaries}
    reasons: list[str] = []
    if any(e.get("event") == "channel-rewritten" for e in events):
        reasons.append("the results channel was rewritten while the suites ran")
    reasons += _after_done(events)
    reasons += _sequence(events)
    reasons += _collections(events, known)
    results = Counter(e.get("id") for e in events if e.get("event") == "result")
    unknown = sorted(str(i) for i in results if i not in known)
    if unknown:
        reasons.append(f"results came back for tests the suite does not have: {', '.join(unknown[:3])}")
    twice = sorted(str(i) for i, n in results.items() if n > 1)
    if twice:
        reasons.append(f"tests were reported more than once: {', '.join(twice[:3])}")
    reported = {t.id: t for t in report.tests}
    missing = sorted(i for i in manifest if i not in reported)
    if missing and not report.problems:
        reasons.append(f"tests of the suite never reported a result: {', '.join(missing[:3])}")
    for canary in canaries:
        seen = reported.get(canary.id)
        if seen is not None and seen.outcome in ("passed", "failed") and seen.outcome != canary.expect:
            must = "pass" if canary.expect == "passed" else "fail"
            reasons.append(f"a control test that must {must} came back {seen.outcome}: {canary.id.split('::')[-1]}")
    return reasons


def _after_done(events: list[dict[str, Any]]) -> list[str]:
    finished: set[int] = set()
    for event in events:
        attempt = event.get("attempt", 0)
        if attempt in finished and event.get("event") != "channel-rewritten":
            return ["results were written after the test run had finished"]
        if event.get("event") == "done":
            finished.add(attempt)
    return []


def _sequence(events: list[dict[str, Any]]) -> list[str]:
    """Tests run one at a time: each result follows its own start, and no test starts twice."""
    reported: set[str] = set()
    running, attempt = None, None
    for event in events:
        if event.get("attempt") != attempt:
            running, attempt = None, event.get("attempt")
        kind, test = event.get("event"), event.get("id")
        if kind == "start":
            if test in reported:
                return [f"a test started again after it had reported: {test}"]
            running = test
        elif kind == "result":
            if test != running:
                return [f"a result arrived for a test that was not running: {test}"]
            reported.add(str(test))
            running = None
    return []


def _collections(events: list[dict[str, Any]], known: set[str]) -> list[str]:
    per_attempt = Counter(e.get("attempt", 0) for e in events if e.get("event") == "collected")
    if any(n > 1 for n in per_attempt.values()):
        return ["the suite was reported collected twice in one run"]
    collected = [e for e in events if e.get("event") == "collected"]
    if not collected:
        return []
    first = {t.get("id") for t in collected[0].get("tests", [])}
    reasons = []
    if first - known:
        reasons.append(
            f"the run collected tests the suite does not have: {', '.join(sorted(map(str, first - known))[:3])}"
        )
    if known - first:
        reasons.append(f"the run did not collect tests of the suite: {', '.join(sorted(known - first)[:3])}")
    return reasons
