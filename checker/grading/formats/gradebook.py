"""The gradebook: one CSV row per submission, ordered by learner, a column per kata, the total and
the flags. Each kata's cell is what `kata grade` shows: a score, or "not attempted"."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from checker.grading.model import Batch, SubmissionGrade
from checker.inert import cell

FIXED = ["submission", "learner", "source"]


def gradebook_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED, *batch.katas, "total", "max", "status", "flags"])
    for grade in by_learner(batch.grades):
        scores = [grade.katas[k].verdict if k in grade.katas else "" for k in batch.katas]
        writer.writerow(
            [
                cell(grade.name),
                cell(grade.learner or ""),
                cell(grade.location),
                *scores,
                f"{grade.total:g}",
                100 * len(batch.katas),
                grade.status,
                cell(" | ".join(grade.flags)),
            ]
        )
    return out.getvalue()


def by_learner(grades: list[SubmissionGrade]) -> list[SubmissionGrade]:
    """Rows in the order a reviewer looks for them: by the learner's name, then the submission's."""
    return sorted(grades, key=lambda g: (g.label.casefold(), g.name))


def write_gradebook(batch: Batch, path: Path) -> None:
    # Written beside, then renamed: a reader never sees half a gradebook.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(gradebook_csv(batch), encoding="utf-8")
    os.replace(partial, path)
