import json

from tests.conftest import ROOT


def test_check_on_the_starter_reports_each_task_with_its_first_failure_and_hint(kata):
    result = kata("check", "00-welcome")
    assert result.exit_code == 1, result.output
    assert "00-welcome" in result.output and "7.5/100" in result.output
    assert "✗ 1  Normalise emails" in result.output
    assert "expected: 'ada@example.com'" in result.output
    assert "hint: uv run kata hint 00-welcome --task 1  (level 1 of 3)" in result.output
    assert "Traceback" not in result.output


def test_check_of_the_solution_copy_prints_a_clean_pass_and_exits_zero(cold_kata, sandbox):
    # A cold check, as `uv run kata check` starts it; the other tests fork the session's warm worker.
    result = cold_kata("check", "00-welcome", "--path", str(sandbox / "solutions" / "00-welcome"))
    assert result.exit_code == 0, result.output
    assert "100/100" in result.output and "All 4 tasks pass." in result.output
    assert "✗" not in result.output


def test_check_as_json_prints_one_object_with_a_top_level_score(kata):
    result = kata("check", "00-welcome", "--json")
    data = json.loads(result.output)
    assert data["score"] == 7.5 and data["max_score"] == 100 and data["complete"] is False
    assert {t["number"]: t["earned"] for t in data["tasks"]} == {1: 0, 2: 1.5, 3: 2, 4: 4}
    assert all({"id", "task", "points", "outcome", "message"} <= set(t) for t in data["tests"])


def test_an_unknown_kata_gets_the_valid_ids_and_a_did_you_mean(kata):
    result = kata("check", "00-welcom")
    assert result.exit_code == 2
    assert "There is no kata '00-welcom'. Did you mean 00-welcome?" in result.output
    assert "Traceback" not in result.output


def test_a_path_without_the_package_is_a_clear_error(kata, tmp_path):
    result = kata("check", "00-welcome", "--path", str(tmp_path))
    assert result.exit_code == 2
    assert "holds no inkwell/ package" in result.output and "katas/00-welcome/" in result.output


def test_only_checks_of_your_own_folder_count_as_progress(kata, sandbox):
    kata("check", "00-welcome", "--path", str(sandbox / "solutions" / "00-welcome"))
    assert "not started" in kata("list").output
    assert not (ROOT / "katas" / "00-welcome" / ".kata").exists()


def test_printed_commands_run_where_the_user_is(monkeypatch, tmp_path):
    from checker.cli.context import invocation

    monkeypatch.setenv("UV_RUN_RECURSION_DEPTH", "1")
    assert invocation() == "uv run kata", "under uv run, a fresh shell has no kata on its PATH"
    monkeypatch.delenv("UV_RUN_RECURSION_DEPTH")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert invocation() == "uv run kata", "with no kata on the PATH, only uv run finds it"
    script = tmp_path / "kata"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert invocation() == "kata", "an activated venv or an installed tool runs kata as typed"


def test_an_error_meant_for_a_person_is_one_line_and_never_a_traceback(monkeypatch, capsys):
    from checker.cli import list_cmd, main
    from checker.errors import KataError

    def broken() -> None:
        raise KataError("katas/00-welcome/kata.toml: field 'minutes' is 0; expected a whole number of at least 1.")

    monkeypatch.setattr(list_cmd, "project", broken)  # an error no command catches itself
    monkeypatch.setattr("sys.argv", ["kata", "list"])
    try:
        main.run()
    except SystemExit as done:
        assert done.code == 2, done.code
    err = capsys.readouterr().err
    assert err.strip().startswith("error: katas/00-welcome/kata.toml") and "Traceback" not in err, err
