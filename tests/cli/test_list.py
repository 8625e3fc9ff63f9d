import json


def test_list_shows_each_kata_with_status_tasks_and_time(kata):
    result = kata("list")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if "00-welcome" in line)
    assert "→" in line and "4" in line and "25 min" in line and "not started" in line, result.output
    assert "Next: uv run kata check 00-welcome" in result.output


def test_list_as_json_names_the_next_kata_and_every_task(kata):
    data = json.loads(kata("list", "--json").output)
    assert data["next"] == "00-welcome"
    assert [t["number"] for t in data["katas"][0]["tasks"]] == [1, 2, 3, 4]
    assert data["katas"][0]["status"] == "not started"


def test_list_shows_the_best_score_after_a_check(kata):
    kata("check", "00-welcome")
    assert "7.5/100" in kata("list").output
