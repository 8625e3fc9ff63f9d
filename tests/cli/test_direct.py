"""`uv run pytest katas/<id>/tests`: a Python developer's habit works, on the learner's own package."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.processes  # starts pytest in new processes


def _pytest(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_katas_public_tests_run_directly_against_the_starter():
    done = _pytest("katas/00-welcome/tests")
    assert "kata_tests" not in done.stdout + done.stderr, done.stdout[-2000:] + done.stderr[-2000:]
    assert done.returncode == 1 and " failed" in done.stdout and " passed" in done.stdout, done.stdout[-2000:]


def test_the_hidden_suite_runs_directly_against_the_reference_from_inside_its_folder():
    done = _pytest("hidden", cwd=ROOT / "solutions" / "00-welcome")
    assert done.returncode == 0 and " passed" in done.stdout and "failed" not in done.stdout, (
        done.stdout[-2000:] + done.stderr[-2000:]
    )


def test_kata_check_inside_a_kata_folder_checks_that_kata(tmp_path, monkeypatch):
    import shutil

    from checker.cli.context import Project

    for kata_id in ("00-welcome", "01-layering"):
        shutil.copytree(ROOT / "katas" / kata_id, tmp_path / "katas" / kata_id)
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    here = Project(tmp_path)
    monkeypatch.chdir(tmp_path / "katas" / "01-layering" / "inkwell")
    assert here.here_or_current().id == "01-layering", "inside a kata's folder, that kata is meant"
    monkeypatch.chdir(tmp_path)
    assert here.here_or_current().id == "00-welcome", "elsewhere, the current kata"
