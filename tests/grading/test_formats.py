"""The files a graded batch is written as: the shapes other tools read."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from checker.grading.formats.exercism import exercism_results
from checker.grading.formats.feedback import feedback_markdown
from checker.grading.formats.gradebook import gradebook_csv
from checker.grading.formats.gradescope import gradescope_results
from checker.grading.formats.junit import junit_xml
from checker.grading.formats.write import read_batch, write_batch
from checker.grading.model import Batch, KataGrade, SubmissionGrade, TaskGrade
from checker.report import TestResult
from tests.grading.specs import exercism_problems, gradescope_problems, junit_problems

PASSED = TestResult("katas/k/tests/t.py::test_a", 1, 60, "Keeps emails", "passed")
FAILED = TestResult(
    "solutions/k/hidden/t.py::test_b", 2, 40, "Makes slugs", "failed", "Called slugify('A')\n  saw: 'A'", hidden=True
)


def _grade(name: str = "ada", status: str = "graded", reasons: list[str] | None = None) -> SubmissionGrade:
    tasks = [TaskGrade(1, "Emails", 60, 60, "Nudge one."), TaskGrade(2, "Slugs", 40, 0, "Nudge two.")]
    kata = KataGrade("00-welcome", status, 0 if reasons else 60, reasons or [], [], tasks, [PASSED, FAILED], 1.5)
    return SubmissionGrade(name, f"/room/{name}", "folder", learner="Ada L.", katas={"00-welcome": kata})


def _mixed() -> SubmissionGrade:
    """A learner who did one kata of three: one graded, one missing, one handed in as the starter."""
    grade = _grade()
    grade.katas["01-layering"] = KataGrade("01-layering", "missing", reasons=["no 01-layering/inkwell/"])
    grade.katas["02-result"] = KataGrade("02-result", "unchanged", reasons=["inkwell/ is the starter, unchanged"])
    return grade


def _every_shape() -> list[SubmissionGrade]:
    tampered = _grade(status="tampered", reasons=["a control test came back passed"])
    refused = SubmissionGrade("eve", "/room/eve.zip", "zip", refused="the archive cannot be read")
    refused.katas = {"00-welcome": KataGrade("00-welcome", "refused", reasons=["the archive cannot be read"])}
    timed_out = _grade()
    timed_out.katas["00-welcome"].tests.append(TestResult("katas/k/tests/t.py::test_c", 2, 0, "Waits", "timeout"))
    return [_grade(), _mixed(), tampered, refused, timed_out]


def test_the_exercism_results_follow_version_3():
    data = exercism_results(_grade().katas["00-welcome"])
    assert data is not None and data["version"] == 3 and data["status"] == "fail"
    assert [t["status"] for t in data["tests"]] == ["pass", "fail"]
    assert data["tests"][1]["message"].startswith("Called slugify") and data["tests"][1]["task_id"] == 2


def test_an_exercism_result_is_an_error_when_the_kata_was_tampered_with():
    data = exercism_results(_grade(status="tampered", reasons=["a control test came back passed"]).katas["00-welcome"])
    assert data is not None and data["status"] == "error" and "control test" in data["message"]


def test_a_kata_not_attempted_has_no_exercism_file_and_hides_nobody_elses_tests(tmp_path):
    write_batch(Batch(["00-welcome", "01-layering", "02-result"], [_mixed()]), tmp_path)
    exercism = tmp_path / "submissions" / "ada" / "exercism"
    assert sorted(p.relative_to(exercism).as_posix() for p in exercism.rglob("*.json")) == ["00-welcome/results.json"]
    data = json.loads((exercism / "00-welcome" / "results.json").read_text())
    assert data["status"] == "fail" and len(data["tests"]) == 2


def test_every_exercism_file_follows_the_published_interface():
    for grade in _every_shape():
        for kata in grade.katas.values():
            data = exercism_results(kata)
            assert data is None or not exercism_problems(data), (kata.status, exercism_problems(data))


def test_the_exercism_spec_check_catches_what_exercism_refuses():
    assert exercism_problems({"version": 3, "status": "error", "tests": []})  # an error must say why
    assert exercism_problems({"version": 3, "status": "pass", "tests": [{"name": "a", "status": "fail"}]})


def test_the_gradescope_results_give_points_per_test():
    data = gradescope_results(_grade())
    assert (data["score"], data["max_score"]) == (60, 100)
    assert [(t["score"], t["max_score"], t["status"]) for t in data["tests"]] == [(60, 60, "passed"), (0, 40, "failed")]


def test_the_gradescope_maximum_is_the_sum_of_its_tests_with_katas_not_attempted():
    data = gradescope_results(_mixed())
    assert (data["score"], data["max_score"]) == (60, 300)
    assert sum(t["max_score"] for t in data["tests"]) == 300
    assert "01-layering › not attempted" in [t["name"] for t in data["tests"]]


def test_every_gradescope_file_follows_the_published_specification():
    for grade in _every_shape():
        data = gradescope_results(grade)
        assert not gradescope_problems(data), (grade.name, gradescope_problems(data))
        assert data["score"] == grade.total


def test_the_gradescope_spec_check_catches_a_maximum_the_tests_do_not_reach():
    tests = [{"name": "a", "score": 0, "max_score": 100, "status": "failed"}]
    assert gradescope_problems({"score": 0, "max_score": 600, "tests": tests})


def test_junit_xml_counts_failures_per_kata():
    suite = ET.fromstring(junit_xml(_grade())).find("testsuite")
    assert suite is not None and (suite.get("name"), suite.get("tests"), suite.get("failures")) == (
        "00-welcome",
        "2",
        "1",
    )
    assert suite.find("testcase/failure").get("message") == "Called slugify('A')"


def test_a_junit_suite_of_a_kata_not_attempted_counts_its_one_skipped_case():
    suites = {s.get("name"): s for s in ET.fromstring(junit_xml(_mixed())).findall("testsuite")}
    missing = suites["01-layering"]
    assert (missing.get("tests"), missing.get("skipped"), missing.get("errors")) == ("1", "1", "0")
    assert missing.find("testcase/skipped") is not None


def test_every_junit_file_has_the_shape_jenkins_and_gitlab_read():
    for grade in _every_shape():
        assert not junit_problems(junit_xml(grade)), (grade.name, junit_problems(junit_xml(grade)))


def test_the_junit_shape_check_catches_counts_that_disagree_with_the_cases():
    text = '<testsuites><testsuite name="k" tests="0"><testcase classname="k" name="t"><error/></testcase></testsuite></testsuites>'
    assert any("tests=0" in problem for problem in junit_problems(text))


def test_feedback_shows_the_failure_and_the_hint_to_read():
    text = feedback_markdown(_grade())
    assert "# Feedback for Ada L." in text and "| 2 | Slugs | 0/40 |" in text
    assert "Called slugify('A')" in text and "Nudge two." in text and "kata hint 00-welcome --task 2" in text
    assert "Nudge one." not in text


def test_the_gradebook_writes_not_attempted_and_orders_rows_by_learner():
    zed = SubmissionGrade("a-first-folder", "/room/a", "folder", learner="Zed")
    zed.katas = {"00-welcome": KataGrade("00-welcome", "unchanged", reasons=["the starter"])}
    amy = _grade("z-last-folder")
    amy.learner = "Amy"
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(Batch(["00-welcome"], [zed, amy])))))
    assert [(r["learner"], r["00-welcome"], r["status"]) for r in rows] == [
        ("Amy", "60", "ok"),
        ("Zed", "not attempted", "not attempted"),
    ]


def test_feedback_says_not_attempted_never_a_silent_zero():
    text = feedback_markdown(_mixed())
    assert "## 01-layering: not attempted" in text and "## 02-result: not attempted" in text
    assert "layering: 0/100" not in text and "result: 0/100" not in text


def test_the_gradebook_has_a_row_per_submission_a_column_per_kata_and_the_flags():
    batch = Batch(["00-welcome"], [_grade("bob"), _grade("ada", "tampered", ["forged"])])
    rows = list(csv.DictReader(io.StringIO(gradebook_csv(batch))))
    assert [(r["submission"], r["00-welcome"], r["total"], r["status"]) for r in rows] == [
        ("ada", "0 tampered", "0", "needs review"),
        ("bob", "60", "60", "ok"),
    ]
    assert "tampered 00-welcome: forged" in rows[0]["flags"]


def test_a_batch_written_out_reads_back_the_same(tmp_path):
    batch = Batch(["00-welcome"], [_grade()], ["network: cut"], "1/2")
    write_batch(batch, tmp_path)
    assert read_batch(tmp_path) == batch
    folder = tmp_path / "submissions" / "ada"
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*.*")} == {
        "exercism/00-welcome/results.json",
        "gradescope/results.json",
        "junit.xml",
        "feedback.md",
    }
