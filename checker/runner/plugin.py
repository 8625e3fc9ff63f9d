"""The pytest plugin loaded into every check run (`-p checker.runner.plugin`).

It puts the submission on `sys.path`, checks that every test names its task and points, and
writes one JSON line per event to the results file, so that the checker reads outcomes from a
file it chose rather than from pytest's terminal output. Messages are made for the learner here,
where the exception objects still exist. The run's state lives in one `Reporter`, registered
with pytest for the run; the module keeps none.
"""

from __future__ import annotations

import json
import sys
import time
import types
from pathlib import Path
from typing import Any, TextIO

import pytest

from checker import testkit
from checker.runner.messages import describe_failure

ROOT = pytest.StashKey[str]()  # the folder that holds the submission's package, once known


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption("--kata-results", help="file to write the JSON-lines results to")
    group.addoption("--kata-root", help="folder that holds the submission's package")
    group.addoption("--kata-support", help="the kata's public tests folder, importable as `kata_tests`")
    group.addoption(
        "--kata-observe",
        action="store_true",
        help="observe mode: checks send what they saw, for the grader to compare with the reference",
    )
    group.addoption("--kata-seeds", help="JSON file of test id -> Hypothesis seed, for the observe mode's copies")
    group.addoption("--kata-emit-seeds", action="store_true", help="collect: name each Hypothesis test's seed")
    group.addoption(
        "--kata-root-last",
        action="store_true",
        help="put the submission's folder last on sys.path, so nothing it holds can shadow the suite's imports",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    # Before any conftest.py is imported: the suites' conftests import the submission and kata_tests.
    options = early_config.known_args_namespace
    if options.kata_root:
        root = str(Path(options.kata_root).resolve())
        early_config.stash[ROOT] = root
        if options.kata_root_last:
            sys.path.append(root)  # nothing the submission holds can shadow the suite's imports
        else:
            sys.path.insert(0, root)
    if options.kata_support:
        expose_support(Path(options.kata_support).resolve())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "task(number, points): the kata task a test grades")
    config.addinivalue_line("markers", "rules(*ids): the README rules a test proves, such as '2.1'")
    results = config.getoption("--kata-results")
    out = open(results, "a", encoding="utf-8", buffering=1) if results else None  # noqa: SIM115
    reporter = Reporter(out, config.stash.get(ROOT, None))
    config.pluginmanager.register(reporter, "kata-reporter")
    if config.getoption("--kata-observe"):
        testkit.observing(reporter.observation)
    reporter.emit_seeds = bool(config.getoption("--kata-emit-seeds"))
    seeds = config.getoption("--kata-seeds")
    if seeds:
        reporter.seeds = _use_seeds(seeds)
    fix_hypothesis_examples()


def fix_hypothesis_examples() -> None:
    """Make a property test try the same examples whatever code the process has loaded.

    Hypothesis draws some of its examples (about 1 in 20) from the string and number literals of
    every loaded module outside site-packages and the tests: the submission's own code, and
    whatever the worker imported. Without this, a derandomised test would try other examples on
    another submission, or in another launcher: a submission could steer the examples by the
    literals it holds, and the outside judge could not compare a run with the reference's.
    The pool of those literals is pinned empty; Hypothesis's own constants stay.
    """
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
        from hypothesis.internal.floats import float_to_int
        from sortedcontainers import SortedSet  # type: ignore[import-untyped]  # Hypothesis's own dependency
    except ImportError:  # a kata without property tests need not have Hypothesis
        return
    empty = Constants(integers=SortedSet(), floats=SortedSet(key=float_to_int), bytes=SortedSet(), strings=SortedSet())
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()  # pools drawn before this, in the worker's parent, included


def expose_support(folder: Path) -> None:
    """Make the public tests folder the package `kata_tests`, so both suites share its helpers.

    Suites run in importlib mode, where a test module cannot import the files beside it; a
    package with a name of its own also cannot be shadowed by anything in a submission.
    """
    package = types.ModuleType("kata_tests")
    package.__path__ = [str(folder)]
    package.__file__ = None
    sys.modules["kata_tests"] = package


def _task_of(item: pytest.Item) -> tuple[int, float] | None:
    marker = item.get_closest_marker("task")
    if marker is None or not marker.args:
        return None
    points = marker.kwargs.get("points", marker.args[1] if len(marker.args) > 1 else None)
    if points is None:
        return None
    return int(marker.args[0]), float(points)


def _title(item: pytest.Item) -> str:
    doc = getattr(getattr(item, "function", None), "__doc__", None)
    if isinstance(doc, str) and doc.strip():
        return doc.strip().splitlines()[0]
    name = item.name.removeprefix("test_").replace("_", " ")
    return name[:1].upper() + name[1:]


def _hypothesis_seed(item: pytest.Item) -> int | None:
    """The seed a derandomised Hypothesis test draws from its own source, as Hypothesis computes it.

    The grader's copies of the suites have other source (checker.grading.strip), so it hands them
    these seeds (`--kata-seeds`): both copies then try the very same examples.
    """
    inner = getattr(getattr(getattr(item, "obj", None), "hypothesis", None), "inner_test", None)
    if inner is None:
        return None
    from hypothesis.internal.compat import int_from_bytes
    from hypothesis.internal.reflection import function_digest

    callspec = getattr(item, "callspec", None)
    if (callspec is not None and callspec.params) or item.get_closest_marker("parametrize") is not None:
        inner._hypothesis_internal_add_digest = item.nodeid.encode()  # as Hypothesis' plugin does at run time
    return int(int_from_bytes(function_digest(inner)))


def _use_seeds(path: str) -> dict[str, int]:
    try:
        seeds = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in seeds.items()} if isinstance(seeds, dict) else {}


class Reporter:
    """One run's reporter: writes each event of the run as a JSON line to the results file."""

    def __init__(self, out: TextIO | None, root: str | None) -> None:
        self.out, self.root = out, root
        self.sent: set[str] = set()  # tests whose result is written: one result per test
        self.started = time.perf_counter()
        self.current, self.checks = "", 0  # the running test, and how many checks it has sent
        self.seeds: dict[str, int] = {}
        self.emit_seeds = False

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        seed = self.seeds.get(item.nodeid)
        if seed is not None and hasattr(getattr(item, "obj", None), "hypothesis"):
            item.obj._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]

    def observation(self, kind: str, value: str | bool | None) -> None:
        """Observe mode: one check of the running test, in order (see checker.grading.judge)."""
        self.checks += 1
        self.emit(event="observation", id=self.current, n=self.checks, kind=kind, value=value)

    def emit(self, **event: Any) -> None:
        if self.out is not None:
            self.out.write(json.dumps(event) + "\n")
            self.out.flush()

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        tests = []
        for item in items:
            tagged = _task_of(item)
            if tagged is None:
                self.emit(event="suite-error", id=item.nodeid, message="test has no task(number, points=...) marker")
                continue
            rules = sorted({str(rule) for marker in item.iter_markers("rules") for rule in marker.args})
            test = {"id": item.nodeid, "task": tagged[0], "points": tagged[1], "title": _title(item), "rules": rules}
            seed = _hypothesis_seed(item) if self.emit_seeds else None
            tests.append(test if seed is None else {**test, "seed": seed})
        self.emit(event="collected", tests=tests)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            error = getattr(report, "_kata_message", None) or "the test module could not be loaded"
            self.emit(event="collect-error", path=report.nodeid, message=error)

    def pytest_exception_interact(self, node: Any, call: pytest.CallInfo[Any], report: Any) -> None:
        if isinstance(node, pytest.Collector) and call.excinfo is not None:
            report._kata_message = describe_failure(call.excinfo.value, self.root)

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        self.started = time.perf_counter()
        self.current, self.checks = nodeid, 0
        self.emit(event="start", id=nodeid)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[Any]):  # type: ignore[no-untyped-def]
        report = yield
        if report.failed and call.excinfo is not None:
            report._kata_message = describe_failure(call.excinfo.value, self.root)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        finished = report.when == "teardown" or report.failed or (report.when == "call")
        if not finished or report.nodeid in self.sent:
            return
        if report.when == "call" and report.passed:
            return  # wait for teardown, which may still fail
        if report.when == "setup" and report.skipped:
            outcome = "skipped"
        else:
            outcome = "failed" if report.failed else "passed"
        self.sent.add(report.nodeid)
        message = getattr(report, "_kata_message", "") if report.failed else ""
        if report.skipped and isinstance(report.longrepr, tuple):
            message = str(report.longrepr[2]).removeprefix("Skipped: ")
        duration = time.perf_counter() - self.started
        self.emit(event="result", id=report.nodeid, outcome=outcome, message=message, seconds=round(duration, 4))

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.out is not None:
            self.out.write(json.dumps({"event": "done"}) + "\n")
            self.out.close()
            self.out = None
