"""The progress line of `kata grade` counts kata runs, names the ones going on, and says the time left."""

from __future__ import annotations

import io

from rich.console import Console

from checker.cli.grade_progress import run_progress
from checker.grading.model import SubmissionGrade


def _terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=200)


def test_the_bar_counts_runs_and_names_the_ones_going_on():
    with run_progress(_terminal(), submissions=3, katas=2, quiet=False) as progress:
        task = progress.bar.tasks[0]
        assert task.total == 6
        progress.on_run("ada", "00-welcome", False)
        progress.on_run("bob", "00-welcome", False)
        assert task.completed == 0 and task.description == "ada › 00-welcome, bob › 00-welcome"
        progress.on_run("ada", "00-welcome", True)
        progress.on_run("ada", "01-layering", False)
        assert task.completed == 1 and task.description == "bob › 00-welcome, ada › 01-layering"


def test_a_submission_that_runs_nothing_counts_all_its_runs_done():
    with run_progress(_terminal(), submissions=2, katas=3, quiet=False) as progress:
        progress.on_graded(SubmissionGrade("eve", "eve.zip", "zip", refused="the archive cannot be read"))
        assert progress.bar.tasks[0].completed == 3


def test_the_line_shows_runs_done_the_time_spent_and_the_time_left():
    terminal = _terminal()
    with run_progress(terminal, submissions=1, katas=4, quiet=False) as progress:
        progress.on_run("ada", "00-welcome", False)
        progress.on_run("ada", "00-welcome", True)
        progress.bar.refresh()
        shown = terminal.file.getvalue()
    assert "1/4" in shown and "runs" in shown and "left" in shown and "0:00:00" in shown, shown
