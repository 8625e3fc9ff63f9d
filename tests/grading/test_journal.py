"""`kata grade --resume`: an interrupted batch is finished without grading again what was graded."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli.main import app
from checker.grading.intake import Source
from checker.grading.journal import NAME, Journal, JournalError
from checker.grading.model import KataGrade, SubmissionGrade
from tests.grading.conftest import KATA, needs_sandbox, submission

# The journal is the subject here, not the verdicts: the in-process judge spares the reference runs.
FAST = ["--katas", KATA, "--workers", "2", "--timeout", "10", "--run-timeout", "60", "--judge", "process"]
BATCH = {"katas": [KATA], "limits": [10.0, 60.0, 2048], "sandbox": True, "shard": ""}


def _source(folder: Path) -> Source:
    return Source(name=folder.name, location=str(folder), kind="folder")


def _grade(folder: Path, score: float) -> SubmissionGrade:
    grade = SubmissionGrade(name=folder.name, location=str(folder), kind="folder")
    grade.katas = {KATA: KataGrade(KATA, "graded", score)}
    return grade


def test_a_journaled_grade_is_kept_while_its_submission_is_unchanged(tmp_path):
    ada, bob = (submission(tmp_path / name, base="solution") for name in ("ada", "bob"))
    journal = Journal(tmp_path / "out", BATCH)
    journal.start(resume=False)
    journal.record(_source(ada), _grade(ada, 100))
    journal.record(_source(bob), _grade(bob, 40))
    (bob / "katas" / KATA / "inkwell" / "text.py").write_text("# changed after grading\n")
    done = Journal(tmp_path / "out", BATCH).done([_source(ada), _source(bob)])
    assert list(done) == [str(ada)] and done[str(ada)].katas[KATA].score == 100, done


def test_a_line_cut_by_a_crash_is_ignored_and_a_journal_of_another_batch_is_refused(tmp_path):
    ada = submission(tmp_path / "ada", base="solution")
    journal = Journal(tmp_path / "out", BATCH)
    journal.start(resume=False)
    journal.record(_source(ada), _grade(ada, 100))
    with open(tmp_path / "out" / NAME, "a") as handle:
        handle.write('{"location": "/half')  # the machine went away mid-write
    assert list(Journal(tmp_path / "out", BATCH).done([_source(ada)])) == [str(ada)]
    with pytest.raises(JournalError, match="belongs to another batch"):
        Journal(tmp_path / "out", {**BATCH, "katas": ["01-layering"]}).done([_source(ada)])


@pytest.mark.grades  # grades a kata twice through the command line
@needs_sandbox
def test_resume_grades_only_what_the_interrupted_batch_had_not_finished(sandbox, tmp_path):
    room = tmp_path / "room"
    submission(room / "ada", base="solution")
    submission(room / "bob", base="solution")
    out = tmp_path / "out"
    first = CliRunner().invoke(app, ["grade", str(room), *FAST, "--out", str(out)])
    assert first.exit_code == 0, first.output
    # As if the batch had stopped after ada: bob's line is gone, and ada's says 42, which only the
    # journal can say (a fresh grade of the reference solution is 100).
    lines = (out / NAME).read_text().splitlines()
    kept = [json.loads(lines[0])]
    for line in lines[1:]:
        record = json.loads(line)
        if record["grade"]["name"] == "ada":
            record["grade"]["katas"][KATA]["score"] = 42
            kept.append(record)
    (out / NAME).write_text("".join(json.dumps(r) + "\n" for r in kept))
    again = CliRunner().invoke(app, ["grade", str(room), *FAST, "--out", str(out), "--resume"])
    assert again.exit_code == 0, again.output
    with open(out / "gradebook.csv", newline="") as handle:
        book = {row["submission"]: row for row in csv.DictReader(handle)}
    assert (book["ada"][KATA], book["bob"][KATA]) == ("42", "100"), book
    assert len((out / NAME).read_text().splitlines()) == 3  # the header, ada's line, bob's new one
