"""The Exercism test-runner v3 `results.json`: a status and one entry per test, tasks numbered."""

from __future__ import annotations

from typing import Any

from checker.grading.model import SubmissionGrade

_STATUS = {"passed": "pass", "failed": "fail", "timeout": "error", "not-run": "error", "skipped": "fail"}


def exercism_results(grade: SubmissionGrade) -> dict[str, Any]:
    tests: list[dict[str, Any]] = []
    problems: list[str] = []
    for kata in grade.katas.values():
        problems += [f"{kata.kata}: {reason}" for reason in kata.reasons]
        for test in kata.tests:
            entry = {
                "name": f"{kata.kata} › {test.title}",
                "status": _STATUS.get(test.outcome, "error"),
                "task_id": test.task,
            }
            if test.message:
                entry["message"] = test.message
            tests.append(entry)
    if grade.refused or problems or not tests:
        return {
            "version": 3,
            "status": "error",
            "message": grade.refused or "; ".join(problems) or "nothing was graded",
            "tests": tests,
        }
    status = "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 3, "status": status, "tests": tests}
