"""Without bubblewrap, `kata grade` refuses to run untrusted code and says how to go on; `kata
doctor` names the missing sandbox without failing a learner's laptop over it."""

from __future__ import annotations

from typer.testing import CliRunner

from checker import bubblewrap
from checker.cli.main import app
from tests.grading.conftest import KATA, submission


def _without_bwrap(monkeypatch, tmp_path) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert bubblewrap.find() is None


def test_grade_refuses_without_the_sandbox_and_names_the_fix(sandbox, tmp_path, monkeypatch):
    submission(tmp_path / "room" / "ada", base="solution")
    _without_bwrap(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, ["grade", str(tmp_path / "room"), "--katas", KATA, "--out", str(tmp_path / "out")])
    assert result.exit_code != 0 and "Traceback" not in result.output, result.output
    said = " ".join(result.output.split())
    assert "bubblewrap (bwrap) is not installed" in said and "apt-get install bubblewrap" in said, said
    assert "--unconfined" in said, said
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_doctor_notes_the_missing_sandbox_but_stays_ready(sandbox, tmp_path, monkeypatch):
    _without_bwrap(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, ["doctor"])
    assert "grading sandbox" in result.output and "needed by `kata grade` only" in result.output, result.output
    assert "Ready." in result.output and result.exit_code == 0, result.output
