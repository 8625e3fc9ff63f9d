def test_kata_without_a_command_shows_progress_then_checks_the_current_kata(kata):
    result = kata()
    assert "Next: uv run kata check 00-welcome" in result.output
    assert "00-welcome  Welcome to Inkwell" in result.output and "7.5/100" in result.output
    assert result.exit_code == 1


def test_lab_without_a_notebook_is_a_clear_error(kata):
    result = kata("lab", "00-welcome")
    assert result.exit_code == 2 and "has no notebook" in result.output


def test_outside_a_project_the_command_says_where_to_run_it(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from checker.cli.main import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 2 and "No kata catalog found" in result.output
