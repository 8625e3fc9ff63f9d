"""The gradebook: one CSV row per submission, a column per kata, the total and the flags."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from checker.grading.model import Batch

FIXED = ["submission", "learner", "source"]


def gradebook_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED, *batch.katas, "total", "max", "status", "flags"])
    for grade in sorted(batch.grades, key=lambda g: g.name):
        scores = [f"{grade.katas[k].score:g}" if k in grade.katas else "" for k in batch.katas]
        status = "refused" if grade.refused else "needs review" if grade.flags else "ok"
        writer.writerow(
            [
                grade.name,
                grade.learner or "",
                grade.location,
                *scores,
                f"{grade.total:g}",
                100 * len(batch.katas),
                status,
                " | ".join(grade.flags),
            ]
        )
    return out.getvalue()


def write_gradebook(batch: Batch, path: Path) -> None:
    path.write_text(gradebook_csv(batch), encoding="utf-8")
