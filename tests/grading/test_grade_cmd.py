"""`kata grade` and `kata export gradescope` from the command line."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.catalog import Kata
from checker.cli.main import app
from tests.grading.conftest import KATA, submission

FAST = ["--katas", KATA, "--workers", "2", "--timeout", "5", "--run-timeout", "30"]
# For tests of intake and rows rather than of verdicts: the in-process judge spares the reference runs.
TRUSTED = [*FAST, "--judge", "process"]


def _kata(*args: str):
    return CliRunner().invoke(app, list(args))


def _gradebook(folder) -> dict[str, dict[str, str]]:
    with open(folder / "gradebook.csv", newline="") as handle:
        return {row["submission"]: row for row in csv.DictReader(handle)}


@pytest.mark.grades  # grades a room of submissions through kata grade
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


@pytest.mark.grades  # grades a kata
def test_a_kata_folder_given_as_the_path_is_graded_as_one_submission(sandbox, tmp_path):
    submission(tmp_path / "ada", base="solution")
    result = _kata("grade", str(tmp_path / "ada" / "katas" / KATA), *TRUSTED, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    book = _gradebook(tmp_path / "out")
    assert list(book) == ["ada"] and book["ada"][KATA] == "100", book


@pytest.mark.grades  # grades two submissions
def test_rows_follow_the_learner_not_the_path(sandbox, tmp_path):
    for folder, learner in (("a-folder", "Zed"), ("z-folder", "Amy")):
        submission(tmp_path / "room" / folder, files={"submission.json": json.dumps({"learner": learner})})
    result = _kata("grade", str(tmp_path / "room"), *TRUSTED, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [row["learner"] for row in _gradebook(tmp_path / "out").values()] == ["Amy", "Zed"]
    assert result.output.index("Amy") < result.output.index("Zed")


@pytest.mark.grades  # grades the submissions handed in
def test_without_katas_only_the_katas_handed_in_are_graded_and_counted(sandbox, tmp_path):
    submission(tmp_path / "room" / "ada", base="solution")
    result = _kata("grade", str(tmp_path / "room"), "--timeout", "5", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    row = _gradebook(tmp_path / "out")["ada"]
    assert (row[KATA], row["total"], row["max"]) == ("100", "100", "100"), row
    assert "01-layering" not in row, "a kata nobody handed in got a column"


@pytest.mark.grades  # grades a batch in two shards and merges them
def test_shards_graded_apart_merge_into_one_gradebook(sandbox, tmp_path):
    for name in ("ada", "bob", "cy"):
        submission(tmp_path / "room" / name)
    for shard in ("1/2", "2/2"):
        out = tmp_path / shard.replace("/", "-")
        result = _kata("grade", str(tmp_path / "room"), *TRUSTED, "--shard", shard, "--out", str(out))
        assert result.exit_code == 0, result.output
    assert len(_gradebook(tmp_path / "1-2")) + len(_gradebook(tmp_path / "2-2")) == 3
    result = _kata("grade", "--merge", str(tmp_path / "1-2"), str(tmp_path / "2-2"), "--out", str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    assert sorted(_gradebook(tmp_path / "all")) == ["ada", "bob", "cy"]


def test_a_bad_shard_is_refused_with_a_sentence(sandbox, tmp_path):
    result = _kata("grade", str(tmp_path), "--shard", "3/2")
    assert result.exit_code == 2 and "1 <= i <= n" in result.output


def test_the_gradescope_autograder_holds_the_suites_and_the_starter_but_no_solution(sandbox, tmp_path):
    result = _kata("export", "gradescope", "--katas", KATA, "--out", str(tmp_path / "autograder.zip"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "autograder.zip") as bundle:
        names = bundle.namelist()
        mode = bundle.getinfo("run_autograder").external_attr >> 16
    # Gradescope unpacks the zip into /autograder/source: the scripts and the project at its top.
    assert {"setup.sh", "run_autograder", "pyproject.toml", f"solutions/{KATA}/hidden/test_http.py"} <= set(names)
    assert f".kata/starters/{KATA}/inkwell/text.py" in names, "no shipped starter: an untouched upload would score"
    assert not [n for n in names if f"solutions/{KATA}/inkwell" in n or "/decoys/" in n]
    assert mode & 0o111


@pytest.fixture
def outside_tmp():
    """A new, empty folder that is not under /tmp: Gradescope's is /autograder, and the grading sandbox
    lays its own empty /tmp over every run, which would hide an environment installed under /tmp."""
    folder = Path(tempfile.mkdtemp(prefix="gradescope-", dir=_private()))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _private() -> Path:
    folder = Path(__file__).resolve().parents[2] / ".kata" / "test-autograders"  # git-ignored
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _autograder(tmp_path: Path) -> Path:
    """The export unpacked as Gradescope lays it out: the zip in source/, run_autograder copied beside it."""
    result = _kata("export", "gradescope", "--katas", KATA, "--out", str(tmp_path / "autograder.zip"))
    assert result.exit_code == 0, result.output
    home = tmp_path / "autograder"
    with zipfile.ZipFile(tmp_path / "autograder.zip") as bundle:
        bundle.extractall(home / "source")
    for script in ("setup.sh", "run_autograder"):
        (home / "source" / script).chmod(0o755)
    shutil.copy2(home / "source" / "run_autograder", home / "run_autograder")
    return home


def _upload(home: Path, base: str) -> None:
    shutil.rmtree(home / "submission", ignore_errors=True)
    shutil.rmtree(home / "results", ignore_errors=True)
    submission(home / "upload-src", base=base)
    shutil.move(home / "upload-src" / "katas" / KATA / "inkwell", home / "submission" / "inkwell")
    shutil.rmtree(home / "upload-src")


@pytest.mark.builds  # installs the autograder's environment
@pytest.mark.grades  # and grades two uploads
@pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed: setup.sh installs from its pins with uv")
def test_the_gradescope_scripts_install_and_grade_in_a_clean_folder(outside_tmp):
    home = _autograder(outside_tmp)
    # As Gradescope runs them, in a folder holding nothing of the project; offline: uv's cache serves the pins.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_PROJECT", "PYTHONPATH"))}
    env |= {"AUTOGRADER": str(home), "UV_OFFLINE": "1"}
    setup = subprocess.run(
        ["bash", str(home / "source" / "setup.sh")], cwd=home, env=env, capture_output=True, text=True, timeout=600
    )
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-2000:]
    assert (home / "source" / ".venv").is_dir(), "setup.sh made no environment in source/"
    for base, score, verdict in (("solution", 100, "00-welcome: 100"), ("starter", 0, "00-welcome: not attempted")):
        _upload(home, base)
        run = subprocess.run(
            [str(home / "run_autograder")], cwd=home, env=env, capture_output=True, text=True, timeout=600
        )
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        results = json.loads((home / "results" / "results.json").read_text())
        assert (results["score"], results["max_score"]) == (score, 100), results.get("output")
        assert verdict in results["output"], results["output"]


def test_the_outside_judge_refuses_a_copy_without_reference_solutions(tmp_path, monkeypatch):
    # A learner copy or an exported autograder holds no solutions/<id>/inkwell/ for the judge to run.
    monkeypatch.setattr(Kata, "has_solution", property(lambda kata: False))
    submission(tmp_path / "room" / "ada", base="starter")
    result = _kata("grade", str(tmp_path / "room"), *FAST, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "reference solution" in result.output and "--judge process" in result.output, result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
