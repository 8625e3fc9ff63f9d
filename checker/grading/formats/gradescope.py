"""Gradescope's autograder `results.json`: one entry per test with its points, so that the tests
add up to the score and to the maximum; a kata with no tests to show is one entry of 100."""

from __future__ import annotations

from typing import Any

from checker.grading.model import KataGrade, SubmissionGrade
from checker.inert import plain
from checker.report import check_earned


def gradescope_results(grade: SubmissionGrade) -> dict[str, Any]:
    tests = [entry for kata in grade.katas.values() for entry in _entries(kata)]
    score = round(sum(t["score"] for t in tests), 2)
    most = round(sum(t["max_score"] for t in tests), 2)
    lines = [f"Graded {len(grade.katas)} kata(s): {score:g} of {most:g} points."]
    if grade.refused:
        lines.append(f"The submission was refused: {plain(grade.refused)}")
    for kata in grade.katas.values():
        lines.append(f"{kata.kata}: {kata.verdict if kata.attempted else 'not attempted'}")
        lines += [f"  {kata.kata}: {plain(reason)}" for reason in kata.reasons]
    return {
        "score": score,
        "max_score": most,
        "output": "\n".join(lines),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def _entries(kata: KataGrade) -> list[dict[str, Any]]:
    if not kata.tests:
        why = "not attempted" if not kata.attempted else f"not graded ({kata.status})"
        text = "; ".join(kata.reasons) or why
        return [_entry(f"{kata.kata} › {why}", 0, 100, passed=False, output=text)]
    counted = kata.status == "graded" and not kata.reasons
    done = {t.number for t in kata.tasks if all(x.passed for x in kata.tests if x.task == t.number)}
    return [
        _entry(
            f"{kata.kata} › task {test.task} › {test.title}",
            check_earned(test, test.task in done) if counted else 0,
            test.points,
            passed=test.passed and counted,
            output=test.message,
        )
        for test in kata.tests
    ]


def _entry(name: str, score: float, most: float, *, passed: bool, output: str) -> dict[str, Any]:
    return {
        "name": plain(name),
        "score": score,
        "max_score": most,
        "status": "passed" if passed else "failed",
        "output": plain(output),
        "visibility": "visible",
    }
