"""Runs a kata's suites in a separate pytest process and turns its events into a report.

The process gets a private copy of the submission, the checker's own pytest configuration and
a results file only the plugin writes. The parent watches the events as they arrive: a test that
runs past its limit, or a process that dies mid-test, is recorded against that test and the run
goes on with the tests that remain, so one infinite loop costs one test, not the whole check.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.catalog import Kata
from checker.report import CheckReport, TestResult
from checker.runner.contract import contract_problem
from checker.runner.launch import FreshLauncher, Handle, Launcher
from checker.runner.workspace import locate_package, private_copy

INI = Path(__file__).with_name("kata-pytest.ini")
_SCRUBBED = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME")


@dataclass(frozen=True)
class Limits:
    per_test: float = 20.0  # seconds one test may run
    per_run: float = 180.0  # seconds the whole check may run


Listener = Callable[[TestResult], None]
Tap = Callable[[dict[str, Any]], None]  # sees every raw event, with the attempt number added


def check(
    kata: Kata,
    path: Path | None = None,
    *,
    limits: Limits = Limits(),
    hidden: bool = True,
    listener: Listener | None = None,
    launcher: Launcher | None = None,
    tap: Tap | None = None,
    first_failure: bool = False,
    collect_only: bool = False,
    cancel: threading.Event | None = None,
    workdir: Path | None = None,
    observe: bool = False,
    seeds: Path | None = None,
    skip: tuple[str, ...] = (),
    jobs: int = 1,
) -> CheckReport:
    """Check the submission at `path` (default: the kata's own folder) and report per test.

    `tap`, when given, receives every event of the results channel as it was read, plus a
    `channel-rewritten` event when the channel's already-read bytes changed afterwards: the
    grader uses it to hold the run to the suite's manifest. With `first_failure`, the check
    stops at the first test that does not pass (the rest read "not run"): mutation testing
    needs only to know that a mutant was caught. With `collect_only`, nothing runs: every test
    reads "not run", which is enough to count a suite's checks. `workdir` is where the run's
    private folder is made (default: the system's temporary folder). With `observe`, the suites'
    checks send observations to `tap` (the grader's outside judge; see checker.grading.judge);
    `seeds` names the Hypothesis seeds of the original suites, for a rewritten copy. Tests in
    `skip` (ids as the report gives them) are left out: the report does not hold them. With `jobs`
    above 1, the suites' files are shared out among that many processes run side by side (see
    `share_files`); the report is the same, in the same order. The grader and mutation runs keep
    one process: they already run checks side by side.
    """
    started = time.perf_counter()
    package = locate_package(kata, path or kata.folder)
    missing = contract_problem(kata, package)
    suites = [kata.public_tests] + ([kata.hidden_tests] if hidden and kata.has_hidden_suite else [])
    alone = collect_only or first_failure or observe or tap is not None or seeds is not None
    shares = [suites] if jobs < 2 or alone else share_files(suites, jobs)
    with tempfile.TemporaryDirectory(prefix=f"kata-{kata.id}-", dir=workdir) as scratch:
        runs = []
        for n, share in enumerate(shares):
            # Each process has a folder and a copy of its own: a submission may write beside itself.
            own = Path(scratch) / f"share-{n}" if len(shares) > 1 else Path(scratch)
            own.mkdir(exist_ok=True)
            run = _Run(kata, private_copy(package, own), own, share, limits, listener, launcher or FreshLauncher(), tap)
            run.stop_early(first_failure=first_failure, collect_only=collect_only, cancel=cancel)
            run.observe, run.seeds, run.skip = observe, seeds, skip
            runs.append(run)
        _side_by_side(runs, started)
    return CheckReport(
        kata=kata,
        tests=tuple(_in_file_order(runs, _test_files(suites))),
        problems=tuple(dict.fromkeys(p for run in runs for p in run.problems)),
        seconds=time.perf_counter() - started,
        hidden_suite=len(suites) > 1,
        notices=(missing,) if missing else (),
    )


def side_by_side(kata: Kata) -> int:
    """Test processes for an interactive check of `kata`: as many as its kata.toml asks for
    (`processes`, for suites that wait on real time), one a core at most."""
    return max(1, min(kata.processes, os.cpu_count() or 1))


def share_files(suites: list[Path], jobs: int) -> list[list[Path]]:
    """The suites' test files shared out among at most `jobs` processes, longest first to the
    least loaded (a file's size stands for its run time). Each share keeps the files' order."""
    files = _test_files(suites)
    if len(files) < 2:
        return [suites]
    sizes = {f: f.stat().st_size for f in files}
    loads: list[tuple[int, list[Path]]] = [(0, []) for _ in range(min(jobs, len(files)))]
    for file in sorted(files, key=sizes.__getitem__, reverse=True):
        n = min(range(len(loads)), key=lambda i: loads[i][0])
        loads[n] = (loads[n][0] + sizes[file], [*loads[n][1], file])
    rank = {f: i for i, f in enumerate(files)}
    return [sorted(share, key=rank.__getitem__) for _, share in loads]


def _test_files(suites: list[Path]) -> list[Path]:
    """The suites' test files, in the order one pytest process runs them."""
    return [f for suite in suites for f in sorted(suite.rglob("test_*.py")) if "__pycache__" not in f.parts]


def _side_by_side(runs: list[_Run], started: float) -> None:
    if len(runs) == 1:
        runs[0].until_done(started)
        return
    threads = [threading.Thread(target=run.until_done, args=(started,), daemon=True) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _in_file_order(runs: list[_Run], order: list[Path]) -> list[TestResult]:
    """Every run's results, ordered as one process over the files in `order` would have run them."""
    results = [result for run in runs for result in run.ordered()]
    if len(runs) == 1:
        return results

    def rank(result: TestResult) -> int:
        named = result.id.split("::", 1)[0]
        return next((i for i, f in enumerate(order) if f"/{f.as_posix()}".endswith(f"/{named}")), len(order))

    return sorted(results, key=rank)  # stable: within a file, the run's own order


class _Run:
    def __init__(
        self,
        kata: Kata,
        root: Path,
        scratch: Path,
        suites: list[Path],
        limits: Limits,
        listener: Listener | None,
        launcher: Launcher,
        tap: Tap | None = None,
    ) -> None:
        self.kata, self.root, self.scratch, self.suites = kata, root, scratch, suites
        self.limits, self.listener, self.launcher = limits, listener, launcher
        self.expected: dict[str, dict[str, Any]] = {}
        self.results: dict[str, TestResult] = {}
        self.problems: list[str] = []
        self.attempt = 0
        self.tap = tap
        self.observe: bool = False
        self.seeds: Path | None = None
        self.skip: tuple[str, ...] = ()
        self.stop_early()

    def stop_early(
        self, *, first_failure: bool = False, collect_only: bool = False, cancel: threading.Event | None = None
    ) -> None:
        """When to end before every test has run: at the first failure, after collecting, or on `cancel`."""
        self.first_failure, self.collect_only = first_failure, collect_only
        self.cancel = cancel  # set by the caller: stop now, the answer is no longer wanted

    def ordered(self) -> list[TestResult]:
        return [self.results[i] for i in self.expected if i in self.results]

    def until_done(self, started: float) -> None:
        while True:
            self.attempt += 1
            finished = self._one_process(started)
            remaining = [i for i in self.expected if i not in self.results]
            caught = self.first_failure and any(not r.passed for r in self.results.values())
            if finished or not remaining or not self.expected or caught or self.collect_only:
                break
        why = (
            "Only collected: nothing ran." if self.collect_only else "This test did not run: the check ran out of time."
        )
        for test_id in self.expected:
            if test_id not in self.results:
                self._record(test_id, "not-run", why)

    def _command(self, results: Path) -> list[str]:
        done = [arg for test_id in (*self.skip, *self.results) for arg in ("--deselect", test_id)]
        return [
            "-c",
            str(INI),
            "--rootdir",
            str(self.kata.root),
            "-p",
            "checker.runner.plugin",
            "--kata-results",
            str(results),
            "--kata-root",
            str(self.root),
            "--kata-support",
            str(self.kata.public_tests),
            *[str(s) for s in self.suites],
            *done,
            *(["--exitfirst"] if self.first_failure else []),
            *(["--collect-only"] if self.collect_only else []),
            *(["--kata-observe"] if self.observe else []),
            *(["--kata-seeds", str(self.seeds)] if self.seeds else []),
        ]

    def _one_process(self, started: float) -> bool:
        """Run pytest once; True when it ended normally, False when a test had to be stopped."""
        results = self.scratch / f"results-{self.attempt}.jsonl"
        results.touch()
        env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        output = self.scratch / f"output-{self.attempt}.txt"
        process = self.launcher.start(self._command(results), cwd=self.scratch, env=env, output=output)
        return self._watch(process, results, started)

    def _watch(self, process: Handle, results: Path, started: float) -> bool:
        reader = _EventReader(results)
        try:
            return self._follow(process, reader, started)
        finally:
            if self.tap is not None:
                for event in reader.read():
                    self.tap({**event, "attempt": self.attempt})
                if not reader.intact():
                    self.tap({"event": "channel-rewritten", "attempt": self.attempt})

    def _follow(self, process: Handle, reader: _EventReader, started: float) -> bool:
        current: tuple[str, float] | None = None
        while True:
            exited = process.poll() is not None
            for event in reader.read():
                if self.tap is not None:
                    self.tap({**event, "attempt": self.attempt})
                current = self._on_event(event, current)
            if exited:
                break
            if self.cancel is not None and self.cancel.is_set():
                _stop(process)
                self.problems.append("The check was stopped before it finished: a newer one replaced it.")
                return True
            now = time.perf_counter()
            if current and now - current[1] > self.limits.per_test:
                _stop(process)
                self._record(current[0], "timeout", self._timeout_message(self.limits.per_test))
                return False
            if now - started > self.limits.per_run:
                _stop(process)
                self.problems.append(f"The check stopped after {self.limits.per_run:.0f} s, its time limit.")
                if current:
                    self._record(current[0], "timeout", self._timeout_message(now - current[1]))
                return True
            time.sleep(0.01)
        if current and current[0] not in self.results:
            self._record(current[0], "failed", _crash_message(process.poll()))
            return False
        if not reader.done and not self.expected:
            self.problems.append(_startup_problem(self.scratch / f"output-{self.attempt}.txt"))
        return True

    def _on_event(self, event: dict[str, Any], current: tuple[str, float] | None) -> tuple[str, float] | None:
        kind = event.get("event")
        if kind == "collected":
            for test in event["tests"]:
                if test["id"] not in self.skip:
                    self.expected.setdefault(test["id"], test)
        elif kind == "start":
            return (event["id"], time.perf_counter())
        elif kind == "result" and event["id"] in self.expected:
            self._record(event["id"], event["outcome"], event.get("message", ""), event.get("seconds", 0.0))
            return None
        elif kind == "collect-error":
            self.problems.append(f"{event['path']} could not be loaded: {event['message']}")
        elif kind == "suite-error":
            self.problems.append(f"Suite defect: {event['id']}: {event['message']}")
        return current

    def _record(self, test_id: str, outcome: str, message: str, seconds: float = 0.0) -> None:
        meta = self.expected.get(test_id, {"task": 0, "points": 0, "title": test_id})
        hidden = test_id.startswith("solutions/")
        result = TestResult(
            id=test_id,
            task=meta["task"],
            points=meta["points"],
            title=meta["title"],
            outcome=outcome,
            message=message,
            seconds=seconds,
            hidden=hidden,
            rules=tuple(meta.get("rules", ())),
        )
        self.results[test_id] = result
        if self.listener:
            self.listener(result)

    @staticmethod
    def _timeout_message(seconds: float) -> str:
        return (
            f"This test was stopped after {seconds:.0f} s: it did not finish. Look for a loop that "
            "never ends or a call that waits forever in the code it exercises."
        )


class _EventReader:
    """Reads whole JSON lines appended to the results file since the last read."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.done = path, 0, False
        self.digest = hashlib.sha256()

    def read(self) -> list[dict[str, Any]]:
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            chunk = handle.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self.offset += len(complete)
        self.digest.update(complete)
        events = []
        for line in complete.splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            self.done = self.done or event.get("event") == "done"
            events.append(event)
        return events

    def intact(self) -> bool:
        """True when the bytes already read are still the file's first bytes (nothing rewrote them)."""
        with open(self.path, "rb") as handle:
            head = handle.read(self.offset)
        return hashlib.sha256(head).digest() == self.digest.digest()


def _stop(process: Handle) -> None:
    process.kill()
    while process.poll() is None:
        time.sleep(0.01)


def _crash_message(code: int | None) -> str:
    return (
        f"The test process ended while this test ran (exit code {code}). Something in the code under "
        "test exits the interpreter (sys.exit, os._exit) or crashes it: remove that call."
    )


def _startup_problem(output: Path) -> str:
    tail = output.read_bytes()[-1500:].decode("utf-8", "replace").strip()
    return f"The test process could not start. Its last output:\n{tail}"


def count_reviewer_checks(kata: Kata, launcher: Launcher | None = None) -> int:
    """How many checks the hidden suite holds (parametrised cases each count), without running any."""
    report = check(kata, kata.solution_folder, launcher=launcher, collect_only=True)
    return sum(1 for test in report.tests if test.hidden)
