"""The gradebook: one CSV row per submission, a column per kata, the total and the flags."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from checker.grading.model import Batch
from checker.inert import cell

FIXED = ["submission", "learner", "source"]


def gradebook_csv(batch: Batch) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIXED, *batch.katas, "total", "max", "status", "flags"])
    for grade in sorted(batch.grades, key=lambda g: g.name):
        scores = [f"{grade.katas[k].score:g}" if k in grade.katas else "" for k in batch.katas]
        status = "error" if grade.error else "refused" if grade.refused else "needs review" if grade.flags else "ok"
        writer.writerow(
            [
                cell(grade.name),
                cell(grade.learner or ""),
                cell(grade.location),
                *scores,
                f"{grade.total:g}",
                100 * len(batch.katas),
                status,
                cell(" | ".join(grade.flags)),
            ]
        )
    return out.getvalue()


def write_gradebook(batch: Batch, path: Path) -> None:
    # Written beside, then renamed: a reader never sees half a gradebook.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(gradebook_csv(batch), encoding="utf-8")
    os.replace(partial, path)
