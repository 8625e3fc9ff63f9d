"""Writes a graded batch to a folder: the gradebook and batch record at the top, and for each
submission its results in every format, in a folder named after it."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from checker.grading.formats.exercism import exercism_results
from checker.grading.formats.feedback import feedback_markdown
from checker.grading.formats.gradebook import write_gradebook
from checker.grading.formats.gradescope import gradescope_results
from checker.grading.formats.junit import junit_xml
from checker.grading.model import Batch

BATCH = "batch.json"


def write_batch(batch: Batch, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_gradebook(batch, out / "gradebook.csv")
    _write(out / BATCH, json.dumps(batch.to_dict(), indent=2))
    for grade in batch.grades:
        folder = out / "submissions" / safe_name(grade.name)
        (folder / "gradescope").mkdir(parents=True, exist_ok=True)
        shutil.rmtree(folder / "exercism", ignore_errors=True)  # a kata no longer attempted leaves no file
        for kata in grade.katas.values():
            results = exercism_results(kata)
            if results is not None:  # as Exercism's runner: one exercise's results in a folder of its own
                (folder / "exercism" / kata.kata).mkdir(parents=True, exist_ok=True)
                _write(folder / "exercism" / kata.kata / "results.json", json.dumps(results, indent=2))
        _write(folder / "gradescope" / "results.json", json.dumps(gradescope_results(grade), indent=2))
        _write(folder / "junit.xml", junit_xml(grade))
        _write(folder / "feedback.md", feedback_markdown(grade))


def _write(path: Path, text: str) -> None:
    # A learner's text may hold what UTF-8 cannot encode (a lone surrogate): escaped, never fatal.
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8", errors="backslashreplace")
    os.replace(partial, path)


def read_batch(out: Path) -> Batch:
    return Batch.from_dict(json.loads((out / BATCH).read_text(encoding="utf-8")))


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "submission"
