"""`kata grade` and `kata export gradescope` from the command line."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from checker.cli.main import app
from tests.grading.conftest import KATA, submission

FAST = ["--katas", KATA, "--workers", "2", "--timeout", "5", "--run-timeout", "30"]


def _kata(*args: str):
    return CliRunner().invoke(app, list(args))


def _gradebook(folder) -> dict[str, dict[str, str]]:
    with open(folder / "gradebook.csv", newline="") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


def test_grading_a_room_writes_the_gradebook_and_each_learners_results(sandbox, tmp_path):
    submission(tmp_path / "room" / "ada", base="solution", files={"submission.json": '{"learner": "Ada Lovelace"}'})
    submission(tmp_path / "room" / "bob", base="starter")
    result = _kata("grade", str(tmp_path / "room"), *FAST, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Ada Lovelace" in result.output and "network:" in result.output
    book = _gradebook(tmp_path / "out")
    assert (book["ada"][KATA], book["ada"]["learner"], book["ada"]["status"]) == ("100", "Ada Lovelace", "ok")
    # An untouched starter is no attempt: never points for the starter's passing tests, never "0 ok".
    assert (book["bob"][KATA], book["bob"]["total"], book["bob"]["status"]) == ("not attempted", "0", "not attempted")
    assert "not attempted" in result.output
    scored = json.loads((tmp_path / "out/submissions/bob/gradescope/results.json").read_text())
    assert (scored["score"], scored["max_score"]) == (0, 100)
    assert not (tmp_path / "out/submissions/bob/exercism").exists()


def test_a_kata_folder_given_as_the_path_is_graded_as_one_submission(sandbox, tmp_path):
    submission(tmp_path / "ada", base="solution")
    result = _kata("grade", str(tmp_path / "ada" / "katas" / KATA), *FAST, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    book = _gradebook(tmp_path / "out")
    assert list(book) == ["ada"] and book["ada"][KATA] == "100", book


def test_rows_follow_the_learner_not_the_path(sandbox, tmp_path):
    for folder, learner in (("a-folder", "Zed"), ("z-folder", "Amy")):
        submission(tmp_path / "room" / folder, files={"submission.json": json.dumps({"learner": learner})})
    result = _kata("grade", str(tmp_path / "room"), *FAST, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [row["learner"] for row in _gradebook(tmp_path / "out").values()] == ["Amy", "Zed"]
    assert result.output.index("Amy") < result.output.index("Zed")


def test_without_katas_only_the_katas_handed_in_are_graded_and_counted(sandbox, tmp_path):
    submission(tmp_path / "room" / "ada", base="solution")
    result = _kata("grade", str(tmp_path / "room"), "--timeout", "5", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    row = _gradebook(tmp_path / "out")["ada"]
    assert (row[KATA], row["total"], row["max"]) == ("100", "100", "100"), row
    assert "01-layering" not in row, "a kata nobody handed in got a column"


def test_shards_graded_apart_merge_into_one_gradebook(sandbox, tmp_path):
    for name in ("ada", "bob", "cy"):
        submission(tmp_path / "room" / name)
    for shard in ("1/2", "2/2"):
        out = tmp_path / shard.replace("/", "-")
        result = _kata("grade", str(tmp_path / "room"), *FAST, "--shard", shard, "--out", str(out))
        assert result.exit_code == 0, result.output
    assert len(_gradebook(tmp_path / "1-2")) + len(_gradebook(tmp_path / "2-2")) == 3
    result = _kata("grade", "--merge", str(tmp_path / "1-2"), str(tmp_path / "2-2"), "--out", str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    assert sorted(_gradebook(tmp_path / "all")) == ["ada", "bob", "cy"]


def test_a_bad_shard_is_refused_with_a_sentence(sandbox, tmp_path):
    result = _kata("grade", str(tmp_path), "--shard", "3/2")
    assert result.exit_code == 2 and "1 <= i <= n" in result.output


def test_the_gradescope_autograder_grades_an_upload_without_the_solutions(sandbox, tmp_path):
    result = _kata("export", "gradescope", "--katas", KATA, "--out", str(tmp_path / "autograder.zip"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "autograder.zip") as bundle:
        names = bundle.namelist()
        bundle.extractall(tmp_path / "autograder")
        mode = bundle.getinfo("run_autograder").external_attr >> 16
    assert {"setup.sh", "run_autograder", f"source/solutions/{KATA}/hidden/test_http.py"} <= set(names)
    assert not [n for n in names if f"solutions/{KATA}/inkwell" in n or "/decoys/" in n]
    assert mode & 0o111
    # What run_autograder does, with this interpreter: a Gradescope upload is just the package.
    upload = tmp_path / "upload"
    upload.mkdir()
    submission(tmp_path / "s", base="solution")
    os.rename(tmp_path / "s" / "katas" / KATA / "inkwell", upload / "inkwell")
    kata = str(Path(sys.executable).with_name("kata"))
    command = [kata, "grade", str(upload), "--one", *FAST, "--out", str(tmp_path / "g")]
    done = subprocess.run(command, cwd=tmp_path / "autograder" / "source", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    scored = json.loads((tmp_path / "g/submissions/upload/gradescope/results.json").read_text())
    assert scored["score"] == 100, scored["output"]
