"""The outside judge's verdict on one test, from the run's outcome and observations.

In the stripped copy a value check never fails (it only sends what it saw), so a self-reported
test, one that also holds a check decided in the run, passes there even when its values are wrong.
Its values must still match the reference's, or the outside judge would give points that
`kata check` refuses (05's decoys scored up to a point more outside than in-process).
"""

from __future__ import annotations

from checker import report
from checker.grading.judge import Reference, judge
from checker.grading.strip import Sites

DECIDED, SELF, UNSTABLE = "t.py::test_decided", "t.py::test_self", "t.py::test_unstable"
REFERENCE = Reference(
    values={DECIDED: ("201",), SELF: ("404",), UNSTABLE: ("7",)},
    outside=frozenset({DECIDED}),
    sites=Sites(),
    settled=frozenset({DECIDED, SELF}),
)


def _passed(test_id: str) -> report.TestResult:
    return report.TestResult(id=test_id, title=test_id, task=1, points=1.0, outcome="passed", message="", seconds=0.0)


def _run(values: dict[str, list[str]]) -> dict[str, str]:
    events = [
        {"event": "observation", "id": test, "kind": "value", "value": value}
        for test, seen in values.items()
        for value in seen
    ]
    verdicts = judge(REFERENCE, events, [_passed(t) for t in (DECIDED, SELF, UNSTABLE)])
    return {t.id: t.outcome for t in verdicts}


def test_passes_need_the_references_values():
    assert _run({DECIDED: ["201"], SELF: ["404"], UNSTABLE: ["8"]}) == {
        DECIDED: "passed",
        SELF: "passed",
        UNSTABLE: "passed",  # the reference itself saw other values on another run: the run's word stands
    }


def test_a_self_reported_test_with_the_wrong_values_fails_though_the_run_passed_it():
    verdicts = _run({DECIDED: ["201"], SELF: ["200"], UNSTABLE: ["7"]})
    assert verdicts[SELF] == "failed" and verdicts[DECIDED] == "passed"


def test_a_missing_observation_fails_the_test():
    assert _run({SELF: ["404"]})[DECIDED] == "failed"
