"""Finding the submissions behind the paths a reviewer gives."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from checker.grading.archive import Refused
from checker.grading.intake import (
    discover,
    find_root,
    kata_folders,
    learner_name,
    manifest_mismatches,
    materialize,
    starter_digest,
    untouched,
)
from tests.grading.conftest import KATA, submission, zipped

IDS = [KATA, "01-layering"]


def test_a_folder_of_submissions_yields_each_folder_and_zip(tmp_path):
    submission(tmp_path / "room" / "ada")
    zipped(submission(tmp_path / "z"), tmp_path / "room" / "bob.zip")
    (tmp_path / "room" / ".hidden").mkdir()
    found = discover([str(tmp_path / "room")], IDS)
    assert [(s.name, s.kind) for s in found] == [("ada", "folder"), ("bob", "zip")]


def test_a_folder_holding_kata_folders_is_one_submission(tmp_path):
    (tmp_path / "ada" / KATA / "inkwell").mkdir(parents=True)
    assert [s.name for s in discover([str(tmp_path / "ada")], IDS)] == ["ada"]


def test_one_treats_any_folder_as_a_single_submission(tmp_path):
    (tmp_path / "upload" / "inkwell").mkdir(parents=True)
    assert [s.kind for s in discover([str(tmp_path / "upload")], IDS, one=True)] == ["folder"]


def test_names_that_collide_are_made_unique(tmp_path):
    submission(tmp_path / "a" / "ada")
    submission(tmp_path / "b" / "ada")
    found = discover([str(tmp_path / "a" / "ada"), str(tmp_path / "b" / "ada")], IDS)
    assert [s.name for s in found] == ["ada", "ada-2"]


def test_a_missing_path_is_refused(tmp_path):
    with pytest.raises(Refused, match="does not exist"):
        discover([str(tmp_path / "nope")], IDS)


def test_a_zip_wrapping_one_folder_is_found_inside_it(tmp_path):
    zipped(submission(tmp_path / "w" / "ada-work"), tmp_path / "ada.zip")
    [source] = discover([str(tmp_path / "ada.zip")], IDS)
    root = materialize(source, tmp_path / "private", IDS)
    assert (root / "katas" / KATA / "inkwell").is_dir()


def test_the_learner_is_named_by_the_submission_manifest(tmp_path):
    submission(tmp_path / "s", files={"submission.json": '{"learner": "Ada Lovelace", "katas": ["00-welcome"]}'})
    assert learner_name(find_root(tmp_path / "s", IDS)) == "Ada Lovelace"
    assert learner_name(tmp_path) is None


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_repository_is_cloned_at_its_last_commit(tmp_path):
    repo = submission(tmp_path / "ada")
    git = ["git", "-C", str(repo), "-c", "user.name=a", "-c", "user.email=a@b.c"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "work"], check=True)
    (repo / "katas" / KATA / "inkwell" / "uncommitted.py").write_text("")
    bare = tmp_path / "ada.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    [source] = discover([str(bare)], IDS)
    assert (source.name, source.kind) == ("ada", "git")
    root = materialize(source, tmp_path / "private", IDS)
    assert (root / "katas" / KATA / "inkwell" / "text.py").is_file()
    assert not (root / "katas" / KATA / "inkwell" / "uncommitted.py").exists()
    assert not (root / ".git").exists()


def test_files_edited_after_kata_submit_are_listed(tmp_path):
    root = submission(tmp_path / "s")
    text = f"katas/{KATA}/inkwell/text.py"
    digest = hashlib.sha256((root / text).read_bytes()).hexdigest()
    files = {text: digest, f"katas/{KATA}/inkwell/gone.py": digest}
    (root / "submission.json").write_text(json.dumps({"learner": "Ada", "files": files}))
    assert manifest_mismatches(root) == [f"katas/{KATA}/inkwell/gone.py:1 is listed in submission.json but missing"]
    (root / text).write_text("edited = True\n")
    assert f"{text}:1 differs from the SHA-256 in submission.json" in manifest_mismatches(root)


def test_a_manifest_cannot_make_the_grader_hash_files_outside_the_submission(tmp_path):
    # An oracle: "/etc/hostname" with its true digest would read as a match, telling the submitter its content.
    root = submission(tmp_path / "s")
    host = "/etc/hostname" if __import__("os").path.exists("/etc/hostname") else "/etc/passwd"
    digest = hashlib.sha256(open(host, "rb").read()).hexdigest()
    (root / "submission.json").write_text(json.dumps({"files": {host: digest, "../outside.txt": digest}}))
    found = manifest_mismatches(root)
    assert all("lies outside the submission" in line for line in found) and len(found) == 2, found


def test_two_submissions_claiming_one_learner_name_are_flagged():
    from checker.grading.batch import _flag_shared_names
    from checker.grading.model import SubmissionGrade

    grades = [SubmissionGrade(n, n, "folder", learner=who) for n, who in [("a", "Ada"), ("b", "ada"), ("c", "Bob")]]
    _flag_shared_names(grades)
    assert [bool(g.review) for g in grades] == [True, True, False]
    assert "claims the learner name" in grades[0].review[0]


def test_a_repository_over_the_size_cap_is_refused_before_any_file_is_written(tmp_path):
    from checker.grading.archive import Caps

    repo = submission(tmp_path / "big")
    (repo / "katas" / KATA / "inkwell" / "blob.bin").write_bytes(b"\0" * 300_000)
    git = ["git", "-C", str(repo), "-c", "user.name=a", "-c", "user.email=a@b.c"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "work"], check=True)
    bare = tmp_path / "big.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    [source] = discover([str(bare)], IDS)
    with pytest.raises(Refused, match="over the 100,000 a submission may hold"):
        materialize(source, tmp_path / "private", IDS, Caps(max_bytes=100_000))
    staged = tmp_path / "private-git"
    written = [p for p in staged.rglob("*") if p.is_file() and ".git" not in p.parts] if staged.exists() else []
    assert not written, f"files were checked out before the refusal: {written}"


def test_a_kata_folder_given_as_the_path_is_one_submission_of_that_kata(tmp_path, grading_catalog):
    submission(tmp_path / "ada")
    [source] = discover([str(tmp_path / "ada" / "katas" / KATA)], IDS)
    assert (source.name, source.kind) == ("ada", "folder"), "the kata folder's inkwell/ and tests/ became submissions"
    root = materialize(source, tmp_path / "private", IDS)
    katas = [grading_catalog.get(KATA), grading_catalog.get("01-layering")]
    found = kata_folders(root, katas)
    assert found[KATA] is not None and (found[KATA] / "inkwell" / "text.py").is_file()
    assert found["01-layering"] is None


def test_a_package_given_as_the_path_is_one_submission(tmp_path, grading_catalog):
    package = submission(tmp_path / "ada") / "katas" / KATA / "inkwell"
    [source] = discover([str(package)], IDS)
    assert source.name == "ada"
    root = materialize(source, tmp_path / "private", IDS)
    assert kata_folders(root, [grading_catalog.get(KATA)]) == {KATA: root}


def test_a_bare_package_is_graded_as_the_kata_whose_starter_it_resembles(tmp_path, grading_catalog):
    upload = tmp_path / "upload"
    shutil.copytree(grading_catalog.get("01-layering").starter, upload / "inkwell")
    assert [s.name for s in discover([str(upload)], IDS)] == ["upload"]
    katas = [grading_catalog.get(k) for k in (KATA, "01-layering", "02-result")]
    assert kata_folders(upload, katas) == {KATA: None, "01-layering": upload, "02-result": None}


def test_a_bare_package_that_names_no_kata_is_refused_with_what_to_do(tmp_path, grading_catalog):
    (tmp_path / "upload" / "inkwell").mkdir(parents=True)
    (tmp_path / "upload" / "inkwell" / "mine.py").write_text("x = 1\n")
    katas = [grading_catalog.get(k) for k in (KATA, "01-layering")]
    with pytest.raises(Refused, match="names no kata: grade it with --katas <id>"):
        kata_folders(tmp_path / "upload", katas)


def test_the_shipped_starter_is_untouched_and_any_edit_is_an_attempt(tmp_path, grading_catalog):
    kata = grading_catalog.get(KATA)
    starter = starter_digest(kata)
    assert starter is not None, "no shipped starter found for 00-welcome"
    copy = submission(tmp_path / "s", base="starter") / "katas" / KATA
    assert untouched(copy, kata, starter)
    text = copy / "inkwell" / "text.py"
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))  # the same starter, zipped on Windows
    (copy / "inkwell" / "__pycache__").mkdir()
    (copy / "inkwell" / "__pycache__" / "text.cpython-311.pyc").write_bytes(b"\0")
    assert untouched(copy, kata, starter)
    text.write_text(text.read_text() + "\n# started\n")
    assert not untouched(copy, kata, starter)
    assert not untouched(copy, kata, None), "with no starter known, every kata is graded"


def test_a_learner_who_did_one_kata_of_six_is_graded_out_of_one_hundred():
    # `kata submit` zips every kata folder: five untouched starters are not five katas handed in.
    from checker.grading.batch import _handed_in
    from checker.grading.model import KataGrade, SubmissionGrade

    ids = [KATA, "01-layering", "02-result", "03-n-plus-one", "04-indexing", "05-authorization"]
    grade = SubmissionGrade("ada", "ada.zip", "zip")
    grade.katas = {k: KataGrade(k, "unchanged", reasons=["the starter"]) for k in ids}
    grade.katas[KATA] = KataGrade(KATA, "graded", 100.0)
    assert _handed_in(ids, [grade]) == [KATA]
    assert (grade.total, list(grade.katas), grade.status) == (100.0, [KATA], "ok")
