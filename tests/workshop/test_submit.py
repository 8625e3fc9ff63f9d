"""`kata submit`: one zip of the learner's katas with a manifest that `kata grade` reads."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest

from checker.grading.intake import learner_name


def _zip(sandbox, name="ada-lovelace"):
    return zipfile.ZipFile(sandbox / f"submission-{name}.zip")


def test_submit_writes_one_zip_of_the_kata_packages_and_a_manifest(kata, sandbox):
    result = kata("submit", "--name", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    assert "submission-ada-lovelace.zip" in result.output and "never checked" in result.output
    with _zip(sandbox) as bundle:
        names = bundle.namelist()
        manifest = json.loads(bundle.read("submission.json"))
        assert "katas/00-welcome/inkwell/text.py" in names
        for arc, digest in manifest["files"].items():
            assert hashlib.sha256(bundle.read(arc)).hexdigest() == digest, f"{arc}: the hash does not match"
    assert set(names) == {"submission.json", *manifest["files"]}
    assert manifest["learner"] == "Ada Lovelace" and manifest["katas"] == ["00-welcome"]
    assert manifest["tool"] == {"name": "inkwell-katas", "version": "0.1.0"}
    assert manifest["checks"] == {"00-welcome": None}
    assert len(manifest["digest"]) == 64 and manifest["created_at"]


def test_the_manifest_carries_the_last_local_check(kata, sandbox):
    kata("check", "00-welcome")
    kata("submit", "--name", "Ada Lovelace")
    with _zip(sandbox) as bundle:
        last = json.loads(bundle.read("submission.json"))["checks"]["00-welcome"]
    assert last["score"] == 7.5 and last["complete"] is False
    assert last["tasks_failing"] == [1, 2, 3, 4] and last["at"]


def test_backups_progress_caches_and_tests_stay_out_of_the_zip(kata, sandbox):
    kata("reset", "00-welcome", "--yes")  # leaves a backup under .kata/backups
    package = sandbox / "katas" / "00-welcome" / "inkwell"
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "text.cpython-311.pyc").write_bytes(b"\0")
    (package / ".pytest_cache").mkdir()
    (package / ".pytest_cache" / "v").write_text("x")
    (package / ".kata").mkdir()
    (package / ".kata" / "old.py").write_text("x = 1")
    (package / "stray.pyc").write_bytes(b"\0")
    assert list((sandbox / ".kata" / "backups").rglob("*.py")), "the reset left no backup to leave out"
    result = kata("submit", "--name", "Ada")
    assert result.exit_code == 0, result.output
    with _zip(sandbox, "ada") as bundle:
        names = bundle.namelist()
    assert not [n for n in names if ".kata" in n or "cache" in n or n.endswith(".pyc")], names
    assert not [n for n in names if "/tests/" in n], "the public tests are the grader's, not the learner's"


def test_submitting_again_replaces_the_zip(kata, sandbox):
    kata("submit", "--name", "Ada")
    (sandbox / "katas" / "00-welcome" / "inkwell" / "extra.py").write_text("ANSWER = 42\n")
    kata("submit", "--name", "Ada")
    with _zip(sandbox, "ada") as bundle:
        assert "katas/00-welcome/inkwell/extra.py" in bundle.namelist()
    assert [p.name for p in sandbox.glob("submission-*")] == ["submission-ada.zip"]


def test_without_a_name_and_without_a_terminal_submit_asks_for_one(kata, sandbox):
    result = kata("submit")
    assert result.exit_code == 2 and "--name" in result.output
    assert not list(sandbox.glob("*.zip"))


def test_the_grader_reads_the_learner_name_from_the_zip(kata, sandbox, tmp_path):
    kata("submit", "--name", "Grace Hopper", "--out", str(tmp_path / "handed-in"))
    with zipfile.ZipFile(tmp_path / "handed-in" / "submission-grace-hopper.zip") as bundle:
        bundle.extractall(tmp_path / "unpacked")
    assert learner_name(tmp_path / "unpacked") == "Grace Hopper"


@pytest.mark.grades  # grades the submission through kata grade
def test_a_solved_kata_submitted_is_graded_full_marks_under_the_learner_name(kata, sandbox, tmp_path):
    solution = sandbox / "solutions" / "00-welcome" / "inkwell"
    shutil.rmtree(sandbox / "katas" / "00-welcome" / "inkwell")
    shutil.copytree(solution, sandbox / "katas" / "00-welcome" / "inkwell")
    kata("submit", "--name", "Ada Lovelace", "--out", str(tmp_path / "inbox"))
    result = kata("grade", str(tmp_path / "inbox"), "--out", str(tmp_path / "grades"), "--json")
    assert result.exit_code == 0, result.output
    gradebook = (tmp_path / "grades" / "gradebook.csv").read_text(encoding="utf-8")
    assert "Ada Lovelace" in gradebook, gradebook
    row = next(line for line in gradebook.splitlines() if "Ada Lovelace" in line)
    assert ",100,100,100," in row, row
