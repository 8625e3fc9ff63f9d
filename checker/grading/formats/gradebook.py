"""The gradebook: one CSV row per submission, ordered by learner, a column per kata, the total and
the flags. Each kata's cell is what `kata grade` shows: a score, or "not attempted". Under the
outside judge a `self-reported` column says how much of the total rests on the run's own word."""

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
    outside = judged_outside(batch)
    # Under the outside judge: the points of the total that rest on checks the run decided itself.
    extra = ["self-reported"] if outside else []
    writer.writerow([*FIXED, *batch.katas, "total", "max", *extra, "status", "flags"])
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
                *([f"{self_reported(grade):g}"] if outside else []),
                grade.status,
                cell(" | ".join(grade.flags)),
            ]
        )
    return out.getvalue()


def judged_outside(batch: Batch) -> bool:
    """Whether the batch was graded with `--judge outside` (some kata carries a self-reported part)."""
    return any(k.self_reported is not None for g in batch.grades for k in g.katas.values())


def self_reported(grade: SubmissionGrade) -> float:
    """The points of the submission's total that rest on checks its own run decided."""
    return round(sum(k.self_reported or 0.0 for k in grade.katas.values()), 2)


def by_learner(grades: list[SubmissionGrade]) -> list[SubmissionGrade]:
    """Rows in the order a reviewer looks for them: by the learner's name, then the submission's."""
    return sorted(grades, key=lambda g: (g.label.casefold(), g.name))


def write_gradebook(batch: Batch, path: Path) -> None:
    # Written beside, then renamed: a reader never sees half a gradebook.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(gradebook_csv(batch), encoding="utf-8")
    os.replace(partial, path)
