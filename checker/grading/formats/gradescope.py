"""Gradescope's autograder `results.json`: the score, and one entry per test with its points."""

from __future__ import annotations

from typing import Any

from checker.grading.model import SubmissionGrade


def gradescope_results(grade: SubmissionGrade) -> dict[str, Any]:
    tests: list[dict[str, Any]] = []
    lines = [f"Graded {len(grade.katas)} kata(s): {grade.total:g} of {100 * len(grade.katas)} points."]
    if grade.refused:
        lines.append(f"The submission was refused: {grade.refused}")
    for kata in grade.katas.values():
        lines.append(f"{kata.kata}: {kata.score:g}/100 ({kata.status})")
        lines += [f"  {kata.kata} scored 0: {reason}" for reason in kata.reasons]
        for test in kata.tests:
            earned = test.points if test.passed and kata.status == "graded" else 0
            tests.append(
                {
                    "name": f"{kata.kata} › task {test.task} › {test.title}",
                    "score": earned,
                    "max_score": test.points,
                    "status": "passed" if test.passed else "failed",
                    "output": test.message,
                    "visibility": "visible",
                }
            )
    return {
        "score": grade.total,
        "max_score": 100 * len(grade.katas),
        "output": "\n".join(lines),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
