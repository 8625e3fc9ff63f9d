"""Holding a run's results to the manifest and the canaries, event by event."""

from __future__ import annotations

import random

import pytest

from checker.grading.canary import Canary, plant
from checker.grading.manifest import Entry, verify
from checker.report import CheckReport
from checker.report import TestResult as Outcome

A, B = "katas/k/tests/test_a.py::test_a", "solutions/k/hidden/test_b.py::test_b"
PASS, FAIL = (
    Canary("solutions/k/hidden/test_c.py::test_pass", "passed"),
    Canary("solutions/k/hidden/test_c.py::test_fail", "failed"),
)
MANIFEST = {A: Entry(A, 1, 50, "a"), B: Entry(B, 2, 50, "b")}


def _report(catalog, outcomes: dict[str, str], problems: tuple[str, ...] = ()) -> CheckReport:
    kata = catalog.get("00-welcome")
    tests = tuple(Outcome(i, 1, 1, i, outcome) for i, outcome in outcomes.items())
    return CheckReport(kata=kata, tests=tests, problems=problems)


def _events(results: dict[str, str], *, collected: list[str] | None = None, done: bool = True) -> list[dict]:
    ids = collected if collected is not None else [A, B, PASS.id, FAIL.id]
    events = [{"event": "collected", "tests": [{"id": i} for i in ids], "attempt": 1}]
    for test, outcome in results.items():
        events.append({"event": "start", "id": test, "attempt": 1})
        events.append({"event": "result", "id": test, "outcome": outcome, "attempt": 1})
    return events + ([{"event": "done", "attempt": 1}] if done else [])


HONEST = {A: "passed", B: "failed", PASS.id: "passed", FAIL.id: "failed"}


@pytest.fixture
def judge(grading_catalog):
    def run(events, outcomes=HONEST, problems=()):
        return verify(MANIFEST, [PASS, FAIL], events, _report(grading_catalog, outcomes, problems))

    return run


def test_an_honest_run_passes_every_check(judge):
    assert judge(_events(HONEST)) == []


def test_a_result_reported_twice_is_tampering(judge):
    events = _events(HONEST)
    events.insert(2, {"event": "result", "id": B, "outcome": "passed", "attempt": 1})
    assert any("more than once" in r for r in judge(events))


def test_a_result_for_an_unknown_test_is_tampering(judge):
    events = _events(HONEST)
    events.insert(
        2, {"event": "result", "id": "katas/k/tests/test_a.py::test_forged", "outcome": "passed", "attempt": 1}
    )
    assert any("does not have" in r for r in judge(events))


def test_a_test_that_never_reports_is_tampering(judge):
    outcomes = {k: v for k, v in HONEST.items() if k != B}
    assert any("never reported" in r for r in judge(_events(outcomes), outcomes))


def test_a_collection_without_the_suites_tests_is_tampering(judge):
    assert any("did not collect" in r for r in judge(_events(HONEST, collected=[A, PASS.id, FAIL.id])))


def test_results_after_the_end_of_the_run_are_tampering(judge):
    events = [*_events(HONEST), {"event": "result", "id": A, "outcome": "passed", "attempt": 1}]
    assert any("after the test run" in r for r in judge(events))


def test_a_rewritten_channel_is_tampering(judge):
    assert any("rewritten" in r for r in judge([*_events(HONEST), {"event": "channel-rewritten", "attempt": 1}]))


def test_a_canary_that_must_fail_but_passed_is_tampering(judge):
    forged = {**HONEST, FAIL.id: "passed"}
    assert any("must fail came back passed" in r for r in judge(_events(forged), forged))


def test_a_canary_stopped_by_the_time_limit_is_not_tampering(judge):
    stopped = {**HONEST, FAIL.id: "not-run"}
    events = _events({k: v for k, v in HONEST.items() if k != FAIL.id})
    assert judge(events, stopped, ("The check stopped after 8 s, its time limit.",)) == []


def test_canaries_change_with_every_run_and_half_must_fail(tmp_path):
    runs = []
    for seed in (1, 2):
        suite = tmp_path / str(seed) / "solutions" / "k" / "hidden"
        suite.mkdir(parents=True)
        runs.append(plant(suite, tmp_path / str(seed), [1, 2, 3], random.Random(seed)))
    assert {c.id for c in runs[0]} != {c.id for c in runs[1]}
    assert sorted(c.expect for c in runs[0]) == ["failed", "failed", "passed", "passed"]
    assert all(c.id.startswith("solutions/k/hidden/test_") for c in runs[0])


def test_a_result_for_a_test_that_is_not_running_is_tampering(judge):
    events = _events(HONEST)
    events.insert(1, {"event": "result", "id": B, "outcome": "passed", "attempt": 1})
    assert any("was not running" in r for r in judge(events))


def test_a_test_that_starts_again_after_reporting_is_tampering(judge):
    events = _events(HONEST)
    events.insert(-1, {"event": "start", "id": A, "attempt": 1})
    assert any("started again" in r for r in judge(events))
