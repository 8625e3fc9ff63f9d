"""Exercism's test-runner `results.json` (interface version 3), one file per kata: Exercism runs one
exercise at a time, and a file of several would hide every test behind one kata's error."""

from __future__ import annotations

from typing import Any

from checker.grading.model import KataGrade
from checker.inert import plain

VERSION = 3
_STATUS = {"passed": "pass", "failed": "fail", "timeout": "error", "not-run": "error", "skipped": "fail"}


def exercism_results(kata: KataGrade) -> dict[str, Any] | None:
    """The kata's results as Exercism's runner writes them; None for a kata not attempted, which
    Exercism would never have run."""
    if not kata.attempted:
        return None
    if kata.status != "graded" or kata.reasons or not kata.tests:
        why = "; ".join(kata.reasons) or f"the kata was not graded ({kata.status})"
        return {"version": VERSION, "status": "error", "message": plain(why), "tests": []}
    tests = [_test(test.title, _STATUS.get(test.outcome, "error"), test.message, test.task) for test in kata.tests]
    status = "pass" if all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": VERSION, "status": status, "tests": tests}


def _test(title: str, status: str, message: str, task: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": plain(title), "status": status, "task_id": task}
    if message:
        entry["message"] = plain(message)
    return entry
