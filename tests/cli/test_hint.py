def test_hints_come_level_by_level_and_are_recorded(kata):
    first = kata("hint", "00-welcome", "--task", "2")
    second = kata("hint", "00-welcome", "--task", "2")
    assert "hint 1 of 3" in first.output and "hint 2 of 3" in second.output
    assert "NFKD" in second.output


def test_without_a_task_the_hint_is_for_the_first_failing_task(kata):
    kata("check", "00-welcome")
    assert "task 1: Normalise emails" in kata("hint", "00-welcome").output


def test_the_last_level_points_to_the_solution(kata):
    result = kata("hint", "00-welcome", "--task", "1", "--level", "3")
    assert "hint 3 of 3" in result.output and "uv run kata solution 00-welcome" in result.output


def test_a_level_that_does_not_exist_is_a_clear_error(kata):
    result = kata("hint", "00-welcome", "--task", "1", "--level", "9")
    assert result.exit_code == 2 and "hint levels 1 to 3; 9 is not one" in result.output


def test_a_task_that_does_not_exist_is_a_clear_error(kata):
    result = kata("hint", "00-welcome", "--task", "7")
    assert result.exit_code == 2 and "has tasks 1 to 4; there is no task 7" in result.output
