"""The checker speaks to the learner: broken code is a failed check naming file and line, never a crash."""

from __future__ import annotations

import shutil

import pytest

from checker.runner.process import Limits, check
from tests.conftest import CATALOG

WELCOME = CATALOG.get("00-welcome")


@pytest.fixture
def work(tmp_path):
    """A copy of the welcome solution to break in various ways."""
    folder = tmp_path / "00-welcome"
    shutil.copytree(WELCOME.solution_folder / "inkwell", folder / "inkwell")
    return folder


def _messages(report):
    return "\n".join(t.message for t in report.tests if not t.passed)


def _no_suite_internals(text):
    assert "Traceback" not in text, f"a traceback reached the learner:\n{text}"
    assert "solutions/00-welcome/hidden" not in text and "conftest.py" not in text, f"suite paths leaked:\n{text}"
    assert "def test_" not in text, f"suite source leaked:\n{text}"


def test_a_syntax_error_is_a_failed_check_naming_file_and_line(work, launcher):
    text = work / "inkwell" / "text.py"
    text.write_text(text.read_text() + "\ndef broken(:\n    pass\n")
    report = check(WELCOME, work, launcher=launcher)
    messages = _messages(report)
    assert report.score < 100 and "Your code does not compile: inkwell/text.py, line" in messages, messages
    _no_suite_internals(messages)


def test_an_error_raised_in_learner_code_shows_its_line_and_no_suite_frames(work, launcher):
    text = work / "inkwell" / "text.py"
    text.write_text(
        text.read_text().replace(
            "    cleaned = raw.strip().lower()\n", "    cleaned = raw.strip().lower()\n    1 / 0\n"
        )
    )
    report = check(WELCOME, work, launcher=launcher)
    messages = _messages(report)
    assert "Your code raised ZeroDivisionError: division by zero" in messages, messages
    assert "inkwell/text.py:" in messages and "in normalise_email()" in messages and "1 / 0" in messages, messages
    _no_suite_internals(messages)


def test_a_missing_module_names_what_the_contract_needs(work, launcher):
    (work / "inkwell" / "text.py").unlink()
    report = check(WELCOME, work, launcher=launcher)
    messages = _messages(report)
    assert report.score == 0 or "inkwell.text" in messages, messages
    assert "The contract needs the module inkwell.text" in messages, messages
    _no_suite_internals(messages)


def test_a_hanging_test_is_stopped_at_its_limit_and_the_others_still_run(work, launcher):
    text = work / "inkwell" / "text.py"
    text.write_text(
        text.read_text().replace(
            "def unique_slug(title: str, taken: Container[str]) -> str:\n",
            # Only long titles hang, so that a few tests, not all of task 3, wait out their limit.
            "def unique_slug(title: str, taken: Container[str]) -> str:\n    while len(title) > 75:\n        pass\n",
        )
    )
    report = check(WELCOME, work, limits=Limits(per_test=3), launcher=launcher)
    stopped = [t for t in report.tests if t.outcome == "timeout"]
    assert stopped and all(t.task == 3 for t in stopped), [(t.id, t.outcome) for t in report.tests]
    assert "stopped after" in stopped[0].message and "did not finish" in stopped[0].message
    earned = {t.number: t.earned for t in report.tasks}
    assert earned[1] == 25 and earned[2] == 30 and earned[4] == 25, f"the other tasks should still pass: {earned}"


def test_code_that_exits_the_interpreter_fails_only_the_tests_that_reach_it(work, launcher):
    text = work / "inkwell" / "text.py"
    text.write_text(text.read_text().replace("    base = slugify(title)\n", "    import os\n    os._exit(0)\n"))
    report = check(WELCOME, work, launcher=launcher)
    crashed = [t for t in report.tests if "ended while this test ran" in t.message]
    assert crashed and all(t.task == 3 for t in crashed), [(t.id, t.outcome, t.message[:60]) for t in report.tests]
    assert {t.number: t.earned for t in report.tasks}[2] == 30


def test_checking_leaves_the_submission_unmodified(work, launcher):
    before = {p.relative_to(work): p.read_bytes() for p in work.rglob("*") if p.is_file()}
    check(WELCOME, work, launcher=launcher)
    after = {p.relative_to(work): p.read_bytes() for p in work.rglob("*") if p.is_file()}
    assert after == before, f"the check changed the submission: {set(after) ^ set(before)}"


@pytest.mark.processes  # starts pytest cold, as a learner's kata check does (the fast loop keeps one cold CLI check)
def test_the_fresh_and_the_warm_launchers_agree(checked):
    warm = checked(WELCOME.id, "starter")  # the starter's warm check, shared with the bars
    fresh = check(WELCOME, WELCOME.folder)
    assert [(t.id, t.outcome) for t in warm.tests] == [(t.id, t.outcome) for t in fresh.tests]
    assert warm.score == fresh.score < 100, (warm.score, fresh.score)


def test_without_the_hidden_suite_a_solved_kata_is_complete_on_its_public_points(launcher):
    report = check(WELCOME, WELCOME.solution_folder, hidden=False, launcher=launcher)
    assert not report.hidden_suite and report.complete, report.to_dict()["tasks"]
    public_points = sum(t.points for t in report.tests)
    assert report.score == report.available == public_points < 100 and all(task.passed for task in report.tasks)
    starter = check(WELCOME, WELCOME.folder, hidden=False, launcher=launcher)
    assert not starter.complete and starter.score < starter.available == public_points
