"""The feedback a learner reads: per kata, what passed, what failed and why, which hints to read."""

from __future__ import annotations

from checker.grading.model import KataGrade, SubmissionGrade
from checker.inert import markdown


def feedback_markdown(grade: SubmissionGrade) -> str:
    lines = [f"# Feedback for {markdown(grade.label)}", ""]
    if grade.error:
        lines += ["Your submission could not be graded: the grader failed on it, and a reviewer will look.", ""]
    if grade.refused:
        lines += [f"Your submission could not be graded: {grade.refused}.", ""]
    lines += [f"**Total: {grade.total:g} of {100 * len(grade.katas)} points.**", ""]
    if grade.katas and not grade.attempted:
        lines += ["No kata was attempted: every kata is missing or is the starter as shipped.", ""]
    for kata in grade.katas.values():
        lines += _kata(kata)
    return "\n".join(lines).rstrip() + "\n"


def _kata(kata: KataGrade) -> list[str]:
    if not kata.attempted:
        return [f"## {kata.kata}: not attempted", "", f"Not attempted: {markdown('; '.join(kata.reasons))}.", ""]
    lines = [f"## {kata.kata}: {kata.score:g}/100", ""]
    if kata.status == "refused":
        return [*lines, "Not graded: the submission was refused.", ""]
    if kata.status == "error":
        return [*lines, "Not graded: the grader failed on this kata, and a reviewer will look at it.", ""]
    if kata.reasons:
        lines += ["This kata scores 0: the run's results could not be trusted.", ""]
        lines += [f"- {reason}" for reason in kata.reasons] + [""]
    lines += ["| task | title | points |", "|---|---|---|"]
    lines += [f"| {t.number} | {t.title} | {t.earned:g}/{t.points} |" for t in kata.tasks] + [""]
    for task in kata.tasks:
        failed = [t for t in kata.tests if t.task == task.number and not t.passed]
        if not failed:
            continue
        lines += [f"### Task {task.number}: {task.title}", ""]
        for test in failed[:3]:
            lines += [f"- **{test.title}** ({test.outcome})", ""]
            if test.message:
                lines += ["  ```text", *[f"  {line}" for line in test.message.splitlines()], "  ```", ""]
        if len(failed) > 3:
            lines += [f"- and {len(failed) - 3} more test(s) of this task.", ""]
        lines += [f"Hint to read first: {task.hint}", f"More: `uv run kata hint {kata.kata} --task {task.number}`", ""]
    for problem in kata.problems:
        lines += [f"> {problem}", ""]
    return lines
