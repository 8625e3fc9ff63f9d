"""The files a graded batch is written as: the shapes other tools read."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from checker.grading.formats.exercism import exercism_results
from checker.grading.formats.feedback import feedback_markdown
from checker.grading.formats.gradebook import gradebook_csv
from checker.grading.formats.gradescope import gradescope_results
from checker.grading.formats.junit import junit_xml
from checker.grading.formats.write import read_batch, write_batch
from checker.grading.model import Batch, KataGrade, SubmissionGrade, TaskGrade
from checker.report import TestResult

PASSED = TestResult("katas/k/tests/t.py::test_a", 1, 60, "Keeps emails", "passed")
FAILED = TestResult(
    "solutions/k/hidden/t.py::test_b", 2, 40, "Makes slugs", "failed", "Called slugify('A')\n  saw: 'A'", hidden=True
)


def _grade(name: str = "ada", status: str = "graded", reasons: list[str] | None = None) -> SubmissionGrade:
    tasks = [TaskGrade(1, "Emails", 60, 60, "Nudge one."), TaskGrade(2, "Slugs", 40, 0, "Nudge two.")]
    kata = KataGrade("00-welcome", status, 0 if reasons else 60, reasons or [], [], tasks, [PASSED, FAILED], 1.5)
    return SubmissionGrade(name, f"/room/{name}", "folder", learner="Ada L.", katas={"00-welcome": kata})


def test_the_exercism_results_follow_version_3():
    data = exercism_results(_grade())
    assert data["version"] == 3 and data["status"] == "fail"
    assert [t["status"] for t in data["tests"]] == ["pass", "fail"]
    assert data["tests"][1]["message"].startswith("Called slugify") and data["tests"][1]["task_id"] == 2


def test_an_exercism_result_is_an_error_when_the_kata_was_tampered_with():
    data = exercism_results(_grade(status="tampered", reasons=["a control test came back passed"]))
    assert data["status"] == "error" and "control test" in data["message"]


def test_the_gradescope_results_give_points_per_test():
    data = gradescope_results(_grade())
    assert (data["score"], data["max_score"]) == (60, 100)
    assert [(t["score"], t["max_score"], t["status"]) for t in data["tests"]] == [(60, 60, "passed"), (0, 40, "failed")]


def test_junit_xml_counts_failures_per_kata():
    suite = ET.fromstring(junit_xml(_grade())).find("testsuite")
    assert suite is not None and (suite.get("name"), suite.get("tests"), suite.get("failures")) == (
        "00-welcome",
        "2",
        "1",
    )
    assert suite.find("testcase/failure").get("message") == "Called slugify('A')"


def test_feedback_shows_the_failure_and_the_hint_to_read():
    text = feedback_markdown(_grade())
    assert "# Feedback for Ada L." in text and "| 2 | Slugs | 0/40 |" in text
    assert "Called slugify('A')" in text and "Nudge two." in text and "kata hint 00-welcome --task 2" in text
    assert "Nudge one." not in text


def test_the_gradebook_has_a_row_per_submission_a_column_per_kata_and_the_flags():
    batch = Batch(["00-welcome"], [_grade("bob"), _grade("ada", "tampered", ["forged"])])
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(batch))))
    assert [(r["submission"], r["00-welcome"], r["total"], r["status"]) for r in rows] == [
        ("ada", "0", "0", "needs review"),
        ("bob", "60", "60", "ok"),
    ]
    assert "tampered 00-welcome: forged" in rows[0]["flags"]


def test_a_batch_written_out_reads_back_the_same(tmp_path):
    batch = Batch(["00-welcome"], [_grade()], ["network: cut"], "1/2")
    write_batch(batch, tmp_path)
    assert read_batch(tmp_path) == batch
    folder = tmp_path / "submissions" / "ada"
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*.*")} == {
        "exercism/results.json",
        "gradescope/results.json",
        "junit.xml",
        "feedback.md",
    }
